"""Document and corpus reports as HTML: evidence highlighted exactly where the quotes are,
everything from a document escaped, charts holding one bar per item, readable colours."""

from __future__ import annotations

import re
from importlib import resources

import lxml.html
import pytest
import report_records as rr

from unfree.report.palette import TEXT_COLOUR, contrast_ratio, indicator_styles
from unfree.report.render import render_corpus_report, render_document_report


def _page(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def _marks_of(page: lxml.html.HtmlElement, number: int) -> list[lxml.html.HtmlElement]:
    return page.xpath(f'//mark[contains(concat(" ", @data-findings, " "), " {number} ")]')


def test_each_highlight_carries_its_indicator_and_reads_as_its_quote() -> None:
    record = rr.harbour()
    page = _page(render_document_report([record]))
    checked = 0
    for number, finding in enumerate(record["findings"], start=1):
        marks = _marks_of(page, number)
        if finding.get("status") == "rejected":
            assert marks == [], "a finding a reviewer rejected must not be highlighted"
            continue
        assert "".join(m.text_content() for m in marks) == finding["quote"]
        for mark in marks:
            assert finding["indicator"] in mark.get("data-indicators").split()
            label = indicator_styles()[finding["indicator"]].label
            assert label in mark.get("title")  # named, not only coloured
        checked += 1
    assert checked == 6


def test_overlapping_spans_share_a_run_that_names_both_indicators() -> None:
    page = _page(render_document_report([rr.harbour()]))
    shared = [m for m in page.xpath("//mark") if m.text_content() == "seven days a week"]
    assert len(shared) == 1
    assert shared[0].get("data-findings") == "3 4"
    assert shared[0].get("data-indicators") == "excessive_overtime withholding_of_wages"
    assert "linear-gradient" in shared[0].get("style")  # both tints show, in bands


def test_the_text_is_kept_whole_around_the_highlights() -> None:
    record = rr.harbour()
    page = _page(render_document_report([record]))
    (text_block,) = page.xpath('//div[@class="text"]')
    # Markers after each finding are the only additions: without them the text is intact.
    for sup in text_block.xpath(".//sup"):
        sup.drop_tree()
    assert text_block.text_content() == record["text"]


def test_markers_after_findings_name_the_indicator_for_screen_readers() -> None:
    page = _page(render_document_report([rr.harbour()]))
    hidden = [s.text_content().strip() for s in page.xpath('//sup[@class="ref"]//span[@class="vh"]')]
    assert "Physical and sexual violence" in hidden
    assert "Isolation" not in hidden  # rejected
    links = page.xpath('//sup[@class="ref"]/a/@href')
    for href in links:
        assert page.xpath(f'//*[@id="{href[1:]}"]'), f"marker {href} points nowhere"


def test_verdict_dimensions_reasoning_facts_mentions_and_norm_bars() -> None:
    page = _page(render_document_report([rr.harbour()]))
    assert page.xpath('//*[@data-verdict="indicated"]')[0].text_content() == "Forced labour indicated"
    text = page.text_content()
    assert "Involuntariness" in text and "Coercion" in text
    reasoning = page.xpath('//ol[@class="reasoning"]')[0].text_content()
    assert "Excessive overtime" in reasoning and "excessive_overtime" not in reasoning
    # Derived figures: 126 hours against 48, no rest day against one, each as a two-bar chart.
    figures = page.xpath('//figure[contains(@class, "figure")]')
    assert len(figures) == 3
    week = figures[0]
    bars = week.xpath(".//rect[@class='bar']")
    assert [b.get("data-value") for b in bars] == ["126", "48"]
    assert float(bars[0].get("width").rstrip("%")) == 100
    assert float(bars[1].get("width").rstrip("%")) == pytest.approx(100 * 48 / 126, abs=0.01)
    assert "2.62× the norm" in week.text_content() or "2.63× the norm" in week.text_content()
    assert week.xpath(".//svg/title")[0].text_content().startswith("Hours worked a week")
    assert "confirmed by a reviewer" in text
    # Facts with their quotes, mentions grouped by kind with roles.
    assert "“from 4 a.m. until 10 p.m.”" in text
    assert "Philippines (PH)" in text and "origin" in text
    assert "Taiwan (TW)" in text and "destination" in text
    assert "Fishing" in text


def test_a_script_in_text_title_comments_and_url_stays_inert_text() -> None:
    record = rr.hostile()
    html = render_document_report([record])
    page = _page(html)
    assert "<script" not in html.lower()
    assert page.xpath("//script | //img | //b | //em | //i") == []
    assert page.xpath("//h1")[0].text_content() == record["title"]
    assert page.xpath("//title")[0].text_content().startswith(record["title"])
    assert not [h for h in page.xpath("//a/@href") if h.lower().startswith("javascript")]
    assert "javascript:alert('url')" in page.text_content()  # shown, not linked
    comments = page.xpath('//ol[@class="comments"]/li')
    assert len(comments) == 1
    assert record["comments"][0]["text"] in comments[0].text_content()
    assert record["comments"][0]["author"] in comments[0].text_content()
    marks = _marks_of(page, 1)
    assert "".join(m.text_content() for m in marks) == record["findings"][0]["quote"]


def test_comments_are_kept_apart_from_the_analysed_text() -> None:
    page = _page(render_document_report([rr.hostile()]))
    (text_block,) = page.xpath('//div[@class="text"]')
    assert "I saw this too" not in text_block.text_content()
    section = page.xpath('//section[.//ol[@class="comments"]]')[0]
    assert "not analysed" in section.text_content()


def test_right_to_left_and_korean_texts_keep_their_direction_and_language() -> None:
    page = _page(render_document_report([rr.arabic(), rr.korean()]))
    blocks = page.xpath('//div[@class="text"]')
    assert [(b.get("lang"), b.get("dir")) for b in blocks] == [("ar", "rtl"), ("ko", "auto")]
    # Two documents in one report: a table of contents, and the second starts its own page.
    assert len(page.xpath('//nav[@class="toc"]//li')) == 2
    assert len(page.xpath("//article")) == 2


def test_a_record_without_its_text_shows_quotes_and_says_why() -> None:
    record = rr.harbour()
    del record["text"]
    page = _page(render_document_report([record]))
    assert page.xpath('//div[@class="text"]') == []
    assert "not part of this record" in page.text_content()
    assert len(page.xpath('//ol[@class="evidence"]/li')) == 7


def test_quotes_that_do_not_sit_at_their_offsets_are_listed_not_highlighted() -> None:
    record = rr.harbour()
    record["findings"][0]["start"] += 3  # the quote no longer sits there
    page = _page(render_document_report([record]))
    assert _marks_of(page, 1) == []
    assert "do not match the text" in page.text_content()


def test_corpus_counts_independent_sources_and_lists_the_reprint() -> None:
    page = _page(render_corpus_report(rr.corpus(), title="Fishing & <farms>"))
    stat = {dd.get("data-stat"): dd.text_content() for dd in page.xpath("//dd[@data-stat]")}
    assert stat == {"documents": "5", "sources": "4", "duplicates": "1", "indicated": "2"}
    assert page.xpath("//h1")[0].text_content() == "Fishing & <farms>"
    duplicates = page.xpath('//table[@class="duplicates"]//tr[td]')
    assert [[td.text_content() for td in tr.xpath("td")] for tr in duplicates] == [
        ["Reprint: statement of K.", "Statement of K., Westmoor harbour"]]


def _bars(page: lxml.html.HtmlElement, chart_id: str) -> list[tuple[str, str]]:
    (svg,) = page.xpath(f'//svg[@id="{chart_id}"]')
    return [(r.xpath("title")[0].text_content().split(":")[0], r.get("data-value"))
            for r in svg.xpath(".//rect[@class='bar']")]


def test_indicator_chart_has_one_bar_per_indicator_found_in_independent_sources() -> None:
    page = _page(render_corpus_report(rr.corpus()))
    bars = _bars(page, "chart-indicators")
    # Isolation was rejected by a reviewer, and the reprint adds nothing.
    assert bars == [("Excessive overtime", "3"), ("Retention of identity documents", "3"),
                    ("Withholding of wages", "2"), ("Debt bondage", "1"), ("Deception", "1"),
                    ("Intimidation and threats", "1"), ("Physical and sexual violence", "1")]
    assert len(_bars(page, "chart-verdicts")) == 3


def test_timeline_has_a_column_for_every_month_between_first_and_last() -> None:
    page = _page(render_corpus_report(rr.corpus()))
    assert _bars(page, "chart-timeline") == [("Nov 2023", "1"), ("Dec 2023", "0"),
                                            ("Jan 2024", "0"), ("Feb 2024", "2"),
                                            ("Mar 2024", "1")]


def test_flows_join_each_origin_to_each_destination_of_a_source() -> None:
    page = _page(render_corpus_report(rr.corpus()))
    (svg,) = page.xpath('//svg[@id="chart-flows"]')
    flows = sorted(p.xpath("title")[0].text_content() for p in svg.xpath(".//path[@class='flow']"))
    assert flows == ["Cambodia → South Korea: 1 document", "Indonesia → Taiwan: 1 document",
                     "Philippines → Taiwan: 1 document"]
    rows = page.xpath('//table[@class="flows"]//tr[td]')
    assert len(rows) == 3


def test_charts_have_accessible_names() -> None:
    page = _page(render_corpus_report(rr.corpus()))
    for svg in page.xpath("//svg[@role='img']"):
        title_id, desc_id = svg.get("aria-labelledby").split()
        assert page.xpath(f'//*[@id="{title_id}"]')[0].text_content().strip()
        assert page.xpath(f'//*[@id="{desc_id}"]')[0].text_content().strip()
    assert len(page.xpath("//svg[@role='img']")) == 4


def test_country_keys_and_titles_in_charts_are_escaped() -> None:
    record = rr.korean()
    record["mentions"][0]["key"] = "<IMG SRC=X ONERROR=Y>"
    record["title"] = "<script>alert(1)</script>"
    html = render_corpus_report([record])
    assert "<script" not in html.lower() and "<img" not in html.lower()
    page = _page(html)
    assert page.xpath("//script | //img") == []
    assert "<IMG SRC=X ONERROR=Y> → South Korea: 1 document" in page.text_content()


def test_strongest_quotes_prefer_confirmed_and_confident_findings_one_per_source() -> None:
    page = _page(render_corpus_report(rr.corpus()))
    block = page.xpath('//div[@data-indicator="excessive_overtime"]')[0]
    sources = [s.text_content() for s in block.xpath('.//div[@class="src"]')]
    assert len(sources) == 3  # harbour, Korean farm, Arabic site; not the reprint again
    assert not any("Reprint" in s for s in sources)


def test_findings_a_reviewer_rejected_are_not_counted() -> None:
    records = [rr.harbour()]
    for finding in records[0]["findings"]:
        if finding["indicator"] == "deception":
            finding["status"] = "rejected"
    bars = dict(_bars(_page(render_corpus_report(records)), "chart-indicators"))
    assert "Deception" not in bars and "Isolation" not in bars
    assert bars["Debt bondage"] == "1"


def test_the_page_loads_nothing_and_runs_nothing() -> None:
    html = render_document_report([rr.harbour()]) + render_corpus_report(rr.corpus())
    assert not re.search(r"<(script|link|iframe|object|embed)\b", html, re.I)
    assert not re.search(r"\b(src|href)=\"(https?:)?//", html)
    assert "default-src 'none'" in html


def _css_colour(name: str) -> str:
    css = resources.files("unfree.report").joinpath("templates/report.css").read_text("utf-8")
    match = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", css)
    assert match, name
    return match[1]


def test_colours_meet_wcag_aa() -> None:
    for style in indicator_styles().values():
        assert contrast_ratio(style.strong, "#ffffff") >= 3, style.id  # bars and swatches
        assert contrast_ratio(TEXT_COLOUR, style.tint) >= 4.5, style.id  # highlighted text
    for badge in ("indicated", "insufficient", "not-indicated", "muted"):
        assert contrast_ratio(_css_colour(badge), "#ffffff") >= 4.5, badge
    assert contrast_ratio(_css_colour("muted"), _css_colour("panel")) >= 4.5
    assert contrast_ratio(_css_colour("ink"), _css_colour("panel")) >= 4.5
