"""Documents by project: storing an upload into its project, and listing what a set of
projects holds (the review workspace's corpus browser).

A project is a closed world: a text is stored once per project, so uploading a text that
another project holds stores a new document of this project (its own findings, reviews and
notes), and near-duplicates are looked for within the project only. What an upload answers
therefore depends on this project alone: nothing tells its uploader that some other team
holds the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Connection, Engine, func, select

from unfree.model import Analysis
from unfree.store import ingest as store_ingest
from unfree.store.audit import record_change
from unfree.store.database import WRITE
from unfree.store.rows import content_hash
from unfree.store.schema import AssessmentRow, DocumentRow, FindingRow
from unfree.store.search import Filters, filter_conditions


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing an upload did: the new document's id, or why there is none."""

    document_id: int | None
    outcome: str  # stored, near_duplicate, skipped


def store_in_project(engine: Engine, analysis: Analysis, project_id: int, *,
                     actor_id: int | None, run_id: int | None = None) -> Stored:
    """Store one analysed upload in `project_id` ("skipped" when this project holds its text
    already): the document is written with its project in one transaction, so it is never
    visible in another project, not even for a moment."""
    digest = content_hash(analysis.document.text)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if connection.scalar(select(DocumentRow.id).where(
                DocumentRow.content_hash == digest,
                DocumentRow.project_id == project_id)) is not None:
            return Stored(None, "skipped")
        # The store's own writer: one code path for every stored document.
        outcome = store_ingest.write_document(connection, analysis, digest, run_id,
                                              datetime.now(UTC), project_id=project_id)
        document_id = connection.scalar(select(DocumentRow.id).where(
            DocumentRow.content_hash == digest, DocumentRow.project_id == project_id))
        assert document_id is not None
        record_change(connection, actor_id=actor_id, action="document.upload",
                      object_type="document", object_id=document_id, project_id=project_id,
                      after={"external_id": analysis.document.id,
                             "title": analysis.document.title, "outcome": str(outcome)})
    return Stored(int(document_id), str(outcome))


@dataclass(frozen=True, slots=True)
class Listed:
    id: int
    external_id: str
    title: str | None
    lang: str
    date: str | None
    verdict: str | None
    project_id: int
    findings: int
    reviewed: int


def list_documents(connection: Connection, project_ids: list[int],
                   filters: Filters | None = None, *, offset: int = 0,
                   limit: int = 50) -> tuple[list[Listed], int]:
    """A page of the documents of `project_ids`, newest first, and how many pass the filters
    (those of full-text search, `unfree.store.search.Filters`; its `projects` is replaced by
    `project_ids`). Near-duplicates are listed too: a reviewer browses every document."""
    chosen = replace(filters or Filters(), projects=None, duplicates=True)
    conditions: list[ColumnElement[bool]] = [DocumentRow.project_id.in_(project_ids),
                                             *filter_conditions(chosen)]
    base = (select(DocumentRow.id)
            .outerjoin(AssessmentRow, AssessmentRow.document_id == DocumentRow.id)
            .where(*conditions))
    total = int(connection.scalar(select(func.count()).select_from(base.subquery())) or 0)
    finding_count = (select(func.count()).where(FindingRow.document_id == DocumentRow.id,
                                                FindingRow.status != "rejected")
                     .correlate(DocumentRow).scalar_subquery())
    reviewed_count = (select(func.count()).where(FindingRow.document_id == DocumentRow.id,
                                                 FindingRow.status != "machine")
                      .correlate(DocumentRow).scalar_subquery())
    rows = connection.execute(
        select(DocumentRow.id, DocumentRow.external_id, DocumentRow.title, DocumentRow.lang,
               DocumentRow.date, AssessmentRow.verdict, DocumentRow.project_id,
               finding_count.label("findings"), reviewed_count.label("reviewed"))
        .outerjoin(AssessmentRow, AssessmentRow.document_id == DocumentRow.id)
        .where(*conditions).order_by(DocumentRow.id.desc()).offset(offset).limit(limit))
    return [Listed(*row) for row in rows], total
