"""A text is stored once per project, not once per database: `documents.content_hash` is
unique together with `project_id`. Before, uploading a text that another project held
answered "already stored", which told the uploader that some other team held it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_OLD = "uq_documents_content_hash"
_NEW = "uq_documents_project_id_content_hash"

# SQLite cannot drop a constraint: `documents` is copied into a new table, and dropping the
# old one drops its full-text triggers too, which are made again here as 0001 made them
# (literals, not imports: a migration keeps what it did whatever later code says). The
# upgrade runs with foreign keys off (`unfree.store.migrate`): dropping the old table would
# otherwise cascade-delete every finding, fact and note.
_SQLITE_TRIGGERS = [
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
]


def _swap(drop: str, create: str, columns: list[str]) -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("documents", recreate="always") as batch:
            batch.drop_constraint(drop, type_="unique")
            batch.create_unique_constraint(create, columns)
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
        return
    op.drop_constraint(drop, "documents", type_="unique")
    op.create_unique_constraint(create, "documents", columns)


def upgrade() -> None:
    _swap(_OLD, _NEW, ["project_id", "content_hash"])


def downgrade() -> None:
    # Fails, changing nothing, when two projects hold the same text.
    _swap(_NEW, _OLD, ["content_hash"])
