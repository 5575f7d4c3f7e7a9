"""PDF files: the text layer, page by page. Scans without a text layer are refused, not OCR'd."""

from __future__ import annotations

import io
import logging
from datetime import datetime

from unfree.ingest.errors import IngestError, short_reason
from unfree.ingest.textfix import fix_text
from unfree.model import Document

# pypdf logs damaged-file warnings ("EOF marker not found"); the IngestError says it once,
# so keep them off stderr unless the application configures logging (see htmlpage.py).
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def read_pdf(data: bytes, *, doc_id: str, source: str) -> Document:
    """Text of every page, pages separated by a blank line; title/author/date from metadata."""
    from pypdf import PdfReader  # imported here: a run without PDFs does not pay for it

    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise IngestError(source, f"not a readable PDF ({short_reason(exc)})") from exc
    if reader.is_encrypted:
        _decrypt(reader, source)
    try:
        pages = list(reader.pages)
    except Exception as exc:
        raise IngestError(
            source, f"broken PDF: page tree unreadable ({short_reason(exc)})"
        ) from exc
    texts: list[str] = []
    failed = 0
    for page in pages:
        try:
            page_text = page.extract_text() or ""
        except Exception:
            # One damaged page should not cost the others.
            failed += 1
            continue
        page_text = fix_text(page_text).strip()
        if page_text:
            texts.append(page_text)
    if not texts:
        if pages and failed == len(pages):
            raise IngestError(source, "broken PDF: no page could be read")
        raise IngestError(source, "no text layer (scanned PDF?)")
    title, author, date = _metadata(reader)
    return Document(
        id=doc_id,
        text="\n\n".join(texts),
        title=title,
        author=author,
        date=date,
        source=source,
    )


def _decrypt(reader: object, source: str) -> None:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    assert isinstance(reader, PdfReader)
    # Many PDFs are encrypted only to restrict printing or copying, with an empty password
    # for opening them; those can be read.
    try:
        result = reader.decrypt("")
    except DependencyError as exc:
        raise IngestError(
            source, f"encrypted PDF; decrypting it needs an extra package ({short_reason(exc)})"
        ) from exc
    except Exception as exc:
        raise IngestError(source, f"encrypted PDF, cannot decrypt ({short_reason(exc)})") from exc
    if not result:  # PasswordType.NOT_DECRYPTED == 0
        raise IngestError(source, "encrypted PDF (password required)")


def _metadata(reader: object) -> tuple[str | None, str | None, str | None]:
    from pypdf import PdfReader

    assert isinstance(reader, PdfReader)
    # Metadata is a courtesy: damaged dictionaries or dates must not lose the text.
    try:
        meta = reader.metadata
        if meta is None:
            return None, None, None
        title = _text(meta.title)
        author = _text(meta.author)
    except Exception:
        return None, None, None
    try:
        created: datetime | None = meta.creation_date
        date = created.date().isoformat() if created else None
    except Exception:
        date = None
    return title, author, date


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = fix_text(" ".join(value.split()))
    return value or None
