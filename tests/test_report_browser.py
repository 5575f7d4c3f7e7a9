"""The reports as Chromium shows and prints them: highlighted evidence visible, charts drawn
at a real size, nothing wider than a 390px phone, and a PDF whose text holds the verdict.

These tests need Debian's Chromium at /usr/bin/chromium: they skip without it, except under
CI (env CI set), where a missing browser is a failure (`.ci/run` installs it).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import report_records as rr
from browser_support import need_chromium

from unfree.report.render import render_corpus_report, render_document_report

DOCS_IMG = Path(__file__).resolve().parent.parent / "docs" / "img"
PHONE = 390


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    need_chromium()
    from unfree.report.browser import chromium

    monkeypatch.delenv("UNFREE_CHROMIUM", raising=False)  # these tests are about Debian's
    with chromium(viewport=(1000, 900)) as context:
        yield context


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    document = folder / "document.html"
    document.write_text(render_document_report([rr.harbour()]), encoding="utf-8")
    others = folder / "others.html"
    others.write_text(render_document_report([rr.korean(), rr.arabic(), rr.hostile()]),
                      encoding="utf-8")
    corpus = folder / "corpus.html"
    corpus.write_text(render_corpus_report(rr.corpus(), title="Accounts from sea and farm"),
                      encoding="utf-8")
    return {"document": document, "others": others, "corpus": corpus}


def _open(browser: Any, path: Path, width: int) -> Any:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    return page


def _box(element: Any) -> dict[str, float]:
    box = element.bounding_box()
    assert box is not None, "element is not rendered"
    return dict(box)


def _no_horizontal_overflow(page: Any) -> None:
    width = page.evaluate("document.documentElement.clientWidth")
    assert width == PHONE
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.body.scrollWidth") <= width
    # Nor any single element sticking out (an overflow the body might clip or hide).
    widest = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('body *'))"
        ".filter(e => !e.closest('.table-wrap, svg'))"
        ".map(e => e.getBoundingClientRect().right))")
    assert widest <= width + 0.5


def _save_for_readme(shot: Path, name: str) -> None:
    """Copy a screenshot to docs/img once (or again when UNFREE_UPDATE_SCREENSHOTS is set)."""
    target = DOCS_IMG / name
    if not target.exists() or os.environ.get("UNFREE_UPDATE_SCREENSHOTS"):
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, target)


def test_document_report_shows_every_highlight(browser: Any, pages: dict[str, Path],
                                               tmp_path: Path) -> None:
    page = _open(browser, pages["document"], 1000)
    marks = page.locator("mark.ev")
    assert marks.count() == 8  # six findings; three that overlap cut into five runs
    for mark in marks.all():
        assert mark.is_visible()
        box = _box(mark)
        assert box["width"] > 0 and box["height"] > 0
        painted = mark.evaluate("e => [getComputedStyle(e).backgroundColor, "
                                "getComputedStyle(e).backgroundImage]")
        assert painted[0] != "rgba(0, 0, 0, 0)" or painted[1] != "none"
    for chart in page.locator("svg.chart").all():
        box = _box(chart)
        assert box["width"] > 100 and box["height"] > 20
    for bar in page.locator("rect.bar").all():
        if float(bar.get_attribute("data-value")) > 0:
            assert _box(bar)["width"] > 0
    shot = tmp_path / "document-1000.png"
    page.screenshot(path=str(shot), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1000, "height": 1900})
    assert shot.stat().st_size > 10_000
    _save_for_readme(shot, "report-document.png")
    page.close()


@pytest.mark.parametrize("name", ["document", "others", "corpus"])
def test_nothing_overflows_a_phone_screen(browser: Any, pages: dict[str, Path], name: str,
                                          tmp_path: Path) -> None:
    page = _open(browser, pages[name], PHONE)
    _no_horizontal_overflow(page)
    for mark in page.locator("mark.ev").all():
        assert mark.is_visible() and _box(mark)["x"] + _box(mark)["width"] <= PHONE
    for chart in page.locator("svg.chart").all():
        box = _box(chart)
        assert 0 < box["width"] <= PHONE and box["height"] > 0
    page.screenshot(path=str(tmp_path / f"{name}-{PHONE}.png"), full_page=True)
    page.close()


def test_corpus_report_charts_render_at_a_real_size(browser: Any, pages: dict[str, Path],
                                                    tmp_path: Path) -> None:
    page = _open(browser, pages["corpus"], 1000)
    charts = {c.get_attribute("id"): _box(c) for c in page.locator("svg.chart").all()}
    assert set(charts) == {"chart-verdicts", "chart-indicators", "chart-timeline", "chart-flows"}
    for box in charts.values():
        assert box["width"] > 300 and box["height"] > 50
    indicator_bars = page.locator("#chart-indicators rect.bar").all()
    assert len(indicator_bars) == 7
    widths = [_box(bar)["width"] for bar in indicator_bars]
    assert all(w > 0 for w in widths) and widths == sorted(widths, reverse=True)
    assert widths[0] == pytest.approx(charts["chart-indicators"]["width"], abs=1)
    flows = page.locator("#chart-flows path.flow").all()
    assert len(flows) == 3 and all(_box(f)["width"] > 10 for f in flows)
    columns = page.locator("#chart-timeline rect.bar").all()
    heights = [_box(c)["height"] for c in columns]
    assert heights[3] > heights[0] > 0 and heights[1] == 0
    shot = tmp_path / "corpus-1000.png"
    page.screenshot(path=str(shot), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1000, "height": 1900})
    _save_for_readme(shot, "report-corpus.png")
    page.close()


def _pdf_text(data: bytes) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


@pytest.fixture
def chromium_installed() -> None:
    need_chromium()


def test_pdf_of_a_document_report_holds_the_verdict(chromium_installed: None) -> None:
    from unfree.report.browser import html_to_pdf

    data = html_to_pdf(render_document_report([rr.harbour(), rr.korean()]),
                       title="Statement of K.")
    assert data.startswith(b"%PDF")
    count, text = _pdf_text(data)
    assert count >= 2  # each document starts a page
    flat = " ".join(text.split())
    assert "Forced labour indicated" in flat
    assert "Statement of K., Westmoor harbour" in flat
    assert "We hauled nets from 4 a.m. until 10 p.m." in flat


def test_report_command_writes_html_and_pdf(chromium_installed: None, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    from unfree.cli import app

    monkeypatch.delenv("UNFREE_CHROMIUM", raising=False)
    src = tmp_path / "analyses.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rr.corpus()), encoding="utf-8")
    html, pdf = tmp_path / "corpus.html", tmp_path / "corpus.pdf"
    result = CliRunner().invoke(app, ["report", str(src), "--corpus", "-o", str(html),
                                      "--pdf", str(pdf)])
    assert result.exit_code == 0, result.output
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    count, text = _pdf_text(data)
    flat = " ".join(text.split())
    assert count >= 2 and "Corpus report" in flat and "Independent sources" in flat
    assert "Forced labour indicated" in flat
