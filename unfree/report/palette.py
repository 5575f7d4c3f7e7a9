"""Indicator colours and labels shared by the highlighted text, the legends and the charts.

Each indicator has a *strong* colour (chart bars, legend swatches, underlines: at least 3:1
against white, WCAG 1.4.11 for graphics) and a *tint* (highlight background: body text on it
keeps at least 4.5:1, WCAG 1.4.3). `tests/test_report_html.py` checks both ratios.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from unfree.data import load_data

TEXT_COLOUR = "#1b1b1b"
FALLBACK = ("#5f6368", "#e4e5e7")  # an indicator this palette does not know yet

# Hues spread so that neighbours in a legend differ; dark enough to read as bars on white.
_COLOURS: dict[str, tuple[str, str]] = {
    "deception": ("#c0392b", "#f9d3cf"),
    "abusive_working_and_living_conditions": ("#7a6a00", "#f1e9a6"),
    "excessive_overtime": ("#b3407d", "#f7d4e7"),
    "abuse_of_vulnerability": ("#8a5a44", "#ecdcd2"),
    "restriction_of_movement": ("#1f6fb2", "#cfe2f5"),
    "isolation": ("#5c5f66", "#dfe1e5"),
    "physical_and_sexual_violence": ("#8e1b4f", "#efcfdd"),
    "intimidation_and_threats": ("#b35400", "#fbdcc0"),
    "retention_of_identity_documents": ("#1d7a35", "#cfeed6"),
    "withholding_of_wages": ("#6b46a8", "#e3d8f3"),
    "debt_bondage": ("#0b7480", "#c8ebee"),
}


@dataclass(frozen=True, slots=True)
class IndicatorStyle:
    """How one indicator is named and coloured in every report."""

    id: str
    label: str
    dimension: str
    description: str
    strong: str
    tint: str


@cache
def indicator_styles() -> dict[str, IndicatorStyle]:
    """Every indicator of `unfree/data/indicators.yaml`, in its order, with its colours."""
    table = load_data("indicators.yaml")["indicators"]
    return {
        key: IndicatorStyle(key, entry["name"], entry["dimension"], entry["description"],
                            *_COLOURS.get(key, FALLBACK))
        for key, entry in table.items()
    }


def indicator_style(indicator: str) -> IndicatorStyle:
    """The style of `indicator`, or a grey one named after its id when it is unknown."""
    known = indicator_styles().get(indicator)
    if known is not None:
        return known
    return IndicatorStyle(indicator, indicator.replace("_", " ").capitalize(), "unknown", "",
                          *FALLBACK)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
