"""Two words that mean a practice only in context, in every language: guards (they restrict
movement when they keep people in, not when they watch goods or a museum) and fines (an
employer's fine withholds wages; a parking ticket or a library's does not). Plus German's
"man ließ uns nicht gehen", a restriction only under its negation.

Every sentence is written for these tests.
"""

import pytest
from lexicon_checks import indicators_in

MOVEMENT = "restriction_of_movement"
WAGES = "withholding_of_wages"

GUARDS_KEEPING_PEOPLE_IN = [
    ("en", "Armed guards patrolled the camp day and night."),
    ("en", "Guards stood at every exit of the dormitory."),
    ("de", "Bewaffnete Wachleute patrouillierten Tag und Nacht um das Lager."),
    ("nl", "Gewapende bewakers patrouilleerden dag en nacht rond het kamp."),
    ("fr", "Des gardiens armés surveillaient le camp jour et nuit."),
    ("es", "Guardias armados vigilaban el campamento día y noche."),
    ("ru", "Вооружённые охранники круглосуточно патрулировали лагерь."),
    ("ko", "무장한 경비원들이 밤낮으로 숙소를 지켰다."),
]

GUARDS_ELSEWHERE = [
    ("en", "Security guards checked the lorries for stolen goods at the gate."),
    ("en", "The guards at the bank wore blue uniforms."),
    ("de", "Die Wachleute kontrollierten die Lastwagen auf gestohlene Ware."),
    ("nl", "De bewakers van het museum droegen een blauw uniform."),
    ("fr", "Des hommes armés ont attaqué un convoi près de la frontière."),
    ("fr", "Les gardiens du musée portaient un uniforme bleu."),
    ("es", "Hombres armados asaltaron un banco en el centro."),
    ("ru", "Охранники банка были в синей форме."),
    ("ru", "Вооружённые люди напали на колонну у границы."),
    ("ko", "은행 경비원들은 파란 제복을 입고 있었다."),
]

FINES_NOT_AN_EMPLOYERS = [
    ("en", "He paid a $40 parking fine last week."),
    ("de", "Er zahlte 40 Euro Strafe, weil er falsch geparkt hatte."),
    ("nl", "Hij betaalde een boete van 50 euro omdat hij te hard reed."),
    ("fr", "Il a payé une amende de 35 euros pour stationnement interdit."),
    ("es", "Le pusieron una multa de 90 euros por aparcar mal."),
    ("ru", "Он заплатил штраф 500 рублей за парковку."),
    ("ko", "그는 주차 위반으로 벌금 5만 원을 냈다."),
]


@pytest.mark.parametrize(("lang", "text"), GUARDS_KEEPING_PEOPLE_IN)
def test_guards_who_keep_people_in_restrict_movement(lang: str, text: str) -> None:
    assert MOVEMENT in indicators_in(text, lang)


@pytest.mark.parametrize(("lang", "text"), GUARDS_ELSEWHERE)
def test_guards_of_goods_banks_and_museums_restrict_nothing(lang: str, text: str) -> None:
    assert MOVEMENT not in indicators_in(text, lang)


@pytest.mark.parametrize(("lang", "text"), FINES_NOT_AN_EMPLOYERS)
def test_traffic_fines_withhold_no_wages(lang: str, text: str) -> None:
    assert WAGES not in indicators_in(text, lang)


def test_an_employers_fine_still_withholds_wages() -> None:
    assert WAGES in indicators_in("The boss fined us $20 from our pay for every break.", "en")
    assert WAGES in indicators_in("Für jede Pause zog der Chef uns 20 Euro Strafe vom Lohn ab.", "de")


def test_german_let_go_is_a_restriction_only_under_a_negation() -> None:
    assert MOVEMENT in indicators_in("Man ließ uns nicht gehen.", "de")
    assert MOVEMENT in indicators_in("Sie ließen uns nie nach Hause fahren.", "de")
    assert MOVEMENT not in indicators_in("Sie ließen uns nach der Schicht nach Hause gehen.", "de")
    # "sich gehen lassen" is losing one's composure, not being held.
    assert MOVEMENT not in indicators_in("Er ließ sich nicht gehen, obwohl er müde war.", "de")


@pytest.mark.parametrize(("lang", "worked", "watched"), [
    ("en", "We worked around the clock.", "Guards patrolled the camp around the clock."),
    ("ru", "Мы работали круглосуточно.", "Охранники круглосуточно патрулировали лагерь."),
    ("de", "Wir arbeiteten rund um die Uhr.", "Kameras überwachten das Gelände rund um die Uhr."),
])
def test_around_the_clock_is_a_working_day_only_when_people_work(
        lang: str, worked: str, watched: str) -> None:
    from unfree.facts import extract_facts

    assert [(f.kind, f.value) for f in extract_facts(worked, lang)] == [("work_hours_per_day", 24)]
    assert extract_facts(watched, lang) == []
    assert "excessive_overtime" not in indicators_in(watched, lang)
