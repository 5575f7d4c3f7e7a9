"""Load `unfree/lang/<code>/facts.yaml` (merged over `unfree/lang/common/facts.yaml`) and compile
every regular expression the fact grammar needs, once per language.

The YAML files hold all words; this module only knows what each list is for. A language without
a facts.yaml gets the common file alone: digits, symbols, ISO codes and percent signs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick_rs

from unfree.data import load_yaml
from unfree.facts.patterns import (
    LabelledTerms,
    char_class,
    first_chars,
    literal_firsts,
    literal_tails,
    normalise,
    repeat,
    required_literals,
    strip_names,
    terms_regex,
    union,
)

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"

# Number-word kinds: a plain value, a multiplier ("hundred"), a scale ("thousand"), a joiner
# inside a glued compound ("en" in "vijfentwintig"), a word range ("서너": three or four).
# Patterns are compiled case-sensitively: terms_regex spells out the case variants (see
# patterns.py for why).
NUM, MULT, SCALE, JOIN, RANGE = "num", "mult", "scale", "join", "range"
# A word between a number and what it counts or is paid per ("5 strong men", "$5 each week").
FILLER_SPACE = r"[^\W\d][\w'’‐‑-]*+\s++"


@dataclass(frozen=True, slots=True)
class Word:
    kind: str
    value: float
    high: float = 0.0


def _list(x: Any) -> list[str]:
    if x is None:
        return []
    items = list(x) if isinstance(x, (list, tuple)) else [x]
    for v in items:
        if isinstance(v, bool):
            # YAML reads bare no/yes/on/off as booleans: a silent loss of a word.
            raise ValueError(f"a term was read as {v!r}: quote no/yes/on/off in facts.yaml")
    return [str(v) for v in items if v is not None]


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge, lists concatenate, scalars from `extra` win."""
    out = dict(base)
    for k, v in extra.items():
        if isinstance(v, Mapping) and isinstance(out.get(k), Mapping):
            out[k] = _merge(dict(out[k]), v)
        elif isinstance(v, list) and isinstance(out.get(k), list):
            out[k] = list(out[k]) + v
        else:
            out[k] = v
    return out


@functools.cache
def _read(code: str) -> dict[str, Any]:
    path = LANG_DIR / code / "facts.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        data = load_yaml(fh.read()) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping")
    return data


def known_languages() -> list[str]:
    return sorted(p.parent.name for p in LANG_DIR.glob("*/facts.yaml") if p.parent.name != "common")


def _groups(data: Any) -> dict[str, list[str]]:
    if not isinstance(data, Mapping):
        return {}
    return {str(k): _list(v) for k, v in data.items()}


# The cue families that some rule cannot do without (see `Lexicon.gates`).
GATED_CUES = ("contract", "work_for", "penalty", "rest", "withheld", "around_clock", "every_day")


class Gates:
    """Named word lists, each reduced to literals one of which every match contains
    (`required_literals`), and one automaton over all of them."""

    def __init__(self, lists: Mapping[str, list[str]]) -> None:
        self.terms = dict(lists)
        self.bits: dict[str, int] = {}  # 0: the list may match without any literal
        masks: dict[str, int] = {}
        for k, (name, terms) in enumerate(lists.items()):
            literals = required_literals(terms)
            self.bits[name] = 0 if literals is None else 1 << k
            for lit in literals or ():
                masks[lit] = masks.get(lit, 0) | 1 << k
        self.literals = list(masks)
        self.masks = [masks[lit] for lit in self.literals]
        # Overlapping matches: a literal inside another one ("work" in "workforce") counts too.
        self.automaton = ahocorasick_rs.AhoCorasick(self.literals) if self.literals else None

    def found(self, lower: str) -> int:
        """The bits of the lists of which a literal occurs in `lower` (a lower-cased text)."""
        if self.automaton is None:
            return 0
        mask = 0
        for k in {k for k, _, _ in self.automaton.find_matches_as_indexes(lower,
                                                                          overlapping=True)}:
            mask |= self.masks[k]
        return mask


def _starts(firsts: list[set[str] | None], extra: str = "") -> str:
    """A look-ahead for the first character of a scan's alternatives (empty when one of them
    can start with any character). Scans consume a separator first; testing the next character
    against one class rejects most separators (spaces) at once, where the engine would
    otherwise try every alternative, and their look-behinds, at each of them."""
    if any(f is None for f in firsts):
        return ""
    return "(?=" + char_class(set().union(*(f for f in firsts if f is not None)), extra) + ")"


class Lexicon:
    """Everything one language needs, compiled."""

    def __init__(self, code: str, data: dict[str, Any]) -> None:
        self.code = code
        bounded = bool(data.get("word_boundaries", True))
        self.bounded = bounded
        nums: dict[str, Any] = data.get("numbers") or {}

        def rx(terms: Iterable[str], left: bool | None = None, right: bool | None = None) -> str:
            return terms_regex(terms, bounded, left, right)

        # --- numbers -------------------------------------------------------------------------
        # Without a language's conventions, a mark before three digits groups thousands and
        # any other mark is the decimal one ("1,500" and "1.500" = 1500, "3,50" = 3.5).
        self.decimal = "".join(_list(nums.get("decimal"))) or ".,"
        group = _list(nums.get("group")) if "group" in nums else [",", "."]
        self.group = "".join(group)
        self.compound = bool(nums.get("compound", False))
        words: dict[str, Word] = {}
        for value, forms in (nums.get("words") or {}).items():
            for f in _list(forms):
                words[f.lower()] = Word(NUM, float(value))
        for f, v in (nums.get("multipliers") or {}).items():
            words[str(f).lower()] = Word(MULT, float(v))
        for f, v in (nums.get("scales") or {}).items():
            words[str(f).lower()] = Word(SCALE, float(v))
        # Articles that mean "one" ("a day off") are not scanned as numbers (they are
        # everywhere); the word events look for them right before a day word (article_day).
        for f, v in (nums.get("word_ranges") or {}).items():
            lo, hi = (float(x) for x in v)
            words[str(f).lower()] = Word(RANGE, lo, hi)
        joins = [j.lower() for j in _list(nums.get("compound_joiners"))]
        self.words = words
        self.suffix: dict[str, Word] = {}
        for f, v in (nums.get("suffix_multipliers") or {}).items():
            self.suffix[str(f)] = Word(MULT, float(v))
        for f, v in (nums.get("suffix_scales") or {}).items():
            self.suffix[str(f)] = Word(SCALE, float(v))
        self.suffix_order = sorted(self.suffix, key=len, reverse=True)
        # What `numbers.scan_numbers` read each atom other than bare digits as, by its
        # text: the same words and figures recur in every text.
        self.atom_cache: dict[tuple[str, str], Any] = {}

        dec = re.escape(self.decimal)
        grp = "".join(re.escape(g) for g in group)
        # No look-behind for the character before: the scan consumes it (see `sep` below), and
        # in languages with word boundaries that character is never a word character, so the
        # left boundaries of the words are left out too (look-behinds cost at every position).
        digits = r"(?:"
        if grp:
            digits += rf"\d{{1,3}}(?:[{grp}]\d{{3}})+(?![\d])(?:[{dec}]\d+)?|"
        digits += rf"\d+(?:[{dec}]\d+)?)(?![\d])"
        if self.suffix:
            # Scale letters glued to digits ("200만", "$5bn", "10k"); in languages with word
            # boundaries they must end the word ("5km" is no scale).
            sfx = "|".join(re.escape(s) for s in sorted(self.suffix, key=len, reverse=True))
            # Without word boundaries, digits may go on after a scale letter: "1천2백만".
            digits += (f"(?:(?:{sfx})+(?![^\\W\\d_]))?" if bounded
                       else f"(?:(?:{sfx})+(?:\\d+(?:{sfx})+)*)?")
        word_forms = [f for f, w in words.items() if w.kind != JOIN]
        right_space = nums.get("word_right_boundary") == "space"
        if bounded:
            wrx = terms_regex(word_forms, True, left=False)
        else:
            wrx = r"(?<![\w])" + terms_regex(word_forms, False) + (r"(?!\S)" if right_space
                                                                   else r"(?!\w)")
        parts = [f"(?P<d>{digits})", f"(?P<w>{wrx})"]
        # Glued compounds (nl "honderdvijftigduizend", de "dreiundzwanzig"): the morphemes,
        # including forms that only occur inside a compound ("een" in "eenentwintig"), and
        # multipliers and scales of compounds alone (ko "이백오십만": 2 백 5 십 만). With
        # compound_words: false the number words are no morphemes (ko: the native numerals
        # do not mix with the Sino-Korean ones).
        self.morphs: dict[str, Word] = {
            f: w for f, w in words.items() if w.kind in (NUM, MULT, SCALE)
        } if nums.get("compound_words", True) else {}
        # The end of a compound: the end of a word, or (compound_right: follower, ko "오십명",
        # "이백만원", where nothing ends the number) where a unit, currency, percent, period or
        # count noun follows, or the next number of a range or of a spaced-out one ("삼억
        # 오천만"); filled in once those patterns exist (see `prefilters`).
        compound_part = ""
        if self.compound:
            only = nums.get("compound_only") or {}
            for f, v in only.items():
                self.morphs[str(f).lower()] = Word(NUM, float(v))
            for f, v in (nums.get("compound_multipliers") or {}).items():
                self.morphs[str(f).lower()] = Word(MULT, float(v))
            for f, v in (nums.get("compound_scales") or {}).items():
                self.morphs[str(f).lower()] = Word(SCALE, float(v))
            for j in joins:
                self.morphs[j] = Word(JOIN, 0.0)
            m = terms_regex([f for f, w in self.morphs.items() if w.kind != JOIN], False)
            c = terms_regex(joins, False) if joins else r"(?!x)x"
            left = "" if bounded else r"(?<!\w)"
            compound_part = rf"(?P<c>{left}{m}(?:{c}?{m})+"
            self.morph_rx: re.Pattern[str] | None = re.compile(
                terms_regex(list(self.morphs), False))
        else:
            self.morph_rx = None
        compound_right = str(nums.get("compound_right", "word"))
        if compound_right not in ("word", "follower"):
            raise ValueError(f"numbers.compound_right: word or follower, not {compound_right!r}")
        # Fractions are number-like phrases of their own ("a quarter", "la moitié").
        fr = nums.get("fractions") or {}
        self.fractions = {str(k).lower(): float(v) for k, v in fr.items() if v is not None}
        # The scan consumes the character before a number (a text is scanned with a space in
        # front): a pattern that starts with a character class lets the regex engine skip
        # through the text quickly, where a look-behind would be tried at every position.
        sep = r"[^\w.,:]" if bounded else r"[^\d.,:A-Za-z_]"
        morph_firsts = first_chars(f for f, w in self.morphs.items() if w.kind != JOIN)
        atom_head = sep + _starts(
            [first_chars(word_forms), morph_firsts if self.compound else set()], r"\d")
        joiners = _list(nums.get("joiners"))
        self.joiner_firsts = first_chars(joiners)
        # What may follow a number that another joins (`numbers._may_join`): a hyphen, a joiner
        # word after a space, or, after spaces alone, the next number itself.
        atom_firsts = union(first_chars(word_forms), morph_firsts if self.compound else set())
        self.join_firsts = None if atom_firsts is None or self.joiner_firsts is None else (
            atom_firsts | self.joiner_firsts)
        self.joiner_rx = re.compile(
            r"\s*|\s*[-‐‑]\s*" + (r"|\s+" + rx(joiners) + r"\s+" if joiners else ""))

        # --- ranges, approximations ----------------------------------------------------------
        ranges = data.get("ranges") or {}
        signs = _list(data.get("range_signs"))
        sign_rx = "|".join(re.escape(s) for s in signs) or r"(?!x)x"
        infix = _list(ranges.get("infix"))
        self.range_sign_rx = re.compile(rf"\s*(?:{sign_rx})\s*")
        self.range_rx = re.compile(
            rf"\s*(?:{sign_rx})\s*" + (rf"|\s*,?\s+{rx(infix)}\s+" if infix else ""))
        def pairs(key: str) -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
            out = []
            for pair in ranges.get(key) or []:
                a, b = _list(pair)[:2]
                # A currency may stand between the first word and the number: "between
                # USD 50 and 500" (a symbol, or an upper-case code).
                out.append((re.compile(rx([a]) + r"\s+(?:[^\w\s]{1,3}\s*|[A-Z]{2,3}\$?\s*)?$"),
                            re.compile(r"\s+" + rx([b]) + r"\s+")))
            return out

        self.circumfix = pairs("circumfix")
        self.money_circumfix = pairs("money_circumfix")
        # The first non-space character of a gap between two numbers that range_rx, a
        # circumfix or a comma can join (numbers._range tests it before any of them).
        sign_firsts = literal_firsts(signs)
        self.range_gap_firsts = union(
            sign_firsts, {","}, first_chars(infix),
            *(first_chars(_list(pair)[1:2]) for pair in ranges.get("circumfix") or []))
        after = _list(ranges.get("afterthought"))
        self.afterthought = re.compile(rf"\s*,?\s*(?:{rx(after)})\s+") if after else None
        self.approx = rx(_list(data.get("approx")))
        self.approx_after = rx(_list(data.get("approx_after")), left=False)
        apx = rf"(?:{self.approx}\s*)*"

        # --- units, periods ------------------------------------------------------------------
        # Two mappings of words to values stand among the units, and are no unit words after a
        # number: day_words (ko "이틀" = 2 days) and year_words, lengths said without a number
        # ("for a year", "на полгода") in years.
        units = _groups(data.get("units"))
        raw_units = data.get("units")
        if not isinstance(raw_units, Mapping):
            raw_units = {}
        self.day_words = {str(k).lower(): float(v)
                          for k, v in (raw_units.get("day_words") or {}).items()}
        self.year_words = {normalise(str(k)): float(v)
                           for k, v in (raw_units.get("year_words") or {}).items()}
        for key in ("day_words", "year_words"):
            units.pop(key, None)
        self.units = LabelledTerms(units, bounded, left=False)
        self.unit_after = re.compile(
            rf"[\s‐‑-]*(?:{self.approx_after}\s*)?(?P<u>{self.units.rx})")
        day_words_rx = terms_regex(self.day_words, False)
        self.periods = LabelledTerms(_groups(data.get("periods")), bounded)
        # Possessive quantifiers (*+, ++) where giving characters back can never help (a word
        # of filler ends where a space starts; what follows a space never starts with one):
        # the same matches, with less backtracking.
        self.period_after = re.compile(
            rf"\s*+{repeat(FILLER_SPACE, 0, 2, lazy=True)}(?P<per>{self.periods.rx})")
        # "$150 (£110) a month": a converted amount in brackets between an amount and its
        # period.
        self.aside = re.compile(r"\s*\([^()\n]{1,40}\)")
        self.period_direct = re.compile(rf"\s*,?\s*(?P<per>{self.periods.rx})")
        self.periods_rx = re.compile(self.periods.rx)
        self.period_nouns = LabelledTerms(_groups(data.get("period_nouns")), bounded)
        self.period_noun_rx = re.compile(self.period_nouns.rx)
        self.period_prefix = LabelledTerms(_groups(data.get("period_prefix")), bounded)
        self.period_prefix_any = re.compile(self.period_prefix.rx)
        # Patterns ending in \Z are searched in a short window that ends where a number starts.
        # A period word glued to a digit is a date ("4월"), not a period ("월 400달러").
        self.period_prefix_rx = re.compile(
            rf"(?<!\d)(?P<per>{self.period_prefix.rx})\s*{apx}\Z") if self.period_prefix else None
        self.period_before_rx = re.compile(rf"(?P<per>{self.periods.rx})\s+{apx}\Z")
        self.approx_to_digit = re.compile(rf"\s*{apx}(?=\d)")
        self.day_nouns_rx = re.compile(
            rf"{rx(_list(data.get('day_nouns')))}\s+(?:{rx(_list(data.get('of_words')))}\s+)?"
            rf"{apx}\Z")
        self.day_noun_after = re.compile(rf"[\s‐‑-]*{rx(_list(data.get('day_nouns')))}")
        self.week_nouns_rx = re.compile(
            rf"{rx(_list(data.get('week_nouns')))}\s+(?:{rx(_list(data.get('of_words')))}\s+)?"
            rf"{apx}\Z")
        self.week_noun_after = re.compile(rf"[\s‐‑-]*{rx(_list(data.get('week_nouns')))}")

        # "a day off", "ein Tageslohn": an article meaning one before a day word.
        day_like = [t for k in ("day", "day_pay", "holiday") for t in self.units.groups.get(k, [])]

        # --- clock times ---------------------------------------------------------------------
        clock = data.get("clock") or {}
        self.clock_marks = LabelledTerms(
            {"am": _list(clock.get("am")), "pm": _list(clock.get("pm")),
             "night": _list(clock.get("night"))}, bounded, left=False)  # "6am"
        oclock = rx(_list(clock.get("oclock")), left=False)
        oclock_after = rx(_list(clock.get("oclock_after")), left=False)
        self.clock_tail = re.compile(
            r"(?:[:.h](?P<mm>[0-5]\d)(?!\d))?\s*"
            rf"(?P<oc>{oclock})?\s*(?:{oclock_after}\s*)?(?P<mark>{self.clock_marks.rx})?")
        self.clock_prefix = LabelledTerms(
            {"am": _list(clock.get("am_prefix")), "pm": _list(clock.get("pm_prefix")),
             "night": _list(clock.get("night_prefix"))}, bounded)
        self.clock_prefix_rx = (re.compile(rf"(?P<mark>{self.clock_prefix.rx})\s*\Z")
                                if self.clock_prefix else None)
        self.clock_prefix_any = re.compile(self.clock_prefix.rx)
        self.clock_words = LabelledTerms(
            {"24": _list(clock.get("midnight")), "12": _list(clock.get("noon"))}, bounded)
        self.clock_word_rx = re.compile(self.clock_words.rx)
        self.clock_from_rx = re.compile(rf"{rx(_list(clock.get('from')))}\s+{apx}$")
        to = _list(clock.get("to"))
        from_suffix = _list(clock.get("from_suffix"))
        to_prefix = self.clock_prefix.rx if self.clock_prefix else r"(?!x)x"
        self.clock_gap_rx = re.compile(
            rf"\s*(?:{rx(from_suffix, left=False)})?\s*,?\s*(?:{rx(to)}\s*)?{apx}"
            rf"(?:{to_prefix}\s*)?")
        self.clock_to_rx = re.compile(rx(to))
        # "waking at 6am and ... until 2am": the start of the day, then work until a time.
        day_start, until = _list(clock.get("day_start")), _list(clock.get("until"))
        self.day_start_rx = re.compile(rx(day_start)) if day_start else None
        self.until_rx = re.compile(rf"{rx(until)}\s*") if until else None
        # "6am-10pm", "07:00–22:00", "7시~23시": two clock times joined by a range sign.
        self.clock_sign_rx = re.compile(rf"\s*(?:{sign_rx})\s*(?:{to_prefix}\s*)?")
        self.clock_from_suffix_rx = re.compile(rx(from_suffix, left=False))
        # What can follow a start time in clock_sign_rx or in a non-blank clock_gap_rx, and
        # what can follow its number at all (also clock_tail: minutes, o'clock, am/pm).
        self.clock_gap_firsts = union(
            sign_firsts, {","}, first_chars(from_suffix), first_chars(to),
            first_chars(_list(data.get("approx"))),
            first_chars(t for ts in self.clock_prefix.groups.values() for t in ts))
        self.clock_next_firsts = union(
            self.clock_gap_firsts, {":", ".", "h"}, first_chars(_list(clock.get("oclock"))),
            first_chars(_list(clock.get("oclock_after"))),
            first_chars(t for ts in self.clock_marks.groups.values() for t in ts))
        # What must follow an hour for `worktime.clock_ranges` to read on: minutes, o'clock or
        # a part of the day (a clock tail, after which the rule looks again), or else right
        # after it a range sign or a word that makes the gap to a second time (clock_sign_rx,
        # or a clock_gap_rx match that is not blank).
        self.clock_next = re.compile(
            rf"[:.h][0-5]\d(?!\d)|\s*(?:{oclock}|(?:{oclock_after}\s*)?{self.clock_marks.rx}"
            rf"|{sign_rx}|{rx(from_suffix, left=False)}|,|{rx(to)}|{self.approx}|{to_prefix})")

        # --- weekdays ------------------------------------------------------------------------
        self.weekdays = LabelledTerms(_groups(data.get("weekdays")), bounded)
        wd = self.weekdays.rx
        wfrom = rx(_list(data.get("weekday_from")))
        wto = rx(_list(data.get("weekday_to")), left=False)
        wfrom_suffix = rx(_list(data.get("weekday_from_suffix")), left=False)
        # Words found by one pass over the text ("events"): weekday names, fractions ("a
        # quarter"), an article before a day word ("a day"), day words (ko "이틀"). Each
        # starts a word; the scan runs over " " + text and consumes the character before,
        # which is no word character: left word boundaries go without saying.
        weekday_terms = [t for ts in self.weekdays.groups.values() for t in ts]
        scan_wd = terms_regex(weekday_terms, bounded, left=False)
        fraction_words = rx(self.fractions, left=False)
        article_day = (rf"{terms_regex(_list(nums.get('one_articles')), bounded, left=False)}"
                       rf"\s+(?P<u>{terms_regex(day_like, bounded)})")
        year_words_rx = (terms_regex(list(self.year_words), bounded, left=False)
                         if self.year_words else r"(?!x)x")
        event_starts = _starts([first_chars(weekday_terms),
                                first_chars(self.fractions),
                                first_chars(_list(nums.get("one_articles"))),
                                first_chars(self.day_words),
                                first_chars(self.year_words)])
        # Year words first: Korean "일 년" (one year) begins with "일", Sunday for short.
        self.events_rx = re.compile(
            rf"[^\w]{event_starts}(?:(?P<year_word>{year_words_rx})|(?P<weekday>{scan_wd})|"
            rf"(?P<fraction>{fraction_words})|(?P<article_day>{article_day})|"
            rf"(?P<day_word>{day_words_rx}))")
        # "from Monday to Saturday", "de lunes a sábado", "월요일부터 토요일까지".
        self.weekday_range_rx = re.compile(
            rf"(?:{wfrom}\s+)?(?P<a>{wd})\s*(?:(?:{wfrom_suffix})\s*(?:{wto})?|(?:{wto}))\s*"
            rf"(?P<b>{wd})")

        # --- persons -------------------------------------------------------------------------
        bridges = rx(_list(data.get("count_bridges")))
        fillers = int(data.get("count_fillers", 2))
        link = rx(_list(data.get("number_link")), right=False)
        self.persons_after = re.compile(
            rf"\s*+(?:{self.approx_after}\s*+)?(?:{bridges}\s++)?(?:{link}\s*+)?"
            + repeat(FILLER_SPACE, 0, fillers, lazy=True) +
            rf"(?P<n>{rx(_list(data.get('persons')), left=False)})")
        self.persons_generic = re.compile(rx(_list(data.get("persons_generic")), left=False))
        cap = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’‐‑-]*+\s++"
        self.count_verb_after = re.compile(
            rf"\s++{repeat(cap, 1, 3)}{rx(_list(data.get('count_verbs')))}")
        self.count_before = re.compile(
            rf"{rx(_list(data.get('count_before')))}\s+(?:{self.approx}\s*)*\Z")
        ratio = rx(_list(data.get("ratio_joiners")), left=False)
        self.ratio_gap = re.compile(rf"\s*(?:{ratio})\s*")
        self.ratio_firsts = first_chars(_list(data.get("ratio_joiners")))

        # --- money ---------------------------------------------------------------------------
        self.currencies = LabelledTerms(_groups(data.get("currencies")), bounded, left=False)
        sym_groups = _groups(data.get("currency_symbols"))
        # Symbols match exactly as written ("Rs" is not "rs"), may touch the digits ("Rs500"),
        # and when they are letters they must start a word ("RM 1,500", not "farm 1,500").
        self.symbols = LabelledTerms(sym_groups, True, right=False, cased=True)
        codes = _list(data.get("currency_codes"))
        self.codes = set(codes)
        self.code_alias = {str(k): str(v) for k, v in (data.get("currency_aliases") or {}).items()}
        code_rx = r"(?<![A-Za-z])" + terms_regex(codes, False) + r"(?![A-Za-z])" \
            if codes else r"(?!x)x"
        link = rx(_list(data.get("number_link")))
        self.money_after = re.compile(
            rf"\s*(?:{self.approx_after}\s*)?(?:{link}\s*)?"
            rf"(?P<cur>{self.currencies.rx}|(?-i:{code_rx})|{self.symbols.rx})")
        self.money_before = re.compile(rf"(?P<cur>{self.symbols.rx}|(?-i:{code_rx}))\s?\Z")
        self.currency_context: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for base, alts in (data.get("currency_context") or {}).items():
            self.currency_context[str(base)] = [
                (str(code), re.compile(terms_regex(_list(ws), True)))
                for code, ws in (alts or {}).items()]
        self.usd = {str(k): float(v) for k, v in (data.get("usd_per_unit") or {}).items()}
        self.percent_after = re.compile(
            rf"\s*(?:{rx(_list(data.get('percent')), left=False)})")

        # --- dates and ages (numbers that are never quantities) ------------------------------
        self.month_names = rx(_list(data.get("months")))
        self.date_after = re.compile(
            rf"\s*(?:{self.month_names}|{rx(_list(data.get('date_after')), left=False)})")
        self.date_before = re.compile(
            rf"(?:{self.month_names}|\d\s*{rx(_list(data.get('date_after')), left=False)})\s*$")
        cues = data.get("cues") or {}
        self.age_after = re.compile(rf"[\s‐‑-]*{rx(_list(cues.get('age')), left=False)}")
        self.age_before = re.compile(rf"{rx(_list(cues.get('age_before')))}\s*$")
        # The tests of `Doc.is_date_or_age` with fewer regex calls: one look at what follows
        # for both, and the searches before the number only where the text there (spaces
        # aside) ends as a month, a date word or an age word can.
        self.date_age_after = re.compile(
            f"(?:{self.date_after.pattern})|(?:{self.age_after.pattern})")
        self.date_before_tails = literal_tails(
            _list(data.get("months")) + _list(data.get("date_after")))
        self.age_before_tails = literal_tails(_list(cues.get("age_before")))
        self.pay_after = re.compile(
            rf"(?:['’]s?)?\s*(?:{rx(_list(data.get('pay_links')), left=False)}\s*)?"
            rf"{rx(_list(cues.get('pay_nouns')), left=False)}")
        self.pay_before = re.compile(
            rf"{rx(_list(cues.get('pay_nouns')))}\s+(?:{rx(_list(data.get('pay_links')))})\s+"
            rf"{apx}$")

        # --- cue families --------------------------------------------------------------------
        self.cues: dict[str, re.Pattern[str]] = {
            name: re.compile(rx(_list(terms))) for name, terms in cues.items()}
        self.work_window = int(data.get("work_window", 3))
        self.work_window_before = int(data.get("work_window_before", self.work_window))
        self.contract_window = int(data.get("contract_window", 40))
        self.expense_side = str(data.get("expense_side", "after"))
        # The currency that speech in this language leaves out ("получал 30 тысяч в месяц").
        self.default_currency: str | None = data.get("default_currency")

        # --- prefilters ----------------------------------------------------------------------
        # Most numbers of a text (scores, temperatures, "in the last ten minutes") have nothing
        # next to them that a rule reads, and most word families are absent from most texts.
        # What follows is only ever a necessary condition, so that the rules can skip what
        # these say cannot matter; `Doc(prefilter=False)` reads everything, and the tests
        # compare both ways.
        #
        # What any per-number rule looks for right after a number: a unit, a currency, a
        # percent sign, a period, a count noun or a count verb. The number scan tests it (in
        # the regex engine) at the end of every number it finds, as the group `hot`.
        followers = (self.unit_after, self.money_after, self.percent_after, self.period_direct,
                     self.persons_after, self.count_verb_after)
        follow = "|".join(strip_names(p.pattern) for p in followers)
        flags = "(?:(?=(?P<hot>" + follow + "))|)"
        if compound_part:
            if compound_right == "follower":
                next_num = rf"(?:\s+|{strip_names(self.range_rx.pattern)}){m}"
                compound_part += rf"(?=(?:{follow})|{next_num}))"
            else:
                compound_part += r"(?!\w))"
            parts.insert(0, compound_part)
        atom_body = "(?:" + "|".join(parts) + ")"
        self.atom_rx = re.compile(atom_head + atom_body)
        # A character after the number with which a range can go on.
        if self.range_gap_firsts is not None:
            flags += rf"(?:(?=(?P<rng>\s*{char_class(self.range_gap_firsts)}))|)"
        # What may follow a number that the next one joins ("one hundred", "5 millions").
        if self.join_firsts is not None:
            joiner, next_num = char_class(self.joiner_firsts or set()), char_class(
                self.join_firsts, r"\d")
            flags += rf"(?:(?=(?P<join>\s*[-‐‑]|\s+{joiner}|\s*{next_num}))|)"
        self.scan_rx = re.compile(atom_head + atom_body + flags)
        # How a currency written before an amount can end ("$", "Rs", "USD"): most numbers
        # follow a word that ends otherwise, and skip the search for `money_before`
        # (`numbers._currency_may_precede`).
        self.money_before_tails = union(
            literal_tails(_list(data.get("currency_codes"))),
            literal_tails([t for ts in sym_groups.values() for t in ts], cased=True))
        # How the text before a number can end (spaces aside) where a pattern searched there by
        # `Doc.prefix` ("term\\s*{approx}\\Z") can match: the search runs only then.
        approx = _list(data.get("approx"))
        of_words = _list(data.get("of_words"))

        def ends(*lists: list[str]) -> set[str] | None:
            return union(*(literal_tails(terms) for terms in lists))

        def terms_of(labelled: LabelledTerms) -> list[str]:
            return [t for ts in labelled.groups.values() for t in ts]

        # Keyed by id(): hashing a compiled pattern hashes all of its code, every time.
        self.prefix_tails: dict[int, set[str] | None] = {
            id(self.money_before): self.money_before_tails,
            id(self.period_before_rx): ends(terms_of(self.periods), approx),
            id(self.day_nouns_rx): ends(_list(data.get("day_nouns")), of_words, approx),
            id(self.week_nouns_rx): ends(_list(data.get("week_nouns")), of_words, approx),
            id(self.count_before): ends(_list(data.get("count_before")), approx),
        }
        if self.period_prefix_rx is not None:
            self.prefix_tails[id(self.period_prefix_rx)] = ends(terms_of(self.period_prefix),
                                                                approx)
        if self.clock_prefix_rx is not None:
            self.prefix_tails[id(self.clock_prefix_rx)] = ends(terms_of(self.clock_prefix))
        # Word lists without which a whole rule finds nothing (contract or work words for the
        # lengths of contracts, a penalty word for days of pay docked, ...), or that are
        # otherwise scanned for over the whole text: `Doc.mentions(name)` tells, from one
        # Aho-Corasick pass over the lower-cased text, whether one of them can occur.
        lists = {f"cue.{name}": _list(cues.get(name)) for name in GATED_CUES}
        lists.update(count_before=_list(data.get("count_before")), day_start=day_start,
                     until=until, period_nouns=terms_of(self.period_nouns))
        self.gates = Gates(lists)


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of `lang` (a code such as "en" or "pt-BR"; unknown codes get common)."""
    code = (lang or "").lower().replace("_", "-").split("-")[0]
    common = _read("common")
    own = _read(code) if code and code != "common" else {}
    try:
        return Lexicon(code or "xx", _merge(common, own))
    except ValueError as e:
        raise ValueError(f"unfree/lang/{code}/facts.yaml over lang/common/facts.yaml: {e}") from e
