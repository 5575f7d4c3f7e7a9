"""The JSON API under `/api/`: the pages' actions for scripts, described in `/openapi.json`.

Unsafe calls carry the session's CSRF token in `X-CSRF-Token` (`GET /api/me` gives it);
sign-in and registration take JSON only, which a cross-site form cannot send.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from pydantic import BaseModel, Field

from unfree.model import Document
from unfree.pipeline import analyze
from unfree.store import accounts
from unfree.store.projects import list_documents, store_in_project
from unfree.store.search import Filters, search
from unfree.web import actions
from unfree.web.access import (
    MAX_ID,
    SESSION_COOKIE,
    Admin,
    DatabaseId,
    ReadableDocument,
    ReviewableDocument,
    ReviewableFinding,
    ReviewableProject,
    SignedInUser,
    client_address,
    engine_of,
)
from unfree.web.documents import document_page
from unfree.web.inputs import CountryCode, Plain, SectorId
from unfree.web.pages import (
    ExportName,
    audit_rows,
    export_response,
    set_session_cookie,
    settings_of,
)
from unfree.web.uploads import MAX_JOB_ID

router = APIRouter(prefix="/api", tags=["workspace"])


class Credentials(BaseModel):
    username: Plain = Field(max_length=64)
    password: str = Field(max_length=1024)  # hashed, never stored as given


class Registration(Credentials):
    display_name: Plain = Field(default="", max_length=200)


class Me(BaseModel):
    id: int
    username: str
    is_admin: bool
    text_size: int
    csrf_token: str
    projects: dict[int, str]  # project id: role


class ReviewIn(BaseModel):
    action: Literal["confirm", "reject", "correct"]
    reason: Plain = Field(default="", max_length=2000)
    indicator: Plain | None = Field(default=None, max_length=64)
    start: int | None = None  # checked against the text's length before any query
    end: int | None = None


class FindingIn(BaseModel):
    indicator: Plain = Field(max_length=64)
    start: int
    end: int
    reason: Plain = Field(default="", max_length=2000)


class NoteIn(BaseModel):
    body: Plain = Field(max_length=10_000)
    finding_id: DatabaseId | None = None
    parent_id: DatabaseId | None = None


class TextIn(BaseModel):
    text: Plain = Field(min_length=1, max_length=5_000_000)
    title: Plain | None = Field(default=None, max_length=500)
    lang: Plain | None = Field(default=None, max_length=8)


class Approval(BaseModel):
    project_id: DatabaseId
    role: Literal["analyst", "viewer"]


@router.post("/login", status_code=204)
def login(request: Request, credentials: Credentials, response: Response) -> None:
    """Sign in: sets the session cookie (401 wrong or unapproved, 429 too many failures)."""
    settings = settings_of(request)
    try:
        token = actions.sign_in(engine_of(request), settings, credentials.username,
                                credentials.password, client_address(request),
                                request.cookies.get(SESSION_COOKIE))
    except actions.SignInRefused as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    set_session_cookie(response, token, settings)


@router.post("/register", status_code=201)
def register(request: Request, registration: Registration) -> dict[str, Any]:
    """Ask for an account; it stays pending until an administrator approves it."""
    user_id = actions.register(engine_of(request), registration.username,
                               registration.password, registration.display_name)
    return {"id": user_id, "status": "pending"}


@router.post("/logout", status_code=204)
def logout(request: Request, access: SignedInUser, response: Response) -> None:
    actions.sign_out(engine_of(request), request.cookies.get(SESSION_COOKIE, ""),
                     access.user.id)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me")
def me(access: SignedInUser) -> Me:
    """The signed-in user, their projects and the CSRF token for unsafe calls."""
    return Me(id=access.user.id, username=access.user.username,
              is_admin=access.user.is_admin, text_size=access.user.text_size,
              csrf_token=access.csrf_token, projects=access.roles)


@router.put("/me/text-size")
def text_size(request: Request, access: SignedInUser, percent: int) -> dict[str, int]:
    kept = actions.change(engine_of(request),
                          lambda c: accounts.set_text_size(c, access.user.id, percent))
    return {"text_size": kept}


@router.get("/documents")
def documents(request: Request, access: SignedInUser, q: str = "",
              project: DatabaseId | None = None, indicator: str | None = None,
              lang: str | None = None, verdict: str | None = None,
              country: CountryCode | None = None, origin: CountryCode | None = None,
              workplace: CountryCode | None = None, sector: SectorId | None = None,
              since: date | None = None, until: date | None = None,
              offset: int = 0, limit: int = 50) -> dict[str, Any]:
    """The documents of your projects, or the best matches of a full-text query `q`.
    Filters: a country named in any role, as origin, or as place of work (destination or
    no role; its cities count too), a sector, and the document's date (`since`/`until`,
    inclusive)."""
    if project is not None and project not in access.roles:
        raise HTTPException(404, "not found")
    chosen = [project] if project is not None else access.project_ids
    limit = max(1, min(limit, 200))
    offset = max(0, min(offset, MAX_ID))  # past the end is an empty page, not an overflow
    filters = Filters(indicator=indicator, lang=lang, verdict=verdict, country=country,
                      origin=origin, workplace=workplace, sector=sector, since=since,
                      until=until, projects=tuple(chosen))
    if q.strip():
        try:
            hits = search(engine_of(request), q, filters, limit=limit)
        except ValueError as exc:
            raise HTTPException(400, str(exc)) from exc
        return {"hits": [h.to_dict() for h in hits]}
    with engine_of(request).connect() as connection:
        rows, total = list_documents(connection, chosen, filters, offset=offset, limit=limit)
    return {"total": total, "documents": [
        {"id": d.id, "external_id": d.external_id, "title": d.title, "lang": d.lang,
         "date": d.date, "verdict": d.verdict, "project": d.project_id,
         "findings": d.findings, "reviewed": d.reviewed} for d in rows]}


@router.get("/documents/{document_id}")
def document(request: Request, scoped: ReadableDocument) -> dict[str, Any]:
    """A document as an analysis record, each finding with its database id and status."""
    page = document_page(engine_of(request), scoped.document_id, scoped.access.project_ids)
    record = dict(page.record)
    ids = {i.evidence.number: i.id for i in page.machine + page.reviewed}
    for number, finding in enumerate(record["findings"], start=1):
        finding["finding_id"] = ids[number]
    record.update(document_id=scoped.document_id, project=scoped.project_id,
                  notes=[_note(n) for n in page.notes] + [
                      _note(n) for notes in page.finding_notes.values() for n in notes])
    return record


def _note(note: Any) -> dict[str, Any]:
    return {"id": note.id, "author": note.author, "body": note.body, "at": note.at,
            "finding_id": note.finding_id, "replies": [_note(r) for r in note.replies]}


@router.post("/projects/{project_id}/documents", status_code=201)
def upload_text(request: Request, scoped: ReviewableProject, body: TextIn) -> dict[str, Any]:
    """Analyse a text and store it in the project (synchronously)."""
    doc = Document(id=body.title or "pasted text", text=body.text, lang=body.lang,
                   title=body.title, source="api")
    stored = store_in_project(engine_of(request), analyze(doc), scoped.project_id,
                              actor_id=scoped.access.user.id)
    return {"document_id": stored.document_id, "outcome": stored.outcome}


@router.get("/uploads/{job_id}")
def upload_job(request: Request, access: SignedInUser,
               job_id: Annotated[str, PathParam(max_length=MAX_JOB_ID)]) -> dict[str, Any]:
    """Progress of an upload started on the upload page (`total` is null until its files
    are read; `interrupted` when the server process running it stopped)."""
    job = request.app.state.jobs.get(engine_of(request), job_id, access.user.id)
    if job is None:
        raise HTTPException(404, "not found")
    result: dict[str, Any] = job.to_dict()
    return result


@router.post("/findings/{finding_id}/review")
def review(request: Request, scoped: ReviewableFinding, body: ReviewIn) -> dict[str, Any]:
    """Confirm, reject or correct (span and/or indicator) a finding, with a reason."""
    assert scoped.finding_id is not None
    return actions.review(engine_of(request), scoped.access.user.id, scoped.finding_id,
                          body.action, body.reason, body.indicator, body.start, body.end)


@router.post("/documents/{document_id}/findings", status_code=201)
def add_finding(request: Request, scoped: ReviewableDocument,
                body: FindingIn) -> dict[str, Any]:
    """Add a finding the engine missed."""
    return actions.add_finding(engine_of(request), scoped.access.user.id, scoped.document_id,
                               body.indicator, body.start, body.end, body.reason)


@router.post("/documents/{document_id}/notes", status_code=201)
def add_note(request: Request, scoped: ReviewableDocument, body: NoteIn) -> dict[str, int]:
    """Comment on the document, on one of its findings, or reply to a comment."""
    return {"id": actions.add_note(engine_of(request), scoped.access.user.id,
                                   scoped.document_id, body.body, body.finding_id,
                                   body.parent_id)}


@router.get("/export")
def export(request: Request, access: SignedInUser, format: ExportName = "json",
           project: str = "") -> Response:
    """Your projects' records, each finding with its review status and origin: JSON Lines
    (`json`), W3C annotations, FollowTheMoney entities (`ftm`, where followthemoney is
    installed) as JSON Lines; zipped CSV tables, HTCDS case CSVs, or a Datasette SQLite
    file with its metadata.json."""
    return export_response(request, access, format, project)


@router.get("/users")
def users(request: Request, access: Admin) -> list[dict[str, Any]]:
    with engine_of(request).connect() as connection:
        return [{"id": u.id, "username": u.username, "status": u.status,
                 "is_admin": u.is_admin, "projects": accounts.roles_of(connection, u.id)}
                for u in accounts.list_users(connection)]


@router.post("/users/{user_id}/approve", status_code=204)
def approve(request: Request, access: Admin, user_id: DatabaseId, body: Approval) -> None:
    actions.approve(engine_of(request), access.user.id, user_id, body.project_id, body.role)


@router.post("/projects", status_code=201)
def create_project(request: Request, access: Admin,
                   name: Annotated[str, Query(max_length=128)]) -> dict[str, int]:
    return {"id": actions.change(engine_of(request), lambda c: accounts.create_project(
        c, name, actor_id=access.user.id))}


@router.get("/audit")
def audit(request: Request, access: Admin, limit: int = 500) -> list[dict[str, Any]]:
    """The latest changes: who, what, when, before and after."""
    return audit_rows(request, min(max(limit, 1), 5_000))
