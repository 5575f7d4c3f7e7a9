"""Alembic migrations of the store, applied by `unfree.store.migrate.upgrade_schema`."""
