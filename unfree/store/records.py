"""Stored documents as analysis records: the JSON of `unfree analyze`, rebuilt from the rows,
with what only the store knows (`text`, `content_hash`, `duplicate_of`, and per finding its
review `status` and `origin`). Exports and reports read these, whatever their source.

Records stream in document order, a batch of documents at a time (one query per table per
batch), so a 100,000-document store is never held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import attrgetter
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from unfree.model import Fact
from unfree.store.schema import (
    AssessmentRow,
    CommentRow,
    DocumentRow,
    FactRow,
    FindingRow,
    MentionRow,
)

BATCH = 500
FINDING_ORDER = (FindingRow.position.is_(None), FindingRow.position, FindingRow.start,
                 FindingRow.id)
"""A record's findings: the analysis's order, then those a reviewer added."""


def iter_records(engine: Engine, ids: list[str] | None = None, *,
                 document_ids: list[int] | None = None,
                 projects: list[int] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored document (or those whose external id is in `ids`, whose database id is
    in `document_ids`, of the `projects`) as a record."""
    original = aliased(DocumentRow)
    query = (select(DocumentRow, original.external_id.label("original"))
             .outerjoin(original, original.id == DocumentRow.duplicate_of)
             .order_by(DocumentRow.id))
    if ids:
        query = query.where(DocumentRow.external_id.in_(ids))
    if document_ids is not None:
        query = query.where(DocumentRow.id.in_(document_ids))
    if projects is not None:
        query = query.where(DocumentRow.project_id.in_(projects))
    last = 0
    with Session(engine) as connection:
        while True:
            rows = connection.execute(query.where(DocumentRow.id > last).limit(BATCH)).all()
            if not rows:
                return
            last = rows[-1][0].id
            batch = [row[0].id for row in rows]

            def children(table: Any, *order: Any, batch: list[int] = batch
                         ) -> dict[int, list[Any]]:
                found = connection.scalars(select(table).where(table.document_id.in_(batch))
                                           .order_by(table.document_id, *order))
                return {k: list(v) for k, v in groupby(found, attrgetter("document_id"))}

            # In the analysis's order (the assessment cites findings by index), then those a
            # reviewer added.
            findings = children(FindingRow, *FINDING_ORDER)
            facts = children(FactRow, FactRow.position)
            mentions = children(MentionRow, MentionRow.position)
            comments = children(CommentRow, CommentRow.position)
            assessments = {a.document_id: a for a in connection.scalars(
                select(AssessmentRow).where(AssessmentRow.document_id.in_(batch)))}
            connection.expunge_all()  # a batch at a time in memory, not the whole store
            for document, original_id in rows:
                yield _record(document, original_id, findings.get(document.id, []),
                              facts.get(document.id, []), mentions.get(document.id, []),
                              comments.get(document.id, []), assessments.get(document.id))


def _record(document: DocumentRow, original: str | None, findings: list[FindingRow],
            facts: list[FactRow], mentions: list[MentionRow], comments: list[CommentRow],
            assessment: AssessmentRow | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": document.external_id, "lang": document.lang}
    for key in ("title", "author", "date", "url", "source"):
        value = getattr(document, key)
        if value is not None:
            out[key] = value
    out["text"] = document.text
    out["content_hash"] = document.content_hash
    out["duplicate_of"] = original
    out["findings"] = [{"indicator": f.indicator, "start": f.start, "end": f.end,
                        "quote": f.quote, "confidence": f.confidence, "rule": f.rule,
                        "status": f.status, "origin": f.origin} for f in findings]
    out["facts"] = [_fact(f) for f in facts]
    out["assessment"] = assessment.details if assessment is not None else {}
    out["mentions"] = [{"kind": m.kind, "key": m.key, "start": m.start, "end": m.end,
                        "quote": m.quote, "role": m.role, "country": m.country}
                       for m in mentions]
    if comments:
        out["comments"] = [{"text": c.text, "author": c.author, "date": c.date}
                           for c in comments]
    out["engine"] = {"name": "unfree", "version": document.engine_version}
    return out


def _fact(row: FactRow) -> dict[str, Any]:
    return Fact(row.kind, row.unit, row.start, row.end, row.quote, value=row.value,
                low=row.low, high=row.high, rule=row.rule).to_dict()
