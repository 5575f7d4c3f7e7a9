"""Analysis records for the export tests: documents written for these tests (people, firms
and places are invented) in seven languages, run through the real pipeline, then given what
the store would add: the text, a content hash, mentions, review statuses and a duplicate."""

from __future__ import annotations

import copy
import hashlib
from functools import cache
from typing import Any

from unfree.model import Document
from unfree.pipeline import analyze, to_dict

# (id, lang, title, url, text, mentions as (surface, kind, key, role, country))
DOCUMENTS: list[tuple[str, str, str | None, str | None, str, list[tuple[Any, ...]]]] = [
    ("en-1", "en", "Site worker's account", "https://news.example.invalid/doha-site",
     "Mira Tanaka left Nepal in March to work on a building site in Doha for Castor Build Ltd. "
     "The recruiter promised her 600 dollars a month, but the company took her passport on "
     "arrival and paid her only 150 dollars. She worked twelve hours a day, seven days a week, "
     "and the foreman threatened to report her to the police if she complained.",
     [("Nepal", "country", "NP", "origin", None),
      ("Doha", "city", "Doha", "destination", "QA"),
      ("Castor Build Ltd", "organisation", "Castor Build Ltd", "employer", "QA"),
      ("building site", "sector", "construction", None, None)]),
    ("nl-1", "nl", "Kassen bij Venlo", None,
     "De arbeiders uit Polen werkten in een kassenbedrijf bij Venlo. De werkgever hield hun "
     "paspoorten in zijn kluis en hield de helft van hun loon in voor huisvesting. Ze moesten "
     "zes dagen per week van zes uur 's ochtends tot negen uur 's avonds werken.",
     [("Polen", "country", "PL", "origin", None),
      ("Venlo", "city", "Venlo", "destination", "NL"),
      ("kassenbedrijf", "sector", "agriculture", None, None)]),
    ("de-1", "de", None, None,
     "Die Saisonarbeiter aus Rumänien mussten auf einem Spargelhof in Niedersachsen täglich "
     "vierzehn Stunden arbeiten. Der Vorarbeiter nahm ihnen die Ausweise ab und drohte, sie "
     "zu entlassen, wenn sie sich beschwerten.",
     [("Rumänien", "country", "RO", "origin", None),
      ("Spargelhof", "sector", "agriculture", None, None)]),
    ("fr-1", "fr", "Chantier lyonnais", "https://journal.example.invalid/lyon?id=7&x=<b>",
     "Les ouvriers venus du Mali travaillaient sur un chantier à Lyon. Le patron avait "
     "confisqué leurs passeports et ne les payait pas depuis trois mois\u202f! Ils dormaient à "
     "douze dans un conteneur sans eau. L'inspection du travail a ouvert une enquête.",
     [("Mali", "country", "ML", "origin", None),
      ("Lyon", "city", "Lyon", "destination", "FR"),
      ("L'inspection du travail", "organisation", "Labour Inspectorate of France",
       "state_body", "FR"),
      ("chantier", "sector", "construction", None, None)]),
    ("es-1", "es", None, None,
     "Las trabajadoras de Honduras cosechaban fresas en Huelva. El encargado les retuvo los "
     "pasaportes y les descontaba 300 euros al mes por un alojamiento sin agua potable.",
     [("Honduras", "country", "HN", "origin", None),
      ("Huelva", "city", "Huelva", "destination", "ES"),
      ("cosechaban fresas", "sector", "agriculture", None, None)]),
    ("ru-1", "ru", None, None,
     "Рабочих из Узбекистана привезли на стройку в Москве. Бригадир отобрал у них паспорта, и "
     "они работали по двенадцать часов в день без выходных.",
     [("Узбекистана", "country", "UZ", "origin", None),
      ("Москве", "city", "Moscow", "destination", "RU"),
      ("стройку", "sector", "construction", None, None)]),
    ("ko-1", "ko", None, None,
     "네팔에서 온 노동자들은 공장에서 하루 14시간 일했고, 사장이 여권을 빼앗아 금고에 보관했다.",
     [("네팔", "country", "NP", "origin", None),
      ("공장", "sector", "manufacturing", None, None)]),
    # Characters outside the Basic Multilingual Plane before the evidence: a UTF-16 count
    # (JavaScript) would put every offset two places further per emoji.
    ("en-emoji", "en", None, None,
     "🙂🙂 Posted by a worker from Ghana. The boss kept our passports in his office and we "
     "were never allowed to leave the farm.",
     [("Ghana", "country", "GH", "origin", None)]),
    # Quotes that begin like spreadsheet formulas, and markup that must stay text.
    ("hostile", "en", "<script>alert('title')</script>", None,
     "=HYPERLINK(\"http://x.invalid\") The boss kept our passports. "
     "<script>alert('x')</script> We worked 16 hours a day.\n"
     "-The supervisor took our passports and locked them in his safe.\n"
     "@night we worked seven days a week.\u2028+1 line after a Unicode line separator.",
     [("+1 line", "organisation", "+1 Line Agency", "employer", None)]),
    ("de-control", "de", "Erntebericht", None,
     "Die Ernte begann im Juni, und alle Arbeiter erhielten ihren Lohn pünktlich am "
     "Monatsende.", []),
]

DUPLICATE_ID = "en-1-copy"


def _mentions(text: str, specs: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    out = []
    for surface, kind, key, role, country in specs:
        start = text.index(surface)
        out.append({"kind": kind, "key": key, "start": start, "end": start + len(surface),
                    "quote": surface, "role": role, "country": country})
    return out


@cache
def _records() -> tuple[dict[str, Any], ...]:
    records = []
    for doc_id, lang, title, url, text, mentions in DOCUMENTS:
        doc = Document(id=doc_id, text=text, lang=lang, title=title, url=url)
        record = to_dict(analyze(doc))
        record["text"] = text
        record["content_hash"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
        record["duplicate_of"] = None
        record["mentions"] = _mentions(text, mentions)
        records.append(record)
    by_id = {r["id"]: r for r in records}
    # Review decisions, as the store would carry them.
    nl = by_id["nl-1"]["findings"]
    nl[0].update(status="rejected", origin="review")  # retention_of_identity_documents
    nl[1].update(status="confirmed", origin="review")
    by_id["es-1"]["findings"][0].update(status="corrected", origin="review")
    by_id["de-1"]["mentions"][0].update(status="rejected", origin="review")
    duplicate = copy.deepcopy(by_id["en-1"])
    duplicate.update(id=DUPLICATE_ID, duplicate_of="en-1")
    records.insert(1, duplicate)
    return tuple(records)


def build_records() -> list[dict[str, Any]]:
    """Fresh copies, so a test may change them."""
    return copy.deepcopy(list(_records()))


def record(doc_id: str) -> dict[str, Any]:
    return next(r for r in build_records() if r["id"] == doc_id)
