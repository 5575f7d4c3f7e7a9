"""Load a language's `indicators.yaml` and compile it into fast lookup tables.

A lexicon has *concepts* (families of words and phrases such as `id_document` or `take`),
*vetoes* (negation, fear, hypothetical, generic talk, ...) that cancel a match in their
scope, and *rules*: an indicator holds in a sentence when every concept of one of its rules
is present there, close enough together, and no veto applies.

Terms are matched on Snowball stems, so "confiscated", "confiscating" and "confiscation" hit
the same entry; a term ending in `*` is a prefix on the lower-cased surface form instead (for
Korean, whose particles attach to the noun, and for irregular stems), and `=word` is the exact
lower-cased form (for words whose stem is ambiguous: "=lied" must not match "lies").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import Stemmer

from unfree.data import load_yaml
from unfree.segment import TOKEN_RE

# A matcher is ("stem", key), ("prefix", key) or ("exact", key).
Matcher = tuple[str, str]
Phrase = tuple[Matcher, ...]

# negation: reaches the words next to it; denial ("nobody", "no evidence"): the rest of the
# clause; retraction ("was not found", "is niets gebleken"): what comes before it in the clause;
# hypothetical: the clause; fear, hearsay and generic talk: the whole sentence. Words inside
# an `exception` phrase ("not only") veto nothing.
VETO_KINDS = ("negation", "denial", "retraction", "hypothetical", "fear", "generic", "hearsay")


class LexiconError(ValueError):
    """A lexicon file that does not follow the format; the message names the file."""


@dataclass(frozen=True, slots=True)
class Rule:
    indicator: str
    name: str
    require: tuple[frozenset[str], ...]  # each slot: one of these concepts
    exclude: frozenset[str]
    allow: frozenset[str]  # veto kinds that do not cancel this rule
    window: int
    confidence: float
    negated: bool = False  # holds only under a negation ("ne nous ont jamais laissés partir")


# Words remembered per trie node (which children a word leads to): texts repeat their words,
# so a step is one dict look-up. Bounded so that a long run's vocabulary cannot eat memory.
_STEP_CACHE_LIMIT = 50_000


class _Node:
    """A trie node over token keys: the concepts whose term ends here, and continuations."""

    __slots__ = ("children", "concepts", "steps")

    def __init__(self) -> None:
        self.concepts: list[str] = []
        self.children: dict[Matcher, _Node] = {}
        self.steps: dict[str, tuple[_Node, ...]] = {}


@dataclass(slots=True)
class Lexicon:
    lang: str
    stemmer: Stemmer.Stemmer | None
    abbreviations: frozenset[str]
    connectives: re.Pattern[str] | None
    negation_before: int  # how many tokens before a cue a negation still reaches it
    negation_after: int
    fear_reach: str  # "following" or "preceding": which cues a fear word is about
    rules: list[Rule] = field(default_factory=list)
    concept_names: frozenset[str] = frozenset()
    root: _Node = field(default_factory=_Node)
    rules_by_anchor: dict[str, list[int]] = field(default_factory=dict)  # concept -> rule ids
    prefix_lengths: set[int] = field(default_factory=set)
    _keys: dict[str, tuple[Matcher, ...]] = field(default_factory=dict)
    _starters: set[str] = field(default_factory=set)  # words that begin a term
    _non_starters: set[str] = field(default_factory=set)

    def stem(self, lower: str) -> str:
        return self.stemmer.stemWord(lower) if self.stemmer else lower

    def add_term(self, concept: str, phrase: Phrase) -> None:
        node = self.root
        for matcher in phrase:
            node = node.children.setdefault(matcher, _Node())
            if matcher[0] == "prefix":
                self.prefix_lengths.add(len(matcher[1]))
        if concept not in node.concepts:  # one term listed twice, or two forms with one stem
            node.concepts.append(concept)

    def keys(self, lower: str) -> tuple[Matcher, ...]:
        """The trie keys a lower-cased token can stand for, cached: texts repeat words."""
        got = self._keys.get(lower)
        if got is None:
            prefixes = [("prefix", lower[:k]) for k in self.prefix_lengths if k <= len(lower)]
            got = (("stem", self.stem(lower)), ("exact", lower), *prefixes)
            if len(self._keys) >= _STEP_CACHE_LIMIT:
                self._keys.clear()
            self._keys[lower] = got
        return got

    def step(self, node: _Node, word: str) -> tuple[_Node, ...]:
        """The children of `node` that `word` leads to."""
        got = node.steps.get(word)
        if got is None:
            kids = node.children
            got = tuple(kids[k] for k in self.keys(word) if k in kids)
            if len(node.steps) >= _STEP_CACHE_LIMIT:
                node.steps.clear()
            node.steps[word] = got
        return got

    def scan(self, words: list[str]) -> list[tuple[int, int, str]]:
        """Every term occurrence in a token sequence: (first, last, concept)."""
        out: list[tuple[int, int, str]] = []
        root, step = self.root, self.step
        starts = self._starts(words)
        if not starts:
            return out
        n = len(words)
        for i, word in enumerate(words):
            if word not in starts:
                continue
            frontier = step(root, word)
            j = i
            while frontier:
                nxt: list[_Node] = []
                for node in frontier:
                    for concept in node.concepts:
                        out.append((i, j, concept))
                    if node.children and j + 1 < n:
                        nxt.extend(step(node, words[j + 1]))
                frontier = nxt  # type: ignore[assignment]
                j += 1
        return out

    def _starts(self, words: list[str]) -> set[str]:
        """The distinct words of `words` that begin some term. Most words of most texts begin
        none: sets answer that for the whole text at C speed, and only words never seen
        before are looked up one by one."""
        seen = set(words)
        new = seen - self._starters - self._non_starters
        if new:
            if len(self._non_starters) >= _STEP_CACHE_LIMIT:
                self._non_starters.clear()
            for word in new:
                (self._starters if self.step(self.root, word) else self._non_starters).add(word)
        return seen & self._starters

def _read(lang: str) -> dict[str, Any] | None:
    path = resources.files("unfree.lang").joinpath(lang, "indicators.yaml")
    if not path.is_file():
        return None
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


@cache
def load_lexicon(lang: str) -> Lexicon | None:
    """The compiled lexicon for `lang`, or None when the language has none."""
    data = _read(lang)
    if data is None:
        return None
    where = f"unfree/lang/{lang}/indicators.yaml"
    stemmer_name = data.get("stemmer")
    stemmer = Stemmer.Stemmer(stemmer_name) if stemmer_name else None
    abbreviations = data.get("abbreviations") or []
    if not all(isinstance(a, str) for a in abbreviations):
        bad = [a for a in abbreviations if not isinstance(a, str)]
        raise LexiconError(f"{where}: abbreviations must be text, got {bad!r}; quote them")
    lex = Lexicon(
        lang=lang,
        stemmer=stemmer,
        abbreviations=frozenset(a.lower() for a in abbreviations),
        connectives=_connectives(data.get("clause_connectives", [])),
        negation_before=int((data.get("negation_scope") or {}).get("before", 6)),
        negation_after=int((data.get("negation_scope") or {}).get("after", 1)),
        fear_reach=str(data.get("fear_reach", "following")),
    )
    if lex.fear_reach not in ("following", "preceding"):
        raise LexiconError(f"{where}: fear_reach must be 'following' or 'preceding'")
    concepts: dict[str, list[str]] = dict(data.get("concepts") or {})
    vetoes = data.get("vetoes") or {}
    for kind in (*VETO_KINDS, "exception"):
        concepts[f"veto:{kind}"] = list(vetoes.get(kind) or [])
    for name, terms in concepts.items():
        if not isinstance(terms, list):
            raise LexiconError(f"{where}: concept {name!r} must be a list of terms")
        for term in terms:
            if not isinstance(term, str):
                # YAML reads bare no/yes/on/off as booleans: a silent loss of a word.
                raise LexiconError(
                    f"{where}: concept {name!r} has a non-text term {term!r}; quote it")
            phrase = _compile_term(lex, term)
            if not phrase:
                raise LexiconError(f"{where}: concept {name!r} has an empty term {term!r}")
            lex.add_term(name, phrase)
    lex.concept_names = frozenset(concepts)
    for indicator, rules in (data.get("rules") or {}).items():
        for i, raw in enumerate(rules or []):
            lex.rules.append(_compile_rule(where, indicator, i, raw, lex.concept_names))
    for rule_id, rule in enumerate(lex.rules):
        for concept in rule.require[0]:
            lex.rules_by_anchor.setdefault(concept, []).append(rule_id)
    return lex


def _compile_term(lex: Lexicon, term: str) -> Phrase:
    out: list[Matcher] = []
    lower = term.lower()
    for m in TOKEN_RE.finditer(lower):
        word = m.group()
        if lower[m.end() : m.end() + 1] == "*":
            out.append(("prefix", word))
        elif m.start() > 0 and lower[m.start() - 1] == "=":
            out.append(("exact", word))
        else:
            out.append(("stem", lex.stem(word)))
    return tuple(out)


def _compile_rule(
    where: str, indicator: str, i: int, raw: dict[str, Any], known: frozenset[str]
) -> Rule:
    name = str(raw.get("name", f"{indicator}#{i}"))
    slots: list[frozenset[str]] = []
    for slot in raw.get("all", []):
        options = frozenset([slot] if isinstance(slot, str) else slot)
        slots.append(options)
    exclude = frozenset(raw.get("none", []))
    for concept in set().union(*slots, exclude) if slots else exclude:
        if concept not in known:
            raise LexiconError(f"{where}: rule {name!r} names unknown concept {concept!r}")
    if not slots:
        raise LexiconError(f"{where}: rule {name!r} has no 'all' concepts")
    allow = frozenset(raw.get("allow", []))
    if unknown := allow - set(VETO_KINDS):
        raise LexiconError(f"{where}: rule {name!r} allows unknown veto kinds {sorted(unknown)}")
    return Rule(
        indicator=indicator,
        name=f"{name}",
        require=tuple(slots),
        exclude=exclude,
        allow=allow,
        window=int(raw.get("window", 40)),
        confidence=float(raw.get("confidence", 0.75)),
        negated=bool(raw.get("negated", False)),
    )


def _connectives(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:,\s*|\s)(?=(?:{alternatives})\b)", re.IGNORECASE)
