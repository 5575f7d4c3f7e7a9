"""Review in the workspace: confirm, reject, correct and add findings with reasons, threaded
comments, reviewed findings shown apart and exported with their status, and the audit log
of every change."""

from __future__ import annotations

import json

from web_support import ORCHARD_TESTIMONY, Workspace


def _findings(workspace: Workspace) -> dict[int, dict[str, object]]:
    record = workspace.client("ana").get(f"/api/documents/{workspace.doc_a}").json()
    return {f["finding_id"]: f for f in record["findings"]}


def test_confirm_reject_correct_and_add(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    ids = list(_findings(workspace))
    assert len(ids) >= 2
    first, second = ids[0], ids[1]
    confirmed = ana.post(f"/api/findings/{first}/review",
                         json={"action": "confirm", "reason": "matches the source"})
    assert confirmed.json()["status"] == "confirmed"
    start = ORCHARD_TESTIMONY.index("kept our passports")
    corrected = ana.post(f"/api/findings/{second}/review", json={
        "action": "correct", "indicator": "retention_of_identity_documents",
        "start": start, "end": start + len("kept our passports"), "reason": "narrower"})
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["quote"] == "kept our passports"
    outside = ana.post(f"/api/findings/{second}/review", json={
        "action": "correct", "start": 5, "end": 10_000})
    assert outside.status_code == 400
    leave = ORCHARD_TESTIMONY.index("nobody was allowed")
    added = ana.post(f"/api/documents/{workspace.doc_a}/findings", json={
        "indicator": "restriction_of_movement", "start": leave,
        "end": len(ORCHARD_TESTIMONY) - 1, "reason": "missed"})
    assert added.status_code == 201 and added.json()["origin"] == "review"
    unknown = ana.post(f"/api/documents/{workspace.doc_a}/findings", json={
        "indicator": "bad_weather", "start": 0, "end": 4})
    assert unknown.status_code == 400

    after = _findings(workspace)
    assert after[first]["status"] == "confirmed"
    assert after[second]["status"] == "corrected"
    assert after[second]["quote"] == "kept our passports"
    assert after[added.json()["id"]]["origin"] == "review"
    # Rejecting is kept too, and exported with its status.
    ana.post(f"/api/findings/{first}/review", json={"action": "reject", "reason": "changed"})
    exported = [json.loads(line) for line in ana.get("/api/export").text.splitlines()]
    statuses = {(f["status"], f["origin"]) for f in exported[0]["findings"]}
    assert {("rejected", "machine"), ("corrected", "machine"),
            ("confirmed", "review")} <= statuses


def test_reviewed_findings_are_shown_apart_with_their_history(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    ana.post(f"/api/findings/{workspace.finding_a}/review",
             json={"action": "confirm", "reason": "seen in the video"})
    page = ana.get(f"/documents/{workspace.doc_a}").text
    reviewed, machine = page.split('id="h-reviewed"')[1].split('id="h-machine"')
    assert f'id="f-{workspace.finding_a}"' in reviewed
    assert f'id="f-{workspace.finding_a}"' not in machine
    assert "confirm by ana" in reviewed and "seen in the video" in reviewed


def test_comments_thread_on_documents_and_findings(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    doc = workspace.doc_a
    top = ana.post(f"/api/documents/{doc}/notes", json={"body": "Who is the foreman?"})
    reply = ana.post(f"/api/documents/{doc}/notes",
                     json={"body": "Named in the second interview.",
                           "parent_id": top.json()["id"]})
    on_finding = ana.post(f"/api/documents/{doc}/notes",
                          json={"body": "Check the date.", "finding_id": workspace.finding_a})
    assert {top.status_code, reply.status_code, on_finding.status_code} == {201}
    notes = ana.get(f"/api/documents/{doc}").json()["notes"]
    thread = next(n for n in notes if n["id"] == top.json()["id"])
    assert [r["body"] for r in thread["replies"]] == ["Named in the second interview."]
    assert any(n["finding_id"] == workspace.finding_a for n in notes)
    # A reply to a comment of another document, or a finding of another document, is refused.
    bea_doc = workspace.client("bea").post(f"/api/documents/{workspace.doc_b}/notes",
                                           json={"body": "B's own"}).json()["id"]
    assert ana.post(f"/api/documents/{doc}/notes", json={
        "body": "x", "parent_id": bea_doc}).status_code == 400
    assert ana.post(f"/api/documents/{doc}/notes", json={
        "body": "x", "finding_id": workspace.finding_b}).status_code == 400
    assert ana.post(f"/api/documents/{doc}/notes", json={"body": "   "}).status_code == 400


def test_the_audit_log_records_each_change(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    ana.post(f"/api/findings/{workspace.finding_a}/review",
             json={"action": "reject", "reason": "hearsay"})
    ana.post(f"/api/documents/{workspace.doc_a}/notes", json={"body": "See the reason."})
    ana.put("/api/me/text-size", params={"percent": 120})
    uploaded = ana.post(f"/api/projects/{workspace.default_project}/documents",
                        json={"text": "The recruiter took our passports at the border.",
                              "title": "Border note"})
    assert uploaded.status_code == 201 and uploaded.json()["outcome"] == "stored"
    log = workspace.client("admin").get("/api/audit").json()
    by_action: dict[str, dict[str, str]] = {}
    for row in log:  # newest first: keep each action's latest row
        by_action.setdefault(row["action"], row)
    rejected = by_action["finding.reject"]
    assert rejected["actor"] == "ana"
    assert rejected["object"] == f"finding {workspace.finding_a}"
    assert json.loads(rejected["before"])["status"] == "machine"
    after = json.loads(rejected["after"])
    assert after["status"] == "rejected" and after["reason"] == "hearsay"
    assert json.loads(by_action["note.add"]["after"])["body"] == "See the reason."
    assert json.loads(by_action["user.text_size"]["after"]) == {"text_size": 120}
    assert by_action["document.upload"]["object"] == (
        f"document {uploaded.json()['document_id']}")
    assert "session.open" in by_action and "membership.set" in by_action
    page = workspace.client("admin").get("/audit").text
    assert "finding.reject" in page and "hearsay" in page


def test_upload_page_stores_into_the_chosen_project(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    token = ana.headers["X-CSRF-Token"]
    answer = ana.post("/upload", data={
        "csrf_token": token, "project_id": str(workspace.default_project),
        "title": "Pasted account", "text": "The boss kept our passports and never paid us."},
        files=[("files", ("note.txt", b"We slept in a container next to the kiln.",
                          "text/plain"))], follow_redirects=False)
    assert answer.status_code == 303
    job_id = answer.headers["location"].rsplit("/", 1)[1]
    for _ in range(200):
        job = ana.get(f"/api/uploads/{job_id}").json()
        if job["done"]:
            break
    assert job["done"] and job["stored"] == 2 and job["failed"] == 0
    assert ana.get(f"/uploads/{job_id}").status_code == 200
    assert workspace.client("bea").get(f"/api/uploads/{job_id}").status_code == 404
    for document_id in job["documents"]:
        assert ana.get(f"/api/documents/{document_id}").json()["project"] == (
            workspace.default_project)
    # Into a project where the user is not an analyst: refused.
    other = ana.post("/upload", data={"csrf_token": token,
                                      "project_id": str(workspace.other_project),
                                      "text": "Some text."})
    assert other.status_code == 404
