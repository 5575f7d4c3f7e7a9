"""Shared by the per-language lexicon tests: what a text yields, with its evidence checked."""

from collections.abc import Callable

import pytest

from unfree.indicators import find_indicators
from unfree.model import Document
from unfree.pipeline import analyze


def indicators_in(text: str, lang: str) -> set[str]:
    """The indicators found in `text`; every finding must quote the text at its offsets and
    name a rule of this language's lexicon or of the language-independent norms."""
    findings = find_indicators(text, lang)
    for f in findings:
        assert f.quote == text[f.start : f.end]
        assert f.rule.startswith((f"{lang}.", "norm.", "fact."))
    return {f.indicator for f in findings}


def style_tests(lang: str, positives: list[tuple[tuple[str, ...], str]],
                negatives: list[str],
                from_facts: list[tuple[tuple[str, ...], str]] | None = None
                ) -> tuple[Callable[..., None], ...]:
    """The three parametrised tests of a language's probe sentences (tests/test_indicators_
    *_styles.py): each positive carries at least its indicators, each negative none, and
    each sentence of `from_facts` carries its indicators through the whole pipeline (they
    are read off facts). Assign them to module-level `test_*` names for pytest to collect
    (without `from_facts`, only the first and the last: `style_tests(...)[::2]`)."""

    @pytest.mark.parametrize(("expected", "text"), positives)
    def test_positive(expected: tuple[str, ...], text: str) -> None:
        found = indicators_in(text, lang)
        assert set(expected) <= found, (text, found)

    @pytest.mark.parametrize(("expected", "text"), from_facts or [])
    def test_positive_from_facts(expected: tuple[str, ...], text: str) -> None:
        found = {f.indicator for f in analyze(Document(id="t", text=text, lang=lang)).findings}
        assert set(expected) <= found, (text, found)

    @pytest.mark.parametrize("text", negatives)
    def test_negative(text: str) -> None:
        assert indicators_in(text, lang) == set(), text

    return test_positive, test_positive_from_facts, test_negative
