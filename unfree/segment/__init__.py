"""Segment: tokens, sentences and clauses, with offsets into the original text.

A hand-written regex segmenter rather than spaCy's sentencizer: the benchmark bar is that
the whole analysis runs at least half as fast as spaCy's blank tokenizer alone, which rules
out running that tokenizer inside the pipeline. Per-language data (abbreviations, clause
connectives) comes from each language's `indicators.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A token is a run of word characters: "didn't" is "didn" + "t", "n’avais" is "n" + "avais".
# Lexicon terms go through the same tokenizer, so "couldn't leave" still matches as a phrase.
TOKEN_RE = re.compile(r"\w+")

# Sentence ends: terminal punctuation (and closing quotes/brackets after it) followed by
# space; or a line break. Abbreviations are checked afterwards.
_SENT_END_RE = re.compile(r"[.!?…。]+[\"'”’»)\]]*(?=\s)|\n+")
# Clause breaks: semicolons, colons, dashes between spaces, and the edges of a quotation (what
# someone is quoted as saying is a clause of its own: its negations stay inside it).
_CLAUSE_BREAK_RE = re.compile(r"[;:]\s|\s[—–]\s|\s-\s|\s(?=[\"“«„]\w)|(?<=\w)[\"”»](?=\s)")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[Span]:
    """Split `text` into sentence spans, stripped of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        if m.group().rstrip("\"'”’»)]") == ".":
            # "Mr. V." or "a.m. until" must not end a sentence: look at the word before the dot
            # and at what follows.
            word_start = text.rfind(" ", start, m.start()) + 1
            word = text[word_start : m.start()].lower().lstrip("(\"'“‘«")
            following = text[end : end + 3].lstrip()
            if word + "." in abbreviations or (
                following[:1].islower() and "\n" not in text[m.start() : end + 2]
            ):
                continue
        _append_stripped(text, start, end, spans)
        start = end
    _append_stripped(text, start, len(text), spans)
    return spans


def clauses(text: str, sentence: Span, connectives: re.Pattern[str] | None) -> list[Span]:
    """Split one sentence into clauses at semicolons, colons, dashes, quotation marks and
    contrastive words."""
    cuts = [sentence.start]
    chunk = text[sentence.start : sentence.end]
    for m in _CLAUSE_BREAK_RE.finditer(chunk):
        cuts.append(sentence.start + m.end())
    if connectives is not None:
        for m in connectives.finditer(chunk):
            cuts.append(sentence.start + m.end())
    cuts = sorted(set(cuts))
    out: list[Span] = []
    for a, b in zip(cuts, [*cuts[1:], sentence.end], strict=True):
        _append_stripped(text, a, b, out)
    return out


def _append_stripped(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))
