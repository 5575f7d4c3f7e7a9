"""`unfree batch --engine spark` in local mode: document for document what one process says,
on a corpus that mixes JSON Lines, Parquet, WARC pages and files with broken records, and the
same tables as the local engine.

Skipped where PySpark or Java is missing, except under CI (env CI set): there it fails, so
that CI cannot pass without running Spark. One SparkSession (local[2]) serves the module.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_corpus import build_corpus
from batch_support import from_tables, single_process, table_rows
from rich.console import Console
from typer.testing import CliRunner

from unfree.batch.local import run_local
from unfree.batch.report import Progress
from unfree.batch.spark import run_spark, spark_session, unavailable
from unfree.batch.tables import TABLES
from unfree.cli import app


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    reason = unavailable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"the Spark tests must run in CI: {reason}")
        pytest.skip(reason)
    session = spark_session("local[2]", {"spark.sql.shuffle.partitions": "2",
                                         "spark.default.parallelism": "2"})
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def quiet() -> Progress:
    return Progress(Console(stderr=True), quiet=True)


@pytest.fixture(scope="module")
def spark_out(spark: Any, corpus: Path, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("spark")
    report = run_spark([str(corpus)], out, partitions=2, progress=quiet(), spark=spark)
    return out, report.to_dict()


def test_spark_output_equals_single_process_document_for_document(
        spark_out: tuple[Path, dict[str, Any]], corpus: Path) -> None:
    analyses, failures = from_tables(spark_out[0])
    expected_analyses, expected_failures = single_process([str(corpus)])
    assert set(analyses) == set(expected_analyses)
    for record, analysis in expected_analyses.items():
        assert analyses[record] == analysis, record
    assert failures == expected_failures  # broken records reported with their reasons


def test_spark_writes_the_tables_of_the_local_engine(
        spark_out: tuple[Path, dict[str, Any]], corpus: Path, tmp_path: Path) -> None:
    run_local([str(corpus)], tmp_path, workers=1, prefilter=False, progress=quiet())
    for name in TABLES:
        assert table_rows(spark_out[0], name) == table_rows(tmp_path, name), name


def test_the_summary_counts_from_the_rows(spark_out: tuple[Path, dict[str, Any]]) -> None:
    summary = spark_out[1]
    assert (summary["engine"], summary["documents"], summary["failed"]) == ("spark", 13, 9)
    assert summary["tables"]["documents"] == 13 and summary["tables"]["failures"] == 9
    records = [f["record"] for f in summary["failures"]]
    assert records[0].endswith("crawl.warc.gz:record 6") and len(records) == 9
    assert summary["peak_worker_rss_mb"] > 0


def test_the_command_runs_spark_with_the_prefilter(spark: Any, corpus: Path,
                                                    spark_out: tuple[Path, dict[str, Any]],
                                                    tmp_path: Path) -> None:
    # The session of this module is active: the command uses it, and leaves it running.
    result = CliRunner().invoke(app, ["batch", str(corpus / "news.jsonl"),
                                      str(corpus / "wire.parquet"), str(tmp_path / "o"),
                                      "--engine", "spark", "--prefilter", "-f", "json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert (summary["documents"], summary["failed"], summary["prefilter"]) == (6, 5, True)
    ours = {r["record"]: r for r in table_rows(tmp_path / "o", "documents")}
    theirs = {r["record"]: r for r in table_rows(spark_out[0], "documents")}
    assert all(ours[k]["text"] == theirs[k]["text"] for k in ours)
    assert spark.sparkContext._jsc is not None  # still running
