"""A bounded load test of the review workspace on loopback, on SQLite and PostgreSQL: the real
uvicorn server (tests/web_server.py), `REVIEWERS` signed-in reviewers browsing and reviewing
over HTTP while `unfree ingest`, in its own process as in production, stores `INGEST`
generated documents into the same database.

Asserted: no 5xx and no failed connection; every review the server acknowledged (a 2xx) is
in `finding_reviews` *and* in the audit log, and each finding's status is its reviewer's last
decision; the ingest stored everything. Printed (`pytest -s` shows it): page latency p50 /
p95 and review latency p95. The full run (20 reviewers, 2,000 documents, the real `unfree
serve`) is `bench/web_load.py`.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from store_corpus import make_corpus, write_jsonl
from web_server import serving
from web_support import PASSWORD, make_user

from unfree.store.database import open_database
from unfree.store.schema import DocumentRow, FindingRow
from unfree.store.workspace_schema import DEFAULT_PROJECT_ID, AuditRow, FindingReviewRow
from unfree.web.app import create_app
from unfree.web.settings import WebSettings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from web_load import Reviewer, percentile, work  # the bench's reviewers

REVIEWERS = 6
SEED_DOCUMENTS = 60  # stored before the run, so that reviewers have work from the start
INGEST = 300
MAX_SECONDS = 45  # the run stops here even if the ingest has not finished (then it fails)
UNFREE = [str(Path(sys.executable).with_name("unfree"))]  # the installed command


def test_reviewers_lose_nothing_while_a_large_ingest_runs(db_url: str,
                                                          tmp_path: Path) -> None:
    engine = open_database(db_url)
    seed = write_jsonl(tmp_path / "seed.jsonl", make_corpus(SEED_DOCUMENTS, seed=5))
    subprocess.run([*UNFREE, "ingest", str(seed), "--db", db_url, "--quiet"], check=True,
                   capture_output=True)
    users = [make_user(engine, f"reviewer{i}", roles={DEFAULT_PROJECT_ID: "analyst"})
             for i in range(REVIEWERS)]
    # httpx sends no Secure cookie over http://: cookies without it, as behind a TLS proxy.
    app = create_app(WebSettings(db_url=db_url, secure_cookies=False), engine)
    corpus = write_jsonl(tmp_path / "ingest.jsonl", make_corpus(INGEST, seed=23))
    reviewers: list[Reviewer] = []
    with serving(app) as base:
        for index, user_id in enumerate(users):
            client = httpx.Client(base_url=base, timeout=30)
            client.post("/api/login", json={"username": f"reviewer{index}",
                                            "password": PASSWORD}).raise_for_status()
            client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
            reviewers.append(Reviewer(index, client, user_id))
        stop = threading.Event()
        # Reviews only (no comments): what is checked below is every acknowledged review.
        threads = [threading.Thread(target=work, args=(r, REVIEWERS, stop, r.index, 0.0))
                   for r in reviewers]
        started = time.perf_counter()
        ingest = subprocess.Popen([*UNFREE, "ingest", str(corpus), "--db", db_url, "--quiet"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for thread in threads:
            thread.start()
        try:
            ingest_code = ingest.wait(timeout=MAX_SECONDS)
        except subprocess.TimeoutExpired:
            ingest.kill()
            ingest_code = ingest.wait()
        ingest_seconds = time.perf_counter() - started
        stop.set()
        for thread in threads:
            thread.join()
        for reviewer in reviewers:
            reviewer.client.close()

    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(DocumentRow))
        status = dict(connection.execute(select(FindingRow.id, FindingRow.status)).all())
        logged: Counter[tuple[Any, ...]] = Counter(tuple(row) for row in connection.execute(
            select(FindingReviewRow.reviewer_id, FindingReviewRow.finding_id,
                   FindingReviewRow.action)))
        audited: Counter[tuple[Any, ...]] = Counter(tuple(row) for row in connection.execute(
            select(AuditRow.actor_id, AuditRow.object_id, AuditRow.action)
            .where(AuditRow.object_type == "finding")))
    engine.dispose()

    pages = [ms for r in reviewers for ms in r.page_ms]
    reviews = [ms for r in reviewers for ms in r.review_ms]
    errors = [e for r in reviewers for e in r.errors]
    print(f"\nweb load ({engine.dialect.name}): {REVIEWERS} reviewers, ingest of {INGEST} "
          f"documents in {ingest_seconds:.1f} s; {len(pages)} pages p50 "
          f"{percentile(pages, 0.5)} ms, p95 {percentile(pages, 0.95)} ms; "
          f"{len(reviews)} reviews p95 {percentile(reviews, 0.95)} ms; {len(errors)} errors")
    assert errors == [], errors[:5]
    assert ingest_code == 0, ingest.stderr.read() if ingest.stderr else ""
    assert stored == SEED_DOCUMENTS + INGEST
    assert len(reviews) >= REVIEWERS  # every reviewer got reviews through
    for reviewer in reviewers:
        for (finding, action), count in reviewer.acknowledged.items():
            assert logged[reviewer.user_id, finding, action] == count
            assert audited[reviewer.user_id, str(finding), f"finding.{action}"] == count
        for finding, want in reviewer.expected.items():
            assert status[finding] == want
