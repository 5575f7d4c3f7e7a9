"""PDF files: the text layer, page by page. Scans without a text layer are refused, not OCR'd.

Before pypdf parses anything, the indirect objects written in the file are counted, and
before any page is read the page tree is walked and its pages counted: a PDF over
`Limits.max_pdf_objects` or `Limits.max_pdf_pages` is refused without the cost of reading it.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from itertools import islice
from typing import Any

from unfree.ingest.errors import IngestError, short_reason
from unfree.ingest.limits import DEFAULT_LIMITS, Limits, breach
from unfree.ingest.textfix import fix_text
from unfree.model import Document

# pypdf logs damaged-file warnings ("EOF marker not found"); the IngestError says it once,
# so keep them off stderr unless the application configures logging (see htmlpage.py).
logging.getLogger("pypdf").addHandler(logging.NullHandler())


# "12 0 obj": how every indirect object outside an object stream begins.
_OBJECT = re.compile(rb"\d\s+\d+\s+obj\b")


def read_pdf(data: bytes, *, doc_id: str, source: str,
             limits: Limits = DEFAULT_LIMITS) -> Document:
    """Text of every page, pages separated by a blank line; title/author/date from metadata."""
    from pypdf import PdfReader  # imported here: a run without PDFs does not pay for it

    _check_objects(data, source, limits)
    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise IngestError(source, f"not a readable PDF ({short_reason(exc)})") from exc
    if reader.is_encrypted:
        _decrypt(reader, source)
    try:
        _check_pages(reader, source, limits)
        pages = list(reader.pages)
    except IngestError:
        raise
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


def _check_objects(data: bytes, source: str, limits: Limits) -> None:
    # A regular expression over the bytes costs about a second for millions of objects;
    # pypdf rebuilding a broken cross-reference table over as many costs minutes and
    # hundreds of megabytes. Counting stops one past the limit.
    limit = limits.max_pdf_objects
    found = sum(1 for _ in islice(_OBJECT.finditer(data), limit + 1))
    if found > limit:
        raise IngestError(source, breach(f"more than {limit:,} objects", f"{limit:,} objects",
                                         "max_pdf_objects"))


def _check_pages(reader: Any, source: str, limits: Limits) -> None:
    """Refuse a PDF of more pages than `limits.max_pdf_pages`, by the page tree's own count
    when it says so, else by walking the tree (its /Count may lie low) and stopping one
    page past the limit: pypdf's page list would build every page first."""
    from pypdf.generic import IndirectObject

    limit = limits.max_pdf_pages
    root = reader.trailer["/Root"].get_object()["/Pages"].get_object()
    declared = root.get("/Count")
    declared = declared.get_object() if isinstance(declared, IndirectObject) else declared
    if isinstance(declared, int) and declared > limit:
        raise IngestError(source, breach(f"{declared:,} pages", f"{limit:,} pages",
                                         "max_pdf_pages"))
    pages = nodes = 0
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        nodes += 1
        if nodes > limits.max_pdf_objects:  # a tree of empty branches: bounded all the same
            raise IngestError(source, breach(f"more than {limits.max_pdf_objects:,} page tree"
                                             " nodes", f"{limits.max_pdf_objects:,} objects",
                                             "max_pdf_objects"))
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            pages += 1
            if pages > limit:
                raise IngestError(source, breach(f"more than {limit:,} pages",
                                                 f"{limit:,} pages", "max_pdf_pages"))
            continue
        for kid in kids.get_object():
            if isinstance(kid, IndirectObject):
                if kid.idnum in seen:  # a cycle, or a page listed twice: counted once
                    continue
                seen.add(kid.idnum)
            stack.append(kid.get_object())


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
