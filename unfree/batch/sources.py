"""A batch's inputs: files, folders and URIs listed in a fixed order, read into numbered records.

A `Record` is one document to analyse, or why one could not be read, with where it came from
(`where`: "path", "path:line 3", "path:row 2", "path:record 5", the name every table and error
line uses) and its place in the input order (`input_index`, `record_index`). Reading is split
in two so that the costly half runs where the analysis runs (a pool worker, a Spark executor):
listing files and cutting containers (JSON Lines, Parquet, WARC) into records is cheap and
streams; turning a record into a `Document` (HTML main text, PDF text layer) is `Record.read`,
and goes through `unfree.ingest`, as `unfree analyze` reads the same bytes.

Paths are local, or URIs that pyarrow's file systems open (s3://, gs://, hdfs://...): on a
cluster every executor must reach them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

from unfree.ingest import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    IngestError,
    document_from_record,
    read_bytes,
    read_jsonl_lines,
    read_path,
)
from unfree.model import Document

PARQUET = ".parquet"
WARC = (".warc", ".warc.gz")
_JSONL = (".jsonl", ".ndjson")
BATCH_EXTENSIONS: tuple[str, ...] = (*sorted(SUPPORTED_EXTENSIONS), PARQUET, *WARC)
"""What `unfree batch` reads: every type `unfree analyze` reads, Parquet tables and WARC."""


@dataclass(frozen=True, slots=True)
class Payload:
    """Bytes that one `unfree.ingest` reader (chosen by `suffix`) turns into a document."""

    data: bytes
    suffix: str
    doc_id: str
    source: str
    url: str | None = None  # the archive's URL for a page that names none itself


@dataclass(frozen=True, slots=True)
class Record:
    """One document of a batch, in one of four states: read (`document`), a local file to
    read (`path`), bytes to read (`payload`), or unreadable (`error`)."""

    input_index: int
    record_index: int
    where: str
    document: Document | None = None
    path: str | None = None
    payload: Payload | None = None
    error: str | None = None

    def read(self) -> Document | IngestError:
        """The document, read as `unfree analyze` reads it, or why it cannot be."""
        if self.document is not None:
            return self.document
        if self.error is not None:
            return IngestError(self.where, self.error)
        try:
            if self.path is not None:
                return next(read_path(Path(self.path)))
            if self.payload is not None:
                p = self.payload
                doc = read_bytes(p.data, suffix=p.suffix, doc_id=p.doc_id, source=p.source)
                return replace(doc, url=p.url) if doc.url is None and p.url else doc
        except IngestError as exc:
            # Errors name the record, not only its file: "pages.warc.gz:record 7".
            return IngestError(self.where, exc.reason)
        return IngestError(self.where, "nothing to read")

    @property
    def size(self) -> int:
        """Bytes this record carries to its reader (for throughput figures)."""
        if self.document is not None:
            return len(self.document.text.encode("utf-8", "surrogatepass"))
        if self.payload is not None:
            return len(self.payload.data)
        return 0


def suffix_of(path: str) -> str:
    """The type of a path: ".warc.gz" for compressed archives, else the last suffix."""
    name = PurePosixPath(path.rsplit("://", 1)[-1]).name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    return PurePosixPath(name).suffix


def is_uri(path: str) -> bool:
    return "://" in path


def list_inputs(inputs: Sequence[str]) -> list[str | IngestError]:
    """Every file of `inputs` in order, as `unfree analyze` walks them: folders recursively in
    sorted order, hidden entries and files of other types skipped; a file named explicitly
    with another type, a missing path or an empty folder is an error in its place. A file
    named twice is read once."""
    out: list[str | IngestError] = []
    seen: set[str] = set()
    for raw in inputs:
        found = _list_uri(raw) if is_uri(raw) else _list_local(raw)
        for item in found:
            if isinstance(item, str):
                if item in seen:
                    continue
                seen.add(item)
            out.append(item)
    return out


def _list_local(raw: str) -> list[str | IngestError]:
    path = Path(raw)
    if path.is_dir():
        files: list[Path] = []
        problems: list[str | IngestError] = []

        def on_error(exc: OSError) -> None:
            problems.append(IngestError(exc.filename or path.as_posix(),
                                        f"cannot list ({exc.strerror})"))

        for dirpath, dirnames, filenames in os.walk(path, onerror=on_error):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            files.extend(Path(dirpath, n) for n in filenames
                         if not n.startswith(".") and suffix_of(n) in BATCH_EXTENSIONS)
        if not files and not problems:
            return [IngestError(path.as_posix(), "folder holds no file of a supported type")]
        # Sorted by path components, as unfree.ingest sorts a folder.
        files.sort(key=lambda p: p.relative_to(path).parts)
        return [*problems, *(f.as_posix() for f in files)]
    if not path.exists():
        return [IngestError(raw, "no such file or folder")]
    return [_check_type(path.as_posix())]


def _list_uri(raw: str) -> list[str | IngestError]:
    from pyarrow import fs

    try:
        filesystem, base = fs.FileSystem.from_uri(raw)
        info = filesystem.get_file_info(base)
        if info.type == fs.FileType.NotFound:
            return [IngestError(raw, "no such file or folder")]
        if info.type != fs.FileType.Directory:
            return [_check_type(raw)]
        infos = filesystem.get_file_info(fs.FileSelector(base, recursive=True))
    except Exception as exc:  # a missing driver, no credentials, no network
        return [IngestError(raw, f"cannot list ({type(exc).__name__}: {exc})")]
    prefix = raw.rstrip("/")
    names = sorted(i.path[len(base.rstrip("/")) + 1:] for i in infos
                   if i.type == fs.FileType.File and suffix_of(i.path) in BATCH_EXTENSIONS
                   and not any(part.startswith(".") for part in i.path[len(base):].split("/")))
    if not names:
        return [IngestError(raw, "folder holds no file of a supported type")]
    return [f"{prefix}/{name}" for name in names]


def _check_type(path: str) -> str | IngestError:
    suffix = suffix_of(path)
    if suffix in BATCH_EXTENSIONS:
        return path
    kind = f"'{suffix}'" if suffix else "without extension"
    return IngestError(path, f"unsupported file type {kind} (supported: "
                             f"{', '.join(BATCH_EXTENSIONS)})")


def iter_records(files: Sequence[str | IngestError]) -> Iterator[Record]:
    """The records of every listed file, in order (`list_inputs` gives the list)."""
    for index, item in enumerate(files):
        if isinstance(item, IngestError):
            yield Record(index, 0, item.source, error=item.reason)
        else:
            yield from file_records(index, item)


def file_records(input_index: int, path: str) -> Iterator[Record]:
    """The records of one input file; a file that breaks half-way ends with an error record."""
    suffix = suffix_of(path)
    try:
        if suffix in _JSONL:
            yield from _jsonl_records(input_index, path)
        elif suffix == PARQUET:
            yield from _parquet_records(input_index, path)
        elif suffix in WARC:
            from unfree.batch.warc import warc_records

            yield from warc_records(input_index, path, open_input(path))
        elif is_uri(path):
            yield Record(input_index, 0, path, payload=Payload(
                _read_uri(path), suffix, doc_id=path, source=path))
        else:
            # Read where it is analysed: a PDF or a web page costs more to read than to list.
            yield Record(input_index, 0, path, path=path)
    except IngestError as exc:
        yield Record(input_index, 0, exc.source, error=exc.reason)
    except Exception as exc:
        yield Record(input_index, 0, path, error=f"cannot read ({type(exc).__name__}: {exc})")


def open_input(path: str) -> IO[bytes]:
    """A binary stream over a local path or a URI."""
    if not is_uri(path):
        try:
            return open(path, "rb")  # the caller closes it
        except OSError as exc:
            raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path)
    return cast(IO[bytes], filesystem.open_input_stream(inner))


def _read_uri(path: str) -> bytes:
    with open_input(path) as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(path, f"too large: over the limit of {MAX_FILE_BYTES:,} bytes")
    return data


def _jsonl_records(input_index: int, path: str) -> Iterator[Record]:
    with open_input(path) as stream:
        # Binary lines split on "\n" only, as unfree.ingest splits a JSON Lines file.
        for number, item in read_jsonl_lines(stream, source=path):
            if isinstance(item, IngestError):
                yield Record(input_index, number, item.source, error=item.reason)
            else:
                yield Record(input_index, number, f"{path}:line {number}", document=item)


PARQUET_COLUMNS = ("id", "text", "lang", "title", "author", "date", "url")
"""The columns of a Parquet input that make a document, as the keys of a JSON Lines record;
`id` and `text` are required, other columns are ignored."""


def _parquet_records(input_index: int, path: str) -> Iterator[Record]:
    import pyarrow.parquet as pq

    source: Any = path
    if is_uri(path):
        from pyarrow import fs

        filesystem, inner = fs.FileSystem.from_uri(path)
        source = filesystem.open_input_file(inner)
    try:
        table = pq.ParquetFile(source)
    except Exception as exc:
        raise IngestError(path, f"not a Parquet file ({type(exc).__name__}: {exc})") from exc
    names = set(table.schema_arrow.names)
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise IngestError(path, f"no column {', '.join(repr(c) for c in missing)}")
    columns = [c for c in PARQUET_COLUMNS if c in names]
    first_row: dict[str, int] = {}
    number = 0
    for batch in table.iter_batches(batch_size=1024, columns=columns):
        for row in batch.to_pylist():
            number += 1
            where = f"{path}:row {number}"
            try:
                doc = document_from_record(row, path)
            except ValueError as exc:
                yield Record(input_index, number, where, error=str(exc))
                continue
            if doc.id in first_row:
                yield Record(input_index, number, where,
                             error=f"duplicate id {doc.id!r} (first on row {first_row[doc.id]})")
                continue
            first_row[doc.id] = number
            yield Record(input_index, number, where, document=doc)
