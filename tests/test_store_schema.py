"""The schema: the packaged migrations build exactly the tables the models describe, on
SQLite and PostgreSQL, and opening a database again changes nothing."""

from __future__ import annotations

from importlib import resources
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from unfree.store.database import masked_url, open_database, resolve_url
from unfree.store.migrate import alembic_config
from unfree.store.migrations.versions import v0001_initial
from unfree.store.schema import PG_INDEXED_CHARS, Base

# Full-text objects exist in one database each and only in the migration, on purpose.
_ONLY_IN_MIGRATIONS = ("documents_fts", "search_vector")


def _not_full_text(obj: Any, name: str | None, kind: str, reflected: bool,
                   compare_to: Any) -> bool:
    return not (name or "").startswith(_ONLY_IN_MIGRATIONS) and not (
        kind == "index" and "search_vector" in (name or ""))


def test_migrations_build_the_schema_the_models_describe(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_object": _not_full_text, "compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_full_text_search_objects_exist(engine: Engine) -> None:
    inspector = inspect(engine)
    if engine.dialect.name == "sqlite":
        assert "documents_fts" in inspector.get_table_names()
        with engine.connect() as connection:
            triggers = set(connection.scalars(text(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert triggers == {"documents_fts_insert", "documents_fts_delete",
                            "documents_fts_update"}
    else:
        columns = {c["name"] for c in inspector.get_columns("documents")}
        assert "search_vector" in columns
        assert "ix_documents_search_vector" in {i["name"] for i in
                                                inspector.get_indexes("documents")}


def test_opening_again_is_a_no_op_at_the_head_revision(db_url: str) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head == "0004"
    for _ in range(2):
        engine = open_database(db_url)
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head
        engine.dispose()


def test_migrations_ship_inside_the_package() -> None:
    folder = resources.files("unfree.store.migrations")
    assert folder.joinpath("env.py").is_file()
    assert folder.joinpath("script.py.mako").is_file()
    assert folder.joinpath("versions", "v0001_initial.py").is_file()
    assert v0001_initial.PG_INDEXED_CHARS == PG_INDEXED_CHARS


def test_urls() -> None:
    assert resolve_url("evidence.db") == "sqlite:///evidence.db"
    assert resolve_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert masked_url("postgresql+psycopg://u:s3cret@h:5432/db") == (
        "postgresql+psycopg://u:***@h:5432/db")
