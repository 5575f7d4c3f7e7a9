"""The batch pre-filter: skip the indicator stage for documents where it provably finds nothing.

What a pre-filter may skip. A document's analysis has five parts, and only one of them needs
an indicator's words:
- the language, always part of the output, so always detected;
- facts, read from numbers, units and periods ("seven days a week", "€300"), trigger word or
  not, so always extracted;
- findings read off facts against ILO norms (a 16-hour day is excessive overtime whatever
  the words around it), which exist exactly when facts do;
- mentions of places, parties and sectors, which need no indicator either;
- lexical findings, which need a lexicon rule filled in a sentence.
So a document may skip the indicator stage, and nothing else, when it has no facts *and* no
rule of its language's lexicon can be filled anywhere in it. It is never skipped on a guess:

Lemma. If `extract_facts(text, lang) == []` and `Triggers.may_fill_a_rule(text)` is false,
then `find_indicators(text, lang, []) == []`.

Proof. `find_indicators` returns lexical findings and norm findings. Norm findings are
computed from the facts given, and none are given. A lexical finding of a rule needs, in one
sentence, a term of one concept of every slot of the rule (docs/lexicons.md: "a rule fires in
a sentence when every concept of `all` has a term there"); phrases, windows, vetoes and
`negated` only take findings away. A term occurs where the text's token sequence (`TOKEN_RE`
over the lower-cased text, as the indicator stage reads it) matches the term's tokens, so its
first token matches the term's first matcher: same Snowball stem, same form (`=word`), or
starts so (`word*`). `Triggers` is compiled from the same `indicators.yaml` with the same
stemmer and tokenizer, keeps every term's first matcher, and answers true when, over all the
tokens of the whole text, every slot of some rule has a concept whose first matcher some
token matches: a superset of the condition. A language without `indicators.yaml` has no
lexical findings, and its `Triggers` has no rule. ∎

`analyze_prefiltered` then puts the analysis together with `unfree.pipeline.complete`, the
code `analyze` itself ends with, from the same language, facts and (empty) findings: the
result equals `analyze(document)` by construction, not by testing alone. tests/test_batch_
prefilter.py checks it on every corpus the project has, document by document and sentence by
sentence.

What it buys: the indicator stage already skips its sentence matching when no rule fits, so
the saving is its tokenising and term look-ups on documents without facts; facts, which cost
the most, always run (see docs/design.md, "Batch", for the measured share).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import Stemmer

from unfree.data import load_yaml
from unfree.facts import extract_facts
from unfree.indicators import find_indicators
from unfree.language import detect_language
from unfree.model import Analysis, Document
from unfree.pipeline import complete
from unfree.segment import TOKEN_RE

# Words remembered per language (their concepts): a long run's vocabulary must not eat memory.
_WORD_CACHE_LIMIT = 100_000


@dataclass(slots=True)
class Triggers:
    """The first matcher of every term of one language's rule concepts, and the rules' slots."""

    stemmer: Stemmer.Stemmer | None
    rules: tuple[tuple[frozenset[str], ...], ...]
    by_stem: dict[str, set[str]] = field(default_factory=dict)
    by_exact: dict[str, set[str]] = field(default_factory=dict)
    by_prefix: dict[str, set[str]] = field(default_factory=dict)
    prefix_lengths: tuple[int, ...] = ()
    _words: dict[str, frozenset[str]] = field(default_factory=dict)

    def may_fill_a_rule(self, text: str) -> bool:
        """False only when no rule can be filled anywhere in `text` (see the lemma above)."""
        if not self.rules:
            return False
        found: set[str] = set()
        for word in _words(text):
            found |= self.concepts(word)
        return any(all(not slot.isdisjoint(found) for slot in rule) for rule in self.rules)

    def concepts(self, word: str) -> frozenset[str]:
        """The rule concepts one of whose terms may start with the lower-cased `word`."""
        got = self._words.get(word)
        if got is None:
            hits: set[str] = set()
            stem = self.stemmer.stemWord(word) if self.stemmer else word
            hits.update(self.by_stem.get(stem, ()))
            hits.update(self.by_exact.get(word, ()))
            for k in self.prefix_lengths:
                if k <= len(word):
                    hits.update(self.by_prefix.get(word[:k], ()))
            got = frozenset(hits)
            if len(self._words) >= _WORD_CACHE_LIMIT:
                self._words.clear()
            self._words[word] = got
        return got


def _words(text: str) -> set[str]:
    """The distinct tokens of `text` as the indicator stage reads them: lower-cased, with
    both ways of lower-casing letters that lengthen ("İ"), so that either reading is in."""
    lowered = text.lower()
    words = set(TOKEN_RE.findall(lowered))
    if len(lowered) != len(text):
        words.update(TOKEN_RE.findall("".join(ch.lower()[0] for ch in text)))
    return words


@cache
def triggers(lang: str) -> Triggers:
    """The compiled triggers of `lang` (no rule at all for a language without a lexicon)."""
    path = resources.files("unfree.lang").joinpath(lang, "indicators.yaml")
    if not path.is_file():
        return Triggers(stemmer=None, rules=())
    data: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    name = data.get("stemmer")
    result = Triggers(stemmer=Stemmer.Stemmer(name) if name else None,
                      rules=tuple(_rule_slots(data.get("rules") or {})))
    wanted = {concept for rule in result.rules for slot in rule for concept in slot}
    for concept, terms in (data.get("concepts") or {}).items():
        if concept in wanted:
            for term in terms or ():
                _add_first_matcher(result, concept, str(term))
    result.prefix_lengths = tuple(sorted({len(key) for key in result.by_prefix}))
    return result


def _rule_slots(rules: dict[str, Any]) -> Iterable[tuple[frozenset[str], ...]]:
    seen: set[tuple[frozenset[str], ...]] = set()
    for indicator_rules in rules.values():
        for rule in indicator_rules or ():
            slots = tuple(frozenset([s] if isinstance(s, str) else s) for s in rule.get("all", []))
            if slots and slots not in seen:
                seen.add(slots)
                yield slots


def _add_first_matcher(result: Triggers, concept: str, term: str) -> None:
    # The term syntax of docs/lexicons.md, read as unfree/indicators/lexicon.py reads it.
    lower = term.lower()
    first = TOKEN_RE.search(lower)
    if first is None:
        return
    word = first.group()
    if lower[first.end() : first.end() + 1] == "*":
        result.by_prefix.setdefault(word, set()).add(concept)
    elif first.start() > 0 and lower[first.start() - 1] == "=":
        result.by_exact.setdefault(word, set()).add(concept)
    else:
        stem = result.stemmer.stemWord(word) if result.stemmer else word
        result.by_stem.setdefault(stem, set()).add(concept)


def analyze_prefiltered(document: Document) -> tuple[Analysis, bool]:
    """`unfree.pipeline.analyze(document)`, and whether the indicator stage was skipped."""
    text = document.text
    lang = document.lang or detect_language(text)
    facts = extract_facts(text, lang)
    skip = not facts and not triggers(lang).may_fill_a_rule(text)
    findings = [] if skip else find_indicators(text, lang, facts)
    return complete(document, lang, facts, findings), skip
