"""Alembic's entry point for the store's migrations.

`unfree.store.migrate` passes an open connection in `config.attributes["connection"]`, inside
a transaction it owns. Without one (the `alembic` command line, for writing a new revision)
the URL comes from the `sqlalchemy.url` option or $UNFREE_DB.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from unfree.store.database import resolve_url
from unfree.store.schema import Base

# Any constant: PostgreSQL sessions that upgrade at once take turns on this lock.
_PG_MIGRATION_LOCK = 0x756E66726565


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": _PG_MIGRATION_LOCK})
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: later revisions copy-and-move tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    # Inside the caller's transaction this opens none: the whole upgrade commits at once.
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    url = config.get_main_option("sqlalchemy.url") or resolve_url(None)
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url)
    with engine.connect() as connection, connection.begin():
        _run(connection)
    engine.dispose()


_main()
