"""Web archives (WARC, as crawlers and Common Crawl write them) into records, with warcio.

Each successful `response` (or `resource`) record whose content is a page, plain text, a PDF
or a DOCX becomes one record for the reader `unfree analyze` uses on such a file, so a page
from an archive reads exactly as the same page saved to disk. Requests, metadata, revisits,
redirects and error pages, images, scripts and style sheets are not documents and are passed
over. A damaged archive ends its file with one error record naming where it broke.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from unfree.batch.sources import Payload, Record
from unfree.ingest import MAX_FILE_BYTES

# Content types read, and the reader (by file suffix) that reads them.
_READER_BY_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def warc_records(input_index: int, path: str, stream: IO[bytes]) -> Iterator[Record]:
    """The documents of one WARC file (plain or gzipped): `path:record N` counts every
    record of the archive from 1, so that N finds it again."""
    from warcio.archiveiterator import ArchiveIterator

    counted = _Counting(stream)
    number = end = 0
    with stream:
        try:
            archive = ArchiveIterator(counted)
            for record in archive:
                number += 1
                found = _record(input_index, number, path, record)
                archive.read_to_end(record)
                end = archive.get_record_offset() + archive.get_record_length()
                if found is not None:
                    yield found
            # warcio ends quietly where an archive is cut off inside a record: bytes past
            # the last whole record (beyond its closing blank lines) are a damaged rest.
            damaged = counted.total - end > _CLOSING_BLANK_LINES
            reason = "cut off inside a record"
        except Exception as exc:  # warcio's ArchiveLoadFailed, a bad gzip member...
            damaged, reason = True, _one_line(exc)
    if damaged:
        yield Record(input_index, number + 1, f"{path}:record {number + 1}",
                     error=f"damaged archive, rest of file skipped ({reason})")


_CLOSING_BLANK_LINES = 4  # "\r\n\r\n" after the last record of an uncompressed WARC


class _Counting:
    """A binary stream that counts what is read from it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.total = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.total += len(data)
        return data


def _record(input_index: int, number: int, path: str, record: object) -> Record | None:
    rec_type = getattr(record, "rec_type", None)
    if rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    http = getattr(record, "http_headers", None)
    if http is not None:
        status = (http.get_statuscode() or "") if rec_type == "response" else "200"
        if not status.startswith("2"):
            return None  # redirects and error pages: not the page itself
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    suffix = _READER_BY_TYPE.get(content_type.split(";")[0].strip().lower())
    if suffix is None:
        return None
    where = f"{path}:record {number}"
    data = record.content_stream().read(MAX_FILE_BYTES + 1)  # type: ignore[attr-defined]
    if len(data) > MAX_FILE_BYTES:
        return Record(input_index, number, where,
                      error=f"too large: over the limit of {MAX_FILE_BYTES:,} bytes")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>") or where
    url = headers.get_header("WARC-Target-URI") or None
    return Record(input_index, number, where, payload=Payload(
        data, suffix, doc_id=record_id, source=path, url=url))


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]
