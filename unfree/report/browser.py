"""Headless Chromium through Playwright: PDFs of reports (and the browser tests' pages).

The browser is the system's Chromium (Debian's `/usr/bin/chromium`, or `UNFREE_CHROMIUM`),
never one Playwright downloads: nothing is fetched at run time. Each launch gets a fresh
profile folder, and every request a page makes is refused, so a report renders only what
it holds.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

DEFAULT_CHROMIUM = "/usr/bin/chromium"

# Headless, and quiet: no sandbox (the CLI may run as root in a container), no GPU, no
# network chatter of its own (QUIC, updates, sync, first-run pages).
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class BrowserError(RuntimeError):
    """Chromium or the `playwright` package is missing, or the browser failed."""


def chromium_path() -> Path:
    return Path(os.environ.get("UNFREE_CHROMIUM") or DEFAULT_CHROMIUM)


@contextmanager
def chromium(viewport: tuple[int, int] = (1200, 900)) -> Iterator[BrowserContext]:
    """A headless Chromium context with a fresh profile; closed and removed on exit."""
    executable = chromium_path()
    if not executable.is_file():
        raise BrowserError(
            f"Chromium not found at {executable} (install Debian's 'chromium' package, or "
            "set UNFREE_CHROMIUM to a Chromium or Chrome executable)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        raise BrowserError(
            "the 'playwright' package is not installed (pip install 'unfree[pdf]')") from exc
    with tempfile.TemporaryDirectory(prefix="unfree-chromium-") as profile, \
            sync_playwright() as playwright:
        try:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=str(executable), headless=True,
                args=list(CHROMIUM_ARGS), viewport={"width": viewport[0], "height": viewport[1]},
                offline=True, java_script_enabled=False)
        except Error as exc:
            raise BrowserError(f"Chromium at {executable} did not start: "
                                     f"{str(exc).splitlines()[0]}") from exc
        try:
            context.route("**/*", _refuse_remote)
            yield context
        finally:
            context.close()


def _refuse_remote(route: Any) -> None:
    # The page itself (a file or set_content) loads; anything it would fetch is refused.
    if route.request.url.startswith(("file:", "data:", "about:")):
        route.continue_()
    else:
        route.abort()


def html_to_pdf(html: str, *, title: str = "") -> bytes:
    """`html` printed as Chromium prints it: A4, the page's print CSS, page numbers."""
    from playwright.sync_api import Error

    with chromium() as context:
        try:
            page = context.new_page()
            page.set_content(html, wait_until="load")
            return page.pdf(format="A4", print_background=True, prefer_css_page_size=True,
                            display_header_footer=True, header_template="<span></span>",
                            footer_template=_footer(title))
        except Error as exc:
            raise BrowserError(f"Chromium failed: {str(exc).splitlines()[0]}") from exc


def _footer(title: str) -> str:
    from markupsafe import escape

    # Chromium fills the pageNumber and totalPages spans; the title is escaped like any text.
    return ('<div style="width:100%;font-size:8px;color:#4a4f57;padding:0 15mm;'
            'display:flex;justify-content:space-between;font-family:sans-serif">'
            f'<span>{escape(title)}</span><span><span class="pageNumber"></span> / '
            '<span class="totalPages"></span></span></div>')
