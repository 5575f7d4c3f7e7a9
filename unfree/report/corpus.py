"""The corpus report's content: counts, verdicts, indicator frequencies, a timeline, origin
to destination flows and the strongest quotes, over independent sources only.

A near-duplicate (`unfree.report.duplicates`) is listed, but never counted: a story
reprinted by ten sites is one source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from unfree.report import wording
from unfree.report.duplicates import duplicate_map
from unfree.report.palette import IndicatorStyle, indicator_style
from unfree.report.records import Record, finding_status
from unfree.report.svg import Bar, Flow, bar_chart, column_chart, flow_diagram

VERDICT_COLOURS = {"indicated": "#b3261e", "insufficient_evidence": "#8a5a00",
                   "not_indicated": "#4d6b53"}
TIMELINE_COLOUR = "#1f6fb2"
FLOW_COLOUR = "#6b46a8"
QUOTES_PER_INDICATOR = 3
MONTHLY_UP_TO = 48  # months spanned beyond which the timeline counts years
_STATUS_RANK = {"confirmed": 0, "corrected": 1, "machine": 2}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class QuoteView:
    quote: str
    document: str
    lang: str
    date: str
    confidence: float
    status: str


@dataclass(frozen=True, slots=True)
class IndicatorQuotes:
    style: IndicatorStyle
    documents: int
    quotes: tuple[QuoteView, ...]


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    title: str
    date: str
    lang: str
    verdict: str
    verdict_label: str
    verdict_short: str
    indicators: tuple[IndicatorStyle, ...]
    duplicate_of: str | None


@dataclass(slots=True)
class CorpusView:
    title: str
    documents: int
    sources: int
    indicated: int
    languages: list[tuple[str, int]]
    verdict_chart: Markup
    indicator_chart: Markup | None
    timeline_chart: Markup | None
    timeline_note: str
    flow_chart: Markup | None
    flows: list[Flow]
    flow_note: str
    quotes: list[IndicatorQuotes]
    duplicates: list[tuple[str, str]]  # (duplicate, original) as titles
    rows: list[DocumentRow]


def corpus_view(records: Sequence[Record], title: str = "Corpus report") -> CorpusView:
    duplicates = duplicate_map(records)
    independent = [r for r in records if r["id"] not in duplicates]
    names = {r["id"]: _name(r) for r in records}
    verdicts = Counter(str(r["assessment"].get("forced_labour")) for r in independent)
    by_indicator = _documents_per_indicator(independent)
    flows, flow_note = _flows(independent)
    timeline_chart, timeline_note = _timeline(independent)
    return CorpusView(
        title=title,
        documents=len(records),
        sources=len(independent),
        indicated=verdicts["indicated"],
        languages=[(wording.language_name(lang), n) for lang, n in Counter(
            str(r.get("lang") or "und") for r in independent).most_common()],
        verdict_chart=bar_chart(
            [Bar(wording.VERDICTS[v], verdicts[v], VERDICT_COLOURS[v], str(verdicts[v]))
             for v in wording.VERDICTS],
            chart_id="chart-verdicts", title="Verdicts over independent sources",
            description="; ".join(f"{label}: {verdicts[v]}"
                                  for v, label in wording.VERDICTS.items())),
        indicator_chart=_indicator_chart(by_indicator, len(independent)),
        timeline_chart=timeline_chart,
        timeline_note=timeline_note,
        flow_chart=flow_diagram(
            flows, chart_id="chart-flows", title="From where workers come to where they work",
            description="; ".join(f"{f.origin} to {f.destination}: {f.count}" for f in flows),
            colour=FLOW_COLOUR) if flows else None,
        flows=flows,
        flow_note=flow_note,
        quotes=_strongest_quotes(independent, by_indicator),
        duplicates=[(names[d], names[o]) for d, o in duplicates.items()],
        rows=[_row(r, names.get(duplicates.get(r["id"], ""))) for r in records],
    )


def _name(record: Record) -> str:
    return str(record.get("title") or record["id"])


def _active(record: Record) -> list[dict[str, Any]]:
    return [f for f in record["findings"] if finding_status(f) != "rejected"]


def _documents_per_indicator(records: Sequence[Record]) -> Counter[str]:
    return Counter(i for r in records for i in {f["indicator"] for f in _active(r)})


def _indicator_chart(by_indicator: Counter[str], sources: int) -> Markup | None:
    if not by_indicator:
        return None
    ranked = sorted(by_indicator.items(), key=lambda kv: (-kv[1], kv[0]))
    bars = [Bar(indicator_style(i).label, n, indicator_style(i).strong,
                f"{n} ({round(100 * n / sources)}%)") for i, n in ranked]
    return bar_chart(bars, chart_id="chart-indicators",
                     title="Indicators: independent sources that show each",
                     description="; ".join(f"{b.label}: {b.shown}" for b in bars))


def period_of(date: object) -> tuple[int, int | None] | None:
    """(year, month or None) of a date written 2023-10-09, 2023/10, 2023 or 09.10.2023."""
    if not isinstance(date, str):
        return None
    match = re.match(r"\s*(\d{4})(?:[-/.](\d{1,2}))?", date)
    if match:
        year, month = int(match[1]), int(match[2]) if match[2] else None
    else:
        match = re.match(r"\s*\d{1,2}[./](\d{1,2})[./](\d{4})\b", date)
        if not match:
            return None
        year, month = int(match[2]), int(match[1])
    if not 1800 <= year <= 2200:
        return None
    return year, month if month is not None and 1 <= month <= 12 else None


def _timeline(records: Sequence[Record]) -> tuple[Markup | None, str]:
    periods = [p for p in (period_of(r.get("date")) for r in records) if p is not None]
    undated = len(records) - len(periods)
    note = f"{undated} source(s) without a usable date are not shown." if undated else ""
    if not periods:
        return None, note
    first, last = min(periods, key=_month_index), max(periods, key=_month_index)
    monthly = (all(m is not None for _, m in periods)
               and _month_index(last) - _month_index(first) < MONTHLY_UP_TO)
    if monthly:
        counts = Counter(_month_index(p) for p in periods)
        keys = range(_month_index(first), _month_index(last) + 1)
        labels = {k: f"{_MONTHS[k % 12]} {k // 12}" for k in keys}
    else:
        counts = Counter(year for year, _ in periods)
        keys = range(first[0], last[0] + 1)
        labels = {k: str(k) for k in keys}
    bars = [Bar(labels[k], counts[k], TIMELINE_COLOUR, _plural(counts[k], "source"))
            for k in keys]
    chart = column_chart(
        bars, chart_id="chart-timeline", colour=TIMELINE_COLOUR, unit="sources",
        title=f"Sources per {'month' if monthly else 'year'}, {labels[keys[0]]} to "
              f"{labels[keys[-1]]}",
        description="; ".join(f"{b.label}: {b.shown}" for b in bars if b.value))
    return chart, note


def _month_index(period: tuple[int, int | None]) -> int:
    year, month = period
    return year * 12 + ((month or 1) - 1)


def _plural(count: float, noun: str) -> str:
    return f"{wording.number(count)} {noun}{'' if count == 1 else 's'}"


def _flows(records: Sequence[Record]) -> tuple[list[Flow], str]:
    pairs: Counter[tuple[str, str]] = Counter()
    one_sided = 0
    for record in records:
        ends: dict[str, set[str]] = {"origin": set(), "destination": set()}
        for m in record.get("mentions", []):
            if isinstance(m, dict) and m.get("kind") == "country" and m.get("role") in ends:
                ends[m["role"]].add(str(m["key"]).upper())
        found = {(o, d) for o in ends["origin"] for d in ends["destination"] if o != d}
        pairs.update(found)
        if not found and (ends["origin"] or ends["destination"]):
            one_sided += 1
    flows = sorted((Flow(wording.country(o), wording.country(d), n) for (o, d), n in pairs.items()),
                   key=lambda f: (-f.count, f.origin, f.destination))
    note = (f"{_plural(one_sided, 'source')} name only an origin or only a destination."
            if one_sided else "")
    return flows, note


def _strongest_quotes(records: Sequence[Record],
                      by_indicator: Counter[str]) -> list[IndicatorQuotes]:
    out = []
    for indicator, documents in sorted(by_indicator.items(), key=lambda kv: (-kv[1], kv[0])):
        best: dict[str, tuple[tuple[int, float], QuoteView]] = {}
        for record in records:
            for f in _active(record):
                if f["indicator"] != indicator:
                    continue
                status = finding_status(f)
                rank = (_STATUS_RANK.get(status, 3), -float(f.get("confidence", 0)))
                if record["id"] not in best or rank < best[record["id"]][0]:
                    best[record["id"]] = (rank, QuoteView(
                        " ".join(f["quote"].split()), _name(record),
                        str(record.get("lang") or "und"), str(record.get("date") or ""),
                        float(f.get("confidence", 0)), status))
        ranked = sorted(best.values(), key=lambda item: item[0])
        out.append(IndicatorQuotes(indicator_style(indicator), documents,
                                   tuple(q for _, q in ranked[:QUOTES_PER_INDICATOR])))
    return out


def _row(record: Record, original: str | None) -> DocumentRow:
    verdict = str(record["assessment"].get("forced_labour"))
    indicators = sorted({f["indicator"] for f in _active(record)})
    return DocumentRow(
        record["id"], _name(record), str(record.get("date") or ""),
        str(record.get("lang") or "und"), verdict, wording.label(wording.VERDICTS, verdict),
        wording.label(wording.VERDICTS_SHORT, verdict),
        tuple(indicator_style(i) for i in indicators), original)
