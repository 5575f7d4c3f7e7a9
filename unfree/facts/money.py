"""Money: wages, peer wages, recruitment fees and revenue (an amount, its currency and its
period, then the cue words of its sentence decide the kind), and shares of pay withheld."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from unfree.facts.context import Doc, gap
from unfree.facts.numbers import Num
from unfree.facts.patterns import normalise

PERIOD_UNIT = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
               "season": "year"}
# Yearly amounts (in US dollars) from which money is an organisation's rather than a person's:
# with a revenue word nearby, and without one.
REVENUE_WITH_CUE = 2e5
REVENUE_ALONE = 1e8
# A month's amount from which, with a revenue word nearby, money is an organisation's: no
# worker of these reports earns 25,000 dollars a month.
REVENUE_MONTHLY = 2.5e4


@dataclass(slots=True)
class Money:
    num: Num
    code: str
    period: str | None
    start: int
    end: int
    core: tuple[int, int]  # the amount and its currency, without the period
    rule: str = ""


def _code(doc: Doc, matched: str) -> str | None:
    lex = doc.lex
    code = lex.currencies.label(matched) or lex.symbols.label(matched)
    if code is None and matched in lex.codes:
        code = matched
    return doc.currency(code) if code else None


def _find(doc: Doc, nums: list[Num]) -> list[Money]:
    """Amounts with a currency after ("400 dollars", "200만 원") or before ("$400", "USD 400")."""
    lex = doc.lex
    found: list[Money] = []
    for _, n in doc.candidates(nums):
        if not doc.is_free(n):
            continue
        code = None
        start, end = n.start, n.end
        after = doc.money_after(n)
        if after:
            code = _code(doc, after.group("cur"))
            end = after.end()
        if code is None:
            before = doc.prefix(lex.money_before, n.start, 8)
            if before:
                code = _code(doc, before.group("cur"))
                start = before.start()
        # The date-or-age test is the costlier one: only amounts get it.
        if code is None or doc.is_date_or_age(n):
            continue
        period, pstart, pend = _period(doc, start, end)
        found.append(Money(n, code, period, pstart, pend, (start, end)))
    return found


def _period(doc: Doc, start: int, end: int) -> tuple[str | None, int, int]:
    """The period of an amount: after it ("a month"), right before it ("월", "elke week"), or
    a pay noun earlier in the sentence ("Stundenlohn von etwa 3,50 Euro")."""
    lex, t = doc.lex, doc.text
    per = lex.period_after.match(t, end)
    if not per and (aside := lex.aside.match(t, end)):
        per = lex.period_after.match(t, aside.end())
    if per and (label := lex.periods.label(per.group("per"))):
        return label, start, per.end()
    pre = doc.prefix(lex.period_prefix_rx, start)
    if pre and (label := lex.period_prefix.label(pre.group("per"))):
        return label, pre.start(), end
    pre = doc.prefix(lex.period_before_rx, start)
    if pre and (label := lex.periods.label(pre.group("per"))):
        return label, pre.start(), end
    if not doc.mentions("period_nouns"):
        return None, start, end
    s0, _ = doc.sentence(start)
    last = None
    for m in lex.period_noun_rx.finditer(t, max(s0, start - 45), start):
        last = m
    if last is not None and (label := lex.period_nouns.label(last.group())):
        return label, last.start(), end
    return None, start, end


def _merge_ranges(doc: Doc, found: list[Money]) -> list[Money]:
    """"between $150 and $300", "€150–€300": one range. "from $150 to $300" stays two amounts
    (often a change: "rises from 17.80 dollars to 20.25 dollars")."""
    lex, t = doc.lex, doc.text
    out: list[Money] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        # A period before the first amount ("monthly wages of between $300 and $350") lets
        # a range be; a period after it ends the first amount.
        if b is not None and a.end == a.core[1] and b.code == a.code and (
                a.num.low < b.num.high):
            ae, bs, as_ = a.core[1], b.core[0], a.core[0]
            ok = bool(lex.range_sign_rx.fullmatch(t, ae, bs)) or any(
                second.fullmatch(t, ae, bs) and first.search(t, max(0, as_ - 30), as_)
                for first, second in lex.money_circumfix)
            if ok and not doc.cue("change", max(0, a.start - 40), a.start):
                n = Num(a.num.start, b.num.end, a.num.low, b.num.high,
                        parts=a.num.parts + b.num.parts)
                period = b.period if b.end != b.core[1] or a.period is None else a.period
                out.append(Money(n, a.code, period, min(a.start, b.start), b.end,
                                 (a.core[0], b.core[1])))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _classify(doc: Doc, m: Money, others: list[tuple[int, int]]) -> str | None:
    """wage, peer_wage, recruitment_fee, revenue, or None (not pay, promised, a norm).

    `others` are the other amounts of the sentence: a comparison word belongs to the amount
    nearest to it ("we got 450 dollars, whereas Dutch sailors doing the same work earn 3,000").
    """
    n = m.num
    lo, hi = doc.window(m.start, m.end)
    s0, s1 = doc.sentence(m.start)
    cs, ce = m.core
    period = PERIOD_UNIT.get(m.period or "")
    usd = n.high * doc.lex.usd.get(m.code, 1.0)
    salary_near = doc.cue("salary", max(s0, m.start - 80), min(s1, m.end + 40))
    if not salary_near and ((period == "year" and usd >= REVENUE_WITH_CUE) or (
            period == "month" and usd >= REVENUE_MONTHLY)):
        revenue = doc.cues("revenue", lo, hi)
        spent = doc.cues("not_wage", lo, cs)  # "spends/costs/a budget of $3 million a year"
        if (revenue or (period == "year" and usd >= REVENUE_ALONE)) and (
                doc.distance(revenue, cs, ce) < doc.distance(spent, cs, ce) or not spent):
            return "revenue"
        if spent:
            return None  # "the government spends $3 million a year": spending, not revenue
    if period is None:
        rec = doc.cues("recruitment", lo, hi)
        passage = _passage_debt(doc, lo, hi)
        if rec or passage:
            # "een boete van 36.000 euro" next to "uitzendbureau": the nearer word decides.
            fines = doc.cues("fine", lo, hi)
            if passage:  # a debt for the journey is the fee, not a fine
                debts = doc.cues("debt", lo, hi)
                fines = [f for f in fines if not any(d[0] < f[1] and f[0] < d[1] for d in debts)]
            if doc.distance(rec + passage, cs, ce) < doc.distance(fines, cs, ce):
                return "recruitment_fee"
            return None
    c0, c1 = doc.clause(ce - 1)
    side = doc.lex.expense_side
    if (side != "before" and doc.cue("expense", ce, min(c1, m.end + 30))) or (
            side != "after" and doc.cue("expense", max(c0, cs - 40), cs)):
        return None  # "350 euro per maand voor een bed", "숙소비로 30만 원": what was paid for
    not_wage = doc.cues("not_wage", lo, hi)
    if not_wage and not doc.cue("net_of", lo, hi):
        # Wage words inside a not-pay phrase ("vom Lohn", "from each wage") do not count.
        wage = [w for w in doc.cues("wage", lo, hi)
                if not any(s < w[1] and w[0] < e for s, e in not_wage)]
        if doc.distance(not_wage, cs, ce) <= doc.distance(wage, cs, ce):
            return None  # rent, a fine, a deduction, a price: the nearer word decides
    c0, _ = doc.clause(cs)
    # 35 characters before the amount, or as far as 60 within its clause
    if doc.cue("norm", max(s0, min(c0, cs - 35), cs - 60), cs):
        return None  # "the minimum wage is 12.41 euros": a norm, not a pay
    if doc.promised(m.start, m.end):
        return None
    if doc.cue("peer_equal", cs, hi):
        return "wage"  # "280만 원으로 내국인 동료와 같은 기준": the same pay as the peers'
    for ps, pe in doc.cues("peer", lo, hi):
        # The comparison word goes with the amount of its own clause when there is one
        # ("200달러 정도인데, 같은 현장의 동료들은 2,500달러를 번다"), else with the nearest.
        clause = doc.clause(ps)
        mine = (doc.clause(cs) != clause, gap(ps, pe, cs, ce))
        if all((doc.clause(os_) != clause, gap(ps, pe, os_, oe)) >= mine for os_, oe in others):
            return "peer_wage"
    return "wage"


def _spoken_amounts(doc: Doc, nums: list[Num]) -> list[Money]:
    """In a text that names no currency at all, "получал 30 тысяч в месяц": thousands with
    a pay word before and a period after are the language's own currency (default_currency)."""
    lex, t = doc.lex, doc.text
    code = lex.default_currency
    out: list[Money] = []
    if not code:
        return out
    for n in nums:
        if n.scale < 1000 or not doc.is_free(n):
            continue
        per = doc.period_direct(n)
        if not per or lex.unit_after.match(t, n.end):
            continue
        s0, _ = doc.sentence(n.start)
        if not doc.cue("wage", max(s0, n.start - 40), n.start) or doc.is_date_or_age(n):
            continue
        out.append(Money(n, code, lex.periods.label(per.group("per")), n.start, per.end(),
                         (n.start, n.end), "spoken"))
    return out


def _passage_debt(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """The journey words of [lo, hi) where a debt is named there too: "the £8,000 she owed
    for her journey", "el coste del viaje ... la deuda": the recruiter's charge for the passage,
    a recruitment fee."""
    if not doc.cue("debt", lo, hi):
        return []
    return doc.cues("passage", lo, hi)


def _bare_amounts(doc: Doc, nums: list[Num], found: list[Money], dropped: set[int]
                  ) -> list[Money]:
    """Numbers without a currency that still are money, taking it from the amount before."""
    lex, t = doc.lex, doc.text
    extra: list[Money] = []
    starts = {m.num.start for m in found}
    ends = [m.end for m in found]
    if not found:
        return extra
    for n in nums:
        k = bisect.bisect_right(ends, n.start) - 1
        if k < 0:
            continue
        prev = found[k]
        if doc.prefilter and not n.hot and n.start - prev.end >= 90:
            continue  # neither near the amount nor followed by a period (tested below)
        if n.start in starts or not doc.is_free(n) or n.year_like:
            continue
        s0, _ = doc.sentence(n.start)
        near = prev.start >= s0 and n.start - prev.end < 90
        per = doc.period_direct(n)
        # Neither a correction nor a period can follow: skip the costlier tests below.
        if not (near or (per and n.high >= 10)):
            continue
        if doc.is_date_or_age(n) or lex.unit_after.match(t, n.end):
            continue
        # "... 500 dollar per maand, terwijl het eigenlijk rond de 200 was": the correction.
        if near and doc.cue("correction", prev.end, n.start):
            extra.append(Money(n, prev.code, prev.period, n.start, n.end, (n.start, n.end),
                               "correction"))
            dropped.add(id(prev))
            continue
        # "зарплатой 90 тысяч в месяц": a pay word, a period, the currency of the text.
        if per and n.high >= 10 and doc.cue("wage", max(s0, n.start - 40), n.start):
            extra.append(Money(n, prev.code, lex.periods.label(per.group("per")), n.start,
                               per.end(), (n.start, n.end), "inherit"))
    return extra


def _lent_period(doc: Doc, amounts: list[Money], k: int) -> str | None:
    """"zelf verdienden ze 2.500 dollar": an earning verb takes the period of the pay named
    just before."""
    m = amounts[k]
    # The amount to borrow from first: most texts name no pay with a period before.
    lent = next((p.period for p in reversed(amounts[max(0, k - 10):k])
                 if p.period and m.start - p.end < 400), None)
    if lent is None:
        return None
    s0, s1 = doc.sentence(m.start)
    c0, _ = doc.clause(m.start)
    if not (doc.cue("earn", max(s0, m.start - 60), min(s1, m.end + 30))
            or doc.cue("salary", max(c0, m.start - 40), m.start)):
        return None
    return lent


def _conversions(found: list[Money]) -> list[Money]:
    """The amounts that lie between another amount's own figure and the end of its span,
    in `found`'s order. Sorted by where their figures end, the amounts that end before `m`
    starts are a prefix, so one running maximum of their span ends answers for each `m`:
    linear after the sort, where comparing every pair made a long text quadratic."""
    by_core_end = sorted(found, key=lambda o: o.core[1])
    core_ends = [o.core[1] for o in by_core_end]
    reach = list(itertools.accumulate((o.end for o in by_core_end), max))
    out = []
    for m in found:
        k = bisect.bisect_right(core_ends, m.core[0])
        if k and reach[k - 1] >= m.core[1]:
            out.append(m)
    return out


def money(doc: Doc, nums: list[Num]) -> None:
    lex, t = doc.lex, doc.text
    found = _merge_ranges(doc, _find(doc, nums))
    if not found:
        found = _spoken_amounts(doc, nums)
    if not found:
        return  # most texts name no amount of money
    # An amount between another's amount and its period is its conversion ("$150 (£110) a
    # month"): one fact.
    inner = _conversions(found)
    for m in inner:
        doc.use(m.num)
    inner_ids = {id(m) for m in inner}
    found = [m for m in found if id(m) not in inner_ids]
    dropped: set[int] = set()
    for a, b in itertools.pairwise(found):
        s0, _ = doc.sentence(b.start)
        between = t[a.end:b.start]
        if a.period is None and b.period and a.code == b.code and len(between) < 20 and (
                lex.range_rx.fullmatch(between) or lex.clock_to_rx.fullmatch(between.strip())):
            a.period = b.period  # "from 17.80 dollars to 20.25 dollars an hour"
        if a.start >= s0 and doc.cue("correction", a.end, b.start):
            dropped.add(id(a))  # "월 150만 원이 적혀 있었지만 실제로는 매달 50만 원"
    extra = _bare_amounts(doc, nums, found, dropped)
    amounts = sorted([m for m in found if id(m) not in dropped] + extra, key=lambda m: m.start)
    starts = [m.start for m in amounts]
    for k, m in enumerate(amounts):
        lent = None
        if m.period is None:
            # Without a period an amount is a fact only as a fee (a recruitment word near it)
            # or as pay that an earning verb lends a period: most amounts are neither, and
            # are dropped before the costlier classification.
            lent = _lent_period(doc, amounts, k)
            win = doc.window(m.start, m.end)
            if lent is None and not (doc.cue("recruitment", *win) or _passage_debt(doc, *win)):
                continue
            c0, _ = doc.clause(m.start)
            if lent is not None and doc.cue("salary", max(c0, m.start - 40), m.start):
                m.period = lent  # "el salario real era de 250 dólares": pay, not a fee
        s0, s1 = doc.sentence(m.start)
        others = [o.core for o in amounts[bisect.bisect_left(starts, s0):
                                          bisect.bisect_left(starts, s1)] if o is not m]
        kind = _classify(doc, m, others)
        if kind is None:
            continue
        if kind != "recruitment_fee" and m.period is None:
            m.period = lent
        per = PERIOD_UNIT.get(m.period or "")
        if kind != "recruitment_fee" and not per:
            continue
        doc.use(m.num)
        unit = m.code if kind == "recruitment_fee" else f"{m.code}/{per}"
        rule = m.rule or "money_" + (m.period or "once")
        doc.add(kind, unit, m.start, m.end, m.num.low, m.num.high, f"{kind}.{rule}")
    for m in found:
        if id(m) in dropped:
            doc.use(m.num)


def shares(doc: Doc, nums: list[Num]) -> None:
    """"up to 70% goes to the state", "a quarter of that was deducted", "parfois la moitié"."""
    lex, t = doc.lex, doc.text
    if not doc.mentions("cue.withheld"):
        return  # a share is one only with a word of withholding near it
    cands: list[tuple[int, int, float, float, Num | None]] = []
    for _, num in doc.candidates(nums):
        if not doc.is_free(num):
            continue
        m = doc.percent_after(num)
        if not m or num.high > 100:
            continue
        link = lex.ratio_gap.match(t, m.end())
        if (link and link.end() > m.end() and lex.persons_after.match(t, link.end())) or (
                lex.persons_after.search(t, max(0, num.start - 8), num.start)):
            continue  # "70 percent of the fishermen", "응답자의 70%": a share of people
        cands.append((num.start, m.end(), num.low / 100, num.high / 100, num))
    for s, e, m in doc.events("fraction"):
        v = lex.fractions.get(normalise(m.group("fraction")))
        if v is not None:
            cands.append((s, e, v, v, None))
    for s, e, low, high, n in cands:
        lo, hi = doc.window(s, e, 160, 120)
        if not doc.cue("withheld", lo, hi) or doc.cue("not_share", lo, hi):
            continue
        if n is not None:
            doc.use(n)
        doc.add("wage_share_withheld", "fraction", s, e, low, high, "share_withheld")
