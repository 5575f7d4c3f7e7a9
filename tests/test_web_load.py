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

import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
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

REVIEWERS = 6
SEED_DOCUMENTS = 60  # stored before the run, so that reviewers have work from the start
INGEST = 300
MAX_SECONDS = 45  # the run stops here even if the ingest has not finished (then it fails)
ACTIONS = ("confirm", "reject", "correct")
UNFREE = [str(Path(sys.executable).with_name("unfree"))]  # the installed command


@dataclass
class Reviewer:
    index: int
    user_id: int
    client: httpx.Client
    page_ms: list[float] = field(default_factory=list)
    review_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    last: dict[int, str] = field(default_factory=dict)  # finding id: status acknowledged
    acknowledged: Counter[tuple[int, str]] = field(default_factory=Counter)  # finding, action


def _call(reviewer: Reviewer, into: list[float], method: str, url: str,
          **kwargs: Any) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        answer = reviewer.client.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        reviewer.errors.append(f"{method} {url}: {type(exc).__name__}")
        return None
    into.append((time.perf_counter() - started) * 1000)
    if answer.status_code >= 300:
        reviewer.errors.append(f"{method} {url}: {answer.status_code} {answer.text[:200]}")
        return None
    return answer


def _work(reviewer: Reviewer, stop: threading.Event) -> None:
    """List, open a document (page and JSON), review one of its findings; again. Reviewers
    take disjoint documents (id modulo their number), so each finding's final status is
    known: the last one its reviewer was told."""
    rng = random.Random(reviewer.index)
    while not stop.is_set():
        offset = rng.choice((0, 0, 50))
        listed = _call(reviewer, reviewer.page_ms, "GET", f"/?offset={offset}")
        ids = [int(i) for i in re.findall(r'href="/documents/(\d+)"', listed.text)] \
            if listed is not None else []
        mine = [i for i in ids if i % REVIEWERS == reviewer.index]
        if not mine:
            time.sleep(0.05)
            continue
        doc = rng.choice(mine)
        _call(reviewer, reviewer.page_ms, "GET", f"/documents/{doc}")
        record = _call(reviewer, [], "GET", f"/api/documents/{doc}")
        findings = record.json()["findings"] if record is not None else []
        if not findings:
            continue
        finding = rng.choice(findings)
        action = rng.choice(ACTIONS)
        body: dict[str, Any] = {"action": action, "reason": "load test"}
        if action == "correct":
            if finding["end"] - finding["start"] < 2:
                body["action"] = action = "confirm"
            else:  # a changed span: the same one again would be refused (400)
                body.update(start=finding["start"], end=finding["end"] - 1)
        done = _call(reviewer, reviewer.review_ms, "POST",
                     f"/api/findings/{finding['finding_id']}/review", json=body)
        if done is not None:
            reviewer.last[finding["finding_id"]] = done.json()["status"]
            reviewer.acknowledged[finding["finding_id"], action] += 1
        if rng.random() < 0.2:
            _call(reviewer, reviewer.page_ms, "GET", "/?q=passport")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


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
            reviewers.append(Reviewer(index, user_id, client))
        stop = threading.Event()
        threads = [threading.Thread(target=_work, args=(r, stop)) for r in reviewers]
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
          f"{_percentile(pages, 0.5)} ms, p95 {_percentile(pages, 0.95)} ms; "
          f"{len(reviews)} reviews p95 {_percentile(reviews, 0.95)} ms; {len(errors)} errors")
    assert errors == [], errors[:5]
    assert ingest_code == 0, ingest.stderr.read() if ingest.stderr else ""
    assert stored == SEED_DOCUMENTS + INGEST
    assert len(reviews) >= REVIEWERS  # every reviewer got reviews through
    for reviewer in reviewers:
        for (finding, action), count in reviewer.acknowledged.items():
            assert logged[reviewer.user_id, finding, action] == count
            assert audited[reviewer.user_id, str(finding), f"finding.{action}"] == count
        for finding, want in reviewer.last.items():
            assert status[finding] == want
