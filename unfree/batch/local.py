"""The local engine: one machine's cores (`unfree.batch.pool`) writing the batch's tables.

This process lists the inputs and cuts them into records; workers read, analyse and turn each
chunk into the rows of every table (Arrow tables, cheap to send back); this process writes
them in input order, one Parquet file per table and language, in row groups of at most
`ROW_GROUP_ROWS` rows or `ROW_GROUP_BYTES` (so this process holds a few row groups, never a
corpus).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow as pa

from unfree import __version__
from unfree.batch.analyser import Counters, analyser, peak_rss_mb
from unfree.batch.pool import chunks, ordered_map
from unfree.batch.report import BatchReport, Progress
from unfree.batch.sources import Record, iter_records, list_inputs
from unfree.batch.tables import PARTITION, TABLES, explode, nested_batch

ROW_GROUP_ROWS = 20_000
ROW_GROUP_BYTES = 32_000_000
FILE_ROWS = 2_000_000  # a new part file past this many rows


@dataclass(frozen=True, slots=True)
class ChunkResult:
    tables: dict[str, pa.Table]
    counters: Counters
    pid: int
    peak_rss_mb: float


def _analyse_chunk(prefilter: bool, analysed_at: datetime, chunk: list[Record]) -> ChunkResult:
    counters = Counters()
    rows = analyser(prefilter=prefilter).rows(chunk, counters)
    return ChunkResult(explode(nested_batch(rows), analysed_at), counters, os.getpid(),
                       peak_rss_mb())


def _warm_up(prefilter: bool) -> None:
    analyser(prefilter=prefilter)


def _record_size(record: Record) -> int:
    # A file not yet read counts as 100 KB: a few per chunk, so that a folder of PDFs or
    # web pages still spreads over every worker.
    return record.size if record.path is None else 100_000


def prepare_output(output: Path, *, overwrite: bool) -> None:
    """An empty output folder; what a previous batch left there only with `overwrite`."""
    if output.exists() and not output.is_dir():
        raise FileExistsError(f"{output}: exists and is not a folder")
    if output.is_dir() and any(output.iterdir()):
        if not overwrite:
            raise FileExistsError(f"{output}: not empty (use --overwrite to replace a "
                                  "previous batch's tables)")
        from unfree.batch.readback import SUMMARY_FILE

        for name in (*TABLES, SUMMARY_FILE):
            target = output / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    output.mkdir(parents=True, exist_ok=True)


class TableWriter:
    """Parquet files per table and language, written in the order rows arrive."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._buffers: dict[tuple[str, str], list[pa.Table]] = {}
        self._buffered: dict[tuple[str, str], tuple[int, int]] = {}  # rows, bytes
        self._writers: dict[tuple[str, str], Any] = {}
        self._file_rows: dict[tuple[str, str], int] = {}
        self._parts: dict[tuple[str, str], int] = {}
        for name in TABLES:
            (folder / name).mkdir(parents=True, exist_ok=True)

    def add(self, tables: dict[str, pa.Table]) -> None:
        import pyarrow.compute as pc

        for name, table in tables.items():
            if table.num_rows == 0:
                continue
            self.rows[name] += table.num_rows
            if PARTITION not in table.column_names:
                self._buffer((name, ""), table)
                continue
            langs = table[PARTITION]
            for lang in pc.unique(langs).to_pylist():
                part = table.filter(pc.equal(langs, lang)).drop_columns([PARTITION])
                self._buffer((name, lang), part)

    def _buffer(self, key: tuple[str, str], table: pa.Table) -> None:
        self._buffers.setdefault(key, []).append(table)
        rows, size = self._buffered.get(key, (0, 0))
        rows, size = rows + table.num_rows, size + table.nbytes
        self._buffered[key] = (rows, size)
        if rows >= ROW_GROUP_ROWS or size >= ROW_GROUP_BYTES:
            self._flush(key)

    def _flush(self, key: tuple[str, str]) -> None:
        import pyarrow.parquet as pq

        tables = self._buffers.pop(key, [])
        self._buffered.pop(key, None)
        if not tables:
            return
        table = pa.concat_tables(tables)
        writer = self._writers.get(key)
        if writer is None or self._file_rows[key] >= FILE_ROWS:
            if writer is not None:
                writer.close()
            name, lang = key
            folder = self.folder / name / (f"{PARTITION}={lang}" if lang else "")
            folder.mkdir(parents=True, exist_ok=True)
            part = self._parts.get(key, 0)
            self._parts[key] = part + 1
            writer = pq.ParquetWriter(folder / f"part-{part:05d}.parquet", table.schema)
            self._writers[key] = writer
            self._file_rows[key] = 0
        writer.write_table(table)
        self._file_rows[key] += table.num_rows

    def close(self) -> None:
        for key in list(self._buffers):
            self._flush(key)
        for writer in self._writers.values():
            writer.close()


def run_local(inputs: Sequence[str], output: Path, *, workers: int, prefilter: bool,
              progress: Progress) -> BatchReport:
    """Analyse every record of `inputs` into the tables under `output` (prepared already)."""
    started = datetime.now(UTC)
    report = BatchReport("local", __version__, list(inputs), str(output), started, workers,
                         prefilter)
    records = iter_records(list_inputs(inputs))
    writer = TableWriter(output)
    peaks: dict[int, float] = {}
    work = partial(_analyse_chunk, prefilter, started)
    try:
        with ordered_map(work, chunks(records, _record_size), workers=workers,
                         initializer=partial(_warm_up, prefilter)) as results, progress:
            for result in results:
                writer.add(result.tables)
                report.counters.add(result.counters)
                peaks[result.pid] = max(peaks.get(result.pid, 0.0), result.peak_rss_mb)
                progress.update(report.counters, result.counters.failures)
    finally:
        writer.close()
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    report.peak_worker_rss_mb = max(peaks.values(), default=0.0)
    report.tables = dict(writer.rows)
    return report
