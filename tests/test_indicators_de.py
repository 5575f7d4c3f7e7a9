"""The German lexicon (unfree/lang/de/indicators.yaml) on sentences written for these tests.

Every sentence here is original; none comes from the shared corpus, so the tests run in a
clean clone without it.
"""

import pytest
from lexicon_checks import indicators_in

from unfree.indicators import find_indicators


def _found(text: str) -> set[str]:
    return indicators_in(text, "de")


POSITIVE = [
    ("debt_bondage",
     "Die Näherinnen mussten die Kosten der Anreise über Monate vom Lohn tilgen, und jeder Krankheitstag wurde auf die Schulden aufgeschlagen."),
    ("debt_bondage",
     "Sie sollten ein halbes Jahr ohne Lohn arbeiten, um die Schulden für Vermittlung und Flug zu tilgen."),
    ("isolation", "Auf dem Hof waren die Männer von der Außenwelt abgeschottet."),
    ("abuse_of_vulnerability",
     "Der Arbeitgeber wusste, dass die Männer keine Arbeitserlaubnis hatten, und nutzte das aus."),
    ("abuse_of_vulnerability",
     "Die Arbeitsverträge lagen nur auf Deutsch vor und wurden ohne Dolmetscher unterschrieben."),
    ("deception",
     "Auf Facebook wurde ihr eine Stelle in einem Hotel mit einem Gehalt von 1.800 Euro versprochen."),
    ("deception", "Statt der vereinbarten 12 Euro erhielten sie nur 5 Euro pro Stunde."),
    ("restriction_of_movement", "Die Mädchen durften das Haus nie allein verlassen."),
    ("restriction_of_movement", "Nachts wurden die Erntehelfer in der Halle eingesperrt."),
    ("isolation", "Ihr Handy wurde ihr direkt bei der Ankunft abgenommen."),
    ("isolation", "Sie durfte nur einmal im Monat mit ihren Kindern telefonieren."),
    ("physical_and_sexual_violence",
     "Die Fischer wurden mit Eisenstangen geschlagen, wenn sie zu langsam arbeiteten."),
    ("physical_and_sexual_violence", "Einer der Aufseher hat sie mehrfach vergewaltigt."),
    ("intimidation_and_threats",
     "Der Vorarbeiter drohte, sie bei der Ausländerbehörde anzuzeigen, falls sie sich beschwerten."),
    ("intimidation_and_threats", "Wenn du krank bist, fliegst du raus, sagte der Chef."),
    ("retention_of_identity_documents",
     "Die Personalausweise der Saisonkräfte wurden von der Agentur einbehalten."),
    ("retention_of_identity_documents",
     "Gleich nach der Ankunft nahm der Kolonnenführer allen Arbeitern die Reisepässe ab."),
    ("retention_of_identity_documents",
     "Ihren Aufenthaltstitel bekam sie erst bei der Abreise zurück."),
    ("withholding_of_wages", "Drei Monate lang bekamen wir keinen Cent."),
    ("withholding_of_wages", "Für jeden Krankheitstag zog der Chef 80 Euro vom Lohn ab."),
    ("withholding_of_wages", "Überstunden wurden nie ausgezahlt."),
    ("debt_bondage",
     "Um die Reise zu bezahlen, lieh sie sich 3.000 Euro beim Vermittler, und die Schulden wurden "
     "jeden Monat größer."),
    ("debt_bondage", "Die Männer mussten ihre Schulden beim Anwerber abarbeiten."),
    ("abusive_working_and_living_conditions",
     "Sie schliefen zu zwölft in einem Keller ohne Fenster."),
    ("abusive_working_and_living_conditions",
     "Sie mussten ohne Handschuhe mit Pestiziden arbeiten."),
    ("abusive_working_and_living_conditions",
     "Als er vom Gerüst fiel, bekam er keine ärztliche Hilfe."),
    ("excessive_overtime", "Einen Ruhetag gab es nie."),
    ("excessive_overtime", "Wir arbeiteten sechs Tage die Woche, oft vierzehn Stunden am Tag."),
    ("excessive_overtime", "Auch sonntags mussten wir unbezahlte Überstunden machen."),
]


@pytest.mark.parametrize(("indicator", "text"), POSITIVE)
def test_asserted_practice_is_found(indicator: str, text: str) -> None:
    assert indicator in _found(text)


def test_every_indicator_has_a_positive_example() -> None:
    from unfree.indicators import INDICATORS

    assert {ind for ind, _ in POSITIVE} == set(INDICATORS)


def test_one_sentence_may_carry_several_labels() -> None:
    found = _found("Am ersten Tag nahm uns der Chef die Pässe und die Handys weg.")
    assert {"retention_of_identity_documents", "isolation"} <= found


def test_ordinal_dates_do_not_split_sentences() -> None:
    text = "Am 14. März nahm der Vorarbeiter den Männern die Pässe ab."
    findings = find_indicators(text, "de")
    assert [f.indicator for f in findings] == ["retention_of_identity_documents"]
    assert findings[0].quote == text


NEGATIVE = [
    # a municipal debt paid off is no debt bondage; advice to the reader is no finding
    ("Die Stadt will ihre Schulden bis 2030 vollständig tilgen.", None),
    ("Sie können sich an die Beratungsstelle wenden, wenn der Arbeitgeber den Pass einbehält.", None),
    # negated
    ("Niemand der Beschäftigten wurde je geschlagen.", None),
    ("Geschlagen hat uns niemand.", None),
    ("Der Arbeitgeber hat die Pässe nie eingezogen.", None),
    ("Die Arbeiter behielten ihre eigenen Pässe.", None),
    ("Der Zoll fand keine Hinweise darauf, dass Löhne einbehalten wurden.", None),
    # fear
    ("Ich hatte Angst, dass sie mir den Pass abnehmen würden.", None),
    # hypothetical
    ("Sollte sich herausstellen, dass Lieferanten Pässe einbehalten, beenden wir die Zusammenarbeit.",
     None),
    ("Vielleicht werden die Löhne im nächsten Jahr später ausgezahlt.", None),
    # question
    ("Hat der Arbeitgeber ihre Pässe einbehalten?", None),
    # definition / law / due diligence
    ("Zur Zwangsarbeit gehört unter anderem das Einbehalten von Ausweisdokumenten und Löhnen.", None),
    ("In Deutschland ist es verboten, die Pässe von Beschäftigten einzubehalten.", None),
    ("Wir erwarten von unseren Lieferanten, dass sie keine Ausweisdokumente einbehalten.", None),
    # comparison with people who are not the exploited workers
    ("Deutsche Fahrer verdienen rund 2.800 Euro im Monat.", None),
    # travel and hotel remarks about passports
    ("Beim Einchecken im Hotel wollte die Rezeptionistin meinen Pass sehen.", None),
    ("Die Rezeption behielt meinen Pass über Nacht und gab ihn am Morgen zurück.", None),
    ("Der Grenzbeamte nahm den Pass kurz mit für eine Kontrolle.", None),
    # denial by the employer, court and labour news, sport
    ("Der Arbeitgeber bestreitet, die Pässe eingezogen zu haben.", None),
    ("Den Angeklagten drohen bis zu zehn Jahre Haft.", None),
    ("Die Gewerkschaft droht mit Streiks, falls die Arbeitgeber kein besseres Angebot vorlegen.", None),
    ("Der Minister sagte, die Löhne der Pflegekräfte würden im nächsten Jahr steigen.", None),
    ("Bayern schlug Dortmund mit 3:1.", None),
    ("Er floh 2015 vor dem Krieg in Syrien.", None),
]


@pytest.mark.parametrize(("text", "_"), NEGATIVE)
def test_negated_feared_hypothetical_generic_and_unrelated_text_is_not_labelled(
        text: str, _: None) -> None:
    assert _found(text) == set()


def test_offsets_point_into_a_longer_text() -> None:
    text = ("Für diesen Bericht sprachen wir mit zwanzig Erntehelfern. "
            "Ihre Pässe wurden vom Vorarbeiter eingesammelt. "
            "Geschlagen wurde niemand.")
    findings = find_indicators(text, "de")
    assert [f.indicator for f in findings] == ["retention_of_identity_documents"]
    f = findings[0]
    assert text[f.start : f.end] == f.quote
    assert f.quote.startswith("Ihre Pässe")
