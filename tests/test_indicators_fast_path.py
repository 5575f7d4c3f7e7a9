"""The indicator stage's fast paths change no result.

`find_indicators` tokenizes sentence by sentence, walks the trie only from tokens that begin
a term (through caches that are emptied when full), skips sentences whose concepts fill no
rule and the hits no remaining rule reads, and works out clauses and token offsets only for a
veto that asks. Its plain form (`_find(..., plain=True)`) does none of that. Both must give
the same findings on every text the project has: the samples, the written gold files, the
shared corpus when it is beside the checkout, documents shuffled together from all of them
and from the benchmark's everyday news with a fixed seed, and variants of each that stress
segmentation and offsets. The segmenter's and the language detector's faster forms are held
to the plain regular expressions they replace.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import pytest

from unfree import language, segment
from unfree.data import load_yaml
from unfree.facts import extract_facts
from unfree.indicators import _find
from unfree.indicators import lexicon as lexicon_module
from unfree.ingest import IngestError, iter_documents
from unfree.language import SUPPORTED, detect_language

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"


def _repo_texts() -> list[tuple[str, str]]:
    """(text, language) of every document of the samples, the written gold files and, when
    present, the shared corpus; the language as given, else detected."""
    inputs = [str(ROOT / "samples"), *map(str, sorted((ROOT / "tests" / "data").glob("*.jsonl")))]
    inputs += [str(p) for p in sorted(SHARED.glob("*.jsonl"))]
    docs = [d for d in iter_documents(inputs) if not isinstance(d, IngestError)]
    return [(d.text, d.lang or detect_language(d.text)) for d in docs]


def _shuffled(texts: list[tuple[str, str]], count: int, seed: int) -> list[tuple[str, str]]:
    """`count` documents of twelve sentences drawn, language by language, from `texts` and
    from the benchmark's everyday news (bench/filler.yaml), with fresh numbers."""
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for text, lang in texts:
        pools.setdefault(lang, []).extend(
            s for s in re.split(r"(?<=[.!?。])\s+|\n+", text) if len(s) > 20)
    filler = load_yaml((ROOT / "bench" / "filler.yaml").read_text(encoding="utf-8"))
    places = filler.pop("places")
    for lang, sentences in filler.items():
        pools.setdefault(lang, []).extend(s.replace("{place}", rng.choice(places))
                                          for s in sentences)
    langs = sorted(lang for lang in pools if lang in SUPPORTED)
    out = []
    for i in range(count):
        lang = langs[i % len(langs)]
        text = " ".join(rng.choice(pools[lang]) for _ in range(12))
        out.append((re.sub(r"\{n\}|\d+", lambda _m: str(rng.randint(2, 90)), text), lang))
    return out


def _variants(text: str) -> Iterator[str]:
    """The text as written, and forms that move sentence ends, letters and offsets."""
    yield text
    yield text.upper()
    yield text.replace(". ", ".\n")
    yield text.replace(" ", " İ", 3)  # "İ" grows when lower-cased: the offsets must hold
    yield text.replace(". ", "? ", 4)  # questions carry no finding
    yield text.replace(". ", " - ")  # one long sentence, cut into clauses


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    repo = _repo_texts()
    assert len(repo) >= 30
    return repo + _shuffled(repo, 210, seed=11)


def _same(text: str, lang: str) -> None:
    facts = extract_facts(text, lang)
    fast = _find(text, lang, facts, plain=False)
    assert fast == _find(text, lang, facts, plain=True), (lang, text[:200])
    for f in fast:
        assert text[f.start : f.end] == f.quote


def test_fast_and_plain_paths_find_the_same(texts: list[tuple[str, str]]) -> None:
    found = 0
    for text, lang in texts:
        for variant in _variants(text):
            _same(variant, lang)
        found += len(_find(text, lang, None, plain=False))
    assert found > 100  # the texts do hold findings: the comparison is not of empty lists


def test_every_language_reads_every_text_alike(texts: list[tuple[str, str]]) -> None:
    # A lexicon meeting another language's words: sentences with odd concept mixtures.
    for text, _ in texts[:: max(1, len(texts) // 40)]:
        for lang in SUPPORTED:
            _same(text, lang)


def test_the_scan_skips_no_term(texts: list[tuple[str, str]]) -> None:
    for text, lang in texts:
        lex = lexicon_module.load_lexicon(lang)
        assert lex is not None
        words = segment.TOKEN_RE.findall(text.lower())
        assert lex.scan(words) == lex.scan(words, every_token=True)


def test_full_caches_are_emptied_without_losing_a_term(
    texts: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # With caches of a few words, every scan fills and empties them many times over.
    monkeypatch.setattr(lexicon_module, "_STEP_CACHE_LIMIT", 7)
    for text, lang in texts[:60]:
        lex = lexicon_module.load_lexicon(lang)
        assert lex is not None
        words = segment.TOKEN_RE.findall(text.lower())
        assert lex.scan(words) == lex.scan(words, every_token=True)
        _same(text, lang)


def test_sentences_hold_the_texts_tokens(texts: list[tuple[str, str]]) -> None:
    # What sentence-by-sentence tokenizing rests on: no word straddles a sentence end, and
    # only spaces lie between sentences.
    for text, lang in texts:
        lex = lexicon_module.load_lexicon(lang)
        assert lex is not None
        for variant in _variants(text):
            lowered = variant.lower()
            if len(lowered) != len(variant):
                lowered = "".join(ch.lower()[0] for ch in variant)
            starts, ends = segment.sentence_bounds(variant, lex.abbreviations)
            per_sentence = chain.from_iterable(
                segment.TOKEN_RE.findall(lowered, a, b) for a, b in zip(starts, ends, strict=True))
            assert list(per_sentence) == segment.TOKEN_RE.findall(lowered)


# The segmenter as it was before its regular expressions were rewritten for speed.
_PLAIN_SENT_END_RE = re.compile(r"[.!?…。]+[\"'”’»)\]]*(?=\s)|\n+")
_PLAIN_CLAUSE_BREAK_RE = re.compile(r"[;:]\s|\s[—–]\s|\s-\s|\s(?=[\"“«„]\w)|(?<=\w)[\"”»](?=\s)")


def _plain_sentences(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0

    def append(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    for m in _PLAIN_SENT_END_RE.finditer(text):
        end = m.end()
        if m.group().rstrip("\"'”’»)]") == ".":
            word_start = text.rfind(" ", start, m.start()) + 1
            word = text[word_start : m.start()].lower().lstrip("(\"'“‘«")
            following = text[end : end + 3].lstrip()
            if word + "." in abbreviations or (
                following[:1].islower() and "\n" not in text[m.start() : end + 2]
            ):
                continue
        append(start, end)
        start = end
    append(start, len(text))
    return spans


def _random_texts(count: int, seed: int) -> Iterator[str]:
    """Short strings of the characters that sentence and clause ends are made of."""
    rng = random.Random(seed)
    pieces = [*"ab .!?…。\"'”’»)]\n\t\u00a0\u2028AZ(«“‘„;:—–-,x", "Mr.", "a.m.", " dr. ", "İ",
              "but ", "But ", " maar ", "Z.B. "]
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))


def test_the_segmenter_splits_as_its_plain_form(texts: list[tuple[str, str]]) -> None:
    abbreviations = frozenset().union(*(
        lex.abbreviations for lang in SUPPORTED if (lex := lexicon_module.load_lexicon(lang))))
    connectives = re.compile(r"(?:,\s*|\s)(?=(?:but|maar)\b)", re.IGNORECASE)
    samples = [v for text, _ in texts[:80] for v in _variants(text)]
    for text in chain(samples, _random_texts(20_000, seed=3)):
        for abbr in (abbreviations, frozenset()):
            spans = segment.sentences(text, abbr)
            assert [(s.start, s.end) for s in spans] == _plain_sentences(text, abbr), text
        for span in spans:
            got = [(c.start, c.end) for c in segment.clauses(text, span, connectives)]
            chunk = text[span.start : span.end]
            cuts = sorted({span.start, *(span.start + m.end() for pattern in (
                _PLAIN_CLAUSE_BREAK_RE, connectives) for m in pattern.finditer(chunk))})
            want: list[tuple[int, int]] = []
            for a, b in zip(cuts, [*cuts[1:], span.end], strict=True):
                stripped = text[a:b].strip()
                if stripped:
                    a += len(text[a:b]) - len(text[a:b].lstrip())
                    want.append((a, a + len(stripped)))
            assert got == want, text


def test_the_language_sample_drops_addresses_as_before(texts: list[tuple[str, str]]) -> None:
    with_addresses = ["Mail jan@example.org or see https://example.org/x for more.",
                      "Zie www.voorbeeld.nl en bel ons.", "@ alone, and a@b", "http:/ not one",
                      "Siehe http://beispiel.de/seite, dann weiter."]
    for text in chain(with_addresses, (t for t, _ in texts)):
        for size in (language.SAMPLE_CHARS, language.FIRST_SAMPLE_CHARS):
            cut = text
            if len(cut) > size:
                middle = len(cut) // 2
                cut = cut[max(0, middle - size // 2) : middle + size // 2]
            assert language._sample(text, size) == language._NOISE.sub(" ", cut)
