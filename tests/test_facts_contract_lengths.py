"""Contract lengths said without a number ("for a year", "на полгода", "일 년 계약"), and
lengths of time that are a point in time instead ("two years before he left", "2년 전"),
which are no contract length whatever contract word stands near."""

import pytest

from unfree.facts import extract_facts

LENGTHS = [
    ("en", "He signed a contract for a year with the agency.", 1.0),
    ("en", "The contract lasted a year and a half.", 1.5),
    ("nl", "Hij tekende een contract voor een jaar.", 1.0),
    ("nl", "Het contract liep een half jaar.", 0.5),
    ("de", "Er unterschrieb einen Vertrag für ein Jahr.", 1.0),
    ("de", "Der Vertrag lief anderthalb Jahre.", 1.5),
    ("fr", "Il a signé un contrat d'un an avec l'entreprise.", 1.0),
    ("es", "Firmó un contrato de un año con la empresa.", 1.0),
    ("es", "Le ofrecieron un contrato por medio año.", 0.5),
    ("ru", "Он подписал контракт на год.", 1.0),
    ("ru", "Контракт заключили на полгода.", 0.5),
    ("ko", "그는 일 년 계약을 맺었다.", 1.0),
    ("ko", "계약 기간은 반년이었다.", 0.5),
]

NO_LENGTH = [
    ("en", "He earned 300 dollars a year under the contract."),  # a period of pay
    ("en", "The contract is renewed twice a year."),  # a frequency
    ("en", "She had lived there for two years before she signed the contract."),
    ("en", "Three years after he signed the contract, he fled."),
    ("en", "He signed the contract two years ago."),
    ("nl", "Hij trouwde twee jaar voor hij werd uitgezonden op contract."),
    ("de", "Zwei Jahre bevor er den Vertrag unterschrieb, zog er nach Köln."),
    ("fr", "Deux ans après la signature du contrat, il est parti."),
    ("es", "Firmó el contrato hace dos años, dos años antes de la huelga."),
    ("ru", "Контракт он подписал два года назад."),
    ("ko", "2년 전 계약을 맺었다."),
    ("ko", "일 년에 한 번 계약을 갱신한다."),  # 일 년에: a period
]


def lengths(text: str, lang: str) -> list[float]:
    return [f.value for f in extract_facts(text, lang)
            if f.kind == "contract_duration" and f.value is not None]


@pytest.mark.parametrize(("lang", "text", "years"), LENGTHS)
def test_a_length_without_a_number(lang: str, text: str, years: float) -> None:
    assert lengths(text, lang) == [years]


@pytest.mark.parametrize(("lang", "text"), NO_LENGTH)
def test_a_point_in_time_a_period_or_a_frequency_is_no_length(lang: str, text: str) -> None:
    assert lengths(text, lang) == []


def test_a_number_and_a_length_word_are_one_fact() -> None:
    # "anderthalb" is a number of its own: the length word must not read it twice.
    facts = extract_facts("Der Vertrag lief anderthalb Jahre.", "de")
    assert [(f.kind, f.value, f.quote) for f in facts] == [
        ("contract_duration", 1.5, "Vertrag lief anderthalb Jahre")]
