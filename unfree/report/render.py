"""HTML reports from records: one Jinja2 environment, autoescaping everything it prints."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from unfree import __version__
from unfree.report import wording
from unfree.report.corpus import corpus_view
from unfree.report.document import document_view
from unfree.report.records import Record


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("unfree.report", "templates"),
        autoescape=True,  # every template, whatever its name: text from documents is data
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _stamp(generated: datetime | None) -> str:
    return generated.strftime("%Y-%m-%d %H:%M") if generated else ""


def render_document_report(records: Sequence[Record], *,
                           generated: datetime | None = None) -> str:
    """One self-contained HTML page with a document report for each record."""
    if not records:
        raise ValueError("a document report needs at least one record")
    docs = [document_view(r, i) for i, r in enumerate(records)]
    page_title = docs[0].title if len(docs) == 1 else f"{len(docs)} documents"
    return _environment().get_template("document.html.j2").render(
        docs=docs, page_title=f"{page_title} · unfree document report",
        kind="Document report", version=__version__, generated=_stamp(generated),
        status_words=wording.STATUSES)


def render_corpus_report(records: Sequence[Record], *, title: str | None = None,
                         generated: datetime | None = None) -> str:
    """One self-contained HTML page over all records: counts, charts, flows, quotes."""
    view = corpus_view(records, title or "Corpus report")
    return _environment().get_template("corpus.html.j2").render(
        c=view, page_title=f"{view.title} · unfree corpus report", kind="Corpus report",
        version=__version__, generated=_stamp(generated), status_words=wording.STATUSES)
