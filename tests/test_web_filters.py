"""The corpus browser's filters beyond indicator, language and verdict: country of origin and
of work (from the entities stage's mentions and their roles), sector, and the document's
date; in the page (kept in its links, escaped) and in the JSON API (bounded types: 422 for
what is not a country code, a sector id or a date). On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

import pytest
from web_support import Workspace

from unfree.model import Document
from unfree.pipeline import analyze
from unfree.store.projects import store_in_project
from unfree.web import pages

# Invented accounts: who came from where, to work where, in which sector, when.
NEPAL_QATAR = ("I came from Nepal to Qatar to work on a construction site. The agent kept my "
               "passport and we worked seven days a week.")
VIETNAM_SPAIN = ("Workers from Vietnam picked strawberries on a farm in Spain. The boss kept "
                 "their passports and threatened them.")


def _store(ws: Workspace, text: str, project: int, title: str, date: str) -> int:
    doc = Document(id=title, text=text, title=title, date=date, source="test")
    stored = store_in_project(ws.engine, analyze(doc), project, actor_id=None)
    assert stored.document_id is not None
    return stored.document_id


@pytest.fixture
def placed(workspace: Workspace) -> dict[str, int]:
    """Two dated documents in the default project, and one like the first in the other."""
    return {
        "nepal": _store(workspace, NEPAL_QATAR, workspace.default_project, "Nepal to Qatar",
                        "2023-05-01"),
        "vietnam": _store(workspace, VIETNAM_SPAIN, workspace.default_project,
                          "Vietnam to Spain", "2021-02-10"),
        "other": _store(workspace, NEPAL_QATAR + " Team B's copy.", workspace.other_project,
                        "Team B Nepal", "2023-06-01"),
    }


def _ids(answer: object) -> set[int]:
    body = answer.json()  # type: ignore[attr-defined]
    assert answer.status_code == 200, body  # type: ignore[attr-defined]
    return {d["id"] for d in body["documents"]} if "documents" in body else {
        h["document"] for h in body["hits"]}


def test_api_filters_by_country_role_sector_and_date(workspace: Workspace,
                                                     placed: dict[str, int]) -> None:
    ana = workspace.client("ana")
    nepal, vietnam = placed["nepal"], placed["vietnam"]
    cases = {
        "origin=NP": {nepal},  # Team B's copy names Nepal too, and stays unseen
        "origin=np": {nepal},
        "workplace=QA": {nepal},
        "workplace=NP": set(),  # Nepal is where they came from, not where they worked
        "origin=QA": set(),
        "country=ES": {vietnam},  # any role
        "sector=agriculture": {vietnam, workspace.doc_a},  # the orchard testimony too
        "sector=construction": {nepal},
        "since=2022-01-01": {nepal},  # the undated orchard testimony is left out
        "until=2022-01-01": {vietnam},
        "since=2021-02-10&until=2021-02-10": {vietnam},  # both ends inclusive
        "origin=VN&workplace=ES&sector=agriculture": {vietnam},
        "origin=VN&sector=construction": set(),
    }
    for query, expected in cases.items():
        assert _ids(ana.get(f"/api/documents?{query}")) == expected, query
        # Full-text search takes the same filters.
        assert _ids(ana.get(f"/api/documents?q=passport*&{query}")) == expected, query
    # The other team sees its own copy only.
    assert _ids(workspace.client("bea").get("/api/documents?origin=NP")) == {placed["other"]}


@pytest.mark.parametrize("query", ["origin=Nepal", "workplace=N", "country=N%C3%89",
                                   "sector=Bad-Sector", "sector=", "since=yesterday",
                                   "until=2023-13-01"])
def test_api_refuses_what_is_not_a_country_sector_or_date(workspace: Workspace,
                                                          query: str) -> None:
    answer = workspace.client("ana").get(f"/api/documents?{query}")
    assert answer.status_code == 422, answer.text


def test_the_filters_are_declared_with_bounded_types(workspace: Workspace) -> None:
    spec = workspace.client("ana").get("/openapi.json").json()
    parameters = {p["name"]: p["schema"] for p in
                  spec["paths"]["/api/documents"]["get"]["parameters"]}

    def of(name: str) -> dict[str, object]:
        schema = parameters[name]
        return next(s for s in schema.get("anyOf", [schema]) if s.get("type") == "string")

    for name in ("country", "origin", "workplace"):
        assert of(name)["pattern"] == "^[A-Za-z]{2}$"
    assert of("sector")["pattern"] == "^[a-z_]{1,64}$"
    assert of("since")["format"] == of("until")["format"] == "date"


def test_page_filters_list_and_keep_their_values(workspace: Workspace,
                                                 placed: dict[str, int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ana = workspace.client("ana")
    page = ana.get("/", params={"origin": "VN", "sector": "agriculture"}).text
    assert f'href="/documents/{placed["vietnam"]}"' in page
    assert f'href="/documents/{placed["nepal"]}"' not in page
    assert '<option value="VN" selected>' in page
    assert '<option value="agriculture" selected>' in page
    page = ana.get("/", params={"since": "2022-01-01", "until": "2023-12-31"}).text
    assert f'href="/documents/{placed["nepal"]}"' in page
    assert f'href="/documents/{placed["vietnam"]}"' not in page
    assert 'name="since" value="2022-01-01"' in page and "2023-05-01" in page  # date column
    # Searching with filters.
    page = ana.get("/", params={"q": "passports", "workplace": "ES"}).text
    assert f'href="/documents/{placed["vietnam"]}"' in page
    assert f'href="/documents/{placed["nepal"]}"' not in page

    # The filters are kept in the links between pages.
    monkeypatch.setattr(pages, "PAGE_SIZE", 1)
    _store(workspace, NEPAL_QATAR + " A second account.", workspace.default_project,
           "Nepal again", "2024-01-01")
    page = ana.get("/", params={"origin": "NP", "since": "2023-01-01"}).text
    links = [html.unescape(h) for h in re.findall(r'<a href="\?([^"]*)">Next</a>', page)]
    assert links == ["origin=NP&since=2023-01-01&offset=1"]
    second = ana.get("/?" + links[0]).text
    assert "Previous" in second and f'href="/documents/{placed["nepal"]}"' in second


def test_page_names_filters_it_cannot_read_and_escapes_them(workspace: Workspace) -> None:
    ana = workspace.client("ana")
    answer = ana.get("/", params={"since": "soon", "origin": "Nepal",
                                  "sector": '<script>alert(1)</script>'})
    assert answer.status_code == 200
    assert "from: give a date" in answer.text and "origin: give a country" in answer.text
    assert "sector: not a known sector" in answer.text
    # An unreadable filter is left out, not applied as nothing matches: documents still list.
    assert f'href="/documents/{workspace.doc_a}"' in answer.text
    # What a link carries back into the form and the pages' links stays text.
    answer = ana.get("/", params={"lang": '"><img src=x onerror=alert(1)>',
                                  "until": '"><script>alert(1)</script>'})
    assert answer.status_code == 200
    assert "<script>alert(1)" not in answer.text and "<img src=x" not in answer.text
