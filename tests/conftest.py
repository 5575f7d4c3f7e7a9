"""Fixtures shared by test modules.

The store's database fixtures (`new_database`, `db_url`, `engine`: each test of
tests/test_store*.py once on SQLite and once on PostgreSQL) live in tests/store_support.py.
"""

from store_support import db_url, engine, new_database  # noqa: F401  (fixtures)
from web_support import cheap_password_hashes, workspace  # noqa: F401  (fixtures)
