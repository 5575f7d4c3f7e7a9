"""What a batch run did, while it runs (a progress line) and after (`_batch.json`).

The run summary is written beside the tables and printed by `--format json`; its shape is
`unfree/schema/batch.schema.json`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.status import Status

from unfree.batch.analyser import Counters

FAILURES_KEPT = 100
"""Failures listed in the summary (all of them are in the `failures` table)."""

PLAIN_EVERY_S = 30.0
"""How often a run that is not on a terminal (a log file) prints its progress line."""


@dataclass(slots=True)
class BatchReport:
    engine: str
    engine_version: str
    inputs: list[str]
    output: str
    started_at: datetime
    workers: int
    prefilter: bool
    counters: Counters = field(default_factory=Counters)
    seconds: float = 0.0
    peak_worker_rss_mb: float = 0.0
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def text_mb(self) -> float:
        return self.counters.text_bytes / 1e6

    def to_dict(self) -> dict[str, Any]:
        c = self.counters
        return {
            "engine": self.engine, "engine_version": self.engine_version,
            "inputs": self.inputs, "output": self.output,
            "started_at": self.started_at.isoformat(), "seconds": round(self.seconds, 3),
            "workers": self.workers, "prefilter": self.prefilter,
            "documents": c.documents, "failed": c.failed, "prefiltered": c.prefiltered,
            "text_mb": round(self.text_mb, 3),
            "mb_per_s": round(self.text_mb / self.seconds, 3) if self.seconds else 0.0,
            "documents_per_s": round(c.documents / self.seconds, 1) if self.seconds else 0.0,
            "peak_worker_rss_mb": round(self.peak_worker_rss_mb, 1),
            "tables": self.tables,
            "failures": [{"record": r, "reason": why} for r, why in c.failures[:FAILURES_KEPT]],
        }

    def summary_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def write(self, folder: Path) -> None:
        from unfree.batch.readback import SUMMARY_FILE

        (folder / SUMMARY_FILE).write_text(self.summary_json(), encoding="utf-8")


class Progress:
    """Documents, failures and MB/s while a run goes: a live line on a terminal, a plain line
    every `PLAIN_EVERY_S` seconds otherwise, each failure on a line of its own (the first
    `FAILURES_KEPT`), nothing at all when quiet."""

    def __init__(self, console: Console, *, quiet: bool) -> None:
        self.console = console
        self.quiet = quiet
        self.started = time.perf_counter()
        self._last_plain = self.started
        self._shown_failures = 0
        self._status: Status | None = None

    def __enter__(self) -> Progress:
        self.started = self._last_plain = time.perf_counter()
        if not self.quiet and self.console.is_terminal:
            self._status = self.console.status("starting…", spinner="dots")
            self._status.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._status is not None:
            self._status.stop()

    def line(self, counters: Counters) -> str:
        elapsed = time.perf_counter() - self.started
        mb = counters.text_bytes / 1e6
        rate = mb / elapsed if elapsed > 0 else 0.0
        return (f"{counters.documents} documents, {counters.failed} failed, {mb:.1f} MB of "
                f"text, {rate:.2f} MB/s, {elapsed:.0f} s")

    def update(self, counters: Counters, new_failures: Sequence[tuple[str, str]] = ()) -> None:
        if self.quiet:
            return
        for record, reason in new_failures:
            self._shown_failures += 1
            if self._shown_failures <= FAILURES_KEPT:
                self.console.print(f"[red]error[/red] {escape(record)}: {escape(reason)}",
                                   highlight=False)
            elif self._shown_failures == FAILURES_KEPT + 1:
                self.console.print("(further failures only in the failures table)",
                                   highlight=False, markup=False)
        if self._status is not None:
            self._status.update(self.line(counters))
        elif time.perf_counter() - self._last_plain >= PLAIN_EVERY_S:
            self._last_plain = time.perf_counter()
            self.console.print(self.line(counters), highlight=False, markup=False)
