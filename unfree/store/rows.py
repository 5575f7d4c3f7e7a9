"""From an `Analysis` to table rows, and the writes shared by ingest and re-analysis."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Insert, delete, insert, select, update

from unfree import __version__
from unfree.model import Analysis
from unfree.store.schema import AssessmentRow, Base, FactRow, FindingRow, MentionRow

_DATE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)")


def content_hash(text: str) -> str:
    """sha256 of the text's UTF-8: the identity of a stored document."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def published_date(raw: str | None) -> date | None:
    """The calendar date a source's `date` names, for --since/--until: ISO dates with or
    without a time; a bare year or year-month counts from its first day."""
    match = _DATE.match(raw or "")
    if match is None:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def document_values(analysis: Analysis, digest: str, analysed_at: datetime, *,
                    engine_version: str = __version__) -> dict[str, Any]:
    """The `documents` columns that come from the document and its analysis."""
    doc = analysis.document
    return {
        "external_id": doc.id, "source": doc.source, "content_hash": digest,
        "source_lang": doc.lang, "lang": analysis.lang, "title": doc.title,
        "author": doc.author, "date": doc.date, "published": published_date(doc.date),
        "url": doc.url, "text": doc.text, "engine_version": engine_version,
        "analysed_at": analysed_at,
    }


def comment_rows(document_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "position": i, "author": c.author, "date": c.date,
             "text": c.text} for i, c in enumerate(analysis.document.comments)]


def finding_rows(document_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "position": i, "indicator": f.indicator,
             "start": f.start, "end": f.end, "quote": f.quote, "confidence": f.confidence,
             "rule": f.rule, "origin": "machine", "status": "machine"}
            for i, f in enumerate(analysis.findings)]


def fact_rows(document_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "position": i, "kind": f.kind, "value": f.value,
             "low": f.low, "high": f.high, "unit": f.unit, "start": f.start, "end": f.end,
             "quote": f.quote, "rule": f.rule} for i, f in enumerate(analysis.facts)]


def mention_rows(document_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [{"document_id": document_id, "position": i, "kind": m.kind, "key": m.key,
             "role": m.role, "country": m.country, "start": m.start, "end": m.end,
             "quote": m.quote} for i, m in enumerate(analysis.mentions)]


_INSERTS: dict[type[Base], Insert] = {}


def insert_rows(connection: Connection, table: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert `rows` with one executemany of a statement built once per table."""
    if rows:
        statement = _INSERTS.get(table)
        if statement is None:
            statement = _INSERTS[table] = insert(table)
        connection.execute(statement, rows)


def insert_machine_rows(connection: Connection, document_id: int, analysis: Analysis,
                        *, skip_findings: frozenset[int] = frozenset()) -> None:
    """Findings (but those at `skip_findings` positions), facts, mentions and the assessment
    of one analysis."""
    findings = [row for row in finding_rows(document_id, analysis)
                if row["position"] not in skip_findings]
    for table, rows in ((FindingRow, findings),
                        (FactRow, fact_rows(document_id, analysis)),
                        (MentionRow, mention_rows(document_id, analysis))):
        insert_rows(connection, table, rows)
    if analysis.assessment:
        insert_rows(connection, AssessmentRow, [{
            "document_id": document_id,
            "verdict": str(analysis.assessment.get("forced_labour", "unknown")),
            "details": analysis.assessment}])


def replace_machine_rows(connection: Connection, document_id: int, analysis: Analysis) -> None:
    """Swap one document's machine output for a new analysis, keeping what review touched.

    Findings a reviewer made, confirmed, rejected or corrected stay. When the new analysis
    finds the same indicator on the same span as a kept finding, the kept row takes that
    finding's position (so the assessment's citations resolve) instead of a new row; kept
    findings the new analysis no longer makes lose their position.
    """
    unreviewed = (FindingRow.origin == "machine") & (FindingRow.status == "machine")
    connection.execute(delete(FindingRow).where(FindingRow.document_id == document_id,
                                                unreviewed))
    for table in (FactRow, MentionRow, AssessmentRow):
        connection.execute(delete(table).where(table.document_id == document_id))
    kept = connection.execute(
        select(FindingRow.id, FindingRow.indicator, FindingRow.start, FindingRow.end)
        .where(FindingRow.document_id == document_id)).all()
    by_span = {(k.indicator, k.start, k.end): k.id for k in kept}
    connection.execute(update(FindingRow).where(FindingRow.document_id == document_id)
                       .values(position=None))
    matched: set[int] = set()
    for position, finding in enumerate(analysis.findings):
        kept_id = by_span.get((finding.indicator, finding.start, finding.end))
        if kept_id is not None:
            matched.add(position)
            connection.execute(update(FindingRow).where(FindingRow.id == kept_id)
                               .values(position=position))
    insert_machine_rows(connection, document_id, analysis, skip_findings=frozenset(matched))
