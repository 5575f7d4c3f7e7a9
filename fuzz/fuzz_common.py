"""Shared by the atheris targets in fuzz/: what counts as a crash.

A target hands each input to one reader (or to the fact parser). A `Document` with Unicode
text, or an `IngestError` with a one-line reason, is a pass; any other exception, or a
document that breaks the readers' promises, raises out of `TestOneInput`, which atheris
reports as a crash and saves the input of (`-artifact_prefix`). Run them with `make fuzz`.
"""

from __future__ import annotations

from collections.abc import Callable

from unfree.ingest import IngestError
from unfree.model import Document

SOURCE = "fuzz/input"


def check_text(value: str | None, what: str) -> None:
    """A string a reader gives must be writable as UTF-8 (no lone surrogates)."""
    if value is None:
        return
    if not isinstance(value, str):
        raise AssertionError(f"{what} is {type(value).__name__}, not str")
    value.encode("utf-8")  # UnicodeEncodeError: a crash


def check_document(doc: object) -> None:
    if not isinstance(doc, Document):
        raise AssertionError(f"reader returned {type(doc).__name__}, not Document")
    if not doc.text.strip():
        raise AssertionError("document with blank text")
    for what, value in (("text", doc.text), ("id", doc.id), ("title", doc.title),
                        ("author", doc.author), ("date", doc.date), ("url", doc.url),
                        ("lang", doc.lang)):
        check_text(value, what)
    for comment in doc.comments:
        check_text(comment.text, "comment")
        check_text(comment.author, "comment author")
        check_text(comment.date, "comment date")


def check_error(error: IngestError) -> None:
    if not error.source.startswith(SOURCE) or not error.reason or "\n" in error.reason:
        raise AssertionError(f"malformed IngestError: {error!r}")


def read_one(read: Callable[[], Document]) -> None:
    """One reader call: a document or an IngestError pass, anything else propagates."""
    try:
        doc = read()
    except IngestError as exc:
        check_error(exc)
        return
    check_document(doc)
