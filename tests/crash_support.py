"""Killing a database writer with SIGKILL at random points: the machinery of
tests/test_crash_safety.py.

No new interpreter per kill: the test process, which has imported unfree, forks one child per
round. The child opens its own engine (engines are never shared across a fork), writes, and
reports on a pipe what it is doing: `B` when a transaction begins, `W` before each INSERT or
UPDATE, `C` when it asks for a commit, and one `ok` line per write whose commit returned. The
parent waits for a seeded number of `ok` lines, then for a seeded random fraction of two
commits' time (measured, so that the kill lands within the next two writes however fast the
machine), reads what is committed through its own connection, and kills the child. What the
child had reported last says where the kill landed; what it had reported committed must all
be in the database afterwards.

The schedule comes from one seed, printed at the start of each test; `UNFREE_CRASH_SEED`
repeats it (the kill points repeat as closely as the machine's timing allows).
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.pool import NullPool

SEED_ENV = "UNFREE_CRASH_SEED"
KILLS = 50
Report = Callable[[str], None]
"""How a child tells the parent one line (no newline in it)."""

_WRITES = ("INSERT", "UPDATE", "DELETE")


def crash_seed(what: str) -> int:
    raw = os.environ.get(SEED_ENV)
    seed = int(raw) if raw else random.SystemRandom().randrange(2**31)
    print(f"crash safety of {what}: seed {seed} ({SEED_ENV}={seed} repeats the schedule)")
    return seed


def reader(url: str) -> Engine:
    """The parent's engine: without a pool, so that no connection is open when it forks."""
    return create_engine(url, poolclass=NullPool)


def mark_transactions(engine: Engine, report: Report) -> None:
    """Make a child's engine report each transaction's begin, writes and commit."""

    @event.listens_for(engine, "begin")
    def on_begin(_connection: Any) -> None:
        report("B")

    @event.listens_for(engine, "before_cursor_execute")
    def on_execute(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(_WRITES):
            report("W")

    @event.listens_for(engine, "commit")
    def on_commit(_connection: Any) -> None:
        report("C")

    @event.listens_for(engine, "rollback")
    def on_rollback(_connection: Any) -> None:
        report("R")


@dataclass
class Child:
    """A forked writer, and the lines it has reported so far."""

    pid: int
    fd: int
    lines: list[str] = field(default_factory=list)
    ended: bool = False  # the child closed its pipe: it exited (or was killed)
    ok_times: list[float] = field(default_factory=list)  # when each "ok" line was read
    reaped: bool = False
    _partial: bytes = b""

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *_exc: object) -> None:
        # A failed check must not leave the child writing on (it is killed and reaped).
        if not self.reaped:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.fd)
            self.reaped = True

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.ended = True
            return
        *complete, self._partial = (self._partial + chunk).split(b"\n")
        now = time.monotonic()
        for raw in complete:
            line = raw.decode()
            self.lines.append(line)
            if line.startswith("ok "):
                self.ok_times.append(now)

    def wait_for(self, prefix: str, count: int, *, timeout: float = 60.0) -> None:
        """Read until the child has reported `count` lines starting with `prefix`."""
        deadline = time.monotonic() + timeout
        while sum(line.startswith(prefix) for line in self.lines) < count:
            assert not self.ended, f"the child ended before it was killed: {self.lines[-5:]}"
            assert time.monotonic() < deadline, f"the child reported too little: {self.lines[-5:]}"
            self._read(0.05)

    def pace(self, default: float) -> float:
        """Seconds between two of the child's commits, as seen so far (`default` before
        there are enough to tell)."""
        times = self.ok_times
        if len(times) < 3 or times[-1] == times[0]:
            return default
        return (times[-1] - times[0]) / (len(times) - 1)

    def sleep(self, seconds: float) -> None:
        """Wait, reading the pipe meanwhile so that the child never blocks on a full one."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and not self.ended:
            self._read(left)

    def kill(self) -> None:
        """SIGKILL, then collect what the child wrote to the pipe before it died."""
        os.kill(self.pid, signal.SIGKILL)
        _, status = os.waitpid(self.pid, 0)
        while not self.ended:
            self._read(5.0)
        os.close(self.fd)
        self.reaped = True
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"the child was not killed but ended with status {status}: {self.lines[-5:]}")

    def kill_point(self) -> str:
        """Where the kill landed, from the last transaction marker the child reported."""
        last = next((line for line in reversed(self.lines) if line in ("B", "W", "C", "R")),
                    None)
        return {"B": "in a transaction, nothing written yet",
                "W": "in a write transaction, rows written, not committed",
                "C": "during or just after a commit"}.get(last or "", "between transactions")


def fork_child(work: Callable[[Report], None]) -> Child:
    """Run `work` in a forked child that reports on a pipe. The child never returns here: it
    ends with os._exit, so pytest's state in it is never torn down or reported twice."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(read_fd)

            def report(line: str) -> None:
                # A line is well under PIPE_BUF, so each write arrives whole.
                os.write(write_fd, line.encode() + b"\n")

            work(report)
            os.write(write_fd, b"done\n")
        except BaseException:
            traceback.print_exc()
            status = 70
        finally:
            os._exit(status)
    os.close(write_fd)
    return Child(pid, read_fd)


def settle(engine: Engine) -> None:
    """On PostgreSQL, wait until the killed client's server process is gone: it may still be
    finishing a COMMIT the client sent, and checks must see the database as it will stay."""
    if engine.dialect.name != "postgresql":
        return
    deadline = time.monotonic() + 30
    with engine.connect() as connection:
        while connection.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")):
            assert time.monotonic() < deadline, "a killed client's server process lingers"
            time.sleep(0.005)
            connection.rollback()  # a fresh snapshot of pg_stat_activity


def check_sqlite_file(engine: Engine) -> None:
    """SQLite's own checks: the file's structure, every foreign key, the full-text index
    against the documents it indexes."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        # FTS5's 'integrity-check' with rank 1 compares the index with its content table
        # (`documents`) and raises on any difference.
        connection.exec_driver_sql("INSERT INTO documents_fts(documents_fts, rank) "
                                   "VALUES ('integrity-check', 1)")
        connection.rollback()


@dataclass
class Tally:
    """Figures of one test's kills, printed at its end (docs/reliability.md quotes them)."""

    what: str
    kills: int = 0
    points: Counter[str] = field(default_factory=Counter)
    committed_at_kill: list[int] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def record(self, child: Child, committed: int) -> None:
        self.kills += 1
        self.points[child.kill_point()] += 1
        self.committed_at_kill.append(committed)

    def summary(self) -> str:
        counts = self.committed_at_kill
        new = sorted(b - a for a, b in zip([0, *counts], counts, strict=False))
        return (f"{self.what}: {self.kills} kills in {time.perf_counter() - self.started:.1f} s; "
                f"committed when killed: {counts[0]} at the first kill, {counts[-1]} at the "
                f"last, {new[0]}..{new[-1]} (median {new[len(new) // 2]}) new ones per round; "
                f"kill points {dict(self.points)}")
