"""`unfree ingest --from-parquet DIR`: a batch's analyses into the evidence base, unanalysed.

The tables `unfree batch` wrote are read back into the analyses they hold
(`unfree.batch.readback`) and stored through the same `ingest` as `unfree ingest` stores
what it analyses: one transaction per document, each text once (a text already stored is
skipped, so loading twice adds nothing), near-duplicates linked, the run recorded. Each
document keeps the engine version that analysed it and when, so `unfree reanalyze` later
finds analyses of an older engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from unfree.batch.readback import StoredAnalysis, check_folder, read_analyses
from unfree.model import Analysis, Document
from unfree.store.ingest import IngestReport, Progress, ingest


def ingest_batch(engine: Engine, folder: Path, *, on_item: Progress | None = None
                 ) -> IngestReport:
    """Store every analysis of a batch's output `folder`; `BatchFolderError` when it is
    not one."""
    check_folder(folder)
    # `ingest` takes documents one at a time and asks for each one's analysis before it
    # takes the next: the analysis of the document just handed over is the one to give.
    current: dict[int, StoredAnalysis] = {}

    def documents() -> Iterator[Document]:
        for stored in read_analyses(folder):
            current.clear()
            current[id(stored.analysis.document)] = stored
            yield stored.analysis.document

    def analysis(document: Document) -> Analysis:
        return current[id(document)].analysis

    def provenance(document: Document) -> tuple[str, datetime]:
        stored = current[id(document)]
        return stored.engine_version, stored.analysed_at

    return ingest(engine, documents(), inputs=[str(folder)], analyse=analysis,
                  on_item=on_item, provenance=provenance)
