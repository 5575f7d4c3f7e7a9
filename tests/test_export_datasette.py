"""The datasette export: a SQLite file with sound foreign keys, FTS that Datasette detects,
views that count what a reviewer kept, served by Datasette itself in-process."""

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import DUPLICATE_ID, build_records

from unfree.export.datasette_db import export_datasette

pytest.importorskip("datasette")

from datasette.app import Datasette


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("datasette") / "unfree.db"
    counts = export_datasette(iter(build_records()), path)
    assert counts.documents == len(build_records())
    return path


def _get(db_path: Path, *paths: str) -> list[Any]:
    """GET each path from a Datasette serving the database with its metadata.json."""
    metadata = json.loads(db_path.with_name("metadata.json").read_text("utf-8"))

    async def fetch() -> list[Any]:
        ds = Datasette([str(db_path)], metadata=metadata)
        await ds.invoke_startup()
        responses = [await ds.client.get(p) for p in paths]
        for p, r in zip(paths, responses, strict=True):
            assert r.status_code == 200, (p, r.text[:300])
        return responses

    return asyncio.run(fetch())


def test_schema_is_sound(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN "
                                        "('table', 'view')")}
    assert {"documents", "findings", "facts", "mentions", "assessments", "derived",
            "indicators", "documents_fts", "findings_fts", "indicator_counts",
            "findings_with_context", "verdicts_by_language", "documents_by_country"} <= names
    fks = {(r[2], r[3]) for r in conn.execute("PRAGMA foreign_key_list(findings)")}
    assert fks == {("documents", "document_id"), ("indicators", "indicator")}
    records = build_records()
    assert conn.execute("SELECT COUNT(*) FROM findings").fetchone()[0] == sum(
        len(r["findings"]) for r in records)
    for start, end, quote, text in conn.execute(
            'SELECT f.start, f."end", f.quote, d.text FROM findings f '
            "JOIN documents d ON d.id = f.document_id"):
        assert text[start:end] == quote


def test_views_count_what_reviewers_kept(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    counts = dict(conn.execute("SELECT indicator, documents FROM indicator_counts"))
    # en-1, de-1, fr-1, es-1, ru-1, ko-1, en-emoji, hostile: not nl-1 (rejected), not the copy
    assert counts["retention_of_identity_documents"] == 8
    assert counts["debt_bondage"] == 0
    verdicts = {(lang, v): n for lang, v, n in conn.execute(
        "SELECT * FROM verdicts_by_language")}
    assert verdicts[("en", "indicated")] == 3  # the duplicate is not counted
    assert verdicts[("de", "not_indicated")] == 1
    countries = {(c, role): n for c, role, n, _ in conn.execute(
        "SELECT * FROM documents_by_country")}
    assert countries[("NP", "origin")] == 2  # en-1 and ko-1
    assert countries[("QA", "destination")] == 1  # through the city of Doha
    assert ("RO", "origin") not in countries  # rejected by a reviewer
    assert conn.execute("SELECT COUNT(*) FROM findings_with_context WHERE document_id = ?",
                        (DUPLICATE_ID,)).fetchone()[0] == 0


def test_context_columns_cut_the_text_at_code_points(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    rows = conn.execute('SELECT f.start, f."end", v.before, v.quote, v.after, d.text '
                        "FROM findings_with_context v JOIN findings f ON f.id = v.id "
                        "JOIN documents d ON d.id = v.document_id").fetchall()
    assert rows
    for start, end, before, quote, after, text in rows:
        assert before == text[max(0, start - 80):start]
        assert quote == text[start:end]
        assert after == text[end:end + 80]


def test_datasette_serves_views_and_full_text_search(db_path: Path) -> None:
    counts, search, quotes, meta = _get(
        db_path,
        "/unfree/indicator_counts.json?_shape=array",
        "/unfree/documents.json?_search=Spargelhof&_shape=array",
        "/unfree/findings.json?_search=passeports&_shape=array",
        "/-/metadata.json")
    by_indicator = {row["indicator"]: row for row in counts.json()}
    # en-1, nl-1, de-1, ru-1, ko-1, hostile
    assert by_indicator["excessive_overtime"]["documents"] == 6
    assert by_indicator["excessive_overtime"]["label"] == "Excessive overtime"
    assert [row["id"] for row in search.json()] == ["de-1"]
    assert {row["document_id"] for row in quotes.json()} == {"fr-1"}
    assert meta.json()["title"] == "unfree: forced-labour evidence"


def test_markup_in_documents_stays_text_in_datasette(db_path: Path) -> None:
    row, page = _get(db_path, "/unfree/documents/hostile.json?_shape=array",
                     "/unfree/documents/hostile")
    [doc] = row.json()
    assert "<script>alert('x')</script>" in doc["text"]
    assert doc["title"] == "<script>alert('title')</script>"
    assert "<script>alert(" not in page.text
    assert "&lt;script&gt;alert(" in page.text


def test_metadata_describes_every_table_and_view(db_path: Path) -> None:
    meta = json.loads(db_path.with_name("metadata.json").read_text("utf-8"))
    tables = meta["databases"]["unfree"]["tables"]
    conn = sqlite3.connect(db_path)
    described = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE (type = 'table' AND name NOT LIKE '%fts%') "
        "OR type = 'view'")}
    assert described == set(tables)
    assert all(t["description"] for t in tables.values())
