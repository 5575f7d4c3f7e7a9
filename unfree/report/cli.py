"""`unfree report`: HTML (and PDF) reports of analyses, one document at a time or a corpus.

Registered on the main app by `unfree/cli.py`. Exit codes as the rest of the CLI: 0 all
went well; 1 some inputs could not be read (each named on stderr, the report made from the
others); 2 bad usage, nothing to report, or an output that could not be written.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line per error


def report_cmd(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="JSON Lines of analyses (unfree analyze --format jsonl), or documents and "
             "folders to analyse; - for stdin. Or none, with --db.", show_default=False)
    ] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the HTML report here (default: stdout, unless --pdf).",
        show_default=False)] = None,
    corpus: Annotated[bool, typer.Option(
        "--corpus", help="One report over all documents: counts, charts, flows, quotes.")
    ] = False,
    pdf: Annotated[Path | None, typer.Option(
        "--pdf", help="Also print the report to this PDF (headless Chromium).",
        show_default=False)] = None,
    doc_ids: Annotated[list[str] | None, typer.Option(
        "--id", help="Only the document with this id (repeat for several).",
        show_default=False)] = None,
    title: Annotated[str | None, typer.Option(
        help="Title of a corpus report.", show_default=False)] = None,
    lang: Annotated[str | None, typer.Option(
        help="Language code for documents analysed here.", show_default=False)] = None,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="URL", show_default=False,
        help="Report on documents stored in the evidence base (unfree ingest) instead.")
    ] = None,
) -> None:
    """Write a self-contained HTML report (and optionally a PDF) of analysed documents."""
    from dataclasses import replace

    from unfree.model import Analysis, Document
    from unfree.pipeline import analyze
    from unfree.report.records import Record, ReportInputError, load_records
    from unfree.report.render import render_corpus_report, render_document_report

    def analyse(document: Document) -> Analysis:
        return analyze(document if lang is None else replace(document, lang=lang))

    records: list[Record] = []
    failures = 0
    if (db is None) == (not inputs):
        err.print("error give INPUT... or --db URL (one of them)", markup=False)
        raise typer.Exit(2)
    if db is not None:
        records = _stored_records(db, doc_ids)
    for item in load_records(inputs or [], analyse):
        if isinstance(item, ReportInputError):
            failures += 1
            err.print(f"error {item}", markup=False)
        else:
            records.append(item)
    if doc_ids:
        wanted = set(doc_ids)
        missing = sorted(wanted - {r["id"] for r in records})
        for doc_id in missing:
            failures += 1
            err.print(f"error no document with id {doc_id!r} in the inputs", markup=False)
        records = [r for r in records if r["id"] in wanted]
    if not records:
        err.print("error nothing to report: no input gave an analysis", markup=False)
        raise typer.Exit(2)
    generated = datetime.now().astimezone()
    html = (render_corpus_report(records, title=title, generated=generated) if corpus
            else render_document_report(records, generated=generated))
    if output is not None:
        _write(output, html)
    elif pdf is None:
        sys.stdout.write(html)
    if pdf is not None:
        single = records[0] if len(records) == 1 and not corpus else None
        name = title or (str(single.get("title") or single["id"]) if single else "unfree report")
        _print_pdf(html, pdf, name)
    err.print(f"{len(records)} document{'s' if len(records) != 1 else ''} reported, "
              f"{failures} failed", markup=False)
    if failures:
        raise typer.Exit(1)


def _stored_records(db: str, doc_ids: list[str] | None) -> list[dict[str, object]]:
    """The stored documents (those of `doc_ids`, if given) as records; exit 2 when the
    database cannot be read."""
    from sqlalchemy.exc import SQLAlchemyError

    from unfree.store.database import StoreError, masked_url, open_database, resolve_url
    from unfree.store.records import iter_records

    url = resolve_url(db)
    try:
        engine = open_database(url, create=False)
    except StoreError as exc:
        err.print(f"error {exc}", markup=False)
        raise typer.Exit(2) from exc
    try:
        return list(iter_records(engine, doc_ids))
    except SQLAlchemyError as exc:
        err.print(f"error database {masked_url(url)}: cannot read it", markup=False)
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()


def _write(path: Path, html: str) -> None:
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        err.print(f"error {path}: cannot write ({exc.strerror or exc})", markup=False)
        raise typer.Exit(2) from exc


def _print_pdf(html: str, path: Path, title: str) -> None:
    from unfree.report.browser import BrowserError, html_to_pdf

    try:
        data = html_to_pdf(html, title=title)
    except BrowserError as exc:
        err.print(f"error {path}: no PDF: {exc}", markup=False)
        raise typer.Exit(2) from exc
    try:
        path.write_bytes(data)
    except OSError as exc:
        err.print(f"error {path}: cannot write ({exc.strerror or exc})", markup=False)
        raise typer.Exit(2) from exc
