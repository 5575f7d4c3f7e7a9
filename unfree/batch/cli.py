"""`unfree batch INPUT... OUTPUT`: analyse a corpus into Parquet tables, on this machine's
cores or in Spark.

Exit codes: 0 every record analysed; 1 some records could not be read or analysed (each
named on stderr and in the `failures` table, the others analysed); 2 bad usage, an output
folder that is not empty, an engine that cannot start, or nothing that could be read.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True, highlight=False)


class Engine(StrEnum):
    local = "local"
    spark = "spark"


class SummaryFormat(StrEnum):
    text = "text"
    json = "json"


def batch_cmd(
    paths: Annotated[list[str], typer.Argument(
        metavar="INPUT... OUTPUT", help="Files and folders (JSON Lines, Parquet, WARC, and "
        "every type `analyze` reads; local paths or URIs such as s3://...), then the output "
        "folder.")],
    engine: Annotated[Engine, typer.Option(help="local: this machine's cores; spark: "
                                           "Spark (local mode unless spark-submit says)")]
    = Engine.local,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=0, help="local engine: processes (0: one per core).")] = 0,
    master: Annotated[str | None, typer.Option(
        help="spark engine: the master URL (default: spark-submit's, else local[*]).")]
    = None,
    partitions: Annotated[int | None, typer.Option(
        min=1, help="spark engine: tasks analysing (default: 3 per core).")] = None,
    prefilter: Annotated[bool, typer.Option(
        "--prefilter", help="Skip the indicator stage where it provably finds nothing "
        "(the same results; see unfree/batch/prefilter.py).")] = False,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Replace the tables of a previous batch in OUTPUT.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary "
                                        "text (errors and --format json still print).")]
    = False,
    fmt: Annotated[SummaryFormat, typer.Option("--format", "-f")] = SummaryFormat.text,
) -> None:
    """Analyse a corpus into partitioned Parquet tables: documents, findings, facts,
    mentions, assessments and failures, with the engine version."""
    from unfree.batch.local import prepare_output
    from unfree.batch.report import Progress
    from unfree.batch.sources import is_uri

    if len(paths) < 2:
        raise typer.BadParameter("give at least one INPUT and the OUTPUT folder",
                                 param_hint="INPUT... OUTPUT")
    *inputs, output_name = paths
    output = Path(output_name)
    if is_uri(output_name) and engine is not Engine.spark:
        raise typer.BadParameter("the local engine writes to a local folder; Spark writes "
                                 "to URIs", param_hint="OUTPUT")
    if not is_uri(output_name):
        try:
            prepare_output(output, overwrite=overwrite)
        except (FileExistsError, OSError) as exc:
            _fail(str(exc))
    progress = Progress(err, quiet=quiet)
    if engine is Engine.local:
        from unfree.batch.local import run_local
        from unfree.batch.pool import WorkerDied, resolve_workers

        try:
            report = run_local(inputs, output, workers=resolve_workers(workers),
                               prefilter=prefilter, progress=progress)
        except WorkerDied as exc:
            _fail(f"{exc}; {output} holds the tables of the records before it")
        report.write(output)
    else:
        from unfree.batch.spark import SparkUnavailable, run_spark

        try:
            # A local OUTPUT was emptied above; at a URI, Spark refuses existing tables
            # unless --overwrite. The summary goes where the tables go.
            report = run_spark(inputs, output_name, master=master, partitions=partitions,
                               prefilter=prefilter, progress=progress,
                               overwrite=overwrite or not is_uri(output_name))
        except SparkUnavailable as exc:
            _fail(str(exc))
        except Exception as exc:  # Spark's AnalysisException: an output that exists...
            _fail(f"Spark: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
    c = report.counters
    if fmt is SummaryFormat.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif not quiet:
        skipped = f" ({c.prefiltered} without the indicator stage)" if prefilter else ""
        rate = report.text_mb / report.seconds if report.seconds else 0.0
        out.print(f"{c.documents} documents analysed{skipped}, {c.failed} failed, "
                  f"{report.text_mb:.1f} MB of text in {report.seconds:.1f} s ({rate:.2f} MB/s,"
                  f" engine {report.engine}); tables in {output}", markup=False)
    if c.failed:
        raise typer.Exit(2 if c.documents == 0 else 1)
    if c.documents == 0:
        _fail("no document in the inputs")


def _fail(message: str) -> NoReturn:
    err.print(f"error {message}", highlight=False, markup=False)
    raise typer.Exit(2)
