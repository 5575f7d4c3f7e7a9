"""The workspace in Debian's Chromium, end to end: register, approval, sign-in, upload, review
a finding, comment, export; a viewer and a member of another team; keyboard navigation,
Korean and right-to-left text, a phone-sized screen. Screenshots go to the test's tmp folder.

These tests need /usr/bin/chromium and the playwright package: they skip without them,
except under CI (env CI set), where that is a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import need_chromium
from web_server import serving
from web_support import PASSWORD, Workspace, make_user, store_text

from unfree.report.browser import CHROMIUM_ARGS, DEFAULT_CHROMIUM

PHONE = 390
TESTIMONY = ("The labour broker took our passports at the airport. We worked on the building "
             "site seven days a week from 7 a.m. until 11 p.m. and were never paid.")
KOREAN = "공장 관리자가 우리 여권을 빼앗았고 우리는 하루 16시간 일했습니다. 우리는 공장을 떠날 수 없었습니다."
ARABIC = "أخذ صاحب العمل جوازات سفرنا ولم يدفع لنا أجورنا لمدة ستة أشهر في موقع البناء."


@pytest.fixture
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=DEFAULT_CHROMIUM, headless=True,
                                              args=list(CHROMIUM_ARGS))
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def sqlite_workspace(db_url: str, request: pytest.FixtureRequest) -> Workspace:
    if not db_url.startswith("sqlite"):  # checked before the workspace is built
        pytest.skip("the browser tests run once, on SQLite; the HTTP tests cover both")
    workspace: Workspace = request.getfixturevalue("workspace")
    return workspace


class Session:
    """One person's browser context; every console error is kept (CSP violations too)."""

    def __init__(self, browser: Any, base: str, shots: Path, width: int = 1100) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": 900},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base = base
        self.shots = shots

    def go(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def sign_in(self, username: str, password: str = PASSWORD) -> None:
        self.go("/login")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button:has-text('Sign in')")


def _csp_errors(errors: list[str]) -> list[str]:
    # A 404 page load logs "Failed to load resource"; only policy violations count here.
    return [e for e in errors if "Content Security Policy" in e or "Refused" in e]


def test_register_approve_upload_review_comment_export(
        browser: Any, sqlite_workspace: Workspace, tmp_path: Path) -> None:
    ws = sqlite_workspace
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with serving(ws.app) as base:
        rosa = Session(browser, base, shots)
        rosa.go("/register")
        rosa.page.fill("input[name=username]", "rosa")
        rosa.page.fill("input[name=display_name]", "Rosa M.")
        rosa.page.fill("input[name=password]", "a sturdy passphrase")
        rosa.page.click("button:has-text('Register')")
        assert "administrator will approve" in rosa.page.inner_text("main")
        rosa.sign_in("rosa", "a sturdy passphrase")
        assert "approval" in rosa.page.inner_text(".error")
        rosa.shot("01-register-waiting")

        admin = Session(browser, base, shots)
        admin.sign_in("admin")
        admin.go("/admin")
        row = admin.page.locator("#user-rosa")
        row.locator("select[name=project_id]").select_option(str(ws.default_project))
        row.locator("select[name=role]").select_option("analyst")
        row.locator("button:has-text('Approve')").click()
        assert "active" in admin.page.locator("#user-rosa").inner_text()
        admin.shot("02-admin-approved")

        rosa.sign_in("rosa", "a sturdy passphrase")
        assert rosa.page.url.rstrip("/") == base
        rosa.go("/upload")
        rosa.page.fill("input[name=title]", "Building site account")
        rosa.page.fill("textarea[name=text]", TESTIMONY)
        rosa.page.click("button:has-text('Analyse and store')")
        rosa.page.wait_for_selector("#job-state:text('Done')", timeout=20_000)
        rosa.shot("03-upload-done")
        rosa.page.click("#job-documents a")
        rosa.page.wait_for_selector("mark.ev")
        rosa.shot("04-document")

        # Keyboard: j focuses the first finding and marks its passage in the text.
        rosa.page.keyboard.press("j")
        assert rosa.page.evaluate("document.activeElement.matches('li.finding')")
        assert rosa.page.locator("mark.ev.current").count() >= 1
        finding_id = rosa.page.evaluate("document.activeElement.dataset.finding")
        rosa.page.keyboard.press("Enter")  # opens the review form, its first field focused
        finding = rosa.page.locator(f"#f-{finding_id}")
        assert rosa.page.evaluate("document.activeElement.name") == "action"
        finding.locator("input[name=reason]").fill("The broker is named in the file")
        finding.locator("button:has-text('Save review')").click()
        reviewed = rosa.page.locator("section:has(#h-reviewed)")
        assert reviewed.locator(f"#f-{finding_id}").count() == 1
        assert "confirm by rosa" in reviewed.inner_text()

        rosa.page.fill("textarea[name=body] >> nth=-1", "Ask the union for the payslips.")
        rosa.page.locator("section:has(#h-notes) button:has-text('Comment')").click()
        assert "Ask the union for the payslips." in rosa.page.locator(
            "section:has(#h-notes)").inner_text()
        rosa.shot("05-reviewed-and-commented")
        document_url = rosa.page.url.split("#")[0]

        rosa.go("/export")
        with rosa.page.expect_download() as download:
            rosa.page.click("button:has-text('Download')")
        exported = Path(download.value.path()).read_text(encoding="utf-8")
        assert "Building site account" in exported and '"status": "confirmed"' in exported
        assert _csp_errors(rosa.errors) == [] and _csp_errors(admin.errors) == []

        # A viewer of the project reads without forms; a member of team B gets a 404.
        make_user(ws.engine, "vera", roles={ws.default_project: "viewer"})
        vera = Session(browser, base, shots)
        vera.sign_in("vera")
        vera.page.goto(document_url)
        assert vera.page.locator("mark.ev").count() >= 1
        assert vera.page.locator("form[action*='/review']").count() == 0
        assert vera.page.locator("textarea").count() == 0
        assert vera.go("/upload").status == 403
        bea = Session(browser, base, shots)
        bea.sign_in("bea")
        answer = bea.page.goto(document_url)
        assert answer.status == 404 and "Building site" not in bea.page.content()
        bea.shot("06-other-team-404")


def test_korean_rtl_text_size_and_phone(browser: Any, sqlite_workspace: Workspace,
                                        tmp_path: Path) -> None:
    ws = sqlite_workspace
    korean = store_text(ws.engine, KOREAN, ws.default_project, "공장 증언")
    arabic = store_text(ws.engine, ARABIC, ws.default_project, "شهادة")
    with serving(ws.app) as base:
        ana = Session(browser, base, tmp_path, width=PHONE)
        ana.sign_in("ana")
        ana.go(f"/documents/{korean}")
        text = ana.page.locator("#doc-text")
        assert text.get_attribute("lang") == "ko"
        assert text.evaluate("e => getComputedStyle(e).wordBreak") == "keep-all"
        assert ana.page.evaluate("document.documentElement.scrollWidth") <= PHONE
        ana.shot("07-korean-phone")
        ana.go(f"/documents/{arabic}")
        assert ana.page.locator("#doc-text").evaluate("e => getComputedStyle(e).direction") \
            == "rtl"
        assert ana.page.evaluate("document.documentElement.scrollWidth") <= PHONE
        ana.go("/")
        assert ana.page.evaluate("document.documentElement.scrollWidth") <= PHONE
        before = ana.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        ana.page.click("button[aria-label='Larger text']")
        ana.page.click("button[aria-label='Larger text']")
        after = ana.page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert after == pytest.approx(before * 1.2, rel=0.01)
        # Remembered for the user, in another browser too.
        again = Session(browser, base, tmp_path)
        again.sign_in("ana")
        assert again.page.locator("body.text-size-120").count() == 1
        assert _csp_errors(ana.errors) == []
