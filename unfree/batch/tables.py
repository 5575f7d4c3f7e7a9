"""The batch's tables: an `Analysis` as Arrow rows, and back.

One analysed record is one *nested* row (`NESTED`): the document's columns, its findings,
facts and mentions as lists of structs, the assessment as the engine's JSON, or an `error`.
Both engines make these rows with `nested_row` / `failure_row`; the tables written to disk
are the nested rows taken apart (`explode` here for the local engine, the same columns with
Spark SQL's posexplode in `unfree.batch.spark`), each partitioned by the analysis language:

    documents    record, input_index, record_index, id, source, source_lang, title, author,
                 date, url, text, content_sha256, comments, engine_version, analysed_at
    findings     record, input_index, record_index, position, indicator, start, end, quote,
                 confidence, rule
    facts        ... position, kind, value, low, high, unit, start, end, quote, rule
    mentions     ... position, kind, key, role, country, start, end, quote
    assessments  record, input_index, record_index, verdict, assessment (JSON), engine_version
    failures     record, input_index, record_index, reason        (not partitioned)

`record` ("path:line 3") is the key that joins them; `position` is the row's index in its
analysis, which is how the assessment's JSON cites findings and facts (as in the store).
`analysis_from_rows` rebuilds the `Analysis` (and so `unfree analyze`'s JSON, byte for byte)
from the rows of one record: `unfree ingest --from-parquet` and the tests read tables back
with it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa

from unfree import __version__
from unfree.batch.sources import Record
from unfree.model import Analysis, Comment, Document, Fact, Finding, Mention

_S, _I, _F = pa.string(), pa.int64(), pa.float64()

COMMENT = pa.struct([("text", _S), ("author", _S), ("date", _S)])
FINDING = pa.struct([("indicator", _S), ("start", _I), ("end", _I), ("quote", _S),
                     ("confidence", _F), ("rule", _S)])
FACT = pa.struct([("kind", _S), ("value", _F), ("low", _F), ("high", _F), ("unit", _S),
                  ("start", _I), ("end", _I), ("quote", _S), ("rule", _S)])
MENTION = pa.struct([("kind", _S), ("key", _S), ("role", _S), ("country", _S), ("start", _I),
                     ("end", _I), ("quote", _S)])

KEY = [("record", _S), ("input_index", _I), ("record_index", _I)]
DOCUMENT_COLUMNS = [("id", _S), ("source", _S), ("source_lang", _S), ("title", _S),
                    ("author", _S), ("date", _S), ("url", _S), ("text", _S),
                    ("content_sha256", _S), ("comments", pa.list_(COMMENT))]

NESTED = pa.schema([
    *KEY, *DOCUMENT_COLUMNS, ("lang", _S),
    ("findings", pa.list_(FINDING)), ("facts", pa.list_(FACT)), ("mentions", pa.list_(MENTION)),
    ("verdict", _S), ("assessment", _S), ("engine_version", _S), ("error", _S),
    ("prefiltered", pa.bool_()),
])
"""One analysed record (or one failure: `error` set, the analysis columns null)."""

PARTITION = "lang"
ANALYSED_AT = ("analysed_at", pa.timestamp("us", tz="UTC"))
LISTS = {"findings": FINDING, "facts": FACT, "mentions": MENTION}

TABLES: dict[str, pa.Schema] = {
    "documents": pa.schema([*KEY, *DOCUMENT_COLUMNS, ("engine_version", _S), ANALYSED_AT,
                            (PARTITION, _S)]),
    **{name: pa.schema([*KEY, ("position", _I), *((f.name, f.type) for f in struct),
                        (PARTITION, _S)]) for name, struct in LISTS.items()},
    "assessments": pa.schema([*KEY, ("verdict", _S), ("assessment", _S), ("engine_version", _S),
                              (PARTITION, _S)]),
    "failures": pa.schema([*KEY, ("reason", _S)]),
}
"""The tables written, each with its partition column last (`failures` has none)."""


def nested_row(record: Record, analysis: Analysis, *, prefiltered: bool = False
               ) -> dict[str, Any]:
    """The nested row of one analysed record."""
    doc = analysis.document
    return {
        "record": record.where, "input_index": record.input_index,
        "record_index": record.record_index,
        "id": doc.id, "source": doc.source, "source_lang": doc.lang, "title": doc.title,
        "author": doc.author, "date": doc.date, "url": doc.url, "text": doc.text,
        "content_sha256": content_sha256(doc.text),
        "comments": [{"text": c.text, "author": c.author, "date": c.date}
                     for c in doc.comments],
        "lang": analysis.lang,
        # Field by field: dataclasses.asdict would cost more than the rest of the row.
        "findings": [{"indicator": f.indicator, "start": f.start, "end": f.end,
                      "quote": f.quote, "confidence": f.confidence, "rule": f.rule}
                     for f in analysis.findings],
        "facts": [{"kind": f.kind, "value": f.value, "low": f.low, "high": f.high,
                   "unit": f.unit, "start": f.start, "end": f.end, "quote": f.quote,
                   "rule": f.rule} for f in analysis.facts],
        "mentions": [{"kind": m.kind, "key": m.key, "role": m.role, "country": m.country,
                      "start": m.start, "end": m.end, "quote": m.quote}
                     for m in analysis.mentions],
        "verdict": str(analysis.assessment.get("forced_labour", "unknown")),
        "assessment": json.dumps(analysis.assessment, ensure_ascii=False),
        "engine_version": __version__, "error": None, "prefiltered": prefiltered,
    }


def content_sha256(text: str) -> str:
    """sha256 of the text's UTF-8: `unfree.store.rows.content_hash`, the identity of a stored
    document (computed here so that workers need no database library; a test holds the two
    equal)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def failure_row(record: Record, reason: str) -> dict[str, Any]:
    """The nested row of a record that could not be read or analysed."""
    return {"record": record.where, "input_index": record.input_index,
            "record_index": record.record_index, "error": reason}


def nested_batch(rows: Sequence[Mapping[str, Any]]) -> pa.RecordBatch:
    """Nested rows as one Arrow batch, built column by column (pyarrow's own conversion of
    rows of nested dicts costs a third of the analysis)."""
    columns = []
    for field in NESTED:
        if pa.types.is_list(field.type):
            columns.append(_list_column([r.get(field.name) for r in rows], field.type))
        else:
            columns.append(pa.array([r.get(field.name) for r in rows], field.type))
    return pa.RecordBatch.from_arrays(columns, schema=NESTED)


def _list_column(lists: list[list[dict[str, Any]] | None], list_type: pa.ListType
                 ) -> pa.Array:
    struct = list_type.value_type
    names = [struct.field(i).name for i in range(struct.num_fields)]
    values: dict[str, list[Any]] = {name: [] for name in names}
    offsets = [0]
    for items in lists:
        for item in items or ():
            for name in names:
                values[name].append(item[name])
        offsets.append(offsets[-1] + len(items or ()))
    children = [pa.array(values[name], struct.field(i).type) for i, name in enumerate(names)]
    items_array = pa.StructArray.from_arrays(children, fields=list(struct))
    nulls = pa.array([items is None for items in lists], pa.bool_())
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), items_array, mask=nulls)


def explode(batch: pa.RecordBatch, analysed_at: datetime) -> dict[str, pa.Table]:
    """The rows of every table in one batch of nested rows (the local engine's way; Spark
    does the same with SQL)."""
    import pyarrow.compute as pc

    table = pa.Table.from_batches([batch], schema=NESTED)
    failed = table.filter(pc.is_valid(table["error"]))
    ok = table.filter(pc.is_null(table["error"]))
    key = [name for name, _ in KEY]
    out: dict[str, pa.Table] = {
        "failures": failed.select([*key, "error"]).rename_columns([*key, "reason"]),
    }
    n = ok.num_rows
    documents = ok.select([*key, *(name for name, _ in DOCUMENT_COLUMNS), "engine_version"])
    documents = documents.append_column(
        pa.field(*ANALYSED_AT), pa.array([analysed_at] * n, ANALYSED_AT[1]))
    out["documents"] = documents.append_column(PARTITION, ok[PARTITION])
    out["assessments"] = ok.select([*key, "verdict", "assessment", "engine_version", PARTITION])
    for name in LISTS:
        lists = ok[name].combine_chunks()
        parents = pc.list_parent_indices(lists)
        offsets = lists.offsets.to_numpy()
        positions = pa.array(pa.array(range(len(parents)), _I).to_numpy()
                             - offsets[parents.to_numpy()], _I)
        items = pc.list_flatten(lists)
        columns = {k: ok[k].take(parents) for k in key}
        columns["position"] = positions
        for i, field in enumerate(LISTS[name]):
            columns[field.name] = items.field(i)
        columns[PARTITION] = ok[PARTITION].take(parents)
        out[name] = pa.table(columns, schema=TABLES[name])
    return {name: t.cast(TABLES[name]) for name, t in out.items()}


def analysis_from_rows(document: Mapping[str, Any], findings: Iterable[Mapping[str, Any]],
                       facts: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]],
                       assessment: Mapping[str, Any] | None) -> Analysis:
    """The `Analysis` that one record's rows (of `TABLES`) say; child rows in any order."""
    doc = Document(
        id=document["id"], text=document["text"], lang=document["source_lang"],
        title=document["title"], author=document["author"], date=document["date"],
        url=document["url"], source=document["source"],
        comments=tuple(Comment(c["text"], c["author"], c["date"])
                       for c in document["comments"] or ()),
    )

    def ordered(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        return sorted(rows, key=lambda r: int(r["position"]))

    return Analysis(
        document=doc, lang=document[PARTITION],
        findings=[Finding(r["indicator"], r["start"], r["end"], r["quote"], r["confidence"],
                          r["rule"]) for r in ordered(findings)],
        facts=[Fact(r["kind"], r["unit"], r["start"], r["end"], r["quote"], value=r["value"],
                    low=r["low"], high=r["high"], rule=r["rule"]) for r in ordered(facts)],
        assessment=json.loads(assessment["assessment"]) if assessment else {},
        mentions=[Mention(r["kind"], r["key"], r["start"], r["end"], r["quote"], role=r["role"],
                          country=r["country"]) for r in ordered(mentions)],
    )
