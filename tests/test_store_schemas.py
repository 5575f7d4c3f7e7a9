"""The --format json outputs of ingest, search, stats and summary follow the JSON Schemas that
`unfree schema NAME` prints (on SQLite and PostgreSQL). The texts are invented."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from unfree.cli import app

TEXTS = [
    ("farm-1", "On the tomato farm near Foggia the foreman kept the pickers' passports and paid "
               "them 3 euros an hour for eleven-hour days."),
    ("farm-2", "Pickers from Ghana said the farm near Foggia held their passports and made them "
               "work eleven hours a day, seven days a week."),
    ("broken", ""),
]


def _schema(name: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0
    schema: dict[str, object] = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("name", ["ingest", "search", "stats", "summary"])
def test_json_output_follows_its_schema(name: str, db_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "lang": "en", "text": t}) + "\n"
                              for i, t in TEXTS) + "not json\n", encoding="utf-8")
    runner = CliRunner()
    ingest = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--format", "json"])
    assert ingest.exit_code == 1  # the broken line is reported, the rest stored
    commands = {"ingest": None, "search": ["search", "passports", "--db", db_url],
                "stats": ["stats", "--db", db_url], "summary": ["summary", "--db", db_url]}
    if commands[name] is None:
        output = ingest.stdout
    else:
        result = runner.invoke(app, [*commands[name], "--format", "json"])
        assert result.exit_code == 0, result.output
        output = result.stdout
    data = json.loads(output)
    jsonschema.validate(data, _schema(name))
    if name == "ingest":
        assert data["failed"] >= 1 and data["failures"][0]["source"].startswith(str(corpus))
