"""The fact grammar: numbers + units + periods + cue words -> `Fact`s.

Rules run in a fixed order and each number serves one fact: clock ranges (hours a day), weekday
ranges (days a week), money, shares of pay, wage penalties, rest days, hours a day and a week,
days, contract lengths, head counts. Kinds that a number and its unit cannot settle alone
(wage or peer wage, fee or revenue, a promised wage or a paid one) are decided by cue-word
families found in the same sentence; the words themselves live in the language's facts.yaml.
"""

from __future__ import annotations

from unfree.facts import employment, money, worktime
from unfree.facts.context import Doc
from unfree.facts.lexicon import Lexicon
from unfree.facts.numbers import merge_ranges
from unfree.model import Fact

RESTATEMENT_GAP = 40  # "de 7:00 a 21:00, es decir, 14 horas": one mention said twice


def _merge_restatements(facts: list[Fact], text: str) -> list[Fact]:
    """Two equal hours-a-day facts a few words apart are one mention ("from 7 to 21, that is
    14 hours"); gold annotations and readers count it once."""
    out: list[Fact] = []
    for f in sorted(facts, key=lambda f: (f.start, f.end)):
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == f.kind == "work_hours_per_day"
                and (prev.value, prev.low, prev.high) == (f.value, f.low, f.high)
                and f.start - prev.end <= RESTATEMENT_GAP and "\n" not in text[prev.end:f.start]):
            end = max(prev.end, f.end)
            out[-1] = Fact(prev.kind, prev.unit, prev.start, end, text[prev.start:end],
                           value=prev.value, low=prev.low, high=prev.high, rule=prev.rule)
            continue
        out.append(f)
    return out


def extract(text: str, lex: Lexicon, prefilter: bool = True) -> list[Fact]:
    """The facts of `text`, in the order the rules found them. `prefilter=False` reads every
    number and every word list in full: slower, and the same facts (it is there to test so)."""
    doc = Doc(text, lex, prefilter)
    # Clock times first: "from 8 to 10" must not become a range of other things.
    worktime.clock_ranges(doc)
    worktime.day_spans(doc)
    worktime.weekday_ranges(doc)
    nums = merge_ranges(text, doc.atoms, lex, doc.used)
    money.money(doc, nums)
    money.shares(doc, nums)
    days = worktime.day_counts(doc, nums)
    worktime.penalties(doc, days)
    worktime.rest_days(doc, days, nums)
    worktime.hours_per_day(doc, nums)
    worktime.hours_per_week(doc, nums)
    worktime.days_per_week(doc, nums)
    employment.contracts(doc, nums)
    employment.counts(doc, nums)
    return _merge_restatements(doc.facts, text)
