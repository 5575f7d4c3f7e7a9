"""The tables of the evidence base, as typed SQLAlchemy models.

The migrations in `unfree/store/migrations/versions/` create these tables, and a test checks
that the two agree. What only one database has lives in the migrations alone: SQLite's FTS5
table with the triggers that keep it in step with `documents`, and PostgreSQL's generated
`search_vector` column with its GIN index.

Offsets (`start`, `end`) are Python string indices into `documents.text`, as everywhere in
unfree, so `text[start:end] == quote` holds in the database too. `position` is a row's index
in the lists of the analysis it came from: the assessment's JSON cites findings and facts by
that index.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so that later migrations can alter them by name (SQLite batch mode
# needs names to recreate a table).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere.
JsonType = JSON().with_variant(JSONB(), "postgresql")

PG_INDEXED_CHARS = 250_000
"""PostgreSQL indexes this many first characters of a text: a tsvector holds at most 1 MB,
and this keeps any text well under it (SQLite's FTS5 indexes whole texts). The migration that
made `search_vector` wrote the same number; changing it needs a migration."""

FINDING_ORIGINS = ("machine", "review")
FINDING_STATUSES = ("machine", "confirmed", "rejected", "corrected")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IngestRun(Base):
    """One `unfree ingest` call. A run that was killed keeps `finished_at` empty; what it
    stored is still there, each document naming its run."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))  # running, finished, interrupted
    engine_version: Mapped[str] = mapped_column(String(32))
    inputs: Mapped[list[str]] = mapped_column(JsonType)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    near_duplicates: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class DocumentRow(Base):
    """One analysed text, stored once per project whatever the number of times it was
    ingested or uploaded (migration 0003: once per database before)."""

    __tablename__ = "documents"
    # Each project holds its own copy of a text, so that no upload learns what another
    # project holds; this index also answers "does the project hold this text".
    __table_args__ = (UniqueConstraint("project_id", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(Text)  # `Document.id`: path, or the jsonl `id`
    source: Mapped[str | None] = mapped_column(Text)  # path or "-" it was read from
    # sha256 of the text: what makes a second ingest of the same text a no-op.
    content_hash: Mapped[str] = mapped_column(String(64))
    source_lang: Mapped[str | None] = mapped_column(String(16))  # given by the source
    lang: Mapped[str] = mapped_column(String(16), index=True)  # the analysis language
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)  # as the source wrote it
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)  # `date` parsed
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(String(32), index=True)
    analysed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ingest_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingest_runs.id", ondelete="SET NULL"), index=True)
    # A syndicated copy or repost points at the first-stored copy; `similarity` is the
    # estimated Jaccard similarity with the closest stored copy that revealed it.
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    similarity: Mapped[float | None] = mapped_column(Double)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)  # see unfree.store.neardup
    # The review workspace's project that owns the document (`unfree.store.workspace_schema`);
    # the server default is the project migration 0002 creates, so `unfree ingest` stores into
    # it. No foreign key: SQLite adds a referencing column only by rebuilding `documents`, and
    # dropping the old table with foreign keys on would cascade-delete every finding.
    project_id: Mapped[int] = mapped_column(Integer, server_default=sql_text("1"), index=True)


class CommentRow(Base):
    """A reader comment, kept apart from the page's text and never analysed with it."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    author: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class FindingRow(Base):
    """An indicator finding. `origin` says who made it (the engine, or a reviewer) and
    `status` what review made of it; re-analysis replaces only unreviewed machine rows."""

    __tablename__ = "findings"
    __table_args__ = (
        CheckConstraint(_one_of("origin", FINDING_ORIGINS), name="origin"),
        CheckConstraint(_one_of("status", FINDING_STATUSES), name="status"),
        # The search filter "has a finding of this indicator", either way round (see mentions).
        Index("ix_findings_indicator_document_id", "indicator", "document_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int | None] = mapped_column(Integer)  # None: not in the current analysis
    indicator: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Double)
    rule: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16), default="machine")
    status: Mapped[str] = mapped_column(String(16), default="machine")


class FactRow(Base):
    """A quantity read from the text: `value`, or the range `low`-`high`."""

    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    value: Mapped[float | None] = mapped_column(Double)
    low: Mapped[float | None] = mapped_column(Double)
    high: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(Text)


class AssessmentRow(Base):
    """The ICLS verdict of a document, with the assessment's whole JSON as the engine gave it."""

    __tablename__ = "assessments"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(32), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JsonType)


class MentionRow(Base):
    """A country, city, organisation or sector the text names (`unfree.model.Mention`)."""

    __tablename__ = "mentions"
    # With the document last, "documents mentioning NP" is one index range and "does this
    # document mention NP" one seek (a kind-key index alone made SQLite scan every NP
    # mention once per matching document: seconds over 100,000 documents).
    __table_args__ = (Index("ix_mentions_kind_key_document_id", "kind", "key", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)


class LshBucket(Base):
    """One LSH band of a document's MinHash signature, hashed to 64 bits with the band's
    number: documents sharing a bucket are near-duplicate candidates (`unfree.store.neardup`).
    """

    __tablename__ = "lsh_buckets"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger, index=True)



# The review workspace's tables share this metadata; imported last because they refer to the
# models above.
from unfree.store import workspace_schema as _workspace_schema  # noqa: E402, F401
