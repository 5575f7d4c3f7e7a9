"""Analysis records as the exporters read them, and the few rules every exporter shares.

A record is one line of `unfree analyze --format jsonl` (see
`unfree/schema/analysis.schema.json`), possibly with keys the store adds: `text` (the analysed
text, which the offsets index), `content_hash`, `duplicate_of` (id of the earlier copy, or
None), `mentions` (places, parties, sectors: `unfree.model.Mention.to_dict()`), and per
finding, fact or mention `status` ("machine", "confirmed", "rejected", "corrected") and
`origin` ("machine", "review").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from unfree.data import load_data
from unfree.model import Document

Record = dict[str, Any]
Item = dict[str, Any]

MACHINE = "machine"
REJECTED = "rejected"


class RecordError(ValueError):
    """A line of an analyses file that is not a record."""


def read_records(path: Path) -> Iterator[Record]:
    """The records of a JSON Lines file, one at a time (a 100k-line file is never held)."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise RecordError(f"{path}:{number}: not an analysis record (no string 'id')")
            yield record


def with_texts(records: Iterable[Record], documents: Iterable[Document]) -> Iterator[Record]:
    """Records with the `text` of the document of the same id added where they lack one.

    `unfree analyze` writes records in the order it reads documents, so reading the same
    inputs again meets each id when it is needed: documents read ahead of their record wait
    in a dict, which stays small unless the two orders differ.
    """
    waiting: dict[str, str] = {}
    source = iter(documents)
    for record in records:
        if "text" not in record:
            text = waiting.pop(record["id"], None)
            while text is None:
                doc = next(source, None)
                if doc is None:
                    break
                if doc.id == record["id"]:
                    text = doc.text
                else:
                    waiting[doc.id] = doc.text
            if text is not None:
                record = {**record, "text": text}
        yield record


def status(item: Item) -> str:
    """What a reviewer made of a finding, fact or mention ("machine" when nobody looked)."""
    value = item.get("status")
    return value if isinstance(value, str) else MACHINE


def origin(item: Item) -> str:
    """Who produced the item: the engine ("machine") or a reviewer ("review")."""
    value = item.get("origin")
    return value if isinstance(value, str) else MACHINE


def is_rejected(item: Item) -> bool:
    return status(item) == REJECTED


def is_duplicate(record: Record) -> bool:
    return record.get("duplicate_of") is not None


def evidence(record: Record, key: str) -> list[tuple[int, Item]]:
    """(index, item) of the findings, facts or mentions a reviewer has not rejected.

    The index is the item's position in the record, which the assessment cites.
    """
    return [(i, item) for i, item in enumerate(record.get(key) or []) if not is_rejected(item)]


def text_of(record: Record) -> str | None:
    text = record.get("text")
    return text if isinstance(text, str) else None


def engine_version(record: Record) -> str:
    engine = record.get("engine") or {}
    return str(engine.get("version", ""))


@cache
def indicator_table() -> dict[str, dict[str, str]]:
    """Indicator id -> {name, dimension, description}, from `unfree/data/indicators.yaml`."""
    table: dict[str, dict[str, str]] = load_data("indicators.yaml")["indicators"]
    return table


def indicator_label(indicator: str) -> str:
    return indicator_table().get(indicator, {}).get("name", indicator)


def indicator_dimension(indicator: str) -> str:
    return indicator_table().get(indicator, {}).get("dimension", "")


def fact_value_text(fact: Item) -> str:
    """A fact's value as people write it: "16", "200-300", "0.7"."""
    if fact.get("value") is not None:
        return f"{fact['value']:g}"
    return f"{fact['low']:g}-{fact['high']:g}"
