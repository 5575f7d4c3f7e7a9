"""The batch pre-filter changes no result: `analyze_prefiltered` equals `analyze` on every
document of every corpus the project has, and on each of their sentences and paragraphs
taken as a text of its own (short texts are where it skips the most).

The shared corpus (../shared/corpus) is used when it is beside the checkout and skipped
cleanly when not; the project's own written set and samples always run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from unfree.batch.prefilter import analyze_prefiltered, triggers
from unfree.ingest import IngestError, iter_documents
from unfree.model import Document
from unfree.pipeline import analyze, to_dict

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
OWN = [str(p) for p in sorted((ROOT / "tests" / "data").glob("written_*.jsonl"))]
OWN.append(str(ROOT / "samples"))


def documents(inputs: list[str]) -> list[Document]:
    return [d for d in iter_documents(inputs) if not isinstance(d, IngestError)]


def pieces(docs: list[Document]) -> Iterator[Document]:
    """Every paragraph and every sentence of `docs` as a document of its own, in the
    document's language as given, and once more with the language left to detection."""
    for doc in docs:
        parts = re.split(r"\n\s*\n", doc.text) + re.split(r"(?<=[.!?])\s+|\n", doc.text)
        for i, part in enumerate(p for p in parts if p.strip()):
            piece = Document(id=f"{doc.id}#{i}", text=part, lang=doc.lang)
            yield piece
            if doc.lang:
                yield replace(piece, lang=None)


def assert_same(docs: list[Document] | Iterator[Document]) -> tuple[int, int]:
    seen = skipped = 0
    for doc in docs:
        prefiltered, skip = analyze_prefiltered(doc)
        assert to_dict(prefiltered) == to_dict(analyze(doc)), doc.id
        seen += 1
        skipped += skip
    return seen, skipped


def test_equal_on_the_projects_own_corpora() -> None:
    docs = documents(OWN)
    assert len(docs) >= 30
    assert assert_same(docs)[0] == len(docs)


def test_equal_on_every_sentence_and_paragraph_of_the_own_corpora() -> None:
    seen, skipped = assert_same(pieces(documents(OWN)))
    # Not vacuous: many short texts skip the indicator stage, and many do not.
    assert 0 < skipped < seen


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared corpus beside the checkout")
def test_equal_on_the_shared_corpus_documents_sentences_and_paragraphs() -> None:
    docs = documents([str(p) for p in sorted(SHARED.glob("*.jsonl"))])
    assert docs
    assert_same(docs)
    seen, skipped = assert_same(pieces(docs))
    assert 0 < skipped < seen


def test_a_text_with_no_facts_and_no_rule_it_can_fill_skips_the_indicator_stage() -> None:
    weather = Document(id="w", text="The weather stayed mild along the coast.", lang="en")
    analysis, skipped = analyze_prefiltered(weather)
    assert skipped and analysis.findings == [] and analysis.facts == []
    assert to_dict(analysis) == to_dict(analyze(weather))


def test_facts_alone_keep_the_indicator_stage_running() -> None:
    # No indicator word at all, but a 16-hour day is excessive overtime against the norm.
    text = "From 6 a.m. until 10 p.m., seven days a week."
    analysis, skipped = analyze_prefiltered(Document(id="h", text=text, lang="en"))
    assert not skipped
    assert [f.indicator for f in analysis.findings] == ["excessive_overtime"]


def test_languages_without_a_lexicon_have_no_rule() -> None:
    assert not triggers("it").may_fill_a_rule("Ci hanno preso il passaporto.")
    assert triggers("en").rules and triggers("ko").rules


def test_every_rule_slot_and_first_matcher_kind_is_compiled() -> None:
    for lang in ("en", "nl", "de", "fr", "es", "ru", "ko"):
        gate = triggers(lang)
        assert gate.rules, lang
        assert gate.by_stem or gate.by_prefix, lang
    # Korean terms are prefixes (particles attach to the noun); English has exact forms.
    assert triggers("ko").by_prefix and triggers("en").by_exact
