"""Names of countries and cities, and the sector table, from the field's data and ours.

Countries: CLDR's territory names in each language (babel), ISO 3166's official and common
names with their translations (pycountry, iso-codes), then what neither has, from YAML: the
aliases of `unfree/data/places.yaml` (acronyms written alike in every language) and each
language's `countries` in `unfree/lang/<code>/entities.yaml` (short forms, older names). Keys
are ISO 3166-1 alpha-2 codes; CLDR's regions and pseudo-territories (EU, UN, 001, ...) are
left out.

Cities: `unfree/data/cities.json`, written by `tools/build_cities.py` from GeoNames.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from unfree.data import load_data, load_yaml

_PARENS = re.compile(r"\s*\(([^()]*)\)\s*")
_COMBINING_ACUTE = "\u0301"


class EntityDataError(ValueError):
    """An entities data file that does not follow the format; the message names the file."""


@cache
def lang_data(lang: str) -> dict[str, Any] | None:
    """A language's `entities.yaml`, parsed once; None when the language has none."""
    path = resources.files("unfree.lang").joinpath(lang, "entities.yaml")
    if not path.is_file():
        return None
    data = load_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise EntityDataError(f"{path}: expected a mapping at the top level")
    return data


def _clean(name: str) -> list[str]:
    """CLDR/ISO display names as texts write them: "Myanmar (Burma)" is "Myanmar" and
    "Burma", "Congo - Kinshasa" is "Congo-Kinshasa", "Trinidad & Tobago" also "... and ..."."""
    name = name.replace(_COMBINING_ACUTE, "").replace(" - ", "-").strip()
    inner = [m.group(1).strip() for m in _PARENS.finditer(name)]
    outer = " ".join(_PARENS.sub(" ", name).split())
    out = [outer] if outer else []
    # "(Burma)" is another name; "(SAR)", "(China)", "(США)" or "(partie néerlandaise)" are not.
    out.extend(word for word in inner if " " not in word and not word.isupper())
    if " & " in outer:
        out.append(outer.replace(" & ", " and "))
    return out


@cache
def _iso_codes() -> frozenset[str]:
    import pycountry  # imported here: its database is read only when a lexicon is built

    return frozenset(c.alpha_2 for c in pycountry.countries)


def _babel_names(lang: str) -> dict[str, list[str]]:
    from babel import Locale

    iso = _iso_codes()
    out: dict[str, list[str]] = {}
    for code, name in Locale.parse(lang).territories.items():
        if code in iso:
            out.setdefault(code, []).extend(_clean(name))
    return out


def _iso_names(lang: str) -> dict[str, list[str]]:
    import gettext

    import pycountry

    translate = (gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                     fallback=True).gettext if lang != "en" else str)
    out: dict[str, list[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            name = translate(value)
            # "Korea, Republic of" is an index form, and an untranslated English name in a
            # language that has a translation catalogue adds nothing a text would write.
            if ", " in name or (lang != "en" and name == value and attr != "common_name"):
                continue
            out.setdefault(country.alpha_2, []).extend(_clean(name))
    return out


@cache
def country_names(lang: str) -> dict[str, tuple[str, ...]]:
    """ISO code -> every name of that country a text in `lang` may use (no demonyms)."""
    merged: dict[str, list[str]] = {}
    for source in (_babel_names(lang), _iso_names(lang)):
        for code, names in source.items():
            merged.setdefault(code, []).extend(names)
    places = load_data("places.yaml")
    for code, names in (places.get("country_aliases") or {}).items():
        merged.setdefault(code, []).extend(names)
    data = lang_data(lang) or {}
    for code, names in (data.get("countries") or {}).items():
        if code not in _iso_codes():
            raise EntityDataError(f"unfree/lang/{lang}/entities.yaml: '{code}' is not an "
                                  "ISO 3166-1 alpha-2 code")
        merged.setdefault(code, []).extend(str(n) for n in names)
    dropped = {str(n).casefold() for n in data.get("not_names") or ()}
    return {code: tuple(dict.fromkeys(n for n in names if n.casefold() not in dropped))
            for code, names in sorted(merged.items())}


@dataclass(frozen=True, slots=True)
class City:
    name: str  # GeoNames' (English) name: the mentions' key
    country: str  # ISO 3166-1 alpha-2
    names: tuple[str, ...]  # every name, the key first


@cache
def cities() -> tuple[City, ...]:
    """The gazetteer's cities (`unfree/data/cities.json`)."""
    text = resources.files("unfree.data").joinpath("cities.json").read_text("utf-8")
    rows = json.loads(text)["cities"]
    return tuple(City(r["name"], r["country"], (r["name"], *(str(n) for n in r["names"])))
                 for r in rows)


@cache
def ambiguous_cities() -> frozenset[str]:
    return frozenset(str(n) for n in load_data("places.yaml").get("ambiguous_cities") or ())


@cache
def sector_table() -> dict[str, dict[str, Any]]:
    """Sector id -> label, ISIC Rev. 4 reference and ILO instrument (`sectors.yaml`)."""
    table: dict[str, dict[str, Any]] = load_data("sectors.yaml")["sectors"]
    return table
