"""The export page offers every format `unfree export` writes; each downloads, parses as its
format, holds the user's projects only (another team's document never appears, not even in
a quote or a table of a zip) and carries each reviewed finding's status. On SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from web_support import Workspace

from unfree.web.pages import EXPORT_FORMATS, export_formats

# Words of team B's document only (web_support.QUARRY_NOTE and its title), and of the
# default project's (ORCHARD_TESTIMONY): a format may carry the text, quotes or the title.
OTHER_TEAM = ("Osterby", "Quarry inspection")
OWN = ("Larnwood", "Orchard testimony")


def _holds(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _parsed(fmt: str, body: bytes, tmp_path: Path) -> tuple[str, list[str]]:
    """Everything the download says, as text (to look for a team's words), and the review
    statuses of the findings in it; fails when the download does not parse as `fmt`."""
    if fmt in ("json", "annotations", "ftm"):
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines()]
        assert lines
        text = json.dumps(lines, ensure_ascii=False)
        if fmt == "json":
            return text, [f["status"] for r in lines for f in r["findings"]]
        return text, []
    archive = zipfile.ZipFile(io.BytesIO(body))
    names = sorted(archive.namelist())
    if fmt == "csv":
        tables = {n: _rows(archive.read(n)) for n in names}
        assert "findings.csv" in tables and tables["documents.csv"]
        return json.dumps(tables, ensure_ascii=False), [
            r["status"] for r in tables["findings.csv"]]
    if fmt == "htcds":
        assert names == ["htcds_cases.csv", "htcds_trafficking_events.csv"]
        tables = {n: _rows(archive.read(n)) for n in names}
        assert tables["htcds_cases.csv"]
        return json.dumps(tables, ensure_ascii=False), []
    assert fmt == "datasette" and names == ["metadata.json", "unfree.db"]
    json.loads(archive.read("metadata.json"))
    database = tmp_path / "export.db"
    database.write_bytes(archive.read("unfree.db"))
    with sqlite3.connect(database) as connection:
        texts = [row[0] for row in connection.execute("SELECT text FROM documents")]
        quotes = [row[0] for row in connection.execute("SELECT quote FROM findings")]
        statuses = [row[0] for row in connection.execute("SELECT status FROM findings")]
    assert texts
    return json.dumps(texts + quotes, ensure_ascii=False), statuses


def test_every_format_of_unfree_export_is_offered() -> None:
    assert set(EXPORT_FORMATS) == {"json", "csv", "htcds", "ftm", "annotations", "datasette"}
    pytest.importorskip("followthemoney")
    assert {fmt for fmt, _ in export_formats()} == set(EXPORT_FORMATS)


def test_each_format_downloads_parses_and_holds_the_users_projects_only(
        workspace: Workspace, tmp_path: Path) -> None:
    ana = workspace.client("ana")
    rejected = ana.post(f"/api/findings/{workspace.finding_a}/review",
                        json={"action": "reject", "reason": "not in the text"})
    assert rejected.status_code == 200
    page = ana.get("/export").text
    for fmt, _ in export_formats():
        assert f'<option value="{fmt}">' in page
        for url in (f"/api/export?format={fmt}", f"/export/download?format={fmt}"):
            answer = ana.get(url)
            assert answer.status_code == 200, (url, answer.text[:300])
            assert answer.headers["content-disposition"] == (
                f'attachment; filename="{EXPORT_FORMATS[fmt][1]}"')
            assert answer.headers["cache-control"] == "no-store"
            text, statuses = _parsed(fmt, answer.content, tmp_path)
            assert _holds(text, OWN), fmt
            assert not _holds(text, OTHER_TEAM), fmt
            if fmt in ("json", "csv", "datasette"):
                assert "rejected" in statuses, fmt  # the review travels with the finding


def test_an_admin_exports_one_chosen_project_and_others_get_404(workspace: Workspace,
                                                               tmp_path: Path) -> None:
    admin = workspace.client("admin")
    for fmt, _ in export_formats():
        answer = admin.get("/api/export", params={"format": fmt,
                                                  "project": workspace.other_project})
        assert answer.status_code == 200, fmt
        text, _ = _parsed(fmt, answer.content, tmp_path)
        assert _holds(text, OTHER_TEAM) and not _holds(text, OWN), fmt
    # A team asking for another team's project: as if it did not exist.
    bea = workspace.client("bea")
    assert bea.get("/api/export", params={"format": "datasette",
                                          "project": workspace.default_project}
                   ).status_code == 404
    assert bea.get("/export/download", params={"format": "htcds",
                                               "project": workspace.default_project}
                   ).status_code == 404
    assert bea.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_without_followthemoney_ftm_is_neither_offered_nor_written(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "followthemoney" else real(name, *a))
    ana = workspace.client("ana")
    assert '<option value="ftm">' not in ana.get("/export").text
    answer = ana.get("/api/export", params={"format": "ftm"})
    assert answer.status_code == 400 and "ftm" not in answer.json()["detail"]
