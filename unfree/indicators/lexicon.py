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
import yaml

from unfree.segment import TOKEN_RE

# A matcher is ("stem", key), ("prefix", key) or ("exact", key).
Matcher = tuple[str, str]
Phrase = tuple[Matcher, ...]

# negation: reaches the words next to it; denial ("nobody", "no evidence"): the whole clause;
# hypothetical: the clause; fear, hearsay and generic talk: the whole sentence.
VETO_KINDS = ("negation", "denial", "hypothetical", "fear", "generic", "hearsay")


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


@dataclass(slots=True)
class Lexicon:
    lang: str
    stemmer: Stemmer.Stemmer | None
    abbreviations: frozenset[str]
    connectives: re.Pattern[str] | None
    by_stem: dict[str, list[tuple[str, Phrase]]]
    by_prefix: dict[str, list[tuple[str, Phrase]]]
    by_exact: dict[str, list[tuple[str, Phrase]]]
    max_prefix: int
    negation_before: int  # how many tokens before a cue a negation still reaches it
    negation_after: int
    rules: list[Rule]
    concept_names: frozenset[str]
    _stems: dict[str, str] = field(default_factory=dict)
    _candidates: dict[str, list[tuple[str, Phrase]]] = field(default_factory=dict)

    def stem(self, lower: str) -> str:
        """Stem of a lower-cased token, cached: documents repeat their words."""
        got = self._stems.get(lower)
        if got is None:
            got = self.stemmer.stemWord(lower) if self.stemmer else lower
            self._stems[lower] = got
        return got

    def candidates(self, lower: str) -> list[tuple[str, Phrase]]:
        """Every (concept, phrase) whose first word this token can be."""
        got = self._candidates.get(lower)
        if got is None:
            got = [*self.by_stem.get(self.stem(lower), ()), *self.by_exact.get(lower, ())]
            for k in range(1, min(len(lower), self.max_prefix) + 1):
                got.extend(self.by_prefix.get(lower[:k], ()))
            self._candidates[lower] = got
        return got

    def token_matches(self, matcher: Matcher, lower: str) -> bool:
        kind, key = matcher
        if kind == "prefix":
            return lower.startswith(key)
        return lower == key if kind == "exact" else self.stem(lower) == key


def _read(lang: str) -> dict[str, Any] | None:
    path = resources.files("unfree.lang").joinpath(lang, "indicators.yaml")
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    lex = Lexicon(
        lang=lang,
        stemmer=stemmer,
        abbreviations=frozenset(a.lower() for a in data.get("abbreviations", [])),
        connectives=_connectives(data.get("clause_connectives", [])),
        by_stem={},
        by_prefix={},
        by_exact={},
        max_prefix=0,
        negation_before=int((data.get("negation_scope") or {}).get("before", 6)),
        negation_after=int((data.get("negation_scope") or {}).get("after", 1)),
        rules=[],
        concept_names=frozenset(),
    )
    concepts: dict[str, list[str]] = dict(data.get("concepts") or {})
    for kind in VETO_KINDS:
        concepts[f"veto:{kind}"] = list((data.get("vetoes") or {}).get(kind) or [])
    for name, terms in concepts.items():
        if not isinstance(terms, list):
            raise LexiconError(f"{where}: concept {name!r} must be a list of terms")
        for term in terms:
            if not isinstance(term, str):
                # YAML reads bare no/yes/on/off as booleans: a silent loss of a word.
                raise LexiconError(f"{where}: concept {name!r} has a non-text term {term!r}; quote it")
            phrase = _compile_term(lex, term)
            if not phrase:
                raise LexiconError(f"{where}: concept {name!r} has an empty term {term!r}")
            kind, key = phrase[0]
            table = {"prefix": lex.by_prefix, "exact": lex.by_exact}.get(kind, lex.by_stem)
            table.setdefault(key, []).append((name, phrase))
            if kind == "prefix":
                lex.max_prefix = max(lex.max_prefix, len(key))
    lex.concept_names = frozenset(concepts)
    for indicator, rules in (data.get("rules") or {}).items():
        for i, raw in enumerate(rules or []):
            lex.rules.append(_compile_rule(where, indicator, i, raw, lex.concept_names))
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
    )


def _connectives(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:,\s*|\s)(?=(?:{alternatives})\b)", re.IGNORECASE)
