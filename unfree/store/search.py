"""Full-text search over stored documents, with filters, best matches first.

Queries are words (all must occur), "quoted phrases" and `prefix*` words; anything else in
the query is ignored, so no query can be a syntax error. SQLite answers from its FTS5 table
(ranked by bm25, the title weighing double); PostgreSQL from the `search_vector` column
(ranked by ts_rank, the title in weight A). Both tokenise on letters and digits without
stemming or accent folding, so the two find the same documents (but for text that looks
like HTML tags, which PostgreSQL's parser skips). Passages come from FTS5's
`snippet()` and PostgreSQL's `ts_headline`, with the matched words' offsets in `highlights`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnClause,
    ColumnElement,
    Connection,
    Engine,
    Executable,
    and_,
    bindparam,
    column,
    exists,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    text,
)

from unfree.store.schema import (
    PG_INDEXED_CHARS,
    AssessmentRow,
    DocumentRow,
    FindingRow,
    MentionRow,
)

# Private-use characters mark the matched words in passages: unlike brackets or tags, real
# text practically never carries them (one that did would only misplace a highlight).
_OPEN, _CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(r'"([^"]*)"?|([^\W_]+)(\*?)')
_WORD = re.compile(r"[^\W_]+")
_PASSAGE_WORDS = 32
_BLANKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


@dataclass(frozen=True, slots=True)
class Term:
    """A word, a prefix (`prefix=True`) or a phrase of several words, lower-cased."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Filters:
    indicator: str | None = None  # a finding of it that review did not reject
    lang: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, a country mention's key
    origin: str | None = None  # ISO code of a country (or of a city) named as origin
    workplace: str | None = None  # ... named as destination, or with no role (summary's rule)
    sector: str | None = None  # a sector mention's key (`unfree/data/sectors.yaml`)
    since: date | None = None  # on the parsed `published` date, inclusive
    until: date | None = None
    verdict: str | None = None
    duplicates: bool = False  # include near-duplicates (normally their originals stand)
    projects: tuple[int, ...] | None = None  # only these projects' documents (the workspace)


@dataclass(frozen=True, slots=True)
class Hit:
    document: int  # database id
    id: str  # the document's own id (path, or the jsonl id)
    title: str | None
    source: str | None
    url: str | None
    lang: str
    date: str | None
    verdict: str | None
    duplicate_of: int | None
    score: float
    passage: str
    highlights: list[tuple[int, int]]  # offsets into `passage` of the matched words

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["highlights"] = [list(span) for span in self.highlights]
        return out


def parse_query(query: str) -> list[Term]:
    terms: list[Term] = []
    for match in _TOKEN.finditer(query):
        phrase, word, star = match.groups()
        if phrase is not None:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if words:
                terms.append(Term(words))
        else:
            terms.append(Term((word.lower(),), prefix=bool(star)))
    return terms


def fts5_expression(terms: list[Term]) -> str:
    """The FTS5 MATCH string: every term quoted, so none can be read as an operator."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + "*" if term.prefix else quoted)
    return " AND ".join(parts)


def tsquery_expression(terms: list[Term]) -> str:
    """The `to_tsquery` string; words are letters and digits only, safe inside quotes."""
    parts = []
    for term in terms:
        lexemes = [f"'{w}'" for w in term.words]
        if term.prefix:
            lexemes[-1] += ":*"
        parts.append(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
    return " & ".join(parts)


def search(engine: Engine, query: str, filters: Filters | None = None,
           limit: int = 20) -> list[Hit]:
    """The `limit` best documents for `query` that pass `filters`. Raises ValueError for a
    query without a word."""
    terms = parse_query(query)
    if not terms:
        raise ValueError(f"nothing to search for in {query!r}: give words or \"a phrase\"")
    conditions = _conditions(filters or Filters())
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            ranked, passages = _postgresql(connection, terms, conditions, limit)
        else:
            ranked, passages = _sqlite(connection, terms, conditions, limit)
        if not ranked:
            return []
        rows = {row.id: row for row in connection.execute(
            select(DocumentRow.id, DocumentRow.external_id, DocumentRow.title,
                   DocumentRow.source, DocumentRow.url, DocumentRow.lang, DocumentRow.date,
                   DocumentRow.duplicate_of, AssessmentRow.verdict)
            .outerjoin(AssessmentRow, AssessmentRow.document_id == DocumentRow.id)
            .where(DocumentRow.id.in_(list(ranked))))}
    hits = []
    for document_id, score in ranked.items():
        row = rows[document_id]
        passage, highlights = split_highlights(passages.get(document_id, ""))
        hits.append(Hit(document=document_id, id=row.external_id, title=row.title,
                        source=row.source, url=row.url, lang=row.lang, date=row.date,
                        verdict=row.verdict, duplicate_of=row.duplicate_of,
                        score=round(score, 4), passage=passage, highlights=highlights))
    return hits


def split_highlights(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """A passage with markers as plain text and the offsets of the marked words. Runs of
    whitespace and control characters become one space: a passage is for display, and
    a stored escape sequence must not reach a terminal."""
    marked = _BLANKS.sub(" ", marked).strip()
    plain: list[str] = []
    highlights: list[tuple[int, int]] = []
    length, start = 0, None
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            if start is not None and length > start:
                highlights.append((start, length))
            start = None
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), highlights


def _conditions(filters: Filters) -> list[ColumnElement[bool]]:
    return filter_conditions(filters)


def _place(code: str, role: ColumnElement[bool]) -> ColumnElement[bool]:
    """The document names the country `code`, or one of its cities, in `role`."""
    code = code.upper()
    return exists().where(MentionRow.document_id == DocumentRow.id, or_(
        and_(MentionRow.kind == "country", MentionRow.key == code),
        and_(MentionRow.kind == "city", MentionRow.country == code)), role)


def filter_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    """The WHERE conditions on `documents` for `filters` (search and the workspace's list)."""
    found: list[ColumnElement[bool]] = []
    if not filters.duplicates:
        found.append(DocumentRow.duplicate_of.is_(None))
    if filters.projects is not None:
        found.append(DocumentRow.project_id.in_(filters.projects))
    if filters.lang:
        found.append(DocumentRow.lang == filters.lang)
    if filters.since:
        found.append(DocumentRow.published >= filters.since)
    if filters.until:
        found.append(DocumentRow.published <= filters.until)
    if filters.indicator:
        found.append(exists().where(FindingRow.document_id == DocumentRow.id,
                                    FindingRow.indicator == filters.indicator,
                                    FindingRow.status != "rejected"))
    if filters.country:
        found.append(exists().where(MentionRow.document_id == DocumentRow.id,
                                    MentionRow.kind == "country",
                                    MentionRow.key == filters.country.upper()))
    if filters.origin:
        found.append(_place(filters.origin, MentionRow.role == "origin"))
    if filters.workplace:
        # A place of work as `unfree summary` counts it: named as destination, or without a
        # role (a text about one place mostly names where the work is).
        found.append(_place(filters.workplace, or_(MentionRow.role.is_(None),
                                                   MentionRow.role == "destination")))
    if filters.sector:
        found.append(exists().where(MentionRow.document_id == DocumentRow.id,
                                    MentionRow.kind == "sector",
                                    MentionRow.key == filters.sector))
    if filters.verdict:
        found.append(exists().where(AssessmentRow.document_id == DocumentRow.id,
                                    AssessmentRow.verdict == filters.verdict))
    return found


def _ranked(connection: Connection, query: Executable) -> dict[int, float]:
    return {row[0]: float(row[1]) for row in connection.execute(query)}


def _sqlite(connection: Connection, terms: list[Term], conditions: list[ColumnElement[bool]],
            limit: int) -> tuple[dict[int, float], dict[int, str]]:
    expression = fts5_expression(terms)
    fts = table("documents_fts", column("rowid"))
    # bm25 is lower for better matches; negated so that every score reads "higher is better".
    score: ColumnClause[float] = literal_column("-bm25(documents_fts, 2.0, 1.0)")
    ranked = _ranked(connection, (
        select(DocumentRow.id, score.label("score"))
        .select_from(fts.join(DocumentRow.__table__, DocumentRow.id == fts.c.rowid))
        .where(text("documents_fts MATCH :expression").bindparams(expression=expression),
               *conditions)
        .order_by(score.desc(), DocumentRow.id).limit(limit)))
    if not ranked:
        return ranked, {}
    # Passages for the few documents shown only: snippet() reads the whole text again.
    passages = connection.execute(
        text("SELECT rowid, snippet(documents_fts, -1, :open, :close, '…', :words) "
             "FROM documents_fts WHERE documents_fts MATCH :expression AND rowid IN :ids")
        .bindparams(bindparam("ids", expanding=True)),
        {"open": _OPEN, "close": _CLOSE, "words": _PASSAGE_WORDS, "expression": expression,
         "ids": list(ranked)})
    return ranked, {row[0]: row[1] or "" for row in passages}


def _postgresql(connection: Connection, terms: list[Term],
                conditions: list[ColumnElement[bool]],
                limit: int) -> tuple[dict[int, float], dict[int, str]]:
    simple: ColumnClause[str] = literal_column("'simple'::regconfig")
    query = func.to_tsquery(simple, bindparam("tsquery", tsquery_expression(terms)))
    vector: ColumnClause[Any] = literal_column("documents.search_vector")
    score = func.ts_rank(vector, query)
    ranked = _ranked(connection, (
        select(DocumentRow.id, score.label("score"))
        .where(vector.op("@@")(query), *conditions)
        .order_by(score.desc(), DocumentRow.id).limit(limit)))
    if not ranked:
        return ranked, {}
    options = (f"StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords={_PASSAGE_WORDS}, MinWords=12, "
               'MaxFragments=2, FragmentDelimiter=" … "')
    # The same prefix of the text as the index, so that the passage shows what matched.
    passage = func.ts_headline(simple, func.left(DocumentRow.text, PG_INDEXED_CHARS), query,
                               literal(options))
    rows = connection.execute(select(DocumentRow.id, passage)
                              .where(DocumentRow.id.in_(list(ranked))))
    return ranked, {row[0]: row[1] or "" for row in rows}

