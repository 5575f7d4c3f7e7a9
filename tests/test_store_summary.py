"""`unfree summary`: counts over independent sources, strongest quotes, corroborated claims.

Runs on SQLite and PostgreSQL (fixtures in tests/store_support.py). The texts are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine, update
from typer.testing import CliRunner

from unfree.cli import app
from unfree.store.schema import FindingRow
from unfree.store.summary import summarise

# Two independent accounts of one site in Qatar, a repost of the first, and an unrelated
# report from Spain.
FIRST = ("Workers from Nepal on the stadium site in Qatar said the company kept their passports "
         "in the site office. They worked fourteen hours a day, seven days a week, and the "
         "foreman beat a welder who asked for his wages. The men slept twelve to a room.")
SECOND = ("A second group of Nepali labourers who built the stadium in Qatar told us the "
          "manager took their passports on arrival and never returned them. Pay arrived three "
          "months late, and those who complained were threatened with deportation.")
REPOST = "REPOSTED: " + FIRST + " Share this story."
OTHER = ("En una finca de Almería, los temporeros marroquíes trabajaban doce horas al día y el "
         "encargado se quedaba con sus pasaportes.")


def _ingest(db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [("qa-1", "en", FIRST, "2024-03-02"), ("qa-2", "en", SECOND, "2024-05-10"),
            ("qa-1-repost", "en", REPOST, "2024-03-05"), ("es-1", "es", OTHER, "2023-09-01")]
    corpus.write_text("".join(json.dumps({"id": i, "lang": lang, "text": text, "date": date})
                              + "\n" for i, lang, text, date in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db_url, "--quiet"])
    assert result.exit_code == 0, result.output


def test_counts_are_over_independent_sources(db_url: str, engine: Engine,
                                              tmp_path: Path) -> None:
    _ingest(db_url, tmp_path)
    summary = summarise(engine)
    assert summary["documents"] == 4
    assert summary["independent_sources"] == 3  # the repost is the first account again
    passports = next(r for r in summary["indicators"]
                     if r["indicator"] == "retention_of_identity_documents")
    assert passports["documents"] == 4 and passports["independent_sources"] == 3
    # One quote per source: the repost never crowds out an independent account.
    quoted = [q["document"] for q in passports["quotes"]]
    assert len(quoted) == len(set(quoted)) == 3
    assert not {"qa-1", "qa-1-repost"} <= set(quoted)
    assert {y["year"]: y["independent_sources"] for y in summary["years"]} == {2023: 1, 2024: 2}


def test_a_claim_counts_its_independent_sources(db_url: str, engine: Engine,
                                                tmp_path: Path) -> None:
    _ingest(db_url, tmp_path)
    claims = summarise(engine)["claims"]
    qatar = {c["indicator"]: c for c in claims if c["at"] == "country" and c["key"] == "QA"}
    # Two accounts (and a repost) say passports were taken in Qatar: corroborated.
    assert qatar["retention_of_identity_documents"]["independent_sources"] == 2
    assert qatar["retention_of_identity_documents"]["documents"] == 3
    assert qatar["retention_of_identity_documents"]["corroborated"]
    # Violence is in the first account only; its repost adds nothing.
    assert qatar["physical_and_sexual_violence"]["independent_sources"] == 1
    assert not qatar["physical_and_sexual_violence"]["corroborated"]
    origins = {r["key"]: r for r in summarise(engine)["origins"]}
    assert origins["NP"]["independent_sources"] == 2


def test_rejected_findings_count_nowhere(db_url: str, engine: Engine, tmp_path: Path) -> None:
    _ingest(db_url, tmp_path)
    with engine.begin() as connection:
        connection.execute(update(FindingRow)
                           .where(FindingRow.indicator == "physical_and_sexual_violence")
                           .values(status="rejected"))
    summary = summarise(engine)
    assert "physical_and_sexual_violence" not in {r["indicator"] for r in summary["indicators"]}
    assert not any(c["indicator"] == "physical_and_sexual_violence" for c in summary["claims"])


def test_summary_command_prints_json_and_escaped_text(db_url: str, tmp_path: Path) -> None:
    _ingest(db_url, tmp_path)
    runner = CliRunner()
    as_json = runner.invoke(app, ["summary", "--db", db_url, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["independent_sources"] == 3
    as_text = runner.invoke(app, ["summary", "--db", db_url, "--min-sources", "2"])
    assert as_text.exit_code == 0, as_text.output
    assert "Retention of identity" in as_text.stdout
    # Only the corroborated claim is listed with --min-sources 2.
    assert "country QA" in as_text.stdout and "single source" not in as_text.stdout
    assert "corroborated" in as_text.stdout


def test_summary_of_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    result = CliRunner().invoke(app, ["summary", "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 2
    assert "nothing-here.db" in result.output
