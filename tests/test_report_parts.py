"""The pieces under the reports: cutting overlapping spans, near-duplicates, dates,
number wording and chart geometry."""

from __future__ import annotations

import lxml.html
import pytest
import report_records as rr

from unfree.report import wording
from unfree.report.corpus import period_of
from unfree.report.duplicates import duplicate_map, find_near_duplicates
from unfree.report.highlight import Span, cut
from unfree.report.svg import Bar, bar_chart, column_chart


def test_cut_gives_each_run_the_findings_covering_it() -> None:
    text = "abcdefghij"
    runs = cut(text, [Span(1, "a", 2, 6), Span(2, "b", 4, 9), Span(3, "a", 4, 6)])
    assert [(r.text, r.numbers, r.indicators) for r in runs] == [
        ("ab", (), ()),
        ("cd", (1,), ("a",)),
        ("ef", (1, 2, 3), ("a", "b")),
        ("ghi", (2,), ("b",)),
        ("j", (), ()),
    ]
    assert "".join(r.text for r in runs) == text
    assert [s.number for s in runs[2].ending] == [1, 3]


def test_cut_leaves_out_spans_that_do_not_fit_the_text() -> None:
    runs = cut("short", [Span(1, "a", 3, 3), Span(2, "a", 2, 40), Span(3, "a", -1, 2)])
    assert [(r.text, r.numbers) for r in runs] == [("short", ())]


def test_cut_of_an_empty_text() -> None:
    assert cut("", [Span(1, "a", 0, 1)]) == []


def test_a_reprint_is_found_and_the_earlier_document_is_the_original() -> None:
    records = rr.corpus()
    assert find_near_duplicates(records) == {"en-harbour-reprint": "en-harbour"}
    # Whatever the input order, the earlier date is the original.
    assert find_near_duplicates(records[::-1]) == {"en-harbour-reprint": "en-harbour"}


def test_different_accounts_are_not_duplicates() -> None:
    assert find_near_duplicates([rr.harbour(), rr.korean(), rr.arabic(), rr.hostile()]) == {}


def test_near_duplicates_without_text_are_compared_on_their_quotes() -> None:
    first, second = rr.harbour(), rr.harbour_reprint()
    del first["text"], second["text"]
    assert find_near_duplicates([first, second]) == {"en-harbour-reprint": "en-harbour"}


def test_given_duplicate_of_is_trusted_and_resolved_to_the_original() -> None:
    a, b, c = rr.harbour(), rr.korean(), rr.arabic()
    a["duplicate_of"], b["duplicate_of"], c["duplicate_of"] = None, "ar-site", "en-harbour"
    assert duplicate_map([a, b, c]) == {"ko-farm": "en-harbour", "ar-site": "en-harbour"}
    # Given keys mean no comparison: the reprint, marked original, stays an original.
    reprint = rr.harbour_reprint()
    reprint["duplicate_of"] = None
    assert duplicate_map([a, reprint]) == {}
    # A duplicate of a document outside the set is that document's only copy here.
    b["duplicate_of"] = "elsewhere"
    assert duplicate_map([b]) == {}


def test_a_cycle_of_duplicates_keeps_one_original() -> None:
    a, b = rr.harbour(), rr.korean()
    a["duplicate_of"], b["duplicate_of"] = "ko-farm", "en-harbour"
    assert duplicate_map([a, b]) == {"ko-farm": "en-harbour"}


@pytest.mark.parametrize(("date", "period"), [
    ("2023-10-09", (2023, 10)), ("2023-10", (2023, 10)), ("2023/7/1", (2023, 7)),
    ("2023", (2023, None)), ("09.10.2023", (2023, 10)), ("2023-13-01", (2023, None)),
    ("", None), ("yesterday", None), (None, None), ("0099-01-01", None),
])
def test_dates_become_months_or_years(date: str | None, period: tuple[int, int] | None) -> None:
    assert period_of(date) == period


def test_long_spans_of_time_are_counted_per_year() -> None:
    from unfree.report.render import render_corpus_report

    records = [rr.harbour(), rr.korean(), rr.arabic()]
    records[0]["date"], records[1]["date"], records[2]["date"] = "2015-01-01", "2019", "2024-06"
    page = lxml.html.fromstring(render_corpus_report(records))
    years = [r.get("data-value") for r in page.xpath('//svg[@id="chart-timeline"]//rect[@class="bar"]')]
    assert years == ["1", "0", "0", "0", "1", "0", "0", "0", "0", "1"]  # 2015 to 2024


@pytest.mark.parametrize(("fact", "shown"), [
    ({"value": 4.8, "unit": "EUR/hour"}, "4.80 EUR an hour"),
    ({"value": 1200.0, "unit": "GBP"}, "1,200 GBP"),
    ({"low": 11.0, "high": 13.0, "unit": "hours"}, "11–13 hours"),
    ({"value": 1.0, "unit": "days"}, "1 day"),
    ({"value": 0.5, "unit": "fraction"}, "50%"),
    ({"value": 64.0, "unit": "persons"}, "64 persons"),
])
def test_fact_values_read_as_a_person_writes_them(fact: dict[str, object], shown: str) -> None:
    assert wording.fact_value(fact) == shown


def test_identifiers_in_engine_sentences_become_names() -> None:
    names = {"debt_bondage": "Debt bondage", "hours_per_week": "Hours worked a week"}
    line = "coercion: debt_bondage, some_unknown_thing; hours_per_week = 72 hours"
    assert wording.readable(line, names) == (
        "coercion: Debt bondage, some_unknown_thing; Hours worked a week = 72 hours")


def test_countries_and_languages_are_named() -> None:
    assert wording.country("kr") == "South Korea"
    assert wording.country("XX") == "XX"
    assert wording.language_name("nl") == "Dutch (nl)"
    assert wording.language_name("und") == "Unknown language (und)"
    assert wording.language_name("zz") == "zz"


def test_bar_widths_are_shares_of_the_largest_and_small_values_stay_visible() -> None:
    svg = lxml.html.fromstring(bar_chart(
        [Bar("a", 200, "#000000", "200"), Bar("b", 50, "#000000", "50"),
         Bar("c", 0.1, "#000000", "0.1"), Bar("d", 0, "#000000", "0")],
        chart_id="t", title="t", description="d"))
    widths = [r.get("width") for r in svg.xpath("//rect[@class='bar']")]
    assert widths == ["100%", "25%", "0.6%", "0%"]


def test_column_chart_labels_at_most_four_periods_first_and_last_included() -> None:
    bars = [Bar(f"m{i}", i, "#000000", str(i)) for i in range(12)]
    svg = lxml.html.fromstring(column_chart(bars, chart_id="t", title="t", description="d",
                                            colour="#000000", unit="sources"))
    labels = [t.text_content() for t in svg.xpath("//text[@class='axis']")][1:]
    assert labels[0] == "m0" and labels[-1] == "m11" and len(labels) == 4
    assert len(svg.xpath("//rect[@class='bar']")) == 12
