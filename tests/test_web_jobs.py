"""Upload progress lives in the database (`upload_jobs`, migration 0004): a second server
process (here a second application with its own engine on the same database) shows a job's
progress while another runs it, to its owner only; a job whose process stopped says so.
On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select
from web_support import Workspace

from unfree.model import Analysis, Document
from unfree.store.database import open_database
from unfree.store.workspace_schema import UploadJobRow
from unfree.web import uploads
from unfree.web.actions import writing
from unfree.web.app import create_app
from unfree.web.settings import WebSettings


@pytest.fixture
def second_app(workspace: Workspace) -> Iterator[Any]:
    engine = open_database(workspace.engine.url.render_as_string(hide_password=False))
    yield create_app(WebSettings(db_url=str(engine.url)), engine)
    engine.dispose()


def _as(client: TestClient, app: Any) -> TestClient:
    """A client of `app` with `client`'s session (sessions are rows: any process knows it)."""
    other = TestClient(app, base_url="https://testserver")
    other.cookies = client.cookies
    other.headers["X-CSRF-Token"] = client.headers["X-CSRF-Token"]
    return other


def _until(client: TestClient, url: str, done: Any, seconds: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(url)
        assert answer.status_code == 200, answer.text
        job: dict[str, Any] = answer.json()
        if done(job) or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


def test_a_second_server_process_sees_the_progress(workspace: Workspace, second_app: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real_analyze = uploads.analyze  # type: ignore[attr-defined]

    def held(document: Document) -> Analysis:
        if "second" in document.id:  # held back until the test has seen the first stored
            assert gate.wait(30)
        return real_analyze(document)

    monkeypatch.setattr(uploads, "analyze", held)
    ana = workspace.client("ana")
    started = ana.post("/upload", follow_redirects=False, data={
        "csrf_token": ana.headers["X-CSRF-Token"], "project_id": str(workspace.default_project)},
        files=[("files", ("first.txt", b"The boss kept our passports in his office.",
                          "text/plain")),
               ("files", ("second.txt", b"We worked sixteen hours a day in the kitchen.",
                          "text/plain"))])
    assert started.status_code == 303
    job_id = started.headers["location"].rsplit("/", 1)[1]
    url = f"/api/uploads/{job_id}"
    elsewhere = _as(ana, second_app)
    try:
        midway = _until(elsewhere, url, lambda j: j["stored"] == 1)
        assert (midway["total"], midway["stored"], midway["done"]) == (2, 1, False)
        assert midway["interrupted"] is False
        page = elsewhere.get(f"/uploads/{job_id}").text
        assert "Analysing" in page and 'id="job-stored">1<' in page and " of 2 documents" in page
        # Another user, on either process: as if there were no such job.
        for app in (workspace.app, second_app):
            bea = _as(workspace.client("bea"), app)
            assert bea.get(url).status_code == 404
            assert bea.get(f"/uploads/{job_id}").status_code == 404
    finally:
        gate.set()
    finished = _until(elsewhere, url, lambda j: j["done"])
    assert (finished["done"], finished["stored"], finished["failed"]) == (True, 2, 0)
    assert ana.get(url).json() == finished  # both processes say the same
    for document_id in finished["documents"]:
        assert elsewhere.get(f"/api/documents/{document_id}").status_code == 200


def test_a_job_left_by_a_stopped_process_says_it_was_interrupted(
        workspace: Workspace) -> None:
    long_ago = datetime.now(UTC) - uploads.STALLED_AFTER - timedelta(minutes=1)
    with writing(workspace.engine) as connection:
        connection.execute(insert(UploadJobRow).values(
            id="stalledjob", user_id=workspace.users["ana"],
            project_id=workspace.default_project, total=3, done=False,
            documents=[workspace.doc_a], skipped=0, failures=[], created_at=long_ago,
            updated_at=long_ago))
    ana = workspace.client("ana")
    job = ana.get("/api/uploads/stalledjob").json()
    assert (job["done"], job["interrupted"], job["stored"], job["total"]) == (False, True, 1, 3)
    assert "Interrupted" in ana.get("/uploads/stalledjob").text
    # An id longer than any job's: refused before the database.
    assert ana.get("/api/uploads/" + "x" * 33).status_code == 422
    assert ana.get("/uploads/" + "x" * 33).status_code == 404


def test_old_finished_jobs_are_deleted_as_new_ones_start(workspace: Workspace) -> None:
    old = datetime.now(UTC) - uploads.KEEP_FINISHED - timedelta(days=1)
    with writing(workspace.engine) as connection:
        for job_id, done in (("oldfinished", True), ("oldrunning", False)):
            connection.execute(insert(UploadJobRow).values(
                id=job_id, user_id=workspace.users["ana"],
                project_id=workspace.default_project, total=1, done=done, documents=[],
                skipped=0, failures=[], created_at=old, updated_at=old))
    ana = workspace.client("ana")
    started = ana.post("/upload", follow_redirects=False, data={
        "csrf_token": ana.headers["X-CSRF-Token"], "project_id": str(workspace.default_project),
        "text": "They took our passports at the border."})
    assert started.status_code == 303
    job_id = started.headers["location"].rsplit("/", 1)[1]
    with workspace.engine.connect() as connection:
        kept = set(connection.scalars(select(UploadJobRow.id)))
    assert "oldfinished" not in kept and "oldrunning" in kept  # an unfinished one stays shown
    assert job_id in kept
    # Finished before the database goes away with the test.
    assert _until(ana, f"/api/uploads/{job_id}", lambda j: j["done"])["done"]
