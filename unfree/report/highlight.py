"""Cut a text into runs so that overlapping evidence spans can all be highlighted.

HTML elements nest but evidence spans may overlap (two indicators in one sentence, a clause
inside a sentence-long finding). The text is cut at every span boundary; each run knows
every finding that covers it, so the runs of one finding, read in order, give its quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Span:
    """A finding's place in the text: its number in the report, indicator and offsets."""

    number: int
    indicator: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text covered by the same set of findings (none for plain text)."""

    text: str
    numbers: tuple[int, ...]  # the findings covering it, in order
    indicators: tuple[str, ...]  # their indicators, each once, in order of first finding
    ending: tuple[Span, ...]  # findings that end with this run (for their markers)


def cut(text: str, spans: Sequence[Span]) -> list[Run]:
    """`text` as consecutive runs; spans outside the text or empty are left out."""
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    bounds = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    runs: list[Run] = []
    for start, end in pairwise(bounds):
        covering = sorted((s for s in usable if s.start <= start and end <= s.end),
                          key=lambda s: s.number)
        indicators = tuple(dict.fromkeys(s.indicator for s in covering))
        ending = tuple(s for s in covering if s.end == end)
        runs.append(Run(text[start:end], tuple(s.number for s in covering), indicators, ending))
    return runs
