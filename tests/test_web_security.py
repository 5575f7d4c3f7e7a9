"""Text from documents, comments and reviewers is data on every page: a `<script>` in any of
them is shown as text and never runs; pages forbid inline script and framing."""

from __future__ import annotations

from web_support import Workspace, store_text

from unfree.model import Comment

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
