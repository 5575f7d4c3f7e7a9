"""`unfree ingest --from-parquet DIR`: a batch's analyses stored without analysing again, the
database then equal to what `unfree ingest` of the same inputs makes (ids and timestamps
aside), loading twice adding nothing; on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_corpus import build_corpus
from sqlalchemy import select
from store_support import dump
from typer.testing import CliRunner

from unfree.cli import app
from unfree.store.database import open_database
from unfree.store.schema import DocumentRow

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]

STORY = ("The regional labour inspectorate said on Monday that forty seasonal workers at a "
         "berry farm near Easthollow had their passports taken by the farm manager and were "
         "made to work eleven hours a day without a single day off for seven weeks.")
COPIES = [
    {"id": "s-1", "lang": "en", "text": STORY},
    # A syndicated copy: new first words, the rest the same (a near-duplicate).
    {"id": "s-2", "lang": "en", "text": "BERRY FARM: " + STORY.replace("on Monday", "this week")},
    # The same text again under another id: stored once.
    {"id": "s-3", "lang": "en", "text": STORY},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Inputs both `unfree ingest` and `unfree batch` read: files, JSON Lines, a web page
    with reader comments (samples/), near-duplicates and a repeated text."""
    corpus = build_corpus(tmp_path_factory.mktemp("corpus"))
    copies = corpus / "copies.jsonl"
    copies.write_text("".join(json.dumps(c) + "\n" for c in COPIES), encoding="utf-8")
    return [str(corpus / "files"), str(corpus / "news.jsonl"), str(copies),
            str(ROOT / "samples")]


@pytest.fixture(scope="module")
def batch_dir(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "tables"
    result = runner.invoke(app, ["batch", *inputs, str(out), "-w", "1", "-q"])
    assert result.exit_code == 1, result.output  # the corpus's broken files and lines
    return out


def ingest(*args: str) -> dict:
    result = runner.invoke(app, ["ingest", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_loading_a_batch_stores_what_ingest_stores(inputs: list[str], batch_dir: Path,
                                                   db_url: str, new_database) -> None:
    loaded = ingest("--from-parquet", str(batch_dir), "--db", db_url)
    assert loaded["failed"] == 0 and loaded["skipped"] == 1  # the repeated text
    assert loaded["near_duplicates"] == 1
    direct_url = new_database()
    direct = ingest(*inputs, "--db", direct_url)
    assert direct["stored"] == loaded["stored"]
    assert dump(db_url) == dump(direct_url)


def test_loading_twice_adds_nothing(batch_dir: Path, db_url: str) -> None:
    first = ingest("--from-parquet", str(batch_dir), "--db", db_url)
    before = dump(db_url)
    second = ingest("--from-parquet", str(batch_dir), "--db", db_url)
    assert second["stored"] == 0 and second["skipped"] == first["stored"] + first["skipped"]
    assert dump(db_url) == before


def test_each_document_keeps_the_engine_version_that_analysed_it(
        batch_dir: Path, tmp_path: Path, db_url: str) -> None:
    import shutil

    older = tmp_path / "older"
    shutil.copytree(batch_dir, older)
    for path in (older / "documents").rglob("*.parquet"):
        table = pq.read_table(path)
        column = table.schema.get_field_index("engine_version")
        table = table.set_column(column, "engine_version",
                                 pa.array(["0.0.1"] * table.num_rows, pa.string()))
        pq.write_table(table, path)
    ingest("--from-parquet", str(older), "--db", db_url)
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            versions = set(connection.scalars(select(DocumentRow.engine_version)))
    finally:
        engine.dispose()
    assert versions == {"0.0.1"}


def test_a_folder_that_is_no_batch_and_bad_usage_exit_2(tmp_path: Path, batch_dir: Path
                                                        ) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(app, ["ingest", "--from-parquet", str(tmp_path), "--db", db])
    assert result.exit_code == 2
    assert "not the output of `unfree batch`" in result.stderr
    both = runner.invoke(app, ["ingest", "samples", "--from-parquet", str(batch_dir),
                               "--db", db])
    assert both.exit_code == 2
    assert runner.invoke(app, ["ingest", "--db", db]).exit_code == 2
