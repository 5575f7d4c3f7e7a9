"""Shared by the fuzz tests (tests/test_fuzz_*.py): example budgets, a time limit per example,
the properties every reader's result must hold, and the valid PDF and DOCX files that the
tests mutate.

Every valid file here is built from text written for these tests.
"""

from __future__ import annotations

import io
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from types import FrameType

from hypothesis import HealthCheck, settings

from unfree.ingest import IngestError
from unfree.model import Comment, Document

DOC_ID = "fuzz-doc"
SOURCE = "fuzz/input"
# One example taking this long is a hang: the slowest reader (a damaged PDF that pypdf
# rebuilds) takes well under a second on inputs of the sizes generated here.
TIME_LIMIT_S = 20.0


def budget(examples: int) -> settings:
    """Settings for a property test: `examples` in a normal run, the profile's count under
    HYPOTHESIS_PROFILE=fuzz (tests/conftest.py). No deadline: the time limit is `bounded`'s."""
    if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz":
        examples = max(examples, settings().max_examples)
    return settings(
        max_examples=examples,
        deadline=None,
        # Generated PDFs, pages and JSON Lines are large by design.
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Hang(Exception):
    """An example ran past `TIME_LIMIT_S`."""


@contextmanager
def bounded(seconds: float = TIME_LIMIT_S) -> Iterator[None]:
    """Raise `Hang` in the block after `seconds` (SIGALRM: main thread, POSIX only)."""

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def is_unicode(value: str) -> bool:
    """True when `value` holds no lone surrogate (so it can be written as UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_error(error: IngestError, source: str = SOURCE) -> None:
    """An `IngestError` names its source and gives a one-line reason."""
    assert error.source.startswith(source)
    assert error.reason and "\n" not in error.reason
    assert is_unicode(str(error))


def check_document(doc: Document, *, doc_id: str | None = DOC_ID, source: str = SOURCE) -> None:
    """The types and text a reader promises: non-blank Unicode text, optional string fields."""
    assert isinstance(doc, Document)
    assert isinstance(doc.text, str) and doc.text.strip()
    assert is_unicode(doc.text)
    if doc_id is not None:
        assert doc.id == doc_id
    assert isinstance(doc.id, str) and is_unicode(doc.id)
    assert doc.source == source
    for value in (doc.lang, doc.title, doc.author, doc.date, doc.url):
        assert value is None or (isinstance(value, str) and value and is_unicode(value))
    assert isinstance(doc.comments, tuple)
    for comment in doc.comments:
        assert isinstance(comment, Comment)
        assert isinstance(comment.text, str) and comment.text and is_unicode(comment.text)
        for value in (comment.author, comment.date):
            assert value is None or (isinstance(value, str) and is_unicode(value))


def outcome(read: Callable[[], Document], **expected: str) -> Document | None:
    """Run one reader call: a checked `Document`, or None for an `IngestError`; any other
    exception, or a hang, fails the test."""
    try:
        with bounded():
            doc = read()
    except IngestError as exc:
        check_error(exc, expected.get("source", SOURCE))
        return None
    check_document(doc, **expected)
    return doc


# --- valid files to mutate -------------------------------------------------------------------

PDF_PAGES = (
    "We worked fourteen hours a day, seven days a week, for 150 dollars a month.",
    "The recruiter kept our passports and charged each of us $2,000.",
)


def make_pdf(pages: tuple[str, ...] = PDF_PAGES, *, compress: bool = True,
             title: str | None = "Field notes") -> bytes:
    """A valid PDF with one page per string (core font, so Latin-1 text only)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.compress = compress
    pdf.set_creation_date(datetime(2023, 5, 17, 9, 30))
    if title is not None:
        pdf.set_title(title)
        pdf.set_author("A. Researcher")
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def make_docx(*, table: bool = True, title: str | None = "Interview 7") -> bytes:
    """A valid DOCX: paragraphs, a table with a merged cell, core properties."""
    import docx

    document = docx.Document()
    document.add_heading("Interview with a fisherman", level=1)
    document.add_paragraph("We were at sea for eleven months without a day off.")
    document.add_paragraph("Le capitaine gardait nos passeports. Мы работали по 18 часов.")
    if table:
        grid = document.add_table(rows=2, cols=3)
        grid.cell(0, 0).text = "Wage promised"
        grid.cell(0, 1).text = "$450 a month"
        grid.cell(1, 0).merge(grid.cell(1, 2)).text = "Paid: nothing for four months"
    if title is not None:
        document.core_properties.title = title
        document.core_properties.author = "Field team"
        document.core_properties.created = datetime(2022, 11, 3, 8, 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
