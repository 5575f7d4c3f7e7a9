"""Word (.docx) files: body paragraphs and table cells in document order, core properties."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from unfree.ingest.errors import IngestError, short_reason
from unfree.ingest.textfix import fix_text
from unfree.model import Document

# python-docx stamps documents made from its own template with these; they say nothing about
# who wrote the text, so they are not reported as its author and date.
_TEMPLATE_AUTHOR = "python-docx"
_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)


def read_docx(data: bytes, *, doc_id: str, source: str) -> Document:
    """One line per non-empty paragraph or table cell; title/author/created from properties."""
    import docx  # imported here: a run without .docx files does not pay for it

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
