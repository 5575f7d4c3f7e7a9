"""`unfree search`: full text in SQLite FTS5 and PostgreSQL, filters, passages with the
query's words, and stored text printed as text, never as markup or escape sequences."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from unfree.cli import app
from unfree.model import Document, Mention
from unfree.pipeline import analyze
from unfree.store.ingest import store_analysis
from unfree.store.search import (
    Filters,
    fts5_expression,
    parse_query,
    search,
    split_highlights,
    tsquery_expression,
)

runner = CliRunner()

GREENHOUSE_TESTIMONY = (
    "I came to Kessbrook to pick tomatoes in the greenhouses. The supervisor kept our "
    "passports in his office and we worked seven days a week from 6 a.m. until midnight. "
    "Nobody could leave the site without his permission."
)
DUTCH_NEWS = (
    "De werkgever van de kasarbeiders in Hollin hield hun paspoorten in. De arbeiders "
    "werkten zeven dagen per week en kregen geen loon."
)
GREENHOUSE_BUSINESS = (
    "The greenhouses of Kessbrook exported more tomatoes this year than ever, and the "
    "growers' association expects another good season."
)
HOSTILE = (
    "A reader sent this text about the greenhouses: <script>alert('x')</script> and "
    "[bold red]fake alarm[/bold red] and \x1b[31mred\x1b[0m terminal codes."
)
HOSTILE_TITLE = "Title of hostile <script>alert(1)</script> [link=https://x.example]here[/link]"


def _store(engine: Engine, doc_id: str, text: str, lang: str, date: str | None,
           countries: tuple[str, ...] = (), title: str | None = None) -> None:
    analysis = analyze(Document(id=doc_id, text=text, lang=lang, date=date,
                                title=title or f"Title of {doc_id}"))
    analysis.mentions = [Mention(kind="country", key=code, start=0, end=1, quote=text[0])
                         for code in countries]
    store_analysis(engine, analysis)


@pytest.fixture
def corpus(engine: Engine) -> Engine:
    _store(engine, "testimony", GREENHOUSE_TESTIMONY, "en", "2024-03-05", ("NL", "PL"))
    _store(engine, "dutch", DUTCH_NEWS, "nl", "2023-11-20", ("NL",))
    _store(engine, "business", GREENHOUSE_BUSINESS, "en", "2022-01-10", ("DE",))
    _store(engine, "hostile", HOSTILE, "en", None, title=HOSTILE_TITLE)
    return engine


def _ids(engine: Engine, query: str, **filters: object) -> set[str]:
    return {hit.id for hit in search(engine, query, Filters(**filters))}  # type: ignore[arg-type]


def test_words_phrases_and_prefixes(corpus: Engine) -> None:
    assert _ids(corpus, "greenhouses") == {"testimony", "business", "hostile"}
    assert _ids(corpus, "greenhouses passports") == {"testimony"}
    assert _ids(corpus, '"seven days a week"') == {"testimony"}
    assert _ids(corpus, '"week seven days"') == set()
    assert _ids(corpus, "paspoort*") == {"dutch"}
    assert _ids(corpus, "GREENHOUSES Tomatoes") == {"testimony", "business"}
    assert _ids(corpus, "title") == {"testimony", "dutch", "business", "hostile"}  # titles
    assert _ids(corpus, "nothingmatchesthis") == set()


def test_filters(corpus: Engine) -> None:
    assert _ids(corpus, "greenhouses", verdict="indicated") == {"testimony"}
    assert _ids(corpus, "greenhouses", verdict="not_indicated") == {"business", "hostile"}
    assert _ids(corpus, "title", lang="nl") == {"dutch"}
    assert _ids(corpus, "title", country="nl") == {"testimony", "dutch"}
    assert _ids(corpus, "title", country="DE") == {"business"}
    assert _ids(corpus, "title", indicator="retention_of_identity_documents") == {
        "testimony", "dutch"}
    assert _ids(corpus, "title", indicator="debt_bondage") == set()
    from datetime import date
    assert _ids(corpus, "title", since=date(2023, 1, 1)) == {"testimony", "dutch"}
    assert _ids(corpus, "title", until=date(2023, 11, 20)) == {"dutch", "business"}
    assert _ids(corpus, "title", since=date(2023, 1, 1), until=date(2023, 12, 31),
                country="NL") == {"dutch"}


def test_passages_show_the_matched_words(corpus: Engine) -> None:
    [hit] = search(corpus, "passports")
    assert hit.id == "testimony" and hit.verdict == "indicated" and hit.lang == "en"
    assert "kept our passports in his office" in hit.passage
    assert [hit.passage[s:e].lower() for s, e in hit.highlights] == ["passports"]
    [hit] = search(corpus, '"seven days"')
    marked = " ".join(hit.passage[s:e].lower() for s, e in hit.highlights)
    assert set(marked.split()) == {"seven", "days"}  # SQLite marks the phrase, PG each word


def test_cli_text_prints_stored_text_as_text(db_url: str, corpus: Engine) -> None:
    # (PostgreSQL's parser skips what looks like HTML tags, and ts_headline leaves them out
    # of passages: search a word outside them.)
    result = runner.invoke(app, ["search", "reader", "--db", db_url])
    assert result.exit_code == 0, result.stderr
    assert HOSTILE_TITLE in result.stdout  # as stored: neither markup nor a link
    assert "[bold red]fake alarm[/bold red]" in result.stdout
    assert "\x1b" not in result.stdout  # no escape sequence reaches the terminal
    if db_url.startswith("sqlite"):
        assert "<script>alert('x')</script>" in result.stdout


def test_cli_json_and_filters(db_url: str, corpus: Engine) -> None:
    result = runner.invoke(app, ["search", "greenhouses", "--db", db_url, "--format", "json",
                                 "--country", "pl", "--since", "2024-01-01", "--verdict",
                                 "indicated", "--lang", "en", "--indicator",
                                 "retention_of_identity_documents", "--limit", "5"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["count"] == 1 and out["results"][0]["id"] == "testimony"
    first = out["results"][0]
    start, end = first["highlights"][0]
    assert first["passage"][start:end].lower() == "greenhouses"
    limited = json.loads(runner.invoke(app, ["search", "greenhouses", "--db", db_url,
                                             "--format", "json", "--limit", "1"]).stdout)
    assert limited["count"] == 1


@pytest.mark.parametrize("args", [
    ["--since", "last week"], ["--country", "Netherlands"], ["--verdict", "guilty"],
    ["--indicator", "slavery"], ["--limit", "0"],
])
def test_cli_refuses_bad_filters_with_exit_2(db_url: str, corpus: Engine,
                                             args: list[str]) -> None:
    result = runner.invoke(app, ["search", "greenhouses", "--db", db_url, *args])
    assert result.exit_code == 2


def test_queries_cannot_break_the_search_syntax(db_url: str, corpus: Engine) -> None:
    # Operators of FTS5 and tsquery are words or nothing here: never a syntax error.
    for query, expected in [('passports" OR NEAR(', set()),  # the open quote: a phrase
                            ("kept AND (passports", {"testimony"}),
                            ("passports' & ! office:*", {"testimony"}),
                            ("col:passports^", set())]:  # "col" is a word too
        result = runner.invoke(app, ["search", query, "--db", db_url, "--format", "json"])
        assert result.exit_code == 0, (query, result.stderr)
        assert {r["id"] for r in json.loads(result.stdout)["results"]} == expected, query
    result = runner.invoke(app, ["search", "!! && ^", "--db", db_url])
    assert result.exit_code == 2  # no word at all: a usage error
    assert "nothing to search for" in result.stderr


def test_query_translation() -> None:
    terms = parse_query('Pass* "seven  days" l\'usine')
    assert fts5_expression(terms) == '"pass"* AND "seven days" AND "l" AND "usine"'
    assert tsquery_expression(terms) == "'pass':* & ('seven' <-> 'days') & 'l' & 'usine'"
    assert split_highlights("a \ue000b\ue001\n\tc") == ("a b c", [(2, 3)])


def test_cli_filters_by_origin_workplace_and_sector(db_url: str, engine: Engine) -> None:
    """`unfree search --origin/--workplace/--sector`: the roles and sectors the entities stage
    gave the mentions, as the workspace's corpus browser filters them."""
    for doc_id, text in (
            ("nepal-qatar", "I came from Nepal to Qatar to work on a construction site. The "
                            "agent kept my passport and we worked seven days a week."),
            ("vietnam-spain", "Workers from Vietnam picked strawberries on a farm in Spain. "
                              "The boss kept their passports and threatened them.")):
        store_analysis(engine, analyze(Document(id=doc_id, text=text, lang="en")))

    def found(*args: str) -> set[str]:
        result = runner.invoke(app, ["search", "passport*", "--db", db_url, "--format", "json",
                                     *args])
        assert result.exit_code == 0, result.stderr
        return {hit["id"] for hit in json.loads(result.stdout)["results"]}

    assert found() == {"nepal-qatar", "vietnam-spain"}
    assert found("--origin", "np") == {"nepal-qatar"}
    assert found("--workplace", "QA") == {"nepal-qatar"}
    assert found("--workplace", "NP") == set()  # where they came from, not where they worked
    assert found("--sector", "construction") == {"nepal-qatar"}
    assert found("--sector", "agriculture") == {"vietnam-spain"}
    refused = runner.invoke(app, ["search", "passport", "--db", db_url, "--sector", "farming"])
    assert refused.exit_code == 2 and "--sector" in refused.stderr
