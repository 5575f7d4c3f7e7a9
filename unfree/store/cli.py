"""The store's commands: `unfree ingest`, `reanalyze`, `search`, `stats` and `summary`.

`unfree/cli.py` merges this Typer app into its own. Database libraries are imported inside
the commands, so that `unfree analyze` starts as fast as without a store.

Exit codes: 0 all went well; 1 some inputs could not be read, analysed or stored (each named
on stderr, the others stored); 2 bad usage, or a database that cannot be opened or used (the
message names its URL, password masked).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

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

if TYPE_CHECKING:
    from rich.progress import Progress
    from sqlalchemy import Engine

    from unfree.ingest import IngestError
    from unfree.store.ingest import IngestReport
    from unfree.store.search import Hit

app = typer.Typer(add_completion=False)
err = Console(stderr=True, soft_wrap=True)  # one error, one line
# Soft wrap: a passage stays on one line for pipes and tests; the terminal wraps it anyway.
out = Console(soft_wrap=True, highlight=False)

VERDICTS = ("indicated", "insufficient_evidence", "not_indicated")


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


Db = Annotated[str | None, typer.Option(
    "--db", show_default=False, metavar="URL",
    help="sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/NAME "
         "(default: $UNFREE_DB, else sqlite:///unfree.db).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary "
                                     "text (errors and --format json still print).")]
Format = Annotated[SummaryFormat, typer.Option("--format", "-f")]


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="[PATHS]...", help="Files, folders, or - for stdin.", show_default=False)] = None,
    db: Db = None,
    quiet: Quiet = False,
    fmt: Format = SummaryFormat.text,
    lang: Annotated[str | None, typer.Option(help="Language code for all inputs.")] = None,
    from_parquet: Annotated[Path | None, typer.Option(
        "--from-parquet", metavar="DIR", help="Store the analyses an `unfree batch` wrote "
        "to DIR, without analysing again.")] = None,
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
    """Analyse documents and store them with their findings, facts and assessment.

    Each document is committed on its own: an interrupted run keeps what it stored, and
    running it again stores the rest. A text already stored is skipped; a near-duplicate
    (syndicated copy, repost) is stored and linked to the copy stored first.
    """
    from unfree.ingest import IngestError, iter_documents
    from unfree.ingest.limits import analyse_within
    from unfree.model import Analysis, Document
    from unfree.pipeline import analyze
    from unfree.store.ingest import Outcome, ingest

    if (from_parquet is None) == (not paths):
        raise typer.BadParameter("give PATHS to analyse, or --from-parquet DIR (not both)",
                                 param_hint="PATHS")
    if from_parquet is not None and lang is not None:
        raise typer.BadParameter("the batch chose each document's language already",
                                 param_hint="--lang")
    paths = paths or []
    limits = limits_from_options(
        max_file_mb=max_file_mb, max_chars=max_chars, max_pdf_pages=max_pdf_pages,
        max_pdf_objects=max_pdf_objects, max_docx_mb=max_docx_mb, max_zip_ratio=max_zip_ratio,
        max_zip_members=max_zip_members, max_html_depth=max_html_depth, doc_timeout=doc_timeout)

    def analyse(document: Document) -> Analysis:
        # An IngestError naming the document when it runs past the deadline: that
        # document fails, the run goes on.
        return analyse_within(document, analyze, limits.max_seconds)

    def with_lang(item: Document | IngestError) -> Document | IngestError:
        return replace(item, lang=lang) if lang and isinstance(item, Document) else item

    with _database(db, create=True) as (engine, shown), _progress(quiet) as progress:
        task = progress.add_task("storing", total=None) if progress else None
        tally = {"stored": 0, "skipped": 0, "failed": 0}

        def on_item(result: Outcome | IngestError) -> None:
            if isinstance(result, IngestError):
                tally["failed"] += 1
                err.print(f"[red]error[/red] {escape(str(result))}", highlight=False)
            else:
                tally["skipped" if result is Outcome.SKIPPED else "stored"] += 1
            if progress is not None and task is not None:
                progress.update(task, advance=1, description=", ".join(
                    f"{n} {what}" for what, n in tally.items()))

        if from_parquet is not None:
            report = _ingest_parquet(engine, from_parquet, on_item)
        else:
            report = ingest(engine, (with_lang(i) for i in iter_documents(paths, limits=limits)),
                            inputs=paths, analyse=analyse, on_item=on_item)
    if fmt is SummaryFormat.json:
        print(json.dumps({"db": shown, **report.to_dict()}, ensure_ascii=False, indent=2))
    elif not quiet:
        out.print(
            f"{report.stored} stored ({report.near_duplicates} near-duplicates of stored "
            f"documents), {report.skipped} skipped, already stored, {len(report.failures)} "
            f"failed, in {report.seconds:.1f} s into {shown}", markup=False)
    if report.failures:
        raise typer.Exit(1)


def _ingest_parquet(engine: Engine, folder: Path, on_item: Callable[..., None]
                    ) -> IngestReport:
    from unfree.batch.readback import BatchFolderError
    from unfree.store.parquet import ingest_batch

    try:
        return ingest_batch(engine, folder, on_item=on_item)
    except BatchFolderError as exc:
        _fail(str(exc))


@app.command("reanalyze")
def reanalyze_cmd(
    db: Db = None,
    everything: Annotated[bool, typer.Option(
        "--all", help="Every document, not only those an older engine analysed.")] = False,
    quiet: Quiet = False,
    fmt: Format = SummaryFormat.text,
) -> None:
    """Run this engine again over stored texts: findings a reviewer made or judged stay."""
    from unfree import __version__
    from unfree.store.reanalyze import reanalyse

    with _database(db, create=False) as (engine, shown), _progress(quiet) as progress:
        task = progress.add_task("re-analysing", total=None) if progress else None

        def on_item(problem: IngestError | None) -> None:
            if problem is not None:
                err.print(f"[red]error[/red] {escape(str(problem))}", highlight=False)
            if progress is not None and task is not None:
                progress.advance(task)

        report = reanalyse(engine, everything=everything, on_item=on_item)
    if fmt is SummaryFormat.json:
        print(json.dumps({"db": shown, "engine_version": __version__,
                          "selected": report.selected, "reanalysed": report.reanalysed,
                          "failed": len(report.failures),
                          "failures": [{"source": f.source, "reason": f.reason}
                                       for f in report.failures]},
                         ensure_ascii=False, indent=2))
    elif not quiet:
        out.print(f"{report.reanalysed} re-analysed with unfree {__version__}, "
                  f"{len(report.failures)} failed, in {shown}", markup=False)
    if report.failures:
        raise typer.Exit(1)


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help='Words (all must occur), "a phrase", prefix*.')],
    db: Db = None,
    indicator: Annotated[str | None, typer.Option(help="With a finding of this indicator.")]
    = None,
    lang: Annotated[str | None, typer.Option(help="Language code.")] = None,
    country: Annotated[str | None, typer.Option(
        help="Mentioning this country (ISO 3166-1 alpha-2).")] = None,
    origin: Annotated[str | None, typer.Option(
        help="Naming this country (or one of its cities) as the workers' origin.")] = None,
    workplace: Annotated[str | None, typer.Option(
        help="Naming this country (or one of its cities) as the place of work, or with no "
             "role, as `unfree summary` counts it.")] = None,
    sector: Annotated[str | None, typer.Option(
        help="Naming this sector (an id of unfree/data/sectors.yaml, e.g. fishing).")] = None,
    since: Annotated[str | None, typer.Option(help="Dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Dated on or before YYYY-MM-DD.")] = None,
    verdict: Annotated[str | None, typer.Option(help=", ".join(VERDICTS))] = None,
    duplicates: Annotated[bool, typer.Option(
        "--duplicates", help="Show near-duplicates too, not only the copies stored first.")]
    = False,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 20,
    fmt: Format = SummaryFormat.text,
) -> None:
    """Full-text search, best matches first, each with the passage that matched."""
    from unfree.store.search import Filters, search

    filters = Filters(indicator=_indicator(indicator), lang=lang, country=_country(country),
                      origin=_country(origin, "--origin"),
                      workplace=_country(workplace, "--workplace"), sector=_sector(sector),
                      since=_date(since, "--since"), until=_date(until, "--until"),
                      verdict=_verdict(verdict), duplicates=duplicates)
    with _database(db, create=False) as (engine, _shown):
        try:
            hits = search(engine, query, filters, limit)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="QUERY") from exc
    if fmt is SummaryFormat.json:
        print(json.dumps({"query": query, "count": len(hits),
                          "results": [h.to_dict() for h in hits]}, ensure_ascii=False,
                         indent=2))
        return
    if not hits:
        out.print("no match", markup=False)
        return
    for rank, hit in enumerate(hits, 1):
        out.print(_hit_text(rank, hit))


@app.command("stats")
def stats_cmd(db: Db = None, fmt: Format = SummaryFormat.text) -> None:
    """What the evidence base holds: documents, independent sources, findings, verdicts."""
    from unfree.store.stats import store_stats

    with _database(db, create=False) as (engine, shown):
        stats = store_stats(engine)
    if fmt is SummaryFormat.json:
        print(json.dumps({"db": shown, **stats}, ensure_ascii=False, indent=2))
        return
    table = Table(title=Text(shown), show_header=False, box=None)
    table.add_column(justify="left")
    table.add_column(justify="right")
    findings = stats["findings"]
    rows: list[tuple[str, Any]] = [
        ("documents", stats["documents"]),
        ("  near-duplicates", stats["near_duplicates"]),
        ("  independent sources", stats["independent_sources"]),
        ("findings", findings["total"]),
        ("  machine, unreviewed", findings["machine"]),
        ("  reviewed", findings["reviewed"]),
        ("  rejected by review", findings["rejected"]),
        ("facts", stats["facts"]),
        ("mentions", stats["mentions"]),
        ("reader comments", stats["comments"]),
    ]
    rows += [(f"verdict {v} (independent)",
              f"{n} ({stats['verdicts_independent'].get(v, 0)})")
             for v, n in stats["verdicts"].items()]
    rows += [(f"language {code}", n) for code, n in stats["languages"].items()]
    rows += [("ingest runs", stats["ingest_runs"]),
             ("  unfinished (killed, or running now)", stats["unfinished_runs"])]
    for name, value in rows:
        table.add_row(Text(name), Text(str(value)))
    out.print(table)


@app.command("summary")
def summary_cmd(
    db: Db = None,
    fmt: Format = SummaryFormat.text,
    top: Annotated[int, typer.Option(min=0, help="Quotes per indicator.")] = 3,
    min_sources: Annotated[int, typer.Option(
        "--min-sources", min=1, help="Show claims with at least this many independent "
        "sources (2: corroborated claims only).")] = 1,
) -> None:
    """What recurs across independent sources: indicators, origins, destinations, sectors,
    years, the strongest quotes, and claims with the sources that corroborate them."""
    from unfree.store.summary import summarise

    with _database(db, create=False) as (engine, shown):
        summary = summarise(engine, top=top, min_sources=min_sources)
    if fmt is SummaryFormat.json:
        print(json.dumps({"db": shown, **summary}, ensure_ascii=False, indent=2))
        return
    _print_summary(shown, summary)


def _print_summary(shown: str, summary: dict[str, Any]) -> None:
    from unfree.indicators import indicator_names

    names = indicator_names()
    out.print(Text(f"{shown}: {summary['documents']} documents, "
                   f"{summary['independent_sources']} independent sources", style="bold"))
    table = Table(title="Indicators", title_justify="left")
    for column in ("indicator", "sources", "documents", "strongest quote"):
        table.add_column(column, justify="right" if column in ("sources", "documents")
                         else "left")
    for row in summary["indicators"]:
        quote = row["quotes"][0] if row["quotes"] else None
        table.add_row(Text(names.get(row["indicator"], row["indicator"])),
                      Text(str(row["independent_sources"])), Text(str(row["documents"])),
                      Text(f"“{_plain(quote['quote'])}” ({_plain(quote['document'])})"
                           if quote else ""))
    out.print(table)
    for title, key in (("Countries of origin", "origins"), ("Countries of work",
                                                           "destinations"),
                       ("Sectors", "sectors")):
        if summary[key]:
            listed = ", ".join(f"{_plain(r['key'])} {r['independent_sources']}"
                               for r in summary[key])
            out.print(Text(f"{title} (independent sources): ", style="bold") + Text(listed))
    if summary["years"]:
        out.print(Text("Years (independent sources): ", style="bold") + Text(", ".join(
            f"{r['year']} {r['independent_sources']}" for r in summary["years"])))
    claims = Table(title="Claims: an indicator at a place of work or an employer",
                   title_justify="left")
    for column in ("indicator", "at", "sources", "documents", ""):
        claims.add_column(column)
    for claim in summary["claims"]:
        where = f"{claim['at']} {_plain(claim['key'])}" + (
            f" ({_plain(claim['country'])})" if claim["country"] else "")
        claims.add_row(Text(names.get(claim["indicator"], claim["indicator"])), Text(where),
                       Text(str(claim["independent_sources"])), Text(str(claim["documents"])),
                       Text("corroborated" if claim["corroborated"] else "single source"))
    out.print(claims)


@contextmanager
def _database(db: str | None, *, create: bool) -> Iterator[tuple[Engine, str]]:
    """An open, migrated database; any database error ends the command with exit code 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from unfree.store.database import StoreError, masked_url, open_database, reason, resolve_url

    url = resolve_url(db)
    shown = masked_url(url)
    try:
        engine = open_database(url, create=create)
    except StoreError as exc:
        _fail(str(exc))
    try:
        yield engine, shown
    except SQLAlchemyError as exc:
        _fail(f"database {shown}: {reason(exc, engine.url)}")
    finally:
        engine.dispose()


def _fail(message: str) -> NoReturn:
    err.print(f"error {message}", highlight=False, markup=False)
    raise typer.Exit(2)


def _progress(quiet: bool) -> Progress | nullcontext[None]:
    if quiet or not err.is_terminal:
        return nullcontext()
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                    console=err, transient=True)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain(value: str | None) -> str:
    """Stored text for a terminal: no control characters (no escape sequences)."""
    return _CONTROL.sub("", value or "")


def _hit_text(rank: int, hit: Hit) -> Text:
    """One result as a rich Text: content is never parsed as markup, so stored text such as
    "[bold]" or "<script>" prints as written."""
    head = Text(f"{rank}. ", style="bold")
    head.append(_plain(hit.title or hit.id), style="bold")
    details = [hit.lang, hit.date, hit.verdict,
               f"near-duplicate of #{hit.duplicate_of}" if hit.duplicate_of else None]
    head.append("  " + "  ".join(_plain(d) for d in details if d), style="dim")
    head.append(f"  #{hit.document}\n", style="dim")
    where = hit.url or hit.source
    if where and where != (hit.title or hit.id):
        head.append("   " + _plain(where) + "\n", style="dim")
    passage = Text(hit.passage)  # search already made control characters spaces
    for start, end in hit.highlights:
        passage.stylize("bold yellow", start, end)
    return Text("").join([head, Text("   "), passage, Text("\n")])


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option) from exc


def _country(value: str | None, option: str = "--country") -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise typer.BadParameter(f"{value!r} is not an ISO 3166-1 alpha-2 code such as NL",
                                 param_hint=option)
    return value.upper()


def _sector(value: str | None) -> str | None:
    from unfree.data import load_data

    if value is None:
        return None
    known = sorted(load_data("sectors.yaml").get("sectors", {}))
    if value not in known:
        raise typer.BadParameter(f"{value!r}: one of {', '.join(known)}", param_hint="--sector")
    return value


def _verdict(value: str | None) -> str | None:
    if value is not None and value not in VERDICTS:
        raise typer.BadParameter(f"{value!r}: one of {', '.join(VERDICTS)}",
                                 param_hint="--verdict")
    return value


def _indicator(value: str | None) -> str | None:
    if value is None:
        return None
    from unfree.indicators import indicator_dimensions

    known = sorted(indicator_dimensions())
    if value not in known:
        raise typer.BadParameter(f"{value!r}: one of {', '.join(known)}",
                                 param_hint="--indicator")
    return value
