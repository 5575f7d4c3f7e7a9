"""Uploads: pasted text or files, analysed and stored into a project in the background, with
progress the upload page polls (`/api/uploads/{id}`).

Files are written to a private temporary folder and read by `unfree.ingest` exactly as
`unfree ingest` reads them (every format it knows, one error per unreadable file). Jobs live
in this process's memory: a restarted server forgets its progress, not what was stored.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from unfree.ingest import IngestError, iter_documents
from unfree.model import Document
from unfree.pipeline import analyze
from unfree.store.projects import store_in_project

_SAFE_NAME = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c).isalnum() or chr(c) in "._-")


@dataclass(slots=True)
class UploadJob:
    id: str
    user_id: int
    project_id: int
    done: bool = False
    stored: list[int] = field(default_factory=list)
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "project": self.project_id, "done": self.done,
                "stored": len(self.stored), "documents": list(self.stored),
                "skipped": self.skipped, "failed": len(self.failures),
                "failures": list(self.failures)}


class UploadJobs:
    """The jobs of this server process; each user sees only their own."""

    def __init__(self) -> None:
        self._jobs: dict[str, UploadJob] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str, user_id: int) -> UploadJob | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.user_id == user_id else None

    def start(self, engine: Engine, user_id: int, project_id: int,
              pasted: Document | None, files: list[tuple[str, bytes]]) -> UploadJob:
        job = UploadJob(secrets.token_urlsafe(12), user_id, project_id)
        with self._lock:
            self._jobs[job.id] = job
        folder = Path(tempfile.mkdtemp(prefix="unfree-upload-"))
        for number, (name, content) in enumerate(files):
            clean = "".join(c for c in Path(name).name if c in _SAFE_NAME) or "upload.txt"
            (folder / f"{number:04d}-{clean}").write_bytes(content)
        thread = threading.Thread(target=_run, args=(engine, job, pasted, folder, bool(files)),
                                  daemon=True, name=f"upload-{job.id}")
        thread.start()
        return job


def _run(engine: Engine, job: UploadJob, pasted: Document | None, folder: Path,
         has_files: bool) -> None:
    try:
        items: list[Document | IngestError] = [pasted] if pasted is not None else []
        if has_files:
            items.extend(iter_documents([str(folder)]))
        for item in items:
            if isinstance(item, IngestError):
                job.failures.append(f"{Path(item.source).name}: {item.reason}")
                continue
            try:
                stored = store_in_project(engine, analyze(item), job.project_id,
                                          actor_id=job.user_id)
            except Exception as exc:  # one bad document must not end the upload
                job.failures.append(f"{item.title or 'document'}: {type(exc).__name__}")
                continue
            if stored.document_id is None:
                job.skipped += 1
            else:
                job.stored.append(stored.document_id)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job.done = True
