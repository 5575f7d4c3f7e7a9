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
# space; or a line break. Abbreviations are checked afterwards. Written as one character
# class and then what may follow that character (`[.!?…。]+…|\n+` in effect): a pattern that
# opens with a class lets the regex engine jump from candidate to candidate instead of
# trying the whole alternation at every character, four times faster on news text.
_SENT_END_RE = re.compile(
    r"[.!?…。\n](?:(?<=\n)\n*|(?<=[.!?…。])[.!?…。]*[\"'”’»)\]]*(?=\s))")
_CLOSERS = "\"'”’»)]"
# Clause breaks: semicolons, colons, dashes between spaces, and the edges of a quotation (what
# someone is quoted as saying is a clause of its own: its negations stay inside it). In
# effect `[;:]\s|\s[—–]\s|\s-\s|\s(?=[\"“«„]\w)|(?<=\w)[\"”»](?=\s)`, written as the class of
# the first characters and then, by look-behind, the rest of each branch: twice as fast.
_CLAUSE_BREAK_RE = re.compile(
    r"[;:\s\"”»](?:(?<=[;:])\s|(?<=\s)[—–]\s|(?<=\s)-\s|(?<=\s)(?=[\"“«„]\w)"
    r"|(?<=\w[\"”»])(?=\s))")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def sentences(text: str, abbreviations: frozenset[str] = frozenset()) -> list[Span]:
    """Split `text` into sentence spans, stripped of surrounding whitespace."""
    starts, ends = sentence_bounds(text, abbreviations)
    return [Span(start, end) for start, end in zip(starts, ends, strict=True)]


def sentence_bounds(text: str, abbreviations: frozenset[str] = frozenset()
                    ) -> tuple[list[int], list[int]]:
    """`sentences` as two lists, the starts and the ends: a text has many sentences and
    most are never looked at again, so they need not all become `Span`s."""
    starts: list[int] = []
    ends: list[int] = []
    start = 0
    for m in _SENT_END_RE.finditer(text):
        dot, end = m.span()
        if text[dot] == "." and (end == dot + 1 or text[dot + 1] in _CLOSERS):
            # A single full stop: "Mr. V." or "a.m. until" must not end a sentence, so look
            # at the word before the dot and at what follows.
            word_start = text.rfind(" ", start, dot) + 1
            word = text[word_start:dot].lower().lstrip("(\"'“‘«")
            following = text[end : end + 3].lstrip()
            if word + "." in abbreviations or (
                following[:1].islower() and "\n" not in text[dot : end + 2]
            ):
                continue
        # `_strip`, inline: this runs once per sentence of every text.
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            starts.append(start)
            ends.append(start + len(text[start:end].rstrip()) if text[end - 1].isspace()
                        else end)
        start = end
    if stripped := _strip(text, start, len(text)):
        starts.append(stripped[0])
        ends.append(stripped[1])
    return starts, ends


def clauses(text: str, sentence: Span, connectives: re.Pattern[str] | None,
            endings: re.Pattern[str] | None = None) -> list[Span]:
    """Split one sentence into clauses at semicolons, colons, dashes, quotation marks and
    contrastive words, and with `endings` after the words whose ending closes a clause."""
    cuts = [sentence.start]
    chunk = text[sentence.start : sentence.end]
    for m in _CLAUSE_BREAK_RE.finditer(chunk):
        cuts.append(sentence.start + m.end())
    for pattern in (connectives, endings):
        if pattern is not None:
            for m in pattern.finditer(chunk):
                cuts.append(sentence.start + m.end())
    cuts = sorted(set(cuts))
    out: list[Span] = []
    for a, b in zip(cuts, [*cuts[1:], sentence.end], strict=True):
        _append_stripped(text, a, b, out)
    return out


def _append_stripped(text: str, start: int, end: int, out: list[Span]) -> None:
    if stripped := _strip(text, start, end):
        out.append(Span(*stripped))


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    """`text[start:end]` without the whitespace around it, as offsets; None if nothing is
    left. Sentences start after a space or two and seldom end in one: a step or two."""
    while start < end and text[start].isspace():
        start += 1
    if start == end:
        return None
    if text[end - 1].isspace():
        end = start + len(text[start:end].rstrip())
    return start, end
