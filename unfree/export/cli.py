"""`unfree export`: write analysis records in a format another tool reads.

`export_cmd` is a Typer command; the main CLI registers it with
`app.command("export")(export_cmd)` or `app.add_typer(export_app)` (both give
`unfree export`). `export_records` does the work for any iterable of
records, so a database source (`--db URL`) only has to yield records.

Exit codes: 0 done; 2 bad usage, an unreadable input, or a format whose extra package is
not installed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from unfree.export.records import Record, RecordError, read_records, with_texts

err = Console(stderr=True)


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    htcds = "htcds"
    ftm = "ftm"
    annotations = "annotations"
    datasette = "datasette"


OUTPUT_KIND = {
    ExportFormat.json: "a .jsonl file",
    ExportFormat.csv: "a folder",
    ExportFormat.htcds: "a folder",
    ExportFormat.ftm: "a .jsonl file",
    ExportFormat.annotations: "a .jsonl file",
    ExportFormat.datasette: "a .db file, metadata.json beside it",
}


def export_records(fmt: ExportFormat, records: Iterable[Record], out: Path) -> dict[str, int]:
    """Write `records` to `out` in `fmt`; return what was written, counted by kind."""
    result: Any
    if fmt is ExportFormat.json:
        from unfree.export.json_records import export_json
        result = {"records": export_json(records, out)}
    elif fmt is ExportFormat.csv:
        from unfree.export.csv_tables import export_csv
        result = export_csv(records, out)
    elif fmt is ExportFormat.htcds:
        from unfree.export.htcds import export_htcds
        result = export_htcds(records, out)
    elif fmt is ExportFormat.ftm:
        from unfree.export.ftm import export_ftm  # needs the `ftm` extra
        result = export_ftm(records, out)
    elif fmt is ExportFormat.annotations:
        from unfree.export.annotations import export_annotations
        result = export_annotations(records, out)
    else:
        from unfree.export.datasette_db import export_datasette
        result = export_datasette(records, out)
    counts: dict[str, int] = result if isinstance(result, dict) else asdict(result)
    return counts


def export_cmd(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write: a .jsonl file (json, ftm, annotations), a "
                               "folder (csv, htcds) or a .db file (datasette).")],
    documents: Annotated[list[str] | None, typer.Option(
        "--documents", "-d", help="The analysed inputs again, to add their text to records "
                                  "that lack it (for quote context, full-text search and "
                                  "FtM bodyText).")] = None,
    input_path: Annotated[Path | None, typer.Option(
        "--input", "-i", help="Analyses as JSON Lines (unfree analyze --format jsonl).")
    ] = None,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="URL", help="Export the evidence base (unfree ingest) instead: every "
        "stored document with its text, near-duplicate links and review status.")] = None,
) -> None:
    """Export analyses as JSON Lines, CSV tables, HTCDS cases, FollowTheMoney entities, W3C
    Web Annotations or a Datasette-ready SQLite file."""
    if (input_path is None) == (db is None):
        err.print("error: give --input FILE or --db URL (one of them)", highlight=False,
                  markup=False)
        raise typer.Exit(2)
    if db is not None:
        with _stored(db) as stored:
            counts = _export(fmt, stored, output)
        _report(fmt, counts, output)
        return
    assert input_path is not None
    if not input_path.is_file():
        err.print(f"error: no such file {input_path}", highlight=False, markup=False)
        raise typer.Exit(2)
    records: Iterable[Record] = read_records(input_path)
    if documents:
        from unfree.ingest import iter_documents
        from unfree.model import Document

        readable = (d for d in iter_documents(documents) if isinstance(d, Document))
        records = with_texts(records, readable)
    _report(fmt, _export(fmt, records, output), output)


def _export(fmt: ExportFormat, records: Iterable[Record], output: Path) -> dict[str, int]:
    try:
        return export_records(fmt, records, output)
    except RecordError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(2) from exc
    except ModuleNotFoundError as exc:
        if fmt is not ExportFormat.ftm:
            raise
        err.print(f"error: the ftm export needs {exc.name}: pip install 'unfree[ftm]'",
                  highlight=False, markup=False)
        raise typer.Exit(2) from exc


def _report(fmt: ExportFormat, counts: dict[str, int], output: Path) -> None:
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
    err.print(f"{fmt}: {summary} -> {output} ({OUTPUT_KIND[fmt]})", highlight=False,
              markup=False)


@contextmanager
def _stored(db: str) -> Iterator[Iterable[Record]]:
    """The stored documents as records, streamed; exit 2 when the database cannot be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from unfree.store.database import StoreError, masked_url, open_database, resolve_url
    from unfree.store.records import iter_records

    url = resolve_url(db)
    try:
        engine = open_database(url, create=False)
    except StoreError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(2) from exc
    try:
        yield iter_records(engine)
    except SQLAlchemyError as exc:
        err.print(f"error: database {masked_url(url)}: cannot read it", highlight=False,
                  markup=False)
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()


export_app = typer.Typer(add_completion=False, help="Export analyses for other tools.")
export_app.command("export")(export_cmd)
