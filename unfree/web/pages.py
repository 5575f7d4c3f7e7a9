"""The workspace's pages: forms post here and are answered with a redirect (303) or with the
form again and its error. Access rules come from `unfree.web.access` only."""

from __future__ import annotations

import base64
import hashlib
import html as html_text
import importlib.util
import json
import re
import secrets
import shutil
import tempfile
import zipfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import AfterValidator
from sqlalchemy import select
from starlette.background import BackgroundTask

from unfree.entities.gazetteer import country_names, sector_table
from unfree.export.cli import ExportFormat, export_records
from unfree.model import Document
from unfree.report import wording
from unfree.report.palette import indicator_styles
from unfree.report.render import render_corpus_report
from unfree.store import accounts
from unfree.store.projects import list_documents
from unfree.store.records import iter_records
from unfree.store.search import Filters, search
from unfree.store.workspace_schema import AuditRow, UserRow
from unfree.web import actions
from unfree.web.access import (
    FORM_COOKIE,
    SESSION_COOKIE,
    Access,
    Admin,
    Analyst,
    DatabaseId,
    ReadableDocument,
    ReviewableDocument,
    ReviewableFinding,
    SignedInUser,
    client_address,
    engine_of,
    form_token_matches,
    parse_id,
)
from unfree.web.documents import document_page
from unfree.web.inputs import no_nul
from unfree.web.render import page
from unfree.web.settings import WebSettings

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
MAX_OFFSET = 2**31 - 1  # an OFFSET beyond SQLite's integers would overflow its driver
DASHBOARD_LIMIT = 5_000  # documents drawn in the dashboard's charts

# A form's text field: anything but NUL, which PostgreSQL cannot store (`unfree.web.inputs`).
Text = Annotated[str, Form(), AfterValidator(no_nul)]
OptionalText = Text


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _anonymous_form(request: Request, template: str, title: str, *, status: int = 200,
                    error: str = "", message: str = "") -> HTMLResponse:
    """A sign-in or registration form with a fresh double-submit token in a cookie."""
    token = secrets.token_urlsafe(32)
    response = page(template, title, None, status=status, error=error, message=message,
                    form_token=token)
    response.set_cookie(FORM_COOKIE, token, httponly=True, samesite="strict",
                        secure=settings_of(request).secure_cookies, max_age=3600)
    return response


def sign_in_page(request: Request, *, status: int = 200, error: str = "",
                 message: str = "") -> HTMLResponse:
    return _anonymous_form(request, "login.html.j2", "Sign in", status=status, error=error,
                           message=message)


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    return sign_in_page(request)


@router.post("/login", response_model=None)
def login(request: Request, username: Text, password: Text,
          csrf_token: Annotated[str, Form()] = "") -> Response:
    if not form_token_matches(request, csrf_token):
        return sign_in_page(request, status=403, error="The form expired: please try again.")
    settings = settings_of(request)
    try:
        token = actions.sign_in(engine_of(request), settings, username, password,
                                client_address(request), request.cookies.get(SESSION_COOKIE))
    except actions.SignInRefused as exc:
        return sign_in_page(request, status=exc.status, error=str(exc))
    response = see_other("/")
    set_session_cookie(response, token, settings)
    response.delete_cookie(FORM_COOKIE)
    return response


def set_session_cookie(response: Response, token: str, settings: WebSettings) -> None:
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict",
                        secure=settings.secure_cookies, path="/",
                        max_age=int(settings.session_lifetime.total_seconds()))


@router.get("/register")
def register_form(request: Request) -> HTMLResponse:
    return _anonymous_form(request, "register.html.j2", "Register")


@router.post("/register")
def register(request: Request, username: Text, password: Text,
             display_name: OptionalText = "",
             csrf_token: Annotated[str, Form()] = "") -> HTMLResponse:
    if not form_token_matches(request, csrf_token):
        return _anonymous_form(request, "register.html.j2", "Register", status=403,
                               error="The form expired: please try again.")
    try:
        actions.register(engine_of(request), username, password, display_name)
    except HTTPException as exc:
        return _anonymous_form(request, "register.html.j2", "Register", status=400,
                               error=str(exc.detail))
    return sign_in_page(request, message="Thank you: an administrator will approve your "
                                         "account, then you can sign in.")


@router.post("/logout")
def logout(request: Request, access: SignedInUser) -> RedirectResponse:
    actions.sign_out(engine_of(request), request.cookies.get(SESSION_COOKIE, ""),
                     access.user.id)
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.post("/settings/text-size")
def text_size(request: Request, access: SignedInUser, size: Annotated[int, Form()],
              next: Annotated[str, Form()] = "/") -> RedirectResponse:
    actions.change(engine_of(request),
                   lambda c: accounts.set_text_size(c, access.user.id, size))
    # Back to the page the control was on: a path of this site only, never "//host".
    local = next.startswith("/") and not next.startswith(("//", "/\\"))
    return see_other(next if local else "/")


def _projects(request: Request, access: Access) -> list[tuple[int, str]]:
    with engine_of(request).connect() as connection:
        return [(pid, name) for pid, name in accounts.list_projects(connection)
                if pid in access.roles]


def _chosen_projects(access: Access, project: str) -> list[int]:
    number = parse_id(project)
    if number is not None and number in access.roles:
        return [number]
    if project:
        raise HTTPException(404, "not found")
    return access.project_ids


@cache
def countries() -> list[tuple[str, str]]:
    """(ISO code, English name) of every country the entities stage knows, by name."""
    return sorted(((code, names[0] if names else code)
                   for code, names in country_names("en").items()), key=lambda c: c[1])


def corpus_filters(*, indicator: str, lang: str, verdict: str, origin: str, workplace: str,
                   sector: str, since: str, until: str,
                   projects: list[int]) -> tuple[Filters, list[str]]:
    """The corpus page's filters from its form's strings, and what could not be read (such a
    filter is left out and named on the page, not a 422: a form's link may be edited)."""
    problems: list[str] = []

    def code(value: str, name: str) -> str | None:
        value = value.strip().upper()
        if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
            problems.append(f"{name}: give a country")
            return None
        return value or None

    def day(value: str, name: str) -> date | None:
        try:
            return date.fromisoformat(value.strip()) if value.strip() else None
        except ValueError:
            problems.append(f"{name}: give a date as YYYY-MM-DD")
            return None

    if sector and sector not in sector_table():
        problems.append("sector: not a known sector")
    return Filters(indicator=indicator or None, lang=lang or None, verdict=verdict or None,
                   origin=code(origin, "origin"), workplace=code(workplace, "work in"),
                   sector=sector if sector in sector_table() else None,
                   since=day(since, "from"), until=day(until, "until"),
                   projects=tuple(projects)), problems


@router.get("/")
def corpus(request: Request, access: SignedInUser, q: str = "", project: str = "",
           indicator: str = "", lang: str = "", verdict: str = "", origin: str = "",
           workplace: str = "", sector: str = "", since: str = "", until: str = "",
           offset: int = 0) -> HTMLResponse:
    chosen = _chosen_projects(access, project)
    hits: list[dict[str, Any]] | None = None
    documents: list[Any] = []
    total = 0
    offset = max(0, min(offset, MAX_OFFSET))  # past the end is an empty page
    filters, problems = corpus_filters(
        indicator=indicator, lang=lang, verdict=verdict, origin=origin, workplace=workplace,
        sector=sector, since=since, until=until, projects=chosen)
    if q.strip():
        try:
            found = search(engine_of(request), q, filters, limit=PAGE_SIZE)
        except ValueError as exc:
            found = []
            problems.append(str(exc))
        hits = [dict(h.to_dict(), pieces=_pieces(h.passage, h.highlights)) for h in found]
    else:
        with engine_of(request).connect() as connection:
            documents, total = list_documents(connection, chosen, filters, offset=offset,
                                              limit=PAGE_SIZE)
    kept = {"project": project, "indicator": indicator, "lang": lang, "verdict": verdict,
            "origin": origin, "workplace": workplace, "sector": sector, "since": since,
            "until": until}
    # The filters again in the pages' links (the template escapes the whole query string).
    query = urlencode({name: value for name, value in kept.items() if value})
    return page("corpus.html.j2", "Documents", access, error="; ".join(problems), q=q,
                hits=hits, documents=documents, total=total, offset=offset,
                page_size=PAGE_SIZE, page_query=query, projects=_projects(request, access),
                project=parse_id(project),
                indicators=list(indicator_styles().values()), indicator=indicator, lang=lang,
                verdict=verdict, verdicts=list(wording.VERDICTS.items()),
                verdict_names=wording.VERDICTS, countries=countries(),
                origin=origin.strip().upper(), workplace=workplace.strip().upper(),
                sectors=[(key, str(value.get("label", key)))
                         for key, value in sector_table().items()],
                sector=sector, since=since, until=until)


def _pieces(passage: str, highlights: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    pieces, last = [], 0
    for start, end in highlights:
        pieces += [(passage[last:start], False), (passage[start:end], True)]
        last = end
    pieces.append((passage[last:], False))
    return [p for p in pieces if p[0]]


@router.get("/documents/{document_id}")
def document(request: Request, scoped: ReadableDocument) -> HTMLResponse:
    access = scoped.access
    doc = document_page(engine_of(request), scoped.document_id, access.project_ids)
    ids_by_number = {item.evidence.number: item.id for item in doc.machine + doc.reviewed}
    names = dict(_projects(request, access))
    return page("document.html.j2", doc.view.title, access, page=doc,
                ids_by_number=ids_by_number, indicators=list(indicator_styles().values()),
                can_review=access.can_review(scoped.project_id),
                project_name=names.get(scoped.project_id, ""))


def _number(raw: str) -> int | None:
    """An offset or id from a form field (ASCII digits, at most 10 of them), or None."""
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 10 else None


@router.post("/findings/{finding_id}/review")
def review(request: Request, scoped: ReviewableFinding, action: Text,
           reason: OptionalText = "", indicator: OptionalText = "",
           start: Annotated[str, Form()] = "", end: Annotated[str, Form()] = "") -> Response:
    assert scoped.finding_id is not None
    correcting = action == "correct"
    actions.review(engine_of(request), scoped.access.user.id, scoped.finding_id, action,
                   reason, indicator if correcting else None,
                   _number(start) if correcting else None, _number(end) if correcting else None)
    return see_other(f"/documents/{scoped.document_id}#f-{scoped.finding_id}")


@router.post("/documents/{document_id}/findings")
def add_finding(request: Request, scoped: ReviewableDocument, indicator: Text,
                start: Annotated[int, Form()], end: Annotated[int, Form()],
                reason: OptionalText = "") -> Response:
    added = actions.add_finding(engine_of(request), scoped.access.user.id, scoped.document_id,
                                indicator, start, end, reason)
    return see_other(f"/documents/{scoped.document_id}#f-{added['id']}")


@router.post("/documents/{document_id}/notes")
def add_note(request: Request, scoped: ReviewableDocument, body: Text,
             finding_id: Annotated[str, Form()] = "",
             parent_id: Annotated[str, Form()] = "") -> Response:
    note_id = actions.add_note(engine_of(request), scoped.access.user.id, scoped.document_id,
                               body, _number(finding_id), _number(parent_id))
    return see_other(f"/documents/{scoped.document_id}#note-{note_id}")


@router.get("/upload")
def upload_form(request: Request, access: Analyst) -> HTMLResponse:
    reviewable = [(pid, name) for pid, name in _projects(request, access)
                  if access.can_review(pid)]
    return page("upload.html.j2", "Upload", access, projects=reviewable)


@router.post("/upload")
async def upload(request: Request, access: Analyst, project_id: Annotated[int, Form()],
                 text: OptionalText = "", title: OptionalText = "",
                 lang: OptionalText = "",
                 files: Annotated[list[UploadFile] | None, File()] = None) -> Response:
    if not access.can_review(project_id):
        raise HTTPException(404 if project_id not in access.roles else 403, "not allowed")
    limit = settings_of(request).max_upload_bytes
    read: list[tuple[str, bytes]] = []
    for file in files or []:
        content = await file.read(limit + 1)
        if len(content) > limit:
            raise HTTPException(413, f"a file holds at most {limit // 1_000_000} MB")
        if file.filename and content:
            read.append((file.filename, content))
    pasted = None
    if text.strip():
        pasted = Document(id=title.strip() or "pasted text", text=text,
                          lang=lang.strip() or None, title=title.strip() or None,
                          source="upload")
    if pasted is None and not read:
        raise HTTPException(400, "paste a text or choose files")
    job = request.app.state.jobs.start(engine_of(request), access.user.id, project_id,
                                       pasted, read)
    return see_other(f"/uploads/{job.id}")


@router.get("/uploads/{job_id}")
def upload_job(request: Request, access: SignedInUser, job_id: str) -> HTMLResponse:
    job = request.app.state.jobs.get(engine_of(request), job_id, access.user.id)
    if job is None:
        raise HTTPException(404, "not found")
    return page("upload_job.html.j2", "Analysis progress", access, job=job)


@router.get("/dashboard")
def dashboard(request: Request, access: SignedInUser, project: str = "") -> Response:
    chosen = _chosen_projects(access, project)
    records = []
    for record in iter_records(engine_of(request), projects=chosen):
        records.append(record)
        if len(records) >= DASHBOARD_LIMIT:
            break
    html = render_corpus_report(records, title="Dashboard") if records else (
        "<!DOCTYPE html><title>Dashboard</title><p>No document yet.</p>")
    # The report is a self-contained page (its own style sheet, no script at all): its one
    # style sheet is allowed by its hash, nothing else inline.
    html, sheet = without_style_attributes(html)
    return HTMLResponse(html, headers={"Content-Security-Policy": (
        f"default-src 'none'; style-src {sheet}; img-src data:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")})


_STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')
_STYLE_SHEET = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def without_style_attributes(html: str) -> tuple[str, str]:
    """A self-contained page with its `style` attributes moved into its style sheet (each
    becomes a `data-s` attribute and a rule, `!important` as inline styles were), and the
    CSP source that allows that sheet alone: its sha256. So the page needs no
    'unsafe-inline'. A value that could leave its rule (braces, angle brackets, a
    backslash) is dropped; the report writes colours and sizes only."""
    rules: dict[str, int] = {}

    def move(match: re.Match[str]) -> str:
        value = html_text.unescape(match.group(1))
        if any(c in value for c in "{}<>\\"):
            return ""
        return f' data-s="{rules.setdefault(value, len(rules))}"'

    html = _STYLE_ATTRIBUTE.sub(move, html)
    css = "".join(_rule(number, value) for value, number in rules.items())
    found = _STYLE_SHEET.search(html)
    if found is None:
        sheet = css
        html = html.replace("</head>", f"<style>{sheet}</style></head>", 1) if css else html
    else:
        sheet = found.group(1) + css
        html = html[:found.start(1)] + sheet + html[found.end(1):]
    digest = base64.b64encode(hashlib.sha256(sheet.encode("utf-8")).digest()).decode("ascii")
    return html, f"'sha256-{digest}'"


def _rule(number: int, declarations: str) -> str:
    important = "; ".join(f"{d.strip()} !important" for d in declarations.split(";")
                          if d.strip())
    return f'[data-s="{number}"] {{ {important} }}\n'


ExportName = Literal["json", "csv", "htcds", "annotations", "datasette", "ftm"]
"""Every format of `unfree export` (ftm answers 400 where followthemoney is missing)."""
EXPORT_FORMATS: dict[str, tuple[str, str]] = {  # format: (what the form says, file name)
    "json": ("JSON Lines: analysis records", "unfree-json.jsonl"),
    "csv": ("CSV tables (zip)", "unfree-csv.zip"),
    "htcds": ("HTCDS case records, CSV (zip)", "unfree-htcds.zip"),
    "annotations": ("W3C Web Annotations, JSON Lines", "unfree-annotations.jsonl"),
    "datasette": ("SQLite for Datasette, with metadata.json (zip)", "unfree-datasette.zip"),
    "ftm": ("FollowTheMoney entities, JSON Lines", "unfree-ftm.jsonl"),
}


def export_formats() -> list[tuple[str, str]]:
    """The formats this server can write: ftm only where followthemoney is installed."""
    return [(fmt, label) for fmt, (label, _) in EXPORT_FORMATS.items()
            if fmt != "ftm" or importlib.util.find_spec("followthemoney") is not None]


@router.get("/export")
def export_form(request: Request, access: SignedInUser) -> HTMLResponse:
    return page("export.html.j2", "Export", access, projects=_projects(request, access),
                formats=export_formats())


@router.get("/export/download")
def export_download(request: Request, access: SignedInUser, format: ExportName = "json",
                    project: str = "") -> Response:
    return export_response(request, access, format, project)


def export_response(request: Request, access: Access, fmt: str, project: str) -> Response:
    """The chosen projects' records in `fmt`, as a download (reviewed statuses included).
    Written to a private temporary folder and sent from the file (not held in memory),
    the folder removed once sent; folders of files (csv, htcds, datasette's database and
    its metadata.json) are zipped."""
    if fmt not in dict(export_formats()):
        raise HTTPException(400, "format: " + ", ".join(f for f, _ in export_formats()))
    chosen = _chosen_projects(access, project)
    records = iter_records(engine_of(request), projects=chosen)
    folder = Path(tempfile.mkdtemp(prefix="unfree-export-"))
    try:
        name = EXPORT_FORMATS[fmt][1]
        target = folder / "out"
        if fmt == "datasette":
            target.mkdir()
            written = target / "unfree.db"  # metadata.json is written beside it
        else:
            written = target
        export_records(ExportFormat(fmt), records, written)
        if target.is_dir():
            path, kind = folder / name, "application/zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for member in sorted(target.iterdir()):
                    archive.write(member, member.name)
        else:
            path, kind = target, "application/x-ndjson"
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(path, media_type=kind, filename=name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


@router.get("/admin")
def admin_page(request: Request, access: Admin) -> HTMLResponse:
    with engine_of(request).connect() as connection:
        users = [(u, accounts.roles_of(connection, u.id))
                 for u in accounts.list_users(connection)]
        projects = accounts.list_projects(connection)
    return page("admin.html.j2", "Admin", access, users=users, projects=projects,
                project_names=dict(projects))


@router.post("/admin/users/{user_id}/approve")
def approve(request: Request, access: Admin, user_id: DatabaseId,
            project_id: Annotated[DatabaseId, Form()],
            role: Text) -> RedirectResponse:
    actions.approve(engine_of(request), access.user.id, user_id, project_id, role)
    return see_other("/admin")


@router.post("/admin/users/{user_id}/disable")
def disable(request: Request, access: Admin, user_id: DatabaseId) -> RedirectResponse:
    actions.change(engine_of(request), lambda c: accounts.set_status(
        c, user_id, "disabled", actor_id=access.user.id))
    return see_other("/admin")


@router.post("/admin/projects")
def create_project(request: Request, access: Admin, name: Text) -> RedirectResponse:
    actions.change(engine_of(request),
                   lambda c: accounts.create_project(c, name, actor_id=access.user.id))
    return see_other("/admin")


@router.get("/audit")
def audit(request: Request, access: Admin, limit: int = 500) -> HTMLResponse:
    return page("audit.html.j2", "Audit log", access,
                rows=audit_rows(request, min(max(limit, 1), 5_000)))


def audit_rows(request: Request, limit: int) -> list[dict[str, Any]]:
    with engine_of(request).connect() as connection:
        rows = connection.execute(
            select(AuditRow.__table__, UserRow.username)
            .outerjoin(UserRow, UserRow.id == AuditRow.actor_id)
            .order_by(AuditRow.id.desc()).limit(limit))
        return [{"id": r.id, "at": r.at.strftime("%Y-%m-%d %H:%M:%S"),
                 "actor": r.username or "", "action": r.action,
                 "object": f"{r.object_type} {r.object_id}", "project": r.project_id,
                 "before": json.dumps(r.before, ensure_ascii=False) if r.before else "",
                 "after": json.dumps(r.after, ensure_ascii=False) if r.after else ""}
                for r in rows]
