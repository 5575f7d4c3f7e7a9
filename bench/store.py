"""Benchmark: the evidence base (unfree/store) in SQLite and PostgreSQL. Writes
bench/store_results.json and prints a summary.

    .venv/bin/python bench/store.py [--pg URL] [--documents 100000] [--ingest 2000]

PostgreSQL is a fresh database created on the server of --pg (or $UNFREE_TEST_PG_URL), and
dropped afterwards; without a server only SQLite is measured. SQLite is a file in a
temporary folder.

What is measured, for each database:
- ingest throughput (documents/s, MB of text/s) of `unfree.store.ingest.ingest`, the code
  `unfree ingest` runs: --ingest documents read, analysed and committed one transaction per
  document, into an empty store; the same documents analysed beforehand, so that the store's
  own cost shows apart from the engine's; and --ingest new documents into the large store,
  where every near-duplicate lookup searches --documents stored ones;
- search latency (p50, p95 in ms) of `unfree.store.search.search` over the large store:
  words common and rare, a phrase, a prefix, filters by language, verdict, indicator,
  country and date, each query repeated;
- `unfree stats` over the large store, and the size of the SQLite file.

The large store is bulk-loaded to keep the run in minutes: its documents are generated
(tests/store_corpus.py: invented texts, one in 25 a repost of an earlier one), analysed by
the engine in parallel, near-duplicates linked in memory by the same MinHash, threshold and
rule as the store, and inserted 1,000 per transaction with all their rows, LSH buckets and
full-text entries (the triggers and generated column do that, as for any insert). Only the
per-document commit and the per-document candidate query of `unfree ingest` are skipped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402
from sqlalchemy import Engine, bindparam, create_engine, insert, update  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from store_corpus import make_corpus  # noqa: E402

from unfree import __version__  # noqa: E402
from unfree.model import Analysis, Document  # noqa: E402
from unfree.pipeline import analyze  # noqa: E402
from unfree.store import neardup  # noqa: E402
from unfree.store.database import open_database, resolve_url  # noqa: E402
from unfree.store.ingest import ingest  # noqa: E402
from unfree.store.rows import (  # noqa: E402
    comment_rows,
    content_hash,
    document_values,
    fact_rows,
    finding_rows,
    insert_rows,
    mention_rows,
)
from unfree.store.schema import (  # noqa: E402
    AssessmentRow,
    CommentRow,
    DocumentRow,
    FactRow,
    FindingRow,
    LshBucket,
    MentionRow,
)
from unfree.store.search import Filters, search  # noqa: E402
from unfree.store.stats import store_stats  # noqa: E402

BATCH = 1_000
QUERIES: list[tuple[str, str, Filters]] = [
    ("common word", "passports", Filters()),
    ("rare word", "4200", Filters()),
    ("two words", "debt journey", Filters()),
    ("phrase", '"seven days a week"', Filters()),
    ("prefix", "paspoort*", Filters()),
    ("word, language", "Arbeiter", Filters(lang="de")),
    ("word, verdict", "greenhouses", Filters(verdict="indicated")),
    ("word, indicator", "police", Filters(indicator="intimidation_and_threats")),
    ("word, country", "visas", Filters(country="NP")),
    ("word, dates", "harvest", Filters(since=date(2023, 1, 1), until=date(2023, 12, 31))),
]


def _document(row: dict[str, Any]) -> Document:
    return Document(id=row["id"], text=row["text"], lang=row["lang"], title=row["title"],
                    date=row["date"], source="bench")


def _analyse(rows: list[dict[str, Any]]) -> list[Analysis]:
    return [analyze(_document(row)) for row in rows]


def analyse_all(rows: list[dict[str, Any]]) -> list[Analysis]:
    """Analyses of all rows, in order, on every core."""
    chunks = [rows[i:i + BATCH] for i in range(0, len(rows), BATCH)]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        return [a for chunk in pool.map(_analyse, chunks) for a in chunk]


def bulk_load(engine: Engine, analyses: list[Analysis]) -> float:
    """Insert the analyses as `unfree ingest` would store them, 1,000 per transaction.
    Returns the seconds taken."""
    started = time.perf_counter()
    signatures: list[neardup.Signature | None] = []
    roots: list[int] = []  # per document, the index of the original it copies (or its own)
    ids: list[int] = []  # per document, its id in the database
    in_bucket: dict[int, list[int]] = {}
    now = datetime.now(UTC)
    relink = (update(DocumentRow).where(DocumentRow.id == bindparam("copy"))
              .values(duplicate_of=bindparam("original"), similarity=bindparam("score")))
    for start in range(0, len(analyses), BATCH):
        batch = analyses[start:start + BATCH]
        documents, links = [], []
        for index, analysis in enumerate(batch, start):
            sig = neardup.signature(analysis.document.text)
            signatures.append(sig)
            match = _closest(sig, signatures, in_bucket) if sig is not None else None
            roots.append(index if match is None else roots[match[1]])
            if match is not None:
                links.append((index, roots[index], match[0]))
            for bucket in sig.buckets if sig is not None else ():
                in_bucket.setdefault(bucket, []).append(index)
            values = document_values(analysis, content_hash(analysis.document.text), now)
            values.update(minhash=sig.to_bytes() if sig else None, duplicate_of=None,
                          similarity=None, ingest_run_id=None)
            documents.append(values)
        with engine.begin() as connection:
            batch_ids = list(connection.scalars(
                insert(DocumentRow).returning(DocumentRow.id, sort_by_parameter_order=True),
                documents))
            ids += batch_ids
            if links:
                connection.execute(relink, [{"copy": ids[c], "original": ids[o], "score": s}
                                            for c, o, s in links])
            children: dict[type[Any], list[dict[str, Any]]] = {
                CommentRow: [], FindingRow: [], FactRow: [], MentionRow: [], LshBucket: [],
                AssessmentRow: []}
            for document_id, analysis, sig in zip(batch_ids, batch, signatures[start:],
                                                  strict=True):
                children[CommentRow] += comment_rows(document_id, analysis)
                children[FindingRow] += finding_rows(document_id, analysis)
                children[FactRow] += fact_rows(document_id, analysis)
                children[MentionRow] += mention_rows(document_id, analysis)
                children[AssessmentRow].append({
                    "document_id": document_id, "details": analysis.assessment,
                    "verdict": analysis.assessment["forced_labour"]})
                if sig is not None:
                    children[LshBucket] += neardup.bucket_rows(document_id, sig)
            for table, rows in children.items():
                for i in range(0, len(rows), 5 * BATCH):
                    insert_rows(connection, table, rows[i:i + 5 * BATCH])
    return time.perf_counter() - started


def _closest(sig: neardup.Signature, signatures: list[neardup.Signature | None],
             in_bucket: dict[int, list[int]]) -> tuple[float, int] | None:
    """What `neardup.find_original` finds (similarity, index), from memory."""
    best: tuple[float, int] | None = None
    for i in {i for b in sig.buckets for i in in_bucket.get(b, ())}:
        other = signatures[i]
        assert other is not None
        score = sig.similarity(other)
        if score >= neardup.THRESHOLD and (best is None or (score, -i) > (best[0], -best[1])):
            best = (score, i)
    return best


def measure_ingest(engine: Engine, rows: list[dict[str, Any]],
                   analyses: dict[str, Analysis] | None) -> dict[str, float]:
    """`ingest` of `rows`, analysing them, or taking their analyses from `analyses`."""
    documents = [_document(r) for r in rows]
    analyse: Callable[[Document], Analysis] = (
        analyze if analyses is None else (lambda d: analyses[d.id]))
    started = time.perf_counter()
    report = ingest(engine, documents, inputs=["bench"], analyse=analyse)
    seconds = time.perf_counter() - started
    assert report.stored == len(rows), report
    megabytes = sum(len(r["text"].encode("utf-8")) for r in rows) / 1e6
    return {"documents": len(rows), "seconds": round(seconds, 2),
            "documents_per_s": round(len(rows) / seconds, 1),
            "mb_per_s": round(megabytes / seconds, 3),
            "near_duplicates": report.near_duplicates}


def measure_search(engine: Engine, repeats: int) -> dict[str, Any]:
    per_query: dict[str, Any] = {}
    everything: list[float] = []
    for name, query, filters in QUERIES:
        search(engine, query, filters)  # warm the caches once: a terminal user repeats too
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            hits = search(engine, query, filters, limit=20)
            times.append((time.perf_counter() - started) * 1000)
        everything += times
        per_query[name] = {"query": query, "hits": len(hits), "p50_ms": _pct(times, 50),
                           "p95_ms": _pct(times, 95)}
    return {"p50_ms": _pct(everything, 50), "p95_ms": _pct(everything, 95),
            "runs": len(everything), "queries": per_query}


def _pct(values: list[float], pct: int) -> float:
    return round(float(np.percentile(values, pct)), 2)


@contextmanager
def databases(pg_server: str | None) -> Iterator[Callable[[str], str]]:
    """A factory of fresh database URLs by backend name; removes them afterwards."""
    folder = tempfile.TemporaryDirectory()
    created: list[str] = []
    admin = create_engine(make_url(resolve_url(pg_server)), isolation_level="AUTOCOMMIT") \
        if pg_server else None

    def new(backend: str) -> str:
        name = f"unfree_bench_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            return f"sqlite:///{Path(folder.name) / (name + '.db')}"
        assert admin is not None
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        created.append(name)
        return admin.url.set(database=name).render_as_string(hide_password=False)

    try:
        yield new
    finally:
        if admin is not None:
            with admin.connect() as connection:
                for name in created:
                    connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()
        folder.cleanup()


def run_backend(backend: str, new_url: Callable[[str], str], large: list[Analysis],
                fresh_rows: list[dict[str, Any]], later_rows: list[dict[str, Any]],
                repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    fresh_analyses = {a.document.id: a for a in analyse_all(fresh_rows)}
    for label, analyses in (("ingest_empty_store", None),
                            ("store_only_empty_store", fresh_analyses)):
        engine = open_database(new_url(backend))
        out[label] = measure_ingest(engine, fresh_rows, analyses)
        engine.dispose()
        print(f"{backend} {label}: {out[label]}", flush=True)

    url = new_url(backend)
    engine = open_database(url)
    seconds = bulk_load(engine, large)
    out["bulk_load"] = {"documents": len(large), "seconds": round(seconds, 1),
                        "documents_per_s": round(len(large) / seconds, 1)}
    print(f"{backend} bulk load: {out['bulk_load']}", flush=True)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:  # fresh statistics, as autovacuum would give
            connection.exec_driver_sql("COMMIT")
            connection.exec_driver_sql("ANALYZE")
    out[f"ingest_store_of_{len(large)}"] = measure_ingest(engine, later_rows, None)
    print(f"{backend} ingest into the large store: {out[f'ingest_store_of_{len(large)}']}",
          flush=True)
    out["search"] = measure_search(engine, repeats)
    print(f"{backend} search: p50 {out['search']['p50_ms']} ms, p95 "
          f"{out['search']['p95_ms']} ms", flush=True)
    started = time.perf_counter()
    stats = store_stats(engine)
    out["stats"] = {"seconds": round(time.perf_counter() - started, 3),
                    "documents": stats["documents"],
                    "near_duplicates": stats["near_duplicates"]}
    if backend == "sqlite":
        path = Path(make_url(url).database or "")
        out["sqlite_file_mb"] = round(sum(p.stat().st_size for p in path.parent.glob(
            path.name + "*")) / 1e6, 1)
    engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default=os.environ.get("UNFREE_TEST_PG_URL"),
                        help="PostgreSQL server URL (default: $UNFREE_TEST_PG_URL)")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--ingest", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "store_results.json")
    args = parser.parse_args()

    started = time.perf_counter()
    rows = make_corpus(args.documents + 2 * args.ingest, seed=23)
    large_rows = rows[:args.documents]
    fresh_rows = rows[args.documents:args.documents + args.ingest]
    later_rows = rows[args.documents + args.ingest:]
    large = analyse_all(large_rows)
    analyze(_document(rows[0]))  # load this process's lexicons before anything is timed
    print(f"{len(large)} documents generated and analysed in "
          f"{time.perf_counter() - started:.0f} s", flush=True)

    results: dict[str, Any] = {
        "engine_version": __version__, "cpus": os.cpu_count(),
        "python": sys.version.split()[0], "documents": args.documents,
        "average_document_chars": round(sum(len(r["text"]) for r in rows) / len(rows)),
    }
    with databases(args.pg) as new_url:
        for backend in ("sqlite", "postgresql"):
            if backend == "postgresql" and not args.pg:
                print("no PostgreSQL server (--pg or $UNFREE_TEST_PG_URL): skipped")
                continue
            results[backend] = run_backend(backend, new_url, large, fresh_rows, later_rows,
                                           args.repeats)
    results["seconds"] = round(time.perf_counter() - started)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.output}")


if __name__ == "__main__":
    main()
