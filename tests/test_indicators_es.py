"""The Spanish indicator lexicon (unfree/lang/es/indicators.yaml) on sentences written for
these tests: each indicator is found in an asserted practice, and nothing is found in
negated, feared, hypothetical, definitional, comparative or travel/sport sentences."""

import pytest
from lexicon_checks import indicators_in

from unfree.indicators import find_indicators


def _found(text: str) -> set[str]:
    return indicators_in(text, "es")


POSITIVES = [
    ("restriction_of_movement",
     "Al llegar al campo el capataz les avisó que ya no se podían regresar a su pueblo."),
    ("restriction_of_movement", "Las empleadas vivían como prisioneras, privadas de su libertad."),
    ("withholding_of_wages",
     "El patrón no pagaba nada durante la cosecha, sino hasta el término del contrato."),
    ("retention_of_identity_documents",
     "Nada más bajar del autobús, el capataz les quitó los pasaportes a todos."),
    ("retention_of_identity_documents", "Nunca me devolvieron el pasaporte."),
    ("retention_of_identity_documents",
     "La empresa guardaba los permisos de residencia de las temporeras en una caja fuerte."),
    ("restriction_of_movement", "No podíamos salir de la finca sin permiso del encargado."),
    ("restriction_of_movement", "Por la noche los encerraban con llave en el barracón."),
    ("isolation", "El primer día el patrón nos quitó los móviles."),
    ("isolation", "No les dejaban hablar con los vecinos del pueblo."),
    ("isolation", "No tenían ningún contacto con sus familias."),
    ("physical_and_sexual_violence",
     "El capataz le daba palizas cuando no llegaba al rendimiento."),
    ("physical_and_sexual_violence", "Varias jornaleras sufrieron acoso sexual del encargado."),
    ("intimidation_and_threats",
     "Los amenazó con llamar a la policía si protestaban por el sueldo."),
    ("intimidation_and_threats",
     "Nos dijo que si nos quejábamos nos despediría y nos deportarían."),
    ("withholding_of_wages", "La agencia se quedaba con la mitad del sueldo."),
    ("withholding_of_wages", "Llevan cinco meses sin cobrar."),
    ("withholding_of_wages", "Nunca recibieron su salario."),
    ("debt_bondage",
     "Pidió un préstamo al reclutador para pagar el viaje y la deuda no dejaba de crecer."),
    ("deception", "Les prometieron un sueldo de 1.100 euros y alojamiento gratuito."),
    ("deception", "En realidad cobraban 500 euros al mes."),
    ("abuse_of_vulnerability",
     "El empresario se aprovechaba de que estaban en situación irregular."),
    ("abuse_of_vulnerability", "Su permiso de residencia estaba vinculado al empleador."),
    ("abusive_working_and_living_conditions",
     "Vivían hacinados en una nave sin agua corriente."),
    ("abusive_working_and_living_conditions",
     "Fumigaban con plaguicidas sin equipos de protección."),
    ("excessive_overtime", "Trabajaban de lunes a domingo, sin un solo día de descanso."),
    ("excessive_overtime", "Las horas extra eran obligatorias y no se pagaban."),
]


@pytest.mark.parametrize(("indicator", "text"), POSITIVES)
def test_asserted_practice_is_found(indicator: str, text: str) -> None:
    assert indicator in _found(text)


def test_every_indicator_has_a_positive_example() -> None:
    from unfree.indicators import INDICATORS

    assert {i for i, _ in POSITIVES} == set(INDICATORS)


NEGATIVES = [
    "Terminada la cosecha, los jornaleros regresaron a su pueblo en autobús.",
    # negated and denied
    "Nadie nos quitó el pasaporte.",
    "El encargado nunca nos pegó.",
    "Ningún trabajador fue amenazado durante la campaña.",
    "Los trabajadores conservaban sus propios pasaportes.",
    "No estaban encerrados.",
    "No se encontraron indicios de retención de documentos ni de castigos físicos.",
    # fear
    "Teníamos miedo de que nos quitaran los pasaportes.",
    "Temía que el jefe me pegara si protestaba.",
    # hypothetical
    "Quizás el patrón se quedó con algún pasaporte, no lo sé.",
    "Si un empleador retiene el pasaporte de una trabajadora, hay que denunciarlo.",
    # definitions and general discussion of the law
    "La retención de pasaportes es un indicador de trabajo forzoso.",
    "Según la ley, la servidumbre por deudas se define como trabajar para pagar una deuda.",
    "Nuestros proveedores se comprometen a no retener nunca los documentos de identidad.",
    # comparison with people who are not the exploited workers
    "Un albañil del pueblo, en cambio, gana 1.800 euros al mes y vuelve a su casa cada noche.",
    # travel and sport
    "No olvide su pasaporte y su DNI para el viaje.",
    "El delantero, que tiene pasaporte comunitario, entregó una copia de su pasaporte al club.",
    "El centrocampista fue golpeado en la cara al final del partido.",
    "El club pagó una multa de 30.000 euros por el comportamiento de sus aficionados.",
    # ordinary labour news
    "Los trabajadores recibieron su salario íntegro a tiempo, sin descuentos.",
    "La empresa, golpeada por la crisis, despidió a 120 trabajadores.",
    "La ministra prometió reforzar las inspecciones en el campo.",
    "No se trata de un caso aislado, según el sindicato.",
    "Las agencias no cobran comisiones a los trabajadores.",
    "No podían mantener a sus familias con ese sueldo.",
    "El sueldo se ingresa en una cuenta bancaria cada mes.",
    "Los bomberos trabajaron sin descanso para apagar el incendio.",
    "Sacó el móvil para grabar el partido.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_nothing_is_found_where_nothing_is_asserted(text: str) -> None:
    assert _found(text) == set()


def test_questions_assert_nothing() -> None:
    assert _found("¿El patrón les quitó los pasaportes?") == set()


def test_clitics_and_late_return() -> None:
    text = "El encargado recogió los pasaportes. No me lo devolvieron hasta el día de mi salida."
    findings = [f for f in find_indicators(text, "es")
                if f.indicator == "retention_of_identity_documents"]
    assert len(findings) == 2
    for f in findings:
        assert f.quote == text[f.start : f.end]


def test_a_document_with_several_indicators_keeps_offsets() -> None:
    text = (
        "Dormían doce en una habitación sin ventanas. "
        "El patrón guardaba sus pasaportes y solo les pagaba al final de la temporada. "
        "No les dejaban salir de la finca."
    )
    findings = find_indicators(text, "es")
    got = {f.indicator for f in findings}
    assert {"abusive_working_and_living_conditions", "retention_of_identity_documents",
            "withholding_of_wages", "restriction_of_movement"} <= got
    for f in findings:
        assert f.quote == text[f.start : f.end]
