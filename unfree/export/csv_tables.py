"""The `csv` export: a folder of four flat tables for spreadsheets and data tools.

- `documents.csv`: one row per document with its verdict (ICLS 2018), the indicators of each
  dimension and how many findings, facts and mentions a reviewer has not rejected;
- `findings.csv`, `facts.csv`, `mentions.csv`: one row per item, rejected ones included with
  their `status`, each with `document_id` and the index the assessment cites.

UTF-8, header row, text always quoted; text cells that could start a formula are neutralised
as `unfree.export.spreadsheet` describes (undo with `restore_cell`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from unfree.export.records import Record, evidence
from unfree.export.spreadsheet import SafeCsvWriter
from unfree.export.tables import (
    DOCUMENT_FIELDS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    MENTION_COLUMNS,
    assessment_row,
    document_row,
    fact_rows,
    finding_rows,
    mention_rows,
)

DOCUMENT_COLUMNS = ("document_id", *DOCUMENT_FIELDS, "engine_version", "forced_labour",
                    "involuntariness", "coercion", "indicators", "involuntariness_conditions",
                    "language_supported", "findings", "facts", "mentions", "reasoning")


@dataclass(frozen=True, slots=True)
class CsvCounts:
    documents: int
    findings: int
    facts: int
    mentions: int


def export_csv(records: Iterable[Record], folder: Path) -> CsvCounts:
    """Write the four tables into `folder` (created if needed), streaming record by record."""
    folder.mkdir(parents=True, exist_ok=True)
    with (SafeCsvWriter(folder / "documents.csv", DOCUMENT_COLUMNS) as documents,
          SafeCsvWriter(folder / "findings.csv", FINDING_COLUMNS) as findings,
          SafeCsvWriter(folder / "facts.csv", FACT_COLUMNS) as facts,
          SafeCsvWriter(folder / "mentions.csv", MENTION_COLUMNS) as mentions):
        for record in records:
            row = {**document_row(record), **assessment_row(record)}
            for key in ("findings", "facts", "mentions"):
                row[key] = len(evidence(record, key))
            documents.write(row)
            findings.write_all(finding_rows(record))
            facts.write_all(fact_rows(record))
            mentions.write_all(mention_rows(record))
        return CsvCounts(documents.rows, findings.rows, facts.rows, mentions.rows)
