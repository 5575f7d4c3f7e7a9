"""Reading a batch's output folder back: analyses document by document, and the failures.

Both engines write the same tables (`unfree.batch.tables.TABLES`), partitioned by language,
each file sorted by input order. Documents are read one language at a time, the files of a
language merged in input order, so memory holds one language's findings, facts and mentions
(small beside the texts) and never all the texts. Near-duplicates and repeated texts are
always of one language, so storing language by language keeps which copy comes first.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from unfree.batch.tables import PARTITION, TABLES, analysis_from_rows
from unfree.model import Analysis

SUMMARY_FILE = "_batch.json"


class BatchFolderError(ValueError):
    """A folder that does not hold a batch's tables; the message names it."""


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    """One document's analysis as a batch wrote it, with the engine that made it and when."""

    record: str
    analysis: Analysis
    engine_version: str
    analysed_at: datetime


def check_folder(folder: Path) -> None:
    missing = [name for name in ("documents", "assessments") if not (folder / name).is_dir()]
    if not folder.is_dir():
        raise BatchFolderError(f"{folder}: no such folder")
    if missing:
        raise BatchFolderError(
            f"{folder}: not the output of `unfree batch` (no {', '.join(missing)} table)")


def _dataset(folder: Path, name: str) -> Any:
    import pyarrow.dataset as ds

    schema = TABLES[name]
    partitioning = None
    if PARTITION in schema.names:
        partitioning = ds.partitioning(pa.schema([schema.field(PARTITION)]), flavor="hive")
    return ds.dataset(folder / name, schema=schema, format="parquet",
                      partitioning=partitioning, exclude_invalid_files=True)


def languages(folder: Path) -> list[str]:
    found = set()
    for sub in (folder / "documents").iterdir():
        if sub.is_dir() and sub.name.startswith(f"{PARTITION}="):
            found.add(sub.name.split("=", 1)[1])
    return sorted(found)


def read_analyses(folder: Path) -> Iterator[StoredAnalysis]:
    """Every analysed document, language by language, each language in input order."""
    import pyarrow.dataset as ds

    check_folder(folder)
    for lang in languages(folder):
        only = ds.field(PARTITION) == lang
        children: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for name in ("findings", "facts", "mentions", "assessments"):
            by_record: dict[str, list[dict[str, Any]]] = defaultdict(list)
            if (folder / name).is_dir():
                for row in _dataset(folder, name).to_table(filter=only).to_pylist():
                    by_record[row["record"]].append(row)
            children[name] = by_record
        for row in _documents_in_order(folder, lang):
            record = row["record"]
            assessment = children["assessments"].pop(record, [None])[0]
            analysis = analysis_from_rows(
                row, children["findings"].pop(record, []), children["facts"].pop(record, []),
                children["mentions"].pop(record, []), assessment)
            yield StoredAnalysis(record, analysis, row["engine_version"], row["analysed_at"])


def _documents_in_order(folder: Path, lang: str) -> Iterator[dict[str, Any]]:
    # Each file is in input order (both engines sort before writing): merge the files.
    dataset = _dataset(folder, "documents")
    streams = []
    for fragment in dataset.get_fragments(filter=_field(PARTITION) == lang):
        streams.append(_rows(fragment, dataset.schema))

    def order(row: dict[str, Any]) -> tuple[int, int]:
        return int(row["input_index"]), int(row["record_index"])

    yield from heapq.merge(*streams, key=order)


def _field(name: str) -> Any:
    import pyarrow.dataset as ds

    return ds.field(name)


def _rows(fragment: Any, schema: pa.Schema) -> Iterator[dict[str, Any]]:
    for batch in fragment.to_batches(schema=schema, batch_size=256):
        yield from batch.to_pylist()


def read_table(folder: Path, name: str) -> pa.Table:
    """One whole table (`TABLES[name]`), its partition column included."""
    if not (folder / name).is_dir():
        return TABLES[name].empty_table()
    table: pa.Table = _dataset(folder, name).to_table()
    return table


def read_failures(folder: Path) -> list[dict[str, Any]]:
    """The records that could not be read or analysed, in input order."""
    rows: list[dict[str, Any]] = read_table(folder, "failures").to_pylist()
    return sorted(rows, key=lambda r: (r["input_index"], r["record_index"]))
