"""The document page's content: the report's document view (highlighted text, assessment,
figures, facts, places, reader comments) with what only the workspace has: each finding's
database id and review history, reviewers' threaded notes and related documents, all
limited to the projects the reader may see."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, func, or_, select
from sqlalchemy.orm import aliased

from unfree.report.document import DocumentView, Evidence, document_view
from unfree.store.records import FINDING_ORDER, iter_records
from unfree.store.schema import DocumentRow, FindingRow
from unfree.store.workspace_schema import FindingReviewRow, NoteRow, UserRow


@dataclass(frozen=True, slots=True)
class FindingItem:
    id: int
    evidence: Evidence
    origin: str
    history: list[dict[str, Any]]

    @property
    def reviewed(self) -> bool:
        return self.origin == "review" or self.evidence.status != "machine"


@dataclass(slots=True)
class Note:
    id: int
    author: str
    body: str
    at: str
    finding_id: int | None
    replies: list[Note] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Related:
    id: int
    title: str
    why: str


@dataclass(slots=True)
class DocumentPage:
    id: int
    project_id: int
    view: DocumentView
    text_length: int
    machine: list[FindingItem]
    reviewed: list[FindingItem]
    notes: list[Note]  # on the document (and replies), threads first-to-last
    finding_notes: dict[int, list[Note]]
    related: list[Related]
    record: dict[str, Any]  # the analysis record shown (another team's original hidden)


def document_page(engine: Engine, document_id: int, visible: list[int]) -> DocumentPage:
    # The record and the findings' ids are two reads: a review committed between them can
    # change the list, so read both again until they agree (each finding by its place).
    for _ in range(5):
        page = _read_page(engine, document_id, visible)
        if page is not None:
            return page
    raise RuntimeError(f"document {document_id} kept changing while it was read")


def _read_page(engine: Engine, document_id: int, visible: list[int]) -> DocumentPage | None:
    record = next(iter_records(engine, document_ids=[document_id]))
    with engine.connect() as connection:
        own = connection.execute(select(DocumentRow.project_id, DocumentRow.duplicate_of)
                                 .where(DocumentRow.id == document_id)).one()
        if own.duplicate_of is not None and connection.scalar(
                select(DocumentRow.project_id).where(DocumentRow.id == own.duplicate_of)
        ) not in visible:
            record["duplicate_of"] = None  # another team's document: not even its id
        findings = connection.execute(select(FindingRow.id, FindingRow.origin,
                                             FindingRow.indicator, FindingRow.start,
                                             FindingRow.end)
                                      .where(FindingRow.document_id == document_id)
                                      .order_by(*FINDING_ORDER)).all()
        history = _history(connection, document_id)
        notes = _notes(connection, document_id)
        related = _related(connection, document_id, own.duplicate_of, visible)
    if [(f["indicator"], f["start"], f["end"]) for f in record["findings"]] != [
            (row.indicator, row.start, row.end) for row in findings]:
        return None
    view = document_view(record)
    items = [FindingItem(row.id, evidence, row.origin, history.get(row.id, []))
             for row, evidence in zip(findings, view.evidence, strict=True)]
    threads = [n for n in notes if n.finding_id is None]
    by_finding: dict[int, list[Note]] = {}
    for note in notes:
        if note.finding_id is not None:
            by_finding.setdefault(note.finding_id, []).append(note)
    return DocumentPage(document_id, own.project_id, view, len(record["text"]),
                        [i for i in items if not i.reviewed], [i for i in items if i.reviewed],
                        threads, by_finding, related, record)


def _history(connection: Connection, document_id: int) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    rows = connection.execute(
        select(FindingReviewRow.finding_id, FindingReviewRow.action, FindingReviewRow.reason,
               FindingReviewRow.at, UserRow.username)
        .outerjoin(UserRow, UserRow.id == FindingReviewRow.reviewer_id)
        .where(FindingReviewRow.document_id == document_id).order_by(FindingReviewRow.id))
    for row in rows:
        out.setdefault(row.finding_id, []).append({
            "action": row.action, "reason": row.reason, "by": row.username or "(removed)",
            "at": row.at.strftime("%Y-%m-%d %H:%M")})
    return out


def _notes(connection: Connection, document_id: int) -> list[Note]:
    """Top-level notes, each with its replies nested under it."""
    rows = connection.execute(
        select(NoteRow.id, NoteRow.parent_id, NoteRow.finding_id, NoteRow.body,
               NoteRow.created_at, UserRow.username)
        .outerjoin(UserRow, UserRow.id == NoteRow.author_id)
        .where(NoteRow.document_id == document_id).order_by(NoteRow.id))
    made: dict[int, Note] = {}
    roots: list[Note] = []
    for row in rows:
        note = Note(row.id, row.username or "(removed)", row.body,
                    row.created_at.strftime("%Y-%m-%d %H:%M"), row.finding_id)
        made[row.id] = note
        parent = made.get(row.parent_id) if row.parent_id is not None else None
        (parent.replies if parent is not None else roots).append(note)
    return roots


def _related(connection: Connection, document_id: int, original: int | None,
             visible: list[int], limit: int = 6) -> list[Related]:
    """Near-duplicates first, then documents sharing the most indicators, all visible."""
    out: list[Related] = []
    same_text = [DocumentRow.duplicate_of == document_id]
    if original is not None:
        same_text += [DocumentRow.id == original, DocumentRow.duplicate_of == original]
    copies = connection.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.external_id)
        .where(DocumentRow.project_id.in_(visible), DocumentRow.id != document_id,
               or_(*same_text))
        .limit(limit))
    seen = {document_id}
    for copy in copies:
        out.append(Related(copy.id, copy.title or copy.external_id, "near-duplicate"))
        seen.add(copy.id)
    mine = (select(FindingRow.indicator).where(FindingRow.document_id == document_id,
                                               FindingRow.status != "rejected"))
    other = aliased(FindingRow)
    shared = func.count(func.distinct(other.indicator))
    sharing = connection.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.external_id,
               shared.label("shared"))
        .join(other, other.document_id == DocumentRow.id)
        .where(DocumentRow.project_id.in_(visible), DocumentRow.id.not_in(seen),
               DocumentRow.duplicate_of.is_(None), other.status != "rejected",
               other.indicator.in_(mine))
        .group_by(DocumentRow.id, DocumentRow.title, DocumentRow.external_id)
        .order_by(shared.desc(), DocumentRow.id.desc()).limit(limit - len(out)))
    for row in sharing:
        out.append(Related(row.id, row.title or row.external_id,
                           f"{row.shared} indicator{'s' if row.shared != 1 else ''} in common"))
    return out
