"""The evidence base as the source of exports and reports (`--db`), on SQLite and PostgreSQL.

The texts are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, update
from typer.testing import CliRunner

from unfree.cli import app
from unfree.model import Document
from unfree.pipeline import analyze, to_dict
from unfree.store.records import iter_records
from unfree.store.schema import FindingRow

TEXT = ("The contractor in Doha kept the welders' passports in his office. They worked twelve "
        "hours a day, seven days a week, and were paid 900 riyals a month.")
COPY = TEXT + " This article first appeared in another newspaper."


def _ingest(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "doha", "lang": "en", "text": TEXT}) + "\n"
                      + json.dumps({"id": "doha-copy", "lang": "en", "text": COPY}) + "\n",
                      encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db_url, "-q"])
    assert result.exit_code == 0, result.output


def test_a_stored_record_is_the_analysis_plus_what_the_store_knows(
        db_url: str, engine: Engine, tmp_path: Path) -> None:
    _ingest(db_url, tmp_path)
    records = {r["id"]: r for r in iter_records(engine)}
    fresh = to_dict(analyze(Document(id="doha", text=TEXT, lang="en")))
    stored = records["doha"]
    for key in ("lang", "facts", "assessment", "mentions"):
        assert stored[key] == fresh[key], key
    assert [{k: v for k, v in f.items() if k not in ("status", "origin")}
            for f in stored["findings"]] == fresh["findings"]
    assert stored["text"] == TEXT and stored["duplicate_of"] is None
    assert records["doha-copy"]["duplicate_of"] == "doha"
    for finding in stored["findings"]:
        assert stored["text"][finding["start"]:finding["end"]] == finding["quote"]


def test_export_and_report_read_the_store(db_url: str, engine: Engine,
                                          tmp_path: Path) -> None:
    _ingest(db_url, tmp_path)
    with engine.begin() as connection:
        connection.execute(update(FindingRow).where(FindingRow.indicator == "excessive_overtime")
                           .values(status="rejected"))
    runner = CliRunner()
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["export", "--db", db_url, "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in lines} == {"doha", "doha-copy"}
    statuses = {f["indicator"]: f["status"] for f in lines[0]["findings"]}
    assert statuses["excessive_overtime"] == "rejected"
    html = tmp_path / "corpus.html"
    result = runner.invoke(app, ["report", "--db", db_url, "--corpus", "-o", str(html)])
    assert result.exit_code == 0, result.output
    page = html.read_text(encoding="utf-8")
    assert "Independent sources" in page and "Doha" in page


def test_export_needs_exactly_one_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "-f", "json", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "--input FILE or --db URL" in result.output
