"""Word (.docx) files: body paragraphs and table cells in document order, core properties.

Before python-docx opens a file, its zip is checked (`_check_package`): member count, the
bytes all members unpack to and each member's packing ratio, read from the zip's directory
(`Limits.max_zip_members`, `max_docx_bytes`, `max_zip_ratio`), and every XML part must be
free of DTD declarations, which is where entity-expansion bombs live.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from unfree.ingest.errors import IngestError, short_reason
from unfree.ingest.limits import DEFAULT_LIMITS, MIB, Limits, breach
from unfree.ingest.textfix import fix_text
from unfree.model import Document

# python-docx stamps documents made from its own template with these; they say nothing about
# who wrote the text, so they are not reported as its author and date.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)


# Members smaller than this unpacked are not ratio-checked: a few kilobytes of repetitive XML
# (an empty table's markup) may pack 200 times and harm nobody.
_RATIO_FLOOR = MIB
# XML parts are read in pieces of this size until their root element begins.
_XML_PIECE = 64 * 1024


def read_docx(data: bytes, *, doc_id: str, source: str,
              limits: Limits = DEFAULT_LIMITS) -> Document:
    """One line per non-empty paragraph or table cell; title/author/created from properties."""
    import docx  # imported here: a run without .docx files does not pay for it

    _check_package(data, source, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = [fix_text(line) for line in _lines(document)]
    except Exception as exc:  # zipfile, lxml, KeyError for missing parts...
        raise IngestError(source, f"not a readable DOCX ({short_reason(exc)})") from exc
    text = "\n".join(line for line in lines if line.strip())
    if not text:
        raise IngestError(source, "no text")
    title = author = date = None
    try:
        props = document.core_properties
        title = _clean(props.title)
        author = _clean(props.author)
        if author == _TEMPLATE_AUTHOR:
            author = None
        created = props.created
        if created is not None and created != _TEMPLATE_CREATED:
            date = created.date().isoformat()
    except Exception:
        pass  # damaged docProps/core.xml: the text is what matters
    return Document(id=doc_id, text=text, title=title, author=author, date=date, source=source)


def _check_package(data: bytes, source: str, limits: Limits) -> None:
    """Refuse a zip bomb or an XML entity bomb before python-docx reads the parts into memory.

    The sizes come from the zip's central directory, which the file itself writes and could
    fake. That is safe to rely on: Python's zipfile never inflates a member past the size
    the directory declares (it stops there and reports a bad CRC), and python-docx reads
    members through zipfile, so what is checked here bounds what is read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.max_zip_members:
                raise IngestError(source, breach(
                    f"{len(members):,} zip members", f"{limits.max_zip_members:,} members",
                    "max_zip_members"))
            # Overlapping members (several directory entries pointing at the same packed
            # bytes) are counted once each, as python-docx would read them.
            total = sum(member.file_size for member in members)
            if total > limits.max_docx_bytes:
                raise IngestError(source, breach(
                    f"unpacks to {total:,} bytes", f"{limits.max_docx_bytes:,} bytes",
                    "max_docx_bytes"))
            for member in members:
                packed = max(member.compress_size, 1)
                ratio = member.file_size / packed
                if member.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
                    raise IngestError(source, breach(
                        f"{member.filename} packs {member.file_size:,} bytes into {packed:,}"
                        f" ({ratio:,.0f}:1)", f"{limits.max_zip_ratio:,}:1", "max_zip_ratio"))
            for member in members:
                if member.filename.lower().endswith((".xml", ".rels")):
                    _check_xml_prolog(archive, member, source)
    except IngestError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError) as exc:
        raise IngestError(source, f"not a readable DOCX ({short_reason(exc)})") from exc


class _RootElement(Exception):
    """The XML prolog is over: no DTD can follow the root element's start."""


class _StopAtRoot:
    """An ElementTree parser target that ends parsing at the root element."""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        raise _RootElement

    def close(self) -> None:
        return None


def _check_xml_prolog(archive: zipfile.ZipFile, member: zipfile.ZipInfo, source: str) -> None:
    """Refuse a part whose prolog declares a DTD (and so, possibly, entities).

    The Open Packaging Conventions that .docx follows (ECMA-376 Part 2) forbid DTD
    declarations in a package's XML, so Word never writes one, and a part with one is hostile
    or broken: refusing it costs no real document. python-docx parses with entity resolution
    off, but libxml2 still reads an internal DTD; refusing outright is simpler to trust than
    reasoning about what each lxml version expands. The check is defusedxml's
    (`forbid_dtd`), fed the part piece by piece and stopped at the root element's start, the
    end of the prolog, where a DTD can stand: a valid part's body is not parsed twice. A part
    that is not well-formed is left to python-docx to report.
    """
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)
    try:
        with archive.open(member) as stream:
            while piece := stream.read(_XML_PIECE):
                parser.feed(piece)
    except _RootElement:
        return
    except DefusedXmlException as exc:
        raise IngestError(source, f"{member.filename} declares a DTD ({type(exc).__name__}), "
                          "which Word files never do: refused as a possible entity-expansion "
                          "bomb") from exc
    except (ParseError, zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError,
            LookupError):  # LookupError: an unknown encoding declared (found by fuzzing)
        return  # damaged or encrypted: python-docx says so in its own words


def _lines(container: Any) -> Iterator[str]:
    """Paragraph texts of a document or table cell, tables read row by row, in order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    # A merged cell appears once per grid column it spans; read it once.
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _lines(cell)
        else:
            yield block.text


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = fix_text(" ".join(value.split()))
    return value or None
