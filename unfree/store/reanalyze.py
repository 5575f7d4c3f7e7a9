"""Re-analysis: run the current engine again over stored texts.

Each document is re-analysed from its stored text (with the language its source gave, if any)
and its machine output replaced in one transaction, so an interrupted re-analysis resumes:
the documents already done carry the new engine version. Reviewed findings are kept
(`unfree.store.rows.replace_machine_rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DataError

from unfree import __version__
from unfree.ingest import IngestError
from unfree.ingest.errors import describe
from unfree.model import Analysis, Comment, Document
from unfree.pipeline import analyze
from unfree.store.database import WRITE, reason
from unfree.store.rows import replace_machine_rows
from unfree.store.schema import CommentRow, DocumentRow


@dataclass(slots=True)
class ReanalysisReport:
    selected: int = 0
    reanalysed: int = 0
    failures: list[IngestError] = field(default_factory=list)


def documents_to_reanalyse(engine: Engine, *, everything: bool = False) -> list[int]:
    """Ids of the documents an older engine analysed (or of all documents), oldest first."""
    query = select(DocumentRow.id).order_by(DocumentRow.id)
    if not everything:
        query = query.where(DocumentRow.engine_version != __version__)
    with engine.connect() as connection:
        return list(connection.scalars(query))


def reanalyse(engine: Engine, *, everything: bool = False,
              analyse: Callable[[Document], Analysis] = analyze,
              on_item: Callable[[IngestError | None], None] | None = None) -> ReanalysisReport:
    """Re-analyse the selected documents, one transaction each."""
    ids = documents_to_reanalyse(engine, everything=everything)
    report = ReanalysisReport(selected=len(ids))
    for document_id in ids:
        problem = reanalyse_one(engine, document_id, analyse)
        if problem is None:
            report.reanalysed += 1
        else:
            report.failures.append(problem)
        if on_item is not None:
            on_item(problem)
    return report


def reanalyse_one(engine: Engine, document_id: int,
                  analyse: Callable[[Document], Analysis] = analyze) -> IngestError | None:
    """Re-analyse one stored document; an error it ran into, or None."""
    document = load_document(engine, document_id)
    if document is None:
        return None  # deleted meanwhile: nothing to do
    try:
        analysis = analyse(document)
    except Exception as exc:  # one odd text must not end a long run
        return IngestError(describe(document), f"analysis failed: {type(exc).__name__}: {exc}")
    try:
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            replace_machine_rows(connection, document_id, analysis)
            connection.execute(update(DocumentRow).where(DocumentRow.id == document_id).values(
                lang=analysis.lang, engine_version=__version__, analysed_at=datetime.now(UTC)))
    except DataError as exc:
        return IngestError(describe(document), f"cannot store: {reason(exc)}")
    return None


def load_document(engine: Engine, document_id: int) -> Document | None:
    """The `Document` a stored row was made from."""
    with engine.connect() as connection:
        row = connection.execute(select(DocumentRow).where(DocumentRow.id == document_id)).first()
        if row is None:
            return None
        comments = connection.execute(
            select(CommentRow.text, CommentRow.author, CommentRow.date)
            .where(CommentRow.document_id == document_id).order_by(CommentRow.position)).all()
    return Document(
        id=row.external_id, text=row.text, lang=row.source_lang, title=row.title,
        author=row.author, date=row.date, url=row.url, source=row.source,
        comments=tuple(Comment(text=c.text, author=c.author, date=c.date) for c in comments))
