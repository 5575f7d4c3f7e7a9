"""The `json` export: the records themselves, one JSON object a line.

Nothing is dropped or rewritten: store keys (`text`, `content_hash`, `duplicate_of`,
`status`, `origin`, `mentions`) travel as they are, so this is the lossless format the others
are derived from. Lines are written by `unfree.export.jsonl.dumps_line` (strict JSON, safe to
split on line breaks and to inline in HTML).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from unfree.export.jsonl import write_json_lines
from unfree.export.records import Record


def export_json(records: Iterable[Record], path: Path) -> int:
    """Write every record to `path` as JSON Lines; return the number of records."""
    return write_json_lines(records, path)
