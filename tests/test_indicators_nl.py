"""The Dutch lexicon (unfree/lang/nl/indicators.yaml) on sentences written for these tests.

Every sentence here is original; none comes from the shared corpus, so the tests run in a
clean clone without it.
"""

import pytest
from lexicon_checks import indicators_in

from unfree.indicators import find_indicators


def _found(text: str) -> set[str]:
    return indicators_in(text, "nl")


POSITIVE = [
    ("withholding_of_wages", "Wie zich ziek meldde of te laat op de kwekerij kwam, werd beboet."),
    ("abuse_of_vulnerability",
     "De werkgever wist dat de mannen geen verblijfsvergunning hadden en maakte daar misbruik van."),
    ("abuse_of_vulnerability",
     "De arbeidscontracten waren alleen in het Pools opgesteld en werden zonder tolk getekend."),
    ("deception",
     "Via Facebook werd haar een baan in een hotel met een salaris van 1.800 euro beloofd."),
    ("deception",
     "De ronselaar zei dat ze 12 euro per uur zouden verdienen; in werkelijkheid kregen ze 5 euro."),
    ("restriction_of_movement", "De meisjes mochten het huis nooit alleen verlaten."),
    ("restriction_of_movement", "'s Nachts werden de arbeiders in de loods opgesloten."),
    ("isolation", "Haar telefoon werd direct bij aankomst ingenomen door de werkgever."),
    ("isolation", "Ze mocht maar één keer per maand met haar kinderen bellen."),
    ("physical_and_sexual_violence",
     "De vissers werden met ijzeren staven geslagen als ze te langzaam werkten."),
    ("physical_and_sexual_violence", "Een van de opzichters heeft haar meermaals verkracht."),
    ("intimidation_and_threats",
     "De opzichter dreigde hen aan te geven bij de vreemdelingenpolitie als ze zouden klagen."),
    ("intimidation_and_threats",
     "Wie klaagde, kreeg te horen dat zijn contract niet zou worden verlengd."),
    ("retention_of_identity_documents",
     "Het uitzendbureau hield de identiteitskaarten van de plukkers achter."),
    ("retention_of_identity_documents",
     "Bij aankomst nam de tussenpersoon alle paspoorten af."),
    ("retention_of_identity_documents",
     "Mijn verblijfspas kreeg ik pas terug toen ik de schuld had afgelost."),
    ("withholding_of_wages", "De eerste drie maanden kreeg ik geen cent."),
    ("withholding_of_wages", "Van elk loon werd 150 euro afgetrokken voor 'administratiekosten'."),
    ("withholding_of_wages", "Overuren werden nooit uitbetaald."),
    ("debt_bondage",
     "Om de reis te betalen leende ze 4.000 euro van de ronselaar, en die schuld werd elke maand groter."),
    ("debt_bondage",
     "Het voorschot dat hij bij aankomst kreeg, werd met rente op zijn loon ingehouden."),
    ("abusive_working_and_living_conditions",
     "Ze sliepen met zijn twaalven in een kelder zonder ramen."),
    ("abusive_working_and_living_conditions",
     "Ze moesten zonder handschoenen met bestrijdingsmiddelen werken."),
    ("abusive_working_and_living_conditions",
     "Toen hij van de steiger viel, werd hij niet naar het ziekenhuis gebracht."),
    ("excessive_overtime", "Een rustdag kregen we nooit."),
    ("excessive_overtime", "We werkten zes dagen per week, vaak veertien uur per dag."),
    ("excessive_overtime", "Ook op zondag moesten we verplicht overuren draaien."),
]


@pytest.mark.parametrize(("indicator", "text"), POSITIVE)
def test_asserted_practice_is_found(indicator: str, text: str) -> None:
    assert indicator in _found(text)


def test_every_indicator_has_a_positive_example() -> None:
    from unfree.indicators import INDICATORS

    assert {ind for ind, _ in POSITIVE} == set(INDICATORS)


def test_one_sentence_may_carry_several_labels() -> None:
    found = _found("Op de eerste dag pakte de baas ons paspoort en onze telefoons af.")
    assert {"retention_of_identity_documents", "isolation"} <= found


def test_separable_verb_parts_are_matched_within_a_window() -> None:
    assert "withholding_of_wages" in _found("De baas hield elke week 60 euro van het loon in.")
    assert "withholding_of_wages" in _found("De chef trok voor elke fout twintig euro af van het salaris.")


NEGATIVE = [
    # negated
    ("Niemand van de werknemers werd ooit geslagen.", None),
    ("De werkgever heeft de paspoorten nooit ingenomen.", None),
    ("De werknemers hielden hun eigen paspoorten.", None),
    ("De inspectie vond geen aanwijzingen dat lonen werden ingehouden.", None),
    # fear
    ("Ik was bang dat ze mijn paspoort zouden afpakken.", None),
    ("Ze vreest dat haar baas haar loon zal inhouden.", None),
    # hypothetical
    ("Misschien worden de lonen volgend jaar later uitbetaald.", None),
    # question
    ("Heeft de werkgever jullie paspoorten ingenomen?", None),
    # definition / law
    ("Onder dwangarbeid valt onder meer het innemen van identiteitsbewijzen en het inhouden van loon.",
     None),
    ("In Nederland is het verboden om paspoorten van werknemers in te houden.", None),
    # comparison with people who are not the exploited workers
    ("Nederlandse chauffeurs verdienen ruim 2.800 euro per maand.", None),
    # travel and hotel remarks about passports
    ("Bij het inchecken in het hotel vroeg de receptioniste om mijn paspoort.", None),
    ("De receptie hield mijn paspoort een nacht en gaf het de volgende ochtend terug.", None),
    ("De douane nam het paspoort even mee voor een controle.", None),
    # denial by the employer
    ("De werkgever ontkent dat hij de paspoorten heeft ingenomen.", None),
    # labour news, sport and business
    ("De minister zei dat de lonen van schoonmakers volgend jaar zouden stijgen.", None),
    ("Het bedrijf dreigt failliet te gaan.", None),
    ("Ajax sloeg in de tweede helft hard toe.", None),
    ("De vakbond dreigt met stakingen als de werkgevers niet over de brug komen.", None),
    ("Hij vluchtte in 2015 voor de oorlog in Syrië.", None),
]


@pytest.mark.parametrize(("text", "_"), NEGATIVE)
def test_negated_feared_hypothetical_generic_and_unrelated_text_is_not_labelled(
        text: str, _: None) -> None:
    assert _found(text) == set()


def test_offsets_point_into_a_longer_text() -> None:
    text = ("Voor dit rapport spraken wij met twintig plukkers. "
            "Hun paspoorten werden door de teamleider verzameld. "
            "Niemand werd geslagen.")
    findings = find_indicators(text, "nl")
    assert [f.indicator for f in findings] == ["retention_of_identity_documents"]
    f = findings[0]
    assert text[f.start : f.end] == f.quote
    assert f.quote.startswith("Hun paspoorten")
