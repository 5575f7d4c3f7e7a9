"""Assess: from findings and facts to the ICLS 2018 verdict and derived figures.

Forced labour is *indicated* when involuntariness and coercion both have evidence, from
different findings: involuntariness from an indicator of that dimension or from an ICLS
condition a coercion indicator shows ("very low or no wages" when most pay is withheld, "no
freedom to leave"); *insufficient_evidence* when only one has; *not_indicated* when none
has. The engine treats the workers of one document as the same workers: a limitation stated
in docs/design.md.

Derived figures compare facts with the ILO norms of `unfree/data/norms.yaml`; each one cites
the indices (in the document's `facts` list) of the facts it was computed from.
"""

from __future__ import annotations

from typing import Any

from unfree.indicators import condition_table, indicator_dimensions, load_norms
from unfree.model import Fact, Finding

DIMENSIONS = ("involuntariness", "coercion")


def assess(findings: list[Finding], facts: list[Fact]) -> dict[str, Any]:
    dims = indicator_dimensions()
    indicators: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(findings):
        entry = indicators.setdefault(
            f.indicator, {"dimension": dims[f.indicator], "findings": [], "confidence": 0.0}
        )
        entry["findings"].append(i)
        # Independent pieces of evidence make an indicator surer: 1 - prod(1 - c).
        entry["confidence"] = round(1 - (1 - entry["confidence"]) * (1 - f.confidence), 3)
    by_dimension = {
        d: sorted(k for k, v in indicators.items() if v["dimension"] == d) for d in DIMENSIONS
    }
    derived = derive_figures(facts)
    conditions = _involuntariness_conditions(indicators, facts, derived)
    involuntary = {i for k in by_dimension["involuntariness"] for i in indicators[k]["findings"]}
    involuntary |= {i for c in conditions for i in c["findings"]}
    coercive = {i for k in by_dimension["coercion"] for i in indicators[k]["findings"]}
    if involuntary and coercive and (involuntary | coercive) != (involuntary & coercive):
        verdict = "indicated"  # both conditions, and not only from one and the same finding
    elif involuntary or coercive:
        verdict = "insufficient_evidence"
    else:
        verdict = "not_indicated"
    return {
        "forced_labour": verdict,
        "dimensions": by_dimension,
        "involuntariness_conditions": conditions,
        "indicators": dict(sorted(indicators.items())),
        "derived": derived,
        "reasoning": _reasoning(verdict, by_dimension, conditions, derived),
    }


def _involuntariness_conditions(indicators: dict[str, dict[str, Any]], facts: list[Fact],
                                derived: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ICLS involuntariness conditions evidenced by coercion-dimension findings."""
    out: list[dict[str, Any]] = []
    for name, cond in condition_table().items():
        entry = indicators.get(cond["indicator"])
        if entry is None:
            continue
        cites: list[int] = []
        if "min_share_withheld" in cond:
            cites = [i for i, f in enumerate(facts) if f.kind == "wage_share_withheld"
                     and f.central >= cond["min_share_withheld"]]
            cites += [i for fig in derived if fig["name"] == "wage_to_peer_wage"
                      and fig["value"] <= cond["max_ratio_to_peer_wage"] for i in fig["facts"]]
            if not cites:
                continue
        out.append({"condition": name, "findings": entry["findings"],
                    "facts": sorted(set(cites))})
    return out


def _reasoning(verdict: str, by_dimension: dict[str, list[str]],
               conditions: list[dict[str, Any]], derived: list[dict[str, Any]]) -> list[str]:
    lines = []
    for d in DIMENSIONS:
        names = ", ".join(by_dimension[d]) or "none"
        lines.append(f"{d}: {names}")
    for c in conditions:
        lines.append(f"involuntariness also shown by {c['condition'].replace('_', ' ')}")
    if verdict == "indicated":
        lines.append("Both ICLS conditions have evidence: forced labour is indicated.")
    elif verdict == "insufficient_evidence":
        lines.append("Only one ICLS condition (involuntariness or coercion) has evidence: "
                     "the definition is not met on this text.")
    else:
        lines.append("No indicator of forced labour was found.")
    for fig in derived:
        if fig.get("exceeds_norm"):
            lines.append(f"{fig['name']} = {fig['value']:g} {fig['unit']} against the norm of "
                         f"{fig['norm']:g} ({fig['norm_source']}).")
    return lines


def _first(facts: list[Fact], kind: str) -> tuple[int, Fact] | None:
    return next(((i, f) for i, f in enumerate(facts) if f.kind == kind), None)


def _period(unit: str) -> tuple[str, str]:
    currency, _, period = unit.partition("/")
    return currency, period


def derive_figures(facts: list[Fact]) -> list[dict[str, Any]]:
    """Hours per week, rest days, effective hourly wage, peer ratio and share withheld."""
    norms = load_norms()
    out: list[dict[str, Any]] = []
    hours = _first(facts, "work_hours_per_day")
    days = _first(facts, "work_days_per_week")
    rest_year = _first(facts, "rest_days_per_year")
    days_value: float | None = days[1].central if days else None
    day_cites = [days[0]] if days else []
    if days_value is None and rest_year is not None and rest_year[1].central < 52:
        # One day off a year is a seven-day week.
        days_value, day_cites = 7.0, [rest_year[0]]
    # Hours a week: hours a day times days a week, or else as the text states them.
    week: tuple[float, list[int]] | None = None
    stated = _first(facts, "work_hours_per_week")
    if hours is not None and days_value is not None:
        week = hours[1].central * days_value, [hours[0], *day_cites]
    elif stated is not None:
        week = stated[1].central, [stated[0]]
    if week is not None:
        out.append(_figure("hours_per_week", week[0], "hours", norms["hours_per_week"],
                           week[1]))
    if days_value is not None:
        norm = norms["rest_days_per_week"]
        rest = 7 - days_value
        out.append(_figure("rest_days_per_week", rest, "days", norm, day_cites, below=True))
    if rest_year is not None:
        norm = norms["rest_days_per_year"]
        out.append(_figure("rest_days_per_year", rest_year[1].central, "days", norm,
                           [rest_year[0]], below=True))
    wage = _first(facts, "wage")
    if wage is not None:
        currency, period = _period(wage[1].unit)
        hourly = _hourly(wage[1].central, period, hours, week, norms["weeks_per_month"])
        if hourly is not None:
            value, used = hourly
            out.append({"name": "effective_hourly_wage", "value": round(value, 2),
                        "unit": f"{currency}/hour", "facts": sorted({wage[0], *used})})
        peer = next(((i, f) for i, f in enumerate(facts)
                     if f.kind == "peer_wage" and f.unit == wage[1].unit), None)
        if peer is not None and peer[1].central:
            out.append({"name": "wage_to_peer_wage", "value": round(wage[1].central /
                                                                    peer[1].central, 3),
                        "unit": "ratio", "facts": [wage[0], peer[0]]})
    share = _first(facts, "wage_share_withheld")
    if share is not None:
        out.append({"name": "share_of_wage_withheld", "value": share[1].central,
                    "unit": "fraction", "facts": [share[0]]})
    return out


def _hourly(amount: float, period: str, hours: tuple[int, Fact] | None,
            week: tuple[float, list[int]] | None, weeks_per_month: float
            ) -> tuple[float, list[int]] | None:
    """The pay of an hour, from pay per `period`, and the facts of working time it used."""
    if period == "hour":
        return amount, []
    if period == "day":
        return (amount / hours[1].central, [hours[0]]) if hours is not None else None
    weeks = {"week": 1.0, "month": weeks_per_month, "year": weeks_per_month * 12}.get(period)
    if week is None or weeks is None:
        return None
    return amount / (week[0] * weeks), week[1]


def _figure(name: str, value: float, unit: str, norm: dict[str, Any], cites: list[int],
            below: bool = False) -> dict[str, Any]:
    exceeds = value < norm["value"] if below else value > norm["value"]
    return {"name": name, "value": value, "unit": unit, "norm": norm["value"],
            "norm_source": norm["source"], "exceeds_norm": exceeds,
            "ratio_to_norm": round(value / norm["value"], 3) if norm["value"] else None,
            "facts": sorted(set(cites))}
