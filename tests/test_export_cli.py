"""`unfree export` end to end: analyses written by `unfree analyze`, texts joined back from
the inputs, every format written, bad inputs refused with exit code 2."""

import csv
import json
import sqlite3
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from unfree.cli import app as main_app
from unfree.export.cli import ExportFormat, export_cmd

runner = CliRunner()
export_app = typer.Typer()
export_app.command("export")(export_cmd)  # as the main CLI registers it

DOCS = [
    {"id": "w-1", "lang": "en", "text": "The agent kept our passports. We worked from 6 a.m. "
                                        "until 11 p.m. every day and were never paid."},
    {"id": "w-2", "lang": "nl", "text": "=SOM(1) De baas hield onze paspoorten in zijn kluis."},
    {"id": "w-3", "lang": "de", "text": "Alle Arbeiter bekamen ihren Lohn pünktlich."},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cli")
    docs = folder / "docs.jsonl"
    docs.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DOCS), "utf-8")
    analyses = folder / "analyses.jsonl"
    result = runner.invoke(main_app, ["analyze", str(docs), "-o", str(analyses), "--quiet"])
    assert result.exit_code == 0, result.output
    return docs, analyses


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_format_writes_from_analyses(fmt: ExportFormat, inputs: tuple[Path, Path],
                                           tmp_path: Path) -> None:
    docs, analyses = inputs
    out = tmp_path / {"csv": "csv", "htcds": "htcds", "datasette": "unfree.db"}.get(
        fmt.value, "out.jsonl")
    result = runner.invoke(export_app, ["--format", fmt.value, "--input", str(analyses),
                                        "-o", str(out), "--documents", str(docs)])
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert fmt.value in result.output


def test_documents_option_joins_the_texts_back(inputs: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    docs, analyses = inputs
    db = tmp_path / "unfree.db"
    result = runner.invoke(export_app, ["-f", "datasette", "-i", str(analyses), "-o", str(db),
                                        "-d", str(docs)])
    assert result.exit_code == 0, result.output
    texts = dict(sqlite3.connect(db).execute("SELECT id, text FROM documents"))
    assert texts == {d["id"]: d["text"] for d in DOCS}
    without = tmp_path / "bare.db"
    runner.invoke(export_app, ["-f", "datasette", "-i", str(analyses), "-o", str(without)])
    assert sqlite3.connect(without).execute(
        "SELECT COUNT(*) FROM documents WHERE text IS NULL").fetchone()[0] == len(DOCS)


def test_csv_from_the_cli_is_formula_safe(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    _, analyses = inputs
    result = runner.invoke(export_app, ["-f", "csv", "-i", str(analyses), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with (tmp_path / "findings.csv").open(encoding="utf-8", newline="") as f:
        quotes = [row["quote"] for row in csv.DictReader(f) if row["document_id"] == "w-2"]
    assert quotes and all(q.startswith("'=SOM(1)") for q in quotes)


def test_bad_inputs_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    missing = runner.invoke(export_app, ["-f", "json", "-i", str(tmp_path / "none.jsonl"),
                                         "-o", str(out)])
    assert missing.exit_code == 2
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "findings": []}\nnot json\n', "utf-8")
    result = runner.invoke(export_app, ["-f", "json", "-i", str(broken), "-o", str(out)])
    assert result.exit_code == 2
    assert "broken.jsonl:2" in result.output
    unknown = runner.invoke(export_app, ["-f", "xml", "-i", str(broken), "-o", str(out)])
    assert unknown.exit_code == 2


def test_ftm_without_its_extra_says_what_to_install(inputs: tuple[Path, Path], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _, analyses = inputs
    monkeypatch.setitem(sys.modules, "followthemoney", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "unfree.export.ftm", raising=False)
    result = runner.invoke(export_app, ["-f", "ftm", "-i", str(analyses),
                                        "-o", str(tmp_path / "e.jsonl")])
    assert result.exit_code == 2
    assert "unfree[ftm]" in result.output
