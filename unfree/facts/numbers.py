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

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def year_like(self) -> bool:
        return self.plain and not self.is_range and 1900 <= self.low <= 2100


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    tokens: list[tuple[Word, bool]]  # (word, is_digit)
    digits: bool
    plain: bool


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
    for word, is_digit in tokens:
        k, v = word.kind, word.value
        if k == JOIN:
            joined = True
            continue
        if k == RANGE:
            return None
        if k == NUM:
            if cur is None:
                cur, cur_digit = v, is_digit
            elif cur_digit or is_digit or not float(cur).is_integer():
                return None
            elif v < 10 ** _trailing_zeros(cur) and v < cur:
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
            else:
                return None
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


def _atoms(text: str, lex: Lexicon) -> list[_Atom]:
    out: list[_Atom] = []
    for m in lex.atom_rx.finditer(" " + text):
        # The text was scanned with a space in front, and the match includes the character
        # before the number: both shifts cancel at the start.
        s, e = m.start(), m.end() - 1
        group = m.lastgroup  # the one alternative that matched: d, w or c
        if group == "d":
            raw = m.group("d")
            if raw.isdecimal():
                # Bare digits, most numbers: what the general case below makes of them.
                out.append(_Atom(s, e, [(_digit_word(float(raw)), True)], True, True))
                continue
            dm = _DIGITS_PART.match(raw)
            if not dm:
                continue
            value = parse_digits(dm.group().rstrip(" \u00a0\u202f'"), lex)
            if value is None:
                continue
            toks: list[tuple[Word, bool]] = [(Word(NUM, value), True)]
            rest = raw[dm.end():]
            while rest:
                for suf in lex.suffix_order:
                    if rest.startswith(suf):
                        toks.append((lex.suffix[suf], False))
                        rest = rest[len(suf):]
                        break
                else:
                    break
            plain = dm.group().isdigit() and len(toks) == 1
            out.append(_Atom(s, e, toks, True, plain))
        elif group == "w":
            w = lex.words.get(" ".join(m.group("w").lower().split()))
            if w is None:
                continue
            out.append(_Atom(s, e, [(w, False)], False, False))
        else:
            word = m.group("c").lower()
            toks = []
            pos = 0
            ok = lex.morph_rx is not None
            while ok and pos < len(word):
                assert lex.morph_rx is not None
                mm = lex.morph_rx.match(word, pos)
                if not mm or mm.end() == pos:
                    ok = False
                    break
                toks.append((lex.morphs[mm.group()], False))
                pos = mm.end()
            if not ok or not toks or toks[0][0].kind == JOIN or toks[-1][0].kind == JOIN:
                continue
            out.append(_Atom(s, e, toks, False, False))
    return out


def scan_numbers(text: str, lex: Lexicon) -> list[Num]:
    """The numbers of `text` in order, each a single value (ranges come from `merge_ranges`)."""
    atoms = _atoms(text, lex)
    nums: list[Num] = []  # each number's parts are its own index
    i, count = 0, len(atoms)
    while i < count:
        a = atoms[i]
        if len(a.tokens) == 1 and a.tokens[0][0].kind == RANGE:
            w = a.tokens[0][0]
            nums.append(Num(a.start, a.end, w.value, w.high, spelled=True, parts=(len(nums),)))
            i += 1
            continue
        best = (a.tokens[0][0].value, 1.0) if a.plain else _compose(a.tokens)
        j = i
        while best is not None and j + 1 < count:
            end, nxt = atoms[j].end, atoms[j + 1]
            if not (_may_join(text, end, nxt.start, lex)
                    and lex.joiner_rx.fullmatch(text, end, nxt.start)):
                break
            trial = _compose([t for at in atoms[i:j + 2] for t in at.tokens])
            if trial is None:
                break
            best = trial
            j += 1
        if best is not None:
            value, scale = best
            if j == i:  # one atom, most numbers (positional: keywords cost twice as much)
                nums.append(Num(a.start, a.end, value, value, not a.digits, a.plain, scale,
                                (len(nums),)))
            else:
                group = atoms[i:j + 1]
                nums.append(Num(a.start, group[-1].end, value, value,
                                spelled=not any(g.digits for g in group), plain=False,
                                scale=scale, parts=(len(nums),)))
        i = j + 1
    return nums


def _may_join(text: str, end: int, start: int, lex: Lexicon) -> bool:
    """False when `lex.joiner_rx` (spaces, a hyphen, or a joiner word after a space) cannot
    match text[end:start]: a look at its first non-space character spares most calls."""
    c = first_nonspace(text, end, start)
    if not c or c in "-‐‑":
        return True
    return text[end].isspace() and (lex.joiner_firsts is None or c in lex.joiner_firsts)


def merge_ranges(text: str, nums: list[Num], lex: Lexicon, skip: set[int]) -> list[Num]:
    """Join neighbouring numbers into ranges; numbers whose index is in `skip` stay out."""
    out: list[Num] = []
    live = [n for n in nums if n.parts[0] not in skip]
    i = 0
    while i < len(live):
        a = live[i]
        if i + 1 < len(live):
            b = live[i + 1]
            joined = _range(text, a, b, lex)
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
               scale=max(a.scale, b.scale), parts=a.parts + b.parts)
