"""How the reports word the engine's identifiers: verdicts, fact kinds, figures, units."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

VERDICTS = {
    "indicated": "Forced labour indicated",
    "insufficient_evidence": "Insufficient evidence",
    "not_indicated": "Forced labour not indicated",
}

VERDICTS_SHORT = {
    "indicated": "Indicated",
    "insufficient_evidence": "Insufficient evidence",
    "not_indicated": "Not indicated",
}

VERDICT_NOTES = {
    "indicated": "Involuntariness and coercion both have evidence (ICLS 2018).",
    "insufficient_evidence": "Only one of involuntariness and coercion has evidence: the ICLS "
                             "2018 definition is not met on this text.",
    "not_indicated": "No indicator of forced labour was found.",
}

DIMENSIONS = {"involuntariness": "Involuntariness", "coercion": "Coercion"}

CONDITIONS = {
    "very_low_or_no_wages": "Very low or no wages",
    "no_freedom_to_leave": "No freedom to leave",
}

FACT_KINDS = {
    "work_hours_per_day": "Working hours a day",
    "work_hours_per_week": "Working hours a week",
    "work_days_per_week": "Working days a week",
    "rest_days_per_year": "Rest days a year",
    "wage": "Wage",
    "peer_wage": "Wage of comparable workers",
    "wage_share_withheld": "Share of pay withheld",
    "penalty_days_wage": "Penalty in days of wages",
    "recruitment_fee": "Recruitment fee",
    "worker_count": "Workers",
    "revenue": "Revenue",
    "contract_duration": "Contract length",
}

FIGURES = {
    "hours_per_week": "Hours worked a week",
    "rest_days_per_week": "Rest days a week",
    "rest_days_per_year": "Rest days a year",
    "effective_hourly_wage": "Effective hourly wage",
    "wage_to_peer_wage": "Wage against comparable workers' wage",
    "share_of_wage_withheld": "Share of pay withheld",
}

MENTION_KINDS = {
    "country": "Countries",
    "city": "Cities",
    "organisation": "Organisations",
    "sector": "Sectors",
}

ROLES = {
    "origin": "origin",
    "destination": "destination",
    "employer": "employer",
    "state_body": "state body",
}

STATUSES = {
    "machine": "found by the engine",
    "confirmed": "confirmed by a reviewer",
    "rejected": "rejected by a reviewer",
    "corrected": "corrected by a reviewer",
}

_PERIODS = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month",
            "year": "a year"}

# Right-to-left scripts among the languages a text may come in (facts are read in any).
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"})


def label(table: dict[str, str], key: str) -> str:
    """The wording of `key`, or the key itself made readable when the table lacks it."""
    return table.get(key, key.replace("_", " ").capitalize())


def number(value: float) -> str:
    """12, 1,200, 4.8, 0.33: thousands separated, at most two decimals, no trailing zeros."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_SINGULAR = {"hours": "hour", "days": "day", "persons": "person", "years": "year",
             "months": "month", "weeks": "week"}


def unit(unit_code: str, value: float | None = None) -> str:
    """'EUR/month' -> 'EUR a month'; 'days' -> 'day' for a value of 1."""
    currency, _, period = unit_code.partition("/")
    if period:
        return f"{currency} {_PERIODS.get(period, 'per ' + period)}"
    return _SINGULAR.get(unit_code, unit_code) if value == 1 else unit_code


def is_money(unit_code: str) -> bool:
    """ISO 4217 codes, alone or per period ('EUR', 'USD/month')."""
    return bool(re.fullmatch(r"[A-Z]{3}(/\w+)?", unit_code))


def amount(value: float, unit_code: str) -> str:
    """A number as its unit wants it: money with cents when it has any."""
    if is_money(unit_code) and not float(value).is_integer():
        return f"{value:,.2f}"
    return number(value)


def fact_value(fact: dict[str, Any]) -> str:
    """A fact's value with its unit, as a reader would write it."""
    if fact.get("unit") == "fraction":
        return _percent(fact)
    code = str(fact.get("unit", ""))
    if "value" in fact and fact["value"] is not None:
        shown, one = amount(fact["value"], code), fact["value"]
    else:
        shown, one = f"{amount(fact['low'], code)}–{amount(fact['high'], code)}", None
    return f"{shown} {unit(code, one)}".strip()


def _percent(fact: dict[str, Any]) -> str:
    if "value" in fact and fact["value"] is not None:
        return f"{number(fact['value'] * 100)}%"
    return f"{number(fact['low'] * 100)}–{number(fact['high'] * 100)}%"


def figure_value(value: float, unit_code: str) -> str:
    if unit_code == "fraction":
        return f"{number(value * 100)}%"
    if unit_code == "ratio":
        return f"{number(value)}×"
    return f"{amount(value, unit_code)} {unit(unit_code, value)}"


@cache
def _english() -> Any:
    from babel import Locale  # CLDR names; imported when a report needs them

    return Locale("en")


def country(code: str) -> str:
    """The English name of an ISO 3166-1 alpha-2 code (CLDR data), or the code itself."""
    name = _english().territories.get(code.upper())
    return str(name) if name else code


def language_name(code: str) -> str:
    """'de' -> 'German (de)'; an unknown code as it is."""
    name = _english().languages.get(code.split("-")[0]) if code else None
    return f"{name} ({code})" if name else code


def readable(line: str, names: dict[str, str]) -> str:
    """An engine sentence with its identifiers ('debt_bondage') replaced by their names."""
    def name(match: re.Match[str]) -> str:
        word = match[0]
        found = names.get(word)
        return found if found is not None else word

    return re.sub(r"\b[a-z]+(?:_[a-z]+)*\b", name, line)


@cache
def _sector_labels() -> dict[str, str]:
    from unfree.data import load_data

    try:
        sectors = load_data("sectors.yaml").get("sectors", {})
    except FileNotFoundError:  # the entities stage's data; reports work without it
        return {}
    return {key: str(entry.get("label", key)) for key, entry in sectors.items()}


def sector(key: str) -> str:
    """A sector id of `unfree/data/sectors.yaml` as its label."""
    return _sector_labels().get(key) or key.replace("_", " ").capitalize()
