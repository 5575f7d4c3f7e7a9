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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import repeat
from operator import itemgetter
from typing import Any

import Stemmer

from unfree.data import load_yaml
from unfree.segment import TOKEN_RE

# A matcher is ("stem", key), ("prefix", key) or ("exact", key).
Matcher = tuple[str, str]
Phrase = tuple[Matcher, ...]
# One occurrence of a term: (first token, last token, concept), token indices inclusive.
Term = tuple[int, int, str]

# negation: reaches the words next to it; denial ("nobody", "no evidence"): the rest of the
# clause; retraction ("was not found", "is niets gebleken"): what comes before it in the clause;
# hypothetical: the clause; fear, hearsay and generic talk: the whole sentence. Words inside
# an `exception` phrase ("not only") veto nothing.
VETO_KINDS = ("negation", "denial", "retraction", "hypothetical", "fear", "generic", "hearsay")


_VETO_CONCEPTS = tuple(f"veto:{kind}" for kind in (*VETO_KINDS, "exception"))


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


@dataclass(frozen=True, slots=True)
class Candidates:
    """The rules that a sentence's concepts could fill, and what matching them reads."""

    rules: tuple[int, ...]  # rule ids, in lexicon order
    reads: frozenset[str]  # their slots' and `none` concepts, and every veto's


# Words remembered per walk state (which state a word leads to): texts repeat their words, so
# a step is one dict look-up. Bounded so that a long run's vocabulary cannot eat memory.
_STEP_CACHE_LIMIT = 50_000


class _Node:
    """A trie node over token keys: the concepts whose term ends here, and continuations."""

    __slots__ = ("children", "concepts")

    def __init__(self) -> None:
        self.concepts: list[str] = []
        self.children: dict[Matcher, _Node] = {}


class _State:
    """Where a walk down the trie stands after some tokens: the nodes reached (one word
    stands for several keys, its stem, itself and its prefixes, so for several nodes), the
    concepts whose terms end at them in node order, and the state each next word leads to.
    States are built on first use and shared, so that a walk costs one dict look-up per
    token instead of a loop over nodes and keys."""

    __slots__ = ("concepts", "more", "nodes", "steps")

    def __init__(self, nodes: tuple[_Node, ...]) -> None:
        self.nodes = nodes
        self.concepts = tuple(c for node in nodes for c in node.concepts)
        self.more = any(node.children for node in nodes)  # whether a longer term may follow
        self.steps: dict[str, _State] = {}


_DEAD = _State(())  # where a word that continues no term leads
_UNSEEN = _State(())  # what `scan` reads for a word it has not met before


@dataclass(slots=True)
class Lexicon:
    lang: str
    stemmer: Stemmer.Stemmer | None
    abbreviations: frozenset[str]
    connectives: re.Pattern[str] | None
    negation_before: int  # how many tokens before a cue a negation still reaches it
    negation_after: int
    fear_reach: str  # "following" or "preceding": which cues a fear word is about
    # Word endings that close a clause (Korean -고, -지만): cuts that only negation heeds.
    clause_endings: re.Pattern[str] | None = None
    rules: list[Rule] = field(default_factory=list)
    concept_names: frozenset[str] = frozenset()
    root: _Node = field(default_factory=_Node)
    rules_by_anchor: dict[str, list[int]] = field(default_factory=dict)  # concept -> rule ids
    prefix_lengths: set[int] = field(default_factory=set)
    _keys: dict[str, tuple[Matcher, ...]] = field(default_factory=dict)
    _first: dict[str, _State | None] = field(default_factory=dict)  # None: begins no term
    _states: dict[tuple[_Node, ...], _State] = field(default_factory=dict)
    # The rules each set of concepts (a sentence's) could fill, and what they read.
    candidates: _CandidateCache = field(init=False)

    def __post_init__(self) -> None:
        self.candidates = _CandidateCache(self._candidates)

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
        """The children of `node` that `word` leads to, in the order of its keys."""
        kids = node.children
        return tuple(kids[k] for k in self.keys(word) if k in kids)

    def _advance(self, nodes: tuple[_Node, ...], word: str) -> _State:
        """The state that `word` leads to from `nodes` (`_DEAD` when none)."""
        reached = tuple(kid for node in nodes for kid in self.step(node, word))
        if not reached:
            return _DEAD
        state = self._states.get(reached)
        if state is None:
            state = self._states[reached] = _State(reached)
        return state

    def _step(self, steps: dict[str, _State], nodes: tuple[_Node, ...], word: str) -> _State:
        """`_advance`, remembered in `steps` (the cache of the state that `nodes` are)."""
        if len(steps) >= _STEP_CACHE_LIMIT:
            steps.clear()
        state = steps[word] = self._advance(nodes, word)
        return state

    def scan(self, words: list[str], *, every_token: bool = False) -> list[Term]:
        """Every term occurrence in a token sequence, as (first, last, concept), ordered by
        first token, then last token.

        Most tokens begin no term: one dict look-up per token, at C speed (`map` and
        `filter`), picks the tokens worth a walk, and a walk costs one look-up per token it
        reads. A word met for the first time is looked up in the trie once. `every_token`
        walks the trie itself from every token instead: the plain path that the tests hold
        the fast one to.
        """
        if every_token:
            return self._scan_plain(words)
        out: list[Term] = []
        first = self._first
        n = len(words)
        for i, state in filter(itemgetter(1), enumerate(map(first.get, words,
                                                             repeat(_UNSEEN)))):
            if state is _UNSEEN:
                state = self._begin(words[i])
            if state is None:
                continue
            for concept in state.concepts:
                out.append((i, i, concept))
            j = i + 1
            while state.more and j < n:
                # Most walks end here: a function word ("the", "no") that begins phrases,
                # followed by a word that continues none of them.
                steps = state.steps
                state = steps.get(words[j]) or self._step(steps, state.nodes, words[j])
                if state is _DEAD:
                    break
                for concept in state.concepts:
                    out.append((i, j, concept))
                j += 1
        return out

    def _begin(self, word: str) -> _State | None:
        """The state after `word` as a first word (None when it begins no term), remembered
        in `_first`."""
        if len(self._first) >= _STEP_CACHE_LIMIT:
            self._first.clear()
        state = self._advance((self.root,), word)
        got = self._first[word] = None if state is _DEAD else state
        return got

    def _scan_plain(self, words: list[str]) -> list[Term]:
        """`scan` without caches or skips: from every token, the nodes each next word leads
        to, until none."""
        out: list[Term] = []
        n = len(words)
        for i in range(n):
            frontier = self.step(self.root, words[i])
            j = i
            while frontier:
                nxt: list[_Node] = []
                for node in frontier:
                    for concept in node.concepts:
                        out.append((i, j, concept))
                    if node.children and j + 1 < n:
                        nxt.extend(self.step(node, words[j + 1]))
                frontier = tuple(nxt)
                j += 1
        return out

    def fillable_rules(self, concepts: frozenset[str]) -> tuple[int, ...]:
        """Ids, in lexicon order, of the rules that `concepts` (those with a term in a
        sentence) could fill: each slot has one of its concepts there. A rule outside them
        cannot fire whatever the windows and vetoes say."""
        anchored = sorted({i for c in concepts for i in self.rules_by_anchor.get(c, ())})
        return tuple(i for i in anchored if self._fillable(i, concepts))

    def _fillable(self, rule_id: int, concepts: frozenset[str]) -> bool:
        return all(not slot.isdisjoint(concepts) for slot in self.rules[rule_id].require[1:])

    def _candidates(self, concepts: frozenset[str]) -> Candidates:
        """`fillable_rules` for one sentence's concepts, with the concepts that matching
        those rules reads (what `candidates` remembers)."""
        ids = self.fillable_rules(concepts)
        reads = set(_VETO_CONCEPTS)
        for i in ids:
            reads.update(*self.rules[i].require, self.rules[i].exclude)
        return Candidates(ids, frozenset(reads))


class _CandidateCache(dict[frozenset[str], Candidates]):
    """The `Candidates` of each set of concepts met, worked out on the first look-up of a
    set (`__missing__`). Sentences hold few concepts and repeat their combinations, and a
    dict's own look-up stays in C when the set is known, so that the sets of a whole text
    are looked up with one `map`. Bounded so that a long run cannot eat memory."""

    __slots__ = ("_work_out",)

    def __init__(self, work_out: Callable[[frozenset[str]], Candidates]) -> None:
        super().__init__()
        self._work_out = work_out

    def __missing__(self, concepts: frozenset[str]) -> Candidates:
        if len(self) >= _STEP_CACHE_LIMIT:
            self.clear()
        got = self[concepts] = self._work_out(concepts)
        return got


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
        clause_endings=_clause_endings(data.get("clause_endings") or {}, where),
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


def _clause_endings(spec: dict[str, list[str]], where: str) -> re.Pattern[str] | None:
    """A pattern that ends where a word ending in one of `endings` ends a clause ("강제였고
    | 수당도 없었다"), except after the longer endings of `not_after` (the quotative
    "-다고"), in the words of `not_words` (nouns: "창고") and before the words that
    `not_before` opens (auxiliaries: "보관하고 있지 않았다" is one clause)."""
    unknown = set(spec) - {"endings", "not_after", "not_words", "not_before"}
    if unknown:
        raise LexiconError(f"{where}: clause_endings has unknown keys {sorted(unknown)}")
    endings = sorted(spec.get("endings") or [], key=len, reverse=True)
    if not endings:
        return None
    branches = []
    for ending in endings:
        guards = [rf"(?<!{re.escape(w[: -len(ending)])})" for w in spec.get("not_after") or []
                  if w.endswith(ending) and len(w) > len(ending)]
        guards += [rf"(?<!\b{re.escape(w[: -len(ending)])})"
                   for w in spec.get("not_words") or []
                   if w.endswith(ending) and len(w) > len(ending)]
        branches.append("".join(guards) + re.escape(ending))
    before = "|".join(re.escape(w) for w in spec.get("not_before") or [])
    follow = rf",?\s(?!\s*(?:{before}))" if before else r",?\s"
    return re.compile(rf"(?<=\w)(?:{'|'.join(branches)})(?={follow})")
