"""Pages from templates: one autoescaping Jinja2 environment, and the context every page has."""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from unfree.web.access import Access

current_path: ContextVar[str] = ContextVar("current_path", default="/")
"""The page's own path and query, set per request: forms that come back here name it."""


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("unfree.web", "templates"),
                       autoescape=True,  # every template: document text is data, never markup
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def page(template: str, title: str, access: Access | None, *, status: int = 200,
         message: str = "", error: str = "", **context: Any) -> HTMLResponse:
    size = access.user.text_size if access is not None else 100
    html = environment().get_template(template).render(
        title=title, access=access, current_path=current_path.get(),
        text_size=max(80, min(200, size // 10 * 10)), message=message, error=error, **context)
    return HTMLResponse(html, status_code=status)
