"""The `htcds` export: case records in the field names of the Human Trafficking Case Data
Standard (HTCDS, https://github.com/UNMigration/HTCDS), for case-management spreadsheets.

Two CSV files in a folder:
- `htcds_cases.csv`: one case per document, with the standard's victim-context fields
  (`vic_TypeOfExploitation`, `vic_MethodsOfControl`, `vic_ForcedLabourIndustry`,
  `vic_LocationOfRecruitment`, `vic_LocationOfExploitation`) and `prs_Nationality`;
- `htcds_trafficking_events.csv`: the standard's Historic Trafficking Events (`hte_Type`,
  `hte_Country`, `hte_City`, `hte_Description`), one per place the text gives a role.

Columns that the standard does not define start with `unfree_` (document id, verdict,
evidence with exact quotes and offsets). How values are chosen is data, with a reason per
line: `htcds.yaml`. Duplicate documents (`duplicate_of` set) and rejected items are left out:
a case must not be counted twice, nor rest on evidence a reviewer turned down.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from unfree.data import load_yaml
from unfree.export.records import (
    Item,
    Record,
    engine_version,
    evidence,
    indicator_label,
    is_duplicate,
)
from unfree.export.spreadsheet import SafeCsvWriter

# HTCDS Toolkit/Excel/README.md: in multi-select cells "The semi-colon is used as the delimeter."
MULTI_SELECT_SEPARATOR = ";"

CASE_COLUMNS = (
    "unfree_case_id",
    "vic_TypeOfExploitation",
    "vic_MethodsOfControl",
    "vic_ForcedLabourIndustry",
    "prs_Nationality",
    "vic_LocationOfRecruitment",
    "vic_LocationOfExploitation",
    "unfree_title",
    "unfree_url",
    "unfree_date",
    "unfree_lang",
    "unfree_forced_labour",
    "unfree_indicators",
    "unfree_sectors",
    "unfree_evidence",
    "unfree_engine_version",
)
EVENT_COLUMNS = ("unfree_case_id", "hte_Type", "hte_Country", "hte_City", "hte_Description",
                 "unfree_start", "unfree_end")


@cache
def mapping() -> dict[str, Any]:
    """The contents of `htcds.yaml`."""
    text = resources.files("unfree.export").joinpath("htcds.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


@dataclass(frozen=True, slots=True)
class HtcdsCounts:
    cases: int
    events: int
    duplicates_skipped: int


def export_htcds(records: Iterable[Record], folder: Path) -> HtcdsCounts:
    """Write `htcds_cases.csv` and `htcds_trafficking_events.csv` into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    skipped = 0
    with (SafeCsvWriter(folder / "htcds_cases.csv", CASE_COLUMNS) as cases,
          SafeCsvWriter(folder / "htcds_trafficking_events.csv", EVENT_COLUMNS) as events):
        for record in records:
            if is_duplicate(record):
                skipped += 1
                continue
            cases.write(case_row(record))
            events.write_all(event_rows(record))
        return HtcdsCounts(cases.rows, events.rows, skipped)


def case_row(record: Record) -> dict[str, Any]:
    """One HTCDS case for a document."""
    table = mapping()
    findings = [f for _, f in evidence(record, "findings")]
    mentions = [m for _, m in evidence(record, "mentions")]
    indicators = sorted({f["indicator"] for f in findings})
    verdict = (record.get("assessment") or {}).get("forced_labour")
    row: dict[str, Any] = {
        "unfree_case_id": record["id"],
        "vic_TypeOfExploitation": table["type_of_exploitation"].get(verdict),
        "vic_MethodsOfControl": _join(methods_of_control(indicators)),
        "vic_ForcedLabourIndustry": _join(sorted({
            table["sectors"][m["key"]] for m in mentions
            if m["kind"] == "sector" and m["key"] in table["sectors"]})),
        "unfree_title": record.get("title"),
        "unfree_url": record.get("url"),
        "unfree_date": record.get("date"),
        "unfree_lang": record.get("lang"),
        "unfree_forced_labour": verdict,
        "unfree_indicators": _join(indicators),
        "unfree_sectors": _join(sorted({m["key"] for m in mentions if m["kind"] == "sector"})),
        "unfree_evidence": json.dumps(
            [{"indicator": f["indicator"], "label": indicator_label(f["indicator"]),
              "start": f["start"], "end": f["end"], "quote": f["quote"]} for f in findings],
            ensure_ascii=False),
        "unfree_engine_version": engine_version(record),
    }
    for role, fields in table["country_fields"].items():
        codes = _join(sorted({c for m in mentions if m.get("role") == role
                              for c in [_country_of(m)] if c}))
        for field in fields:
            row[field] = codes
    return row


def methods_of_control(indicators: Iterable[str]) -> list[str]:
    """The HTCDS methods of control the indicators map to, in the standard's order."""
    table = mapping()
    chosen = {value for ind in indicators for value in table["methods_of_control"].get(ind, [])}
    return [value for value in table["methods_of_control_order"] if value in chosen]


def event_rows(record: Record) -> list[dict[str, Any]]:
    """One Historic Trafficking Event per place (country or city) the text gives a role."""
    types: dict[str, str] = mapping()["event_types"]
    rows = []
    for _, m in evidence(record, "mentions"):
        if m["kind"] not in ("country", "city") or m.get("role") not in types:
            continue
        rows.append({"unfree_case_id": record["id"], "hte_Type": types[m["role"]],
                     "hte_Country": _country_of(m),
                     "hte_City": m["key"] if m["kind"] == "city" else None,
                     "hte_Description": m["quote"], "unfree_start": m["start"],
                     "unfree_end": m["end"]})
    return rows


def _country_of(mention: Item) -> str | None:
    """ISO 3166-1 alpha-2 code of a country mention, or of the country a city lies in."""
    if mention["kind"] == "country":
        return str(mention["key"]).upper()
    country = mention.get("country") if mention["kind"] == "city" else None
    return str(country).upper() if country else None


def _join(values: Iterable[str]) -> str:
    return MULTI_SELECT_SEPARATOR.join(values)
