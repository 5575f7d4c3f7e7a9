"""The review workspace's tables (issue 4): accounts, projects, sessions, reviews, threaded
comments and the audit log. Migration 0002 creates them; 0004 adds the upload jobs.

`findings.status` and `findings.origin` stay the source of truth for what review made of a
finding; `finding_reviews` keeps who did it, when, why, and the finding before and after.
Reader comments of a page are the `comments` table; what reviewers write is `notes`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from unfree.store.schema import Base, JsonType

DEFAULT_PROJECT_ID = 1
"""The project migration 0002 creates; documents stored before it, or by `unfree ingest`,
belong to it (`documents.project_id` defaults to it)."""

USER_STATUSES = ("pending", "active", "disabled")
PROJECT_ROLES = ("analyst", "viewer")  # admins are users with `is_admin`, across projects
REVIEW_ACTIONS = ("confirm", "reject", "correct", "add")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class ProjectRow(Base):
    """A team's set of documents: members see only the documents of their projects."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """An account. Registration makes it `pending`; an admin's approval makes it `active`."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_one_of("status", USER_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)  # lower-cased
    display_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, with its parameters
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    text_size: Mapped[int] = mapped_column(SmallInteger, default=100)  # percent, per user
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class MembershipRow(Base):
    """A user's role in one project: analysts review and upload, viewers read."""

    __tablename__ = "memberships"
    __table_args__ = (CheckConstraint(_one_of("role", PROJECT_ROLES), name="role"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(16))


class SessionRow(Base):
    """A signed-in browser. The cookie holds a random token; only its sha256 is stored, so
    a copy of the database signs nobody in. `csrf_token` is the session's form token."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class LoginAttemptRow(Base):
    """A failed sign-in, for rate limiting by user name and by address (kept in the database
    so that every worker process sees the same count)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class FindingReviewRow(Base):
    """One review action on a finding: who, when, why, and the finding before and after."""

    __tablename__ = "finding_reviews"
    __table_args__ = (CheckConstraint(_one_of("action", REVIEW_ACTIONS), name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    after: Mapped[dict[str, Any]] = mapped_column(JsonType)


class NoteRow(Base):
    """A reviewer's comment on a document or on one of its findings; `parent_id` threads
    replies. A note on a finding that re-analysis drops stays on the document."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    """One change made through the workspace: actor, action, object, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JsonType)


class UploadJobRow(Base):
    """An upload's progress (`unfree.web.uploads`), kept in the database so that every worker
    process of the server answers the page that polls it, whichever process runs the upload.
    `updated_at` moves with each document: a job left unfinished by a stopped process is
    told apart from a slow one by it."""

    __tablename__ = "upload_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, in the page's URL
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"),
                                            index=True)
    total: Mapped[int | None] = mapped_column(Integer)  # documents read, once they are
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    documents: Mapped[list[int]] = mapped_column(JsonType)  # ids of the documents stored
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[list[str]] = mapped_column(JsonType)  # "name: reason", one a document
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
