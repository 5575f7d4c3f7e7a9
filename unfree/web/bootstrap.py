"""A first start: the first administrator, and the bundled samples in the default project."""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import Engine, select

from unfree.ingest import iter_documents
from unfree.store import accounts
from unfree.store.ingest import IngestReport, ingest
from unfree.store.workspace_schema import UserRow
from unfree.web.actions import writing
from unfree.web.passwords import hash_password

SAMPLES = Path(__file__).resolve().parents[2] / "samples"  # in a source checkout


def ensure_admin(engine: Engine, username: str = "admin") -> str | None:
    """Create the administrator `username` when there is no administrator yet; returns its
    new random password (shown once, stored only hashed), or None if one existed."""
    with engine.connect() as connection:
        if connection.scalar(select(UserRow.id).where(UserRow.is_admin.is_(True))) is not None:
            return None
    password = secrets.token_urlsafe(12)
    with writing(engine) as connection:
        accounts.create_user(connection, username, hash_password(password),
                             display_name="Administrator", is_admin=True, status="active")
    return password


def ingest_samples(engine: Engine, folder: Path = SAMPLES) -> IngestReport | None:
    """Store the sample documents (each text once: a second start adds nothing)."""
    if not folder.is_dir():
        return None
    return ingest(engine, iter_documents([str(folder)]), inputs=[str(folder)])
