"""Text from documents, comments and reviewers is data on every page: a `<script>` in any of
them is shown as text and never runs; every answer (pages, API, static files, errors, the
server error too) forbids inline script and framing; hostile parameters are refused with a
4xx, never a server error."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, Workspace, store_text

from unfree.model import Comment
from unfree.web import api, pages
from unfree.web.app import create_app
from unfree.web.settings import WebSettings

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = (f"The foreman kept our passports {PAYLOAD} and we worked seven days a week "
                "from 6 a.m. until midnight.")


def test_a_script_in_a_document_renders_inert_everywhere(workspace: Workspace) -> None:
    doc = store_text(workspace.engine, HOSTILE_TEXT, workspace.default_project,
                     f"Title {PAYLOAD}", comments=(Comment(f"Reader {PAYLOAD}", PAYLOAD),))
    ana = workspace.client("ana")
    ana.post(f"/api/documents/{doc}/notes", json={"body": f"Note {PAYLOAD}"})
    record = ana.get(f"/api/documents/{doc}").json()
    ana.post(f"/api/findings/{record['findings'][0]['finding_id']}/review",
             json={"action": "confirm", "reason": f"Reason {PAYLOAD}"})
    pages = {
        "document": ana.get(f"/documents/{doc}").text,
        "list": ana.get("/").text,
        "search": ana.get("/", params={"q": "passports"}).text,
        "audit": workspace.client("admin").get("/audit").text,
        "dashboard": ana.get("/dashboard").text,
    }
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "<img src=x" not in html, name
        assert "onerror=alert(1)>" not in html.replace("&gt;", ""), name
    document = pages["document"]
    assert document.count("&lt;script&gt;") >= 4  # text, title, reader comment, note, reason
    assert "<script" not in document.replace('<script src="/static/app.js" defer></script>', "")


def test_security_headers(workspace: Workspace) -> None:
    answer = workspace.client("ana").get(f"/documents/{workspace.doc_a}")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"
    dashboard = workspace.client("ana").get("/dashboard").headers["content-security-policy"]
    assert "script" not in dashboard.replace("default-src 'none'", "")
    assert "frame-ancestors 'none'" in dashboard


def test_pages_have_no_inline_script_or_style_attribute(workspace: Workspace) -> None:
    html = workspace.client("ana").get(f"/documents/{workspace.doc_a}").text
    assert " style=" not in html and "<style" not in html
    assert " onclick=" not in html and "javascript:" not in html


def _secured(answer: Any, where: str) -> None:
    """The headers every answer carries, whatever its kind or status."""
    policy = answer.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in policy, where
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy, where
    assert "'unsafe-eval'" not in policy and "script-src 'self'" in policy.replace(
        "default-src 'none'; style-src 'sha256", "script-src 'self'; style-src 'sha256"), where
    assert answer.headers.get("x-frame-options") == "DENY", where
    assert answer.headers.get("referrer-policy") == "no-referrer", where
    assert answer.headers.get("x-content-type-options") == "nosniff", where
    assert answer.headers.get("cross-origin-opener-policy") == "same-origin", where


def test_security_headers_on_every_kind_of_answer(workspace: Workspace,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ana, anonymous = workspace.client("ana"), workspace.client()
    doc = workspace.doc_a
    answers = {
        "page": (ana.get(f"/documents/{doc}"), 200),
        "list": (ana.get("/"), 200),
        "dashboard": (ana.get("/dashboard"), 200),
        "api": (ana.get("/api/me"), 200),
        "export": (ana.get("/api/export"), 200),
        "static": (ana.get("/static/app.js"), 200),
        "style": (ana.get("/static/app.css"), 200),
        "indicator style": (ana.get("/assets/indicators.css"), 200),
        "sign-in form": (anonymous.get("/login"), 200),
        "page 401": (anonymous.get("/"), 401),
        "api 401": (anonymous.get("/api/documents"), 401),
        "openapi 401": (anonymous.get("/openapi.json"), 401),
        "page 404": (ana.get(f"/documents/{workspace.doc_b}"), 404),
        "api 404": (ana.get("/api/documents/999999"), 404),
        "static 404": (ana.get("/static/nothing.css"), 404),
        "no route": (ana.get("/nowhere"), 404),
        "page 403": (workspace.client("vic").get("/upload"), 403),
        "api 403": (ana.get("/api/users"), 403),
        "405": (ana.get("/api/login"), 405),
        "422": (ana.get("/api/documents/not-a-number"), 422),
        "page 422": (ana.get("/documents/0"), 422),
        "400": (ana.get("/api/documents", params={"q": "a\x00"}), 400),
    }
    # A server error: a bug made to happen in a page and in the API, answered plainly.
    plain = TestClient(workspace.app, base_url="https://testserver",
                       raise_server_exceptions=False)
    plain.headers["Cookie"] = f"unfree_session={ana.cookies['unfree_session']}"

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setattr(pages, "list_documents", fail)
    monkeypatch.setattr(api, "list_documents", fail)
    answers["page 500"] = (plain.get("/"), 500)
    answers["api 500"] = (plain.get("/api/documents"), 500)
    for where, (answer, status) in answers.items():
        assert answer.status_code == status, (where, answer.status_code)
        _secured(answer, where)
    for where in ("page 500", "api 500"):
        assert "secret detail" not in answers[where][0].text
        assert "Traceback" not in answers[where][0].text
    assert answers["api 500"][0].json() == {"detail": "internal server error"}
    assert answers["page 401"][0].headers["cache-control"] == "no-store"


def test_the_dashboard_allows_its_own_style_sheet_and_nothing_inline(
        workspace: Workspace) -> None:
    answer = workspace.client("ana").get("/dashboard")
    html, policy = answer.text, answer.headers["content-security-policy"]
    assert "Larnwood" in html or "Orchard" in html  # the report itself, not an empty page
    assert " style=" not in html and "<script" not in html
    sheets = re.findall(r"<style>(.*?)</style>", html, re.DOTALL)
    assert len(sheets) == 1 and 'data-s="0"' in html and '[data-s="0"]' in sheets[0]
    digest = base64.b64encode(hashlib.sha256(sheets[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}';" in policy
    assert "'unsafe-inline'" not in policy and "script-src" not in policy


def test_hostile_parameters_are_refused_not_server_errors(workspace: Workspace) -> None:
    """What the schemathesis run found, and what reading for it found (each was a 500 on
    one database or both): ids beyond the database's integers, NUL characters (PostgreSQL
    refuses them), digits that are not ASCII, a CSRF token that is not ASCII, approving a
    user that does not exist, a project name longer than its column."""
    ana, admin, anonymous = (workspace.client("ana"), workspace.client("admin"),
                             workspace.client())
    doc, huge, token = workspace.doc_a, 2**63, ana.headers["X-CSRF-Token"]
    login_form = anonymous.get("/login")
    form_only = workspace.client("ana")  # the token in the form field, not in a header
    form_only.headers.pop("X-CSRF-Token")
    expected = [
        (ana.get(f"/api/documents/{huge}"), 422),
        (ana.get(f"/documents/{huge}"), 422),
        (ana.post(f"/api/findings/{huge}/review", json={"action": "confirm"}), 422),
        (ana.post(f"/api/documents/{doc}/notes", json={"body": "x", "parent_id": huge}), 422),
        (ana.get("/api/documents", params={"offset": huge}), 200),
        (ana.get("/", params={"offset": huge}), 200),
        (ana.get("/api/export", params={"project": "²"}), 404),
        (ana.get("/", params={"project": "9" * 5000}), 404),
        (ana.post(f"/documents/{doc}/notes", follow_redirects=False, data={
            "body": "fine", "finding_id": "²", "csrf_token": token}), 303),
        (ana.get("/api/documents", params={"q": "passports\x00"}), 400),
        (ana.get("/", params={"lang": "\x00"}), 400),
        (ana.post(f"/api/documents/{doc}/notes", json={"body": "a\x00b"}), 422),
        (ana.post(f"/documents/{doc}/notes", data={"body": "a\x00b", "csrf_token": token}), 422),
        (ana.post(f"/api/projects/{workspace.default_project}/documents",
                  json={"text": "The agent kept our passports.\x00"}), 422),
        (anonymous.post("/api/login", json={"username": "ana\x00", "password": "x"}), 422),
        (anonymous.post("/api/register", json={"username": "nadia", "password": PASSWORD,
                                               "display_name": "N\x00"}), 422),
        (ana.post(f"/api/documents/{doc}/notes", json={"body": "x"},
                  headers={"X-CSRF-Token": "é".encode("latin-1") * 8}), 403),
        (form_only.post(f"/documents/{doc}/notes", data={"body": "x", "csrf_token": "жж"}),
         403),
        (anonymous.post("/login", data={"username": "ana", "password": PASSWORD,
                                        "csrf_token": "жж"},
                        headers={"Cookie": f"unfree_form={login_form.cookies['unfree_form']}"}),
         403),
        (admin.post("/api/users/999999/approve",
                    json={"project_id": workspace.default_project, "role": "viewer"}), 400),
        (admin.post("/api/projects", params={"name": "x" * 129}), 422),
        (admin.post("/admin/projects", data={"name": "x" * 200,
                                             "csrf_token": admin.headers["X-CSRF-Token"]}),
         400),
    ]
    assert [a.status_code for a, _ in expected] == [status for _, status in expected]
    # Nothing of it was stored.
    record = ana.get(f"/api/documents/{doc}").json()
    assert [n["body"] for n in record["notes"]] == ["fine"]


def test_an_oversized_file_is_refused(workspace: Workspace) -> None:
    small = create_app(WebSettings(db_url="unused", max_upload_bytes=64), workspace.engine)
    client = TestClient(small, base_url="https://testserver")
    assert client.post("/api/login", json={"username": "ana",
                                           "password": PASSWORD}).status_code == 204
    token = client.get("/api/me").json()["csrf_token"]
    answer = client.post("/upload", data={"project_id": str(workspace.default_project),
                                          "csrf_token": token},
                         files={"files": ("big.txt", b"x" * 65, "text/plain")})
    assert answer.status_code == 413
