"""Charts as inline SVG, built in Python: no script, no web font, nothing fetched.

Elements are built with ElementTree, which escapes every label, so text from documents
(a country name, a title) can never become markup. Horizontal positions are percentages of
the chart's width and text keeps its pixel size, so a chart fits a 390px phone without its
labels shrinking. Each chart is `role="img"` with a `<title>` and `<desc>`, and every bar
has its own `<title>` (a tooltip, and what a screen reader reads).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

_SVG_NS = "http://www.w3.org/2000/svg"
TRACK = "#eceef1"
AXIS = "#5f6368"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: what it counts, how much, its colour and the value as shown."""

    label: str
    value: float
    colour: str
    shown: str  # the value as text, e.g. "12" or "112 hours"


@dataclass(frozen=True, slots=True)
class Flow:
    """Documents that name `origin` as where workers come from and `destination` as where
    they work."""

    origin: str
    destination: str
    count: int


def _chart(chart_id: str, title: str, description: str, height: float, kind: str) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": _SVG_NS, "class": f"chart chart-{kind}", "width": "100%",
        "height": _num(height), "role": "img",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "id": chart_id,
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    return svg


def _markup(svg: ET.Element) -> Markup:
    # ElementTree escapes text and attribute values; the result is safe to insert as is.
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _share(value: float, largest: float) -> float:
    """Percentage of the width for `value`; a non-zero value stays visible."""
    if largest <= 0 or value <= 0:
        return 0.0
    return max(value / largest * 100, 0.6)


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, description: str,
              scale_to: float | None = None) -> Markup:
    """Horizontal bars, one per item, each with its label above it and value at the right."""
    label_line, bar_height, gap = 20.0, 14.0, 12.0
    row = label_line + bar_height + gap
    svg = _chart(chart_id, title, description, max(row * len(bars), row), "bars")
    largest = scale_to if scale_to is not None else max((b.value for b in bars), default=0.0)
    for index, bar in enumerate(bars):
        top = index * row
        group = ET.SubElement(svg, "g", {"class": "row"})
        ET.SubElement(group, "text", {"x": "0", "y": _num(top + 15), "class": "label"}
                      ).text = bar.label
        ET.SubElement(group, "text", {"x": "100%", "y": _num(top + 15), "class": "value",
                                      "text-anchor": "end"}).text = bar.shown
        ET.SubElement(group, "rect", {"x": "0", "y": _num(top + label_line), "width": "100%",
                                      "height": _num(bar_height), "fill": TRACK, "rx": "2",
                                      "class": "track"})
        rect = ET.SubElement(group, "rect", {
            "x": "0", "y": _num(top + label_line), "width": f"{_num(_share(bar.value, largest))}%",
            "height": _num(bar_height), "fill": bar.colour, "rx": "2", "class": "bar",
            "data-value": _num(bar.value)})
        ET.SubElement(rect, "title").text = f"{bar.label}: {bar.shown}"
    return _markup(svg)


def column_chart(bars: Sequence[Bar], *, chart_id: str, title: str, description: str,
                 colour: str, unit: str) -> Markup:
    """Vertical columns in order (a timeline); a few labels under the axis, first and last
    always, so that they never collide."""
    plot, top, axis_labels = 150.0, 22.0, 24.0
    svg = _chart(chart_id, title, description, top + plot + axis_labels, "columns")
    largest = max((b.value for b in bars), default=0.0)
    base = top + plot
    ET.SubElement(svg, "line", {"x1": "0", "x2": "100%", "y1": _num(top), "y2": _num(top),
                                "stroke": TRACK, "stroke-width": "1", "class": "grid"})
    ET.SubElement(svg, "text", {"x": "0", "y": _num(top - 7), "class": "axis"}
                  ).text = f"{_num(largest)} {unit}"
    ET.SubElement(svg, "line", {"x1": "0", "x2": "100%", "y1": _num(base), "y2": _num(base),
                                "stroke": AXIS, "stroke-width": "1", "class": "baseline"})
    count = max(len(bars), 1)
    slot = 100 / count
    for index, bar in enumerate(bars):
        height = plot * bar.value / largest if largest else 0.0
        rect = ET.SubElement(svg, "rect", {
            "x": f"{_num(index * slot + slot * 0.12)}%", "y": _num(base - height),
            "width": f"{_num(slot * 0.76)}%", "height": _num(height), "fill": colour,
            "class": "bar", "data-value": _num(bar.value)})
        ET.SubElement(rect, "title").text = f"{bar.label}: {bar.shown}"
    for index in _label_positions(len(bars)):
        anchor = "start" if index == 0 else "end" if index == len(bars) - 1 else "middle"
        x = {"start": index * slot, "end": (index + 1) * slot, "middle": (index + 0.5) * slot}
        ET.SubElement(svg, "text", {"x": f"{_num(x[anchor])}%", "y": _num(base + 17),
                                    "text-anchor": anchor, "class": "axis"}
                      ).text = bars[index].label
    return _markup(svg)


def _label_positions(count: int, most: int = 4) -> list[int]:
    if count <= most:
        return list(range(count))
    step = (count - 1) / (most - 1)
    return sorted({round(i * step) for i in range(most)})


def flow_diagram(flows: Sequence[Flow], *, chart_id: str, title: str, description: str,
                 colour: str) -> Markup:
    """Origins on the left, destinations on the right, one band per pair, as wide as the
    number of documents that name it."""
    destinations = _ranked(flows, lambda f: f.destination)
    # Origins follow the destination they send most to, so that few bands cross.
    main = {f.origin: destinations.index(f.destination)
            for f in sorted(flows, key=lambda f: f.count)}
    origins = sorted(_ranked(flows, lambda f: f.origin), key=lambda name: main[name])
    row, pad = 34.0, 6.0
    height = row * max(len(origins), len(destinations), 1) + 2 * pad
    svg = _chart(chart_id, title, description, height, "flows")
    largest = max((f.count for f in flows), default=1)

    def centre(names: list[str], name: str) -> float:
        # Each column is centred vertically, so a short column faces the middle of a long one.
        offset = (height - 2 * pad - row * len(names)) / 2
        return pad + offset + row * names.index(name) + row / 2

    links = ET.SubElement(svg, "svg", {"x": "31%", "y": "0", "width": "38%",
                                       "height": _num(height), "class": "links",
                                       "viewBox": f"0 0 100 {_num(height)}",
                                       "preserveAspectRatio": "none"})
    for flow in flows:
        y1, y2 = centre(origins, flow.origin), centre(destinations, flow.destination)
        path = ET.SubElement(links, "path", {
            "d": f"M0 {_num(y1)} C50 {_num(y1)} 50 {_num(y2)} 100 {_num(y2)}",
            "fill": "none", "stroke": colour, "stroke-opacity": "0.55",
            "stroke-width": _num(2 + 12 * flow.count / largest),
            "vector-effect": "non-scaling-stroke", "class": "flow",
            "data-value": str(flow.count)})
        ET.SubElement(path, "title").text = (
            f"{flow.origin} → {flow.destination}: {flow.count} "
            f"document{'s' if flow.count != 1 else ''}")
    for names, x_node, x_text, anchor in ((origins, "29.5%", "28.5%", "end"),
                                          (destinations, "69%", "71.5%", "start")):
        for name in names:
            y = centre(names, name)
            ET.SubElement(svg, "rect", {"x": x_node, "y": _num(y - 11), "width": "1.5%",
                                        "height": "22", "fill": AXIS, "class": "node"})
            text = ET.SubElement(svg, "text", {"x": x_text, "y": _num(y + 5),
                                               "text-anchor": anchor, "class": "label"})
            text.text = _clip(name, 15)
            if text.text != name:
                ET.SubElement(text, "title").text = name
    return _markup(svg)


def _ranked(flows: Sequence[Flow], key: Callable[[Flow], str]) -> list[str]:
    totals: dict[str, int] = {}
    for flow in flows:
        name = key(flow)
        totals[name] = totals.get(name, 0) + flow.count
    return sorted(totals, key=lambda name: (-totals[name], name))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def norm_comparison(rows: Sequence[Bar], *, chart_id: str, title: str,
                    description: str) -> Markup:
    """A small two-bar comparison (a figure from the text against its norm), same scale."""
    return bar_chart(rows, chart_id=chart_id, title=title, description=description)
