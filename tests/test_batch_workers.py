"""`unfree analyze --workers N`: the same bytes as one worker, in input order, in every
format, with unreadable inputs named in their place."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from batch_corpus import build_corpus
from typer.testing import CliRunner

from unfree.batch.pool import (
    WorkerDied,
    chunks,
    json_array,
    ordered_map,
    resolve_workers,
    start_method,
)
from unfree.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    corpus = build_corpus(tmp_path_factory.mktemp("corpus"))
    # Files and JSON Lines (what `analyze` reads), broken ones included, and the samples.
    return [str(corpus / "files"), str(corpus / "news.jsonl"), str(ROOT / "samples"),
            *(str(p) for p in sorted((ROOT / "tests" / "data").glob("written_*.jsonl")))]


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_two_workers_write_the_same_bytes_as_one(inputs: list[str], fmt: str) -> None:
    one = runner.invoke(app, ["analyze", *inputs, "-f", fmt, "-w", "1"])
    two = runner.invoke(app, ["analyze", *inputs, "-f", fmt, "--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the broken inputs
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr  # errors named in the same order
    assert "empty.txt: empty" in two.stderr


def test_workers_keep_input_order_and_the_language_option(inputs: list[str]) -> None:
    result = runner.invoke(app, ["analyze", inputs[1], "-w", "2", "--lang", "de", "-q"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["n-1", "n-2", "n-3"]
    assert {r["lang"] for r in rows} == {"de"}


def test_zero_workers_means_one_per_core() -> None:
    assert resolve_workers(0) >= 1
    assert resolve_workers(3) == 3


def test_json_array_is_json_dumps_of_the_list() -> None:
    items = [{"a": 1, "b": [1, {"c": "x\ny"}]}, {}, {"t": "«ü»"}, []]
    for n in range(len(items) + 1):
        parts = [json.dumps(i, ensure_ascii=False, indent=2) for i in items[:n]]
        assert json_array(parts) == json.dumps(items[:n], ensure_ascii=False, indent=2)


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def test_ordered_map_uses_other_processes_and_keeps_order() -> None:
    with ordered_map(_pid_and_square, range(200), workers=2) as results:
        got = list(results)
    assert [square for _, square in got] == [x * x for x in range(200)]
    assert os.getpid() not in {pid for pid, _ in got}
    with ordered_map(_pid_and_square, range(5), workers=1) as results:
        assert {pid for pid, _ in results} == {os.getpid()}


def _die_on_three(x: int) -> int:
    if x == 3:
        os._exit(1)  # as the kernel's out-of-memory killer would end it
    return x


def test_a_worker_that_dies_ends_the_run_with_an_error_not_a_hang() -> None:
    with pytest.raises(WorkerDied, match="ended in the middle of the run"), \
            ordered_map(_die_on_three, range(8), workers=2) as results:
        list(results)


def test_chunks_by_count_and_by_size() -> None:
    assert [len(c) for c in chunks(range(10), lambda _: 1, max_items=4)] == [4, 4, 2]
    assert [len(c) for c in chunks(["x" * 600, "y", "z" * 600], len, max_bytes=500)] == [1, 2]


def test_fork_only_where_safe() -> None:
    assert start_method() in ("fork", "forkserver", "spawn")
