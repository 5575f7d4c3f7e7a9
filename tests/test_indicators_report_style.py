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
]


@pytest.mark.parametrize(("lang", "indicator", "text"), ASSERTED)
def test_report_style_sentences_carry_their_indicator(lang: str, indicator: str, text: str) -> None:
    assert indicator in indicators_in(text, lang)


@pytest.mark.parametrize(("lang", "text"), NOT_ASSERTED)
def test_everyday_sentences_carry_nothing(lang: str, text: str) -> None:
    assert indicators_in(text, lang) == set()
