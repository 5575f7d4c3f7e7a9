"""Roles and projects in the workspace: a viewer changes nothing, a member of another
project sees nothing (404, as for an id that does not exist), on the API and on the pages;
and every unsafe request without the session's CSRF token is refused."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from web_support import Workspace, routes


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_viewer_reads_but_cannot_change_anything(workspace: Workspace) -> None:
    vic = workspace.client("vic")
    doc, finding = workspace.doc_a, workspace.finding_a
    assert vic.get(f"/api/documents/{doc}").status_code == 200
    page = vic.get(f"/documents/{doc}")
    assert page.status_code == 200 and "Review this finding" not in page.text
    attempts = [
        vic.post(f"/api/findings/{finding}/review", json={"action": "reject"}),
        vic.post(f"/api/documents/{doc}/findings",
                 json={"indicator": "isolation", "start": 0, "end": 5}),
        vic.post(f"/api/documents/{doc}/notes", json={"body": "mine"}),
        vic.post(f"/api/projects/{workspace.default_project}/documents", json={"text": "x y"}),
        vic.post(f"/findings/{finding}/review",
                 data={"action": "reject", "csrf_token": vic.headers["X-CSRF-Token"]}),
        vic.post(f"/documents/{doc}/notes",
                 data={"body": "mine", "csrf_token": vic.headers["X-CSRF-Token"]}),
        vic.get("/upload"),
        vic.get("/admin"),
        vic.get("/api/audit"),
    ]
    assert [a.status_code for a in attempts] == [403] * len(attempts)
    record = workspace.client("ana").get(f"/api/documents/{doc}").json()
    assert all(f["status"] == "machine" for f in record["findings"])
    assert record["notes"] == []


def _other_projects_objects(client: TestClient, ws: Workspace) -> list[int]:
    doc, finding = ws.doc_b, ws.finding_b
    return [a.status_code for a in [
        client.get(f"/api/documents/{doc}"),
        client.get(f"/documents/{doc}"),
        client.post(f"/api/findings/{finding}/review", json={"action": "reject"}),
        client.post(f"/api/documents/{doc}/findings",
                    json={"indicator": "isolation", "start": 0, "end": 5}),
        client.post(f"/api/documents/{doc}/notes", json={"body": "peek"}),
        client.post(f"/api/projects/{ws.other_project}/documents", json={"text": "a b c"}),
        client.get("/api/documents", params={"project": ws.other_project}),
        client.get("/api/export", params={"project": str(ws.other_project)}),
        client.get("/", params={"project": str(ws.other_project)}),
        client.post(f"/findings/{finding}/review",
                    data={"action": "reject", "csrf_token": client.headers["X-CSRF-Token"]}),
    ]]


@pytest.mark.parametrize("username", ["ana", "vic"])
def test_another_projects_objects_answer_404(workspace: Workspace, username: str) -> None:
    client = workspace.client(username)
    assert _other_projects_objects(client, workspace) == [404] * 10
    # The same answer as for ids that exist nowhere.
    assert client.get("/api/documents/999999").status_code == 404
    assert client.post("/api/findings/999999/review",
                       json={"action": "reject"}).status_code == 404
    # Team B's document does not show in lists, searches or exports either.
    listed = client.get("/api/documents").json()["documents"]
    assert [d["id"] for d in listed] == [workspace.doc_a]
    assert client.get("/api/documents", params={"q": "quarry"}).json()["hits"] == []
    assert "Osterby" not in client.get("/").text
    assert "Osterby" not in client.get("/api/export").text
    assert "Osterby" not in client.get("/dashboard").text
    assert workspace.client("bea").get("/api/documents", params={"q": "quarry"}
                                       ).json()["hits"][0]["document"] == workspace.doc_b


def test_admin_sees_every_project(workspace: Workspace) -> None:
    admin = workspace.client("admin")
    assert admin.get(f"/api/documents/{workspace.doc_b}").status_code == 200
    assert {d["id"] for d in admin.get("/api/documents").json()["documents"]} == {
        workspace.doc_a, workspace.doc_b}


def test_unsafe_requests_without_the_csrf_token_are_refused(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    token = ana.headers.pop("X-CSRF-Token")
    checked = 0
    for route in routes(workspace.app):
        unsafe = route.methods - {"GET", "HEAD", "OPTIONS"}
        if not unsafe or route.path in ("/login", "/register", "/api/login", "/api/register"):
            continue
        path = (route.path.replace("{document_id}", str(workspace.doc_a))
                .replace("{finding_id}", str(workspace.finding_a))
                .replace("{user_id}", str(workspace.users["vic"]))
                .replace("{project_id}", str(workspace.default_project)))
        for method in unsafe:
            without = ana.request(method, path, data={"csrf_token": ""})
            wrong = ana.request(method, path, headers={"X-CSRF-Token": token[:-2] + "xx"})
            assert (without.status_code, wrong.status_code) == (403, 403), (method, path)
            checked += 1
    assert checked >= 15
    # With the token the same kind of request goes through.
    ok = ana.post(f"/documents/{workspace.doc_a}/notes",
                  data={"body": "fine", "csrf_token": token}, follow_redirects=False)
    assert ok.status_code == 303


def test_sign_in_form_without_its_token_is_refused(workspace: Workspace) -> None:
    client = workspace.client()
    refused = client.post("/login", data={"username": "ana", "password": "x"})
    assert refused.status_code == 403
    token = _csrf(client.get("/login").text)
    signed = client.post("/login", data={"username": "ana", "password": "correct horse battery",
                                         "csrf_token": token}, follow_redirects=False)
    assert signed.status_code == 303 and "unfree_session" in signed.headers["set-cookie"]


def test_json_sign_in_refuses_what_a_cross_site_form_can_send(workspace: Workspace) -> None:
    body = '{"username": "ana", "password": "correct horse battery"}'
    for kind in ("text/plain", "application/x-www-form-urlencoded"):
        answer = workspace.client().post("/api/login", content=body,
                                         headers={"Content-Type": kind})
        assert answer.status_code == 422, kind
