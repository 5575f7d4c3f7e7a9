"""atheris target: the fact parser (unfree/facts, through `extract_facts`).

The first byte picks one of the seven languages, the rest is the text (UTF-8, undecodable
bytes replaced, so never a lone surrogate). Every fact must quote `text[start:end]`, have
finite non-negative values, low <= high for a range, and hours a day in [0, 24].
Usage: `make fuzz` or `python fuzz/fuzz_facts.py -max_total_time=60 CORPUS_DIR`.
"""

from __future__ import annotations

import math
import sys

import atheris

with atheris.instrument_imports(include=["unfree"]):
    from unfree.facts import extract_facts

LANGS = ("en", "nl", "de", "fr", "es", "ru", "ko")


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    if not data:
        return
    lang = LANGS[data[0] % len(LANGS)]
    text = data[1:].decode("utf-8", errors="replace")
    for fact in extract_facts(text, lang):
        if not (0 <= fact.start < fact.end <= len(text)):
            raise AssertionError(f"offsets out of bounds: {fact}")
        if text[fact.start:fact.end] != fact.quote:
            raise AssertionError(f"quote is not text[start:end]: {fact}")
        values = [v for v in (fact.value, fact.low, fact.high) if v is not None]
        if not values or not all(math.isfinite(v) and v >= 0 for v in values):
            raise AssertionError(f"missing, infinite or negative value: {fact}")
        if fact.value is None and (fact.low is None or fact.high is None or fact.low > fact.high):
            raise AssertionError(f"bad range: {fact}")
        if fact.kind == "work_hours_per_day" and not all(v <= 24 for v in values):
            raise AssertionError(f"more than 24 hours a day: {fact}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
