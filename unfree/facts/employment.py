"""Employment: contract lengths ("a two-year contract", "vier jaar werken", "3년 계약") and head
counts ("147,000 workers", "пятерых мужчин", "이주노동자 120명")."""

from __future__ import annotations

import bisect

from unfree.facts.context import Doc, gap
from unfree.facts.numbers import Num
from unfree.facts.patterns import first_nonspace, normalise

YEARS_PER = {"year": 1.0, "season": 1.0, "month": 1 / 12, "week": 1 / 52}
MAX_CONTRACT_YEARS = 10
MIN_COUNT = 3  # "two men fainted", "one of them": too few to be a workforce
ROOM_SIZE = 30  # "veertien mensen ... over vier kamers": people to a room, not a workforce


def _durations(doc: Doc, nums: list[Num]) -> list[tuple[Num, float, int]]:
    """(number, years, end of unit) of "six months", "two-year", "3년"."""
    lex, t = doc.lex, doc.text
    out: list[tuple[Num, float, int]] = []
    for _, n, u in doc.unit_nums(nums):
        if u[0] not in YEARS_PER:
            continue
        if not doc.is_free(n) or n.is_range or doc.is_date_or_age(n):
            continue
        # "1년에", "한 달에": the number is part of a period, not a length of time.
        per = lex.periods_rx.match(t, n.start)
        if per is None and lex.period_prefix:
            per = lex.period_prefix_any.match(t, n.start)
        if per is not None and per.end() >= u[1]:
            continue
        years = n.low * YEARS_PER[u[0]]
        if out and lex.joiner_rx.fullmatch(t, out[-1][2], n.start) \
                and out[-1][1] >= 1 > years:
            # "4 years and 6 months", "4년 10개월": one length in two units.
            first, y0, _ = out.pop()
            joined = Num(first.start, n.end, first.low, first.high, parts=first.parts + n.parts)
            out.append((joined, y0 + years, u[1]))
            continue
        if 0 < years <= MAX_CONTRACT_YEARS:
            out.append((n, years, u[1]))
    # "for a year", "на полгода": a length without a number, unless it is the period of an
    # amount or a count before it ("300 dollars a year", "twice a year").
    atom_ends = [a.end for a in doc.atoms]
    for s, e, m in doc.events("year_word"):
        k = bisect.bisect_right(atom_ends, s) - 1
        if k + 1 < len(atom_ends) and doc.atoms[k + 1].start < e:
            continue  # "anderthalb Jahre": the number scan read it
        if k >= 0 and s - atom_ends[k] < 40 and _ends_amount(doc, doc.atoms[k], s):
            continue
        if doc.cue("frequency", max(0, s - 14), s):
            continue
        per = lex.periods_rx.match(t, s)
        if per is not None and per.end() > e:
            continue  # "일 년에": a period ("a year" itself is both, and read as a length)
        years = lex.year_words[normalise(m.group("year_word"))]
        out.append((Num(s, e, years, years), years, e))
    out.sort(key=lambda d: d[0].start)
    return out


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _ends_amount(doc: Doc, a: Num, pos: int) -> bool:
    """Whether the number `a`, with its currency or unit if any, ends right before `pos`."""
    t = doc.text
    if not t[a.end:pos].strip():
        return True
    m = doc.money_after(a) or doc.lex.unit_after.match(t, a.end)
    return m is not None and not t[m.end():pos].strip()


def contracts(doc: Doc, nums: list[Num]) -> None:
    lex = doc.lex
    if not (doc.mentions("cue.contract") or doc.mentions("cue.work_for")):
        return  # a length needs a contract or work word near it (or such a length before)
    durs = _durations(doc, nums)
    starts = [d[0].start for d in durs]
    known: list[float] = []
    relation = lex.cues.get("time_relation")
    for n, years, uend in durs:
        if relation is not None and relation.match(doc.text, _skip_spaces(doc.text, uend)):
            continue  # "two years before he left", "два года назад": a time, not a length
        ago = doc.cue("time_relation_before", max(0, n.start - 10), n.start)
        if ago is not None and not doc.text[ago.end():n.start].strip():
            continue  # "hace dos años", "vor zwei Jahren"
        s0, s1 = doc.sentence(n.start)
        start, end, rule = n.start, uend, ""
        w = lex.contract_window
        cues = doc.cues("contract", max(s0, n.start - w), min(s1, uend + w))
        rivals = [(o.start, oe) for o, _, oe in
                  durs[bisect.bisect_left(starts, s0):bisect.bisect_left(starts, s1)]
                  if o is not n] if cues else []
        for cs, ce in cues:
            # A cue belongs to its nearest duration: "un jugador de 23 años que firmará un
            # contrato de cinco años".
            mine = gap(cs, ce, n.start, uend)
            if all(gap(cs, ce, os_, oe) >= mine for os_, oe in rivals):
                rule, start, end = "contract_duration", min(start, cs), max(end, ce)
                break
        if not rule:
            # "Hij zou vier jaar werken": a work verb right next to the duration.
            wa, wb = lex.work_window, lex.work_window_before
            after = doc.cue("work_for", uend, min(s1, uend + wa + 12))
            before = doc.cue("work_for", max(s0, n.start - wb - 12), n.start) if wb >= 0 \
                else None
            if after and after.start() - uend <= wa:
                rule, end = "contract_work", after.end()
            elif before and n.start - before.end() <= wb:
                rule, start = "contract_work", before.start()
        if not rule and any(abs(k - years) < 1e-9 for k in known):
            # "By the end of the two years": the same length named again.
            again = doc.cue("anaphora", max(s0, n.start - 25), n.start)
            if again:
                rule, start = "contract_again", again.start()
        if not rule:
            continue
        # Vetoes last: most lengths of time have no contract word and never get here.
        lo, hi = max(s0, n.start - 60), min(s1, uend + 40)
        if doc.cue("prison", lo, hi) or doc.cue("military", lo, hi):
            continue
        doc.use(n)
        known.append(years)
        doc.add("contract_duration", "years", start, end, years, years, rule)


def _ratio(doc: Doc, a: Num, b: Num) -> bool:
    """A ratio word between two numbers ("7 in 10", "10명 중 7명")."""
    firsts = doc.lex.ratio_firsts
    if firsts is not None and first_nonspace(doc.text, a.end, b.start) not in firsts:
        return False
    return bool(doc.lex.ratio_gap.fullmatch(doc.text, a.end, b.start))


def counts(doc: Doc, nums: list[Num]) -> None:
    lex, t = doc.lex, doc.text
    # A count needs a count noun or verb after the number (`Num.hot`) or a head word such as
    # "a workforce of" before it: where the text has none of those, the candidates suffice.
    pool = list(enumerate(nums)) if doc.mentions("count_before") \
        else doc.candidates(nums)
    for k, n in pool:
        if not doc.is_free(n) or n.year_like or n.low < MIN_COUNT:
            continue
        if doc.unit(n) or doc.money_after(n) or doc.percent_after(n):
            continue  # "100,000 dollars per worker", "12 hours", "40 percent of workers"
        if (k > 0 and _ratio(doc, nums[k - 1], n)) or (
                k + 1 < len(nums) and _ratio(doc, n, nums[k + 1])):
            continue  # "two of the nine men", "7 in 10 workers", "10명 중 7명"
        m = lex.persons_after.match(t, n.end)
        start = n.start
        if m:
            end = m.end()
            if n.spelled and lex.persons_generic.fullmatch(m.group("n")):
                c0, _ = doc.clause(n.start)
                if not lex.persons_after.search(t, max(c0, n.start - 25), n.start):
                    continue  # "세 명이 한 조로": a bare counter needs a noun before it
        else:
            # "30,000 North Koreans worked", "a workforce of 3,000"
            v = lex.count_verb_after.match(t, n.end)
            if v:
                end = v.end()
            elif head := doc.prefix(lex.count_before, n.start, 40):
                start, end = head.start(), n.end
            else:
                continue
        if doc.is_date_or_age(n):
            continue  # last: the costliest test, and most numbers fail the ones before
        c0, c1 = doc.clause(n.start)
        if n.high <= ROOM_SIZE and doc.cue("housing", max(c0, n.start - 40), min(c1, end + 40)):
            continue
        if doc.cue("not_count", max(c0, n.start - 30), min(c1, end + 14)):
            continue  # the dead, the arrested, a population: not a workforce
        doc.use(n)
        doc.add("worker_count", "persons", start, end, n.low, n.high, "count_persons")
