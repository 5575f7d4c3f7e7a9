"""Shared by the per-language lexicon tests: what a text yields, with its evidence checked."""

from unfree.indicators import find_indicators


def indicators_in(text: str, lang: str) -> set[str]:
    """The indicators found in `text`; every finding must quote the text at its offsets and
    name a rule of this language's lexicon or of the language-independent norms."""
    findings = find_indicators(text, lang)
    for f in findings:
        assert f.quote == text[f.start : f.end]
        assert f.rule.startswith((f"{lang}.", "norm.", "fact."))
    return {f.indicator for f in findings}
