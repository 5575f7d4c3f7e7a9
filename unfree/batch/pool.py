"""Every core of one machine: a process pool that keeps results in input order.

Used by `unfree analyze --workers N` and `unfree batch --engine local`. What crosses between
processes is kept light: documents go in chunks (a few dozen, or about a megabyte of text),
results come back as the finished output text (a JSON line, a rendered text) or one Arrow
batch, never as Python objects to re-serialise in the parent. Workers are forked where that is
safe (Linux, and no thread running yet in the parent), so they start with the parent's
modules loaded; each one then loads every language's data once in its initializer. At most
a few chunks per worker are in flight, so a corpus of any size never sits in memory.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from unfree.ingest import IngestError
from unfree.model import Document

T = TypeVar("T")
R = TypeVar("R")

# A chunk is also the batch `analyze_all` runs stage by stage: the more documents, the longer
# each stage's tables stay in the CPU's caches (48 documents gave +20 %, 200 gave +33 % on
# the benchmark mix); its bytes stay bounded for memory and for spreading work over workers.
CHUNK_ITEMS = 200
CHUNK_BYTES = 512_000
IN_FLIGHT_PER_WORKER = 3


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int) -> int:
    """`--workers`: 0 means one per core."""
    return cores() if workers == 0 else workers


def start_method() -> str:
    """fork where it is safe (Linux, before any thread), else forkserver or spawn."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def chunks(items: Iterable[T], size: Callable[[T], int], *, max_items: int = CHUNK_ITEMS,
           max_bytes: int = CHUNK_BYTES) -> Iterator[list[T]]:
    """`items` in lists of at most `max_items`, or about `max_bytes` by `size`."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += size(item)
        if len(chunk) >= max_items or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class WorkerDied(RuntimeError):
    """A worker process ended in the middle of a run (killed, out of memory)."""


def _start_worker(initializer: Callable[[], None] | None) -> None:
    # Ctrl-C reaches every process of the group: a worker just ends, quietly (no traceback
    # from each), and the parent, which got it too, stops the run.
    signal.signal(signal.SIGINT, lambda _signum, _frame: os._exit(130))
    if initializer is not None:
        initializer()


@contextmanager
def ordered_map(func: Callable[[T], R], items: Iterable[T], *, workers: int,
                initializer: Callable[[], None] | None = None) -> Iterator[Iterator[R]]:
    """`map(func, items)` over `workers` processes, results in input order. The workers start
    (fork) on entering, so enter before starting any thread; one worker runs in this
    process (no pool, no initializer). A worker that dies raises `WorkerDied`."""
    if workers <= 1:
        yield map(func, items)
        return
    context = multiprocessing.get_context(start_method())
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(initializer,)) as pool:
        # Start every worker now (a pool forks lazily, at the first task otherwise).
        for future in [pool.submit(os.getpid) for _ in range(workers)]:
            future.result()
        yield _in_order(pool, func, items, workers * IN_FLIGHT_PER_WORKER)


def _in_order(pool: ProcessPoolExecutor, func: Callable[[T], R], items: Iterable[T],
              limit: int) -> Iterator[R]:
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise WorkerDied("a worker process ended in the middle of the run (killed? out of "
                         "memory?)") from exc
    finally:
        for future in pending:
            future.cancel()


# --- unfree analyze --workers ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rendered:
    """A chunk's outputs (text to write, or the error in its place) and its worker's memory."""

    outputs: list[str | IngestError]
    pid: int
    peak_rss_mb: float


def render(result: dict[str, object], fmt: str) -> str:
    """One analysis as `unfree analyze` writes it: a JSON line, an indented JSON object (an
    element of --format json) or text."""
    if fmt == "jsonl":
        return json.dumps(result, ensure_ascii=False)
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    from unfree.report import render_text

    return render_text(result)


def json_array(objects: list[str]) -> str:
    """`json.dumps(list, indent=2)` from its elements' `json.dumps(item, indent=2)`: JSON
    text has no raw newline inside a string, so every line is indented one level more."""
    if not objects:
        return "[]"
    return "[\n" + ",\n".join("\n".join("  " + line for line in o.split("\n"))
                              for o in objects) + "\n]"


def _render_chunk(fmt: str, seconds: float, chunk: list[Document | IngestError]) -> Rendered:
    from unfree.batch.analyser import peak_rss_mb
    from unfree.pipeline import analyze_all, to_dict

    documents = [item for item in chunk if not isinstance(item, IngestError)]
    # One stage at a time over the chunk (`analyze_all`), the deadline running here, in the
    # process analysing (a worker's main thread).
    analysed = iter(analyze_all(documents, seconds))
    outputs: list[str | IngestError] = []
    for item in chunk:
        if isinstance(item, IngestError):
            outputs.append(item)
            continue
        result = next(analysed)
        outputs.append(result if isinstance(result, IngestError)
                       else render(to_dict(result), fmt))
    return Rendered(outputs, os.getpid(), peak_rss_mb())


def _warm_up() -> None:
    from unfree.batch.analyser import warm_up

    warm_up()


def _size(item: Document | IngestError) -> int:
    return len(item.text) if isinstance(item, Document) else 0


def rendered(items: Iterable[Document | IngestError], fmt: str, *, workers: int,
             seconds: float = 0) -> AbstractContextManager[Iterator[Rendered]]:
    """`unfree analyze`'s outputs in input order, chunk by chunk, from `workers` processes:
    the same function renders each document whatever the number of workers, so the bytes
    written are the same. A document analysed for longer than `seconds` (0: no limit) is
    an `IngestError` in its place."""
    return ordered_map(partial(_render_chunk, fmt, seconds), chunks(items, _size),
                       workers=workers, initializer=_warm_up)
