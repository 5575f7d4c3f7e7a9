"""What the batch tests compare: one process's analysis of every record, and a batch's
output folder read back, both as `unfree analyze`'s JSON by record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unfree.batch.readback import read_analyses, read_failures, read_table
from unfree.batch.sources import iter_records, list_inputs
from unfree.ingest import IngestError
from unfree.pipeline import analyze, to_dict

Results = tuple[dict[str, dict[str, Any]], dict[str, str]]


def single_process(inputs: list[str]) -> Results:
    """Every record read and analysed here, one after the other: analyses and failures."""
    analyses: dict[str, dict[str, Any]] = {}
    failures: dict[str, str] = {}
    for record in iter_records(list_inputs(inputs)):
        item = record.read()
        if isinstance(item, IngestError):
            failures[record.where] = item.reason
        else:
            analyses[record.where] = to_dict(analyze(item))
    return analyses, failures


def from_tables(folder: Path) -> Results:
    """A batch's tables read back into the same shape."""
    analyses = {s.record: to_dict(s.analysis) for s in read_analyses(folder)}
    failures = {f["record"]: f["reason"] for f in read_failures(folder)}
    return analyses, failures


def table_rows(folder: Path, name: str) -> list[dict[str, Any]]:
    """One table's rows, in a fixed order, without the run's timestamp."""
    rows = [{k: v for k, v in row.items() if k != "analysed_at"}
            for row in read_table(folder, name).to_pylist()]
    return sorted(rows, key=lambda r: (r["input_index"], r["record_index"],
                                       r.get("position") or 0))
