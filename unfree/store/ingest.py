"""Storing documents: each one with all its rows in one transaction, each text once.

A document's text, analysis, comments, findings, facts, mentions, assessment and LSH buckets
are written and committed together, so a run killed at any moment leaves whole documents
only; a second run over the same inputs skips every text already stored (by its sha256,
which the `documents` table holds unique per project) and so resumes where the first one
stopped. `unfree ingest` stores into the default project; the review workspace stores an
upload into its project with the same writer (`write_document`), so that a text one project
holds is new to every other one (`unfree.store.projects`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError

from unfree import __version__
from unfree.ingest import IngestError
from unfree.ingest.errors import describe, detached
from unfree.model import Analysis, Document
from unfree.pipeline import analyze
from unfree.store import neardup
from unfree.store.database import WRITE, reason
from unfree.store.rows import (
    comment_rows,
    content_hash,
    document_values,
    insert_machine_rows,
    insert_rows,
)
from unfree.store.schema import CommentRow, DocumentRow, IngestRun, LshBucket
from unfree.store.workspace_schema import DEFAULT_PROJECT_ID


class Outcome(StrEnum):
    STORED = "stored"
    NEAR_DUPLICATE = "near_duplicate"  # stored, and linked to the copy stored first
    SKIPPED = "skipped"  # the same text is already stored


@dataclass(slots=True)
class IngestReport:
    """What one run did; `stored` counts near-duplicates too."""

    run_id: int
    stored: int = 0
    near_duplicates: int = 0
    skipped: int = 0
    failures: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, outcome: Outcome) -> None:
        if outcome is Outcome.SKIPPED:
            self.skipped += 1
            return
        self.stored += 1
        if outcome is Outcome.NEAR_DUPLICATE:
            self.near_duplicates += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run_id, "stored": self.stored, "near_duplicates": self.near_duplicates,
            "skipped": self.skipped, "failed": len(self.failures),
            "failures": [{"source": f.source, "reason": f.reason} for f in self.failures],
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[Outcome | IngestError], None]
Provenance = Callable[[Document], tuple[str, datetime]]
"""Which engine version analysed a document, and when: for analyses made elsewhere (a batch's
tables), stored as they were made rather than as made now by this engine."""

# Built once: SQLAlchemy then reuses the compiled statements for every document.
_STORED = select(DocumentRow.id).where(DocumentRow.content_hash == bindparam("digest"),
                                       DocumentRow.project_id == DEFAULT_PROJECT_ID)
_INSERT_DOCUMENT = insert(DocumentRow).returning(DocumentRow.id)


def ingest(engine: Engine, items: Iterable[Document | IngestError], *, inputs: Sequence[str],
           analyse: Callable[[Document], Analysis] = analyze,
           on_item: Progress | None = None,
           provenance: Provenance | None = None) -> IngestReport:
    """Analyse and store every document of `items` (as `unfree.ingest.iter_documents` gives
    them), recording the run. Inputs that could not be read, analysed or stored are in the
    report's failures; database errors that are not about one document raise. `analyse`
    may also look up analyses made beforehand, with `provenance` saying by what and when."""
    started = time.perf_counter()
    report = IngestReport(run_id=start_run(engine, inputs))
    try:
        # One connection for the run, one transaction per document on it.
        with engine.connect().execution_options(**WRITE) as connection:
            for item in items:
                result = item if isinstance(item, IngestError) else _ingest_one(
                    connection, item, analyse, report.run_id, provenance)
                if isinstance(result, IngestError):
                    report.failures.append(result)
                else:
                    report.count(result)
                if on_item is not None:
                    on_item(result)
    except BaseException:
        # Ctrl-C or a database gone: say so in the run's row if the database still answers.
        report.seconds = time.perf_counter() - started
        with suppress(Exception):
            finish_run(engine, report, "interrupted")
        raise
    report.seconds = time.perf_counter() - started
    finish_run(engine, report, "finished")
    return report


def _ingest_one(connection: Connection, document: Document,
                analyse: Callable[[Document], Analysis], run_id: int,
                provenance: Provenance | None = None) -> Outcome | IngestError:
    """Check, analyse and store one document: its rows are written in one transaction."""
    digest = content_hash(document.text)
    if _is_stored(connection, digest):
        return Outcome.SKIPPED  # before analysing: a resumed run catches up fast
    label = describe(document)
    try:
        # Outside any transaction: SQLite's write lock is not held while the engine reads.
        analysis = analyse(document)
    except IngestError as exc:  # a limit the analysis ran into (--doc-timeout) names itself
        return detached(exc)  # kept in the report: without the analysis' frames and data
    except Exception as exc:  # an engine bug on one odd text must not end a run
        return IngestError(label, f"analysis failed: {type(exc).__name__}: {exc}")
    try:
        with connection.begin():
            if connection.scalar(_STORED, {"digest": digest}) is not None:
                return Outcome.SKIPPED  # stored meanwhile by another process
            version, analysed_at = (provenance(document) if provenance is not None
                                    else (__version__, datetime.now(UTC)))
            return write_document(connection, analysis, digest, run_id, analysed_at,
                                  engine_version=version)
    except DataError as exc:  # e.g. a character this database cannot hold
        return IngestError(label, f"cannot store: {reason(exc)}")
    except IntegrityError:
        # Another process stored the same text between our check and our insert.
        if _is_stored(connection, digest):
            return Outcome.SKIPPED
        raise


def _is_stored(connection: Connection, digest: str) -> bool:
    with connection.begin():
        return connection.scalar(_STORED, {"digest": digest}) is not None


def store_analysis(engine: Engine, analysis: Analysis, *, run_id: int | None = None,
                   analysed_at: datetime | None = None) -> Outcome:
    """Store one analysed document and all its rows in one transaction (or skip it when its
    text is stored already)."""
    digest = content_hash(analysis.document.text)
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        if connection.scalar(_STORED, {"digest": digest}) is not None:
            return Outcome.SKIPPED
        return write_document(connection, analysis, digest, run_id,
                              analysed_at or datetime.now(UTC))


def write_document(connection: Connection, analysis: Analysis, digest: str, run_id: int | None,
                   analysed_at: datetime, *, engine_version: str = __version__,
                   project_id: int = DEFAULT_PROJECT_ID) -> Outcome:
    """Insert one analysed document of `project_id` with all its rows, in the caller's
    transaction, after the caller checked that the project does not hold its text
    (`digest`). A near-duplicate is linked to a copy in the same project only: another
    project's documents are not even compared with it."""
    text = analysis.document.text
    sig = neardup.signature(text)
    values = document_values(analysis, digest, analysed_at, engine_version=engine_version)
    values.update(ingest_run_id=run_id, minhash=sig.to_bytes() if sig is not None else None,
                  duplicate_of=None, similarity=None, project_id=project_id)
    match = (neardup.find_original(connection, sig, project_id=project_id)
             if sig is not None else None)
    if match is not None:
        values.update(duplicate_of=match.original_id, similarity=match.similarity)
    document_id = connection.scalar(_INSERT_DOCUMENT, values)
    assert document_id is not None
    insert_rows(connection, CommentRow, comment_rows(document_id, analysis))
    insert_machine_rows(connection, document_id, analysis)
    if sig is not None:
        insert_rows(connection, LshBucket, neardup.bucket_rows(document_id, sig))
    return Outcome.STORED if match is None else Outcome.NEAR_DUPLICATE


def start_run(engine: Engine, inputs: Sequence[str]) -> int:
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        run_id = connection.scalar(insert(IngestRun).values(
            started_at=datetime.now(UTC), status="running", engine_version=__version__,
            inputs=list(inputs), stored=0, near_duplicates=0, skipped=0, failed=0,
        ).returning(IngestRun.id))
    assert run_id is not None
    return int(run_id)


def finish_run(engine: Engine, report: IngestReport, status: str) -> None:
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(update(IngestRun).where(IngestRun.id == report.run_id).values(
            finished_at=datetime.now(UTC), status=status, stored=report.stored,
            near_duplicates=report.near_duplicates, skipped=report.skipped,
            failed=len(report.failures)))
