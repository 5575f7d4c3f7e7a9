"""Indicators: find the ILO's eleven forced-labour indicators in a text, with their evidence.

Two sources of findings:
- lexical rules from `unfree/lang/<code>/indicators.yaml` (see `lexicon.py`), matched per
  sentence and cancelled by negation, fear, hypotheticals, hearsay or generic talk in scope;
- the ILO working-time norms in `unfree/data/norms.yaml`, applied to the facts already read
  (a stated 16-hour day is excessive overtime whatever words surround it).

One finding per indicator per sentence; its span is the sentence, its quote the sentence text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import attrgetter, itemgetter
from typing import Any

from unfree.data import load_data
from unfree.indicators.lexicon import (
    VETO_KINDS,
    Candidates,
    Lexicon,
    Rule,
    Term,
    load_lexicon,
)
from unfree.model import Fact, Finding
from unfree.segment import TOKEN_RE, Span, clauses, sentence_bounds

__all__ = ["INDICATORS", "condition_table", "find_indicators", "indicator_dimensions",
           "indicator_names", "load_norms"]


def _indicator_table() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = load_data("indicators.yaml")["indicators"]
    return table


def condition_table() -> dict[str, dict[str, Any]]:
    """ICLS involuntariness conditions that coercion indicators can evidence."""
    table: dict[str, dict[str, Any]] = load_data("indicators.yaml")["involuntariness_conditions"]
    return table


INDICATORS: tuple[str, ...] = tuple(_indicator_table())


def indicator_dimensions() -> dict[str, str]:
    """Indicator id -> ICLS dimension ("involuntariness" or "coercion")."""
    return {k: v["dimension"] for k, v in _indicator_table().items()}


def indicator_names() -> dict[str, str]:
    """Indicator id -> the ILO's name for it ("Retention of identity documents")."""
    return {k: v["name"] for k, v in _indicator_table().items()}


def load_norms() -> dict[str, Any]:
    return load_data("norms.yaml")


# Where one term of a concept stands: (first, last) token indices in the document, inclusive,
# filed under its concept. Plain tuples: a text has hundreds of them, compared by value.
Hit = tuple[int, int]


def find_indicators(text: str, lang: str, facts: list[Fact] | None = None) -> list[Finding]:
    """Every indicator finding in `text`, sorted by position."""
    return _find(text, lang, facts, plain=False)


def _find(text: str, lang: str, facts: list[Fact] | None, *, plain: bool) -> list[Finding]:
    """`find_indicators`, or with `plain` its reference form, which the tests hold it to:
    the text tokenized whole, a walk down the trie from every token, every rule with a hit
    for its first slot tried in every sentence.

    The fast form tokenizes sentence by sentence (the same tokens, and each sentence's
    first token for free), walks only from tokens that begin a term, and skips only work
    that cannot produce a finding: sentences whose concepts fill no rule (most of them),
    hits of concepts that the rules left do not read, and the clauses and token offsets
    that no veto asks for.
    """
    lex = load_lexicon(lang)
    bounds: tuple[list[int], list[int]] | None = None  # the sentences' starts and ends
    found: dict[tuple[int, str], Finding] = {}
    if lex is not None:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters ("İ") lengthen when lower-cased
            lowered = "".join(ch.lower()[0] for ch in text)
        bounds = sentence_bounds(text, lex.abbreviations)
        if plain:
            terms = lex.scan(TOKEN_RE.findall(lowered), every_token=True)
            counts = [len(TOKEN_RE.findall(lowered, start, end))
                      for start, end in zip(*bounds, strict=True)]
        else:
            # Words never straddle a sentence end and only spaces lie between sentences,
            # so the sentences' tokens, one after the other, are the text's.
            tokens = list(map(TOKEN_RE.findall, repeat(lowered), *bounds))
            terms = lex.scan(list(chain.from_iterable(tokens)))
            counts = list(map(len, tokens))
        if terms:
            first_token = [0, *accumulate(counts)]
            _match_sentences(text, lowered, bounds, first_token, terms, lex, found, plain)
    norm = _norm_findings(facts or [])
    if norm:
        if bounds is None:
            bounds = sentence_bounds(text, lex.abbreviations if lex else frozenset())
        for fact, rule, indicator in norm:
            k = bisect_right(bounds[0], fact.start) - 1  # the sentence it starts in, if any
            if k >= 0 and fact.start < bounds[1][k]:
                sent = Span(bounds[0][k], bounds[1][k])
                if text[sent.end - 1] != "?":
                    _keep(found, sent, Finding(indicator, sent.start, sent.end,
                                               text[sent.start : sent.end], 0.9, rule))
    return sorted(found.values(), key=lambda f: (f.start, f.indicator))


def _anchored_rules(lex: Lexicon, hits: dict[str, list[Hit]]) -> list[int]:
    """Ids, in lexicon order, of the rules whose first slot some hit can fill."""
    return sorted({i for c in hits for i in lex.rules_by_anchor.get(c, ())})


class _Sentence:
    """A sentence being matched: its span, the document index of its first token, and what
    only vetoes ask for, worked out on first need: its clauses and its tokens' offsets."""

    __slots__ = ("_base", "_clauses", "_fine_clauses", "_offsets", "connectives", "endings",
                 "lowered", "span", "text")

    def __init__(self, text: str, lowered: str, span: Span, first_token: int,
                 connectives: re.Pattern[str] | None,
                 text_offsets: list[tuple[int, int]] | None = None,
                 endings: re.Pattern[str] | None = None) -> None:
        self.text = text
        self.lowered = lowered
        self.span = span
        self.connectives = connectives
        self.endings = endings
        self._clauses: list[Span] | None = None
        self._fine_clauses: list[Span] | None = None
        # The offsets of the sentence's tokens, cut on first need, or those of all the
        # text's tokens (the plain path's); `_base` is the token index of the first one.
        self._offsets: list[tuple[int, int]] | None = text_offsets
        self._base = first_token if text_offsets is None else 0

    def clause_spans(self) -> list[Span]:
        if self._clauses is None:
            self._clauses = clauses(self.text, self.span, self.connectives)
        return self._clauses

    def negation_clause_spans(self) -> list[Span]:
        """The clauses, cut also after words whose ending closes a clause (Korean "-고"): a
        negation reaches no further, while a conditional or a modal at the end of the
        sentence still colours the clauses before it."""
        if self.endings is None:
            return self.clause_spans()
        if self._fine_clauses is None:
            self._fine_clauses = clauses(self.text, self.span, self.connectives, self.endings)
        return self._fine_clauses

    def token_span(self, index: int) -> tuple[int, int]:
        """Start and end offsets of the document's token `index`, one of this sentence."""
        if self._offsets is None:
            self._offsets = [m.span() for m in TOKEN_RE.finditer(
                self.lowered, self.span.start, self.span.end)]
        return self._offsets[index - self._base]


def _match_sentences(text: str, lowered: str, bounds: tuple[list[int], list[int]],
                     first_token: list[int], terms: list[Term], lex: Lexicon,
                     found: dict[tuple[int, str], Finding], plain: bool) -> None:
    # The text was scanned once, its terms ordered by first token: a sentence's terms are
    # one slice of them, cut where the sentence's first token is (bisection, at C speed).
    # Token indices stay the document's: only their differences and offsets are used.
    sent_starts, sent_ends = bounds
    text_offsets = [m.span() for m in TOKEN_RE.finditer(lowered)] if plain else None
    first_term = [*map(bisect_left, repeat(list(map(itemgetter(0), terms))), first_token)]
    if plain:
        rules: Iterable[tuple[int, Candidates | None]] = (
            (k, None) for k in range(len(sent_starts)))
    else:
        # The rules that each sentence's concepts could fill: most sentences have none
        # (a term or two, or no term at all) and need no grouping, windows or vetoes. The
        # concept sets are cut and looked up at C speed (`Lexicon.candidates` remembers).
        concepts = list(map(itemgetter(2), terms))
        keys = map(frozenset, map(concepts.__getitem__,
                                  map(slice, first_term, islice(first_term, 1, None))))
        candidates = list(map(lex.candidates.__getitem__, keys))
        rules = ((k, candidates[k])
                 for k in compress(count(), map(attrgetter("rules"), candidates)))
    for k, candidate in rules:
        mine = terms[first_term[k] : first_term[k + 1]]
        if not mine or text[sent_ends[k] - 1] == "?":  # questions assert nothing
            continue
        end = first_token[k + 1]  # the first token after the sentence
        if candidate is None:
            hits = _group(mine, end, None)
            rule_ids: Sequence[int] = _anchored_rules(lex, hits)
        else:  # only the hits of the concepts that those rules read
            hits = _group(mine, end, candidate.reads)
            rule_ids = candidate.rules
        sentence = _Sentence(text, lowered, Span(sent_starts[k], sent_ends[k]),
                             first_token[k], lex.connectives, text_offsets,
                             lex.clause_endings)
        for finding in _match_sentence(sentence, hits, lex, rule_ids, plain):
            _keep(found, sentence.span, finding)


def _group(terms: list[Term], end: int, reads: frozenset[str] | None) -> dict[str, list[Hit]]:
    """A sentence's hits by concept (only those of `reads`, when given), without phrases
    that run past its last token (`end` is the first token after it), and without a hit
    inside a longer hit of the same concept: "ningún contacto" within "no tenían ningún
    contacto" would leave the longer term's negation free to veto it."""
    hits: dict[str, list[Hit]] = {}
    several: set[str] = set()  # concepts with a hit of several tokens, that may hold others
    if reads is not None:  # most terms are of other concepts: pass them over at C speed
        terms = list(compress(terms, map(reads.__contains__, map(itemgetter(2), terms))))
    for first, last, concept in terms:
        if last < end:
            hits.setdefault(concept, []).append((first, last))
            if first != last:
                several.add(concept)
    for concept in several:
        found = hits[concept]
        if len(found) > 1:
            hits[concept] = [h for h in found if not any(
                o[0] <= h[0] and h[1] <= o[1] and o != h for o in found)]
    return hits


def _keep(found: dict[tuple[int, str], Finding], sent: Span, finding: Finding) -> None:
    key = (sent.start, finding.indicator)
    old = found.get(key)
    if old is None or finding.confidence > old.confidence:
        found[key] = finding


def _match_sentence(sentence: _Sentence, hits: dict[str, list[Hit]], lex: Lexicon,
                    rule_ids: Sequence[int], plain: bool) -> list[Finding]:
    """The findings of the rules `rule_ids` (in lexicon order) in one sentence; `plain`
    tries every rule and every check, as the fast path's reference."""
    out: list[Finding] = []
    # The sentence's veto words, kind by kind in VETO_KINDS order: most sentences have none.
    vetoes = [] if not plain and _VETO_CONCEPTS.isdisjoint(hits) else [
        (kind, h[0]) for kind, key in _VETO_KEYS for h in hits.get(key, ())]
    # A rule can only add a finding for its indicator that is surer than the one found
    # (`_keep`): a rule no surer than that is not tried.
    surest: dict[str, float] = {}
    for rule_id in rule_ids:
        rule = lex.rules[rule_id]
        if not plain and surest.get(rule.indicator, -1.0) >= rule.confidence:
            continue
        for chosen in _satisfy(rule, hits):
            if (plain or not rule.exclude.isdisjoint(hits)) and _excluded(rule, chosen, hits):
                continue
            if plain or vetoes:
                if _vetoed(rule, lex, chosen, hits, vetoes, sentence):
                    continue
            elif rule.negated:
                continue  # a negated rule needs its negation, and there is no veto word
            span = sentence.span
            out.append(Finding(rule.indicator, span.start, span.end,
                               sentence.text[span.start : span.end], rule.confidence,
                               f"{lex.lang}.{rule.name}"))
            surest[rule.indicator] = rule.confidence
            break
    return out


def _satisfy(rule: Rule, hits: dict[str, list[Hit]]) -> Iterator[list[Hit]]:
    """Each way of filling the rule's slots: one hit per slot, all within the window of the
    first slot's hit (the nearest hit per slot, so one combination per anchor)."""
    window = rule.window
    for anchor in (h for c in rule.require[0] for h in hits.get(c, ())):
        a_first, a_last = anchor
        chosen = [anchor]
        for slot in rule.require[1:]:
            best: Hit | None = None
            best_dist = 0
            for c in slot:
                for h in hits.get(c, ()):
                    if h == anchor:
                        continue  # one word cannot fill two slots
                    dist = max(abs(h[0] - a_last), abs(a_first - h[1]))
                    if dist <= window and (best is None or dist < best_dist):
                        best, best_dist = h, dist
            if best is None:
                break
            chosen.append(best)
        else:
            yield chosen


def _excluded(rule: Rule, chosen: list[Hit], hits: dict[str, list[Hit]]) -> bool:
    """A `none` concept within the rule's window of its cues cancels it ("kept their own
    passports"); one elsewhere in a long sentence does not, nor one that a negation right
    before it turns around ("took their passports and never returned them")."""
    negations = [n[1] for n in hits.get("veto:negation", ())]
    return any(_dist(h, c) <= rule.window and not any(h[0] - 2 <= n < h[0]
                                                       for n in negations)
               for x in rule.exclude for h in hits.get(x, ()) for c in chosen)


def _dist(a: Hit, b: Hit) -> int:
    return max(abs(a[0] - b[1]), abs(b[0] - a[1]))


def _vetoed(rule: Rule, lex: Lexicon, chosen: list[Hit], hits: dict[str, list[Hit]],
            vetoes: list[tuple[str, int]], sentence: _Sentence) -> bool:
    """Whether a veto word of the sentence (`vetoes`: kind and token) cancels the rule's
    cues `chosen`, or, for a negated rule, whether none turns it around."""
    # A veto word inside the rule's own terms vetoes nothing ("no salary" is the finding),
    # nor one inside an exception phrase ("not only").
    # So does one inside another term of the rule's concepts: in "no toilets, no running
    # water" each "no" belongs to a cue of the list.
    consumed = {i for h in (*chosen, *hits.get("veto:exception", ()),
                            *(h for slot in rule.require for c in slot for h in hits.get(c, ())))
                for i in range(h[0], h[1] + 1)}
    lo_tok = min(h[0] for h in chosen)
    hi_tok = max(h[1] for h in chosen)
    scope: tuple[int, int] | None = None
    negated = False
    for kind, first in vetoes:
        if first in consumed or kind in rule.allow:
            continue
        if kind == "generic" and first > hi_tok and ";" in sentence.text[
                sentence.token_span(hi_tok)[1] : sentence.token_span(first)[0]]:
            continue  # "...took their pay; this is a form of slavery": a verdict on the claim
        if kind in ("generic", "hearsay"):
            return True  # these colour the whole sentence
        if kind == "fear":
            # A fear is of what follows it ("afraid they would take..."), or in a verb-final
            # language of what comes before it ("여권을 빼앗길까 봐 걱정됐다").
            if (first < lo_tok if lex.fear_reach == "following" else first > hi_tok):
                return True
            continue
        if scope is None:  # the clauses around the cues, from the first to the last
            lo_char, hi_char = sentence.token_span(lo_tok)[0], sentence.token_span(hi_tok)[1]
            clause_spans, sent = sentence.clause_spans(), sentence.span
            scope = (max((c.start for c in clause_spans if c.start <= lo_char),
                         default=sent.start),
                     min((c.end for c in clause_spans if c.end >= hi_char), default=sent.end))
        pos = sentence.token_span(first)[0]
        if not scope[0] <= pos < scope[1]:
            continue
        # Negation reaches only the words next to it ("I did not have the money, so I
        # borrowed it" still asserts the loan); other vetoes colour the whole clause.
        # A rule that is itself a negation ("never let us leave") needs one instead.
        if kind == "negation":
            if (lo_tok - lex.negation_before <= first <= hi_tok + lex.negation_after
                    and _shares_clause(pos, chosen, sentence)):
                if not rule.negated:
                    return True
                negated = True
        elif kind == "denial":
            if first < lo_tok:  # "nobody" rules what follows it
                return True
        elif kind == "retraction":
            if first > hi_tok:  # "... were not found" takes back what came before
                return True
        else:
            return True
    return rule.negated and not negated


_VETO_KEYS = tuple((kind, f"veto:{kind}") for kind in VETO_KINDS)  # the concepts of vetoes
_VETO_CONCEPTS = frozenset(key for _, key in _VETO_KEYS)


def _shares_clause(pos: int, chosen: list[Hit], sentence: _Sentence) -> bool:
    """Whether the clause around character `pos` holds one of the chosen hits: a negation in
    a clause of its own ("kept my passport "so it doesn't get lost" and only gave it back")
    says nothing about the cues around it."""
    clause = next((c for c in sentence.negation_clause_spans() if c.start <= pos < c.end),
                  None)
    if clause is None:
        return True
    return any(clause.start <= sentence.token_span(h[0])[0] < clause.end for h in chosen)


def _norm_findings(facts: list[Fact]) -> list[tuple[Fact, str, str]]:
    """Findings read off facts, as (fact, rule, indicator): working time against the norms
    in norms.yaml, and pay withheld or docked."""
    limits = load_norms()["excessive_overtime"]
    most_days = max((f.central for f in facts if f.kind == "work_days_per_week"), default=None)
    out: list[tuple[Fact, str, str]] = []
    for f in facts:
        if f.kind == "work_hours_per_day":
            if f.central >= limits["hours_per_day"]:
                out.append((f, "norm.hours_per_day", "excessive_overtime"))
            elif most_days is not None and f.central * most_days > limits["hours_per_week"]:
                out.append((f, "norm.hours_per_week", "excessive_overtime"))
        elif f.kind == "work_hours_per_week" and f.central > limits["hours_per_week"]:
            out.append((f, "norm.hours_per_week", "excessive_overtime"))
        elif f.kind == "work_days_per_week" and f.central >= limits["days_per_week"]:
            out.append((f, "norm.days_per_week", "excessive_overtime"))
        elif f.kind == "rest_days_per_year" and f.central < limits["rest_days_per_year"]:
            out.append((f, "norm.rest_days_per_year", "excessive_overtime"))
        elif f.kind in ("wage_share_withheld", "penalty_days_wage"):
            # A share of pay kept back, or days of pay docked as a fine, is withholding.
            out.append((f, f"fact.{f.kind}", "withholding_of_wages"))
    return out
