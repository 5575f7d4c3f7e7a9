import json
from pathlib import Path

import pytest

from unfree.evaluate import read_gold, score
from unfree.model import Analysis, Document, Fact, Finding

TEXT = "They took our passports. We worked 14 hours a day. The food was fine."


def _gold() -> dict:
    return {
        "id": "g1", "lang": "en", "text": TEXT,
        "labels": [
            {"indicator": "retention_of_identity_documents", "start": 0, "end": 24},
            {"indicator": "excessive_overtime", "start": 25, "end": 50},
        ],
        "facts": [{"kind": "work_hours_per_day", "value": 14, "unit": "hours",
                   "start": 35, "end": 49}],
    }


def _analysis(findings: list[Finding], facts: list[Fact]) -> Analysis:
    return Analysis(Document("g1", TEXT, "en"), "en", findings, facts)


def test_document_evidence_and_fact_scores() -> None:
    findings = [
        Finding("retention_of_identity_documents", 5, 20, TEXT[5:20], 0.9, "r"),
        Finding("abusive_working_and_living_conditions", 51, 70, TEXT[51:70], 0.5, "r"),
    ]
    facts = [Fact("work_hours_per_day", "hours", 35, 49, TEXT[35:49], value=14.1),
             Fact("wage", "USD/month", 0, 3, "The", value=1)]
    s = score([(_gold(), _analysis(findings, facts))])
    assert (s.doc_micro.tp, s.doc_micro.fp, s.doc_micro.fn) == (1, 1, 1)
    assert s.evidence.precision == 0.5 and s.evidence.recall == 0.5
    assert (s.facts.tp, s.facts.fp, s.facts.fn) == (1, 1, 0)  # 14.1 is within 1 % of 14
    assert s.per_language["en"].f1 == pytest.approx(0.5)


def test_fact_units_and_ranges_must_match() -> None:
    gold = _gold()
    gold["facts"] = [{"kind": "wage", "low": 100, "high": 200, "unit": "USD/month",
                      "start": 0, "end": 3}]
    wrong_currency = Fact("wage", "EUR/month", 0, 3, "The", low=100, high=200)
    right = Fact("wage", "USD/month", 0, 3, "The", low=100, high=200)
    assert score([(gold, _analysis([], [wrong_currency]))]).facts.tp == 0
    assert score([(gold, _analysis([], [right]))]).facts.tp == 1


def test_each_gold_fact_matches_once() -> None:
    twice = [Fact("work_hours_per_day", "hours", 35, 49, TEXT[35:49], value=14)] * 2
    s = score([(_gold(), _analysis([], twice))])
    assert (s.facts.tp, s.facts.fp) == (1, 1)


def test_bad_gold_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(_gold()) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:2"):
        read_gold(path)
