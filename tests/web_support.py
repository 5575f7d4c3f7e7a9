"""The review workspace under test: an application over a fresh database of one backend
(SQLite or PostgreSQL, like every store test), two projects, one account of each kind and a
document in each project; signed-in HTTP clients for each account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from unfree.model import Comment, Document
from unfree.pipeline import analyze
from unfree.store import accounts
from unfree.store.database import open_database
from unfree.store.projects import store_in_project
from unfree.store.schema import FindingRow
from unfree.store.workspace_schema import DEFAULT_PROJECT_ID
from unfree.web import passwords
from unfree.web.actions import writing
from unfree.web.app import create_app
from unfree.web.settings import WebSettings

PASSWORD = "correct horse battery"

# Invented texts: a testimony for team A, an inspection note for team B.
ORCHARD_TESTIMONY = (
    "At the Larnwood orchard the foreman kept our passports in a locked drawer. "
    "We picked apples seven days a week from 6 a.m. until midnight and nobody was "
    "allowed to leave the farm without his permission.")
QUARRY_NOTE = (
    "Workers at the Osterby quarry said the manager kept their passports and threatened to "
    "call the police if they complained. They paid a recruitment fee of 3,000 euros that "
    "they are still repaying.")


@dataclass
class Workspace:
    app: Any
    engine: Engine
    default_project: int
    other_project: int
    doc_a: int  # in the default project
    doc_b: int  # in the other project
    finding_a: int  # a machine finding of doc_a
    finding_b: int  # a machine finding of doc_b
    users: dict[str, int] = field(default_factory=dict)

    def client(self, username: str | None = None) -> TestClient:
        """A client over HTTPS (the session cookie is Secure), signed in as `username`."""
        client = TestClient(self.app, base_url="https://testserver")
        if username is not None:
            answer = client.post("/api/login", json={"username": username,
                                                     "password": PASSWORD})
            assert answer.status_code == 204, answer.text
            client.headers["X-CSRF-Token"] = client.get("/api/me").json()["csrf_token"]
        return client


def routes(app: Any) -> list[APIRoute]:
    """Every route of the application, those of its included routers too."""
    found: list[APIRoute] = []
    for route in app.routes:
        inner = getattr(route, "original_router", None)
        found.extend(r for r in (inner.routes if inner is not None else [route])
                     if isinstance(r, APIRoute))
    return found


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with the smallest parameters: the tests sign in often, not securely."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", lambda: hasher)
    passwords.dummy_hash.cache_clear()


def store_text(engine: Engine, text: str, project: int, title: str,
               comments: tuple[Comment, ...] = ()) -> int:
    doc = Document(id=title, text=text, title=title, comments=comments, source="test")
    stored = store_in_project(engine, analyze(doc), project, actor_id=None)
    assert stored.document_id is not None
    return stored.document_id


def first_finding(engine: Engine, document_id: int) -> int:
    with engine.connect() as connection:
        found = connection.scalar(select(FindingRow.id).where(
            FindingRow.document_id == document_id).order_by(FindingRow.id))
    assert found is not None, "the fixture text should give a finding"
    return int(found)


def make_user(engine: Engine, username: str, *, admin: bool = False,
              roles: dict[int, str] | None = None) -> int:
    with writing(engine) as connection:
        user_id = accounts.create_user(connection, username, passwords.hash_password(PASSWORD),
                                       is_admin=admin, status="active")
        for project, role in (roles or {}).items():
            accounts.set_membership(connection, user_id, project, role, actor_id=None)
    return user_id


@pytest.fixture
def workspace(db_url: str) -> Iterator[Workspace]:
    engine = open_database(db_url)
    with writing(engine) as connection:
        other = accounts.create_project(connection, "Team B", actor_id=None)
    doc_a = store_text(engine, ORCHARD_TESTIMONY, DEFAULT_PROJECT_ID, "Orchard testimony")
    doc_b = store_text(engine, QUARRY_NOTE, other, "Quarry inspection")
    ws = Workspace(create_app(WebSettings(db_url=db_url), engine), engine,
                   DEFAULT_PROJECT_ID, other, doc_a, doc_b, first_finding(engine, doc_a),
                   first_finding(engine, doc_b))
    ws.users = {
        "admin": make_user(engine, "admin", admin=True),
        "ana": make_user(engine, "ana", roles={DEFAULT_PROJECT_ID: "analyst"}),
        "vic": make_user(engine, "vic", roles={DEFAULT_PROJECT_ID: "viewer"}),
        "bea": make_user(engine, "bea", roles={other: "analyst"}),
    }
    yield ws
    engine.dispose()
