"""Evaluate: score the engine against a gold file as `shared/spec/indicators.md` defines.

- document level: the set of indicators of a document against the gold set (micro over all
  pairs, macro over indicators, and per language);
- evidence level: a predicted span counts when it has the gold indicator and overlaps a gold
  span of it; a gold span is recalled when some such prediction overlaps it;
- facts: one-to-one matching on kind, unit (currency codes must match) and value, or low and
  high, within 1 %.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unfree.model import Analysis, Document, Fact, Finding


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(slots=True)
class Scores:
    documents: int = 0
    doc_micro: Counts = field(default_factory=Counts)
    per_indicator: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    evidence_pred: Counts = field(default_factory=Counts)  # tp/fp over predicted spans
    evidence_gold: Counts = field(default_factory=Counts)  # tp/fn over gold spans
    facts: Counts = field(default_factory=Counts)
    per_fact_kind: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    @property
    def doc_macro_f1(self) -> float:
        used = [c for c in self.per_indicator.values() if c.tp + c.fn + c.fp]
        return sum(c.f1 for c in used) / len(used) if used else 0.0

    @property
    def evidence(self) -> Counts:
        """Precision over predicted spans, recall over gold spans, as one Counts-like view."""
        return _Mixed(self.evidence_pred, self.evidence_gold)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "document": {"micro": self.doc_micro.as_dict(),
                         "macro_f1": round(self.doc_macro_f1, 4)},
            "per_indicator": {k: v.as_dict() for k, v in sorted(self.per_indicator.items())},
            "per_language": {k: v.as_dict() for k, v in sorted(self.per_language.items())},
            "evidence": self.evidence.as_dict(),
            "facts": self.facts.as_dict(),
            "per_fact_kind": {k: v.as_dict() for k, v in sorted(self.per_fact_kind.items())},
        }


class _Mixed(Counts):
    def __init__(self, pred: Counts, gold: Counts) -> None:
        super().__init__(pred.tp, pred.fp, gold.fn)
        self._recall_tp = gold.tp

    @property
    def recall(self) -> float:
        total = self._recall_tp + self.fn
        return self._recall_tp / total if total else 0.0


def read_gold(path: Path) -> list[dict[str, Any]]:
    """Gold documents of a JSON Lines file; a bad line raises ValueError naming path:line."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                if not isinstance(doc.get("text"), str) or "id" not in doc:
                    raise ValueError("needs 'id' and a string 'text'")
            except (json.JSONDecodeError, ValueError) as exc:
                raise ValueError(f"{path}:{n}: {exc}") from exc
            out.append(doc)
    return out


def gold_document(gold: dict[str, Any]) -> Document:
    return Document(id=str(gold["id"]), text=gold["text"], lang=gold.get("lang"),
                    title=gold.get("title"))


def score(pairs: Iterable[tuple[dict[str, Any], Analysis]]) -> Scores:
    """Score analyses against their gold documents."""
    s = Scores()
    for gold, analysis in pairs:
        s.documents += 1
        _score_documents(s, gold, analysis.findings)
        _score_evidence(s, gold, analysis.findings)
        _score_facts(s, gold, analysis.facts)
    return s


def _score_documents(s: Scores, gold: dict[str, Any], findings: list[Finding]) -> None:
    want = {lab["indicator"] for lab in gold.get("labels", [])}
    got = {f.indicator for f in findings}
    lang = str(gold.get("lang", "und"))
    for ind in want | got:
        c = s.per_indicator[ind]
        if ind in want and ind in got:
            kind = "tp"
        elif ind in got:
            kind = "fp"
        else:
            kind = "fn"
        for counts in (c, s.doc_micro, s.per_language[lang]):
            setattr(counts, kind, getattr(counts, kind) + 1)
    s.per_language.setdefault(lang, Counts())


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _score_evidence(s: Scores, gold: dict[str, Any], findings: list[Finding]) -> None:
    labels = gold.get("labels", [])
    for f in findings:
        hit = any(lab["indicator"] == f.indicator
                  and _overlaps(f.start, f.end, lab["start"], lab["end"]) for lab in labels)
        if hit:
            s.evidence_pred.tp += 1
        else:
            s.evidence_pred.fp += 1
    for lab in labels:
        hit = any(lab["indicator"] == f.indicator
                  and _overlaps(f.start, f.end, lab["start"], lab["end"]) for f in findings)
        if hit:
            s.evidence_gold.tp += 1
        else:
            s.evidence_gold.fn += 1


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 0.01 * max(abs(a), abs(b)) or a == b


def fact_matches(pred: Fact, gold: dict[str, Any]) -> bool:
    if pred.kind != gold["kind"] or pred.unit != gold.get("unit"):
        return False
    if "value" in gold and gold["value"] is not None:
        return _close(pred.value, gold["value"])
    return _close(pred.low, gold.get("low")) and _close(pred.high, gold.get("high"))


def _score_facts(s: Scores, gold: dict[str, Any], facts: list[Fact]) -> None:
    remaining = list(gold.get("facts", []))
    for pred in facts:
        # Prefer the gold mention that overlaps the prediction, then any equal one.
        candidates = [g for g in remaining if fact_matches(pred, g)]
        candidates.sort(key=lambda g: not _overlaps(pred.start, pred.end, g["start"], g["end"]))
        if candidates:
            remaining.remove(candidates[0])
            s.facts.tp += 1
            s.per_fact_kind[pred.kind].tp += 1
        else:
            s.facts.fp += 1
            s.per_fact_kind[pred.kind].fp += 1
    for g in remaining:
        s.facts.fn += 1
        s.per_fact_kind[g["kind"]].fn += 1
