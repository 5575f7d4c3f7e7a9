"""JSON Lines: one document per line, text kept exactly as given (gold offsets refer to it)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from unfree.ingest.errors import IngestError, short_reason
from unfree.model import Document


def read_jsonl(data: bytes, *, source: str) -> Iterator[Document | IngestError]:
    """Each line's document, or an `IngestError` naming `source:line N` for a bad line.

    Blank lines are skipped (a file of nothing else is one error). Keys other than id, text,
    lang, title, url, date and author (labels, facts, genre...) are ignored.
    """
    # Split the bytes on "\n" only: a JSON string cannot hold a raw newline, while
    # str.splitlines would also split on U+2028 and friends, which JSON strings may contain.
    empty = True
    for _number, item in read_jsonl_lines(data.split(b"\n"), source=source):
        empty = False
        yield item
    if empty:
        # As for a blank .txt file: nothing to read is an error, not a run of zero documents
        # that reports success (found by fuzzing).
        yield IngestError(source, "empty (only blank lines)")


def read_jsonl_lines(lines: Iterable[bytes], *, source: str
                     ) -> Iterator[tuple[int, Document | IngestError]]:
    """`read_jsonl` over lines given one by one (a file opened in binary mode, so that a
    large file is never held whole), with each line's number (from 1)."""
    first_line: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        raw = raw.removesuffix(b"\n")  # a file's lines keep theirs, split bytes have none
        if not raw.strip():
            continue
        where = f"{source}:line {number}"
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, IngestError(where, "not UTF-8 (JSON Lines must be UTF-8)")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, IngestError(where, f"invalid JSON ({short_reason(exc)})")
            continue
        except (ValueError, RecursionError) as exc:
            # json's own limits (found by fuzzing): an integer of over 4,300 digits raises
            # ValueError, arrays or objects nested past the recursion limit RecursionError.
            yield number, IngestError(where, f"JSON beyond limits ({short_reason(exc)})")
            continue
        try:
            document = document_from_record(record, source)
        except ValueError as exc:
            yield number, IngestError(where, str(exc))
            continue
        if document.id in first_line:
            # Two records with one id would be confused by every later stage (and by scoring).
            yield number, IngestError(
                where, f"duplicate id {document.id!r} (first on line {first_line[document.id]})"
            )
            continue
        first_line[document.id] = number
        yield number, document


def document_from_record(record: Any, source: str) -> Document:
    """The document a decoded JSON Lines record (or a table row as a dict) describes, with
    `source` as its source; `ValueError` saying what is wrong with the record."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    if "id" not in record:
        raise ValueError("missing 'id'")
    if "text" not in record:
        raise ValueError("missing 'text'")
    doc_id = record["id"]
    # Integer ids are common in exported data sets; anything else would not round-trip.
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ValueError("'id' must be a non-empty string")
    _check_unicode("id", doc_id)
    text = record["text"]
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {_json_type(text)}")
    _check_unicode("text", text)
    lang = _optional(record, "lang")
    return Document(
        id=doc_id,
        text=text,  # exactly as given: no repair, no newline changes
        lang=lang.strip().lower() if lang and lang.strip() else None,
        title=_optional(record, "title"),
        author=_optional(record, "author"),
        date=_optional(record, "date"),
        url=_optional(record, "url"),
        source=source,
    )


def _optional(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        if value:
            _check_unicode(key, value)
        return value or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # e.g. "date": 2023
    raise ValueError(f"'{key}' must be a string, got {_json_type(value)}")


def _check_unicode(key: str, value: str) -> None:
    """`ValueError` for a string holding a lone surrogate.

    JSON may escape one ("\\ud800"), and json.loads gives it back, but it is no character:
    language detection, UTF-8 output and the store all fail on it (found by fuzzing). The text
    is refused rather than repaired, since offsets must index the text exactly as given.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"'{key}' holds a lone surrogate (\\u{ord(value[exc.start]):04x} at character "
            f"{exc.start}), which is not Unicode text") from None


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
