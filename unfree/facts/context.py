"""One document being read: its numbers, sentence and clause boundaries, cue look-ups, and the
facts found so far. Every rule module works on a `Doc`."""

from __future__ import annotations

import bisect
import re

from unfree.facts.lexicon import Lexicon
from unfree.facts.numbers import Num, scan_numbers
from unfree.facts.patterns import may_end_with
from unfree.model import Fact

# Sentence ends: ., !, ? (then a capital, digit, Hangul, quote or dash), line breaks, semicolons.
# Each pattern starts with a character class so that the engine can skip through the text.
_SENT_END = re.compile(
    r"[.!?…。？！;\n](?:(?<=[.!?…。？！])[\"'”’»)\]]*\s+"
    r"(?=[\"'“‘«(\[¿¡,„‚]*[A-ZÀ-ÖØ-ÞА-ЯЁ0-9가-힣—–-])|(?<=[;\n])\s*)")
# Clause ends inside a sentence: punctuation, or a dash between spaces.
_CLAUSE_END = re.compile(r"[,;:()\[\]«»“”„\"]")
_DASH_CLAUSE = re.compile(r"[–—-](?<=\s[–—-])(?=\s)")
_TRIM = " \t\n,;:"


def gap(s: int, e: int, start: int, end: int) -> int:
    """Characters between the spans [s, e) and [start, end); 0 when they overlap."""
    if s < end and e > start:
        return 0
    return start - e if e <= start else s - end


class Doc:
    """One text being read: its numbers, sentences, and what is already used."""

    def __init__(self, text: str, lex: Lexicon, prefilter: bool = True) -> None:
        self.text = text
        self.lex = lex
        # With `prefilter`, rules skip the numbers and word scans that the cheap tests of
        # `Lexicon` (prefilters) rule out; without it they read everything. Both give the
        # same facts (tests/test_facts_prefilter.py).
        self.prefilter = prefilter
        self.atoms = scan_numbers(text, lex, flags=prefilter)
        self.used: set[int] = set()  # indices of atomic numbers already in a fact
        self.facts: list[Fact] = []
        # Sentence and clause starts, found on first use: most texts have no number that
        # gets as far as asking for its sentence.
        self._sent_starts: list[int] | None = None
        self._clause_starts: list[int] | None = None
        self._currency: dict[str, str] = {}
        self._date_age: dict[tuple[int, int], bool] = {}
        self._units: dict[int, tuple[str, int] | None] = {}  # by the end of the number
        self._unit_nums: tuple[list[Num], list[tuple[int, Num, tuple[str, int]]]] | None = None
        self._events: dict[str, list[re.Match[str]]] | None = None
        # What follows a number, by its end: several rules ask the same.
        self._money_after: dict[int, re.Match[str] | None] = {}
        self._percent_after: dict[int, re.Match[str] | None] = {}
        self._period_direct: dict[int, re.Match[str] | None] = {}
        self._candidates: tuple[list[Num], list[tuple[int, Num]]] | None = None
        self._gates: int | None = None

    # --- places ---------------------------------------------------------------------------
    @property
    def sent_starts(self) -> list[int]:
        if self._sent_starts is None:
            self._sent_starts = [0, *(m.end() for m in _SENT_END.finditer(self.text))]
        return self._sent_starts

    @property
    def clause_starts(self) -> list[int]:
        if self._clause_starts is None:
            t = self.text
            self._clause_starts = sorted({*self.sent_starts,
                                          *(m.end() for m in _CLAUSE_END.finditer(t)),
                                          *(m.end() for m in _DASH_CLAUSE.finditer(t))})
        return self._clause_starts

    def sentence(self, pos: int) -> tuple[int, int]:
        starts = self.sent_starts
        i = bisect.bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def clause(self, pos: int) -> tuple[int, int]:
        starts = self.clause_starts
        i = bisect.bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def window(self, start: int, end: int, before: int = 200, after: int = 150) -> tuple[int, int]:
        """The part of the sentence of `start` around [start, end) where cue words count."""
        s0, s1 = self.sentence(start)
        return max(s0, start - before), min(max(s1, end), end + after)

    def prefix(self, rx: re.Pattern[str] | None, pos: int, window: int = 50
               ) -> re.Match[str] | None:
        """A match of `rx` (a pattern ending in \\Z) that ends exactly at `pos`."""
        if rx is None or pos <= 0:
            return None
        lo = max(0, pos - window)
        tails = self.lex.prefix_tails.get(id(rx))
        if self.prefilter and not may_end_with(self.text, lo, pos, tails):
            return None  # the text there ends as no match of `rx` can (Lexicon.prefix_tails)
        return rx.search(self.text, lo, pos)

    # --- cues -----------------------------------------------------------------------------
    def cue(self, fam: str, lo: int, hi: int) -> re.Match[str] | None:
        """The first word of cue family `fam` in [lo, hi)."""
        rx = self.lex.cues.get(fam)
        return rx.search(self.text, lo, hi) if rx is not None and lo < hi else None

    def cues(self, fam: str, lo: int, hi: int) -> list[tuple[int, int]]:
        rx = self.lex.cues.get(fam)
        if rx is None or lo >= hi:
            return []
        return [m.span() for m in rx.finditer(self.text, lo, hi)]

    @staticmethod
    def distance(spans: list[tuple[int, int]], start: int, end: int) -> float:
        return min((gap(s, e, start, end) for s, e in spans), default=float("inf"))

    def promised(self, start: int, end: int) -> bool:
        """A promise, boast or conditional governs [start, end), with no contrast between."""
        s0, s1 = self.sentence(start)
        c0, _ = self.clause(start)
        if self.cue("instead", max(s0, c0, start - 25), start):
            return True  # "instead of £11 an hour": what was expected
        _, c1 = self.clause(end - 1 if end > start else end)
        for ps, pe in self.cues("promise", s0, s1):
            if ps >= end and ps >= c1:
                continue  # a promise in a later clause is about something else
            if pe <= start:
                lo, hi = pe, start
            elif ps >= end:
                lo, hi = end, ps
            else:
                return True
            if not self.cue("contrast", lo, hi):
                return True
        return False

    def events(self, kind: str) -> list[tuple[int, int, re.Match[str]]]:
        """(start, end, match) of the word events of `kind` (weekday, fraction, article_day,
        day_word), found for all kinds in one pass over the text."""
        if self._events is None:
            self._events = {}
            for m in self.lex.events_rx.finditer(" " + self.text):
                if m.lastgroup:
                    self._events.setdefault(m.lastgroup, []).append(m)
        # The match includes the character before the word, and the text had a space in front.
        return [(m.start(kind) - 1, m.end(kind) - 1, m) for m in self._events.get(kind, [])]

    # --- numbers --------------------------------------------------------------------------
    # The caches are tested with `in` rather than try/except: most lookups are the first for
    # their number, and a raised KeyError costs more than the regex call.
    def money_after(self, n: Num) -> re.Match[str] | None:
        """A currency right after `n` ("400 dollars", "200만 원")."""
        cache = self._money_after
        if n.end not in cache:
            cache[n.end] = self.lex.money_after.match(self.text, n.end)
        return cache[n.end]

    def percent_after(self, n: Num) -> re.Match[str] | None:
        cache = self._percent_after
        if n.end not in cache:
            cache[n.end] = self.lex.percent_after.match(self.text, n.end)
        return cache[n.end]

    def period_direct(self, n: Num) -> re.Match[str] | None:
        """A period right after `n` ("a year", "в год")."""
        cache = self._period_direct
        if n.end not in cache:
            cache[n.end] = self.lex.period_direct.match(self.text, n.end)
        return cache[n.end]

    def is_free(self, n: Num) -> bool:
        return self.used.isdisjoint(n.parts)

    def use(self, *nums: Num) -> None:
        for n in nums:
            self.used.update(n.parts)

    def unit(self, n: Num) -> tuple[str, int] | None:
        """The unit word right after `n` ("hours", "дней", "년") and where it ends."""
        cache = self._units
        if n.end not in cache:
            m = self.lex.unit_after.match(self.text, n.end)
            label = self.lex.units.label(m.group("u")) if m else None
            cache[n.end] = (label, m.end()) if m and label else None
        return cache[n.end]

    def unit_nums(self, nums: list[Num]) -> list[tuple[int, Num, tuple[str, int]]]:
        """(index, number, unit) of the numbers of `nums` that a unit word follows: the rules
        of hours, days and lengths of time start from these few."""
        if self._unit_nums is None or self._unit_nums[0] is not nums:
            self._unit_nums = (nums, [(k, n, u) for k, n in self.candidates(nums)
                                      if (u := self.unit(n)) is not None])
        return self._unit_nums[1]

    def candidates(self, nums: list[Num]) -> list[tuple[int, Num]]:
        """(index, number) of the numbers of `nums` that a rule reading the words right after
        a number (unit, currency, percent, period, count noun or verb) or a currency right
        before it may use; the others can only be years, scores, measures and the like.
        Without the prefilter, all of them."""
        if self._candidates is None or self._candidates[0] is not nums:
            if self.prefilter:
                found = [(k, n) for k, n in enumerate(nums) if n.hot]
            else:
                found = list(enumerate(nums))
            self._candidates = (nums, found)
        return self._candidates[1]

    def mentions(self, name: str) -> bool:
        """False when no word of the list `name` of `Lexicon.gates` ("cue.contract",
        "count_before", ...) can occur in the text: then a rule that needs one finds nothing.
        Always True without the prefilter."""
        bit = self.lex.gates.bits.get(name, 0)
        if not bit or not self.prefilter:
            return True
        if self._gates is None:
            self._gates = self.lex.gates.found(self.text.lower())
        return bool(self._gates & bit)

    def is_date_or_age(self, n: Num) -> bool:
        key = (n.start, n.end)
        hit = self._date_age.get(key)
        if hit is None:
            hit = self._date_age[key] = self._date_or_age(n)
        return hit

    def _date_or_age(self, n: Num) -> bool:
        lex, t = self.lex, self.text
        if n.end - n.start <= 2 and t[n.start - 1:n.start] == "(" and t[n.end:n.end + 1] == ")":
            return True  # "Nguyen (31)": an age after a name
        date_lo, age_lo = max(0, n.start - 15), max(0, n.start - 25)
        if self.prefilter:  # the same tests, fewer of them (see Lexicon.date_age_after)
            return bool(lex.date_age_after.match(t, n.end) or (
                may_end_with(t, date_lo, n.start, lex.date_before_tails)
                and lex.date_before.search(t, date_lo, n.start)) or (
                may_end_with(t, age_lo, n.start, lex.age_before_tails)
                and lex.age_before.search(t, age_lo, n.start)))
        return bool(lex.date_after.match(t, n.end) or lex.date_before.search(t, date_lo, n.start)
                    or lex.age_after.match(t, n.end) or lex.age_before.search(t, age_lo, n.start))

    def currency(self, code: str) -> str:
        """An ambiguous currency ("riyal", "dinar") resolved by the countries the text names."""
        code = self.lex.code_alias.get(code, code)
        alts = self.lex.currency_context.get(code)
        if not alts:
            return code
        if code not in self._currency:
            self._currency[code] = next((alt for alt, rx in alts if rx.search(self.text)), code)
        return self._currency[code]

    # --- output ---------------------------------------------------------------------------
    def add(self, kind: str, unit: str, start: int, end: int, low: float, high: float,
            rule: str) -> None:
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        rid = f"{self.lex.code}.{rule}"
        quote = self.text[start:end]
        lo, hi = float(round(low, 6)), float(round(high, 6))
        if lo == hi:
            self.facts.append(Fact(kind, unit, start, end, quote, value=lo, rule=rid))
        else:
            self.facts.append(Fact(kind, unit, start, end, quote, low=lo, high=hi, rule=rid))
