"""The fast paths of the facts stage give the same facts as reading everything.

`Doc(prefilter=True)` (what `extract_facts` uses) lets the rules skip numbers and word lists that
cheap tests rule out: flags the number scan sets (`Num.hot`, `Num.rng`), the literal ends of the
patterns searched before a number (`Lexicon.prefix_tails`), and the literals of the word lists a
rule cannot do without (`Lexicon.gates`). Each test is only ever a necessary condition. Here the
texts of the repository (samples, written corpora, the sentences of test_facts.py, a generated
benchmark corpus, and all of them with numbers of other sizes) are read both ways, and each
necessary condition is checked against the pattern it stands for. Speed is measured in bench/
(facts_speed.py, facts_equality.py), never here.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from unfree.facts.extract import extract
from unfree.facts.lexicon import GATED_CUES, Lexicon, lexicon
from unfree.facts.numbers import Num, merge_ranges, scan_numbers
from unfree.facts.patterns import (
    first_nonspace,
    literal_tails,
    may_end_with,
    repeat,
    required_literals,
    terms_regex,
)
from unfree.ingest import IngestError, iter_documents
from unfree.language import detect_language

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "nl", "de", "fr", "es", "ru", "ko")


def _bench_corpus(kb: int, relevant: float, seed: int) -> list[str]:
    """Documents of bench/throughput.py's generator (fixed seed)."""
    spec = importlib.util.spec_from_file_location("bench_throughput",
                                                  ROOT / "bench" / "throughput.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_throughput", module)
    spec.loader.exec_module(module)
    return [d.text for d in module.build_corpus(kb / 1000, relevant=relevant, seed=seed)]


def _renumbered(text: str, rng: random.Random) -> str:
    """`text` with every digit run replaced by a number of another size: hours, years,
    thousands, decimals (the rules have thresholds the samples do not all reach)."""
    def number(_: re.Match[str]) -> str:
        return rng.choice([str(rng.randint(1, 24)), str(rng.randint(1900, 2100)),
                           str(rng.randint(100, 999_999)), f"{rng.randint(1, 999)}.5",
                           f"{rng.randint(1, 99)},{rng.randint(100, 999)}", "0"])
    return re.sub(r"\d+", number, text)


@cache
def _texts() -> tuple[tuple[str, str], ...]:
    """(text, lang) of every text in the repository that the stage reads, and more."""
    out: list[tuple[str, str]] = []
    for item in iter_documents([str(ROOT / "samples")]):
        if not isinstance(item, IngestError) and item.text:
            out.append((item.text, item.lang or detect_language(item.text)))
    for path in sorted((ROOT / "tests" / "data").glob("written_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                out.append((record["text"], record.get("lang") or detect_language(record["text"])))
    facts_tests = importlib.util.spec_from_file_location("facts_cases",
                                                         ROOT / "tests" / "test_facts.py")
    assert facts_tests is not None and facts_tests.loader is not None
    cases = importlib.util.module_from_spec(facts_tests)
    facts_tests.loader.exec_module(cases)
    out.extend((text, lang) for lang, text, *_ in [*cases.CASES, *cases.NEGATIVES])
    rng = random.Random(3)
    out.extend((_renumbered(text, rng), lang) for text, lang in list(out))
    for relevant, seed in ((0.2, 21), (1.0, 22)):
        out.extend((t, detect_language(t)) for t in _bench_corpus(150, relevant, seed))
    return tuple(out)


def _readings() -> list[tuple[str, str]]:
    """Every text in its own language, and the repository's own texts in two others: a text
    read with another lexicon goes through other branches of the grammar."""
    out = list(_texts())
    for k, (text, lang) in enumerate(_texts()[:120]):
        others = [c for c in (*LANGS, "it") if c != lang]
        out.extend((text, others[(k + j) % len(others)]) for j in (0, 3))
    return out


def test_the_prefilter_changes_no_fact() -> None:
    differ = []
    for text, lang in _readings():
        lex = lexicon(lang)
        if extract(text, lex, prefilter=True) != extract(text, lex, prefilter=False):
            differ.append((lang, text[:80]))
    assert not differ, differ[:5]


def test_the_prefilter_does_skip_numbers() -> None:
    # Not a speed test: the fast path must be taken at all, or the test above proves nothing.
    text = ("The museum reopened after 14 months; 25 people queued at 9 and the home side won "
            "3 to 1. Tickets cost 12 euros.")
    nums = scan_numbers(text, lexicon("en"))
    assert [n.low for n in nums if n.hot] == [14, 25, 12]
    assert [n.low for n in nums if not n.rng] == [14, 25, 1, 12]  # "9 and": between 9 and 10
    assert all(n.hot and n.rng for n in scan_numbers(text, lexicon("en"), flags=False))


def test_the_scan_finds_the_same_numbers_with_its_flags() -> None:
    # The flags ride on the number scan (look-aheads at the end of each number, and `join`
    # deciding when to try joining two atoms): the numbers themselves must not change.
    def plain(nums: list[Num]) -> list[tuple[object, ...]]:
        return [(n.start, n.end, n.low, n.high, n.spelled, n.plain, n.scale, n.parts)
                for n in nums]

    for text, lang in _readings():
        lex = lexicon(lang)
        assert plain(scan_numbers(text, lex, flags=True)) == plain(
            scan_numbers(text, lex, flags=False)), (lang, text[:80])


def _numbers(lex: Lexicon, text: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, hot, rng) of the numbers of `text`, scanned and joined into ranges."""
    nums = scan_numbers(text, lex)
    return [(n.start, n.end, n.hot, n.rng) for n in [*nums, *merge_ranges(text, nums, lex,
                                                                           set())]]


def test_a_cold_number_is_one_no_rule_reads() -> None:
    # Num.hot False: no unit, currency, percent, period, count noun or count verb after it,
    # and no currency before it. Num.rng False: nothing after it can join a range.
    for text, lang in _texts():
        lex = lexicon(lang)
        followers = (lex.unit_after, lex.money_after, lex.percent_after, lex.period_direct,
                     lex.persons_after, lex.count_verb_after)
        for start, end, hot, rng in _numbers(lex, text):
            if not hot:
                assert not any(p.match(text, end) for p in followers), (lang, text[start:end + 30])
                assert not lex.money_before.search(text, max(0, start - 8), start), (
                    lang, text[max(0, start - 8):end])
            if not rng and lex.range_gap_firsts is not None:
                assert first_nonspace(text, end, len(text)) not in lex.range_gap_firsts


def test_prefix_searches_are_skipped_only_where_they_find_nothing() -> None:
    for text, lang in _texts():
        lex = lexicon(lang)
        patterns = [p for p in (lex.money_before, lex.period_before_rx, lex.period_prefix_rx,
                                lex.day_nouns_rx, lex.week_nouns_rx, lex.count_before,
                                lex.clock_prefix_rx) if p is not None]
        for start, _, _, _ in _numbers(lex, text):
            for p in patterns:
                lo = max(0, start - 50)
                if p.search(text, lo, start):
                    assert may_end_with(text, lo, start, lex.prefix_tails[id(p)]), (
                        lang, p.pattern[:40], text[lo:start])
            # The same for the dates and ages before a number (Doc.is_date_or_age).
            for p, tails, width in ((lex.date_before, lex.date_before_tails, 15),
                                    (lex.age_before, lex.age_before_tails, 25)):
                lo = max(0, start - width)
                if p.search(text, lo, start):
                    assert may_end_with(text, lo, start, tails), (lang, text[lo:start])


def test_a_word_list_is_gated_off_only_where_it_matches_nothing() -> None:
    assert {f"cue.{name}" for name in GATED_CUES} < set(lexicon("en").gates.terms)
    for text, lang in _texts():
        lex = lexicon(lang)
        found = lex.gates.found(text.lower())
        for name, terms in lex.gates.terms.items():
            bit = lex.gates.bits[name]
            if bit and not found & bit:
                # Without word boundaries: the rules' patterns match a part of this at most.
                assert not re.search(terms_regex(terms, False), text), (lang, name)


@pytest.mark.parametrize(("terms", "text"), [
    (["worker*", "people", "round-the-clock", "d'ouvriers", "Rs."],
     "Some Workers, PEOPLE and workmen worked round‐the‐clock; d’ouvriers paid RS. 50."),
    (["Straße", "zwölf Stunden", "*lohn"], "STRASSE, straße, zwölf   Stunden, Stundenlohn"),
    (["часов", "выходных"], "ЧАСОВ и Выходных"),
    (["시간", "하루"], "하루 12시간"),
])
def test_every_match_contains_a_required_literal_and_ends_as_a_tail(terms: list[str],
                                                                    text: str) -> None:
    rx = re.compile(terms_regex(terms, False))
    literals, tails = required_literals(terms), literal_tails(terms)
    matches = list(rx.finditer(text))
    assert matches
    for m in matches:
        if literals is not None:
            assert any(lit in m.group().lower() for lit in literals), m.group()
        if tails is not None:
            assert may_end_with(text, m.start(), m.end(), tails), m.group()
    assert required_literals(["*"]) == ("*",) and required_literals(["-"]) is None
    assert not may_end_with("the cat ", 0, 8, {"dog", "og"})


@pytest.mark.parametrize(("least", "most", "lazy"), [(0, 2, True), (1, 3, False), (0, 0, True)])
def test_a_written_out_repeat_matches_like_the_counted_one(least: int, most: int,
                                                           lazy: bool) -> None:
    piece = r"[a-z]+\s+"
    counted = re.compile(f"(?:{piece}){{{least},{most}}}{'?' if lazy else ''}(?:end|x)")
    written = re.compile(repeat(piece, least, most, lazy) + "(?:end|x)")
    for text in ("a b c end", "a end", "end", "a b c d e end x", "word x end", "x"):
        assert [m.span() for m in counted.finditer(text)] == \
            [m.span() for m in written.finditer(text)], text
