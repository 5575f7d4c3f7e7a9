"""The one error every reader raises, so a run can report it and go on with the next file."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unfree.model import Document


class IngestError(Exception):
    """A file (or one line of a .jsonl file) that could not be read into a `Document`.

    `source` names where it came from (a path, `path:line N`, or "-" for stdin) and
    `reason` says why, on one line, so that a run's error list stays one error per line.
    """

    def __init__(self, source: str, reason: str) -> None:
        # One line: exception messages from libraries sometimes span several.
        reason = " ".join(reason.split()) or "unknown error"
        super().__init__(source, reason)  # keeps the error picklable (multiprocessing)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def short_reason(exc: BaseException, limit: int = 160) -> str:
    """A library exception as a short phrase for an `IngestError` reason."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def detached(exc: IngestError) -> IngestError:
    """`exc` without its traceback, cause and context, to be kept as a record of a failure.

    A raised error's traceback holds the frames it passed through, and so the bytes of the
    file being read (up to the size limit) and the reader's objects; its cause and context
    hold more. A run keeps every failure until its report, so one hostile corpus of large
    files kept that way would hold them all in memory.
    """
    exc.__traceback__ = None
    exc.__cause__ = None
    exc.__context__ = None
    return exc


def describe(document: Document) -> str:
    """How error lines name a document: its file, and its id when the file holds many."""
    if document.source and document.id != document.source:
        return f"{document.source}: {document.id}"
    return document.source or document.id
