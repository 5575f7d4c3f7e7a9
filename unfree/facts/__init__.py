"""The `facts` stage: every quantity a document states about the work, per mention.

It owns the quantitative facts of the spec (shared/spec/indicators.md, "Quantitative facts"):
hours a day, days a week, rest days a year, wages and peer wages (currency per period),
recruitment fees, revenue, the share of pay withheld, wage penalties in days, head counts and
contract lengths, each with exact character offsets (`text[start:end] == quote`).

The words of each language (number words, currencies, periods, times of day, the cue words that
decide a kind) live in `unfree/lang/<code>/facts.yaml` over `unfree/lang/common/facts.yaml`;
the Python here is only the grammar. Any language code is accepted: one without a facts.yaml
still gets facts written with digits, currency symbols and ISO codes.
"""

from __future__ import annotations

import math

from unfree.facts.extract import extract
from unfree.facts.lexicon import known_languages, lexicon
from unfree.model import Fact

__all__ = ["extract_facts", "known_languages"]


def extract_facts(text: str, lang: str) -> list[Fact]:
    """The facts stated in `text` (written in `lang`), sorted by start offset."""
    if not text:
        return []
    # A digit run past float range ("9" * 400, found by fuzzing) reads as infinity, which no
    # source states and which JSON cannot hold: such a number is no fact.
    facts = [f for f in extract(text, lexicon(lang)) if _finite(f)]
    facts.sort(key=lambda f: (f.start, f.end, f.kind))
    return facts


def _finite(fact: Fact) -> bool:
    return all(v is None or math.isfinite(v) for v in (fact.value, fact.low, fact.high))
