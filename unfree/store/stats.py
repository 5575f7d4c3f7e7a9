"""Counts over the evidence base: what it holds, and how much of it is independent."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, func, select

from unfree.store.schema import (
    AssessmentRow,
    CommentRow,
    DocumentRow,
    FactRow,
    FindingRow,
    IngestRun,
    MentionRow,
)


def store_stats(engine: Engine) -> dict[str, Any]:
    """Documents, near-duplicates and independent sources; findings by origin and review;
    facts, mentions, comments; documents per verdict (all, and independent sources only) and
    per language; ingest runs, of which unfinished (killed, or running now)."""
    with engine.connect() as connection:
        documents = _count(connection, DocumentRow.id)
        duplicates = _count(connection, DocumentRow.id, DocumentRow.duplicate_of.is_not(None))
        reviewed = (FindingRow.origin == "review") | (FindingRow.status != "machine")
        independent = DocumentRow.duplicate_of.is_(None)
        verdict_query = (select(AssessmentRow.verdict, func.count())
                         .join(DocumentRow, DocumentRow.id == AssessmentRow.document_id)
                         .group_by(AssessmentRow.verdict))
        return {
            "documents": documents,
            "near_duplicates": duplicates,
            "independent_sources": documents - duplicates,
            "findings": {
                "total": _count(connection, FindingRow.id),
                "machine": _count(connection, FindingRow.id, ~reviewed),
                "reviewed": _count(connection, FindingRow.id, reviewed),
                "rejected": _count(connection, FindingRow.id, FindingRow.status == "rejected"),
            },
            "facts": _count(connection, FactRow.id),
            "mentions": _count(connection, MentionRow.id),
            "comments": _count(connection, CommentRow.id),
            "verdicts": _pairs(connection, verdict_query),
            "verdicts_independent": _pairs(connection, verdict_query.where(independent)),
            "languages": _pairs(connection, select(DocumentRow.lang, func.count())
                                .group_by(DocumentRow.lang)),
            "ingest_runs": _count(connection, IngestRun.id),
            "unfinished_runs": _count(connection, IngestRun.id, IngestRun.finished_at.is_(None)),
        }


def _count(connection: Connection, key: Any, *where: ColumnElement[bool]) -> int:
    return int(connection.scalar(select(func.count(key)).where(*where)) or 0)


def _pairs(connection: Connection, query: Any) -> dict[str, int]:
    return {str(name): int(n) for name, n in sorted(connection.execute(query).all())}
