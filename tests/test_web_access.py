"""Roles and projects in the workspace: a viewer changes nothing, a member of another
project sees nothing (404, as for an id that does not exist), on the API and on the pages;
and every unsafe request without the session's CSRF token is refused."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import ORCHARD_TESTIMONY, Workspace, routes


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


def _upload(client: TestClient, project: int, text: str, title: str) -> dict[str, Any]:
    answer = client.post(f"/api/projects/{project}/documents",
                         json={"text": text, "title": title})
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _dashboard_counts(client: TestClient) -> tuple[int, int]:
    """The dashboard's numbers of documents and of near-duplicates."""
    words = " ".join(re.sub(r"<[^>]+>", " ", client.get("/dashboard").text).split())
    found = re.search(r"Documents (\d+) Independent sources \d+ Near-duplicates (\d+)", words)
    assert found is not None
    return int(found.group(1)), int(found.group(2))


def test_the_same_text_in_two_projects_tells_neither_of_the_other(
        workspace: Workspace) -> None:
    """Team B uploads the testimony team A holds: B gets its own document exactly as for a
    text nobody holds (no "already stored", no near-duplicate link), reviews it on its own,
    and neither team sees anything of the other's copy."""
    ana, bea = workspace.client("ana"), workspace.client("bea")
    b, a_doc = workspace.other_project, workspace.doc_a
    copy = _upload(bea, b, ORCHARD_TESTIMONY, "Orchard testimony")
    assert copy["outcome"] == "stored" and copy["document_id"] not in (a_doc, None)
    # Only B's own copy makes a second upload by B a no-op.
    assert _upload(bea, b, ORCHARD_TESTIMONY, "again") == {"document_id": None,
                                                            "outcome": "skipped"}
    mine = bea.get(f"/api/documents/{copy['document_id']}").json()
    assert mine["duplicate_of"] is None and mine["project"] == b
    # B reviews its copy: A's findings stay as the engine left them.
    finding = mine["findings"][0]["finding_id"]
    assert bea.post(f"/api/findings/{finding}/review",
                    json={"action": "reject", "reason": "B's call"}).status_code == 200
    assert all(f["status"] == "machine"
               for f in ana.get(f"/api/documents/{a_doc}").json()["findings"])
    # Each team's lists, searches, exports and dashboard hold its own documents only.
    listed = {d["id"] for d in bea.get("/api/documents").json()["documents"]}
    assert listed == {workspace.doc_b, copy["document_id"]}
    assert {d["id"] for d in ana.get("/api/documents").json()["documents"]} == {a_doc}
    for client, own in ((ana, {a_doc}), (bea, {copy["document_id"]})):
        hits = client.get("/api/documents", params={"q": "passports drawer"}).json()["hits"]
        assert {h["document"] for h in hits} == own
        exported = [json.loads(line) for line in client.get("/api/export").text.splitlines()]
        orchard = [r for r in exported if "orchard" in r["text"]]
        assert len(orchard) == len(own) and all(r["duplicate_of"] is None for r in orchard)
    assert _dashboard_counts(ana) == (1, 0) and _dashboard_counts(bea) == (2, 0)
    assert "B&#39;s call" not in ana.get(f"/documents/{a_doc}").text
    related = ana.get(f"/documents/{a_doc}").text
    assert f"/documents/{copy['document_id']}\"" not in related
    # Counted per project: A's list says 1 document, as before B's upload.
    assert ana.get("/api/documents").json()["total"] == 1


def test_a_near_copy_of_another_projects_text_is_not_linked_to_it(
        workspace: Workspace) -> None:
    near = ORCHARD_TESTIMONY.replace("Larnwood", "Kesterby") + " Ever."
    answer = _upload(workspace.client("bea"), workspace.other_project, near, "Kesterby")
    assert answer["outcome"] == "stored"  # in A's project it would be a near_duplicate
    record = workspace.client("bea").get(f"/api/documents/{answer['document_id']}").json()
    assert record["duplicate_of"] is None
    again = _upload(workspace.client("ana"), workspace.default_project, near, "Kesterby")
    assert again["outcome"] == "near_duplicate"  # the link works within a project


def test_an_upload_page_job_stores_another_projects_text_as_new(workspace: Workspace) -> None:
    bea = workspace.client("bea")
    started = bea.post("/upload", follow_redirects=False, data={
        "project_id": str(workspace.other_project), "text": ORCHARD_TESTIMONY,
        "title": "Orchard", "csrf_token": bea.headers["X-CSRF-Token"]})
    assert started.status_code == 303
    job_id = started.headers["location"].rsplit("/", 1)[1]
    for _ in range(200):
        job = bea.get(f"/api/uploads/{job_id}").json()
        if job["done"]:
            break
        time.sleep(0.05)
    assert (job["done"], job["stored"], job["skipped"], job["failed"]) == (True, 1, 0, 0)
