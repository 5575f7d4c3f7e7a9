"""Opening a database: choosing the URL, connecting, bringing the schema up to date.

SQLite is tuned for a store written one document per transaction and read while it is
written: write-ahead logging (readers never block the writer, and a process killed at any
moment leaves every committed transaction intact), `synchronous=NORMAL` (a commit is not
flushed to disk one by one; a power cut, unlike a killed process, may lose the last few
commits, which a re-run of the same ingest stores again), foreign keys on, and `BEGIN
IMMEDIATE` for writes so that two writers queue instead of failing half-way.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

DEFAULT_URL = "sqlite:///unfree.db"
URL_ENV = "UNFREE_DB"
WRITE = {"unfree_write": True}
"""Execution options of a connection that writes: on SQLite it takes the write lock at once."""

_BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another writer before giving up


class StoreError(Exception):
    """A database that cannot be opened or used. The message names its URL, password masked."""


def resolve_url(given: str | None) -> str:
    """The database URL: `--db`, else $UNFREE_DB, else `sqlite:///unfree.db`.

    A bare path means an SQLite file; `postgresql://` and `postgres://` mean psycopg 3, the
    driver unfree installs.
    """
    raw = (given or os.environ.get(URL_ENV) or DEFAULT_URL).strip()
    if "://" not in raw:
        return f"sqlite:///{raw}"
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return raw


def masked_url(url: str) -> str:
    """The URL with its password replaced by ***, fit for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        # Not parseable: mask anything between "user:" and "@" the way make_url would.
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def open_database(url: str, *, create: bool = True) -> Engine:
    """Connect to `url` and apply any migration it lacks. Raises `StoreError`.

    With `create=False` a missing SQLite file is an error instead of a new empty store
    (searching or counting a database that was never written is a mistake in the URL).
    """
    shown = masked_url(url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"database {shown}: not a database URL (try sqlite:///FILE or "
                         "postgresql+psycopg://USER:PASSWORD@HOST/NAME)") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"database {shown}: unsupported kind '{backend}' (unfree stores "
                         "into SQLite or PostgreSQL)")
    if backend == "sqlite":
        _check_sqlite_path(parsed, shown, create)
    try:
        engine = create_engine(parsed)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(f"database {shown}: {reason(exc, parsed)}") from exc
    if backend == "sqlite":
        _tune_sqlite(engine)
    else:
        # Many-row INSERTs as one multi-VALUES statement (SQLAlchemy's "insertmanyvalues", as
        # its psycopg2 dialect does by default), not psycopg's one statement per row: the
        # 32 LSH buckets of every document made ingest twice as slow.
        engine.dialect.use_insertmanyvalues_wo_returning = True
    from unfree.store.migrate import upgrade_schema  # alembic is only needed here

    try:
        upgrade_schema(engine)
    except StoreError as exc:
        engine.dispose()
        raise StoreError(f"database {shown}: {exc}") from exc
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"database {shown}: {reason(exc, parsed)}") from exc
    return engine


def reason(exc: BaseException, url: URL | None = None) -> str:
    """A database exception on one line, without SQL, parameters or the password."""
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split()) or type(orig).__name__
    text = text.split(" [SQL: ")[0].split(" (Background on this error")[0]
    if url is not None and url.password:
        text = text.replace(str(url.password), "***")
    return text if len(text) <= 300 else text[:299] + "…"


def _check_sqlite_path(url: URL, shown: str, create: bool) -> None:
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    path = Path(database)
    if not create and not path.exists():
        raise StoreError(f"database {shown}: no such file (ingest something first)")
    if not path.parent.is_dir():
        raise StoreError(f"database {shown}: folder {path.parent} does not exist")


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN (below) start transactions, rather than the sqlite3
        # module's guesswork, so that DDL in migrations is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get("unfree_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")
