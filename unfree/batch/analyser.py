"""One pipeline per process: warmed once, then reading and analysing record after record.

A pool worker or a Spark executor's Python worker (Spark reuses them between tasks) calls
`analyser()` and gets the process's one `Analyser`: every language's lexicons, the language
model and the gazetteer are loaded when it is made, never per row.
"""

from __future__ import annotations

import resource
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from unfree.batch.prefilter import analyze_prefiltered, triggers
from unfree.batch.sources import Record
from unfree.batch.tables import failure_row, nested_row
from unfree.ingest import IngestError
from unfree.ingest.errors import describe
from unfree.language import SUPPORTED, detect_language
from unfree.model import Analysis, Document
from unfree.pipeline import analyze, analyze_all

# One short text per language that reaches every stage: numbers, cue words, a place.
_WARM_TEXT = "12 hours a day in Berlin, 500 euros. 12 Stunden, 500 Euro. 하루 12시간."


def warm_up() -> None:
    """Load what the first document of each language would load (seconds, once)."""
    detect_language(_WARM_TEXT)
    for lang in SUPPORTED:
        analyze(Document(id="warm-up", text=_WARM_TEXT, lang=lang))


FAILURES_NAMED = 1_000


@dataclass(slots=True)
class Counters:
    """What one process did; summed over processes by the engines."""

    documents: int = 0
    failed: int = 0
    prefiltered: int = 0
    text_bytes: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (record, reason)

    def add(self, other: Counters) -> None:
        self.documents += other.documents
        self.failed += other.failed
        self.prefiltered += other.prefiltered
        self.text_bytes += other.text_bytes
        # Named failures are for people; beyond a few, the failures table has them all.
        self.failures.extend(other.failures[: max(0, FAILURES_NAMED - len(self.failures))])


class Analyser:
    """Reads and analyses records into nested rows (`unfree.batch.tables.NESTED`)."""

    def __init__(self, *, prefilter: bool = False) -> None:
        warm_up()
        self.prefilter = prefilter
        if prefilter:
            for lang in SUPPORTED:
                triggers(lang)

    def rows(self, records: Iterable[Record], counters: Counters) -> list[dict[str, Any]]:
        read = [(record, record.read()) for record in records]
        documents = [item for _, item in read if not isinstance(item, IngestError)]
        # Without the pre-filter, the documents of the batch go through the stages together
        # (`analyze_all`: the same analyses, faster); with it, each decides for itself.
        results = (iter(self._prefiltered(documents)) if self.prefilter
                   else iter([(result, False) for result in analyze_all(documents)]))
        out: list[dict[str, Any]] = []
        for record, item in read:
            if isinstance(item, IngestError):
                out.append(self._failed(record, item.reason, counters))
                continue
            analysis, skipped = next(results)
            if isinstance(analysis, IngestError):
                out.append(self._failed(record, analysis.reason, counters))
                continue
            counters.documents += 1
            counters.prefiltered += skipped
            counters.text_bytes += len(item.text.encode("utf-8", "surrogatepass"))
            out.append(nested_row(record, analysis, prefiltered=skipped))
        return out

    @staticmethod
    def _prefiltered(documents: list[Document]
                     ) -> Iterator[tuple[Analysis | IngestError, bool]]:
        for document in documents:
            try:
                yield analyze_prefiltered(document)
            except Exception as exc:  # an engine bug on one odd text must not end a run
                reason = f"analysis failed: {type(exc).__name__}: {exc}"
                yield IngestError(describe(document), reason), False

    @staticmethod
    def _failed(record: Record, reason: str, counters: Counters) -> dict[str, Any]:
        reason = " ".join(reason.split())
        counters.failed += 1
        counters.failures.append((record.where, reason))
        return failure_row(record, reason)


_ANALYSERS: dict[bool, Analyser] = {}


def analyser(*, prefilter: bool = False) -> Analyser:
    """This process's analyser, made on first use."""
    found = _ANALYSERS.get(prefilter)
    if found is None:
        found = _ANALYSERS[prefilter] = Analyser(prefilter=prefilter)
    return found


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
