"""Choosing a reader per file, walking folders, reading stdin, enforcing the limits.

The limits (`unfree.ingest.limits.Limits`) checked here: file size before reading, the
reading deadline around each file's reader, characters of each document read; the
readers check their own (PDF pages and objects, DOCX unpacked size, HTML depth).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from unfree.ingest.errors import IngestError, describe, detached, short_reason
from unfree.ingest.htmlpage import read_html
from unfree.ingest.jsonl import read_jsonl
from unfree.ingest.limits import (
    DEFAULT_LIMITS,
    Limits,
    breach,
    check_chars,
    within,
)
from unfree.ingest.office import read_docx
from unfree.ingest.pdf import read_pdf
from unfree.ingest.plain import bytes_to_text, read_markdown, read_plain
from unfree.model import Document

MAX_FILE_BYTES: int = DEFAULT_LIMITS.max_file_bytes
"""Files larger than this are refused (50 MiB): a limit that no testimony, article or report
reaches, and that keeps one stray video or database dump from exhausting memory."""

STDIN = "-"
STDIN_ID = "stdin"

Reader = Callable[..., Document]
_READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
_JSONL = frozenset({".jsonl", ".ndjson"})
SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(_READERS) | _JSONL
# Readers with limits of their own (pages, unpacked size, nesting) take `limits=`.
_LIMITED = frozenset({read_pdf, read_docx, read_html})


def read_path(path: Path, *, max_bytes: int | None = None,
              limits: Limits = DEFAULT_LIMITS) -> Iterator[Document]:
    """The documents in one file (a .jsonl file holds many); raise `IngestError` on a problem.

    Strict: the first bad line of a .jsonl file raises, after the good lines before it were
    yielded. `iter_documents` is the lenient form that reports bad lines and goes on.
    `max_bytes`, when given, overrides `limits.max_file_bytes`.
    """
    for item in _iter_file(Path(path), _with_max_bytes(limits, max_bytes)):
        if isinstance(item, IngestError):
            raise item
        yield item


def iter_documents(
    inputs: Sequence[str], *, max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> Iterator[Document | IngestError]:
    """Every document in `inputs`, with errors yielded in place so that a run goes on.

    Each input is a file, a folder (read recursively in sorted order; hidden entries and
    files of unsupported types are skipped silently), or "-" for standard input (text, or
    JSON Lines when its first line is a JSON object). A file named explicitly with an
    unsupported extension is an error. Every input over one of `limits` (`max_bytes`, when
    given, overrides `limits.max_file_bytes`) is an error naming the limit, and the run goes on.
    """
    limits = _with_max_bytes(limits, max_bytes)
    for raw in inputs:
        if raw == STDIN:
            yield from _iter_stdin(limits)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _iter_folder(path, limits)
        elif path.exists():
            yield from _iter_file(path, limits)
        else:
            yield IngestError(raw, "no such file or folder")


def _iter_file(path: Path, limits: Limits) -> Iterator[Document | IngestError]:
    source = path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        kind = f"'{suffix}'" if suffix else "without extension"
        yield IngestError(
            source,
            f"unsupported file type {kind} (supported: {', '.join(sorted(SUPPORTED_EXTENSIONS))})",
        )
        return
    try:
        data = _read_bytes(path, source, limits.max_file_bytes)
    except IngestError as exc:
        yield detached(exc)
        return
    try:
        if suffix in _JSONL:
            # Each line is quick to read (json.loads); the deadline is for one document's reader.
            yield from _checked_lines(read_jsonl(data, source=source), limits)
        else:
            yield within(limits.max_seconds, source, "reading", lambda: read_bytes(
                data, suffix=suffix, doc_id=source, source=source, limits=limits))
    except IngestError as exc:
        yield detached(exc)
    except Exception as exc:
        # A reader bug or a library failure on one odd file must not end the whole run.
        yield IngestError(source, f"unexpected {type(exc).__name__}: {short_reason(exc)}")


def read_bytes(data: bytes, *, suffix: str, doc_id: str, source: str,
               limits: Limits = DEFAULT_LIMITS) -> Document:
    """One document from the bytes of a file of type `suffix` (".html", ".pdf", ".txt"...),
    read as `read_path` reads such a file; raise `IngestError` naming `source` on a problem,
    a breach of `limits` included (bar the file size and the deadline, which are the caller's).

    For bytes that do not come from a file of their own: a page in a web archive, a file
    shipped to another process. JSON Lines hold many documents: see `read_jsonl`.
    """
    reader = _READERS.get(suffix.lower())
    if reader is None:
        raise IngestError(source, f"unsupported type '{suffix}' for one document")
    if not data:
        raise IngestError(source, "empty")
    try:
        if reader in _LIMITED:
            document = reader(data, doc_id=doc_id, source=source, limits=limits)
        else:
            document = reader(data, doc_id=doc_id, source=source)
    except IngestError:
        raise
    except Exception as exc:
        # A reader bug or a library failure on one odd file must not end the whole run.
        raise IngestError(
            source, f"unexpected {type(exc).__name__}: {short_reason(exc)}") from exc
    check_chars(document.text, source, limits)
    return document


def _checked_lines(items: Iterator[Document | IngestError], limits: Limits
                   ) -> Iterator[Document | IngestError]:
    """The documents of a JSON Lines source, each over `limits.max_chars` an error instead."""
    for item in items:
        if isinstance(item, Document):
            try:
                check_chars(item.text, describe(item), limits)
            except IngestError as exc:
                yield detached(exc)
                continue
        yield item


def _read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise IngestError(source, "is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(source, _too_big(size, max_bytes))
        with path.open("rb") as handle:
            # Read one byte past the limit: the size can change, and special files have none.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or short_reason(exc)})") from exc
    if len(data) > max_bytes:
        raise IngestError(source, _too_big(len(data), max_bytes))
    if not data:
        raise IngestError(source, "empty")
    return data


def _iter_folder(folder: Path, limits: Limits) -> Iterator[Document | IngestError]:
    found: list[Path] = []
    problems: list[IngestError] = []

    def on_error(exc: OSError) -> None:
        problems.append(
            IngestError(exc.filename or folder.as_posix(), f"cannot list ({exc.strerror})")
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(dirpath, name))
    yield from problems
    if not found and not problems:
        yield IngestError(folder.as_posix(), "folder holds no file of a supported type")
    # Sorted by path components, so that the order (and so every report) is reproducible.
    for path in sorted(found, key=lambda p: p.relative_to(folder).parts):
        yield from _iter_file(path, limits)


def _iter_stdin(limits: Limits) -> Iterator[Document | IngestError]:
    max_bytes = limits.max_file_bytes
    stream = sys.stdin
    if stream is None:
        yield IngestError(STDIN, "no standard input")
        return
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read(max_bytes + 1)
        else:  # a text-only stream (some embedders and test doubles)
            data = stream.read(max_bytes + 1).encode("utf-8")
    except (OSError, ValueError) as exc:
        yield IngestError(STDIN, f"cannot read ({short_reason(exc)})")
        return
    if len(data) > max_bytes:
        yield IngestError(STDIN, _too_big(len(data), max_bytes))
        return
    if not data.strip():
        yield IngestError(STDIN, "empty")
        return
    if _looks_like_jsonl(data):
        yield from _checked_lines(read_jsonl(data, source=STDIN), limits)
        return
    try:
        text = bytes_to_text(data, STDIN)
        check_chars(text, STDIN, limits)
    except IngestError as exc:
        yield detached(exc)
        return
    yield Document(id=STDIN_ID, text=text, source=STDIN)


def _looks_like_jsonl(data: bytes) -> bool:
    for line in data.split(b"\n"):
        line = line.strip().removeprefix(b"\xef\xbb\xbf")
        if line:
            return line.startswith(b"{") and line.endswith(b"}")
    return False


def _with_max_bytes(limits: Limits, max_bytes: int | None) -> Limits:
    # `max_bytes` predates `Limits`; the dataclass checks the value (a ValueError when bad).
    return limits if max_bytes is None else replace(limits, max_file_bytes=max_bytes)


def _too_big(size: int, max_bytes: int) -> str:
    return breach(f"too large: {size:,} bytes", f"{max_bytes:,} bytes", "max_file_bytes")
