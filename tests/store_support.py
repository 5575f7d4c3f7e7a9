"""Fixtures and helpers shared by the store tests: every store test runs against SQLite and
PostgreSQL.

PostgreSQL comes from $UNFREE_TEST_PG_URL (a server URL whose user may create databases;
each test gets a fresh database, dropped afterwards). Without it the PostgreSQL variants
skip, except when $CI is set: then they fail, so that CI cannot pass without testing
PostgreSQL. `.ci/run` starts a throwaway server and sets the variable.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.engine import make_url

from unfree.store.database import open_database, resolve_url
from unfree.store.schema import (
    AssessmentRow,
    CommentRow,
    DocumentRow,
    FactRow,
    FindingRow,
    LshBucket,
    MentionRow,
)

PG_ENV = "UNFREE_TEST_PG_URL"
BACKENDS = ["sqlite", "postgresql"]

NewDatabase = Callable[[], str]


def _pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if url:
        return resolve_url(url)
    if os.environ.get("CI"):
        pytest.fail(f"${PG_ENV} is not set: in CI the store tests must run on PostgreSQL too")
    pytest.skip(f"${PG_ENV} is not set (see tests/store_support.py)")


@pytest.fixture(params=BACKENDS)
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NewDatabase]:
    """A factory of fresh, empty database URLs of one backend (the test's parameter)."""
    if request.param == "sqlite":
        names = iter(range(1_000))
        yield lambda: f"sqlite:///{tmp_path / f'store{next(names)}.db'}"
        return
    server = make_url(_pg_server_url())
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def create() -> str:
        name = f"unfree_test_{uuid.uuid4().hex[:16]}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        created.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    try:
        yield create
    finally:
        with admin.connect() as connection:
            for name in created:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def db_url(new_database: NewDatabase) -> str:
    return new_database()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    opened = open_database(db_url)
    yield opened
    opened.dispose()


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(table)) or 0)


CONTENT_TABLES = (CommentRow, FindingRow, FactRow, MentionRow, AssessmentRow, LshBucket)
_VOLATILE = {"id", "analysed_at", "ingest_run_id"}  # autoincrement ids and timestamps


def dump(url: str) -> dict[str, list[str]]:
    """The database's content, without ids and timestamps: each row as sorted JSON, with
    references to documents replaced by the referenced document's content hash."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            documents = [dict(row._mapping) for row in connection.execute(select(DocumentRow))]
            hash_of = {d["id"]: d["content_hash"] for d in documents}
            out = {"documents": sorted(_row_json(
                {k: hash_of.get(v) if k == "duplicate_of" else v for k, v in d.items()
                 if k not in _VOLATILE}) for d in documents)}
            for table in CONTENT_TABLES:
                rows = [dict(row._mapping) for row in connection.execute(select(table))]
                out[table.__tablename__] = sorted(_row_json(
                    {k: hash_of[v] if k == "document_id" else v for k, v in r.items()
                     if k not in _VOLATILE}) for r in rows)
    finally:
        engine.dispose()
    return out


def _row_json(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, default=lambda v: v.hex() if isinstance(v, bytes)
                      else str(v))
