"""Aggregation over the evidence base: what recurs across independent sources.

A *source* is a stored document together with its near-duplicates (syndicated copies and
reposts point at the first-stored copy through `duplicate_of`): counts of "independent
sources" count such groups, never copies. Findings a reviewer rejected count nowhere.

`summarise` gives, per indicator, per country of origin and of destination, per sector and
per year of publication, the documents and independent sources with at least one finding,
and the strongest quotes (reviewer-confirmed first, then by confidence, one per source);
and the *claims* of the corpus: an indicator at a place of work (a country or a city the
text names as destination, or names without a role) or at an employer (an organisation the
text says employs the workers), each with its independent sources, so that a claim
corroborated by several sources stands apart from one that a single article repeats.

Everything is computed in SQL (GROUP BY and window functions that SQLite and PostgreSQL
share), so the cost grows with the number of findings, not with the texts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Select,
    and_,
    case,
    extract,
    func,
    or_,
    select,
)

from unfree.store.schema import DocumentRow, FindingRow, MentionRow

SOURCE = func.coalesce(DocumentRow.duplicate_of, DocumentRow.id)
"""The source group of a document: the first-stored copy's id."""

COUNTED = FindingRow.status != "rejected"

# A place of work: a country or city named as destination, or named with no role (a text
# about a site names where it is). An employer: an organisation the text says employs.
_WORKPLACE = and_(MentionRow.kind.in_(("country", "city")),
                  or_(MentionRow.role.is_(None), MentionRow.role == "destination"))
_EMPLOYER = and_(MentionRow.kind == "organisation", MentionRow.role == "employer")


def summarise(engine: Engine, top: int = 3, min_sources: int = 1) -> dict[str, Any]:
    """The corpus summary described in the module docstring, as plain JSON-able data.

    `top` quotes per indicator; claims with fewer than `min_sources` independent sources
    are left out."""
    with engine.connect() as connection:
        totals = connection.execute(select(func.count(DocumentRow.id),
                                           func.count(func.distinct(SOURCE)))).one()
        return {
            "documents": int(totals[0]),
            "independent_sources": int(totals[1]),
            "indicators": _indicators(connection, top),
            "origins": _by_mention(connection, MentionRow.kind == "country",
                                   MentionRow.role == "origin"),
            "destinations": _by_mention(connection, MentionRow.kind == "country",
                                        MentionRow.role == "destination"),
            "sectors": _by_mention(connection, MentionRow.kind == "sector"),
            "years": _by_year(connection),
            "claims": _claims(connection, min_sources),
        }


def _indicators(connection: Connection, top: int) -> list[dict[str, Any]]:
    counts = connection.execute(
        select(FindingRow.indicator, func.count(func.distinct(FindingRow.document_id)),
               func.count(func.distinct(SOURCE)))
        .join(DocumentRow, DocumentRow.id == FindingRow.document_id)
        .where(COUNTED).group_by(FindingRow.indicator)).all()
    quotes = _strongest_quotes(connection, top)
    out = [{"indicator": name, "documents": int(docs), "independent_sources": int(sources),
            "quotes": quotes.get(name, [])} for name, docs, sources in counts]
    return sorted(out, key=lambda r: (-r["independent_sources"], r["indicator"]))


def _strongest_quotes(connection: Connection, top: int) -> dict[str, list[dict[str, Any]]]:
    """Per indicator, the best finding of each source, then the best `top` of those."""
    confirmed = case((FindingRow.status == "confirmed", 1), else_=0)
    best_in_source = func.row_number().over(
        partition_by=(FindingRow.indicator, SOURCE),
        order_by=(confirmed.desc(), FindingRow.confidence.desc(), FindingRow.id))
    ranked = (select(FindingRow.indicator, FindingRow.quote, FindingRow.confidence,
                     FindingRow.status, FindingRow.start, FindingRow.end,
                     DocumentRow.external_id, DocumentRow.title,
                     confirmed.label("confirmed"), best_in_source.label("rank_in_source"))
              .join(DocumentRow, DocumentRow.id == FindingRow.document_id)
              .where(COUNTED).subquery())
    best_overall = func.row_number().over(
        partition_by=ranked.c.indicator,
        order_by=(ranked.c.confirmed.desc(), ranked.c.confidence.desc(),
                  ranked.c.external_id))
    rows = connection.execute(_top_per_indicator(ranked, best_overall, top)).all()
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row.indicator, []).append({
            "document": row.external_id, "title": row.title, "quote": row.quote,
            "start": row.start, "end": row.end, "confidence": row.confidence,
            "status": row.status})
    return out


def _top_per_indicator(ranked: Any, best_overall: Any, top: int) -> Select[Any]:
    scored = (select(ranked, best_overall.label("rank"))
              .where(ranked.c.rank_in_source == 1).subquery())
    return (select(scored).where(scored.c.rank <= top)
            .order_by(scored.c.indicator, scored.c.rank))


def _by_mention(connection: Connection, *where: ColumnElement[bool]) -> list[dict[str, Any]]:
    """Per mention key: the documents and sources naming it, and its indicators by sources
    (only documents with at least one counted finding are in a summary of evidence)."""
    rows = connection.execute(
        select(MentionRow.key, FindingRow.indicator,
               func.count(func.distinct(FindingRow.document_id)),
               func.count(func.distinct(SOURCE)))
        .join(FindingRow, FindingRow.document_id == MentionRow.document_id)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(COUNTED, *where).group_by(MentionRow.key, FindingRow.indicator)).all()
    totals = dict(_key_totals(connection, *where))
    out: dict[str, dict[str, Any]] = {}
    for key, indicator, _docs, sources in rows:
        docs_total, sources_total = totals[key]
        entry = out.setdefault(key, {"key": key, "documents": docs_total,
                                     "independent_sources": sources_total, "indicators": {}})
        entry["indicators"][indicator] = int(sources)
    return sorted(out.values(), key=lambda r: (-r["independent_sources"], r["key"]))


def _key_totals(connection: Connection, *where: ColumnElement[bool]
                ) -> list[tuple[str, tuple[int, int]]]:
    rows = connection.execute(
        select(MentionRow.key, func.count(func.distinct(MentionRow.document_id)),
               func.count(func.distinct(SOURCE)))
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .join(FindingRow, FindingRow.document_id == MentionRow.document_id)
        .where(COUNTED, *where).group_by(MentionRow.key)).all()
    return [(key, (int(docs), int(sources))) for key, docs, sources in rows]


def _by_year(connection: Connection) -> list[dict[str, Any]]:
    year = extract("year", DocumentRow.published)
    rows = connection.execute(
        select(year, func.count(func.distinct(DocumentRow.id)),
               func.count(func.distinct(SOURCE)))
        .join(FindingRow, FindingRow.document_id == DocumentRow.id)
        .where(COUNTED, DocumentRow.published.is_not(None))
        .group_by(year).order_by(year)).all()
    return [{"year": int(y), "documents": int(d), "independent_sources": int(s)}
            for y, d, s in rows]


def _claims(connection: Connection, min_sources: int) -> list[dict[str, Any]]:
    kind = case((MentionRow.kind == "organisation", "employer"), else_=MentionRow.kind)
    sources = func.count(func.distinct(SOURCE))
    rows = connection.execute(
        select(FindingRow.indicator, kind.label("at"), MentionRow.key, MentionRow.country,
               func.count(func.distinct(FindingRow.document_id)), sources)
        .join(MentionRow, MentionRow.document_id == FindingRow.document_id)
        .join(DocumentRow, DocumentRow.id == FindingRow.document_id)
        .where(COUNTED, or_(_WORKPLACE, _EMPLOYER))
        .group_by(FindingRow.indicator, kind, MentionRow.key, MentionRow.country)
        .having(sources >= min_sources)).all()
    out = [{"indicator": indicator, "at": at, "key": key, "country": country,
            "documents": int(docs), "independent_sources": int(n),
            "corroborated": int(n) >= 2}
           for indicator, at, key, country, docs, n in rows]
    return sorted(out, key=lambda r: (-r["independent_sources"], r["indicator"], r["at"],
                                      r["key"]))
