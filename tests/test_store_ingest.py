"""`unfree ingest` and the store under it: each text stored once with all its rows, runs
that resume after kill -9, unreadable inputs named, bad databases refused with exit 2.
Every test runs on SQLite and on PostgreSQL (tests/store_support.py)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError
from store_corpus import make_corpus, write_jsonl
from store_support import NewDatabase, count, dump
from typer.testing import CliRunner

from unfree.cli import app
from unfree.model import Analysis, Document, Mention
from unfree.pipeline import analyze
from unfree.store.database import open_database
from unfree.store.ingest import Outcome, ingest, store_analysis
from unfree.store.schema import (
    AssessmentRow,
    CommentRow,
    DocumentRow,
    FactRow,
    FindingRow,
    IngestRun,
    LshBucket,
    MentionRow,
)
from unfree.store.stats import store_stats

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
runner = CliRunner()

TESTIMONY = (
    "The agent in Marsby promised us 400 dollars a month. When we arrived at the quarry, "
    "the foreman took our passports and kept them in his car. We worked from 5 a.m. until "
    "9 p.m., seven days a week, and the guards did not let anyone walk to the village."
)


def _ingest_json(*args: str) -> tuple[int, dict[str, object], str]:
    result = runner.invoke(app, ["ingest", *args, "--format", "json", "--quiet"])
    summary = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, summary, result.stderr


def test_samples_are_stored_once_with_their_rows(db_url: str, engine: Engine) -> None:
    code, first, _ = _ingest_json(str(SAMPLES), "--db", db_url)
    assert code == 0
    assert (first["stored"], first["skipped"], first["failed"]) == (8, 0, 0)
    counts = {t.__tablename__: count(engine, t) for t in
              (DocumentRow, CommentRow, FindingRow, FactRow, AssessmentRow)}
    assert counts["documents"] == 8 and counts["assessments"] == 8
    assert counts["comments"] == 2  # the Dutch page's reader comments, kept apart
    assert counts["findings"] > 20 and counts["facts"] > 10

    code, second, _ = _ingest_json(str(SAMPLES), "--db", db_url)
    assert code == 0
    assert (second["stored"], second["skipped"]) == (0, 8)
    assert {t.__tablename__: count(engine, t) for t in
            (DocumentRow, CommentRow, FindingRow, FactRow, AssessmentRow)} == counts

    with engine.connect() as connection:
        # Offsets index the stored text, as they index the analysed one.
        for table in (FindingRow, FactRow):
            rows = connection.execute(select(DocumentRow.text, table.start, table.end,
                                             table.quote).join(table)).all()
            assert rows and all(text[s:e] == quote for text, s, e, quote in rows)
        page = connection.execute(select(DocumentRow).where(
            DocumentRow.source.like("%nl_nieuws_kassen.html"))).one()
        comments = connection.scalars(select(CommentRow.text)
                                      .where(CommentRow.document_id == page.id)).all()
        assert all(c not in page.text for c in comments)
        assert page.title and page.url and page.published is not None
        runs = connection.execute(select(IngestRun).order_by(IngestRun.id)).all()
    assert [(r.status, r.stored, r.skipped) for r in runs] == [("finished", 8, 0),
                                                               ("finished", 0, 8)]


def test_text_summary_says_what_was_skipped(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "account.txt"
    src.write_text(TESTIMONY, encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(src), "--db", db_url])
    again = runner.invoke(app, ["ingest", str(src), "--db", db_url])
    assert first.exit_code == again.exit_code == 0
    assert first.stdout.startswith("1 stored")
    assert "1 skipped, already stored" in again.stdout and again.stdout.startswith("0 stored")
    assert runner.invoke(app, ["ingest", str(src), "--db", db_url, "--quiet"]).stdout == ""


def test_unreadable_inputs_are_named_and_the_others_stored(db_url: str, engine: Engine,
                                                           tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TESTIMONY, encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 this is not a PDF at all")
    code, summary, stderr = _ingest_json(str(tmp_path / "missing.txt"), str(broken),
                                         str(good), "--db", db_url)
    assert code == 1
    assert "missing.txt" in stderr and "broken.pdf" in stderr
    assert len(stderr.strip().splitlines()) == 2  # one line each
    assert (summary["stored"], summary["failed"]) == (1, 2)
    assert {f["source"] for f in summary["failures"]} == {
        str(tmp_path / "missing.txt"), broken.as_posix()}
    assert count(engine, DocumentRow) == 1


def test_a_document_the_engine_fails_on_is_reported_and_the_run_goes_on(engine: Engine) -> None:
    def fragile(document: Document) -> Analysis:
        if "Dunmere" in document.text:
            raise RuntimeError("lexicon exploded")
        return analyze(document)

    docs = [Document(id="a", text=TESTIMONY, lang="en"),
            Document(id="b", text="The ferry to Dunmere is late again.", lang="en"),
            Document(id="c", text="The bakery in Hollin sells rye bread.", lang="en")]
    report = ingest(engine, docs, inputs=["test"], analyse=fragile)
    assert (report.stored, [f.source for f in report.failures]) == (2, ["b"])
    assert "lexicon exploded" in report.failures[0].reason
    assert count(engine, DocumentRow) == 2


@pytest.mark.parametrize("url, shown", [
    ("nosuchdb://somewhere/x", "nosuchdb://somewhere/x"),
    ("postgresql://scott:hunter2@127.0.0.1:1/evidence",
     "postgresql+psycopg://scott:***@127.0.0.1:1/evidence"),
    ("sqlite:////no/such/folder/unfree.db", "sqlite:////no/such/folder/unfree.db"),
])
def test_a_bad_database_is_a_clear_error_with_exit_2(url: str, shown: str) -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", url, "--quiet"])
    assert result.exit_code == 2
    assert shown in result.stderr
    assert "hunter2" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


def test_reading_a_database_that_does_not_exist_is_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "never.db"
    for command in (["stats"], ["search", "passport"], ["reanalyze"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2, command
        assert "never.db" in result.stderr and "no such file" in result.stderr
    assert not missing.exists()


def test_the_database_url_comes_from_unfree_db(db_url: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "account.txt"
    src.write_text(TESTIMONY, encoding="utf-8")
    monkeypatch.setenv("UNFREE_DB", db_url)
    code, summary, _ = _ingest_json(str(src))
    assert code == 0 and summary["stored"] == 1
    assert summary["db"].split("/")[-1] == db_url.split("/")[-1]


def test_mentions_are_stored_as_the_analysis_gives_them(engine: Engine) -> None:
    analysis = analyze(Document(id="m", text=TESTIMONY, lang="en"))
    start = TESTIMONY.index("Marsby")
    analysis.mentions = [Mention(kind="city", key="Marsby", start=start, end=start + 6,
                                 quote="Marsby", role="origin", country="GB"),
                         Mention(kind="country", key="GB", start=start, end=start + 6,
                                 quote="Marsby")]
    assert store_analysis(engine, analysis) is Outcome.STORED
    assert store_analysis(engine, analysis) is Outcome.SKIPPED
    with engine.connect() as connection:
        rows = connection.execute(select(MentionRow.position, MentionRow.kind, MentionRow.key,
                                         MentionRow.role, MentionRow.country, MentionRow.quote)
                                  .order_by(MentionRow.position)).all()
    assert [tuple(r) for r in rows] == [(0, "city", "Marsby", "origin", "GB", "Marsby"),
                                        (1, "country", "GB", None, None, "Marsby")]


# --- thousands of documents ---------------------------------------------------------------

CORPUS_SIZE = 2000


@cache
def _analysed_corpus() -> dict[str, Analysis]:
    """The generated corpus analysed once for the whole session (both databases use it)."""
    return {a.document.id: a for a in (analyze(_document(row))
                                       for row in make_corpus(CORPUS_SIZE))}


def _document(row: dict[str, str]) -> Document:
    return Document(id=row["id"], text=row["text"], lang=row["lang"], title=row["title"],
                    date=row["date"], source="corpus.jsonl")


def test_thousands_of_documents_ingested_twice_are_stored_once(engine: Engine) -> None:
    analyses = _analysed_corpus()
    docs = [a.document for a in analyses.values()]

    def cached(document: Document) -> Analysis:
        return analyses[document.id]

    first = ingest(engine, docs, inputs=["corpus"], analyse=cached)
    tables = (DocumentRow, FindingRow, FactRow, AssessmentRow, LshBucket)
    counts = {t.__tablename__: count(engine, t) for t in tables}
    second = ingest(engine, docs, inputs=["corpus"], analyse=cached)
    assert (first.stored, first.skipped) == (CORPUS_SIZE, 0)
    assert (second.stored, second.skipped) == (0, CORPUS_SIZE)
    assert {t.__tablename__: count(engine, t) for t in tables} == counts
    assert counts["documents"] == CORPUS_SIZE

    # The generated reposts, and only they, are linked to an earlier document.
    with engine.connect() as connection:
        linked = dict(connection.execute(select(DocumentRow.external_id,
                                                DocumentRow.duplicate_of)).all())
    reposts = {a.document.id for a in analyses.values()
               if (a.document.title or "").startswith("Repost")}
    assert len(reposts) > 50
    assert {doc_id for doc_id, original in linked.items() if original} == reposts
    assert first.near_duplicates == len(reposts)
    stats = store_stats(engine)
    assert stats["independent_sources"] == CORPUS_SIZE - len(reposts)


# --- kill -9 --------------------------------------------------------------------------------

KILL_CORPUS_SIZE = 2000  # "a few thousand" documents, killed part-way
KILL_AFTER = 300  # documents committed before the kill


def _unfree(*args: str) -> list[str]:
    return [sys.executable, "-c", "from unfree.cli import app; app()", *args]


def _stored_documents(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(DocumentRow)) or 0)
    except SQLAlchemyError:
        return 0  # the schema is not there yet
    finally:
        engine.dispose()


def _kill_after(process: subprocess.Popen[bytes], url: str, documents: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the ingest ended before it could be killed"
        if _stored_documents(url) >= documents:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return _stored_documents(url)
        time.sleep(0.02)
    process.kill()
    raise AssertionError("the ingest stored too little in two minutes")


def test_kill_9_mid_run_loses_nothing_and_a_rerun_completes_it(new_database: NewDatabase,
                                                               tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "corpus.jsonl", make_corpus(KILL_CORPUS_SIZE, seed=5))
    killed = new_database()
    process = subprocess.Popen(_unfree("ingest", str(corpus), "--db", killed, "--quiet"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    at_kill = _kill_after(process, killed, KILL_AFTER)
    assert process.returncode == -signal.SIGKILL
    assert KILL_AFTER <= at_kill < KILL_CORPUS_SIZE

    resumed = subprocess.run(_unfree("ingest", str(corpus), "--db", killed, "--quiet",
                                     "--format", "json"),
                             capture_output=True, text=True, timeout=300, check=False)
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert (summary["skipped"], summary["stored"]) == (at_kill, KILL_CORPUS_SIZE - at_kill)

    uninterrupted = new_database()
    code, once, _ = _ingest_json(str(corpus), "--db", uninterrupted)
    assert code == 0 and once["stored"] == KILL_CORPUS_SIZE
    expected = dump(uninterrupted)
    assert len(expected["documents"]) == KILL_CORPUS_SIZE
    assert expected["findings"] and expected["facts"] and expected["assessments"]
    assert dump(killed) == expected

    code, twice, _ = _ingest_json(str(corpus), "--db", uninterrupted)
    assert code == 0 and (twice["stored"], twice["skipped"]) == (0, KILL_CORPUS_SIZE)
    assert dump(uninterrupted) == expected

    engine = open_database(killed)
    try:
        assert store_stats(engine)["unfinished_runs"] == 1  # the killed run, as it is
    finally:
        engine.dispose()
