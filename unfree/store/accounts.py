"""Accounts of the review workspace: users, projects, memberships, sessions and failed
sign-ins. Passwords arrive here hashed (`unfree.web.passwords`); session tokens leave here
once and are stored as their sha256 only."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from unfree.store.audit import record_change
from unfree.store.workspace_schema import (
    PROJECT_ROLES,
    LoginAttemptRow,
    MembershipRow,
    ProjectRow,
    SessionRow,
    UserRow,
)

MAX_PROJECT_NAME = 128  # `projects.name` is a VARCHAR(128)


class AccountError(ValueError):
    """A request the accounts cannot satisfy (a taken name, an unknown role…)."""


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    display_name: str
    is_admin: bool
    status: str
    text_size: int


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A valid session: its user and the token its forms must carry."""

    user: User
    csrf_token: str


def _now() -> datetime:
    return datetime.now(UTC)


def _user(row: Row[Any]) -> User:
    return User(row.id, row.username, row.display_name, bool(row.is_admin), row.status,
                int(row.text_size))


def normal_username(username: str) -> str:
    return username.strip().lower()


def create_user(connection: Connection, username: str, password_hash: str, *,
                display_name: str = "", is_admin: bool = False, status: str = "pending",
                actor_id: int | None = None) -> int:
    """A new account (pending unless said otherwise). Raises AccountError if the name is taken."""
    name = normal_username(username)
    if connection.scalar(select(UserRow.id).where(UserRow.username == name)) is not None:
        raise AccountError("that user name is taken")
    user_id = connection.scalar(insert(UserRow).values(
        username=name, display_name=display_name.strip() or name, password_hash=password_hash,
        is_admin=is_admin, status=status, text_size=100, created_at=_now(),
    ).returning(UserRow.id))
    assert user_id is not None
    record_change(connection, actor_id=actor_id if actor_id is not None else user_id,
                  action="user.create", object_type="user", object_id=user_id,
                  after={"username": name, "is_admin": is_admin, "status": status})
    return int(user_id)


def user_by_name(connection: Connection, username: str) -> tuple[User, str] | None:
    """The account and its password hash."""
    row = connection.execute(select(UserRow.__table__).where(
        UserRow.username == normal_username(username))).first()
    return None if row is None else (_user(row), row.password_hash)


def get_user(connection: Connection, user_id: int) -> User | None:
    row = connection.execute(select(UserRow.__table__).where(UserRow.id == user_id)).first()
    return None if row is None else _user(row)


def list_users(connection: Connection) -> list[User]:
    rows = connection.execute(select(UserRow.__table__).order_by(UserRow.id))
    return [_user(row) for row in rows]


def set_password_hash(connection: Connection, user_id: int, password_hash: str) -> None:
    """Replace a hash (argon2 parameters changed): not a change anyone made, so not audited."""
    connection.execute(update(UserRow).where(UserRow.id == user_id)
                       .values(password_hash=password_hash))


def create_project(connection: Connection, name: str, *, actor_id: int | None) -> int:
    clean = " ".join(name.split())
    if not clean:
        raise AccountError("a project needs a name")
    if len(clean) > MAX_PROJECT_NAME:  # PostgreSQL would refuse it; SQLite would keep it
        raise AccountError(f"a project's name holds at most {MAX_PROJECT_NAME} characters")
    if connection.scalar(select(ProjectRow.id).where(ProjectRow.name == clean)) is not None:
        raise AccountError("a project of that name exists")
    project_id = connection.scalar(insert(ProjectRow).values(name=clean, created_at=_now())
                                   .returning(ProjectRow.id))
    assert project_id is not None
    record_change(connection, actor_id=actor_id, action="project.create",
                  object_type="project", object_id=project_id, project_id=project_id,
                  after={"name": clean})
    return int(project_id)


def list_projects(connection: Connection) -> list[tuple[int, str]]:
    return [(row.id, row.name) for row in connection.execute(
        select(ProjectRow.id, ProjectRow.name).order_by(ProjectRow.id))]


def roles_of(connection: Connection, user_id: int) -> dict[int, str]:
    """The user's role in each of their projects."""
    return {row.project_id: row.role for row in connection.execute(
        select(MembershipRow.project_id, MembershipRow.role)
        .where(MembershipRow.user_id == user_id))}


def set_membership(connection: Connection, user_id: int, project_id: int, role: str | None,
                   *, actor_id: int | None) -> None:
    """Give `user_id` `role` in `project_id` (None: take them out of it)."""
    if role is not None and role not in PROJECT_ROLES:
        raise AccountError(f"unknown role {role!r}")
    if connection.scalar(select(ProjectRow.id).where(ProjectRow.id == project_id)) is None:
        raise AccountError("no such project")
    if get_user(connection, user_id) is None:  # not a foreign-key error at the insert
        raise AccountError("no such user")
    before = roles_of(connection, user_id).get(project_id)
    connection.execute(delete(MembershipRow).where(MembershipRow.user_id == user_id,
                                                   MembershipRow.project_id == project_id))
    if role is not None:
        connection.execute(insert(MembershipRow).values(user_id=user_id,
                                                        project_id=project_id, role=role))
    record_change(connection, actor_id=actor_id, action="membership.set",
                  object_type="user", object_id=user_id, project_id=project_id,
                  before={"role": before}, after={"role": role})


def set_status(connection: Connection, user_id: int, status: str, *,
               actor_id: int | None) -> None:
    """Approve (`active`), or disable, an account; a disabled account loses its sessions."""
    before = get_user(connection, user_id)
    if before is None:
        raise AccountError("no such user")
    connection.execute(update(UserRow).where(UserRow.id == user_id).values(status=status))
    if status != "active":
        connection.execute(delete(SessionRow).where(SessionRow.user_id == user_id))
    record_change(connection, actor_id=actor_id, action="user.status", object_type="user",
                  object_id=user_id, before={"status": before.status},
                  after={"status": status})


def set_text_size(connection: Connection, user_id: int, percent: int) -> int:
    """Remember the user's text size (80 to 200 percent); returns the size kept."""
    size = max(80, min(200, percent))
    before = get_user(connection, user_id)
    connection.execute(update(UserRow).where(UserRow.id == user_id).values(text_size=size))
    record_change(connection, actor_id=user_id, action="user.text_size", object_type="user",
                  object_id=user_id,
                  before={"text_size": before.text_size if before else None},
                  after={"text_size": size})
    return size


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(connection: Connection, user_id: int, lifetime: timedelta) -> str:
    """A new session for `user_id`: returns the token for the cookie (stored hashed)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    connection.execute(delete(SessionRow).where(SessionRow.expires_at < now))
    connection.execute(insert(SessionRow).values(
        id=_token_id(token), user_id=user_id, csrf_token=secrets.token_urlsafe(32),
        created_at=now, expires_at=now + lifetime))
    return token


def session_of(connection: Connection, token: str) -> SignedIn | None:
    """The signed-in user of a cookie's token, if the session is live and the user active."""
    row = connection.execute(
        select(UserRow.__table__, SessionRow.csrf_token, SessionRow.expires_at)
        .join(SessionRow, SessionRow.user_id == UserRow.id)
        .where(SessionRow.id == _token_id(token))).first()
    if row is None or row.status != "active":
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < _now():
        return None
    return SignedIn(_user(row), row.csrf_token)


def close_session(connection: Connection, token: str) -> None:
    connection.execute(delete(SessionRow).where(SessionRow.id == _token_id(token)))


def record_failed_login(connection: Connection, username: str, address: str) -> None:
    connection.execute(insert(LoginAttemptRow).values(
        username=normal_username(username)[:64], address=address[:64], at=_now()))


def recent_failures(connection: Connection, username: str, address: str,
                    window: timedelta) -> tuple[int, int]:
    """Failed sign-ins within `window`: for this user name, and from this address."""
    since = _now() - window
    by_name = connection.scalar(select(func.count()).where(
        LoginAttemptRow.username == normal_username(username)[:64], LoginAttemptRow.at >= since))
    by_address = connection.scalar(select(func.count()).where(
        LoginAttemptRow.address == address[:64], LoginAttemptRow.at >= since))
    return int(by_name or 0), int(by_address or 0)
