"""The json and csv exports: lossless lines, exact quotes, one row per item, formula-safe
cells, review statuses carried."""

import csv
import json
import math
from pathlib import Path

import pytest
from export_fixtures import DUPLICATE_ID, build_records

from unfree.export.csv_tables import DOCUMENT_COLUMNS, export_csv
from unfree.export.json_records import export_json
from unfree.export.jsonl import dumps_line
from unfree.export.spreadsheet import FORMULA_STARTS, neutralise_cell, restore_cell
from unfree.export.tables import FACT_COLUMNS, FINDING_COLUMNS, MENTION_COLUMNS


def _read_csv(path: Path) -> list[dict[str, object]]:
    """Rows with numbers as floats (unquoted cells) and text as str (quoted cells)."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, quoting=csv.QUOTE_NONNUMERIC)
        header = [str(h) for h in next(reader)]
        return [dict(zip(header, row, strict=True)) for row in reader]


# --- json ---

def test_json_lines_give_back_every_record_exactly(tmp_path: Path) -> None:
    records = build_records()
    out = tmp_path / "records.jsonl"
    assert export_json(iter(records), out) == len(records)
    raw = out.read_text("utf-8")
    # str.splitlines also splits on U+2028 (in the "hostile" text): still one line a record.
    lines = raw.splitlines()
    assert len(lines) == len(records)
    assert [json.loads(line) for line in lines] == records


def test_json_lines_hide_markup_and_line_separators_but_keep_the_text(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    export_json(iter(build_records()), out)
    raw = out.read_text("utf-8")
    for char in "<>&\u0085\u2028\u2029":
        assert char not in raw, repr(char)
    hostile = next(json.loads(line) for line in raw.split("\n") if '"hostile"' in line)
    assert "<script>alert('x')</script>" in hostile["text"]
    assert "\u2028" in hostile["text"]


def test_json_lines_refuse_nan_and_are_deterministic(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        dumps_line({"value": math.nan})
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_json(iter(build_records()), a)
    export_json(iter(build_records()), b)
    assert a.read_bytes() == b.read_bytes()


# --- spreadsheet safety ---

@pytest.mark.parametrize("text", ["=1+1", "+44 20", "-The boss", "@night", "\tx", "\rx",
                                  "'=x", "'", "''", "plain", "", "＝SUM(A1)", "5-3"])
def test_neutralised_cells_never_start_a_formula_and_restore_exactly(text: str) -> None:
    cell = neutralise_cell(text)
    assert not cell or cell[0] not in FORMULA_STARTS
    assert restore_cell(cell) == text


def test_safe_text_is_left_alone() -> None:
    assert neutralise_cell("We worked 16 hours.") == "We worked 16 hours."
    assert neutralise_cell("=x") == "'=x"


# --- csv ---

def test_csv_writes_one_row_per_item_with_the_document_id(tmp_path: Path) -> None:
    records = build_records()
    counts = export_csv(iter(records), tmp_path)
    expected = {key: sum(len(r.get(key) or []) for r in records)
                for key in ("findings", "facts", "mentions")}
    assert counts.documents == len(records)
    assert (counts.findings, counts.facts, counts.mentions) == (
        expected["findings"], expected["facts"], expected["mentions"])
    tables = {name: _read_csv(tmp_path / f"{name}.csv")
              for name in ("documents", "findings", "facts", "mentions")}
    assert list(tables["documents"][0]) == list(DOCUMENT_COLUMNS)
    assert list(tables["findings"][0]) == list(FINDING_COLUMNS)
    assert list(tables["facts"][0]) == list(FACT_COLUMNS)
    assert list(tables["mentions"][0]) == list(MENTION_COLUMNS)
    for name in ("findings", "facts", "mentions"):
        assert len(tables[name]) == expected[name]
    ids = {r["id"] for r in records}
    for name, rows in tables.items():
        assert all(row["document_id"] in ids for row in rows), name


def test_csv_quotes_are_the_text_at_their_offsets(tmp_path: Path) -> None:
    records = build_records()
    texts = {r["id"]: r["text"] for r in records}
    export_csv(iter(records), tmp_path)
    checked = 0
    for name in ("findings", "facts", "mentions"):
        for row in _read_csv(tmp_path / f"{name}.csv"):
            start, end = int(float(str(row["start"]))), int(float(str(row["end"])))
            quote = restore_cell(str(row["quote"]))
            assert quote == texts[str(row["document_id"])][start:end]
            checked += 1
    assert checked > 50


def test_csv_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    export_csv(iter(build_records()), tmp_path)
    findings = _read_csv(tmp_path / "findings.csv")
    hostile = [str(r["quote"]) for r in findings if r["document_id"] == "hostile"]
    assert hostile[0].startswith("'=HYPERLINK(")
    assert any(q.startswith("'-The supervisor") for q in hostile)
    assert any(q.startswith("'@night") for q in hostile)
    assert "<script>alert('x')</script> We worked 16 hours a day." in hostile
    mention = next(r for r in _read_csv(tmp_path / "mentions.csv")
                   if r["document_id"] == "hostile")
    assert mention["quote"] == "'+1 line" and mention["key"] == "'+1 Line Agency"
    for name in ("documents", "findings", "facts", "mentions"):
        for row in _read_csv(tmp_path / f"{name}.csv"):
            for cell in row.values():
                if isinstance(cell, str) and cell:
                    assert cell[0] not in FORMULA_STARTS, (name, cell)


def test_csv_carries_review_status_and_duplicates(tmp_path: Path) -> None:
    export_csv(iter(build_records()), tmp_path)
    nl = [r for r in _read_csv(tmp_path / "findings.csv") if r["document_id"] == "nl-1"]
    assert [(r["status"], r["origin"]) for r in nl] == [
        ("rejected", "review"), ("confirmed", "review"), ("machine", "machine")]
    docs = {r["document_id"]: r for r in _read_csv(tmp_path / "documents.csv")}
    assert docs["nl-1"]["findings"] == 2  # the rejected finding is not counted
    assert docs[DUPLICATE_ID]["duplicate_of"] == "en-1"
    assert docs["en-1"]["duplicate_of"] == ""
    assert docs["en-1"]["forced_labour"] == "indicated"
    assert docs["de-control"]["forced_labour"] == "not_indicated"
    assert docs["de-control"]["findings"] == 0
