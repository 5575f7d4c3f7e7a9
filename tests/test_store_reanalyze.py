"""`unfree reanalyze`: documents an older engine analysed get this engine's analysis, in one
transaction each, and whatever review touched survives."""

from __future__ import annotations

import json

from sqlalchemy import Engine, insert, select, update
from store_support import count
from typer.testing import CliRunner

from unfree import __version__
from unfree.cli import app
from unfree.model import Analysis, Document, Finding
from unfree.pipeline import analyze
from unfree.store.ingest import store_analysis
from unfree.store.reanalyze import reanalyse
from unfree.store.schema import AssessmentRow, DocumentRow, FactRow, FindingRow

runner = CliRunner()

ACCOUNT = (
    "The recruiter in Quarrow charged each of us 900 dollars for the job. On arrival the "
    "manager took our identity cards and we worked from 7 a.m. until 11 p.m. every day. "
    "He said our families would suffer if we complained."
)
CONTROL = "The library in Fenwold extended its opening hours to nine in the evening."


def _setup(engine: Engine) -> tuple[int, int]:
    """Two stored documents; the account marked as analysed by an old engine, one of its
    machine findings confirmed by a reviewer and one finding added by a reviewer."""
    for doc_id, text in (("account", ACCOUNT), ("control", CONTROL)):
        store_analysis(engine, analyze(Document(id=doc_id, text=text, lang="en")))
    with engine.begin() as connection:
        account = connection.scalar(select(DocumentRow.id)
                                    .where(DocumentRow.external_id == "account"))
        assert account is not None
        connection.execute(update(DocumentRow).where(DocumentRow.id == account)
                           .values(engine_version="0.0.1"))
        confirmed = connection.scalar(select(FindingRow.id)
                                      .where(FindingRow.document_id == account)
                                      .order_by(FindingRow.position).limit(1))
        assert confirmed is not None
        connection.execute(update(FindingRow).where(FindingRow.id == confirmed)
                           .values(status="confirmed"))
        start = ACCOUNT.index("He said")
        connection.execute(insert(FindingRow).values(
            document_id=account, position=None, indicator="abuse_of_vulnerability",
            start=start, end=len(ACCOUNT), quote=ACCOUNT[start:], confidence=1.0,
            rule="review", origin="review", status="confirmed"))
    return account, confirmed


def _findings(engine: Engine, document_id: int) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(
            select(FindingRow.id, FindingRow.position, FindingRow.indicator,
                   FindingRow.origin, FindingRow.status)
            .where(FindingRow.document_id == document_id).order_by(FindingRow.id))]


def test_old_documents_are_reanalysed_and_reviews_kept(db_url: str, engine: Engine) -> None:
    account, confirmed = _setup(engine)
    machine_count = len(analyze(Document(id="x", text=ACCOUNT, lang="en")).findings)
    before = _findings(engine, account)

    result = runner.invoke(app, ["reanalyze", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["selected"], summary["reanalysed"], summary["failed"]) == (1, 1, 0)

    after = _findings(engine, account)
    kept = {row[0]: row for row in after if row[4] != "machine" or row[3] != "machine"}
    assert set(kept) == {confirmed, before[-1][0]}  # the confirmed and the reviewer's own
    assert kept[confirmed][1] is not None  # found again: cited by the new assessment
    machine_rows = [row for row in after if row[1] is not None]
    assert len(machine_rows) == machine_count  # one row per finding of the analysis
    assert len(after) == machine_count + 1
    with engine.connect() as connection:
        versions = set(connection.scalars(select(DocumentRow.engine_version)))
    assert versions == {__version__}

    again = runner.invoke(app, ["reanalyze", "--db", db_url, "--format", "json"])
    assert json.loads(again.stdout)["selected"] == 0
    everything = runner.invoke(app, ["reanalyze", "--db", db_url, "--all", "--quiet"])
    assert everything.exit_code == 0 and everything.stdout == ""
    # The same engine: the same findings (machine rows are new rows, so ids differ).
    assert [r[1:] for r in _findings(engine, account)] == [r[1:] for r in after]


def test_a_changed_analysis_replaces_machine_rows_only(engine: Engine) -> None:
    account, confirmed = _setup(engine)

    def newer_engine(document: Document) -> Analysis:
        analysis = analyze(document)
        analysis.findings = [Finding("isolation", 0, 3, document.text[:3], 0.5, "new.rule")]
        analysis.facts = []
        analysis.assessment = {"forced_labour": "insufficient_evidence"}
        return analysis

    report = reanalyse(engine, analyse=newer_engine)
    assert (report.selected, report.reanalysed) == (1, 1)
    rows = _findings(engine, account)
    assert [(r[1], r[2], r[3]) for r in rows if r[3] == "machine" and r[4] == "machine"] == [
        (0, "isolation", "machine")]
    assert {r[0] for r in rows} >= {confirmed}  # review survives a changed engine
    assert {r[1] for r in rows if r[0] == confirmed} == {None}  # no longer found
    with engine.connect() as connection:
        assert connection.scalar(select(AssessmentRow.verdict)
                                 .where(AssessmentRow.document_id == account)) == (
            "insufficient_evidence")
        facts = connection.scalar(select(FactRow.id).where(FactRow.document_id == account))
    assert facts is None
    assert count(engine, DocumentRow) == 2
