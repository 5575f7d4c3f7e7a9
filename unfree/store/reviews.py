"""Review of findings and reviewers' notes, each change with its audit row in one transaction.

`findings.status` and `findings.origin` are the source of truth (exports, reports, search
filters and re-analysis read them); `finding_reviews` keeps the history. A correction moves
the finding's span or changes its indicator in place (status `corrected`); a missed finding
a reviewer adds is a new row with origin `review`, status `confirmed` and no position (it is
not in the engine's analysis, so re-analysis keeps it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from unfree.report.palette import indicator_styles
from unfree.store.audit import record_change
from unfree.store.schema import DocumentRow, FindingRow
from unfree.store.workspace_schema import FindingReviewRow, NoteRow

STATUS_OF_ACTION = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
MAX_NOTE = 10_000
MAX_REASON = 2_000


class ReviewError(ValueError):
    """A review that cannot be applied: an unknown indicator, a span outside the text…"""


def finding_state(row: Any) -> dict[str, Any]:
    return {"indicator": row.indicator, "start": row.start, "end": row.end,
            "quote": row.quote, "status": row.status, "origin": row.origin}


def _span(text: str, start: int, end: int) -> str:
    if not 0 <= start < end <= len(text):
        raise ReviewError(f"the span {start}-{end} is not inside the text (0-{len(text)})")
    return text[start:end]


def _indicator(indicator: str) -> str:
    if indicator not in indicator_styles():
        raise ReviewError(f"unknown indicator {indicator!r}")
    return indicator


def review_finding(connection: Connection, finding_id: int, action: str, *, reviewer_id: int,
                   reason: str = "", indicator: str | None = None, start: int | None = None,
                   end: int | None = None) -> dict[str, Any]:
    """Confirm, reject or correct a finding; returns the finding after the review."""
    if action not in STATUS_OF_ACTION:
        raise ReviewError(f"unknown review action {action!r}")
    row = connection.execute(
        select(FindingRow.__table__, DocumentRow.text.label("document_text"),
               DocumentRow.project_id)
        .join(DocumentRow, DocumentRow.id == FindingRow.document_id)
        .where(FindingRow.id == finding_id)).first()
    if row is None:
        raise ReviewError("no such finding")
    before = finding_state(row)
    after = dict(before, status=STATUS_OF_ACTION[action])
    if action == "correct":
        new_start = row.start if start is None else start
        new_end = row.end if end is None else end
        after.update(indicator=_indicator(indicator or row.indicator), start=new_start,
                     end=new_end, quote=_span(row.document_text, new_start, new_end))
        if all(after[k] == before[k] for k in ("indicator", "start", "end")):
            raise ReviewError("a correction must change the span or the indicator")
    connection.execute(update(FindingRow).where(FindingRow.id == finding_id).values(
        status=after["status"], indicator=after["indicator"], start=after["start"],
        end=after["end"], quote=after["quote"]))
    _log(connection, finding_id, row.document_id, row.project_id, action, reason,
         reviewer_id, before, after)
    return dict(after, id=finding_id, document_id=row.document_id)


def add_finding(connection: Connection, document_id: int, *, reviewer_id: int, indicator: str,
                start: int, end: int, reason: str = "") -> dict[str, Any]:
    """A finding the engine missed, as a reviewer marked it."""
    row = connection.execute(select(DocumentRow.text, DocumentRow.project_id)
                             .where(DocumentRow.id == document_id)).first()
    if row is None:
        raise ReviewError("no such document")
    after = {"indicator": _indicator(indicator), "start": start, "end": end,
             "quote": _span(row.text, start, end), "status": "confirmed", "origin": "review"}
    finding_id = connection.scalar(insert(FindingRow).values(
        document_id=document_id, position=None, confidence=1.0, rule="review",
        **after).returning(FindingRow.id))
    assert finding_id is not None
    _log(connection, int(finding_id), document_id, row.project_id, "add", reason,
         reviewer_id, None, after)
    return dict(after, id=int(finding_id), document_id=document_id)


def _log(connection: Connection, finding_id: int, document_id: int, project_id: int,
         action: str, reason: str, reviewer_id: int, before: dict[str, Any] | None,
         after: dict[str, Any]) -> None:
    connection.execute(insert(FindingReviewRow).values(
        finding_id=finding_id, document_id=document_id, action=action,
        reason=reason.strip()[:MAX_REASON], reviewer_id=reviewer_id, at=datetime.now(UTC),
        before=before, after=after))
    record_change(connection, actor_id=reviewer_id, action=f"finding.{action}",
                  object_type="finding", object_id=finding_id, project_id=project_id,
                  before=before, after=dict(after, reason=reason.strip()[:MAX_REASON]))


def add_note(connection: Connection, document_id: int, body: str, *, author_id: int,
             finding_id: int | None = None, parent_id: int | None = None) -> int:
    """A reviewer's comment on the document, or on one of its findings, or a reply."""
    text = body.strip()
    if not text:
        raise ReviewError("a comment cannot be empty")
    if len(text) > MAX_NOTE:
        raise ReviewError(f"a comment holds at most {MAX_NOTE} characters")
    project_id = connection.scalar(select(DocumentRow.project_id)
                                   .where(DocumentRow.id == document_id))
    if project_id is None:
        raise ReviewError("no such document")
    if finding_id is not None and connection.scalar(select(FindingRow.document_id).where(
            FindingRow.id == finding_id)) != document_id:
        raise ReviewError("that finding is not in this document")
    if parent_id is not None:
        parent = connection.execute(select(NoteRow.document_id, NoteRow.finding_id)
                                    .where(NoteRow.id == parent_id)).first()
        if parent is None or parent.document_id != document_id:
            raise ReviewError("that comment is not on this document")
        finding_id = parent.finding_id  # a reply belongs where its thread does
    note_id = connection.scalar(insert(NoteRow).values(
        document_id=document_id, finding_id=finding_id, parent_id=parent_id,
        author_id=author_id, body=text, created_at=datetime.now(UTC)).returning(NoteRow.id))
    assert note_id is not None
    record_change(connection, actor_id=author_id, action="note.add", object_type="note",
                  object_id=note_id, project_id=project_id,
                  after={"document_id": document_id, "finding_id": finding_id,
                         "parent_id": parent_id, "body": text})
    return int(note_id)
