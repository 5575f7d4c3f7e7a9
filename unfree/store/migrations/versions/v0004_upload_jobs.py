"""Upload jobs in the database: the progress of an upload, which lived in the memory of the
server process that ran it, so that several worker processes (and a restarted server) answer
the page that polls it alike.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    # A new table only: no existing table changes, so no copy-and-move on SQLite.
    op.create_table(
        "upload_jobs",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("documents", _json, nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("failures", _json, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_upload_jobs"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_upload_jobs_user_id_users"),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE",
                                name="fk_upload_jobs_project_id_projects"),
    )
    for column in ("user_id", "project_id", "updated_at"):
        op.create_index(f"ix_upload_jobs_{column}", "upload_jobs", [column])


def downgrade() -> None:
    op.drop_table("upload_jobs")
