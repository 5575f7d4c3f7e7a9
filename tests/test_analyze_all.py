"""`pipeline.analyze_all`, the batch form `unfree analyze` runs: the same analyses as
`analyze` one document at a time, and each document's failure or deadline its own."""

import json
import sys
from pathlib import Path

import pytest

from unfree.ingest import IngestError
from unfree.model import Document
from unfree.pipeline import analyze, analyze_all, to_dict

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from throughput import build_corpus


def test_stage_by_stage_equals_one_document_at_a_time() -> None:
    documents = build_corpus(0.3, relevant=0.5, seed=21)
    documents.append(Document(id="given-lang", text="Wir arbeiteten 14 Stunden am Tag.", lang="de"))
    documents.append(Document(id="other-lang", text="Lavoravamo 14 ore al giorno per 3 euro."))
    batch = analyze_all(documents)
    assert len(batch) == len(documents)
    for document, result in zip(documents, batch, strict=True):
        assert not isinstance(result, IngestError)
        assert json.dumps(to_dict(result), sort_keys=True) == json.dumps(
            to_dict(analyze(document)), sort_keys=True)


def test_a_failing_document_is_its_own_error_and_the_others_are_analysed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import unfree.pipeline

    real = unfree.pipeline.extract_facts

    def breaks(text: str, lang: str) -> object:
        if "BREAK" in text:
            raise ValueError("engine bug")
        return real(text, lang)

    monkeypatch.setattr(unfree.pipeline, "extract_facts", breaks)
    documents = [Document(id="a.txt", text="The boss kept our passports.", source="a.txt"),
                 Document(id="b.txt", text="BREAK here.", source="b.txt"),
                 Document(id="c.txt", text="We worked 16 hours a day.", source="c.txt")]
    a, b, c = analyze_all(documents)
    assert isinstance(b, IngestError)
    assert str(b) == "b.txt: analysis failed: ValueError: engine bug"
    assert not isinstance(a, IngestError) and a.findings
    assert not isinstance(c, IngestError) and c.facts


def test_the_deadline_counts_over_all_stages_of_a_document() -> None:
    dense = ("We worked seven days a week from 6 a.m. until midnight. The boss kept our "
             "passports. The agency charged each of us 3,000 dollars. ")
    documents = [Document(id="slow.txt", text=dense * 30_000, source="slow.txt"),
                 Document(id="fast.txt", text=dense, source="fast.txt")]
    slow, fast = analyze_all(documents, seconds=1)
    assert isinstance(slow, IngestError)
    assert str(slow) == ("slow.txt: analysis stopped after 1 s, the limit per document "
                         "(--doc-timeout)")
    assert not isinstance(fast, IngestError) and fast.facts
