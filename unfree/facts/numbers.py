"""Find the numbers of a text: digits with each language's separators, number words (also glued
compounds such as Dutch "honderdvijftigduizend"), multipliers ("27.6 million", "200만") and ranges
("18 to 20", "800–1000", "between 60 and 70", "dertien, veertien").

Numbers are found by one regex pass over the text; Python then only walks the matches.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from unfree.facts.lexicon import JOIN, MULT, NUM, RANGE, SCALE, Lexicon, Word
from unfree.facts.patterns import first_nonspace

_DIGITS_PART = re.compile(r"[\d.,'\u00a0\u202f ]*\d")
_DIGIT_RUN = re.compile(r"\d+")
_COMMA_GAP = re.compile(r"\s*,\s*")


@dataclass(slots=True)
class Num:
    """One number or range: `low == high` for a single value."""

    start: int
    end: int
    low: float
    high: float
    spelled: bool = False  # written in words
    plain: bool = False  # bare digits, no separator or scale: maybe a year or a code
    scale: float = 1.0  # the largest scale word in it ("million"), to spread over a range
    parts: tuple[int, ...] = field(default_factory=tuple)  # indices of the atomic numbers
    # What the scan saw around the number (`Lexicon.scan_rx`), for the rules to skip numbers
    # they cannot use; True where nobody looked. `hot`: a unit, currency, percent, period,
    # count noun or count verb may follow, or a currency precede. `rng`: a range may go on.
    hot: bool = True
    rng: bool = True

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def year_like(self) -> bool:
        return self.plain and not self.is_range and 1900 <= self.low <= 2100


def parse_digits(s: str, lex: Lexicon) -> float | None:
    """The value of a digit string written with `lex`'s decimal and group separators."""
    seps = [i for i, ch in enumerate(s) if not ch.isdigit()]
    if not seps:
        return float(s)
    last = seps[-1]
    tail = len(s) - last - 1
    is_decimal = s[last] in lex.decimal and (s[last] not in lex.group or tail != 3)
    if is_decimal and any(s[i] == s[last] for i in seps[:-1]):
        is_decimal = False  # "1.500.000": the same mark twice is grouping
    body = s[:last] if is_decimal else s
    digits = "".join(ch for ch in body if ch.isdigit())
    if not digits:
        return None
    if is_decimal:
        return float(digits + "." + s[last + 1:])
    return float(digits)


def _trailing_zeros(v: float) -> int:
    n = int(v)
    if n <= 0:
        return 0
    z = 0
    while n % 10 == 0:
        n //= 10
        z += 1
    return z


def _compose(tokens: list[tuple[Word, bool]]) -> tuple[float, float] | None:
    """(value, largest scale) of a token sequence, or None when it is not one number."""
    total = 0.0
    cur: float | None = None
    cur_digit = False
    last_scale = float("inf")
    top = 1.0
    joined = False
    # What a multiplier right after would multiply when `cur` is more than it: the digit just
    # added to `cur` (ko "천이백": 1000 + 2 × 100), or 1 after a multiplier ("천백": 1000 + 100).
    unit: float | None = None
    for word, is_digit in tokens:
        k, v = word.kind, word.value
        if k == JOIN:
            joined = True
            continue
        if k == RANGE:
            return None
        added, unit = unit, None
        if k == NUM:
            if cur is None:
                cur, cur_digit = v, is_digit
            elif cur_digit or is_digit or not float(cur).is_integer():
                return None
            elif v < 10 ** _trailing_zeros(cur) and v < cur:
                if v < 10:
                    unit = v
                cur += v
            elif joined and cur % 100 < 10 and v % 10 == 0 and v < 100:
                cur += v  # units before tens, glued: "vijfentwintig", "dreiundzwanzig"
            elif cur % 20 == 0 and cur < 100 and v < 20:
                cur += v  # French counts in twenties: "soixante-dix-sept", "quatre-vingt-onze"
            else:
                return None
        elif k == MULT:
            if cur is None:
                cur = v
            elif cur < v:
                cur *= v
            elif added is not None and (cur - added) % (v * 10) == 0:
                cur += (added or 1.0) * v - added  # "천이백": the 2 becomes 2 × 100
            else:
                return None
            unit = 0.0  # "천백": an implicit 1, not yet in `cur`
        elif k == SCALE:
            if v >= last_scale:
                return None
            total += (cur if cur is not None else 1.0) * v
            cur, cur_digit = None, False
            last_scale = v
            top = max(top, v)
        joined = False
    return total + (cur or 0.0), top


@functools.lru_cache(maxsize=4096)
def _digit_word(value: float) -> Word:
    """The token of a plain digit string (shared: the same values recur in every text)."""
    return Word(NUM, value)


Tokens = list[tuple[Word, bool]]  # (word, is_digit)


def _atom(m: re.Match[str], lex: Lexicon) -> tuple[Tokens, bool, bool] | None:
    """(tokens, written in digits, bare digits) of one match of the number scan, or None when
    it is no number after all."""
    raw = m.group("d")
    if raw is not None:
        if raw.isdecimal():
            return [(_digit_word(float(raw)), True)], True, True
        dm = _DIGITS_PART.match(raw)
        if not dm:
            return None
        value = parse_digits(dm.group().rstrip(" \u00a0\u202f'"), lex)
        if value is None:
            return None
        toks: Tokens = [(Word(NUM, value), True)]
        rest = raw[dm.end():]
        while rest:
            if (more := _DIGIT_RUN.match(rest)) is not None:
                # ko "1천2백만": digits again after a scale letter; the whole is composed as
                # number words are ("천이백"), so no token counts as a digit string.
                toks = [(w, False) for w, _ in toks]
                toks.append((_digit_word(float(more.group())), False))
                rest = rest[more.end():]
                continue
            for suf in lex.suffix_order:
                if rest.startswith(suf):
                    toks.append((lex.suffix[suf], False))
                    rest = rest[len(suf):]
                    break
            else:
                break
        return toks, True, dm.group().isdigit() and len(toks) == 1
    raw = m.group("w")
    if raw is not None:
        w = lex.words.get(" ".join(raw.lower().split()))
        return None if w is None else ([(w, False)], False, False)
    word = m.group("c").lower()
    toks = []
    pos = 0
    if lex.morph_rx is None:
        return None
    while pos < len(word):
        mm = lex.morph_rx.match(word, pos)
        if not mm or mm.end() == pos:
            return None
        toks.append((lex.morphs[mm.group()], False))
        pos = mm.end()
    if not toks or toks[0][0].kind == JOIN or toks[-1][0].kind == JOIN:
        return None
    return toks, False, False


_ATOM_CACHE_LIMIT = 8192


def _read_atom(m: re.Match[str], lex: Lexicon
               ) -> tuple[tuple[Tokens, bool, bool] | None, tuple[float, float] | None]:
    """`_atom` of a match that is not bare digits, and its value and scale (None for a word
    range, which `scan_numbers` treats apart), remembered per text of the atom in
    `lex.atom_cache` (the token lists are never changed: joining copies them)."""
    raw = m.group("d")
    key = ("d", raw) if raw is not None else ("w", raw) if (raw := m.group("w")) is not None \
        else ("c", m.group("c"))
    cache = lex.atom_cache
    got: tuple[tuple[Tokens, bool, bool] | None, tuple[float, float] | None] | None = \
        cache.get(key)
    if got is None:
        found = _atom(m, lex)
        best: tuple[float, float] | None = None
        if found is not None:
            toks, _, plain = found
            if not (len(toks) == 1 and toks[0][0].kind == RANGE):
                best = (toks[0][0].value, 1.0) if plain else _compose(toks)
        if len(cache) >= _ATOM_CACHE_LIMIT:
            cache.clear()
        got = cache[key] = (found, best)
    return got


def scan_numbers(text: str, lex: Lexicon, flags: bool = True) -> list[Num]:
    """The numbers of `text` in order, each a single value (ranges come from `merge_ranges`):
    atoms found by one regex pass, joined where they make one number ("one hundred and
    fifty", "27.6 million").

    With `flags`, each number also says whether a rule may use it (`Num.hot`: what the scan
    saw after its last atom, or a currency before its first) and whether a range may go on
    after it (`Num.rng`); without, both are True.
    """
    nums: list[Num] = []  # each number's parts are its own index
    rx = lex.scan_rx if flags else lex.atom_rx
    rng_any, join_any = lex.range_gap_firsts is None, lex.join_firsts is None
    hot = rng = join = True
    # The number being read: its value and largest scale (best: None when there is none), its
    # tokens (None for bare digits, most numbers, until another atom may join them), span,
    # whether an atom is in digits, whether it is one bare digit string, and the flags of its
    # last atom.
    best: tuple[float, float] | None = None
    toks: Tokens | None = None
    g_start = g_end = 0
    g_digits = g_plain = False
    g_hot = g_rng = g_join = True
    # A number may have a currency before it (the scan sees only what follows): the only other
    # way a rule can use it (`_currency_may_precede`). Without flags, everything may.
    ends = lex.money_before_tails if flags else None
    for m in rx.finditer(" " + text):
        # The text was scanned with a space in front, and the match includes the character
        # before the number: both shifts cancel at the start.
        start, end = m.start(), m.end() - 1
        if flags:
            hot = m.start("hot") >= 0
            rng = rng_any or m.start("rng") >= 0
            join = join_any or m.start("join") >= 0
        raw = m.group("d")
        a_toks: Tokens | None = None
        a_best: tuple[float, float] | None
        if raw is not None and raw.isdecimal():  # bare digits
            a_best = (float(raw), 1.0)
            a_digits = a_plain = True
        else:
            found, a_best = _read_atom(m, lex)
            if found is None:
                continue
            a_toks, a_digits, a_plain = found
            if len(a_toks) == 1 and a_toks[0][0].kind == RANGE:  # "서너": three or four
                if best is not None:
                    _add(nums, text, ends, g_start, g_end, best, not g_digits, g_plain, g_hot,
                         g_rng)
                w = a_toks[0][0]
                best = None
                _add(nums, text, ends, start, end, (w.value, 1.0), True, False, hot, rng, w.high)
                continue
        if best is not None:
            if g_join and _may_join(text, g_end, start, lex):
                # "one hundred", "27.6 million": one number
                joined = _tokens(toks, best) + _tokens(a_toks, a_best)
                trial = _compose(joined)
                if trial is not None:
                    toks, best, g_end = joined, trial, end
                    g_digits, g_plain = g_digits or a_digits, False
                    g_hot, g_rng, g_join = hot, rng, join
                    continue
            _add(nums, text, ends, g_start, g_end, best, not g_digits, g_plain, g_hot, g_rng)
        best, toks = a_best, a_toks
        g_start, g_end, g_digits, g_plain = start, end, a_digits, a_plain
        g_hot, g_rng, g_join = hot, rng, join
    if best is not None:
        _add(nums, text, ends, g_start, g_end, best, not g_digits, g_plain, g_hot, g_rng)
    return nums


def _tokens(toks: Tokens | None, best: tuple[float, float] | None) -> Tokens:
    """The tokens of an atom: its own, or the one digit token of bare digits."""
    if toks is not None:
        return toks
    assert best is not None
    return [(_digit_word(best[0]), True)]


def _add(nums: list[Num], text: str, ends: set[str] | None, start: int, end: int,
         best: tuple[float, float], spelled: bool, plain: bool, hot: bool, rng: bool,
         high: float | None = None) -> None:
    """Append the number [start, end) of value and scale `best` (a word range: up to `high`);
    one that no rule reads after may still have a currency before it (`ends`)."""
    if not hot:  # `_currency_may_precede`, inline: this runs for most numbers of a text
        pos = start - 1 if start > 0 and text[start - 1].isspace() else start
        hot = ends is None or (text[pos - 1:pos] in ends or text[pos - 2:pos] in ends
                               or text[pos - 3:pos] in ends)
    value, scale = best
    nums.append(Num(start, end, value, value if high is None else high, spelled, plain, scale,
                    (len(nums),), hot, rng))


def _currency_may_precede(text: str, pos: int, ends: set[str] | None) -> bool:
    """False when `lex.money_before` cannot match right before `pos`: the text there ends
    with none of `ends` (`Lexicon.money_before_tails`, or None: anything may precede)."""
    if ends is None:
        return True
    if pos > 0 and text[pos - 1].isspace():
        pos -= 1  # money_before allows one space between the currency and the amount
    # Near the start of the text a slice comes out empty (its start is negative): no end is.
    return (text[pos - 1:pos] in ends or text[pos - 2:pos] in ends
            or text[pos - 3:pos] in ends)


def _may_join(text: str, end: int, start: int, lex: Lexicon) -> bool:
    """Whether `lex.joiner_rx` (spaces, a hyphen, or a joiner word after a space) matches
    text[end:start]; a look at its first non-space character spares most regex calls."""
    first = end
    while first < start and text[first].isspace():
        first += 1
    if first < start:
        ch = text[first]
        if ch not in "-‐‑" and not (
                first > end and (lex.joiner_firsts is None or ch in lex.joiner_firsts)):
            return False
    return lex.joiner_rx.fullmatch(text, end, start) is not None


def merge_ranges(text: str, nums: list[Num], lex: Lexicon, skip: set[int]) -> list[Num]:
    """Join neighbouring numbers into ranges; numbers whose index is in `skip` stay out."""
    out: list[Num] = []
    live = [n for n in nums if n.parts[0] not in skip] if skip else nums
    i, count = 0, len(live)
    while i < count:
        a = live[i]
        # (rng: the scan saw no character after `a` that can join a range)
        if a.rng and i + 1 < count:
            joined = _range(text, a, live[i + 1], lex)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _range(text: str, a: Num, b: Num, lex: Lexicon) -> Num | None:
    if a.is_range or b.is_range or b.start - a.end > 40:
        return None
    firsts = lex.range_gap_firsts
    if firsts is not None and first_nonspace(text, a.end, b.start) not in firsts:
        return None  # nothing between the numbers that can join them
    ok = bool(lex.range_rx.fullmatch(text, a.end, b.start))
    if not ok:
        for first, second in lex.circumfix:
            if second.fullmatch(text, a.end, b.start):
                m = first.search(text, max(0, a.start - 30), a.start)
                if m:
                    ok = True
                    break
    if not ok and a.spelled and b.spelled and _COMMA_GAP.fullmatch(text, a.end, b.start):
        ok = 0 < b.low - a.low <= 2  # "dertien, veertien uur": a loose range
    if not ok:
        return None
    low, high = a.low, b.high
    if a.scale == 1.0 and b.scale > 1.0 and low * b.scale <= high:
        low *= b.scale  # "200 to 500 million", "$150-250 million"
    if not low < high:
        return None
    return Num(a.start, b.end, low, high, spelled=a.spelled and b.spelled, plain=False,
               scale=max(a.scale, b.scale), parts=a.parts + b.parts, hot=a.hot or b.hot,
               rng=b.rng)
