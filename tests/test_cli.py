"""The CLI contract: formats, ids and offsets kept for JSON Lines, errors named, exit codes,
and every output object valid against the published JSON Schema."""

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from unfree.cli import app

runner = CliRunner()

TESTIMONY = (
    "The agent promised us 500 dollars a month. When we arrived, the supervisor took our "
    "passports and locked them in his office. We worked seven days a week, from 6 a.m. "
    "until 10 p.m., and nobody was allowed to leave the camp."
)


def _schema() -> dict:
    text = resources.files("unfree.schema").joinpath("analysis.schema.json").read_text("utf-8")
    return json.loads(text)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_jsonl_keeps_ids_and_offsets_and_matches_the_schema(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, [{"id": "t-1", "text": TESTIMONY, "lang": "en"},
                       {"id": "t-2", "text": "The weather was fine all week.", "lang": "en"}])
    result = runner.invoke(app, ["analyze", str(src), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["t-1", "t-2"]
    schema = _schema()
    for row in rows:
        jsonschema.validate(row, schema)
    first = rows[0]
    for item in first["findings"] + first["facts"]:
        assert TESTIMONY[item["start"] : item["end"]] == item["quote"]
    found = {f["indicator"] for f in first["findings"]}
    assert {"retention_of_identity_documents", "excessive_overtime"} <= found
    assert first["assessment"]["forced_labour"] == "indicated"
    assert rows[1]["assessment"]["forced_labour"] == "not_indicated"


def test_text_format_shows_verdict_and_quotes(tmp_path: Path) -> None:
    src = tmp_path / "account.txt"
    src.write_text(TESTIMONY, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(src), "--format", "text", "--quiet"])
    assert result.exit_code == 0
    assert "forced labour: indicated" in result.stdout
    assert "took our" in result.stdout


def test_unreadable_input_is_named_and_the_rest_still_analysed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TESTIMONY, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["analyze", str(good), str(missing), "--format", "json"])
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr
    assert len(json.loads(result.stdout)) == 1


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt"), "--quiet"])
    assert result.exit_code == 2


def test_eval_scores_a_gold_file(tmp_path: Path) -> None:
    start = TESTIMONY.index("the supervisor")
    end = TESTIMONY.index("office.") + len("office.")
    gold = tmp_path / "gold.jsonl"
    _write_jsonl(gold, [{"id": "g", "lang": "en", "text": TESTIMONY,
                         "labels": [{"indicator": "retention_of_identity_documents",
                                     "start": start, "end": end}],
                         "facts": [{"kind": "work_days_per_week", "value": 7, "unit": "days",
                                    "start": 0, "end": 1}]}])
    result = runner.invoke(app, ["eval", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["documents"] == 1
    assert scores["per_indicator"]["retention_of_identity_documents"]["tp"] == 1
    assert scores["facts"]["tp"] == 1
    assert scores["evidence"]["recall"] == 1.0


def test_eval_names_a_broken_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 2
    assert "gold.jsonl:1" in result.stderr


def test_schema_command_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"].startswith("unfree")


def test_other_languages_are_named_and_still_get_their_numbers(tmp_path: Path) -> None:
    src = tmp_path / "it.jsonl"
    text = "I braccianti lavoravano sette giorni su sette, turni di 14h/day."
    _write_jsonl(src, [{"id": "it-1", "text": text}])
    result = runner.invoke(app, ["analyze", str(src), "--quiet"])
    row = json.loads(result.stdout)
    jsonschema.validate(row, _schema())
    assert row["lang"] == "it"
    assert row["assessment"]["language_supported"] is False
    assert "only its numbers" in row["assessment"]["reasoning"][0]
    assert [(f["kind"], f["value"]) for f in row["facts"]] == [("work_hours_per_day", 14)]
    assert [f["indicator"] for f in row["findings"]] == ["excessive_overtime"]


def test_error_lines_print_paths_as_written(tmp_path: Path) -> None:
    bad = tmp_path / "[bold]notes.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(bad)])
    assert result.exit_code == 2
    assert "[bold]notes.txt" in result.stderr


def test_an_engine_failure_on_one_document_is_reported_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug the engine hits on one odd text is that document's error line (exit 1), not the
    end of the run: the other documents are still analysed."""
    import unfree.pipeline

    real = unfree.pipeline.find_indicators

    def breaks_on_one(text: str, lang: str, facts: object = None) -> object:
        if "BREAK" in text:
            raise RuntimeError("engine bug")
        return real(text, lang, facts)  # type: ignore[arg-type]

    monkeypatch.setattr(unfree.pipeline, "find_indicators", breaks_on_one)
    (tmp_path / "a.txt").write_text("The boss kept our passports.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("BREAK the engine here.", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [Path(line["id"]).name for line in lines] == ["a.txt"]
    assert "b.txt" in result.stderr and "analysis failed: RuntimeError: engine bug" in result.stderr
