"""Analysis records: what reports are made from, and how the `report` command gets them.

An *analysis record* is a dict shaped like one line of `unfree analyze --format jsonl`, with
optional extras that reports use when present:

- `text`: the analysed text (offsets index it); without it, the text is read again from the
  record's `source` when that file is still there and its quotes still match;
- `mentions`: places, parties and sectors (`unfree.model.Mention.to_dict()`);
- `duplicate_of`: the id of the document this one is a near-duplicate of, or null;
- per finding, `status`: "machine" (default), "confirmed", "rejected" or "corrected".

Records come from a JSON Lines file of analyses, or from documents analysed on the spot.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from io import BytesIO, TextIOWrapper
from pathlib import Path
from typing import Any

from unfree.ingest import SUPPORTED_EXTENSIONS, IngestError, iter_documents, read_path
from unfree.model import Analysis, Document
from unfree.pipeline import to_dict

Record = dict[str, Any]

FINDING_STATUSES = ("machine", "confirmed", "rejected", "corrected")
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


class ReportInputError(Exception):
    """An input (a file, or `file:line N`) that gave no usable record; `reason` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = " ".join(reason.split())

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def record_from_analysis(analysis: Analysis) -> Record:
    """An analysis as a record: the JSON form plus the text and mentions reports need."""
    record = to_dict(analysis)
    record["text"] = analysis.document.text
    if "mentions" not in record and analysis.mentions:
        record["mentions"] = [m.to_dict() for m in analysis.mentions]
    return record


def is_analysis(obj: object) -> bool:
    """Whether a JSON value is an analysis record (rather than a document to analyse)."""
    return isinstance(obj, dict) and "findings" in obj and "assessment" in obj


def check_record(obj: object, where: str) -> Record:
    """`obj` as a record, or `ReportInputError` naming what is wrong with it."""
    if not isinstance(obj, dict):
        raise ReportInputError(where, f"expected a JSON object, got {type(obj).__name__}")
    record: Record = obj
    if not isinstance(record.get("id"), str) or not record["id"].strip():
        raise ReportInputError(where, "'id' must be a non-empty string")
    assessment = record.get("assessment")
    if not isinstance(assessment, dict) or not isinstance(assessment.get("forced_labour"), str):
        raise ReportInputError(where, "'assessment' must be an object with 'forced_labour'")
    for key in ("findings", "facts", "mentions", "comments"):
        if not isinstance(record.get(key, []), list):
            raise ReportInputError(where, f"'{key}' must be a list")
    for number, finding in enumerate(record["findings"]):
        _check_finding(finding, f"findings[{number}]", where)
    for number, fact in enumerate(record.get("facts", [])):
        _check_fact(fact, f"facts[{number}]", where)
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise ReportInputError(where, "'text' must be a string")
    duplicate_of = record.get("duplicate_of")
    if duplicate_of is not None and not isinstance(duplicate_of, str):
        raise ReportInputError(where, "'duplicate_of' must be an id or null")
    return record


def _check_finding(finding: object, name: str, where: str) -> None:
    if not isinstance(finding, dict):
        raise ReportInputError(where, f"{name} must be an object")
    if not isinstance(finding.get("indicator"), str):
        raise ReportInputError(where, f"{name}.indicator is missing or not a string")
    _check_span(finding, name, where)
    status = finding.get("status", "machine")
    if status not in FINDING_STATUSES:
        raise ReportInputError(
            where, f"{name}.status {status!r} is not one of {', '.join(FINDING_STATUSES)}")


def _check_span(item: dict[str, Any], name: str, where: str) -> None:
    for key, kind, noun in (("quote", str, "a string"), ("start", int, "an integer"),
                            ("end", int, "an integer")):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            raise ReportInputError(where, f"{name}.{key} is missing or not {noun}")
    if not 0 <= item["start"] <= item["end"]:
        raise ReportInputError(where, f"{name} has offsets {item['start']}-{item['end']}")


def _check_fact(fact: object, name: str, where: str) -> None:
    if not isinstance(fact, dict):
        raise ReportInputError(where, f"{name} must be an object")
    _check_span(fact, name, where)
    numbers = [fact.get("value")] if fact.get("value") is not None else [fact.get("low"),
                                                                          fact.get("high")]
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        raise ReportInputError(where, f"{name} needs a number 'value' or 'low' and 'high'")


def finding_status(finding: dict[str, Any]) -> str:
    status: str = finding.get("status", "machine")
    return status


def load_records(
    inputs: Sequence[str], analyze: Callable[[Document], Analysis]
) -> Iterator[Record | ReportInputError]:
    """Every record in `inputs`, with errors in place so that a report goes on without them.

    An input is a JSON Lines file of analyses (its first record has `findings` and
    `assessment`), a document or JSON Lines file of documents to analyse with `analyze`, a
    folder of either, or "-" for standard input.
    """
    seen: dict[str, str] = {}
    for raw in inputs:
        for item in _records_of_input(raw, analyze):
            if isinstance(item, ReportInputError):
                yield item
                continue
            record, where = item
            if record["id"] in seen:
                yield ReportInputError(
                    where, f"duplicate id {record['id']!r} (first in {seen[record['id']]})")
                continue
            seen[record["id"]] = where
            yield record


def _records_of_input(
    raw: str, analyze: Callable[[Document], Analysis]
) -> Iterator[tuple[Record, str] | ReportInputError]:
    if raw == "-":
        yield from _records_of_stdin(analyze)
        return
    path = Path(raw)
    if path.is_dir():
        files = _folder_files(path)
        if not files:
            yield ReportInputError(raw, "folder holds no file of a supported type")
        for file in files:
            yield from _records_of_file(file, analyze)
    elif path.exists():
        yield from _records_of_file(path, analyze)
    else:
        yield ReportInputError(raw, "no such file or folder")


def _folder_files(folder: Path) -> list[Path]:
    # As `unfree analyze` reads folders: recursively, hidden entries skipped, sorted.
    found = [p for p in folder.rglob("*")
             if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
             and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _records_of_file(
    path: Path, analyze: Callable[[Document], Analysis]
) -> Iterator[tuple[Record, str] | ReportInputError]:
    source = path.as_posix()
    if path.suffix.lower() in _JSONL_SUFFIXES:
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield ReportInputError(source, f"cannot read ({exc.strerror or exc})")
            return
        if _first_object_is_analysis(data):
            yield from _records_of_lines(data, source, path.parent)
            return
    yield from _analysed(iter_documents([source]), analyze)


def _records_of_stdin(
    analyze: Callable[[Document], Analysis]
) -> Iterator[tuple[Record, str] | ReportInputError]:
    if sys.stdin is None:
        yield ReportInputError("-", "no standard input")
        return
    buffer = getattr(sys.stdin, "buffer", None)
    data: bytes = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    if _first_object_is_analysis(data):
        yield from _records_of_lines(data, "-", Path.cwd())
        return
    # Documents: hand the bytes already read back to the ingest stage, so that stdin is
    # read exactly as `unfree analyze -` reads it (JSON Lines or text, same limits).
    original = sys.stdin
    sys.stdin = TextIOWrapper(BytesIO(data), encoding="utf-8")
    try:
        yield from _analysed(iter_documents(["-"]), analyze)
    finally:
        sys.stdin = original


def _analysed(
    items: Iterator[Document | IngestError], analyze: Callable[[Document], Analysis]
) -> Iterator[tuple[Record, str] | ReportInputError]:
    for item in items:
        if isinstance(item, IngestError):
            yield ReportInputError(item.source, item.reason)
        else:
            yield record_from_analysis(analyze(item)), item.source or item.id


def _first_object_is_analysis(data: bytes) -> bool:
    for line in data.split(b"\n"):
        line = line.strip().removeprefix(b"\xef\xbb\xbf")
        if not line:
            continue
        try:
            return is_analysis(json.loads(line))
        except (json.JSONDecodeError, UnicodeDecodeError):
            return False
    return False


def _records_of_lines(
    data: bytes, source: str, base: Path
) -> Iterator[tuple[Record, str] | ReportInputError]:
    texts = _SourceTexts(base)
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        where = f"{source}:line {number}"
        try:
            obj = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            record = check_record(obj, where)
        except UnicodeDecodeError:
            yield ReportInputError(where, "not UTF-8 (JSON Lines must be UTF-8)")
            continue
        except json.JSONDecodeError as exc:
            yield ReportInputError(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        except ReportInputError as exc:
            yield exc
            continue
        if record.get("text") is None:
            text = texts.find(record)
            if text is not None:
                record["text"] = text
        yield record, where


class _SourceTexts:
    """Texts read again from the files analyses name as their `source`, each file once.

    `unfree analyze` output carries offsets and quotes but not the text; when the source
    file is still there, the text is read the same way and used only if every quote of the
    record still sits at its offsets.
    """

    def __init__(self, base: Path) -> None:
        self.base = base
        self.cache: dict[Path, dict[str, str]] = {}

    def find(self, record: Record) -> str | None:
        source = record.get("source")
        if not isinstance(source, str) or source == "-":
            return None
        for path in (Path(source), self.base / source):
            if path.is_file():
                docs = self._documents(path)
                # A file of one document was read under the path as given then, maybe
                # another now; a JSON Lines file keeps its ids.
                text = (docs.get(record["id"]) if path.suffix.lower() in _JSONL_SUFFIXES
                        else next(iter(docs.values()), None))
                return text if text is not None and quotes_match(record, text) else None
        return None

    def _documents(self, path: Path) -> dict[str, str]:
        key = path.resolve()
        if key not in self.cache:
            try:
                self.cache[key] = {doc.id: doc.text for doc in read_path(path)}
            except IngestError:
                self.cache[key] = {}
        return self.cache[key]


def quotes_match(record: Record, text: str) -> bool:
    """Whether every finding's and fact's quote is `text[start:end]`."""
    items = [*record.get("findings", []), *record.get("facts", [])]
    return all(text[item["start"] : item["end"]] == item["quote"] for item in items)
