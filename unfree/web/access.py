"""Who is asking, and what they may see and change: the one place that decides.

Every route takes one of the dependencies below. `signed_in` answers 401 without a live
session; `checked` adds the CSRF check for unsafe methods (form field `csrf_token` or header
`X-CSRF-Token`, compared with the session's token); `readable_document` /
`reviewable_document` / `reviewable_finding` load an object by its id *within the user's
projects* and answer 404 otherwise, whether it exists in another project or not at all, so
ids reveal nothing; a viewer asking to change something gets 403.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field
from typing import Annotated, Any

from annotated_types import Ge, Le
from fastapi import Depends, HTTPException, Request
from sqlalchemy import Connection, Engine, select

from unfree.store.accounts import SignedIn, User, roles_of, session_of
from unfree.store.schema import DocumentRow, FindingRow
from unfree.store.workspace_schema import ProjectRow

SESSION_COOKIE = "unfree_session"
FORM_COOKIE = "unfree_form"  # double-submit token of the sign-in and registration forms
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

MAX_ID = 2**31 - 1
"""The largest id the store hands out (PostgreSQL's `integer`). A larger number names
nothing, and would overflow SQLite's driver, so it is refused (422) before any query."""
DatabaseId = Annotated[int, Ge(1), Le(MAX_ID)]
"""A path, query or body parameter naming a stored object: declared in the OpenAPI too."""


def parse_id(raw: str) -> int | None:
    """A form field's or query parameter's id, or None when it is not one: ASCII digits
    only ("²".isdigit() is true, int("²") fails) and within `MAX_ID`."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10):
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_ID else None


def same_token(given: object, expected: str | None) -> bool:
    """A constant-time comparison of a token a request carries with the one expected. Bytes,
    not str: `hmac.compare_digest` raises on a str with non-ASCII characters, which anyone
    can send."""
    if not isinstance(given, str) or not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"),
                               expected.encode("utf-8"))


class NotSignedIn(Exception):
    """No live session: pages answer with the sign-in form, the API with JSON, both 401."""


@dataclass(frozen=True, slots=True)
class Access:
    """A signed-in user with their role in each project they may see."""

    user: User
    csrf_token: str
    roles: dict[int, str] = field(default_factory=dict)

    @property
    def project_ids(self) -> list[int]:
        return sorted(self.roles)

    def can_review(self, project_id: int) -> bool:
        return self.roles.get(project_id) == "analyst"

    @property
    def reviews_somewhere(self) -> bool:
        return any(role == "analyst" for role in self.roles.values())


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def signed_in(request: Request) -> Access:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        raise NotSignedIn
    with engine_of(request).connect() as connection:
        session = session_of(connection, token)
        if session is None:
            raise NotSignedIn
        return Access(session.user, session.csrf_token, _roles(connection, session))


def _roles(connection: Connection, session: SignedIn) -> dict[int, str]:
    if session.user.is_admin:  # admins see and review every project
        return {pid: "analyst" for pid in connection.scalars(select(ProjectRow.id))}
    return roles_of(connection, session.user.id)


async def checked(request: Request, access: Annotated[Access, Depends(signed_in)]) -> Access:
    """`signed_in`, and for unsafe methods a CSRF token matching the session's."""
    if request.method not in SAFE_METHODS:
        given = request.headers.get("x-csrf-token")
        if given is None and _is_form(request):
            value = (await request.form()).get("csrf_token")
            given = value if isinstance(value, str) else None
        if not same_token(given, access.csrf_token):
            raise HTTPException(403, "missing or wrong CSRF token")
    return access


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data"))


def admin(access: Annotated[Access, Depends(checked)]) -> Access:
    if not access.user.is_admin:
        raise HTTPException(403, "administrators only")
    return access


def analyst(access: Annotated[Access, Depends(checked)]) -> Access:
    if not access.reviews_somewhere:
        raise HTTPException(403, "viewers cannot change anything")
    return access


@dataclass(frozen=True, slots=True)
class Scoped:
    """An object the user may see: its id, document and project."""

    access: Access
    document_id: int
    project_id: int
    finding_id: int | None = None


def _document_project(request: Request, document_id: int) -> int | None:
    with engine_of(request).connect() as connection:
        return connection.scalar(select(DocumentRow.project_id)
                                 .where(DocumentRow.id == document_id))


def _visible(access: Access, project_id: int | None) -> int:
    if project_id is None or project_id not in access.roles:
        raise HTTPException(404, "not found")
    return project_id


def _may_change(access: Access, project_id: int) -> None:
    if not access.can_review(project_id):
        raise HTTPException(403, "viewers cannot change anything")


def readable_document(request: Request, document_id: DatabaseId,
                      access: Annotated[Access, Depends(checked)]) -> Scoped:
    project_id = _visible(access, _document_project(request, document_id))
    return Scoped(access, document_id, project_id)


def reviewable_document(request: Request, document_id: DatabaseId,
                        access: Annotated[Access, Depends(checked)]) -> Scoped:
    scoped = readable_document(request, document_id, access)
    _may_change(access, scoped.project_id)
    return scoped


def reviewable_finding(request: Request, finding_id: DatabaseId,
                       access: Annotated[Access, Depends(checked)]) -> Scoped:
    with engine_of(request).connect() as connection:
        row = connection.execute(
            select(FindingRow.document_id, DocumentRow.project_id)
            .join(DocumentRow, DocumentRow.id == FindingRow.document_id)
            .where(FindingRow.id == finding_id)).first()
    project_id = _visible(access, None if row is None else row.project_id)
    _may_change(access, project_id)
    assert row is not None
    return Scoped(access, row.document_id, project_id, finding_id)


def reviewable_project(project_id: DatabaseId,
                       access: Annotated[Access, Depends(checked)]) -> Scoped:
    _visible(access, project_id)
    _may_change(access, project_id)
    return Scoped(access, 0, project_id)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


SignedInUser = Annotated[Access, Depends(checked)]
Admin = Annotated[Access, Depends(admin)]
Analyst = Annotated[Access, Depends(analyst)]
ReadableDocument = Annotated[Scoped, Depends(readable_document)]
ReviewableDocument = Annotated[Scoped, Depends(reviewable_document)]
ReviewableFinding = Annotated[Scoped, Depends(reviewable_finding)]
ReviewableProject = Annotated[Scoped, Depends(reviewable_project)]


def form_token_matches(request: Request, given: Any) -> bool:
    """The double-submit check of the sign-in and registration forms (no session yet)."""
    return same_token(given, request.cookies.get(FORM_COOKIE))
