"""Turn lexicon terms (plain words, `stem*`, `*suffix`, phrases) into fast regular expressions.

A lexicon list can hold hundreds of words. Python's `re` tries the alternatives of `a|b|c` one by
one at every position, so long word lists are compiled as a trie instead: alternatives that
share a prefix share one branch, and the engine rejects a position after one or two characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_BOUND_L = r"(?<!\w)"
_BOUND_R = r"(?!\w)"
_WILD = r"\w*"
# Characters that vary in real text but are one thing to a reader.
_FLEX = {
    "'": "['’‘ʼ`´]",
    "’": "['’‘ʼ`´]",
    "-": "[-‐‑–]",
    "–": "[-‐‑–—]",
}
# Tries of at least this many terms start with a look-ahead for their first characters (the
# first character of a single term is already the engine's first test).
_LOOKAHEAD_MIN_TERMS = 2
_FLEX_CHARS = {ch: cls[1:-1] for ch, cls in _FLEX.items()}  # the characters of each class


def _variants(term: str) -> set[str]:
    """The spellings a term is matched in: as written, lower case, Capitalised, UPPER CASE,
    and for a phrase, with its last word capitalised ("al Partido", "to the State").

    Patterns are compiled case-sensitively with these variants rather than with re.IGNORECASE:
    Python's regex engine skips quickly over literal characters but not over case-folded ones,
    and the number and unit scans run over every character of every document.
    """
    low = term.lower()
    out = {term, term[:1].upper() + term[1:], low, low[:1].upper() + low[1:], term.upper()}
    words = low.split(" ")
    if len(words) > 1:
        # A name at the end of a phrase keeps its capital: "al Partido", "to the State".
        named = " ".join([*words[:-1], words[-1][:1].upper() + words[-1][1:]])
        out |= {named, named[:1].upper() + named[1:]}
    return out


def _tokens(term: str, left: bool, right: bool) -> list[str]:
    """The regex pieces of one term, in order; `left`/`right` ask for word boundaries."""
    core = " ".join(term.split())
    prefix_wild = len(core) > 1 and core.startswith("*")
    suffix_wild = len(core) > 1 and core.endswith("*")
    core = core.strip("*") if len(core) > 1 else core
    out: list[str] = []
    if prefix_wild:
        out.append(_WILD)
    elif left and core[:1].isalnum():
        out.append(_BOUND_L)
    for ch in core:
        if ch == " ":
            out.append(r"\s+")
        elif ch == "*":  # a word's open ending inside a phrase: "разрешени* на работу"
            out.append(_WILD)
        elif ch in _FLEX:
            out.append(_FLEX[ch])
        else:
            out.append(re.escape(ch))
    if suffix_wild:
        out.append(_WILD)
    elif right and core[-1:].isalnum():
        out.append(_BOUND_R)
    return out


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


def _emit(node: _Node) -> str:
    # Characters before wildcards before boundaries: "quatre-vingt" must be tried before
    # "quatre" followed by a word boundary, or the shorter term would win.
    order = sorted(node.children.items(),
                   key=lambda kv: 2 if kv[0].startswith("(?") else 1 if kv[0] == _WILD else 0)
    alts = [tok + _emit(child) for tok, child in order]
    # Continuations first, the end of a shorter term last: the longest term wins.
    if node.end:
        if not alts:
            return ""
        alts.append("")
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def terms_regex(terms: Iterable[str], bounded: bool = True, left: bool | None = None,
                right: bool | None = None, cased: bool = False) -> str:
    """A non-capturing regex (as text) matching any of `terms`; never matches if empty.

    `bounded` asks for whole words; `left=False`/`right=False` drop one boundary only (units
    glued to digits: "12h", "400달러"; symbols before them: "Rs500"). `cased` matches the terms
    exactly as written (currency symbols: "Rs" is not "rs").
    """
    lb = bounded if left is None else (left and bounded)
    rb = bounded if right is None else (right and bounded)
    root = _Node()
    count = 0
    firsts: set[str] | None = set()
    for term in terms:
        if not term or not str(term).strip():
            continue
        for variant in ({str(term)} if cased else _variants(str(term))):
            node = root
            for tok in _tokens(variant, lb, rb):
                node = node.children.setdefault(tok, _Node())
            node.end = True
            first = _first_chars(variant)
            firsts = None if firsts is None or first is None else firsts | first
        count += 1
    if not count:
        return r"(?!x)x"
    # The engine tries the branches of an alternation one by one: a look-ahead for the possible
    # first characters rejects most positions in one test (the look-ahead never changes what
    # matches; with a wildcard first there is nothing to test).
    if firsts is None or count < _LOOKAHEAD_MIN_TERMS:
        return "(?:" + _emit(root) + ")"
    return "(?:(?=" + char_class(firsts) + ")" + _emit(root) + ")"


def _first_chars(variant: str) -> set[str] | None:
    """The characters a match of one spelling of a term starts with (None: a wildcard)."""
    core = " ".join(variant.split())
    if len(core) > 1 and core.startswith("*"):
        return None
    ch = core.strip("*")[0] if len(core) > 1 else core
    return set(_FLEX_CHARS.get(ch, ch))


def first_chars(terms: Iterable[str], cased: bool = False) -> set[str] | None:
    """Every character that a match of `terms_regex(terms, ..., cased=cased)` can start with, or
    None when a term starts with a wildcard (then any word character can).

    A scan that tests this set right after its leading separator rejects most positions with
    one character test instead of entering the whole alternation (see `char_class`).
    """
    out: set[str] = set()
    for term in terms:
        if not term or not str(term).strip():
            continue
        for variant in ({str(term)} if cased else _variants(str(term))):
            first = _first_chars(variant)
            if first is None:
                return None
            out |= first
    return out


def literal_tails(terms: Iterable[str], cased: bool = False, most: int = 3) -> set[str] | None:
    """The ends (the last `most` characters, or all of a shorter term) that a match of
    `terms_regex(terms, ..., cased=cased)` can finish with, or None when a term ends with a
    wildcard: text that ends with none of them cannot end with a match.

    A term ending in a space, an apostrophe or a dash (characters that match a class) ends
    with one character of that class."""
    out: set[str] = set()
    for term in terms:
        if not term or not str(term).strip():
            continue
        for variant in ({str(term)} if cased else _variants(str(term))):
            core = " ".join(variant.split())
            if len(core) > 1 and core.endswith("*"):
                return None
            core = core.strip("*") if len(core) > 1 else core
            tail = re.split(("[ *" if len(core) > 1 else "[ ") + re.escape("".join(_FLEX)) + "]",
                            core)[-1][-most:]
            out.update([tail] if tail else _FLEX_CHARS.get(core[-1], core[-1]))
    return out


def may_end_with(text: str, lo: int, hi: int, tails: set[str] | None) -> bool:
    """False when text[lo:hi], trailing spaces aside, ends with none of `tails` (from
    `literal_tails`): then no pattern "term\\s*$" searched in [lo, hi) can match."""
    if tails is None:
        return True
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    # A slice cut short by `lo` may equal a shorter end: that only lets the search run.
    return (text[max(lo, hi - 1):hi] in tails or text[max(lo, hi - 2):hi] in tails
            or text[max(lo, hi - 3):hi] in tails)


def literal_firsts(strings: Iterable[str]) -> set[str] | None:
    """The first non-space characters of literal strings (None if one is blank)."""
    out: set[str] = set()
    for s in strings:
        if not s.strip():
            return None
        out.add(s.lstrip()[0])
    return out


def union(*sets: set[str] | None) -> set[str] | None:
    """All strings (characters) of `sets`, or None (any) when one of them is None."""
    out: set[str] = set()
    for s in sets:
        if s is None:
            return None
        out |= s
    return out


def first_nonspace(text: str, lo: int, hi: int) -> str:
    """The first character of text[lo:hi] that is not a space (the regex \\s, which is
    str.isspace), or "" if there is none.

    A gap pattern such as "\\s*(?:to|and)\\s*" can only match where this is one of its first
    characters: a test that spares most regex calls between two numbers.
    """
    while lo < hi and text[lo].isspace():
        lo += 1
    return text[lo] if lo < hi else ""


def required_literals(terms: Iterable[str], cased: bool = False) -> tuple[str, ...] | None:
    """Lower-case strings of which every match of `terms_regex(terms, ...)` contains one, or
    None when a term has no literal part (then anything may match).

    A match of a term spells each of its plain characters as written (patterns are compiled
    case-sensitively, see `_variants`), so the lower-cased text holds the lower-cased longest
    run of them. `str.__contains__` on the lower-cased text is many times faster than a regex
    scan, and most families are absent from most texts: a scan that these literals rule out
    is one the text cannot match.
    """
    out: set[str] = set()
    for term in terms:
        if not term or not str(term).strip():
            continue
        for variant in ({str(term)} if cased else _variants(str(term))):
            core = " ".join(variant.split())
            core = core.strip("*") if len(core) > 1 else core
            # An inner "*" is an open word ending: the literal runs are the pieces around it.
            runs = re.split(("[ *" if len(core) > 1 else "[ ") + re.escape("".join(_FLEX)) + "]",
                            core)
            best = max(runs, key=len)
            # The Greek capital sigma lower-cases by context: a literal with it could miss.
            if not best or any(ch in best for ch in "Σσς"):
                return None
            out.add(best.lower())
    # A literal that contains another is implied by it.
    return tuple(sorted(x for x in out if not any(y != x and y in x for y in out)))


def repeat(piece: str, least: int, most: int, lazy: bool = False) -> str:
    """`(?:piece){least,most}` (lazy: `{least,most}?`) written out as nested alternatives, which
    try the counts in the same order: the regex engine runs these faster than a counted repeat
    of a group (no repeat context to keep per try)."""
    def optional(n: int) -> str:
        if n <= 0:
            return ""
        inner = piece + optional(n - 1)
        return f"(?:|{inner})" if lazy else f"(?:{inner}|)"
    return piece * least + optional(most - least)


def strip_names(pattern: str) -> str:
    """`pattern` with its named groups made non-capturing, to embed it in another pattern
    (a name may occur once per pattern). The patterns of this package have no back-references."""
    return re.sub(r"(?<!\\)\(\?P<\w+>", "(?:", pattern)


def char_class(chars: Iterable[str], extra: str = "") -> str:
    """A regex character class of `chars` (plus `extra`, e.g. "\\d"); never matches if empty."""
    body = extra + "".join(re.escape(c) for c in sorted(set(chars)))
    return f"[{body}]" if body else r"(?!x)x"


def normalise(s: str) -> str:
    """The lookup key of a matched phrase: lower case, single spaces, plain apostrophes."""
    s = " ".join(s.lower().split())
    for a in "’‘ʼ`´":
        s = s.replace(a, "'")
    return s.replace("‐", "-").replace("‑", "-")


class LabelledTerms:
    """Terms grouped under labels (currency codes, periods): match any, then tell which label."""

    def __init__(self, groups: Mapping[str, Iterable[str]], bounded: bool = True,
                 flags: int = 0, left: bool | None = None, right: bool | None = None,
                 cased: bool = False) -> None:
        self.groups = {label: [str(t) for t in terms if t is not None and str(t).strip()]
                       for label, terms in groups.items()}
        self.rx = terms_regex([t for ts in self.groups.values() for t in ts], bounded, left,
                              right, cased)
        # Labels are looked up case-insensitively: the matched text may be in any variant.
        self._exact: dict[str, str] = {}
        self._each: list[tuple[str, re.Pattern[str]]] = []
        for label, terms in self.groups.items():
            for t in terms:
                if "*" not in t:
                    self._exact.setdefault(t if cased else normalise(t), label)
            self._each.append((label, re.compile(terms_regex(terms, bounded, left, right, cased),
                                                 flags | (0 if cased else re.IGNORECASE))))
        self._memo: dict[str, str | None] = {}
        self._cased = cased

    def label(self, matched: str) -> str | None:
        """The label of a string matched by `rx` (the longest term decides)."""
        if matched in self._memo:
            return self._memo[matched]
        key = matched if self._cased else normalise(matched)
        found = self._exact.get(key)
        if found is None:
            for label, rx in self._each:
                if rx.fullmatch(matched):
                    found = label
                    break
        if len(self._memo) < 10000:
            self._memo[matched] = found
        return found

    def __bool__(self) -> bool:
        return any(self.groups.values())
