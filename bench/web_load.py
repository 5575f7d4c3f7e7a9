"""Load on the review workspace, over loopback: reviewers browsing and reviewing while a
large ingest runs, with no error and no lost review allowed.

    .venv/bin/python bench/web_load.py [--reviewers 20] [--ingest 2000] [--db URL]
                                       [--max-seconds 240] [--out bench/web_results.json]

The results file keeps one entry per database (SQLite by default; --db for PostgreSQL, an
empty database whose first administrator this run makes).

What runs, each in its own process as in production: the server (`unfree serve`, the real
command), an `unfree ingest` of generated documents (tests/store_corpus.py) into the same
database, and this script's reviewers, each a thread with its own signed-in session. Every
reviewer, in turn, opens the document list, a document page and its JSON, reviews one of
its machine findings (confirm, reject or correct, with a reason) and sometimes comments;
reviewers work on disjoint documents so that the expected final status of every finding is
known. The run lasts until the ingest ends (at least --min-seconds, at most --max-seconds).

Checked at the end, in the database: every review the server acknowledged is in
`finding_reviews` and the finding's status is the reviewer's last decision; every comment
acknowledged is stored. Reported: page latency p50/p95/p99/max (HTML pages), review latency,
errors (any status other than the expected one, or a failed request), ingest throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402
from sqlalchemy import func, select  # noqa: E402
from store_corpus import make_corpus, write_jsonl  # noqa: E402
from web_server import free_port  # noqa: E402

from unfree.store.database import open_database, resolve_url  # noqa: E402
from unfree.store.schema import DocumentRow, FindingRow  # noqa: E402
from unfree.store.workspace_schema import FindingReviewRow, NoteRow  # noqa: E402

UNFREE = str(ROOT / ".venv" / "bin" / "unfree")
PASSWORD = "load test passphrase"
ACTIONS = ("confirm", "reject", "correct")


@dataclass
class Reviewer:
    """One signed-in reviewer's client and what it saw; shared with tests/test_web_load.py."""

    index: int
    client: httpx.Client
    user_id: int = 0  # the account's id, where the caller checks the database by reviewer
    page_ms: list[float] = field(default_factory=list)
    review_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected: dict[int, str] = field(default_factory=dict)  # finding id: last status
    acknowledged: Counter[tuple[int, str]] = field(default_factory=Counter)  # finding, action
    reviews: int = 0
    notes: int = 0


def _timed(reviewer: Reviewer, into: list[float], method: str, url: str,
           expect: int = 200, **kwargs: Any) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        answer = reviewer.client.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        reviewer.errors.append(f"{method} {url}: {type(exc).__name__}")
        return None
    into.append((time.perf_counter() - started) * 1000)
    if answer.status_code != expect:
        reviewer.errors.append(f"{method} {url}: {answer.status_code}")
        return None
    return answer


def work(reviewer: Reviewer, reviewers: int, stop: threading.Event, seed: int,
         note_share: float = 0.3) -> None:
    """List (first or second page), open a document (page and JSON), review one of its
    findings, now and then comment; again until `stop`. Reviewers take disjoint documents
    (id modulo their number), so each finding's final status is known: the last one its
    reviewer was told."""
    rng = random.Random(seed)
    while not stop.is_set():
        listed = _timed(reviewer, reviewer.page_ms, "GET", f"/?offset={rng.choice((0, 0, 50))}")
        ids = [int(i) for i in re.findall(r'href="/documents/(\d+)"', listed.text)] \
            if listed is not None else []
        mine = [i for i in ids if i % reviewers == reviewer.index]
        if not mine:
            time.sleep(0.05)
            continue
        doc = rng.choice(mine)
        _timed(reviewer, reviewer.page_ms, "GET", f"/documents/{doc}")
        record = _timed(reviewer, [], "GET", f"/api/documents/{doc}")
        if record is None:
            continue
        findings = record.json()["findings"]
        if findings:
            finding = rng.choice(findings)
            action = rng.choice(ACTIONS)
            body: dict[str, Any] = {"action": action, "reason": f"load {reviewer.reviews}"}
            if action == "correct":
                body.update(start=finding["start"], end=finding["end"] - 1)
                if finding["end"] - 1 <= finding["start"]:
                    body["action"] = action = "confirm"
            done = _timed(reviewer, reviewer.review_ms, "POST",
                          f"/api/findings/{finding['finding_id']}/review", json=body)
            if done is not None:
                reviewer.reviews += 1
                reviewer.expected[finding["finding_id"]] = done.json()["status"]
                reviewer.acknowledged[finding["finding_id"], action] += 1
        if rng.random() < note_share and _timed(reviewer, reviewer.review_ms, "POST",
                                         f"/api/documents/{doc}/notes", expect=201,
                                         json={"body": f"note {reviewer.notes}"}):
            reviewer.notes += 1


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="unfree-web-load-"))
    url = resolve_url(args.db or f"sqlite:///{folder / 'load.db'}")
    engine = open_database(url)
    seed_file = write_jsonl(folder / "seed.jsonl", make_corpus(args.seed_documents, seed=5))
    subprocess.run([UNFREE, "ingest", str(seed_file), "--db", url, "--quiet"], check=True,
                   capture_output=True)
    port = free_port()
    env = dict(os.environ, UNFREE_DB=url, PYTHONUNBUFFERED="1")  # its lines as printed
    # The server's output goes to a file: a pipe nobody reads would fill and stall it.
    server_log = folder / "server.log"
    with server_log.open("w") as log:
        server = subprocess.Popen([UNFREE, "serve", "--db", url, "--port", str(port),
                                   "--no-samples", "--admin", "loadadmin",
                                   # httpx, unlike browsers, sends no Secure cookie over http://
                                   "--insecure-cookies"],
                                  stdout=log, stderr=subprocess.STDOUT, env=env)
    reviewers: list[Reviewer] = []
    try:
        password = _admin_password(server_log)
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        admin = _signed_in(base, "loadadmin", password)
        for index in range(args.reviewers):
            name = f"reviewer{index:02d}"
            registered = httpx.post(base + "/api/register",
                                    json={"username": name, "password": PASSWORD})
            registered.raise_for_status()
            admin.post(f"/api/users/{registered.json()['id']}/approve",
                       json={"project_id": 1, "role": "analyst"}).raise_for_status()
            reviewers.append(Reviewer(index, _signed_in(base, name, PASSWORD)))

        corpus = write_jsonl(folder / "ingest.jsonl", make_corpus(args.ingest, seed=23))
        stop = threading.Event()
        threads = [threading.Thread(target=work, args=(r, args.reviewers, stop, r.index))
                   for r in reviewers]
        started = time.perf_counter()
        ingest = subprocess.Popen([UNFREE, "ingest", str(corpus), "--db", url, "--quiet"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for thread in threads:
            thread.start()
        ingest_seconds = None
        while True:
            elapsed = time.perf_counter() - started
            if ingest_seconds is None and ingest.poll() is not None:
                ingest_seconds = elapsed
            if (ingest_seconds is not None and elapsed >= args.min_seconds) \
                    or elapsed >= args.max_seconds:
                break
            time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join()
        duration = time.perf_counter() - started
        if ingest.poll() is None:
            ingest.kill()
        ingest_code = ingest.wait()
    finally:
        for reviewer in reviewers:
            reviewer.client.close()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    with engine.connect() as connection:
        stored = connection.scalar(select(func.count()).select_from(DocumentRow))
        acknowledged = sum(r.reviews for r in reviewers)
        logged = connection.scalar(select(func.count()).select_from(FindingReviewRow))
        status = dict(connection.execute(select(FindingRow.id, FindingRow.status)).all())
        notes = connection.scalar(select(func.count()).select_from(NoteRow))
    engine.dispose()
    lost = [fid for r in reviewers for fid, want in r.expected.items() if status.get(fid) != want]
    pages = [ms for r in reviewers for ms in r.page_ms]
    writes = [ms for r in reviewers for ms in r.review_ms]
    errors = [e for r in reviewers for e in r.errors]
    return {
        "database": url.split(":")[0].split("+")[0], "reviewers": args.reviewers,
        "ingest_documents": args.ingest, "ingest_exit_code": ingest_code,
        "ingest_seconds": round(ingest_seconds, 1) if ingest_seconds else None,
        "documents_stored": stored, "duration_seconds": round(duration, 1),
        "page_requests": len(pages), "page_ms_p50": percentile(pages, 0.5),
        "page_ms_p95": percentile(pages, 0.95), "page_ms_p99": percentile(pages, 0.99),
        "page_ms_max": round(max(pages), 1) if pages else 0.0,
        "page_ms_mean": round(statistics.fmean(pages), 1) if pages else 0.0,
        "writes": len(writes), "write_ms_p95": percentile(writes, 0.95),
        "reviews_acknowledged": acknowledged, "reviews_logged": logged,
        "reviews_lost": len(lost) + max(0, acknowledged - int(logged or 0)),
        "notes_acknowledged": sum(r.notes for r in reviewers), "notes_stored": notes,
        "errors": len(errors), "error_samples": errors[:10],
        "server_log_tail": server_log.read_text(encoding="utf-8", errors="replace")[-1500:]
        if errors else "",
    }


def _admin_password(server_log: Path) -> str:
    """The first administrator's password, as `unfree serve` prints it once."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = server_log.read_text(encoding="utf-8", errors="replace")
        found = re.search(r"password '([^']+)'", text)
        if found and "open http" in text:
            return found.group(1)
        time.sleep(0.05)
    raise RuntimeError(f"unfree serve did not start: {server_log.read_text()[-2000:]}")


def _signed_in(base: str, username: str, password: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    client.post("/api/login", json={"username": username, "password": password}
                ).raise_for_status()
    client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--ingest", type=int, default=2000)
    parser.add_argument("--seed-documents", type=int, default=200)
    parser.add_argument("--db", default=None, help="database URL (default: a new SQLite file)")
    parser.add_argument("--min-seconds", type=float, default=10)
    parser.add_argument("--max-seconds", type=float, default=240)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "web_results.json")
    args = parser.parse_args()
    result = run(args)
    print(json.dumps(result, indent=2))
    if args.out:
        # One entry per database: a run on PostgreSQL keeps the SQLite figures, and back.
        kept = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
        kept = kept if isinstance(kept, dict) and "database" not in kept else {}
        kept[result["database"]] = result
        args.out.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")
    ok = (result["errors"] == 0 and result["reviews_lost"] == 0
          and result["ingest_exit_code"] == 0
          and result["notes_stored"] == result["notes_acknowledged"])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
