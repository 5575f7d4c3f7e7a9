"""The first schema: documents with their comments, findings, facts, assessments, mentions,
LSH buckets for near-duplicates, ingest runs, and full-text search for each database.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import SchemaItem

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

# Both databases tokenise the same way as far as they can: on letters and digits, lower-
# cased, without stemming (one corpus, seven languages) and without folding accents
# (PostgreSQL's 'simple' configuration keeps them; unaccent would need a superuser).
_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0")""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    # Only a changed title or text touches the index, not a re-analysis or a new link.
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
]

# A tsvector holds at most 1 MB: the first 250,000 characters of a text stay well under it
# (a long report's later pages are then found through SQLite only). A literal, not an import:
# a migration keeps what it did whatever later code says (schema.PG_INDEXED_CHARS, tested).
PG_INDEXED_CHARS = 250_000
_PG_FTS = [
    f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A')
        || setweight(to_tsvector('simple', left(text, {PG_INDEXED_CHARS})), 'B')) STORED""",
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
]


def _document_child(name: str, *items: SchemaItem) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        *items,
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=f"fk_{name}_document_id_documents"),
    )
    op.create_index(f"ix_{name}_document_id", name, ["document_id"])


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("engine_version", sa.String(32), nullable=False),
        sa.Column("inputs", _json, nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("near_duplicates", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source_lang", sa.String(16), nullable=True),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("engine_version", sa.String(32), nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingest_run_id", sa.Integer(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("similarity", sa.Double(), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
        sa.ForeignKeyConstraint(["ingest_run_id"], ["ingest_runs.id"], ondelete="SET NULL",
                                name="fk_documents_ingest_run_id_ingest_runs"),
        sa.ForeignKeyConstraint(["duplicate_of"], ["documents.id"], ondelete="SET NULL",
                                name="fk_documents_duplicate_of_documents"),
    )
    for column in ("lang", "published", "engine_version", "ingest_run_id", "duplicate_of"):
        op.create_index(f"ix_documents_{column}", "documents", [column])

    _document_child(
        "comments",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
    )
    _document_child(
        "findings",
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("indicator", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.CheckConstraint("origin IN ('machine', 'review')", name="ck_findings_origin"),
        sa.CheckConstraint("status IN ('machine', 'confirmed', 'rejected', 'corrected')",
                           name="ck_findings_status"),
    )
    op.create_index("ix_findings_indicator_document_id", "findings", ["indicator", "document_id"])
    _document_child(
        "facts",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("value", sa.Double(), nullable=True),
        sa.Column("low", sa.Double(), nullable=True),
        sa.Column("high", sa.Double(), nullable=True),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
    )
    op.create_index("ix_facts_kind", "facts", ["kind"])
    _document_child(
        "mentions",
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("role", sa.String(32), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
    )
    op.create_index("ix_mentions_kind_key_document_id", "mentions",
                    ["kind", "key", "document_id"])

    op.create_table(
        "assessments",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("details", _json, nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_assessments"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_assessments_document_id_documents"),
    )
    op.create_index("ix_assessments_verdict", "assessments", ["verdict"])

    op.create_table(
        "lsh_buckets",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "band", name="pk_lsh_buckets"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_lsh_buckets_document_id_documents"),
    )
    op.create_index("ix_lsh_buckets_bucket", "lsh_buckets", ["bucket"])

    statements = {"sqlite": _SQLITE_FTS, "postgresql": _PG_FTS}
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("lsh_buckets", "assessments", "mentions", "facts", "findings", "comments",
                  "documents", "ingest_runs"):
        op.drop_table(table)
