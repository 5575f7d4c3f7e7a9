"""What pages and API do alike: sign in, register, approve, review, comment. Each change is
one write transaction that also writes its audit row (`unfree.store.audit`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from fastapi import HTTPException
from sqlalchemy import Connection, Engine

from unfree.store import accounts, reviews
from unfree.store.audit import record_change
from unfree.store.database import WRITE
from unfree.web.passwords import (
    dummy_hash,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from unfree.web.settings import WebSettings

T = TypeVar("T")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction (SQLite: the write lock taken at once, writers queue)."""
    with engine.connect().execution_options(**WRITE) as connection, connection.begin():
        yield connection


def change(engine: Engine, apply: Callable[[Connection], T]) -> T:
    """Run `apply` in a write transaction; a refused change answers 400 with its reason."""
    try:
        with writing(engine) as connection:
            return apply(connection)
    except (reviews.ReviewError, accounts.AccountError) as exc:
        raise HTTPException(400, str(exc)) from exc


class SignInRefused(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def sign_in(engine: Engine, settings: WebSettings, username: str, password: str,
            address: str, previous: str | None = None) -> str:
    """A new session's token, or SignInRefused (401 wrong or unapproved, 429 too many tries).
    The answer for an unknown name and for a wrong password is the same. The token is always
    new (a cookie set before, by anyone, is never promoted to a signed-in session) and the
    session the browser came with (`previous`), if any, ends."""
    with engine.connect() as connection:
        by_name, by_address = accounts.recent_failures(connection, username, address,
                                                       settings.login_window)
    if (by_name >= settings.login_failures_per_user
            or by_address >= settings.login_failures_per_address):
        raise SignInRefused("too many failed sign-ins: wait a few minutes", 429)
    with engine.connect() as connection:
        found = accounts.user_by_name(connection, username)
    if found is None:
        verify_password(dummy_hash(), password)  # the same time as a wrong password
        ok = False
    else:
        ok = verify_password(found[1], password)
    if not ok or found is None:
        with writing(engine) as connection:  # committed before refusing: the limit counts it
            accounts.record_failed_login(connection, username, address)
        raise SignInRefused("wrong user name or password", 401)
    with writing(engine) as connection:
        user, stored_hash = found
        if user.status != "active":
            raise SignInRefused("this account is waiting for an administrator's approval"
                                if user.status == "pending" else "this account is disabled",
                                401)
        if needs_rehash(stored_hash):
            accounts.set_password_hash(connection, user.id, hash_password(password))
        if previous:
            accounts.close_session(connection, previous)
        token = accounts.open_session(connection, user.id, settings.session_lifetime)
        record_change(connection, actor_id=user.id, action="session.open",
                      object_type="user", object_id=user.id)
        return token


def sign_out(engine: Engine, token: str, user_id: int) -> None:
    with writing(engine) as connection:
        accounts.close_session(connection, token)
        record_change(connection, actor_id=user_id, action="session.close",
                      object_type="user", object_id=user_id)


def register(engine: Engine, username: str, password: str, display_name: str = "") -> int:
    name = accounts.normal_username(username)
    if not (3 <= len(name) <= 64) or not all(c.isalnum() or c in "._-" for c in name):
        raise HTTPException(400, "a user name has 3 to 64 letters, digits, '.', '_' or '-'")
    problem = password_problem(password)
    if problem:
        raise HTTPException(400, problem)
    password_hash = hash_password(password)
    return change(engine, lambda c: accounts.create_user(
        c, name, password_hash, display_name=display_name[:200]))


def approve(engine: Engine, actor_id: int, user_id: int, project_id: int, role: str) -> None:
    def apply(connection: Connection) -> None:
        accounts.set_membership(connection, user_id, project_id, role, actor_id=actor_id)
        accounts.set_status(connection, user_id, "active", actor_id=actor_id)
    change(engine, apply)


def review(engine: Engine, actor_id: int, finding_id: int, action: str, reason: str,
           indicator: str | None, start: int | None, end: int | None) -> dict[str, Any]:
    return change(engine, lambda c: reviews.review_finding(
        c, finding_id, action, reviewer_id=actor_id, reason=reason, indicator=indicator,
        start=start, end=end))


def add_finding(engine: Engine, actor_id: int, document_id: int, indicator: str, start: int,
                end: int, reason: str) -> dict[str, Any]:
    return change(engine, lambda c: reviews.add_finding(
        c, document_id, reviewer_id=actor_id, indicator=indicator, start=start, end=end,
        reason=reason))


def add_note(engine: Engine, actor_id: int, document_id: int, body: str,
             finding_id: int | None, parent_id: int | None) -> int:
    return change(engine, lambda c: reviews.add_note(
        c, document_id, body, author_id=actor_id, finding_id=finding_id, parent_id=parent_id))
