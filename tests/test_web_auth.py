"""Accounts in the workspace: registration an admin approves, sign-in with argon2 hashes,
session cookies, sign-out, the rate limit on failed sign-ins, and 401 without a session."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from web_support import PASSWORD, Workspace, routes

from unfree.store.workspace_schema import SessionRow
from unfree.web import passwords
from unfree.web.actions import writing


def test_registration_waits_for_approval_then_signs_in(workspace: Workspace) -> None:
    anonymous = workspace.client()
    answer = anonymous.post("/api/register", json={"username": "Nadia",
                                                   "password": "a long passphrase"})
    assert answer.status_code == 201
    new_id = answer.json()["id"]
    refused = anonymous.post("/api/login", json={"username": "nadia",
                                                 "password": "a long passphrase"})
    assert refused.status_code == 401 and "approval" in refused.json()["detail"]

    admin = workspace.client("admin")
    listed = {u["username"]: u for u in admin.get("/api/users").json()}
    assert listed["nadia"]["status"] == "pending"
    approved = admin.post(f"/api/users/{new_id}/approve",
                          json={"project_id": workspace.default_project, "role": "viewer"})
    assert approved.status_code == 204
    assert anonymous.post("/api/login", json={"username": "nadia",
                                              "password": "a long passphrase"}
                          ).status_code == 204
    assert anonymous.get("/api/me").json()["projects"] == {
        str(workspace.default_project): "viewer"}


def test_registration_form_needs_its_token_and_a_long_password(workspace: Workspace) -> None:
    client = workspace.client()
    form = client.get("/register").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    short = client.post("/register", data={"username": "olek", "password": "short",
                                           "csrf_token": token.group(1)})
    assert short.status_code == 400 and "10 characters" in short.text
    no_token = workspace.client().post("/register", data={
        "username": "olek", "password": "long enough password"})
    assert no_token.status_code == 403


def test_passwords_are_stored_as_argon2id(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        from unfree.store.accounts import user_by_name

        found = user_by_name(connection, "ana")
    assert found is not None and found[1].startswith("$argon2id$")
    assert PASSWORD not in found[1]
    # The production hasher, not the tests' cheap one, is argon2id with its default cost.
    real = PasswordHasher()
    assert real.hash("x").startswith("$argon2id$") and passwords.MIN_LENGTH >= 10


def test_session_cookie_is_secure_httponly_and_strict(workspace: Workspace) -> None:
    client = workspace.client()
    answer = client.post("/api/login", json={"username": "ana", "password": PASSWORD})
    cookie = answer.headers["set-cookie"].lower()
    assert "unfree_session=" in cookie
    for flag in ("secure", "httponly", "samesite=strict", "path=/"):
        assert flag in cookie


def test_wrong_password_and_unknown_user_answer_alike(workspace: Workspace) -> None:
    client = workspace.client()
    wrong = client.post("/api/login", json={"username": "ana", "password": "nope nope nope"})
    unknown = client.post("/api/login", json={"username": "zed", "password": "nope nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_failed_sign_ins_are_rate_limited(workspace: Workspace) -> None:
    client = workspace.client()
    codes = [client.post("/api/login", json={"username": "ana", "password": f"guess {i}"}
                         ).status_code for i in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    # Even the right password waits now: the limit is on the name, not on the guess.
    assert client.post("/api/login", json={"username": "ana", "password": PASSWORD}
                       ).status_code == 429
    # Another account from elsewhere is not affected.
    assert workspace.client("vic").get("/api/me").status_code == 200


def test_sign_out_ends_the_session(workspace: Workspace) -> None:
    client = workspace.client("ana")
    cookie = client.cookies.get("unfree_session")
    assert _with_cookie(workspace, cookie or "").get("/api/me").status_code == 200
    assert client.post("/api/logout").status_code == 204
    assert _with_cookie(workspace, cookie or "").get("/api/me").status_code == 401


def test_everything_but_sign_in_and_registration_needs_a_session(
        workspace: Workspace) -> None:
    client = workspace.client()
    open_paths = {"/login", "/register", "/api/login", "/api/register",
                  "/assets/indicators.css"}
    checked = 0
    for route in routes(workspace.app):
        if route.path in open_paths:
            continue
        path = (route.path.replace("{document_id}", str(workspace.doc_a))
                .replace("{finding_id}", str(workspace.finding_a)).replace("{user_id}", "1")
                .replace("{project_id}", "1").replace("{job_id}", "x"))
        for method in getattr(route, "methods", {"GET"}):
            answer = client.request(method, path)
            assert answer.status_code == 401, (method, path, answer.status_code)
            checked += 1
    assert checked > 30
    assert client.get("/").status_code == 401 and "Sign in" in client.get("/").text
    assert client.get("/openapi.json").status_code == 401


def test_openapi_describes_every_api_route(workspace: Workspace) -> None:
    described = workspace.client("ana").get("/openapi.json").json()["paths"]
    assert all(path.startswith("/api/") for path in described)
    api_paths = {r.path for r in routes(workspace.app) if r.path.startswith("/api/")}
    assert api_paths == set(described)


def test_text_size_is_remembered_per_user(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    assert ana.put("/api/me/text-size", params={"percent": 130}).json() == {"text_size": 130}
    assert 'class="text-size-130"' in workspace.client("ana").get("/").text
    assert 'class="text-size-100"' in workspace.client("vic").get("/").text


def test_text_size_control_returns_to_its_page_and_nowhere_else(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    token = ana.headers["X-CSRF-Token"]
    back = ana.post("/settings/text-size", data={
        "csrf_token": token, "size": "150", "next": f"/documents/{workspace.doc_a}"},
        follow_redirects=False)
    assert back.headers["location"] == f"/documents/{workspace.doc_a}"
    for hostile in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        away = ana.post("/settings/text-size", data={
            "csrf_token": token, "size": "150", "next": hostile}, follow_redirects=False)
        assert away.headers["location"] == "/"
    assert ana.get("/api/me").json()["text_size"] == 150
    assert ana.put("/api/me/text-size", params={"percent": 900}).json() == {"text_size": 200}


def _session_cookie(answer: Any) -> str:
    found = re.search(r"unfree_session=([^;]+)", answer.headers["set-cookie"])
    assert found is not None
    return found.group(1)


def _with_cookie(ws: Workspace, token: str) -> TestClient:
    """A browser (or a replay) that sends `token` as its session cookie. A header, not the
    client's cookie jar: the jar does not send a cookie set by hand for this host name."""
    client = ws.client()
    client.headers["Cookie"] = f"unfree_session={token}"
    return client


def test_a_planted_session_cookie_never_becomes_a_signed_in_session(
        workspace: Workspace) -> None:
    """Session fixation: an id set before sign-in (an attacker's choice, or any stale cookie)
    is never accepted, and signing in, by the API or the form, issues a new token."""
    planted = "attacker-chosen-session-id"
    victim = _with_cookie(workspace, planted)
    assert victim.get("/api/me").status_code == 401
    signed = victim.post("/api/login", json={"username": "ana", "password": PASSWORD})
    assert signed.status_code == 204 and _session_cookie(signed) != planted
    form = workspace.client()
    page = form.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    by_form = form.post("/login", data={"username": "ana", "password": PASSWORD,
                                        "csrf_token": token.group(1)}, follow_redirects=False,
                        headers={"Cookie": f"unfree_session={planted}; "
                                           f"unfree_form={page.cookies['unfree_form']}"})
    assert by_form.status_code == 303 and _session_cookie(by_form) != planted
    # The planted id is still nobody's session after the victim signed in twice.
    assert _with_cookie(workspace, planted).get("/api/me").status_code == 401
    assert _with_cookie(workspace, _session_cookie(signed)).get("/api/me").status_code == 200


def test_signing_in_again_ends_the_session_the_browser_had(workspace: Workspace) -> None:
    client = workspace.client("ana")
    first, first_csrf = client.cookies["unfree_session"], client.headers["X-CSRF-Token"]
    again = client.post("/api/login", json={"username": "ana", "password": PASSWORD})
    second = _session_cookie(again)
    assert second != first
    assert _with_cookie(workspace, first).get("/api/me").status_code == 401
    fresh = _with_cookie(workspace, second)
    assert fresh.get("/api/me").json()["csrf_token"] != first_csrf
    # The old session's CSRF token does not work with the new session either.
    assert fresh.put("/api/me/text-size", params={"percent": 120},
                     headers={"X-CSRF-Token": first_csrf}).status_code == 403


def test_sign_out_by_the_form_ends_the_session_on_the_server(workspace: Workspace) -> None:
    client = workspace.client("ana")
    cookie = client.cookies["unfree_session"]
    out = client.post("/logout", data={"csrf_token": client.headers["X-CSRF-Token"]},
                      follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert 'unfree_session=""' in out.headers["set-cookie"]  # the browser forgets it…
    replayed = _with_cookie(workspace, cookie)  # …and a copy kept elsewhere is dead
    assert replayed.get("/api/me").status_code == 401
    assert replayed.get("/").status_code == 401
    with workspace.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(SessionRow).where(
            SessionRow.user_id == workspace.users["ana"])) == 0


def test_disabling_an_account_ends_its_sessions(workspace: Workspace) -> None:
    vic = workspace.client("vic")
    other_browser = workspace.client("vic")
    admin = workspace.client("admin")
    disabled = admin.post(f"/admin/users/{workspace.users['vic']}/disable",
                          data={"csrf_token": admin.headers["X-CSRF-Token"]},
                          follow_redirects=False)
    assert disabled.status_code == 303
    assert vic.get("/api/me").status_code == 401
    assert other_browser.get(f"/api/documents/{workspace.doc_a}").status_code == 401
    refused = workspace.client().post("/api/login", json={"username": "vic",
                                                          "password": PASSWORD})
    assert refused.status_code == 401 and "disabled" in refused.json()["detail"]


def test_an_expired_session_is_refused(workspace: Workspace) -> None:
    client = workspace.client("ana")
    with writing(workspace.engine) as connection:
        connection.execute(update(SessionRow).values(
            expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    assert client.get("/api/me").status_code == 401


def test_the_database_holds_no_session_token(workspace: Workspace) -> None:
    """A copy of the database signs nobody in: sessions are stored as the token's sha256."""
    token = workspace.client("ana").cookies["unfree_session"]
    with workspace.engine.connect() as connection:
        stored = set(connection.scalars(select(SessionRow.id)))
    assert token not in stored
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert _with_cookie(workspace, hashlib.sha256(token.encode()).hexdigest()
                        ).get("/api/me").status_code == 401
