"""Flat rows of a record, one per document, finding, fact, mention: what the CSV and SQLite
exports share. Every row carries `document_id`; quotes are `text[start:end]`, untouched.

All items are listed, rejected ones too, with their `status` and `origin`, so that a table
says what the engine proposed and what a reviewer decided; consumers filter on `status`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from unfree.export.records import (
    Record,
    engine_version,
    indicator_dimension,
    indicator_label,
    origin,
    status,
)

Row = dict[str, Any]

DOCUMENT_FIELDS = ("lang", "title", "author", "date", "url", "source", "content_hash",
                   "duplicate_of")

FINDING_COLUMNS = ("document_id", "finding_index", "indicator", "label", "dimension", "start",
                   "end", "quote", "confidence", "rule", "status", "origin")
FACT_COLUMNS = ("document_id", "fact_index", "kind", "value", "low", "high", "unit", "start",
                "end", "quote", "rule", "status", "origin")
MENTION_COLUMNS = ("document_id", "mention_index", "kind", "key", "role", "country", "start",
                   "end", "quote", "status", "origin")


def document_row(record: Record) -> Row:
    """The document's own fields (no text, no assessment)."""
    row: Row = {"document_id": record["id"]}
    for key in DOCUMENT_FIELDS:
        row[key] = record.get(key)
    row["engine_version"] = engine_version(record)
    return row


def assessment_row(record: Record) -> Row:
    """The ICLS verdict and its parts; lists are joined with ";" (ids never contain one)."""
    a = record.get("assessment") or {}
    dims = a.get("dimensions") or {}
    return {
        "document_id": record["id"],
        "forced_labour": a.get("forced_labour"),
        "involuntariness": ";".join(dims.get("involuntariness") or []),
        "coercion": ";".join(dims.get("coercion") or []),
        "indicators": ";".join(sorted(a.get("indicators") or {})),
        "involuntariness_conditions": ";".join(
            c["condition"] for c in a.get("involuntariness_conditions") or []),
        "language_supported": a.get("language_supported"),
        "reasoning": "\n".join(a.get("reasoning") or []),
    }


def finding_rows(record: Record) -> Iterator[Row]:
    for i, f in enumerate(record.get("findings") or []):
        yield {"document_id": record["id"], "finding_index": i, "indicator": f["indicator"],
               "label": indicator_label(f["indicator"]),
               "dimension": indicator_dimension(f["indicator"]), "start": f["start"],
               "end": f["end"], "quote": f["quote"], "confidence": f.get("confidence"),
               "rule": f.get("rule"), "status": status(f), "origin": origin(f)}


def fact_rows(record: Record) -> Iterator[Row]:
    for i, f in enumerate(record.get("facts") or []):
        yield {"document_id": record["id"], "fact_index": i, "kind": f["kind"],
               "value": f.get("value"), "low": f.get("low"), "high": f.get("high"),
               "unit": f.get("unit"), "start": f["start"], "end": f["end"],
               "quote": f["quote"], "rule": f.get("rule"), "status": status(f),
               "origin": origin(f)}


def mention_rows(record: Record) -> Iterator[Row]:
    for i, m in enumerate(record.get("mentions") or []):
        yield {"document_id": record["id"], "mention_index": i, "kind": m["kind"],
               "key": m["key"], "role": m.get("role"), "country": m.get("country"),
               "start": m["start"], "end": m["end"], "quote": m["quote"], "status": status(m),
               "origin": origin(m)}


def derived_rows(record: Record) -> Iterator[Row]:
    a = record.get("assessment") or {}
    for i, d in enumerate(a.get("derived") or []):
        yield {"document_id": record["id"], "derived_index": i, "name": d["name"],
               "value": d["value"], "unit": d.get("unit"), "norm": d.get("norm"),
               "norm_source": d.get("norm_source"), "exceeds_norm": d.get("exceeds_norm"),
               "ratio_to_norm": d.get("ratio_to_norm"), "facts": json.dumps(d.get("facts", []))}
