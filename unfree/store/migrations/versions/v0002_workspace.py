"""The review workspace: projects (every stored document goes to a default project), users,
memberships, sessions, failed sign-ins, finding reviews, reviewers' notes and the audit log.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
# A literal, not an import: a migration keeps what it did whatever later code says.
DEFAULT_PROJECT_ID = 1


def _when(name: str, *, index: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False, index=index)


def _fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete=ondelete,
                                   name=f"fk_{table}_{column}_{target}")


def _index(table: str, *columns: str, unique: bool = False) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns), unique=unique)


def upgrade() -> None:
    projects = op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_projects"),
        sa.UniqueConstraint("name", name="uq_projects_name"),
    )
    op.bulk_insert(projects, [{"id": DEFAULT_PROJECT_ID, "name": "Default project",
                               "created_at": datetime.now(UTC)}])
    if op.get_bind().dialect.name == "postgresql":
        # The row above was given its id: the sequence must not hand it out again.
        op.execute("SELECT setval(pg_get_serial_sequence('projects', 'id'), "
                   "(SELECT max(id) FROM projects))")
    # A plain ADD COLUMN in both databases (see `DocumentRow.project_id` for why no foreign
    # key): existing documents take the default project.
    op.add_column("documents", sa.Column("project_id", sa.Integer(), nullable=False,
                                         server_default=sa.text(str(DEFAULT_PROJECT_ID))))
    _index("documents", "project_id")

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("display_name", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("text_size", sa.SmallInteger(), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
        sa.CheckConstraint("status IN ('pending', 'active', 'disabled')",
                           name="ck_users_status"),
    )
    op.create_table(
        "memberships",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "project_id", name="pk_memberships"),
        _fk("user_id", "memberships", "users", "CASCADE"),
        _fk("project_id", "memberships", "projects", "CASCADE"),
        sa.CheckConstraint("role IN ('analyst', 'viewer')", name="ck_memberships_role"),
    )
    _index("memberships", "project_id")
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        _when("created_at"),
        _when("expires_at"),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        _fk("user_id", "sessions", "users", "CASCADE"),
    )
    _index("sessions", "user_id")
    _index("sessions", "expires_at")
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        _when("at"),
        sa.PrimaryKeyConstraint("id", name="pk_login_attempts"),
    )
    for column in ("username", "address", "at"):
        _index("login_attempts", column)
    op.create_table(
        "finding_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        _when("at"),
        sa.Column("before", _json, nullable=True),
        sa.Column("after", _json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_finding_reviews"),
        _fk("finding_id", "finding_reviews", "findings", "CASCADE"),
        _fk("document_id", "finding_reviews", "documents", "CASCADE"),
        _fk("reviewer_id", "finding_reviews", "users", "SET NULL"),
        sa.CheckConstraint("action IN ('confirm', 'reject', 'correct', 'add')",
                           name="ck_finding_reviews_action"),
    )
    for column in ("finding_id", "document_id", "reviewer_id"):
        _index("finding_reviews", column)
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        _when("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
        _fk("document_id", "notes", "documents", "CASCADE"),
        _fk("finding_id", "notes", "findings", "SET NULL"),
        _fk("parent_id", "notes", "notes", "CASCADE"),
        _fk("author_id", "notes", "users", "SET NULL"),
    )
    for column in ("document_id", "finding_id", "parent_id", "author_id"):
        _index("notes", column)
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        _when("at"),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String(64), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("before", _json, nullable=True),
        sa.Column("after", _json, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        _fk("actor_id", "audit_log", "users", "SET NULL"),
    )
    for column in ("at", "actor_id", "project_id"):
        _index("audit_log", column)


def downgrade() -> None:
    for name in ("audit_log", "notes", "finding_reviews", "login_attempts", "sessions",
                 "memberships", "users"):
        op.drop_table(name)
    op.drop_index("ix_documents_project_id", table_name="documents")
    # Not batch mode: rebuilding `documents` would cascade-delete its children in SQLite.
    op.drop_column("documents", "project_id")
    op.drop_table("projects")
