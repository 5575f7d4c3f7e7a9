"""Hours of a working week, as texts state them ("72 hours a week", "80-hour weeks",
"주 80시간"): the fact `work_hours_per_week`, the excessive-overtime finding it makes past
the 60-hour ceiling of norms.yaml, and the hours-per-week figure it gives the assessment.
Weeks that are a limit, a rule or overtime alone are not what anyone worked."""

import pytest

from unfree.assess import derive_figures
from unfree.facts import extract_facts
from unfree.indicators import find_indicators

WORKED = [
    ("en", "Most of the pickers said they worked 72 hours a week in peak season.", 72),
    ("en", "Drivers on the night route routinely put in 80-hour weeks.", 80),
    ("en", "He told us he had once done a 100-hour week before collapsing.", 100),
    ("en", "A working week of 84 hours left them no time to see a doctor.", 84),
    ("nl", "In de kassen werkten we zeventig uur per week.", 70),
    ("nl", "Ze maakten werkweken van 80 uur zonder toeslag.", 80),
    ("de", "Auf der Baustelle arbeiteten wir 70 Stunden pro Woche.", 70),
    ("de", "Sie mussten wöchentlich 60 Stunden arbeiten.", 60),
    ("de", "Eine 80-Stunden-Woche war für die Fahrer normal.", 80),
    ("fr", "Nous travaillions 70 heures par semaine à l'atelier.", 70),
    ("fr", "Elles enchaînaient des semaines de 80 heures.", 80),
    ("es", "En la finca trabajábamos 72 horas a la semana.", 72),
    ("es", "Denunciaron jornadas de 70 horas semanales.", 70),
    ("ru", "На стройке мы работали по 80 часов в неделю.", 80),
    ("ko", "공장에서 주 80시간을 일했다.", 80),
    ("ko", "일주일에 70시간씩 일했다고 말했다.", 70),
]

NOT_WORKED = [
    ("en", "Overtime is capped at eight extra hours a week."),  # overtime alone
    ("en", "The law limits work to 48 hours a week, and 60 with overtime."),
    ("en", "Under the collective agreement the maximum is 50 hours a week."),  # a rule
    ("en", "Its 400 direct employees work a 39-hour week."),  # within the norm
    ("en", "Students said they study 60 hours a week before exams."),  # no work
    ("en", "No worker may do more than 60 hours a week at most."),
    ("nl", "De wet staat maximaal 50 uur per week toe."),
    ("de", "Das Gesetz erlaubt höchstens 60 Stunden pro Woche."),
    ("fr", "La loi plafonne la durée du travail à 60 heures par semaine."),
    ("es", "La ley fija un máximo de 60 horas semanales."),
    ("ru", "Продолжительность не может превышать 60 часов в неделю."),
    ("ko", "근로시간은 주 52시간 이내로 제한된다."),
]


def week_hours(text: str, lang: str) -> list[float]:
    return [f.value for f in extract_facts(text, lang)
            if f.kind == "work_hours_per_week" and f.value is not None]


@pytest.mark.parametrize(("lang", "text", "hours"), WORKED)
def test_a_stated_week_is_read(lang: str, text: str, hours: float) -> None:
    assert week_hours(text, lang) == [hours]


@pytest.mark.parametrize(("lang", "text"), NOT_WORKED)
def test_a_limit_a_rule_or_overtime_is_no_week_worked(lang: str, text: str) -> None:
    assert week_hours(text, lang) == []


def test_a_long_week_is_excessive_overtime_and_a_short_one_is_not() -> None:
    text = "They worked 72 hours a week. Later they worked 55 hours a week."
    facts = extract_facts(text, "en")
    assert [f.value for f in facts if f.kind == "work_hours_per_week"] == [72, 55]
    findings = find_indicators(text, "en", facts)
    assert [(f.indicator, f.rule, f.quote) for f in findings] == [
        ("excessive_overtime", "norm.hours_per_week", "They worked 72 hours a week.")]


def test_the_figure_cites_the_stated_week_unless_day_and_days_are_known() -> None:
    text = "They worked 72 hours a week and were paid 300 dollars a month."
    facts = extract_facts(text, "en")
    figures = {f["name"]: f for f in derive_figures(facts)}
    week = figures["hours_per_week"]
    assert week["value"] == 72 and week["exceeds_norm"] is True
    assert [facts[i].kind for i in week["facts"]] == ["work_hours_per_week"]
    hourly = figures["effective_hourly_wage"]
    assert hourly["value"] == pytest.approx(300 / (72 * 4.345), abs=0.01)
    assert sorted(facts[i].kind for i in hourly["facts"]) == ["wage", "work_hours_per_week"]
    # Hours a day times days a week, when the text gives them, come first.
    both = extract_facts("They worked 12 hours a day, six days a week, 80 hours a week in "
                         "the busy season.", "en")
    week = {f["name"]: f for f in derive_figures(both)}["hours_per_week"]
    assert week["value"] == 72
    assert sorted(both[i].kind for i in week["facts"]) == ["work_days_per_week",
                                                            "work_hours_per_day"]
