"""Language detection: the seven analysed languages, common others named as such, "und"."""

from __future__ import annotations

import pytest

from unfree.language import SAMPLE_CHARS, SUPPORTED, detect_language

# One or two invented sentences per language, on the engine's subject.
SENTENCES = {
    "en": "The agency kept our passports, and we cleaned offices for twelve hours every night.",
    "nl": "Het uitzendbureau hield onze paspoorten in en we moesten elke nacht twaalf uur "
    "kantoren schoonmaken.",
    "de": "Die Agentur behielt unsere Pässe, und wir mussten jede Nacht zwölf Stunden lang "
    "Büros putzen.",
    "fr": "L’agence gardait nos passeports et nous devions nettoyer des bureaux douze heures "
    "chaque nuit.",
    "es": "La agencia se quedó con nuestros pasaportes y limpiábamos oficinas doce horas cada "
    "noche.",
    "ru": "Агентство забрало наши паспорта, и каждую ночь мы по двенадцать часов убирали офисы.",
    "ko": "파견 업체가 우리 여권을 가져갔고, 우리는 매일 밤 열두 시간씩 사무실을 청소했다.",
    "it": "L’agenzia teneva i nostri passaporti e ogni notte pulivamo uffici per dodici ore.",
    "pt": "A agência ficou com os nossos passaportes e limpávamos escritórios doze horas todas "
    "as noites.",
    "pl": "Agencja zatrzymała nasze paszporty, a my co noc sprzątaliśmy biura przez dwanaście "
    "godzin.",
    "uk": "Агенція забрала наші паспорти, і щоночі ми по дванадцять годин прибирали офіси.",
    "zh": "中介扣留了我们的护照，我们每天晚上要打扫办公室十二个小时。",
    "ja": "派遣会社は私たちのパスポートを取り上げ、私たちは毎晩十二時間事務所を掃除した。",
    "el": "Το γραφείο κράτησε τα διαβατήριά μας και καθαρίζαμε γραφεία δώδεκα ώρες κάθε νύχτα.",
}


@pytest.mark.parametrize(("code", "text"), sorted(SENTENCES.items()))
def test_sentences(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_supported_languages_are_the_seven() -> None:
    assert SUPPORTED == ("en", "nl", "de", "fr", "es", "ru", "ko")


@pytest.mark.parametrize(
    "text", ["1234 !!", "", "   \n", "€ 300,- / 14 h", "ab", "https://x.example/a-b"]
)
def test_undecidable(text: str) -> None:
    assert detect_language(text) == "und"


def test_one_hangul_word_is_korean() -> None:
    assert detect_language("여권") == "ko"


def test_korean_with_latin_acronyms_is_korean() -> None:
    text = "ILO와 NGO 관계자들은 E-9 비자로 입국한 노동자 32명이 임금을 받지 못했다고 밝혔다."
    assert detect_language(text) == "ko"


def test_urls_and_emails_do_not_decide() -> None:
    text = (
        "https://www.example.com/news/workers-report contact: press@example.org "
        "Рабочие говорят, что им не платили три месяца."
    )
    assert detect_language(text) == "ru"


def test_long_text_with_a_foreign_header() -> None:
    english_header = "Annual report. Prepared for the board of trustees. " * 14
    spanish_body = SENTENCES["es"] + " " + "Nos pagaban cuarenta euros por semana. " * 400
    text = english_header + spanish_body
    assert len(text) > 5 * SAMPLE_CHARS
    assert detect_language(text) == "es"


def test_only_a_bounded_sample_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from unfree.language import _detector

    seen: list[int] = []
    detector = _detector()
    real = detector.detect

    def spy(text: str, **kwargs: object) -> list[dict[str, object]]:
        seen.append(len(text))
        return real(text, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(detector, "detect", spy)
    assert detect_language(SENTENCES["de"] * 200_000) == "de"
    assert seen and max(seen) <= SAMPLE_CHARS + 1
