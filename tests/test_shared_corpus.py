"""The issue's bars on the shared corpus, when it is beside the checkout (CI has it; a
user's fresh clone does not, and then these tests are skipped)."""

from pathlib import Path

import pytest

from unfree.evaluate import gold_document, read_gold, score
from unfree.ingest import iter_documents
from unfree.pipeline import analyze

SHARED = Path(__file__).resolve().parents[2] / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="no ../shared corpus")


def test_dev_and_seed_scores_meet_the_bars() -> None:
    golds = [g for name in ("dev.jsonl", "seeds.gold.jsonl")
             for g in read_gold(SHARED / "corpus" / name)]
    s = score((g, analyze(gold_document(g))) for g in golds)
    assert s.doc_micro.f1 >= 0.85
    assert s.doc_macro_f1 >= 0.80
    assert all(c.f1 >= 0.75 for c in s.per_language.values()), s.as_dict()["per_language"]
    assert s.evidence.f1 >= 0.70
    assert s.facts.f1 >= 0.80


def test_seed_pages_as_text_files_are_forced_labour_at_112_hours() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    results = [analyze(doc) for doc in iter_documents([str(p) for p in seeds])]
    assert len(results) == 2
    assert all(r.assessment["forced_labour"] == "indicated" for r in results)
    interview = results[0]
    figures = {f["name"]: f for f in interview.assessment["derived"]}
    assert figures["hours_per_week"]["value"] == 112
    assert figures["hours_per_week"]["norm"] == 48
    assert figures["wage_to_peer_wage"]["value"] == pytest.approx(200 / 2500)
