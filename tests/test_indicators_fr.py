"""The French indicator lexicon (unfree/lang/fr/indicators.yaml) on sentences written for
these tests: each indicator is found in an asserted practice, and nothing is found in
negated, feared, hypothetical, definitional, comparative or travel/sport sentences."""

import pytest
from lexicon_checks import indicators_in

from unfree.indicators import find_indicators


def _found(text: str) -> set[str]:
    return indicators_in(text, "fr")


POSITIVES = [
    ("retention_of_identity_documents",
     "À la descente du car, le chef d’équipe a ramassé les passeports de tous les cueilleurs."),
    ("retention_of_identity_documents", "Ma patronne ne m’a jamais rendu mon passeport."),
    ("retention_of_identity_documents",
     "Leurs cartes de séjour étaient conservées dans le coffre du gérant."),
    ("retention_of_identity_documents", "Elle n’a jamais pu récupérer ses papiers."),
    ("restriction_of_movement", "Nous n’avions pas le droit de quitter l’exploitation le soir."),
    ("restriction_of_movement", "Le portail du dortoir était fermé à clé toute la nuit."),
    ("isolation", "Dès notre arrivée, le contremaître a confisqué nos téléphones portables."),
    ("isolation", "Elle ne pouvait appeler ses enfants qu’une fois par mois, devant la patronne."),
    ("physical_and_sexual_violence",
     "Le surveillant le giflait chaque fois qu’il ralentissait la cadence."),
    ("physical_and_sexual_violence",
     "Deux cueilleuses ont été agressées sexuellement par le gérant."),
    ("intimidation_and_threats",
     "Le patron menaçait de les dénoncer à la préfecture s’ils parlaient aux inspecteurs."),
    ("intimidation_and_threats",
     "Il nous a dit que nous serions renvoyés au pays si nous réclamions quoi que ce soit."),
    ("withholding_of_wages", "Le recruteur prélevait un tiers de leur salaire chaque mois."),
    ("withholding_of_wages", "Pendant cinq mois, les ouvriers n’ont pas touché un centime."),
    ("withholding_of_wages",
     "Chaque retard était puni d’une amende de trente euros retenue sur la paie."),
    ("debt_bondage",
     "Pour payer le voyage, elle a emprunté 3 000 euros au passeur et la dette ne cessait de "
     "grossir."),
    ("deception",
     "L’agence leur avait promis un salaire de 1 300 euros et un logement gratuit."),
    ("deception", "En réalité, ils ne touchaient que 350 euros par mois."),
    ("abuse_of_vulnerability",
     "Le gérant profitait de leur situation irrégulière pour refuser toute augmentation."),
    ("abuse_of_vulnerability",
     "Les contrats étaient rédigés uniquement en français et personne ne leur a expliqué ce "
     "qu’ils signaient."),
    ("abusive_working_and_living_conditions",
     "Les saisonniers dormaient à même le sol dans un bâtiment insalubre, sans eau courante."),
    ("abusive_working_and_living_conditions",
     "Ils pulvérisaient des pesticides sans aucune protection."),
    ("excessive_overtime", "Elles travaillaient sept jours sur sept, sans un seul jour de repos."),
    ("excessive_overtime", "Les heures supplémentaires étaient imposées et jamais payées."),
]


@pytest.mark.parametrize(("indicator", "text"), POSITIVES)
def test_asserted_practice_is_found(indicator: str, text: str) -> None:
    assert indicator in _found(text)


def test_every_indicator_has_a_positive_example() -> None:
    from unfree.indicators import INDICATORS

    assert {i for i, _ in POSITIVES} == set(INDICATORS)


NEGATIVES = [
    # negated and denied
    "Personne ne nous a pris nos passeports.",
    "Le contremaître ne m’a jamais frappée.",
    "Aucun ouvrier n’a été menacé pendant la saison.",
    "Les travailleurs gardaient leurs propres passeports sur eux.",
    "Ils n’ont pas été enfermés.",
    # fear
    "Nous avions peur qu’il confisque nos passeports.",
    "J’avais peur d’être frappée si je me plaignais.",
    # hypothetical
    "Peut-être que le patron a gardé des téléphones, je ne sais pas.",
    "Si un employeur garde le passeport d’une ouvrière, la situation doit alerter.",
    # definitions and general discussion of the law
    "La confiscation des passeports est un indicateur de travail forcé.",
    "Au sens du droit international, la servitude pour dettes désigne le travail exigé pour "
    "rembourser une dette.",
    "Nos fournisseurs s’engagent à ne jamais retenir les documents d’identité des travailleurs.",
    # comparison with people who are not the exploited workers
    "Un maçon du village, lui, gagne 2 000 euros par mois et rentre chez lui chaque soir.",
    # travel and sport
    "N’oubliez pas votre passeport et votre carte d’identité pour le voyage.",
    "L’attaquant, qui possède un passeport italien, a présenté son passeport à la douane.",
    "Le milieu de terrain a été frappé au visage en fin de match.",
    "Le club a payé une amende de 40 000 euros à cause de ses supporters.",
    # ordinary labour news
    "Les salariés ont reçu leur salaire intégral à temps, sans retenue.",
    "L’entreprise, frappée par la crise, a supprimé 120 postes.",
    "Le ministre a promis de renforcer les contrôles dans le bâtiment.",
    "Ce n’est pas un cas isolé, estime le syndicat.",
    "Il était impossible de nourrir sa famille avec ce salaire.",
    "Le salaire est versé sur un compte bancaire chaque mois.",
    "Les pompiers ont travaillé sans arrêt pour éteindre l’incendie.",
    "Il a pris son téléphone pour filmer la scène.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_nothing_is_found_where_nothing_is_asserted(text: str) -> None:
    assert _found(text) == set()


def test_questions_assert_nothing() -> None:
    assert _found("Le patron a-t-il confisqué vos passeports ?") == set()


def test_elided_negation_and_restrictive_ne_que() -> None:
    # "ne … que" means "only": the passport came back only at the airport.
    text = "Madame a pris mon passeport. Je ne l’ai récupéré qu’à l’aéroport, le jour du départ."
    findings = [f for f in find_indicators(text, "fr")
                if f.indicator == "retention_of_identity_documents"]
    assert len(findings) == 2
    for f in findings:
        assert f.quote == text[f.start : f.end]


def test_a_document_with_several_indicators_keeps_offsets() -> None:
    text = (
        "Les ouvriers étaient logés à douze dans une caravane. "
        "Le gérant gardait leurs passeports et ne les payait qu’à la fin de la saison. "
        "Ils n’avaient pas le droit de sortir de la ferme."
    )
    findings = find_indicators(text, "fr")
    got = {f.indicator for f in findings}
    assert {"abusive_working_and_living_conditions", "retention_of_identity_documents",
            "withholding_of_wages", "restriction_of_movement"} <= got
    for f in findings:
        assert f.quote == text[f.start : f.end]
