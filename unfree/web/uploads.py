"""Uploads: pasted text or files, analysed and stored into a project in the background, with
progress the upload page polls (`/api/uploads/{id}`).

Files are written to a private temporary folder and read by `unfree.ingest` exactly as
`unfree ingest` reads them (every format it knows, one error per unreadable file). Jobs live
in the database (`upload_jobs`, migration 0004), written after each document, so every worker
process of the server shows the same progress, whichever process runs the upload. A job whose
process stopped (a restart) is not resumed: its row stops moving and, after
`STALLED_AFTER`, says so (`interrupted`); what it stored stays stored.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, select, update

from unfree.ingest import IngestError, iter_documents
from unfree.model import Document
from unfree.pipeline import analyze
from unfree.store.database import WRITE
from unfree.store.projects import store_in_project
from unfree.store.workspace_schema import UploadJobRow

_SAFE_NAME = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c).isalnum() or chr(c) in "._-")
MAX_JOB_ID = 32  # the column's length; a longer id names no job
STALLED_AFTER = timedelta(minutes=15)
"""A job not finished and not moved for this long was left by a stopped process (analysing
one document of the largest allowed size takes well under a minute)."""
KEEP_FINISHED = timedelta(days=7)  # finished jobs older than this are deleted


@dataclass(slots=True)
class UploadJob:
    """A job's progress as last written; `interrupted` when its process stopped."""

    id: str
    user_id: int
    project_id: int
    done: bool = False
    stored: list[int] = field(default_factory=list)
    skipped: int = 0
    failures: list[str] = field(default_factory=list)
    total: int | None = None  # documents to analyse, once the files are read
    interrupted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "project": self.project_id, "done": self.done,
                "total": self.total, "interrupted": self.interrupted,
                "stored": len(self.stored), "documents": list(self.stored),
                "skipped": self.skipped, "failed": len(self.failures),
                "failures": list(self.failures)}


class UploadJobs:
    """Upload jobs in the database; each user sees only their own."""

    def get(self, engine: Engine, job_id: str, user_id: int) -> UploadJob | None:
        """The job `job_id` of `user_id`, or None (another user's job, as one that does not
        exist: ids reveal nothing)."""
        if not job_id or len(job_id) > MAX_JOB_ID:
            return None
        with engine.connect() as connection:
            row = connection.execute(select(UploadJobRow.__table__).where(
                UploadJobRow.id == job_id, UploadJobRow.user_id == user_id)).first()
        if row is None:
            return None
        stalled = datetime.now(UTC) - _aware(row.updated_at) > STALLED_AFTER
        return UploadJob(row.id, row.user_id, row.project_id, bool(row.done),
                         [int(d) for d in row.documents or []], int(row.skipped),
                         [str(f) for f in row.failures or []], row.total,
                         not row.done and stalled)

    def start(self, engine: Engine, user_id: int, project_id: int,
              pasted: Document | None, files: list[tuple[str, bytes]]) -> UploadJob:
        job = UploadJob(secrets.token_urlsafe(12), user_id, project_id)
        now = datetime.now(UTC)
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            # Old finished jobs go as new ones come: the table stays small without a timer.
            connection.execute(delete(UploadJobRow).where(
                UploadJobRow.done.is_(True), UploadJobRow.updated_at < now - KEEP_FINISHED))
            connection.execute(insert(UploadJobRow).values(
                id=job.id, user_id=user_id, project_id=project_id, total=None, done=False,
                documents=[], skipped=0, failures=[], created_at=now, updated_at=now))
        folder = Path(tempfile.mkdtemp(prefix="unfree-upload-"))
        for number, (name, content) in enumerate(files):
            clean = "".join(c for c in Path(name).name if c in _SAFE_NAME) or "upload.txt"
            (folder / f"{number:04d}-{clean}").write_bytes(content)
        thread = threading.Thread(target=_run, args=(engine, job, pasted, folder, bool(files)),
                                  daemon=True, name=f"upload-{job.id}")
        thread.start()
        return job


def _aware(when: datetime) -> datetime:
    """SQLite gives back naive datetimes (stored as UTC): make them comparable."""
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _save(engine: Engine, job: UploadJob) -> None:
    """Write the job's progress (its own short transaction, after each document)."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        connection.execute(update(UploadJobRow).where(UploadJobRow.id == job.id).values(
            total=job.total, done=job.done, documents=list(job.stored), skipped=job.skipped,
            failures=list(job.failures), updated_at=datetime.now(UTC)))


def _run(engine: Engine, job: UploadJob, pasted: Document | None, folder: Path,
         has_files: bool) -> None:
    try:
        items: list[Document | IngestError] = [pasted] if pasted is not None else []
        if has_files:
            # Read before analysing (fast next to analysis), so the page can show a total.
            items.extend(iter_documents([str(folder)]))
        job.total = len(items)
        _save(engine, job)
        for item in items:
            if isinstance(item, IngestError):
                job.failures.append(f"{Path(item.source).name}: {item.reason}")
                _save(engine, job)
                continue
            try:
                stored = store_in_project(engine, analyze(item), job.project_id,
                                          actor_id=job.user_id)
            except Exception as exc:  # one bad document must not end the upload
                job.failures.append(f"{item.title or 'document'}: {type(exc).__name__}")
                _save(engine, job)
                continue
            if stored.document_id is None:
                job.skipped += 1
            else:
                job.stored.append(stored.document_id)
            _save(engine, job)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job.done = True
        _save(engine, job)
