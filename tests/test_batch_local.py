"""`unfree batch --engine local`: partitioned Parquet tables that say, document for document,
what one process says; broken records reported, not fatal; a summary that follows its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from batch_corpus import build_corpus
from batch_support import from_tables, single_process, table_rows
from typer.testing import CliRunner

from unfree import __version__
from unfree.batch.tables import TABLES, content_sha256
from unfree.cli import app
from unfree.store.rows import content_hash

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def expected(corpus: Path) -> tuple[dict, dict]:
    return single_process([str(corpus)])


@pytest.fixture(scope="module")
def batch(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("out") / "tables"
    result = runner.invoke(app, ["batch", str(corpus), str(out), "--workers", "2",
                                 "--format", "json"])
    assert result.exit_code == 1, result.output  # some records are broken, by design
    return out, json.loads(result.stdout)


def test_every_document_equals_the_single_process_analysis(batch: tuple[Path, dict],
                                                           expected: tuple[dict, dict]) -> None:
    analyses, failures = from_tables(batch[0])
    assert analyses == expected[0]
    assert failures == expected[1]
    assert len(analyses) == 13 and len(failures) == 9


def test_the_summary_counts_and_names_failures_and_follows_its_schema(
        batch: tuple[Path, dict], expected: tuple[dict, dict]) -> None:
    out, summary = batch
    schema = json.loads(runner.invoke(app, ["schema", "batch"]).stdout)
    jsonschema.validate(summary, schema)
    assert json.loads((out / "_batch.json").read_text("utf-8")) == summary
    assert summary["documents"] == len(expected[0]) and summary["failed"] == len(expected[1])
    assert [f["record"] for f in summary["failures"]] == list(expected[1])
    assert summary["workers"] == 2 and summary["engine"] == "local"
    assert summary["peak_worker_rss_mb"] > 0 and summary["text_mb"] > 0
    assert summary["tables"]["findings"] == sum(len(a["findings"]) for a in expected[0].values())


def test_tables_are_partitioned_by_language_with_the_engine_version(
        batch: tuple[Path, dict]) -> None:
    out = batch[0]
    langs = sorted(p.name for p in (out / "documents").iterdir())
    assert langs == ["lang=de", "lang=en", "lang=es", "lang=fr", "lang=nl", "lang=ru"]
    for name, schema in TABLES.items():
        for path in (out / name).rglob("*.parquet"):
            stored = pq.read_schema(path)
            assert stored.names == [n for n in schema.names if n != "lang"], name
    documents = table_rows(out, "documents")
    assert {d["engine_version"] for d in documents} == {__version__}
    assert all(d["content_sha256"] == content_hash(d["text"]) for d in documents)
    findings = table_rows(out, "findings")
    texts = {d["record"]: d["text"] for d in documents}
    assert all(texts[f["record"]][f["start"]:f["end"]] == f["quote"] for f in findings)


def test_the_prefilter_changes_nothing(corpus: Path, batch: tuple[Path, dict],
                                       tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(corpus), str(tmp_path / "t"), "-w", "1",
                                 "--prefilter", "-q"])
    assert result.exit_code == 1
    for name in TABLES:
        assert table_rows(tmp_path / "t", name) == table_rows(batch[0], name), name


def test_an_output_folder_in_use_is_refused_unless_overwritten(corpus: Path,
                                                               tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    refused = runner.invoke(app, ["batch", str(corpus / "news.jsonl"), str(tmp_path)])
    assert refused.exit_code == 2
    assert "not empty" in refused.stderr
    again = tmp_path / "again"
    for _ in range(2):
        result = runner.invoke(app, ["batch", str(corpus / "news.jsonl"), str(again),
                                     "--overwrite", "-w", "1", "-q"])
        assert result.exit_code == 1  # news.jsonl holds three broken lines
    assert len(table_rows(again, "documents")) == 3


def test_nothing_readable_exits_2_and_usage_needs_an_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(tmp_path / "missing.jsonl"),
                                 str(tmp_path / "o"), "-w", "1"])
    assert result.exit_code == 2
    assert "missing.jsonl: no such file or folder" in result.stderr
    assert runner.invoke(app, ["batch", str(tmp_path)]).exit_code == 2


def test_the_content_hash_is_the_stores() -> None:
    for text in ("", "plain", "«ü» 여권", "\ud800 lone surrogate"):
        assert content_sha256(text) == content_hash(text)
