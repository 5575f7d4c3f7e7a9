"""Working time: hours a day (counted or from clock times), days a week (counted or from
weekday names), rest days a year, and wage penalties counted in days of pay."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from unfree.facts.context import Doc
from unfree.facts.numbers import Num
from unfree.facts.patterns import first_nonspace

_WS_COMMA = re.compile(r"[\s,;]*")


# --- clock ranges: "from 6 a.m. until 11 p.m.", "아침 7시부터 밤 11시까지" -------------------

@dataclass(slots=True)
class _Time:
    hour: float
    marked: bool  # an o'clock word, minutes or a part of the day: a time of day
    part: str | None  # am, pm, night
    end: int
    strong: bool = False  # minutes or a part of the day, not only "uur"/"heures" (= hours)


def _on_clock(hour: float, part: str | None) -> float:
    """24-hour time of `hour` said with a part of the day."""
    if part == "am" and hour >= 12:
        return hour - 12
    if part == "pm" and hour < 12:
        return hour + 12
    if part == "night":  # "10 at night" is 22, "2 at night" is 2, "12 at night" is 24
        if 6 <= hour < 12:
            return hour + 12
        if hour == 12:
            return 24.0
    return hour


def _hour_like(n: Num) -> bool:
    return not n.is_range and n.low <= 24 and float(n.low).is_integer()


def _time_at(doc: Doc, n: Num, prefix_part: str | None) -> _Time | None:
    lex = doc.lex
    if not _hour_like(n):
        return None
    m = lex.clock_tail.match(doc.text, n.end)
    hour, part, marked, end = n.low, prefix_part, prefix_part is not None, n.end
    strong = marked
    if m:
        if m.group("mm"):
            hour += int(m.group("mm")) / 60
            marked, strong, end = True, True, m.end("mm")
        if m.group("oc"):
            marked, end = True, m.end("oc")
        if m.group("mark"):
            part = lex.clock_marks.label(m.group("mark")) or part
            marked, strong, end = True, True, m.end("mark")
    return _Time(_on_clock(hour, part), marked, part, end, strong)


def _duration(t1: _Time, t2: _Time) -> float:
    d = t2.hour - t1.hour
    if d <= 0:
        if t2.part is None and t2.hour < 12 and t2.hour + 12 - t1.hour > 0:
            d = t2.hour + 12 - t1.hour  # "from 8 until 6": the afternoon
        else:
            d += 24  # past midnight
    # Whole minutes: with minutes as float fractions of an hour, "1:35 to 4:35" came out as
    # 2.9999999999999996 hours, under the three-hour minimum of a day (found by fuzzing).
    return round(d * 60) / 60


def clock_ranges(doc: Doc) -> None:
    """Hours a day from a start and an end time; at least one must be clearly a clock time."""
    lex, t, atoms = doc.lex, doc.text, doc.atoms
    after = lex.clock_next_firsts
    for i, a in enumerate(atoms):
        if a.low > 24 or i in doc.used or not _hour_like(a):
            continue
        if doc.prefilter and not lex.clock_next.match(t, a.end):
            continue  # nothing after it that a clock range goes on with (Lexicon.clock_next)
        if after is not None and first_nonspace(t, a.end, len(t)) not in after:
            continue  # no minutes, o'clock, am/pm, range sign or joining word follows
        # What follows the time does not depend on a part of the day before it ("아침 7시"):
        # look there first, and back for the prefix and the "from" word only when a second
        # time can follow.
        t0 = _time_at(doc, a, None)
        if t0 is None:
            continue
        firsts = lex.clock_gap_firsts
        if firsts is not None and first_nonspace(t, t0.end, len(t)) not in firsts:
            continue  # neither a range sign nor a word that can join a second time
        sign = lex.clock_sign_rx.match(t, t0.end)
        gap = sign or lex.clock_gap_rx.match(t, t0.end)
        if not gap:
            continue
        gap_text = t[t0.end:gap.end()]
        if not sign and (not gap_text or gap_text.isspace()):
            continue  # no word between: no "to" and no "부터" (terms are never blank)
        has_to = bool(lex.clock_to_rx.search(gap_text))
        from_suffix = sign or lex.clock_from_suffix_rx.search(gap_text)
        if not (from_suffix or has_to):
            continue
        pm = doc.prefix(lex.clock_prefix_rx, a.start)
        t1 = _time_at(doc, a, lex.clock_prefix.label(pm.group("mark"))) if pm else t0
        assert t1 is not None
        start = pm.start() if pm else a.start
        from_m = lex.clock_from_rx.search(t, max(0, a.start - 40), start)
        # "Hours: 07:00 to 21:00", "7am to 9pm": two strong clock times need no "from".
        bare_to = not (from_suffix or from_m) and has_to
        if not (from_suffix or (from_m and has_to) or (bare_to and t1.strong)):
            continue
        pm2 = lex.clock_prefix_any.search(gap_text) if lex.clock_prefix else None
        part2 = lex.clock_prefix.label(pm2.group()) if pm2 else None
        pos = gap.end()
        ends: list[_Time] = []
        used = [a]
        cw = lex.clock_word_rx.match(t, pos)
        if cw:
            ends.append(_Time(float(lex.clock_words.label(cw.group()) or 24), True, "pm",
                              cw.end(), True))
        elif i + 1 < len(atoms) and atoms[i + 1].start == pos and i + 1 not in doc.used:
            b = atoms[i + 1]
            t2 = _time_at(doc, b, part2)
            if t2 is None:
                continue
            used.append(b)
            ends.append(t2)
            # "tot 6 à 7 uur 's avonds": a range of end times sharing one clock tail.
            if i + 2 < len(atoms) and t2.end == b.end and lex.range_rx.fullmatch(
                    t, b.end, atoms[i + 2].start):
                c = atoms[i + 2]
                t3 = _time_at(doc, c, part2)
                if t3 is not None and t3.marked:
                    t2.hour, t2.part, t2.marked = _on_clock(b.low, t3.part), t3.part, True
                    ends.append(t3)
                    used.append(c)
        if not ends or not (t1.marked or ends[-1].marked):
            continue
        if sign and not (t1.marked and ends[-1].marked) and not from_m:
            continue  # "6-10" alone is any range; "6am-10pm" is two clock times
        if bare_to and not ends[-1].strong:
            continue
        end = ends[-1].end
        per = lex.period_direct.match(t, end)
        if per and lex.periods.label(per.group("per")) == "day" and not (
                t1.strong or ends[-1].strong):
            continue  # "van 8 tot 10 uur per dag" is a number of hours, not two clock times
        durations = [_duration(t1, e) for e in ends]
        if not all(3 <= d <= 24 for d in durations):
            continue
        qs = from_m.start() if from_m else start
        if _vetoed(doc, qs, end):
            continue
        doc.use(*used)
        doc.add("work_hours_per_day", "hours", qs, end, min(durations), max(durations),
                "hours_clock_range")


def _vetoed(doc: Doc, start: int, end: int) -> bool:
    """Hours of comparison workers (same clause), of a shop or a bus (same sentence), or
    promised ones are not the worker's hours."""
    c0, c1 = doc.clause(start)
    s0, s1 = doc.sentence(start)
    if doc.cue("peer", c0, max(c1, end)) or doc.cue("others", c0, max(c1, end)) or doc.cue(
            "non_work", s0, max(s1, end)):
        return True
    return doc.promised(start, end)


DAY_SPAN_CHARS = 120  # how far after the start of the day its end may be told


def day_spans(doc: Doc) -> None:
    """Hours a day from the start of the day at one time and work until another, further
    apart than a range: "waking at 6am and being forced to build until 2am", "подъем в 6:00 и
    работа до 2 часов ночи"."""
    lex, t, atoms = doc.lex, doc.text, doc.atoms
    if lex.day_start_rx is None or lex.until_rx is None or not (
            doc.mentions("day_start") and doc.mentions("until")):
        return
    starts = [a.start for a in atoms]
    for m in lex.day_start_rx.finditer(t):
        i = bisect.bisect_left(starts, m.end())
        if i >= len(atoms) or i in doc.used or atoms[i].start - m.end() > 6:
            continue
        t1 = _time_at(doc, atoms[i], None)
        if t1 is None:
            continue
        _, s1 = doc.sentence(m.start())
        for u in lex.until_rx.finditer(t, t1.end, min(s1, t1.end + DAY_SPAN_CHARS)):
            # "... and worked until midnight": a clock word ends the day as a time would.
            cw = lex.clock_word_rx.match(t, u.end())
            if cw:
                t2 = _Time(float(lex.clock_words.label(cw.group()) or 24), True, "pm",
                           cw.end(), True)
                j = -1
            else:
                pm = lex.clock_prefix_rx.match(t, u.end()) if lex.clock_prefix_rx else None
                j = bisect.bisect_left(starts, u.end())
                if j >= len(atoms) or j in doc.used or atoms[j].start != (
                        pm.end() if pm else u.end()):
                    continue
                t2_at = _time_at(doc, atoms[j], lex.clock_prefix.label(pm.group("mark")) if pm
                                 else None)
                if t2_at is None:
                    continue
                t2 = t2_at
            if not (t1.marked or t2.marked):
                continue
            hours = _duration(t1, t2)
            if not 3 <= hours <= 24 or _vetoed(doc, m.start(), t2.end):
                break
            doc.use(atoms[i], *([atoms[j]] if j >= 0 else []))
            doc.add("work_hours_per_day", "hours", m.start(), t2.end, hours, hours,
                    "hours_day_span")
            break


def weekday_ranges(doc: Doc) -> None:
    """Days a week from "Monday to Saturday" (ranges starting on Monday or Sunday)."""
    lex, t = doc.lex, doc.text
    if not lex.weekdays:
        return
    names = [s for s, _, _ in doc.events("weekday")]
    seen = -1
    for a0, b0 in itertools.pairwise(names):
        if b0 - a0 >= 40 or a0 < seen:
            continue
        m = lex.weekday_range_rx.search(t, max(0, a0 - 12), min(len(t), b0 + 20))
        if m is None:
            continue
        seen = m.end()
        a = int(lex.weekdays.label(m.group("a")) or 0)
        b = int(lex.weekdays.label(m.group("b")) or 0)
        count = (b - a) % 7 + 1
        if a not in (1, 7) or not b or count < 3:
            continue
        s0, s1 = doc.sentence(m.start())
        if doc.cue("non_work", s0, s1) or doc.promised(m.start(), m.end()):
            continue
        doc.add("work_days_per_week", "days", m.start(), m.end(), count, count,
                "days_weekday_range")


# --- counted hours and days ---------------------------------------------------------------

def _afterthought(doc: Doc, nums: list[Num], n: Num, end: int, top: float
                  ) -> tuple[float, int]:
    """"six days a week, sometimes seven": the afterthought raises the top of the range."""
    rx = doc.lex.afterthought
    m = rx.match(doc.text, end) if rx is not None else None
    if m is None:
        return n.high, end
    k = bisect.bisect_left([x.start for x in nums], m.end())
    if k < len(nums) and nums[k].start == m.end() and not nums[k].is_range \
            and n.high < nums[k].low <= top:
        doc.use(nums[k])
        return nums[k].low, nums[k].end
    return n.high, end


def _rest_named(doc: Doc, lo: int, hi: int) -> bool:
    """A rest word in [lo, hi) that is not said to be missing: a `rest_absent` word a few
    characters after it ("휴식시간도 없이") or a `rest_absent_before` word before it ("with no
    rest or day off")."""
    after = doc.lex.cues.get("rest_absent")
    before = doc.lex.cues.get("rest_absent_before")
    t = doc.text
    return any(not ((after and after.search(t, e, min(len(t), e + 10)))
                    or (before and before.search(t, max(0, s - 16), s)))
               for s, e in doc.cues("rest_time", lo, hi))


def hours_per_day(doc: Doc, nums: list[Num]) -> None:
    """"12 hours a day", "ten-hour shifts", "werkdagen van negen uur", "하루 16시간"."""
    lex, t = doc.lex, doc.text
    for k, n, u in doc.unit_nums(nums):
        if u[0] != "hour" or not 1 <= n.low <= n.high <= 24:
            continue
        if not doc.is_free(n) or doc.is_date_or_age(n):
            continue
        start, end = n.start, u[1]
        ok = True
        per = lex.period_after.match(t, end)
        noun_after = lex.day_noun_after.match(t, end)
        if per and lex.periods.label(per.group("per")) == "day":
            end = per.end()
        elif noun_after:
            end = noun_after.end()
        elif pre := (doc.prefix(lex.day_nouns_rx, n.start) or _day_before(doc, n.start)):
            start = pre.start()
        else:
            # "По восемь часов, пять дней в неделю": hours next to days a week.
            nxt = nums[k + 1] if k + 1 < len(nums) else None
            ok = bool(nxt and _WS_COMMA.fullmatch(t, end, nxt.start) and days_week_end(doc, nxt))
            # "по шестнадцать часов": a distributive word before the hours makes them daily.
            ok = ok or bool(doc.cue("distributive", max(0, n.start - 4), n.start))
        if not ok:
            continue
        c0, c1 = doc.clause(n.start)
        # Sleep or rest next to the hours makes them rest ("slept 4 hours a night"); a rest
        # word further off in a long clause does not ("12시간 노동 ... 휴식시간도 없이").
        near = (max(c0, n.start - 25), min(max(c1, end), end + 25))
        if _rest_named(doc, *near) or _vetoed(doc, start, end):
            continue
        if doc.cue("overtime", max(c0, n.start - 20), min(c1, u[1] + 15)):
            continue  # "3 hours of overtime a day", "2 extra hours a day"
        high, end = _afterthought(doc, nums, n, end, 24)
        doc.use(n)
        doc.add("work_hours_per_day", "hours", start, end, n.low, high, "hours_per_day")
    _around_clock(doc)


def _around_clock(doc: Doc) -> None:
    """"rund um die Uhr", "around the clock", "24시간 대기": a working day of 24 hours."""
    rx = doc.lex.cues.get("around_clock")
    if rx is None or not doc.mentions("cue.around_clock"):
        return
    for m in rx.finditer(doc.text):
        s, e = m.span()
        s0, s1 = doc.sentence(s)
        if any(f.kind == "work_hours_per_day" and f.start < s1 and f.end > s0
               for f in doc.facts):
            continue  # the sentence already states its hours
        c0, c1 = doc.clause(s)
        if (doc.cue("rest_time", c0, max(c1, e)) or doc.cue("watch_clock", c0, max(c1, e))
                or _vetoed(doc, s, e)):
            continue
        doc.use(*(a for a in doc.atoms if s <= a.start < e))
        doc.add("work_hours_per_day", "hours", s, e, 24, 24, "hours_around_clock")


# Weeks of more hours than the ILO's 48 (norms.yaml): a stated week of 48 hours or fewer is
# nearly always a rule, a contract or other workers' ("its employees work a 39-hour week"),
# and not evidence of anything; the kind is here for the long weeks.
WEEK_HOURS = (49, 168)


def hours_per_week(doc: Doc, nums: list[Num]) -> None:
    """"72 hours a week", "80-hour weeks", "주 52시간", "wöchentlich 60 Stunden": the hours
    of a working week, when stated as such. A limit or a rule ("no more than 48 hours a
    week", "the legal 40-hour week") and hours of overtime alone ("eight extra hours a
    week") are not what anyone worked."""
    lex, t = doc.lex, doc.text
    low, high = WEEK_HOURS
    for _, n, u in doc.unit_nums(nums):
        if u[0] != "hour" or not low <= n.low <= n.high <= high:
            continue
        if not doc.is_free(n) or doc.is_date_or_age(n):
            continue
        start, end = n.start, u[1]
        per = lex.period_after.match(t, end)
        noun_after = lex.week_noun_after.match(t, end)
        if per and lex.periods.label(per.group("per")) == "week":
            end = per.end()
        elif noun_after:
            end = noun_after.end()
        elif pre := (_period_before(doc, n.start, "week")
                     or doc.prefix(lex.week_nouns_rx, n.start)):  # "werkweken van 80 uur"
            start = pre.start()
        else:
            continue
        c0, c1 = doc.clause(n.start)
        near = (max(c0, n.start - 25), min(max(c1, end), end + 25))
        # Limit words before the hours, and the few that follow them ("주 52시간 이내", "48
        # hours a week at most"): after them, "80-hour weeks were normal" is what was worked.
        if (_rest_named(doc, *near) or _vetoed(doc, start, end)
                or doc.cue("overtime", max(c0, n.start - 20), min(c1, u[1] + 1))
                or doc.cue("hours_limit", max(c0, start - 40), start)
                or doc.cue("hours_limit_after", end, min(max(c1, end), end + 12))):
            continue
        doc.use(n)
        doc.add("work_hours_per_week", "hours", start, end, n.low, n.high, "hours_per_week")


def _day_before(doc: Doc, pos: int) -> re.Match[str] | None:
    """"하루 16시간", "täglich zwölf Stunden": a daily period word right before the hours."""
    return _period_before(doc, pos, "day")


def _period_before(doc: Doc, pos: int, label: str) -> re.Match[str] | None:
    """A period word of `label` right before `pos` ("하루 16시간", "주 52시간")."""
    lex = doc.lex
    pp = doc.prefix(lex.period_prefix_rx, pos)
    if pp and lex.period_prefix.label(pp.group("per")) == label:
        return pp
    pb = doc.prefix(lex.period_before_rx, pos)
    if pb and lex.periods.label(pb.group("per")) == label:
        return pb
    return None


def days_week_end(doc: Doc, n: Num) -> int | None:
    """End of "N days a week" (or "주 N일", "seven-day weeks") starting at `n`, else None."""
    lex, t = doc.lex, doc.text
    u = doc.unit(n)
    if not u or u[0] != "day" or not 1 <= n.low <= n.high <= 7:
        return None
    per = lex.period_after.match(t, u[1])
    if per and lex.periods.label(per.group("per")) == "week":
        return per.end()
    wn = lex.week_noun_after.match(t, u[1])
    if wn:
        return wn.end()
    pp = doc.prefix(lex.period_prefix_rx, n.start)
    if pp and lex.period_prefix.label(pp.group("per")) == "week":
        return u[1]
    if doc.prefix(lex.week_nouns_rx, n.start):
        return u[1]  # "werkweek van zes dagen"
    return None


def days_per_week(doc: Doc, nums: list[Num]) -> None:
    lex = doc.lex
    for _, n, u in doc.unit_nums(nums):
        end = days_week_end(doc, n)
        if end is None or not doc.is_free(n) or doc.is_date_or_age(n):
            continue
        pp = doc.prefix(lex.period_prefix_rx, n.start)
        start = pp.start() if pp else n.start
        _, c1 = doc.clause(n.start)
        if doc.cue("rest", u[1], min(c1, u[1] + 12)):
            continue  # "one day off a week" is rest, not work
        s0, s1 = doc.sentence(n.start)
        if doc.cue("non_work", s0, max(s1, end)) or doc.promised(start, end):
            continue
        high, end = _afterthought(doc, nums, n, end, 7)
        doc.use(n)
        doc.add("work_days_per_week", "days", start, end, n.low, high, "days_per_week")
    _every_day(doc)


def _every_day(doc: Doc) -> None:
    """"трудились с шести утра до девяти вечера ежедневно": work every day is seven days a
    week, when the sentence is about the working day and states no days a week itself."""
    rx = doc.lex.cues.get("every_day")
    if rx is None or not doc.mentions("cue.every_day"):
        return
    for m in rx.finditer(doc.text):
        s, e = m.span()
        s0, s1 = doc.sentence(s)
        facts = [f for f in doc.facts if f.start < s1 and f.end > s0]
        if any(f.kind == "work_days_per_week" for f in facts):
            continue
        if not any(f.kind == "work_hours_per_day" and (f.end <= s or f.start >= e)
                   for f in facts) and not doc.cue("work_for", s0, s1):
            continue
        if doc.cue("non_work", s0, s1) or doc.cue("rest", s0, s1) or doc.promised(s, e):
            continue
        doc.add("work_days_per_week", "days", s, e, 7, 7, "days_every_day")


# --- counts of days: rest days a year, days of pay docked ---------------------------------

@dataclass(slots=True)
class Days:
    start: int
    end: int
    value: float
    num: Num | None
    paid: bool = False  # the unit itself is a day's pay ("Tageslohn", "dagloon")
    used: bool = False


def day_counts(doc: Doc, nums: list[Num]) -> list[Days]:
    """Counts of days: "ten days", "이틀", "a day" (an article before a day word)."""
    if not (doc.mentions("cue.penalty") or doc.mentions("cue.rest")):
        return []  # they only ever count as days docked (penalties) or rest (rest_days)
    lex, t = doc.lex, doc.text
    out: list[Days] = []
    for _, n, u in doc.unit_nums(nums):
        if u[0] not in ("day", "holiday", "day_pay"):
            continue
        if doc.is_free(n) and not n.is_range and not doc.is_date_or_age(n):
            out.append(Days(n.start, u[1], n.low, n, u[0] == "day_pay"))
    for s, e, m in doc.events("day_word"):
        if lex.approx_to_digit.match(t, e):
            continue  # "하루 16시간": "a day" here is the period of the hours
        out.append(Days(s, e, lex.day_words[m.group("day_word").lower()], None))
    for s, e, m in doc.events("article_day"):
        out.append(Days(s, e, 1.0, None, lex.units.label(m.group("u")) == "day_pay"))
    none = lex.cues.get("none_after")
    if none is not None:
        out = [d for d in out if not none.match(t, d.end)]  # "하루도 없었다": not one day
    out.sort(key=lambda d: d.start)
    return out


def penalties(doc: Doc, days: list[Days]) -> None:
    """"ten days' pay docked", "зарплату за три дня", "사흘 치 임금을 깎았다"."""
    if not doc.mentions("cue.penalty"):
        return
    lex, t = doc.lex, doc.text
    for d in days:
        if d.num is not None and not doc.is_free(d.num):
            continue
        after = lex.pay_after.match(t, d.end)
        before = lex.pay_before.search(t, max(0, d.start - 40), d.start)
        if not (after or before or d.paid) or not 0 < d.value <= 60:
            continue
        start = before.start() if before and not after else d.start
        end = after.end() if after else d.end
        lo, hi = doc.window(start, end, 150, 120)
        if not doc.cue("penalty", lo, hi):
            continue
        if d.num is not None:
            doc.use(d.num)
        d.used = True
        doc.add("penalty_days_wage", "days", start, end, d.value, d.value, "penalty_days")


def _yearly(doc: Doc, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(start, end, multiplier) of "a year" (x1) or "a month" (x12) expressions in [lo, hi)."""
    lex, t = doc.lex, doc.text
    out = []
    for labels, rx in ((lex.periods, lex.periods_rx), (lex.period_prefix, lex.period_prefix_any)):
        if not labels:
            continue
        for m in rx.finditer(t, lo, hi):
            if m.start() > 0 and t[m.start() - 1].isdigit() and not m.group()[:1].isdigit():
                continue  # "4월" is a date
            label = labels.label(m.group())
            if label in ("year", "month"):
                out.append((m.start(), m.end(), 1 if label == "year" else 12))
    return out


def rest_days(doc: Doc, days: list[Days], nums: list[Num]) -> None:
    """"one day off a year", "выходных было два в год", "쉬는 날은 1년에 ... 이틀".

    A rest day a month counts twelve a year.
    """
    if not doc.mentions("cue.rest"):
        return
    lex = doc.lex
    cands = [d for d in days if not d.used]
    # "выходных было два в год": a bare number right before "a year".
    for _, n in doc.candidates(nums):
        if not doc.is_free(n) or n.is_range or n.year_like:
            continue
        per = doc.period_direct(n)
        if per and lex.periods.label(per.group("per")) == "year":
            cands.append(Days(n.start, n.end, n.low, n))
    taken: set[int] = set()
    for d in sorted(cands, key=lambda d: d.start):
        if (d.num is not None and not doc.is_free(d.num)) or not 0 < d.value <= 60:
            continue
        s0, s1 = doc.sentence(d.start)
        # The period follows closely ("one day off a year") or leads ("1년에 ... 이틀").
        near = [y for y in _yearly(doc, max(s0, d.start - 40), min(s1, d.end + 25))
                if y[0] not in taken and (y[0] >= d.end or y[1] <= d.start)]
        rest = doc.cue("rest", max(s0, d.start - 80), min(s1, d.end + 80))
        if not near or not rest:
            continue
        y = min(near, key=lambda y: y[0] - d.end if y[0] >= d.end else d.start - y[1])
        start, end = min(d.start, y[0]), max(d.end, y[1])
        if abs(rest.start() - start) < 60 or abs(rest.end() - end) < 60:
            start, end = min(start, rest.start()), max(end, rest.end())
        if d.num is not None:
            doc.use(d.num)
        taken.add(y[0])
        value = d.value * y[2]
        doc.add("rest_days_per_year", "days", start, end, value, value, "rest_days_year")
