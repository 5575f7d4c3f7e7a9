"""Crash safety: kill -9 at random points of ingest and of review writes, 50 times each, on
SQLite and on PostgreSQL (tests/store_support.py). After every kill the database must be
consistent and hold everything committed before it; an ingest run after the kill resumes.

How the kills are made and where they land: tests/crash_support.py. Figures are printed at the
end of each test (`pytest -s`); docs/reliability.md quotes them.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import pytest
from crash_support import (
    KILLS,
    Report,
    Tally,
    check_sqlite_file,
    crash_seed,
    fork_child,
    mark_transactions,
    reader,
    settle,
)
from fastapi import HTTPException
from sqlalchemy import Engine, func, select, text
from store_corpus import COUNTRIES, NAMES, PLACES, make_corpus
from store_support import NewDatabase, dump

from unfree.model import Analysis, Comment, Document
from unfree.pipeline import analyze
from unfree.report.palette import indicator_styles
from unfree.store import accounts, neardup
from unfree.store.database import open_database
from unfree.store.ingest import Outcome, ingest
from unfree.store.rows import content_hash
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
from unfree.store.workspace_schema import AuditRow, FindingReviewRow, NoteRow
from unfree.web import actions

CORPUS_SIZE = 700  # room for 50 rounds of at most 16 commits, and what lands in delays
MAX_STORED_PER_ROUND = 16  # a round waits for 0..16 new commits, then a random delay
DEFAULT_PACE = 0.005  # seconds per commit, until a round has measured it
RESUME_OVERLAP = 25  # stored documents each resumed run is given again, and must skip
MAX_REVIEWS_PER_ROUND = 20
REVIEWED_DOCUMENTS = 40
ANALYSIS_TABLES = (FindingRow, FactRow, MentionRow, CommentRow, AssessmentRow, LshBucket)
INPUTS = ["crash-corpus.jsonl"]

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kills fork the test process")


# --- the corpus ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Corpus:
    """Generated documents with their analyses made beforehand, so that a child spends its
    time writing (where a kill is interesting) rather than analysing."""

    documents: list[Document]
    analyses: dict[str, Analysis]
    hashes: list[str]  # in ingest order
    expected: dict[str, dict[str, int]]  # per content hash: the rows each table must hold


@cache
def _corpus() -> Corpus:
    rng = random.Random(29)
    documents = []
    for index, row in enumerate(make_corpus(CORPUS_SIZE, seed=29)):
        # Every seventh page has reader comments, so that the comments table is written too.
        comments = tuple(
            Comment(f"{rng.choice(NAMES)} from {rng.choice(PLACES)} asks whether the "
                    f"workers from {rng.choice(COUNTRIES)} were paid for week {n + index}.",
                    author=rng.choice(NAMES)) for n in range(index % 3 + 1)
        ) if index % 7 == 0 else ()
        documents.append(Document(id=row["id"], text=row["text"], lang=row["lang"],
                                  title=row["title"], date=row["date"], source=INPUTS[0],
                                  comments=comments))
    analyses = {d.id: analyze(d) for d in documents}
    hashes = [content_hash(d.text) for d in documents]
    assert len(set(hashes)) == CORPUS_SIZE, "the corpus must hold distinct texts"
    expected = {}
    for digest, document in zip(hashes, documents, strict=True):
        analysis = analyses[document.id]
        expected[digest] = {
            "findings": len(analysis.findings), "facts": len(analysis.facts),
            "mentions": len(analysis.mentions), "comments": len(document.comments),
            "assessments": 1 if analysis.assessment else 0,
            "lsh_buckets": neardup.BANDS if neardup.signature(document.text) else 0}
    return Corpus(documents, analyses, hashes, expected)


# --- ingest ----------------------------------------------------------------------------------

def _ingest_child(url: str, corpus: Corpus, start: int, report: Report) -> None:
    """An `unfree ingest` of the corpus from document `start` on, as the CLI runs it,
    reporting each commit."""
    engine = open_database(url)
    mark_transactions(engine, report)
    current: list[Document] = []

    def items() -> Any:
        for document in corpus.documents[start:]:
            current[:] = [document]
            yield document

    def on_item(result: object) -> None:
        # Called once the document's transaction has committed (or was skipped).
        if result in (Outcome.STORED, Outcome.NEAR_DUPLICATE):
            report(f"ok {content_hash(current[0].text)}")
        elif result is not Outcome.SKIPPED:
            report(f"failed {result}")

    ingest(engine, items(), inputs=INPUTS, analyse=lambda d: corpus.analyses[d.id],
           on_item=on_item)


def _committed_documents(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {digest: doc_id for doc_id, digest in connection.execute(
            select(DocumentRow.id, DocumentRow.content_hash))}


def _check_ingest_store(engine: Engine, corpus: Corpus) -> dict[str, int]:
    """Every stored document is whole, stored once, and the documents stored are the first
    ones of the corpus (a later one committed without an earlier one means a lost commit)."""
    check_sqlite_file(engine)
    with engine.connect() as connection:
        rows = connection.execute(select(
            DocumentRow.id, DocumentRow.content_hash, DocumentRow.external_id,
            DocumentRow.minhash.is_not(None), DocumentRow.duplicate_of)).all()
        stored = {digest: doc_id for doc_id, digest, *_ in rows}
        assert len(stored) == len(rows) == len({r.external_id for r in rows}), "stored twice"
        assert set(stored) == set(corpus.hashes[:len(stored)]), "not a prefix of the corpus"
        ids = set(stored.values())
        for table in ANALYSIS_TABLES:
            counts = dict(connection.execute(select(table.document_id, func.count())
                                             .group_by(table.document_id)).all())
            name = table.__tablename__
            wanted = {doc_id: n for digest, doc_id in stored.items()
                      if (n := corpus.expected[digest][name])}
            assert counts == wanted, f"{name}: rows missing, extra or orphaned"
        for doc_id, digest, _, has_minhash, duplicate_of in rows:
            assert has_minhash == bool(corpus.expected[digest]["lsh_buckets"])
            assert duplicate_of is None or (duplicate_of in ids and duplicate_of < doc_id)
        if engine.dialect.name == "postgresql":
            # Every row in the GIN index (forced, not a scan of the table) under a title word.
            connection.rollback()  # end the reads' transaction: SET LOCAL needs its own
            with connection.begin():
                connection.execute(text("SET LOCAL enable_seqscan = off"))
                found = connection.scalar(text(
                    "SELECT count(*) FROM documents "
                    "WHERE search_vector @@ to_tsquery('simple', 'report | repost')"))
            assert found == len(stored)
        else:
            indexed = set(connection.exec_driver_sql(
                "SELECT id FROM documents_fts_docsize").scalars())
            assert indexed == ids
        runs = connection.execute(select(IngestRun.status, IngestRun.finished_at)).all()
        assert {status for status, _ in runs} <= {"running", "finished"}
        assert all((status == "finished") == (end is not None) for status, end in runs)
    return stored


def test_kill_9_during_ingest_50_times(new_database: NewDatabase) -> None:
    corpus = _corpus()
    seed = crash_seed("ingest")
    rng = random.Random(seed)
    url = new_database()
    open_database(url).dispose()  # the schema, before the first kill
    read = reader(url)
    tally = Tally(f"ingest on {read.dialect.name}")
    stored: dict[str, int] = {}
    for round_no in range(KILLS):
        target = rng.randint(0, MAX_STORED_PER_ROUND)
        delay = rng.random()
        # Each run after a kill is given the corpus from a little before where the store
        # stands, not from its start: skipping hundreds of stored documents one query each
        # would be most of the test's time, and the last run below skips all of them.
        start = max(0, len(stored) - RESUME_OVERLAP)
        with fork_child(partial(_ingest_child, url, corpus, start)) as child:
            child.wait_for("ok ", target)
            child.sleep(delay * 2 * child.pace(DEFAULT_PACE))
            committed = _committed_documents(read)
            child.kill()
        settle(read)
        where = f"seed {seed}, kill {round_no + 1}, {child.kill_point()}"
        after = _check_ingest_store(read, corpus)
        assert not [line for line in child.lines if line.startswith("failed")], where
        acknowledged = {line.split()[1] for line in child.lines if line.startswith("ok ")}
        assert len(acknowledged) >= target, where
        # Nothing committed is lost: not what a second connection saw committed, not what
        # the killed writer saw committed, not what earlier rounds stored.
        for earlier in (committed, stored):
            assert earlier.items() <= after.items(), where
        assert acknowledged <= after.keys(), where
        assert len(after) < CORPUS_SIZE, f"{where}: the corpus ran out before the last kill"
        tally.record(child, len(committed))
        stored = after

    # An ingest after the last kill skips what is stored and stores the rest, once.
    engine = open_database(url)
    try:
        report = ingest(engine, corpus.documents, inputs=INPUTS,
                        analyse=lambda d: corpus.analyses[d.id])
    finally:
        engine.dispose()
    assert (report.skipped, report.stored, report.failures) == (
        len(stored), CORPUS_SIZE - len(stored), [])
    assert len(_check_ingest_store(read, corpus)) == CORPUS_SIZE
    with read.connect() as connection:
        statuses = Counter(connection.scalars(select(IngestRun.status)))
        linked = connection.scalar(select(func.count()).where(
            DocumentRow.duplicate_of.is_not(None)))
    assert statuses["finished"] == 1 and statuses["running"] <= KILLS
    assert linked, "no repost was linked: the near-duplicate checks checked nothing"

    # And the store is what one uninterrupted run makes of the corpus, row for row.
    uninterrupted = new_database()
    engine = open_database(uninterrupted)
    try:
        ingest(engine, corpus.documents, inputs=INPUTS,
               analyse=lambda d: corpus.analyses[d.id])
    finally:
        engine.dispose()
    assert dump(url) == dump(uninterrupted)
    read.dispose()
    print(tally.summary())


# --- review writes ---------------------------------------------------------------------------

OPERATIONS = {"confirm": 3, "reject": 2, "correct": 3, "add": 2, "note": 3, "refused": 1}
STATE_KEYS = ("indicator", "start", "end", "quote", "status", "origin")


def _state(values: Any) -> str:
    """A finding's reviewable state (from a row, a review's JSON or an action's answer)."""
    mapping = getattr(values, "_mapping", values)
    return json.dumps({key: mapping[key] for key in STATE_KEYS}, sort_keys=True)


def _span(rng: random.Random, length: int) -> tuple[int, int]:
    start = rng.randrange(length - 1)
    return start, min(length, start + rng.randint(1, 60))


def _review_child(url: str, reviewer: int, seed: int, report: Report) -> None:
    """A reviewer working through the web app's own write functions, without end."""
    engine = open_database(url)
    mark_transactions(engine, report)
    rng = random.Random(seed)
    indicators = sorted(indicator_styles())
    with engine.connect() as connection:
        texts = dict(connection.execute(select(DocumentRow.id, DocumentRow.text)).all())
        findings = [(f, d) for f, d in connection.execute(
            select(FindingRow.id, FindingRow.document_id))]
        notes = [(n, d) for n, d in connection.execute(select(NoteRow.id, NoteRow.document_id))]
    while True:
        operation = rng.choices(list(OPERATIONS), weights=list(OPERATIONS.values()))[0]
        reason = f"checked against interview {rng.randint(1, 500)} ({operation})"
        finding_id, document_id = rng.choice(findings)
        length = len(texts[document_id])
        try:
            if operation in ("confirm", "reject"):
                after = actions.review(engine, reviewer, finding_id, operation, reason,
                                       None, None, None)
            elif operation == "correct":
                after = actions.review(engine, reviewer, finding_id, "correct", reason,
                                       rng.choice(indicators), *_span(rng, length))
            elif operation == "add":
                document_id = rng.choice(list(texts))
                after = actions.add_finding(engine, reviewer, document_id, rng.choice(indicators),
                                            *_span(rng, len(texts[document_id])), reason)
                findings.append((after["id"], document_id))
            elif operation == "note":
                # On the document, on one of its findings, or a reply in one of its threads.
                threads = [n for n, d in notes if d == document_id]
                parent = rng.choice(threads) if threads and rng.random() < 0.4 else None
                on = finding_id if parent is None and rng.random() < 0.5 else None
                note_id = actions.add_note(engine, reviewer, document_id,
                                           f"Note {rng.randint(1, 10**6)}: {reason}", on, parent)
                notes.append((note_id, document_id))
                report(f"ok note {note_id}")
                continue
            else:  # a correction the store refuses: a span past the text's end
                actions.review(engine, reviewer, finding_id, "correct", reason, None,
                               length - 2, length + 50)
                raise AssertionError("a span past the end was accepted")
        except HTTPException:
            report("refused")
            continue
        report(f"ok review {after['id']} {_state(after)}")


def _review_tables(engine: Engine) -> dict[str, dict[int, tuple[Any, ...]]]:
    """The workspace's append-only tables (the audit log: its review and comment rows), each
    as {id: whole row}."""
    queries = {"finding_reviews": select(FindingReviewRow.__table__),
               "notes": select(NoteRow.__table__),
               "audit_log": select(AuditRow.__table__).where(
                   AuditRow.object_type.in_(("finding", "note")))}
    with engine.connect() as connection:
        return {name: {row.id: tuple(row) for row in connection.execute(query)}
                for name, query in queries.items()}


def _check_reviews(engine: Engine, machine: dict[int, str]) -> dict[str, Any]:
    """Every review and comment has its audit row, every finding is what its latest review
    made of it (or untouched), nothing is half written. Returns the tables' rows."""
    check_sqlite_file(engine)
    with engine.connect() as connection:
        reviews = connection.execute(select(FindingReviewRow).order_by(FindingReviewRow.id)).all()
        notes = connection.execute(select(NoteRow).order_by(NoteRow.id)).all()
        audits = connection.execute(select(AuditRow).where(
            AuditRow.object_type.in_(("finding", "note"))).order_by(AuditRow.id)).all()
        findings = connection.execute(select(FindingRow, DocumentRow.text).join(
            DocumentRow, DocumentRow.id == FindingRow.document_id)).all()
    # One writer, each change with its audit row in one transaction: the audit rows of
    # findings and of notes pair, in order, with the reviews and the notes.
    finding_audits = [a for a in audits if a.object_type == "finding"]
    assert len(finding_audits) == len(reviews), "a review without its audit row or vice versa"
    for review, audit in zip(reviews, finding_audits, strict=True):
        assert (audit.object_id, audit.action, audit.actor_id, audit.before) == (
            str(review.finding_id), f"finding.{review.action}", review.reviewer_id,
            review.before)
        assert audit.after == dict(review.after, reason=review.reason)
    note_audits = [a for a in audits if a.object_type == "note"]
    assert len(note_audits) == len(notes), "a comment without its audit row or vice versa"
    for note, audit in zip(notes, note_audits, strict=True):
        assert (audit.object_id, audit.action) == (str(note.id), "note.add")
        assert audit.after == {"document_id": note.document_id, "finding_id": note.finding_id,
                               "parent_id": note.parent_id, "body": note.body}
    latest: dict[int, Any] = {}
    for review in reviews:
        if review.action == "add":
            assert review.finding_id not in latest, "an added finding reviewed before it"
        latest[review.finding_id] = review
    assert set(machine) <= {row.id for row in findings}, "a machine finding is gone"
    for row in findings:
        assert row.text[row.start:row.end] == row.quote
        if row.id in latest:
            assert _state(row) == _state(latest[row.id].after), "not its latest review"
        else:
            assert (row.origin, row.status, _state(row)) == ("machine", "machine",
                                                             machine[row.id])
    return {"reviews": reviews, "notes": notes}


def test_kill_9_during_review_writes_50_times(new_database: NewDatabase) -> None:
    corpus = _corpus()
    seed = crash_seed("review writes")
    rng = random.Random(seed)
    url = new_database()
    documents = [d for d in corpus.documents if corpus.analyses[d.id].findings]
    engine = open_database(url)
    try:
        ingest(engine, documents[:REVIEWED_DOCUMENTS], inputs=INPUTS,
               analyse=lambda d: corpus.analyses[d.id])
        with actions.writing(engine) as connection:
            reviewer = accounts.create_user(connection, "crash-reviewer", "not used",
                                            status="active")
        with engine.connect() as connection:
            machine = {row.id: _state(row) for row in connection.execute(select(FindingRow))}
    finally:
        engine.dispose()  # before any fork
    read = reader(url)
    tally = Tally(f"review writes on {read.dialect.name}")
    previous = _review_tables(read)
    refused = 0
    for round_no in range(KILLS):
        target = rng.randint(0, MAX_REVIEWS_PER_ROUND)
        delay = rng.random()
        with fork_child(partial(_review_child, url, reviewer, rng.randrange(2**31))) as child:
            child.wait_for("ok ", target)
            child.sleep(delay * 2 * child.pace(DEFAULT_PACE))
            committed = _review_tables(read)
            child.kill()
        settle(read)
        where = f"seed {seed}, kill {round_no + 1}, {child.kill_point()}"
        checked = _check_reviews(read, machine)
        after = _review_tables(read)
        # Nothing committed is lost or changed: not what a second connection saw, not what
        # earlier rounds left, not what the killed writer saw committed.
        for earlier in (committed, previous):
            for name, rows in earlier.items():
                assert rows.items() <= after[name].items(), f"{where}: {name}"
        acknowledged = [line.split(maxsplit=2)[1:] for line in child.lines
                        if line.startswith("ok ")]
        assert len(acknowledged) >= target, where
        stored_reviews = Counter(f"{r.finding_id} {_state(r.after)}" for r in checked["reviews"])
        acked_reviews = Counter(rest for kind, rest in acknowledged if kind == "review")
        assert acked_reviews <= stored_reviews, where
        note_ids = {note.id for note in checked["notes"]}
        assert {int(rest) for kind, rest in acknowledged if kind == "note"} <= note_ids, where
        refused += child.lines.count("refused")
        tally.record(child, len(committed["finding_reviews"]) + len(committed["notes"]))
        previous = after
    read.dispose()
    assert refused > 0  # refused changes happened, and left nothing behind (the pairing)
    print(tally.summary(), f"; {len(previous['finding_reviews'])} reviews, "
          f"{len(previous['notes'])} comments, {refused} refused changes")
