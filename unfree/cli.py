"""The `unfree` command line: analyze documents, evaluate against gold files, print the schema.

Exit codes: 0 everything went well; 1 some inputs could not be read (each named on stderr,
the others analysed); 2 bad usage or nothing could be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from unfree import __version__
from unfree.batch.cli import batch_cmd
from unfree.export.cli import export_cmd
from unfree.ingest import IngestError, iter_documents
from unfree.ingest.limits import DEFAULT_LIMITS as LIMITS
from unfree.ingest.options import (
    DOCX_MB,
    FILE_MB,
    DocTimeout,
    MaxChars,
    MaxDocxMb,
    MaxFileMb,
    MaxHtmlDepth,
    MaxPdfObjects,
    MaxPdfPages,
    MaxZipMembers,
    MaxZipRatio,
    limits_from_options,
)
from unfree.pipeline import analyze
from unfree.report.cli import report_cmd
from unfree.store.cli import app as store_app
from unfree.web.cli import serve_cmd

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced, quantified evidence of forced labour from text.")
app.add_typer(store_app)  # ingest, reanalyze, search, stats: the evidence base (unfree/store)
err = Console(stderr=True)


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"


@app.command("analyze")
def analyze_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.jsonl,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write here instead of stdout.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code for all inputs.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=0, help="Processes analysing at once (0: one per core); the "
        "output is the same, in input order.")] = 1,
    max_file_mb: MaxFileMb = FILE_MB,
    max_chars: MaxChars = LIMITS.max_chars,
    max_pdf_pages: MaxPdfPages = LIMITS.max_pdf_pages,
    max_pdf_objects: MaxPdfObjects = LIMITS.max_pdf_objects,
    max_docx_mb: MaxDocxMb = DOCX_MB,
    max_zip_ratio: MaxZipRatio = LIMITS.max_zip_ratio,
    max_zip_members: MaxZipMembers = LIMITS.max_zip_members,
    max_html_depth: MaxHtmlDepth = LIMITS.max_html_depth,
    doc_timeout: DocTimeout = LIMITS.max_seconds,
) -> None:
    """Find indicators, facts and the ICLS assessment in each document."""
    from unfree.batch.pool import json_array, rendered, resolve_workers

    limits = limits_from_options(
        max_file_mb=max_file_mb, max_chars=max_chars, max_pdf_pages=max_pdf_pages,
        max_pdf_objects=max_pdf_objects, max_docx_mb=max_docx_mb, max_zip_ratio=max_zip_ratio,
        max_zip_members=max_zip_members, max_html_depth=max_html_depth, doc_timeout=doc_timeout)

    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failures = analysed = 0
    collected: list[str] = []
    show_progress = not quiet and err.is_terminal
    items = (item if lang is None or isinstance(item, IngestError) else replace(item, lang=lang)
             for item in iter_documents(paths, limits=limits))
    spinner = err.status("analysing…", spinner="dots") if show_progress else nullcontext()
    # The pool starts (and forks) before the progress spinner starts its thread.
    with rendered(items, fmt.value, workers=resolve_workers(workers),
                  seconds=limits.max_seconds) as chunks, \
            spinner as status, _worker_death():
        for chunk in chunks:
            for item in chunk.outputs:
                if isinstance(item, IngestError):
                    failures += 1
                    # A path is data, never markup: "[red]x.txt" must print as written.
                    err.print(f"[red]error[/red] {escape(str(item))}", highlight=False)
                    continue
                analysed += 1
                if fmt is OutputFormat.jsonl:
                    out.write(item + "\n")
                elif fmt is OutputFormat.json:
                    collected.append(item)
                else:
                    out.write(item + "\n\n")
            if status is not None:
                status.update(f"analysed {analysed} documents")
    if fmt is OutputFormat.json:
        out.write(json_array(collected) + "\n")
    if output:
        out.close()
    if not quiet:
        err.print(f"{analysed} analysed, {failures} failed", highlight=False)
    if failures:
        raise typer.Exit(2 if analysed == 0 else 1)


@contextmanager
def _worker_death() -> Iterator[None]:
    from unfree.batch.pool import WorkerDied

    try:
        yield
    except WorkerDied as exc:
        err.print(f"error {exc}", highlight=False, markup=False)
        raise typer.Exit(2) from exc


app.command("report")(report_cmd)
app.command("export")(export_cmd)
app.command("batch")(batch_cmd)  # Parquet tables, on all cores or in Spark (unfree/batch)
app.command("serve")(serve_cmd)  # the review workspace (unfree/web)


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSON Lines files (spec format).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json")] = "table",
) -> None:
    """Score the engine against gold annotations: document, evidence and fact level."""
    from unfree.evaluate import Counts, gold_document, read_gold, score

    docs = []
    for path in gold:
        try:
            docs.extend(read_gold(path))
        except (OSError, ValueError) as exc:
            err.print(f"error {exc}", highlight=False, markup=False)
            raise typer.Exit(2) from exc
    scores = score((g, analyze(gold_document(g))) for g in docs)
    if fmt == "json":
        print(json.dumps(scores.as_dict(), indent=2))
        return
    console = Console()
    table = Table(title=f"unfree {__version__} on {scores.documents} documents")
    for col in ("level", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "level" else "right")

    def row(name: str, c: Counts) -> None:
        table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                      str(c.tp), str(c.fp), str(c.fn))

    row("document (micro)", scores.doc_micro)
    table.add_row("document (macro F1)", "", "", f"{scores.doc_macro_f1:.3f}", "", "", "")
    row("evidence", scores.evidence)
    row("facts", scores.facts)
    table.add_section()
    for lang, c in sorted(scores.per_language.items()):
        row(f"language {lang}", c)
    table.add_section()
    for ind, c in sorted(scores.per_indicator.items()):
        row(ind, c)
    table.add_section()
    for kind, c in sorted(scores.per_fact_kind.items()):
        row(f"fact {kind}", c)
    console.print(table)


class SchemaName(StrEnum):
    analysis = "analysis"
    ingest = "ingest"
    search = "search"
    stats = "stats"
    summary = "summary"
    batch = "batch"


@app.command("schema")
def schema_cmd(
    name: Annotated[SchemaName, typer.Argument(
        help="Which output: analysis (analyze), or the --format json of ingest, search, "
             "stats, summary and batch.")] = SchemaName.analysis,
) -> None:
    """Print the JSON Schema of an output format."""
    print(resources.files("unfree.schema").joinpath(f"{name}.schema.json").read_text("utf-8"))


@app.command("version")
def version_cmd() -> None:
    """Print the engine version."""
    print(__version__)
