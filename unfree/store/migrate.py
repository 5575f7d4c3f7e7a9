"""Alembic, run from code: the migrations ship inside the package, so an installed wheel
upgrades a database without an alembic.ini or a source checkout."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine

from unfree.store.database import WRITE, StoreError

SCRIPT_LOCATION = "unfree.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations (and at `connection`,
    which `migrations/env.py` uses instead of opening one of its own)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine) -> None:
    """Apply every migration the database lacks, in one transaction (DDL is transactional in
    SQLite and PostgreSQL alike, so a killed upgrade leaves the schema as it was)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current == head:
        return  # the common case, without taking the write lock
    with engine.connect().execution_options(**WRITE) as connection:
        # SQLite cannot drop a constraint, so some revisions copy a table and drop the old
        # one, which with foreign keys on would cascade-delete the rows referring to it.
        # SQLite's documented way: keys off for the upgrade (before the transaction: inside
        # one the pragma does nothing), checked before the commit, on again after.
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            with connection.begin():
                try:
                    command.upgrade(alembic_config(connection), "head")
                except CommandError as exc:
                    # Typically a revision this version of unfree does not know: the
                    # database was written by a newer unfree.
                    raise StoreError(f"cannot upgrade the schema ({exc}); the database may "
                                     "come from a newer version of unfree") from exc
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError("the schema upgrade would break references between "
                                     "rows; nothing was changed")
        finally:
            if sqlite:
                _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    """Turn SQLite's foreign keys on or off on this connection (outside any transaction:
    the driver's own connection, which runs each statement at once)."""
    connection.connection.driver_connection.execute(  # type: ignore[union-attr]
        f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
