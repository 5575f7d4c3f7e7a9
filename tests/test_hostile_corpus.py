"""The hostile corpus (tests/hostile_corpus.py) in one run of `unfree ingest`.

Over 200 files built to hurt a reader are ingested by one `unfree ingest FOLDER --format
json` process, as a user would run it. The run must end (a wall-clock limit kills it
otherwise), its peak memory stay under 1 GiB (the child's own rusage, from os.wait4), and
every file be accounted for: stored (found in the database by its source) or rejected with
a reason that names the limit or the problem, as the corpus says of each file. Every valid
file is stored; the trigger words hidden by invisible characters are found; every stored
finding's quote is its text's slice.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_corpus import Expect, write_corpus

WALL_LIMIT_S = 300  # far above a normal run (about 20 s here); reaching it is a hang
MEMORY_LIMIT_BYTES = 1024**3
DOC_TIMEOUT_S = 2  # the deadline each document gets in this run (--doc-timeout)


@dataclass
class Run:
    folder: Path
    expected: dict[str, Expect]
    returncode: int
    wall_s: float
    peak_rss_bytes: int
    report: dict[str, object]
    stderr: str
    stored: dict[str, list[str]]  # relative path -> stored texts
    findings: dict[str, set[str]]  # relative path -> indicators found
    offsets_wrong: list[str]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "corpus"
    folder.mkdir()
    expected = write_corpus(folder)
    db = base / "hostile.db"
    command = [sys.executable, "-c", "from unfree.cli import app; app()", "ingest", str(folder), "--db",
               f"sqlite:///{db}", "--format", "json", "--doc-timeout", str(DOC_TIMEOUT_S)]
    with (base / "out.json").open("wb") as out, (base / "err.txt").open("wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=base)
        # A hang is a failure, not a stuck test suite: kill the child at the limit.
        killer = threading.Timer(WALL_LIMIT_S, child.kill)
        killer.start()
        try:
            # wait4 gives this child's own peak memory, not that of every child the test
            # process ever had (RUSAGE_CHILDREN would).
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            killer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    report = json.loads((base / "out.json").read_text("utf-8") or "{}")
    stored, findings, wrong = _read_store(db, folder)
    yield Run(folder, expected, child.returncode, wall, peak, report,
              (base / "err.txt").read_text("utf-8", errors="replace"), stored, findings, wrong)
    shutil.rmtree(folder, ignore_errors=True)  # over 600 MB: not kept by pytest's tmp dirs


def _read_store(db: Path, folder: Path
                ) -> tuple[dict[str, list[str]], dict[str, set[str]], list[str]]:
    stored: dict[str, list[str]] = defaultdict(list)
    findings: dict[str, set[str]] = defaultdict(set)
    wrong: list[str] = []
    if not db.exists():
        return stored, findings, wrong
    with sqlite3.connect(db) as connection:
        texts: dict[int, tuple[str, str]] = {}
        for number, source, text in connection.execute(
                "SELECT id, source, text FROM documents"):
            name = _relative(source, folder)
            stored[name].append(text)
            texts[number] = (name, text)
        for number, indicator, start, end, quote in connection.execute(
                'SELECT document_id, indicator, start, "end", quote FROM findings'):
            name, text = texts[number]
            findings[name].add(indicator)
            if text[start:end] != quote:
                wrong.append(f"{name}: {indicator} {start}-{end}")
    return stored, findings, wrong


def _relative(source: str, folder: Path) -> str:
    prefix = folder.as_posix() + "/"
    return source[len(prefix):] if source.startswith(prefix) else source


def _failures(run: Run) -> dict[str, list[str]]:
    """Rejection reasons per file; a .jsonl file's lines ("path:line N", "path: id") count
    as the file's."""
    by_file: dict[str, list[str]] = defaultdict(list)
    failures = run.report.get("failures", [])
    assert isinstance(failures, list)
    for failure in failures:
        name = _relative(failure["source"], run.folder)
        match = re.fullmatch(r"(.+?\.jsonl)(?::line \d+|: .+)", name)
        by_file[match.group(1) if match and match.group(1) in run.expected else name].append(
            failure["reason"])
    return by_file


def test_the_corpus_is_large_and_varied(run: Run) -> None:
    kinds = Counter(name.split("/")[0] for name in run.expected)
    assert len(run.expected) >= 200
    assert set(kinds) >= {"valid", "hidden", "zipbomb", "entities", "pdf", "encoding", "nul",
                          "oversized", "deep", "binary", "misc"}
    assert all(count >= 7 for count in kinds.values()), kinds
    big = run.folder / "oversized" / "single-line-200mb.txt"
    assert big.stat().st_size == 200 * 1024 * 1024


def test_no_hang_and_memory_under_a_gigabyte(run: Run) -> None:
    assert run.wall_s < WALL_LIMIT_S, "killed: the run hung"
    assert run.peak_rss_bytes < MEMORY_LIMIT_BYTES, run.peak_rss_bytes
    # Some files failed, others were stored: exit code 1, and a JSON report.
    assert run.returncode == 1, run.stderr[-2000:]
    assert run.report["stored"] == sum(len(texts) for texts in run.stored.values())
    assert run.report["skipped"] == 0  # every text of the corpus differs


def test_every_file_is_accounted_for(run: Run) -> None:
    failures = _failures(run)
    unknown = (set(failures) | set(run.stored)) - set(run.expected)
    assert not unknown, f"sources that are no file of the corpus: {sorted(unknown)[:10]}"
    problems: list[str] = []
    for name, expect in sorted(run.expected.items()):
        stored, reasons = run.stored.get(name, []), failures.get(name, [])
        if not stored and not reasons:
            problems.append(f"{name}: neither stored nor rejected")
        elif expect.outcome == "stored":
            if len(stored) != expect.documents:
                problems.append(f"{name}: {len(stored)} documents stored, expected "
                                f"{expect.documents}; rejected: {reasons}")
            if reasons and not (expect.reason and all(re.search(expect.reason, r)
                                                      for r in reasons)):
                problems.append(f"{name}: unexpected rejections {reasons}")
        elif expect.outcome == "rejected":
            if stored:
                problems.append(f"{name}: stored, expected a rejection ({expect.reason})")
            elif not all(re.search(expect.reason or "", r) for r in reasons):
                problems.append(f"{name}: rejected with {reasons}, expected {expect.reason}")
    assert not problems, "\n".join(problems)


def test_every_valid_file_is_stored_and_hidden_triggers_are_found(run: Run) -> None:
    valid = [n for n, e in run.expected.items() if e.outcome == "stored"]
    assert len(valid) >= 100
    assert all(run.stored.get(name) for name in valid)
    missing = [name for name, expect in run.expected.items()
               if expect.finding and expect.finding not in run.findings.get(name, set())]
    assert not missing, missing
    # Invisible characters are gone from what was read from files, kept in JSON Lines.
    hidden_texts = [t for n, texts in run.stored.items() if n.startswith("hidden/")
                    and not n.endswith(".jsonl") for t in texts]
    assert hidden_texts and not any(re.search("[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
                                              "\u00ad\ufeff\u061c]", t) for t in hidden_texts)
    assert "\u200b" in run.stored["hidden/records.jsonl"][0]


def test_offsets_of_stored_findings_are_exact(run: Run) -> None:
    assert sum(len(found) for found in run.findings.values()) > 100
    assert not run.offsets_wrong, run.offsets_wrong[:10]


def test_each_limit_is_named_by_the_files_that_break_it(run: Run) -> None:
    reasons = [r for rs in _failures(run).values() for r in rs]
    for option in ("--max-file-mb", "--max-chars", "--max-pdf-pages", "--max-pdf-objects",
                   "--max-docx-mb", "--max-zip-ratio", "--max-zip-members",
                   "--max-html-depth", "--doc-timeout"):
        assert any(option in r for r in reasons), option
    assert any("entity-expansion bomb" in r for r in reasons)
