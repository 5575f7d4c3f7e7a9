"""Indicators: find the ILO's eleven forced-labour indicators in a text, with their evidence.

Two sources of findings:
- lexical rules from `unfree/lang/<code>/indicators.yaml` (see `lexicon.py`), matched per
  sentence and cancelled by negation, fear, hypotheticals, hearsay or generic talk in scope;
- the ILO working-time norms in `unfree/data/norms.yaml`, applied to the facts already read
  (a stated 16-hour day is excessive overtime whatever words surround it).

One finding per indicator per sentence; its span is the sentence, its quote the sentence text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from unfree.data import load_data
from unfree.indicators.lexicon import VETO_KINDS, Lexicon, Rule, load_lexicon
from unfree.model import Fact, Finding
from unfree.segment import TOKEN_RE, Span, clauses, sentences

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


@dataclass(frozen=True, slots=True)
class _Hit:
    """Where one term of a concept stands (the concept is the key it is filed under)."""

    first: int  # token index, inclusive
    last: int  # token index, inclusive


def find_indicators(text: str, lang: str, facts: list[Fact] | None = None) -> list[Finding]:
    """Every indicator finding in `text`, sorted by position."""
    lex = load_lexicon(lang)
    sents: list[Span] | None = None
    found: dict[tuple[int, str], Finding] = {}
    if lex is not None:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters ("İ") lengthen when lower-cased
            lowered = "".join(ch.lower()[0] for ch in text)
        terms = lex.scan(TOKEN_RE.findall(lowered))
        # Most texts are about something else: when no rule can be filled even across the
        # whole document, no sentence of it can fill one, and segmenting is skipped.
        if _any_rule_fits(lex, terms):
            sents = sentences(text, lex.abbreviations)
            _match_sentences(text, lowered, sents, terms, lex, found)
    norm = _norm_findings(facts or [])
    if norm:
        sents = sents if sents is not None else sentences(
            text, lex.abbreviations if lex else frozenset())
        for fact, rule, indicator in norm:
            sent = next((s for s in sents if s.start <= fact.start < s.end), None)
            if sent is not None and text[sent.end - 1] != "?":
                _keep(found, sent, Finding(indicator, sent.start, sent.end,
                                           text[sent.start : sent.end], 0.9, rule))
    return sorted(found.values(), key=lambda f: (f.start, f.indicator))


def _any_rule_fits(lex: Lexicon, terms: list[tuple[int, int, str]]) -> bool:
    hits: dict[str, list[_Hit]] = {}
    for first, last, concept in terms:
        hits.setdefault(concept, []).append(_Hit(first, last))
    return any(next(_satisfy(lex.rules[i], hits), None) is not None
               for i in _anchored_rules(lex, hits))


def _anchored_rules(lex: Lexicon, hits: dict[str, list[_Hit]]) -> list[int]:
    """Ids, in lexicon order, of the rules whose first slot some hit can fill."""
    return sorted({i for c in hits for i in lex.rules_by_anchor.get(c, ())})


def _match_sentences(text: str, lowered: str, sents: list[Span],
                     terms: list[tuple[int, int, str]], lex: Lexicon,
                     found: dict[tuple[int, str], Finding]) -> None:
    # The document was scanned once; each term goes to its sentence by token counts (words
    # never straddle a sentence end), with sentence-local token indices.
    findall = TOKEN_RE.findall
    firsts: list[int] = []
    n = 0
    for sent in sents:
        firsts.append(n)
        n += len(findall(lowered, sent.start, sent.end))
    firsts.append(n)
    by_sentence: dict[int, dict[str, list[_Hit]]] = {}
    for first, last, concept in terms:
        k = bisect_right(firsts, first) - 1
        if k >= len(sents) or last >= firsts[k + 1]:
            continue  # a phrase across a sentence end is no phrase
        base = firsts[k]
        by_sentence.setdefault(k, {}).setdefault(concept, []).append(
            _Hit(first - base, last - base))
    for k, hits in by_sentence.items():
        sent = sents[k]
        if text[sent.end - 1] == "?":  # questions assert nothing
            continue
        _keep_longest(hits)
        for finding in _match_sentence(text, lowered, sent, hits, lex):
            _keep(found, sent, finding)


def _keep_longest(hits: dict[str, list[_Hit]]) -> None:
    """Drop a hit inside a longer hit of the same concept: "ningún contacto" within "no
    tenían ningún contacto" would leave the longer term's negation free to veto it."""
    for concept, found in hits.items():
        if len(found) > 1:
            hits[concept] = [h for h in found if not any(
                o.first <= h.first and h.last <= o.last and o != h for o in found)]


def _keep(found: dict[tuple[int, str], Finding], sent: Span, finding: Finding) -> None:
    key = (sent.start, finding.indicator)
    old = found.get(key)
    if old is None or finding.confidence > old.confidence:
        found[key] = finding


def _match_sentence(text: str, lowered: str, sent: Span, hits: dict[str, list[_Hit]],
                    lex: Lexicon) -> list[Finding]:
    out: list[Finding] = []
    clause_spans: list[Span] | None = None
    spans: list[tuple[int, int]] = []
    for rule_id in _anchored_rules(lex, hits):
        rule = lex.rules[rule_id]
        for chosen in _satisfy(rule, hits):
            if _excluded(rule, chosen, hits):
                continue
            if clause_spans is None:
                clause_spans = clauses(text, sent, lex.connectives)
                spans = [m.span() for m in TOKEN_RE.finditer(lowered, sent.start, sent.end)]
            if _vetoed(rule, lex, chosen, hits, spans, clause_spans, sent):
                continue
            quote = text[sent.start : sent.end]
            out.append(Finding(rule.indicator, sent.start, sent.end, quote, rule.confidence,
                               f"{lex.lang}.{rule.name}"))
            break
    return out


def _satisfy(rule: Rule, hits: dict[str, list[_Hit]]) -> Iterator[list[_Hit]]:
    """Each way of filling the rule's slots: one hit per slot, all within the window of the
    first slot's hit (the nearest hit per slot, so one combination per anchor)."""
    for anchor in (h for c in rule.require[0] for h in hits.get(c, ())):
        chosen = [anchor]
        for slot in rule.require[1:]:
            best: _Hit | None = None
            for c in slot:
                for h in hits.get(c, ()):
                    if h.first == anchor.first and h.last == anchor.last:
                        continue  # one word cannot fill two slots
                    dist = _dist(h, anchor)
                    if dist <= rule.window and (best is None or dist < _dist(best, anchor)):
                        best = h
            if best is None:
                break
            chosen.append(best)
        else:
            yield chosen


def _excluded(rule: Rule, chosen: list[_Hit], hits: dict[str, list[_Hit]]) -> bool:
    """A `none` concept within the rule's window of its cues cancels it ("kept their own
    passports"); one elsewhere in a long sentence does not, nor one that a negation right
    before it turns around ("took their passports and never returned them")."""
    negations = [n.last for n in hits.get("veto:negation", ())]
    return any(_dist(h, c) <= rule.window and not any(h.first - 2 <= n < h.first
                                                       for n in negations)
               for x in rule.exclude for h in hits.get(x, ()) for c in chosen)


def _dist(a: _Hit, b: _Hit) -> int:
    return max(abs(a.first - b.last), abs(b.first - a.last))


def _vetoed(
    rule: Rule,
    lex: Lexicon,
    chosen: list[_Hit],
    hits: dict[str, list[_Hit]],
    spans: list[tuple[int, int]],
    clause_spans: list[Span],
    sent: Span,
) -> bool:
    # A veto word inside the rule's own terms vetoes nothing ("no salary" is the finding),
    # nor one inside an exception phrase ("not only").
    consumed = {i for h in (*chosen, *hits.get("veto:exception", ()))
                for i in range(h.first, h.last + 1)}
    lo_tok = min(h.first for h in chosen)
    hi_tok = max(h.last for h in chosen)
    lo_char, hi_char = spans[lo_tok][0], spans[hi_tok][1]
    scope_start = max((c.start for c in clause_spans if c.start <= lo_char), default=sent.start)
    scope_end = min((c.end for c in clause_spans if c.end >= hi_char), default=sent.end)
    negated = False
    for kind in VETO_KINDS:
        if kind in rule.allow:
            continue
        for h in hits.get(f"veto:{kind}", ()):
            if h.first in consumed:
                continue
            if kind in ("generic", "hearsay"):
                return True  # these colour the whole sentence
            if kind == "fear":
                # A fear is of what follows it ("afraid they would take..."), or in a verb-final
                # language of what comes before it ("여권을 빼앗길까 봐 걱정됐다").
                if (h.first < lo_tok if lex.fear_reach == "following" else h.first > hi_tok):
                    return True
                continue
            if not scope_start <= spans[h.first][0] < scope_end:
                continue
            # Negation reaches only the words next to it ("I did not have the money, so I
            # borrowed it" still asserts the loan); other vetoes colour the whole clause.
            # A rule that is itself a negation ("never let us leave") needs one instead.
            if kind == "negation":
                if (lo_tok - lex.negation_before <= h.first <= hi_tok + lex.negation_after
                        and _shares_clause(spans[h.first][0], chosen, spans, clause_spans)):
                    if not rule.negated:
                        return True
                    negated = True
            elif kind == "denial":
                if h.first < lo_tok:  # "nobody" rules what follows it
                    return True
            elif kind == "retraction":
                if h.first > hi_tok:  # "... were not found" takes back what came before
                    return True
            else:
                return True
    return rule.negated and not negated


def _shares_clause(pos: int, chosen: list[_Hit], spans: list[tuple[int, int]],
                   clause_spans: list[Span]) -> bool:
    """Whether the clause around character `pos` holds one of the chosen hits: a negation in
    a clause of its own ("kept my passport "so it doesn't get lost" and only gave it back")
    says nothing about the cues around it."""
    clause = next((c for c in clause_spans if c.start <= pos < c.end), None)
    if clause is None:
        return True
    return any(clause.start <= spans[h.first][0] < clause.end for h in chosen)


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
        elif f.kind == "work_days_per_week" and f.central >= limits["days_per_week"]:
            out.append((f, "norm.days_per_week", "excessive_overtime"))
        elif f.kind == "rest_days_per_year" and f.central < limits["rest_days_per_year"]:
            out.append((f, "norm.rest_days_per_year", "excessive_overtime"))
        elif f.kind in ("wage_share_withheld", "penalty_days_wage"):
            # A share of pay kept back, or days of pay docked as a fine, is withholding.
            out.append((f, f"fact.{f.kind}", "withholding_of_wages"))
    return out
