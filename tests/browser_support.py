"""Shared by the browser tests (tests/test_report_browser.py, tests/test_web_browser.py):
Debian's Chromium and Playwright, required under CI and skipped without them elsewhere."""

import os
from pathlib import Path

import pytest

from unfree.report.browser import DEFAULT_CHROMIUM


def need_chromium() -> None:
    missing = []
    if not Path(DEFAULT_CHROMIUM).is_file():
        missing.append(f"Debian's Chromium ({DEFAULT_CHROMIUM})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if not missing:
        return
    reason = " and ".join(missing) + " not installed"
    if os.environ.get("CI"):
        pytest.fail(f"CI: {reason}; .ci/run installs Chromium, the dev extra Playwright")
    pytest.skip(reason)
