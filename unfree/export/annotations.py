"""The `annotations` export: W3C Web Annotations (JSON-LD), one per evidence span.

Every finding, fact and mention a reviewer has not rejected becomes one `Annotation`:
- `target.source`: `urn:unfree:document:<id>` (the id percent-encoded). It names the analysed
  text, which is what the offsets index; for a web page that is the extracted main text, not
  the HTML, so the page's URL goes in `target.scope` (the resource that gives the context)
  rather than in `source`;
- `target.selector`: a `TextQuoteSelector` (`exact` is the quote; `prefix` and `suffix` are up
  to 32 characters around it when the record carries its text) and a
  `TextPositionSelector` (`start`, `end`). The Web Annotation model counts positions in
  Unicode code points; the engine's offsets are Python `str` indices, which are code points
  too, so they are written unchanged (no UTF-16 or byte conversion);
- `body`: a `TextualBody` with the indicator's label (findings, motivation and purpose
  "tagging"), the fact's value (facts, "describing") or the place, party or sector (mentions,
  "tagging"), and a second body with the machine id (purpose "classifying");
- `creator`: the engine as `Software`, with its version.

Ids are derived from the source, the kind and the span, so exporting again gives the same
ids. Lines are JSON Lines, one JSON-LD document each; `unfree.export.jsonld.expand` expands
them offline. Duplicate documents are left out, like rejected items.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote as percent_encode

from unfree.export.jsonl import write_json_lines
from unfree.export.jsonld import ANNO_CONTEXT
from unfree.export.records import (
    Item,
    Record,
    engine_version,
    evidence,
    fact_value_text,
    indicator_label,
    is_duplicate,
    text_of,
)

CONTEXT_CHARS = 32  # prefix and suffix length, in code points

Annotation = dict[str, Any]


@dataclass(frozen=True, slots=True)
class AnnotationCounts:
    annotations: int
    duplicates_skipped: int


def export_annotations(records: Iterable[Record], path: Path) -> AnnotationCounts:
    """Write one annotation a line to `path`."""
    skipped = 0

    def annotations() -> Iterator[Annotation]:
        nonlocal skipped
        for record in records:
            if is_duplicate(record):
                skipped += 1
                continue
            yield from record_annotations(record)

    written = write_json_lines(annotations(), path)
    return AnnotationCounts(written, skipped)


def source_iri(record: Record) -> str:
    return "urn:unfree:document:" + percent_encode(str(record["id"]), safe="")


def record_annotations(record: Record) -> Iterator[Annotation]:
    """The annotations of one record: findings, then facts, then mentions."""
    for _, f in evidence(record, "findings"):
        yield annotation(record, f, "tagging", indicator_label(f["indicator"]), f["indicator"])
    for _, fact in evidence(record, "facts"):
        value = f"{fact['kind']} = {fact_value_text(fact)} {fact['unit']}"
        yield annotation(record, fact, "describing", value, fact["kind"])
    for _, m in evidence(record, "mentions"):
        role = f" ({m['role']})" if m.get("role") else ""
        yield annotation(record, m, "tagging", f"{m['kind']} {m['key']}{role}",
                         f"{m['kind']}:{m['key']}")


def annotation(record: Record, item: Item, motivation: str, label: str,
               machine_id: str) -> Annotation:
    source = source_iri(record)
    target: dict[str, Any] = {"type": "SpecificResource", "source": source,
                              "selector": selectors(record, item)}
    if record.get("url"):
        target["scope"] = record["url"]
    key = "\x1f".join([source, machine_id, str(item["start"]), str(item["end"])])
    return {
        "@context": ANNO_CONTEXT,
        "id": "urn:unfree:annotation:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
        "type": "Annotation",
        "motivation": motivation,
        "creator": {"type": "Software", "name": f"unfree {engine_version(record)}".strip()},
        "body": [
            {"type": "TextualBody", "purpose": motivation, "value": label,
             "format": "text/plain", "language": "en"},
            {"type": "TextualBody", "purpose": "classifying", "value": machine_id,
             "format": "text/plain"},
        ],
        "target": target,
    }


def selectors(record: Record, item: Item) -> list[dict[str, Any]]:
    """A quote selector (with context when the text is known) and a position selector."""
    start, end = item["start"], item["end"]
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": item["quote"]}
    text = text_of(record)
    if text is not None:
        if text[start:end] != item["quote"]:
            raise ValueError(f"{record['id']}: text[{start}:{end}] is not the quote "
                             f"{item['quote']!r}")
        prefix, suffix = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
        if prefix:
            quote["prefix"] = prefix
        if suffix:
            quote["suffix"] = suffix
    return [quote, {"type": "TextPositionSelector", "start": start, "end": end}]
