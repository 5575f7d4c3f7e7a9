"""Fixtures shared by test modules.

The store's database fixtures (`new_database`, `db_url`, `engine`: each test of
tests/test_store*.py once on SQLite and once on PostgreSQL) live in tests/store_support.py.
"""

import os

from hypothesis import settings
from store_support import db_url, engine, new_database  # noqa: F401  (fixtures)
from web_support import cheap_password_hashes, workspace  # noqa: F401  (fixtures)

# HYPOTHESIS_PROFILE=fuzz runs the property tests (tests/test_fuzz_*.py) for many more examples
# than the few hundred a normal run can afford; those tests read `max_examples` from it.
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
