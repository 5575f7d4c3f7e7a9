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


def _tokens(term: str, bounded: bool) -> list[str]:
    """The regex pieces of one term, in order."""
    core = " ".join(term.split())
    prefix_wild = len(core) > 1 and core.startswith("*")
    suffix_wild = len(core) > 1 and core.endswith("*")
    core = core.strip("*") if len(core) > 1 else core
    out: list[str] = []
    if prefix_wild:
        out.append(_WILD)
    elif bounded and core[:1].isalnum():
        out.append(_BOUND_L)
    for ch in core.lower():
        if ch == " ":
            out.append(r"\s+")
        elif ch in _FLEX:
            out.append(_FLEX[ch])
        else:
            out.append(re.escape(ch))
    if suffix_wild:
        out.append(_WILD)
    elif bounded and core[-1:].isalnum():
        out.append(_BOUND_R)
    return out


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


def _emit(node: _Node) -> str:
    alts = [tok + _emit(child) for tok, child in node.children.items()]
    # Continuations first, the end of a shorter term last: the longest term wins.
    if node.end:
        if not alts:
            return ""
        alts.append("")
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def terms_regex(terms: Iterable[str], bounded: bool = True) -> str:
    """A non-capturing regex (as text) matching any of `terms`; never matches if empty."""
    root = _Node()
    count = 0
    for term in terms:
        if not term or not str(term).strip():
            continue
        node = root
        for tok in _tokens(str(term), bounded):
            node = node.children.setdefault(tok, _Node())
        node.end = True
        count += 1
    if not count:
        return r"(?!x)x"
    return "(?:" + _emit(root) + ")"


def normalise(s: str) -> str:
    """The lookup key of a matched phrase: lower case, single spaces, plain apostrophes."""
    s = " ".join(s.lower().split())
    for a in "’‘ʼ`´":
        s = s.replace(a, "'")
    return s.replace("‐", "-").replace("‑", "-")


class LabelledTerms:
    """Terms grouped under labels (currency codes, periods): match any, then tell which label."""

    def __init__(self, groups: Mapping[str, Iterable[str]], bounded: bool = True,
                 flags: int = re.IGNORECASE) -> None:
        self.groups = {label: [str(t) for t in terms if t is not None and str(t).strip()]
                       for label, terms in groups.items()}
        self.rx = terms_regex([t for ts in self.groups.values() for t in ts], bounded)
        self._exact: dict[str, str] = {}
        self._each: list[tuple[str, re.Pattern[str]]] = []
        for label, terms in self.groups.items():
            for t in terms:
                if "*" not in t:
                    self._exact.setdefault(normalise(t), label)
            self._each.append((label, re.compile(terms_regex(terms, bounded), flags)))
        self._flags = flags

    def label(self, matched: str) -> str | None:
        """The label of a string matched by `rx` (the longest term decides)."""
        key = normalise(matched) if self._flags & re.IGNORECASE else " ".join(matched.split())
        if key in self._exact:
            return self._exact[key]
        for label, rx in self._each:
            if rx.fullmatch(matched):
                return label
        return None

    def __bool__(self) -> bool:
        return any(self.groups.values())
