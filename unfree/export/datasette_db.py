"""The `datasette` export: one SQLite file to browse with Datasette (or any SQLite tool), and
a `metadata.json` beside it with titles and descriptions.

Tables: `documents` (with the text), `assessments`, `derived`, `findings`, `facts`,
`mentions` and `indicators` (the eleven ILO indicators, so findings link to their label);
foreign keys from every item to its document, indexes on what views group by, and FTS5
tables `documents_fts` (title and text) and `findings_fts` (quotes) declared with
`content="<table>"`, which is how Datasette finds a table's full-text index and offers its
search box. Views count and list what a reviewer has not rejected in documents that are not
duplicates: `indicator_counts`, `findings_with_context`, `verdicts_by_language`,
`documents_by_country`. The standard library's sqlite3 builds it; Datasette is not needed.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unfree.export.records import Record, indicator_table, text_of
from unfree.export.tables import (
    FACT_COLUMNS,
    FINDING_COLUMNS,
    MENTION_COLUMNS,
    derived_rows,
    document_row,
    fact_rows,
    finding_rows,
    mention_rows,
)

SCHEMA = """
CREATE TABLE indicators (
    id TEXT PRIMARY KEY, label TEXT NOT NULL, dimension TEXT NOT NULL, description TEXT
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, lang TEXT, title TEXT, author TEXT, date TEXT, url TEXT, source TEXT,
    content_hash TEXT,
    duplicate_of TEXT,  -- no foreign key: the earlier copy may not be in this export
    engine_version TEXT, text TEXT
);
CREATE TABLE assessments (
    document_id TEXT PRIMARY KEY REFERENCES documents(id),
    forced_labour TEXT NOT NULL, involuntariness TEXT, coercion TEXT,
    involuntariness_conditions TEXT, language_supported INTEGER, reasoning TEXT
);
CREATE TABLE derived (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    derived_index INTEGER NOT NULL, name TEXT NOT NULL, value REAL, unit TEXT, norm REAL,
    norm_source TEXT, exceeds_norm INTEGER, ratio_to_norm REAL, facts TEXT
);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    finding_index INTEGER NOT NULL, indicator TEXT NOT NULL REFERENCES indicators(id),
    label TEXT, dimension TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    quote TEXT NOT NULL, confidence REAL, rule TEXT, status TEXT NOT NULL, origin TEXT NOT NULL
);
CREATE TABLE facts (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    fact_index INTEGER NOT NULL, kind TEXT NOT NULL, value REAL, low REAL, high REAL,
    unit TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL, rule TEXT,
    status TEXT NOT NULL, origin TEXT NOT NULL
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
    mention_index INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, role TEXT,
    country TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL,
    status TEXT NOT NULL, origin TEXT NOT NULL
);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX assessments_forced_labour ON assessments(forced_labour);
CREATE INDEX derived_document ON derived(document_id);
CREATE INDEX findings_document ON findings(document_id);
CREATE INDEX findings_indicator ON findings(indicator);
CREATE INDEX facts_document ON facts(document_id);
CREATE INDEX facts_kind ON facts(kind);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_kind_key ON mentions(kind, key);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content="documents");
CREATE VIRTUAL TABLE findings_fts USING fts5(quote, content="findings");

CREATE VIEW indicator_counts AS
SELECT i.id AS indicator, i.label, i.dimension,
       COUNT(DISTINCT f.document_id) AS documents, COUNT(f.id) AS findings
FROM indicators i
LEFT JOIN findings f ON f.indicator = i.id AND f.status != 'rejected'
     AND f.document_id IN (SELECT id FROM documents WHERE duplicate_of IS NULL)
GROUP BY i.id ORDER BY documents DESC, findings DESC, i.id;

CREATE VIEW findings_with_context AS
SELECT f.id, f.document_id, d.title, d.url, d.lang, a.forced_labour, f.indicator, f.label,
       f.dimension, f.start, f."end",
       substr(d.text, max(1, f.start - 79), min(f.start, 80)) AS before,
       f.quote, substr(d.text, f."end" + 1, 80) AS after,
       f.confidence, f.rule, f.status, f.origin
FROM findings f
JOIN documents d ON d.id = f.document_id
LEFT JOIN assessments a ON a.document_id = f.document_id
WHERE f.status != 'rejected' AND d.duplicate_of IS NULL
ORDER BY f.document_id, f.start;

CREATE VIEW verdicts_by_language AS
SELECT d.lang, a.forced_labour, COUNT(*) AS documents
FROM documents d JOIN assessments a ON a.document_id = d.id
WHERE d.duplicate_of IS NULL
GROUP BY d.lang, a.forced_labour ORDER BY d.lang, a.forced_labour;

CREATE VIEW documents_by_country AS
SELECT CASE m.kind WHEN 'country' THEN m.key ELSE m.country END AS country,
       COALESCE(m.role, 'unstated') AS role,
       COUNT(DISTINCT m.document_id) AS documents,
       COUNT(DISTINCT CASE WHEN a.forced_labour = 'indicated' THEN m.document_id END)
           AS forced_labour_indicated
FROM mentions m
JOIN documents d ON d.id = m.document_id
LEFT JOIN assessments a ON a.document_id = m.document_id
WHERE m.kind IN ('country', 'city') AND m.status != 'rejected' AND d.duplicate_of IS NULL
  AND (m.kind = 'country' OR m.country IS NOT NULL)
GROUP BY 1, 2 ORDER BY documents DESC, country, role;
"""


@dataclass(frozen=True, slots=True)
class DatasetteCounts:
    documents: int
    findings: int
    facts: int
    mentions: int
    repeated_ids_skipped: int


def export_datasette(records: Iterable[Record], path: Path) -> DatasetteCounts:
    """Build the SQLite file at `path` (replacing one that is there) and its metadata.json."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")  # the build itself checks every link
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?)",
                         [(k, v["name"], v["dimension"], v.get("description"))
                          for k, v in indicator_table().items()])
        counts = _insert_records(conn, records)
        # External-content FTS tables are filled from their tables in one pass at the end.
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO findings_fts(findings_fts) VALUES ('rebuild')")
        conn.commit()
    finally:
        conn.close()
    write_metadata(path)
    return counts


def _insert_records(conn: sqlite3.Connection, records: Iterable[Record]) -> DatasetteCounts:
    seen: set[str] = set()
    docs = findings = facts = mentions = repeated = 0
    for record in records:
        if record["id"] in seen:  # the same id twice (two runs concatenated): first one kept
            repeated += 1
            continue
        seen.add(record["id"])
        doc = document_row(record)
        conn.execute(
            "INSERT INTO documents VALUES (:document_id, :lang, :title, :author, :date, :url, "
            ":source, :content_hash, :duplicate_of, :engine_version, :text)",
            {**doc, "text": text_of(record)})
        a = record.get("assessment") or {}
        dims = a.get("dimensions") or {}
        conn.execute("INSERT INTO assessments VALUES (?, ?, ?, ?, ?, ?, ?)", (
            record["id"], a.get("forced_labour"), _json(dims.get("involuntariness")),
            _json(dims.get("coercion")), _json(a.get("involuntariness_conditions")),
            a.get("language_supported"), _json(a.get("reasoning"))))
        for row in derived_rows(record):
            conn.execute("INSERT INTO derived (document_id, derived_index, name, value, unit, "
                         "norm, norm_source, exceeds_norm, ratio_to_norm, facts) VALUES "
                         "(:document_id, :derived_index, :name, :value, :unit, :norm, "
                         ":norm_source, :exceeds_norm, :ratio_to_norm, :facts)", row)
        findings += _insert(conn, "findings", FINDING_COLUMNS, finding_rows(record))
        facts += _insert(conn, "facts", FACT_COLUMNS, fact_rows(record))
        mentions += _insert(conn, "mentions", MENTION_COLUMNS, mention_rows(record))
        docs += 1
    return DatasetteCounts(docs, findings, facts, mentions, repeated)


def _insert(conn: sqlite3.Connection, table: str, columns: Iterable[str],
            rows: Iterable[dict[str, Any]]) -> int:
    cols = list(columns)
    sql = (f"INSERT INTO {table} ({', '.join(_q(c) for c in cols)}) "
           f"VALUES ({', '.join(':' + c for c in cols)})")
    before = conn.total_changes
    conn.executemany(sql, rows)
    return conn.total_changes - before


def _q(column: str) -> str:
    return f'"{column}"'


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def write_metadata(path: Path) -> Path:
    """`metadata.json` beside the database: titles and descriptions Datasette shows."""
    meta_path = path.with_name("metadata.json")
    meta_path.write_text(json.dumps(metadata(path.stem), ensure_ascii=False, indent=2) + "\n",
                         "utf-8")
    return meta_path


def metadata(database: str) -> dict[str, Any]:
    unrejected = "Items a reviewer rejected and duplicate documents are left out."
    tables: dict[str, dict[str, Any]] = {
        "documents": {"title": "Documents", "description": (
            "One row per analysed document. `text` is the analysed text that every "
            "`start`/`end` offset indexes (Python string indices, i.e. Unicode code points; "
            "SQLite's substr() counts the same way). `duplicate_of` names the earlier copy."),
            "fts_table": "documents_fts"},
        "assessments": {"title": "ICLS 2018 assessments", "description": (
            "The verdict per document: forced labour is indicated when involuntariness and "
            "coercion both have evidence. Lists are JSON arrays.")},
        "derived": {"title": "Derived figures", "description": (
            "Figures computed from facts (hours per week, rest days, effective wages) against "
            "ILO norms; `facts` lists the fact_index values they use.")},
        "indicators": {"title": "ILO indicators of forced labour", "description": (
            "The eleven indicators (ILO 2012) and their ICLS dimension.")},
        "findings": {"title": "Findings", "description": (
            "One row per indicator span: `quote` is exactly text[start:end]. `status` is "
            "machine, confirmed, rejected or corrected; `origin` machine or review."),
            "fts_table": "findings_fts"},
        "facts": {"title": "Facts", "description": (
            "Numbers read from the text (hours, days, wages, fees, counts) with their unit: "
            "a `value`, or `low` and `high` for a range.")},
        "mentions": {"title": "Mentions", "description": (
            "Countries (ISO 3166-1 alpha-2 keys), cities, organisations and sectors the text "
            "names, with the role it gives them (origin, destination, employer, state_body).")},
        "indicator_counts": {"title": "Indicator counts", "description": (
            "For each ILO indicator, how many documents and findings carry it. " + unrejected)},
        "findings_with_context": {"title": "Findings with context", "description": (
            "Each finding with up to 80 characters of text before and after it, the "
            "document's title, language and verdict. " + unrejected)},
        "verdicts_by_language": {"title": "Verdicts by language", "description": (
            "How many documents of each language got each verdict. Duplicates are left out.")},
        "documents_by_country": {"title": "Documents by country", "description": (
            "How many documents name each country (directly or through one of its cities) "
            "in each role, and how many of them indicate forced labour. " + unrejected)},
    }
    return {
        "title": "unfree: forced-labour evidence",
        "description": ("ILO forced-labour indicators, facts, places and parties found by the "
                        "unfree engine, each with the exact quote and its character offsets. "
                        "Machine readings: check each quote before relying on it."),
        "databases": {database: {"tables": tables}},
    }
