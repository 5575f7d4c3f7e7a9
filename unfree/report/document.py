"""The document report's content, worked out from one record for the template to lay out.

Everything here is plain data (strings, numbers, `Markup` only for charts built by
`unfree.report.svg`); the template escapes every string it prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from unfree.report import wording
from unfree.report.highlight import Run, Span, cut
from unfree.report.palette import IndicatorStyle, indicator_style, indicator_styles
from unfree.report.records import Record, finding_status
from unfree.report.svg import Bar, norm_comparison

NORM_COLOUR = "#5f6368"
WITHIN_COLOUR = "#1f6fb2"
BEYOND_COLOUR = "#b3261e"


@dataclass(frozen=True, slots=True)
class Evidence:
    """One finding as the report shows it; `number` is its place in the record, from 1."""

    number: int
    style: IndicatorStyle
    quote: str
    start: int
    end: int
    confidence: float
    rule: str
    status: str
    in_text: bool  # highlighted in the text (its offsets fit the text)


@dataclass(frozen=True, slots=True)
class IndicatorSummary:
    style: IndicatorStyle
    findings: int
    confidence: float | None


@dataclass(frozen=True, slots=True)
class RunView:
    """A stretch of the text; highlighted when findings cover it."""

    text: str
    numbers: str  # "1 3": the findings covering it
    indicators: tuple[IndicatorStyle, ...]
    ending: tuple[tuple[int, str], ...]  # (number, label) of findings ending here

    @property
    def title(self) -> str:
        return "; ".join(s.label for s in self.indicators)

    @property
    def css(self) -> str:
        """One tint fills the run; several share it in horizontal bands (overlap shows)."""
        if len(self.indicators) == 1:
            return f"background-color: {self.indicators[0].tint}"
        step = 100 / len(self.indicators)
        stops = ", ".join(f"{s.tint} {i * step:.0f}% {(i + 1) * step:.0f}%"
                          for i, s in enumerate(self.indicators))
        return f"background-image: linear-gradient(to bottom, {stops})"


@dataclass(frozen=True, slots=True)
class Figure:
    """A derived figure against its norm, with a small bar comparison when there is one."""

    name: str
    shown: str
    verdict: str  # a short phrase: "2.33× the norm", "below the norm", ""
    beyond: bool
    norm_source: str
    facts: tuple[int, ...]  # fact numbers, from 1
    chart: Markup | None


@dataclass(frozen=True, slots=True)
class FactView:
    number: int
    kind: str
    shown: str
    quote: str


@dataclass(frozen=True, slots=True)
class MentionView:
    name: str
    roles: tuple[str, ...]
    quotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MentionGroup:
    kind: str
    items: tuple[MentionView, ...]


@dataclass(frozen=True, slots=True)
class CommentView:
    text: str
    author: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class MetaItem:
    label: str
    value: str
    href: str | None = None


@dataclass(slots=True)
class DocumentView:
    anchor: str
    id: str
    title: str
    lang: str
    direction: str
    meta: list[MetaItem]
    verdict: str
    verdict_label: str
    verdict_note: str
    dimensions: list[tuple[str, list[IndicatorSummary]]]
    conditions: list[str]
    reasoning: list[str]
    figures: list[Figure]
    runs: list[RunView] | None
    text_note: str
    legend: list[IndicatorSummary]
    evidence: list[Evidence]
    rejected: int
    facts: list[FactView]
    mentions: list[MentionGroup]
    comments: list[CommentView] = field(default_factory=list)


def document_view(record: Record, position: int = 0) -> DocumentView:
    """Everything the document report shows about `record` (the `position`-th document)."""
    assessment: dict[str, Any] = record["assessment"]
    text = record.get("text")
    evidence = _evidence(record, text)
    active = [e for e in evidence if e.status != "rejected"]
    verdict = str(assessment.get("forced_labour", ""))
    confidences = {k: v.get("confidence") for k, v in assessment.get("indicators", {}).items()}
    counts: dict[str, int] = {}
    for item in active:
        counts[item.style.id] = counts.get(item.style.id, 0) + 1

    def summary(indicator: str) -> IndicatorSummary:
        return IndicatorSummary(indicator_style(indicator), counts.get(indicator, 0),
                                confidences.get(indicator))

    dimensions = [(wording.label(wording.DIMENSIONS, dim),
                   [summary(i) for i in assessment.get("dimensions", {}).get(dim, [])])
                  for dim in ("involuntariness", "coercion")]
    runs = None
    if isinstance(text, str):
        spans = [Span(e.number, e.style.id, e.start, e.end) for e in active if e.in_text]
        runs = [_run_view(run) for run in cut(text, spans)]
    lang = str(record.get("lang") or "und")
    return DocumentView(
        anchor=f"doc-{position + 1}",
        id=record["id"],
        title=str(record.get("title") or record["id"]),
        lang=lang,
        direction="rtl" if lang.split("-")[0] in wording.RTL_LANGUAGES else "auto",
        meta=_meta(record),
        verdict=verdict,
        verdict_label=wording.label(wording.VERDICTS, verdict),
        verdict_note=wording.VERDICT_NOTES.get(verdict, ""),
        dimensions=dimensions,
        conditions=[wording.label(wording.CONDITIONS, str(c.get("condition", "")))
                    for c in assessment.get("involuntariness_conditions", [])],
        reasoning=[wording.readable(str(line), _identifier_names())
                   for line in assessment.get("reasoning", [])],
        figures=[_figure(fig, f"doc-{position + 1}-fig-{i + 1}")
                 for i, fig in enumerate(assessment.get("derived", []))],
        runs=runs,
        text_note=_text_note(text, evidence),
        legend=[summary(i) for i in sorted(counts, key=lambda i: (-counts[i], i))],
        evidence=evidence,
        rejected=len(evidence) - len(active),
        facts=[FactView(i + 1, wording.label(wording.FACT_KINDS, str(f.get("kind", ""))),
                        wording.fact_value(f), str(f.get("quote", "")))
               for i, f in enumerate(record.get("facts", []))],
        mentions=_mentions(record.get("mentions", [])),
        comments=[CommentView(str(c.get("text", "")), c.get("author"), c.get("date"))
                  for c in record.get("comments", []) if isinstance(c, dict)],
    )


@cache
def _identifier_names() -> dict[str, str]:
    names = {key: style.label for key, style in indicator_styles().items()}
    names.update(wording.FIGURES)
    names.update({k: v.lower() for k, v in wording.CONDITIONS.items()})
    return names


def _evidence(record: Record, text: object) -> list[Evidence]:
    out = []
    for number, f in enumerate(record["findings"], start=1):
        fits = isinstance(text, str) and text[f["start"] : f["end"]] == f["quote"]
        out.append(Evidence(number, indicator_style(f["indicator"]), f["quote"], f["start"],
                            f["end"], float(f.get("confidence", 0.0)), str(f.get("rule", "")),
                            finding_status(f), fits))
    return out


def _run_view(run: Run) -> RunView:
    styles = tuple(indicator_style(i) for i in run.indicators)
    ending = tuple((s.number, indicator_style(s.indicator).label) for s in run.ending)
    return RunView(run.text, " ".join(map(str, run.numbers)), styles, ending)


def _text_note(text: object, evidence: list[Evidence]) -> str:
    if not isinstance(text, str):
        return ("The analysed text is not part of this record and its source could not be "
                "read again: the evidence is shown as quotes only.")
    misplaced = sum(1 for e in evidence if not e.in_text)
    if misplaced:
        return (f"{misplaced} finding(s) do not match the text at their offsets and are "
                "listed below without a highlight.")
    return ""


def _meta(record: Record) -> list[MetaItem]:
    items = [MetaItem("Document id", record["id"])]
    for key, name in (("source", "Source"), ("author", "Author"), ("date", "Date")):
        if record.get(key):
            items.append(MetaItem(name, str(record[key])))
    url = record.get("url")
    if isinstance(url, str) and url:
        # Only web addresses become links: a 'javascript:' URL stays inert text.
        safe = urlsplit(url).scheme.lower() in ("http", "https")
        items.append(MetaItem("Address", url, url if safe else None))
    items.append(MetaItem("Language", wording.language_name(str(record.get("lang") or "und"))))
    engine = record.get("engine")
    if isinstance(engine, dict) and engine.get("version"):
        items.append(MetaItem("Engine", f"{engine.get('name', 'unfree')} {engine['version']}"))
    if record.get("duplicate_of"):
        items.append(MetaItem("Near-duplicate of", str(record["duplicate_of"])))
    return items


def _figure(fig: dict[str, Any], chart_id: str) -> Figure:
    name = wording.label(wording.FIGURES, str(fig.get("name", "")))
    value = float(fig.get("value", 0))
    unit = str(fig.get("unit", ""))
    shown = wording.figure_value(value, unit)
    cites = tuple(i + 1 for i in fig.get("facts", []))
    if "norm" in fig:
        norm = float(fig["norm"])
        beyond = bool(fig.get("exceeds_norm"))
        norm_shown = wording.figure_value(norm, unit)
        if not beyond:
            verdict = "within the norm"
        elif value > norm:
            verdict = f"{wording.number(round(value / norm, 2))}× the norm" if norm else "above"
        else:
            verdict = "below the norm"
        chart = norm_comparison(
            [Bar("In this text", value, BEYOND_COLOUR if beyond else WITHIN_COLOUR, shown),
             Bar("ILO norm", norm, NORM_COLOUR, norm_shown)],
            chart_id=chart_id, title=f"{name}: {shown} against the ILO norm of {norm_shown}",
            description=f"{name} in this text is {shown}; the norm is {norm_shown} "
                        f"({fig.get('norm_source', '')}): {verdict}.")
        return Figure(name, shown, verdict, beyond, str(fig.get("norm_source", "")), cites,
                      chart)
    if unit == "ratio":
        chart = norm_comparison(
            [Bar("This wage", value, BEYOND_COLOUR if value < 1 else WITHIN_COLOUR, shown),
             Bar("Comparable workers", 1.0, NORM_COLOUR, "1×")],
            chart_id=chart_id, title=f"{name}: {shown}",
            description=f"The wage in this text is {shown} the wage of comparable workers.")
        return Figure(name, shown, f"{shown} the comparable wage", value < 1, "", cites, chart)
    if unit == "fraction":
        chart = norm_comparison(
            [Bar("Withheld", value, BEYOND_COLOUR, shown),
             Bar("Whole pay", 1.0, NORM_COLOUR, "100%")],
            chart_id=chart_id, title=f"{name}: {shown}",
            description=f"{shown} of the pay is withheld.")
        return Figure(name, shown, "", value > 0, "", cites, chart)
    return Figure(name, shown, "", False, "", cites, None)


def _mentions(mentions: list[Any]) -> list[MentionGroup]:
    grouped: dict[str, dict[str, tuple[list[str], list[str]]]] = {}
    for m in mentions:
        if not isinstance(m, dict) or not m.get("key"):
            continue
        kind = str(m.get("kind", ""))
        name = _mention_name(m)
        roles, quotes = grouped.setdefault(kind, {}).setdefault(name, ([], []))
        role = m.get("role")
        if role and wording.label(wording.ROLES, role) not in roles:
            roles.append(wording.label(wording.ROLES, role))
        quote = str(m.get("quote", ""))
        if quote and quote not in quotes:
            quotes.append(quote)
    order = [*wording.MENTION_KINDS, *sorted(set(grouped) - set(wording.MENTION_KINDS))]
    return [MentionGroup(wording.label(wording.MENTION_KINDS, kind),
                         tuple(MentionView(name, tuple(r), tuple(q))
                               for name, (r, q) in sorted(grouped[kind].items())))
            for kind in order if kind in grouped]


def _mention_name(mention: dict[str, Any]) -> str:
    key = str(mention["key"])
    kind = mention.get("kind")
    if kind == "country":
        return f"{wording.country(key)} ({key.upper()})"
    if kind == "city" and mention.get("country"):
        return f"{key} ({wording.country(str(mention['country']))})"
    if kind == "sector":
        return wording.sector(key)
    return key
