"""Indicators as reports, court summaries and news write them, in every language: deductions
for upkeep, wages paid into accounts the employer controls, those who tried to leave brought
back, passes needed to leave, not speaking the language, sexual abuse in a subordinate
clause; and the everyday sentences next to them that must stay unlabelled (tax withheld by
law, a pay rise, a sports score).

Every sentence is written for these tests.
"""

import pytest
from lexicon_checks import indicators_in

MOVEMENT = "restriction_of_movement"
WAGES = "withholding_of_wages"
VULNERABILITY = "abuse_of_vulnerability"

ASSERTED = [
    ("en", WAGES, "Deductions for food and lodging left them with almost nothing at the end of the month."),
    ("de", WAGES, "Für Unterkunft und Verpflegung wurde so viel abgezogen, dass am Monatsende kaum etwas übrig blieb."),
    ("nl", WAGES, "Na inhoudingen voor huisvesting en eten bleef er aan het eind van de maand bijna niets over."),
    ("fr", WAGES, "Les retenues pour le logement et la nourriture ne leur laissaient presque rien à la fin du mois."),
    ("es", WAGES, "Los descuentos por alojamiento y comida les dejaban casi sin nada a final de mes."),
    ("ru", WAGES, "После вычетов за жильё и питание к концу месяца почти ничего не оставалось."),
    ("de", WAGES, "Die Löhne wurden auf Konten überwiesen, über die nur die Firma verfügte."),
    ("nl", WAGES, "De lonen werden gestort op rekeningen die door het bedrijf werden beheerd."),
    ("fr", WAGES, "Les salaires étaient versés sur des comptes contrôlés par l'entreprise."),
    ("es", WAGES, "Los sueldos se ingresaban en cuentas controladas por la empresa."),
    ("en", MOVEMENT, "Workers who tried to leave were brought back by the police."),
    ("de", MOVEMENT, "Wer zu fliehen versuchte, wurde von der Polizei zurückgebracht."),
    ("nl", MOVEMENT, "Wie probeerde te vluchten, werd door de politie teruggebracht."),
    ("fr", MOVEMENT, "Ceux qui tentaient de s'enfuir étaient ramenés par la police."),
    ("es", MOVEMENT, "Los que intentaban escapar eran devueltos por la policía."),
    ("en", MOVEMENT, "They needed a written pass from the supervisor to leave the plantation."),
    ("de", MOVEMENT, "Um die Plantage zu verlassen, brauchten sie einen schriftlichen Passierschein des Aufsehers."),
    ("nl", MOVEMENT, "Om de kwekerij te verlaten hadden ze een schriftelijke toestemming van de opzichter nodig."),
    ("en", VULNERABILITY, "Because they spoke no Swedish, they could not ask anyone for help."),
    ("de", VULNERABILITY, "Da sie kein Deutsch sprachen, konnten sie niemanden um Hilfe bitten."),
    ("nl", VULNERABILITY, "Omdat ze geen Nederlands spraken, konden ze niemand om hulp vragen."),
    ("es", VULNERABILITY, "Como no hablaban español, no podían pedir ayuda a nadie."),
    ("de", VULNERABILITY, "Der Arbeitgeber nutzte ihren ungeklärten Aufenthaltsstatus aus."),
    ("en", "deception", "The contract they signed in their home country bore no resemblance to the work they found."),
    ("fr", "intimidation_and_threats", "Le directeur a prévenu que leurs familles au pays en subiraient les conséquences si quelqu'un parlait aux journalistes."),
    ("nl", "physical_and_sexual_violence", "Meerdere vrouwen meldden dat de voorman hen seksueel had misbruikt."),
    ("de", "abusive_working_and_living_conditions", "Sie versprühten Pestizide ohne jede Schutzausrüstung."),
    ("ko", "excessive_overtime", "초과 근무는 강제였다."),
    ("es", WAGES, "Les retienen a los jornaleros una semana de salario."),
    ("es", WAGES, "Los obligan a dejar en garantía el salario de la primera semana."),
    ("es", WAGES, "En el segundo mes el patrón cesó los pagos."),
    ("de", WAGES, "Im zweiten Monat hörte er auf, sie zu bezahlen."),
    ("de", WAGES, "Im zweiten Monat stellte er die Zahlungen ein."),
    ("nl", WAGES, "In de tweede maand stopte hij met betalen."),
    ("fr", WAGES, "Le deuxième mois, il a cessé de les payer."),
    ("ru", WAGES, "Со второго месяца он перестал им платить."),
    ("es", "retention_of_identity_documents", "Los jornaleros están obligados a entregar su identificación."),
    ("es", MOVEMENT, "Cierran el portón a las ocho, así que ningún jornalero puede salir hasta el amanecer."),
    ("es", "abusive_working_and_living_conditions", "Duermen dos en cada colchoneta."),
    ("de", "intimidation_and_threats", "Der Chef drohte mit der Polizei."),
    ("de", "debt_bondage", "Schon für die Anwerbung müssen sie hohe Gebühren bezahlen und sich verschulden."),
    # A verdict after a semicolon leaves the claim before it standing.
    ("es", "retention_of_identity_documents", "Les quitaron los pasaportes al llegar; dijo que esto es una forma de esclavitud."),
]

NOT_ASSERTED = [
    ("en", "The company deducted tax and social security contributions as required by law."),
    ("de", "Die Firma zog Steuern und Sozialabgaben wie gesetzlich vorgeschrieben ab."),
    ("nl", "Het bedrijf hield loonbelasting en premies in zoals de wet voorschrijft."),
    ("en", "The union negotiated a pay rise of 4% for all warehouse staff."),
    ("fr", "Le syndicat a obtenu une hausse de salaire de 4 % pour tous les employés de l'entrepôt."),
    ("en", "He spoke no more about the incident."),
    ("en", "Meals were served in the canteen at noon."),
    ("en", "The home side scored twice in the last ten minutes and won in front of a full stadium."),
    ("en", "She left the company in 2019 to start her own business."),
    ("de", "Sie hörten auf, die Miete zu zahlen."),
    ("nl", "Hij stopte met het betalen van de huur."),
    ("es", "Nadie puede entrar en el museo con mochila."),
    # What a worker threatens an employer with is recourse, not intimidation.
    ("de", "Sie drohte mit einem Anwalt."),
    ("en", "She threatened to get a lawyer."),
    ("fr", "Elle a menacé de prendre un avocat."),
    ("es", "Amenazó con llamar a un abogado."),
    ("nl", "Ze dreigde met een advocaat."),
    ("en", "I could not go home with nothing, so I stayed another year."),
    # A definition stays a definition when the practice is named before a dash.
    ("ru", "Удержание документов — один из признаков принудительного труда по определению МОТ."),
]


@pytest.mark.parametrize(("lang", "indicator", "text"), ASSERTED)
def test_report_style_sentences_carry_their_indicator(lang: str, indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, lang)


@pytest.mark.parametrize(("lang", "text"), NOT_ASSERTED)
def test_everyday_sentences_carry_nothing(lang: str, text: str) -> None:
    assert indicators_in(text, lang) == set()


@pytest.mark.parametrize(("lang", "text", "low", "high"), [
    ("es", "Realizaban jornadas laborales diarias de entre 12 y 13 horas.", 12, 13),
    ("en", "They worked shifts of between 12 and 14 hours.", 12, 14),
    ("nl", "Ze draaiden diensten van tussen de 12 en 14 uur.", 12, 14),
])
def test_working_days_of_between_two_lengths_are_a_range(lang: str, text: str, low: int,
                                                          high: int) -> None:
    from unfree.facts import extract_facts

    facts = extract_facts(text, lang)
    assert [(f.kind, f.low, f.high) for f in facts] == [("work_hours_per_day", low, high)]
    assert all(f.quote == text[f.start : f.end] for f in facts)


def test_a_familys_land_pledged_for_a_loan_is_no_family_held_hostage() -> None:
    pledged = "He borrowed the money with his family's land as security."
    assert "intimidation_and_threats" not in indicators_in(pledged, "en")
    hostage = "The agent said his family would serve as security until the debt was paid."
    assert "intimidation_and_threats" in indicators_in(hostage, "en")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "He took on a debt of thousands of euros to come here."),
    ("nl", "Hij is een schuld van duizenden euro's aangegaan om hierheen te komen."),
    ("de", "Er hat Schulden von Tausenden Euro gemacht, um hierher zu kommen."),
    ("fr", "Il s'est endetté de milliers d'euros pour venir ici."),
    ("es", "Se endeudó con miles de euros para venir aquí."),
    ("ru", "Он влез в долги на тысячи евро, чтобы приехать сюда."),
    ("ko", "여기 오기 위해 수천 유로의 빚을 졌다."),
])
def test_a_debt_taken_on_to_migrate_is_debt_bondage_not_pay_taken(lang: str, text: str) -> None:
    found = indicators_in(text, lang)
    assert "debt_bondage" in found
    assert WAGES not in found


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "If he loses his job, he also loses his visa."),
    ("nl", "Als hij zijn baan verliest, is hij ook zijn verblijfsvergunning kwijt."),
    ("de", "Wenn er seinen Job verliert, verliert er auch sein Visum."),
])
def test_a_residence_status_tied_to_the_job_is_vulnerability(lang: str, text: str) -> None:
    assert VULNERABILITY in indicators_in(text, lang)


def test_a_lost_form_at_work_is_no_status_tied_to_a_job() -> None:
    assert VULNERABILITY not in indicators_in("She lost her visa application form at work.", "en")


def test_russian_travel_debts_stopped_departures_and_plank_bunks() -> None:
    assert "debt_bondage" in indicators_in("И оказалось, что за дорогу мы должны.", "ru")
    assert "debt_bondage" in indicators_in("Деньги отработай за дорогу, сказал бригадир.", "ru")
    assert "debt_bondage" not in indicators_in("За билет мы должны заплатить сами.", "ru")
    assert MOVEMENT in indicators_in("Я хотел уйти, но меня остановили охранники.", "ru")
    assert MOVEMENT not in indicators_in("Он хотел уйти пораньше, но автобус остановили на границе.", "ru")
    assert "abusive_working_and_living_conditions" in indicators_in(
        "В комнате стояли нары с голыми досками.", "ru")
    assert WAGES in indicators_in("Повар зарплату так и не дождалась.", "ru")


@pytest.mark.parametrize(("lang", "indicator", "text"), [
    # French "menacer" spells its stem with a cedilla before a and o.
    ("fr", "intimidation_and_threats", "Le patron menaçait de les dénoncer à la préfecture."),
    ("fr", "intimidation_and_threats", "Les contremaîtres les menaçaient sans cesse."),
    # Spanish spelling changes inside a stem: z/c, c/qu, g/j.
    ("es", "intimidation_and_threats", "El capataz no quería que nadie lo amenace a él, pero nos amenazaba a todos."),
    ("es", "retention_of_identity_documents", "Al llegar, el encargado nos confiscó los pasaportes y yo no le confisqué nada a nadie."),
    ("es", "intimidation_and_threats", "El patrón amenazaba con denunciarlos a extranjería."),
    ("es", "deception", "Contrariamente a lo anunciado, el trabajo consistía en deshuesar carne y no en recoger fruta."),
])
def test_spelling_changes_inside_stems(lang: str, indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, lang)


def test_weather_threatens_no_worker() -> None:
    assert indicators_in("La pluie menaçait la récolte.", "fr") == set()


@pytest.mark.parametrize(("indicator", "text"), [
    # "n't" is "not": every "not ..." term of the lexicon holds for its contraction too.
    (MOVEMENT, "We weren't allowed to leave the farm."),
    ("isolation", "We weren’t allowed to talk to anyone outside the farm."),
    (WAGES, "Workers say they haven't been paid since March."),
    (WAGES, "We worked three months for nothing, said one picker."),
    # Each "no" of a list belongs to its own item: none vetoes the next.
    ("abusive_working_and_living_conditions", "No toilets, no running water, 30 men to a caravan."),
    (MOVEMENT, "The gate was locked at night and the keys kept by the manager."),
    (VULNERABILITY, "Recruiters targeted people who had just left prison and had nowhere to live."),
])
def test_posts_and_headlines(indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, "en")


def test_ordinary_long_hours_and_villages_are_not_evidence() -> None:
    assert indicators_in("Our team worked long hours to ship the new release on time.", "en") == set()
    assert "isolation" not in indicators_in("We were not allowed to go to the village alone.", "en")
    assert indicators_in("Workers weren't forced to work overtime.", "en") == set()


@pytest.mark.parametrize(("lang", "indicator", "text"), [
    ("de", "isolation", "Mit Leuten außerhalb des Hofes durften wir nicht reden."),
    ("de", "intimidation_and_threats", "Den Beschäftigten wurde gesagt, sie würden ihren Job verlieren, wenn sie mit den Kontrolleuren sprechen."),
    ("de", VULNERABILITY, "Die Anwerber suchten gezielt Menschen, die gerade aus der Haft kamen und keine Wohnung hatten."),
    ("de", WAGES, "Drei Monate umsonst gearbeitet, sagt eine Pflückerin."),
    ("nl", WAGES, "Drie maanden voor niks gewerkt, zegt een plukster."),
    # "banen" (jobs, in layoff news) shares its stem with "baan": only the exact form is news.
    ("nl", "intimidation_and_threats", "Werknemers kregen te horen dat ze hun baan zouden verliezen als ze met inspecteurs praatten."),
    ("nl", VULNERABILITY, "Ronselaars zochten gericht mensen die net uit de gevangenis kwamen en geen woning hadden."),
])
def test_german_and_dutch_posts_and_headlines(lang: str, indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, lang)


def test_not_wanting_to_talk_isolates_nobody() -> None:
    assert indicators_in("Wir wollten mit den Nachbarn nicht reden.", "de") == set()


@pytest.mark.parametrize(("lang", "indicator", "text"), [
    ("en", "excessive_overtime", "She has not had a day off since she started."),
    ("en", "excessive_overtime", "They never gave us a day off."),
    ("fr", WAGES, "Son bulletin de paie mentionnait 1 200 euros par mois alors qu'elle n'a perçu que 600 euros."),
    ("fr", "retention_of_identity_documents", "Leurs livrets de marin étant gardés par le capitaine, ils restaient à bord."),
    ("ru", "abusive_working_and_living_conditions", "Живём в ангаре, на 40 человек два умывальника."),
    ("ko", MOVEMENT, "농장주는 도망가지 못하게 하려고 여권을 금고에 보관했다."),
])
def test_denied_days_off_pay_below_the_payslip_and_papers_kept_against_escape(
        lang: str, indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, lang)


def test_a_day_off_not_wanted_is_none_denied() -> None:
    assert indicators_in("I did not need a day off.", "en") == set()


@pytest.mark.parametrize(("indicator", "text"), [
    ("retention_of_identity_documents", "Workers allegedly had their passports confiscated by the subcontractor."),
    ("intimidation_and_threats", "According to the complaint, the supervisor threatened to report them to immigration."),
    (MOVEMENT, "The crew were never given shore leave in eleven months."),
    (MOVEMENT, "We could not go ashore for a year."),
])
def test_reports_and_complaints(indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, "en")


@pytest.mark.parametrize("text", [
    "If wages are withheld, workers can complain to the labour inspectorate.",
    "She threatened to take the company to a tribunal.",
    "The guidance explains that employers must never retain workers' passports.",
])
def test_advice_and_a_workers_own_recourse_are_not_evidence(text: str) -> None:
    assert indicators_in(text, "en") == set()
