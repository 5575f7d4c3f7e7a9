"""Accounts in the workspace: registration an admin approves, sign-in with argon2 hashes,
session cookies, sign-out, the rate limit on failed sign-ins, and 401 without a session."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from web_support import PASSWORD, Workspace, routes

from unfree.web import passwords


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
    assert client.post("/api/logout").status_code == 204
    stale = workspace.client()
    stale.cookies.set("unfree_session", cookie or "", domain="testserver")
    assert stale.get("/api/me").status_code == 401


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
