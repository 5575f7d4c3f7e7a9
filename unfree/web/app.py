"""The workspace application: routers, security headers, error answers, static files.

Every answer carries the security headers: pages, API, static files and errors alike, the
server error (500) included, which Starlette answers outside any middleware and so gets
them from its own handler here."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from unfree import __version__
from unfree.report.palette import indicator_styles
from unfree.store.database import open_database
from unfree.web import api, pages
from unfree.web.access import NotSignedIn, signed_in
from unfree.web.inputs import has_nul
from unfree.web.render import current_path, page
from unfree.web.settings import WebSettings
from unfree.web.uploads import UploadJobs

# No inline script or style anywhere: the pages' one script and style sheets are files.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def create_app(settings: WebSettings, engine: Engine | None = None) -> FastAPI:
    """The application over `settings.db_url` (opened, and migrated, here unless given)."""
    app = FastAPI(title="unfree review workspace", version=__version__,
                  openapi_url=None, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.engine = engine if engine is not None else open_database(settings.db_url)
    app.state.jobs = UploadJobs()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("unfree.web") / "static")),
              name="static")

    @app.get("/openapi.json", include_in_schema=False)
    def openapi(request: Request) -> JSONResponse:
        signed_in(request)  # like every route but sign-in and registration: 401 without
        return JSONResponse(app.openapi())

    @app.get("/assets/indicators.css", include_in_schema=False)
    def indicator_css() -> Response:
        return Response(indicators_css(), media_type="text/css",
                        headers={"Cache-Control": "public, max-age=3600"})

    app.middleware("http")(_security_headers)
    app.add_exception_handler(NotSignedIn, _not_signed_in)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    # Any other exception: Starlette's outermost middleware answers it with this handler.
    app.add_exception_handler(Exception, _server_error)
    return app


def indicators_css() -> str:
    """A class per indicator for highlights, swatches and evidence edges (no inline style)."""
    lines = []
    for style in indicator_styles().values():
        lines.append(f".ind-{style.id} {{ background-color: {style.tint}; "
                     f"border-bottom-color: {style.strong}; }}")
        lines.append(f".swatch.ind-{style.id} {{ background-color: {style.strong}; }}")
        lines.append(f".ind-edge-{style.id} {{ border-left-color: {style.strong}; }}")
    return "\n".join(lines) + "\n"


async def _security_headers(request: Request,
                            call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    query = f"?{request.url.query}" if request.url.query else ""
    current_path.set(request.url.path + query)
    if has_nul(request.url.path, request.url.query):
        # Refused before any route: no parameter has a use for NUL (`unfree.web.inputs`).
        response = await _http_error(request, StarletteHTTPException(
            400, "a parameter holds the NUL character"))
    else:
        response = await call_next(request)
    return secured(request, response)


def secured(request: Request, response: Response) -> Response:
    """`response` with the security headers it lacks (a route may set a stricter CSP)."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.url.path.startswith(("/static/", "/assets/")):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _not_signed_in(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": "sign in first"}, status_code=401)
    return pages.sign_in_page(request, status=401)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _is_api(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))
    headings = {404: "Not found", 403: "Not allowed", 401: "Sign in first"}
    heading = headings.get(exc.status_code, str(exc.detail))
    return page("error.html.j2", heading, None, status=exc.status_code, heading=heading,
                error=str(exc.detail) if exc.status_code == 400 else "")


async def _server_error(request: Request, exc: Exception) -> Response:
    """A bug: a plain answer, nothing of the exception in it (it goes to the log)."""
    if _is_api(request):
        response: Response = JSONResponse({"detail": "internal server error"},
                                          status_code=500)
    else:
        response = page("error.html.j2", "Server error", None, status=500,
                        heading="Something went wrong on the server")
    return secured(request, response)


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details: Any = exc.errors()
    if _is_api(request):
        # FastAPI's declared `ValidationError` shape (loc, msg, type), without the rejected
        # input itself: a password or a document's text is not echoed back.
        return JSONResponse({"detail": [{"loc": list(d.get("loc", ())), "msg": str(d.get("msg")),
                                         "type": str(d.get("type", "value_error"))}
                                        for d in details]}, status_code=422)
    return page("error.html.j2", "Invalid request", None, status=422,
                heading="Invalid request", error="; ".join(str(d.get("msg")) for d in details))
