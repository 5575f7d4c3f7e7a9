"""What Spark's Python workers run: read files into records, analyse records into rows.

Both are `mapInArrow` functions (iterators of Arrow batches in and out), so rows cross between
the JVM and Python as Arrow, never one by one. Nothing here imports pyspark: the counters are
handed in as plain callables, so the functions can be tested, and pickled, on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyarrow as pa

from unfree.batch.analyser import Counters, analyser, peak_rss_mb
from unfree.batch.sources import Payload, Record, file_records
from unfree.batch.tables import nested_batch
from unfree.model import Document

BATCH_RECORDS = 64
"""Records per Arrow batch: the unit in which the JVM hands texts to Python and back."""

FAILURES_PER_BATCH = 20
"""Failures named to the driver per batch (for its progress lines; the table has them all)."""

FILES = pa.schema([("input_index", pa.int64()), ("path", pa.string()), ("where", pa.string()),
                   ("error", pa.string())])
"""The driver's list of inputs: a path to read, or why an input could not be listed."""

_S = pa.string()
RECORDS = pa.schema([
    ("input_index", pa.int64()), ("record_index", pa.int64()), ("where", _S),
    ("id", _S), ("text", _S), ("lang", _S), ("title", _S), ("author", _S), ("date", _S),
    ("url", _S), ("source", _S),
    ("path", _S), ("data", pa.binary()), ("suffix", _S), ("error", _S),
])
"""A `Record` as an Arrow row: document columns, or a path, or bytes (`data` with `suffix`,
`id`, `source` and `url`), or an `error`."""


def records_batch(records: list[Record]) -> pa.RecordBatch:
    rows = []
    for r in records:
        row: dict[str, object] = {"input_index": r.input_index, "record_index": r.record_index,
                                  "where": r.where, "path": r.path, "error": r.error}
        if r.document is not None:
            d = r.document
            row.update(id=d.id, text=d.text, lang=d.lang, title=d.title, author=d.author,
                       date=d.date, url=d.url, source=d.source)
        elif r.payload is not None:
            p = r.payload
            row.update(data=p.data, suffix=p.suffix, id=p.doc_id, source=p.source, url=p.url)
        rows.append(row)
    return pa.RecordBatch.from_pylist(rows, schema=RECORDS)


def records_from_batch(batch: pa.RecordBatch) -> list[Record]:
    out = []
    for row in batch.to_pylist():
        key = (row["input_index"], row["record_index"], row["where"])
        if row["text"] is not None:
            out.append(Record(*key, document=Document(
                id=row["id"], text=row["text"], lang=row["lang"], title=row["title"],
                author=row["author"], date=row["date"], url=row["url"], source=row["source"])))
        elif row["data"] is not None:
            out.append(Record(*key, payload=Payload(row["data"], row["suffix"], row["id"],
                                                    row["source"], row["url"])))
        else:
            out.append(Record(*key, path=row["path"], error=row["error"]))
    return out


def read_files(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow: input files (`FILES`) into records (`RECORDS`), streamed."""
    for batch in batches:
        for row in batch.to_pylist():
            if row["error"] is not None:
                yield records_batch([Record(row["input_index"], 0, row["where"],
                                            error=row["error"])])
                continue
            chunk: list[Record] = []
            for record in file_records(row["input_index"], row["path"]):
                chunk.append(record)
                if len(chunk) >= BATCH_RECORDS:
                    yield records_batch(chunk)
                    chunk = []
            if chunk:
                yield records_batch(chunk)


@dataclass(frozen=True, slots=True)
class Tally:
    """Where an analysing task reports what it did (Spark accumulators, in the engine)."""

    count: Callable[[Counters], None]
    peak_rss_mb: Callable[[float], None]


def analyse_records(prefilter: bool, tally: Tally | None,
                    batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow: records (`RECORDS`) into nested rows (`tables.NESTED`), with the one
    analyser of this Python worker."""
    engine = analyser(prefilter=prefilter)
    for batch in batches:
        counters = Counters()
        rows = engine.rows(records_from_batch(batch), counters)
        if tally is not None:
            counters.failures = counters.failures[:FAILURES_PER_BATCH]
            tally.count(counters)
            tally.peak_rss_mb(peak_rss_mb())
        yield nested_batch(rows)
