"""Resource limits: what one file or one document may cost before it is refused.

Owns `Limits` (every limit with its default and the command-line option that sets it), the
wording of a breach (an `IngestError` naming the file, the measure and the limit), and the
per-document deadline (`time_limit`, `analyse_within`). The readers check the limits that
concern them (`unfree.ingest.pdf`, `.office`, `.htmlpage`); `unfree.ingest.core` checks file
size, characters and the reading deadline; `unfree ingest` puts `analyse_within` around each
document, and `unfree analyze` (with its worker processes) has `pipeline.analyze_all` count
the deadline across a document's stages.

A breach costs that one input: it becomes an `IngestError`, the run goes on with the next.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from types import FrameType
from typing import TYPE_CHECKING, TypeVar

from unfree.ingest.errors import IngestError, describe

if TYPE_CHECKING:
    from unfree.model import Document

T = TypeVar("T")

MIB = 1024 * 1024

# libxml2, which parses every HTML page (through lxml and trafilatura), silently stops adding
# elements 256 levels down: everything deeper, and everything after it, is lost. A page that
# deep is refused instead, so a depth limit above this cannot be honoured.
HTML_PARSER_DEPTH = 256


@dataclass(frozen=True, slots=True)
class Limits:
    """Every resource limit of reading and analysing, with defaults no real testimony,
    article or report reaches. Each field is set by the command-line option in `OPTIONS`."""

    max_file_bytes: int = 50 * MIB
    """Bytes of one file (or of standard input), checked before reading: 50 MiB keeps one
    stray video or database dump from exhausting memory."""
    max_chars: int = 5_000_000
    """Characters of one document's text, checked after reading. A 600-page report holds
    about 2.5 million; analysis time grows with length (about 15 s per million characters
    of dense testimony on one core), so beyond this a document is refused, not truncated:
    a cut text would be stored as if it were the whole document, its later evidence lost
    without a word. Split such a text into parts instead."""
    max_pdf_pages: int = 2_000
    """Pages of one PDF, counted in its page tree before any text is extracted."""
    max_pdf_objects: int = 250_000
    """Indirect objects written in one PDF ("N 0 obj"), counted in the raw bytes before the
    PDF parser sees them. Real reports of a thousand pages hold tens of thousands; a file
    of millions of tiny objects exists to make a parser rebuild its cross-reference table
    for minutes. Objects packed in compressed object streams are not counted here: pypdf's
    own decompression limits and the time limit bound those."""
    max_docx_bytes: int = 100 * MIB
    """Bytes a .docx unpacks to, all its zip members together, read from the zip's directory
    before python-docx opens it (python-docx reads every part into memory)."""
    max_zip_ratio: int = 100
    """Unpacked to packed size of one .docx member of over 1 MiB unpacked. Word's XML packs
    5 to 20 times; a zip bomb's members pack about 1,000 times, deflate's maximum."""
    max_zip_members: int = 10_000
    """Members of one .docx zip: a Word file has a few dozen, one per image beyond that."""
    max_html_depth: int = HTML_PARSER_DEPTH - 6
    """Levels of nested elements in an HTML page. The parser drops everything below 256
    levels (`HTML_PARSER_DEPTH`) without a word, so deeper pages are refused rather than
    stored with their text cut; at most 250 leaves a margin for <html> and <body>."""
    max_seconds: float = 300.0
    """Seconds to read one file, and again to analyse one document; 0 for no limit. Enforced
    with a SIGALRM timer in the main thread of the process doing the work (see
    `time_limit`); off the main thread, or where another timer is running, not enforced."""

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{item.name} must be a number, got {value!r}")
            if item.name == "max_seconds":
                if value < 0:
                    raise ValueError(f"max_seconds must be 0 (no limit) or more, got {value!r}")
            elif not isinstance(value, int) or value < 1:
                raise ValueError(f"{item.name} must be a positive integer, got {value!r}")
        if self.max_html_depth >= HTML_PARSER_DEPTH:
            raise ValueError(
                f"max_html_depth must be below {HTML_PARSER_DEPTH}, the depth at which the "
                f"HTML parser stops reading, got {self.max_html_depth}")


DEFAULT_LIMITS = Limits()

OPTIONS: dict[str, str] = {
    "max_file_bytes": "--max-file-mb",
    "max_chars": "--max-chars",
    "max_pdf_pages": "--max-pdf-pages",
    "max_pdf_objects": "--max-pdf-objects",
    "max_docx_bytes": "--max-docx-mb",
    "max_zip_ratio": "--max-zip-ratio",
    "max_zip_members": "--max-zip-members",
    "max_html_depth": "--max-html-depth",
    "max_seconds": "--doc-timeout",
}
"""The command-line option of each limit, named in every breach message."""


def breach(measured: str, limit: str, field: str) -> str:
    """A breach's reason: what was measured, the limit, and the option that sets it, e.g.
    "12,000 pages, over the limit of 2,000 pages (--max-pdf-pages)"."""
    return f"{measured}, over the limit of {limit} ({OPTIONS[field]})"


def check_chars(text: str, source: str, limits: Limits) -> None:
    """`IngestError` when a document's text is longer than `limits.max_chars`."""
    if len(text) > limits.max_chars:
        raise IngestError(source, breach(f"{len(text):,} characters",
                                         f"{limits.max_chars:,} characters", "max_chars"))


# --- the deadline -----------------------------------------------------------------------------


class TimeLimitReached(BaseException):
    """The SIGALRM timer of `time_limit` went off.

    A BaseException, not an Exception: readers and libraries catch Exception broadly (a
    damaged file must not end a run), and would turn a timeout into a misleading "not a
    readable PDF" or swallow it and go on reading.
    """


def can_time_limit() -> bool:
    """Whether `time_limit` can work here: a POSIX timer, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


ALARM_REPEAT_S = 0.05


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise `TimeLimitReached` in the body once `seconds` have passed; yields whether the
    deadline is enforced.

    SIGALRM is the one way to stop pure-Python work (pypdf rebuilding a cross-reference
    table, a pathological regex) without a second process per document; its limits: it only
    works in the main thread (elsewhere, e.g. in a web server's worker threads, the body runs
    without a deadline), it fires between bytecodes, so a single long call into C code
    (one lxml parse) ends before it is stopped, and the process has one such timer. When
    another timer is running (a test harness's, a caller's own deadline) this one steps aside
    rather than cancel it. `seconds` of 0 means no limit.
    """
    if seconds <= 0 or not can_time_limit() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield False
        return
    armed = [True]

    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        # A signal delivered just after the body ended (before the timer was cancelled) must
        # not end whatever runs next.
        if armed[0]:
            raise TimeLimitReached

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # The alarm repeats until the body ends: raised inside a garbage-collector callback or a
    # __del__, the exception is printed and dropped ("unraisable"), and a single alarm would
    # leave the body to run without its deadline.
    signal.setitimer(signal.ITIMER_REAL, seconds, ALARM_REPEAT_S)
    try:
        yield True
    finally:
        try:
            armed[0] = False
        finally:
            # Even if the alarm fired at this very moment, the timer and handler are restored.
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def timeout_reason(stage: str, seconds: float) -> str:
    """The reason of a document stopped by the deadline at `stage` ("reading", "analysis"),
    e.g. "analysis stopped after 5 s, the limit per document (--doc-timeout)"."""
    return f"{stage} stopped after {seconds:g} s, the limit per document ({OPTIONS['max_seconds']})"


def within(seconds: float, source: str, stage: str, work: Callable[[], T]) -> T:
    """`work()`, or an `IngestError` naming `source` once it has run `seconds`."""
    try:
        with time_limit(seconds):
            return work()
    except TimeLimitReached:
        raise IngestError(source, timeout_reason(stage, seconds)) from None


def analyse_within(document: Document, analyse: Callable[[Document], T], seconds: float) -> T:
    """`analyse(document)` under the per-document deadline: an `IngestError` naming the
    document when it runs past `seconds` (`Limits.max_seconds`), so that one pathological
    text costs itself and not the run."""
    return within(seconds, describe(document), "analysis", lambda: analyse(document))
