"""The Spark engine: the same pipeline in Spark, local mode by default, a cluster through
spark-submit (docs/cluster.md).

The driver lists the inputs (as the local engine does) into a small DataFrame of files.
Python workers read them into records (`spark_tasks.read_files`), the records are spread
evenly over `partitions` tasks, and each task analyses them (`spark_tasks.analyse_records`)
with its worker's one analyser (Spark reuses Python workers, so lexicons load once per worker
process, not per task or row). The nested rows are cached and taken apart into the tables
with Spark SQL, each file sorted in input order, partitioned by language. Accumulators feed
the progress line while tasks finish; the summary's figures are counted from the rows.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from unfree import __version__
from unfree.batch.analyser import FAILURES_NAMED, Counters
from unfree.batch.readback import SUMMARY_FILE
from unfree.batch.report import BatchReport, Progress
from unfree.batch.sources import list_inputs
from unfree.batch.spark_tasks import FILES, RECORDS, Tally, analyse_records, read_files
from unfree.batch.tables import KEY, LISTS, NESTED, PARTITION, TABLES
from unfree.ingest import IngestError

TASKS_PER_CORE = 3
POLL_S = 1.0


class SparkUnavailable(RuntimeError):
    """PySpark or Java is missing, or Spark would not start; the message says what to do."""


def spark_session(master: str | None = None, conf: dict[str, str] | None = None) -> Any:
    """A SparkSession for the batch: the one spark-submit configured, else local mode;
    `conf` adds settings (tests keep shuffles small)."""
    reason = unavailable()
    if reason is not None:
        raise SparkUnavailable(reason)
    from pyspark import SparkConf
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("unfree batch")
    settings = {**SESSION_CONF, **(conf or {})}
    if master or not SparkConf().contains("spark.master"):
        master = master or "local[*]"
        builder = builder.master(master)
    if master and master.startswith("local"):
        # Local mode: the Python workers run this interpreter (the one with unfree), and the
        # JVM is ours: its log says errors only (the progress line says the rest).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        if not SparkConf().contains(_JAVA_OPTIONS):
            log4j = Path(str(resources.files("unfree.batch").joinpath("log4j2.properties")))
            settings.setdefault(_JAVA_OPTIONS, f"-Dlog4j2.configurationFile={log4j.as_uri()}")
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java too old, no memory...
        raise SparkUnavailable(f"Spark did not start ({type(exc).__name__}: "
                               f"{' '.join(str(exc).split())[:200]})") from exc
    spark.sparkContext.setLogLevel("ERROR")
    return spark


_JAVA_OPTIONS = "spark.driver.extraJavaOptions"
SESSION_CONF = {
    # Timestamps written as Parquet's INT64 microseconds in UTC (not Spark's legacy INT96),
    # so that pyarrow and `unfree ingest --from-parquet` read them as they are.
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    # The batch prints its own progress line; Spark's stage bars would garble it.
    "spark.ui.showConsoleProgress": "false",
}


def _session(master: str | None) -> tuple[Any, bool]:
    """The session already running in this process (a notebook's, a test's), else a new one
    that the run stops when it is done."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return spark_session(master), True  # raises SparkUnavailable, saying what to do
    active = SparkSession.getActiveSession()
    return (active, False) if active is not None else (spark_session(master), True)


def unavailable() -> str | None:
    """Why the Spark engine cannot run here (no PySpark, no Java), or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed: pip install 'unfree[spark]'"
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        return "Spark needs Java 17 or later: no java on PATH, no JAVA_HOME"
    return None


def _accumulators(spark: Any) -> tuple[Any, Any]:
    from pyspark.accumulators import AccumulatorParam

    class CountersParam(AccumulatorParam[Counters]):
        def zero(self, value: Counters) -> Counters:
            return Counters()

        def addInPlace(self, value1: Counters, value2: Counters) -> Counters:
            value1.add(value2)
            return value1

    class MaxParam(AccumulatorParam[float]):
        def zero(self, value: float) -> float:
            return 0.0

        def addInPlace(self, value1: float, value2: float) -> float:
            return max(value1, value2)

    context = spark.sparkContext
    return context.accumulator(Counters(), CountersParam()), context.accumulator(0.0, MaxParam())


def run_spark(inputs: Sequence[str], output: Path | str, *, master: str | None = None,
              partitions: int | None = None, prefilter: bool = False,
              progress: Progress, spark: Any = None, overwrite: bool = True) -> BatchReport:
    """Analyse every record of `inputs` into the tables under `output` (a local folder, or
    a URI Spark writes to: hdfs://, s3a://...) with Spark, and write the run's summary there;
    `spark`: a session to use (and leave running), else one is started and stopped.
    Without `overwrite`, tables already at `output` are an error."""
    session, own = (spark, False) if spark is not None else _session(master)
    try:
        report = _run(session, inputs, str(output), partitions, prefilter, progress,
                      "overwrite" if overwrite else "errorifexists")
        _write_text(session, f"{output}/{SUMMARY_FILE}", report.summary_json())
        return report
    finally:
        if own:
            session.stop()


def _write_text(spark: Any, uri: str, text: str) -> None:
    """A small file written through Spark's own (Hadoop) file systems: any output Spark can
    write its tables to takes the summary too."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    stream = filesystem.create(path, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def _run(spark: Any, inputs: Sequence[str], output: str, partitions: int | None,
         prefilter: bool, progress: Progress, mode: str) -> BatchReport:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    started = datetime.now(UTC)
    context = spark.sparkContext
    cores = context.defaultParallelism
    report = BatchReport("spark", __version__, list(inputs), output, started, cores, prefilter)
    listed = list_inputs(inputs)
    files = [(i, None, item.source, item.reason) if isinstance(item, IngestError)
             else (i, item, item, None) for i, item in enumerate(listed)]
    file_frame = spark.createDataFrame(files, from_arrow_schema(FILES)).repartition(
        max(1, min(len(files), cores)))
    counted, peak = _accumulators(spark)
    tally = Tally(count=counted.add, peak_rss_mb=peak.add)
    records = file_frame.mapInArrow(read_files, from_arrow_schema(RECORDS))
    # Hash-partitioned on the record's key: even, and deterministic on a retried task
    # without the sort of every row that a round-robin repartition needs for that.
    nested = (records.repartition(partitions or cores * TASKS_PER_CORE, "input_index",
                                  "record_index")
              .mapInArrow(partial(analyse_records, prefilter, tally), from_arrow_schema(NESTED))
              .persist(StorageLevel.MEMORY_AND_DISK))
    done = threading.Event()
    watcher = threading.Thread(target=_watch, args=(counted, progress, done), daemon=True)
    try:
        with progress:
            watcher.start()
            _write_tables(nested, output, started, F, mode)
            done.set()
            watcher.join()
        _summarise(nested, report, F)
    finally:
        done.set()
        nested.unpersist()
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    report.peak_worker_rss_mb = float(peak.value)
    return report


def _watch(counted: Any, progress: Progress, done: threading.Event) -> None:
    shown = 0
    while True:
        stop = done.wait(POLL_S)
        counters: Counters = counted.value
        progress.update(counters, counters.failures[shown:])
        shown = len(counters.failures)
        if stop:
            return


def _write_tables(nested: Any, output: str, started: datetime, F: Any, mode: str) -> None:
    key = [name for name, _ in KEY]
    ok = nested.where(F.col("error").isNull())
    docs = TABLES["documents"].names
    frames = {
        "documents": ok.withColumn("analysed_at", F.lit(started).cast("timestamp"))
                       .select(*docs),
        "assessments": ok.select(*TABLES["assessments"].names),
    }
    for name, struct in LISTS.items():
        exploded = ok.select(*key, PARTITION, F.posexplode(name).alias("position", "item"))
        frames[name] = exploded.select(
            *key, F.col("position").cast("long").alias("position"),
            *(F.col(f"item.{field.name}").alias(field.name) for field in struct), PARTITION)
    failures = nested.where(F.col("error").isNotNull()).select(
        *key, F.col("error").alias("reason"))

    def write(name: str) -> None:
        if name == "failures":
            (failures.coalesce(1).sortWithinPartitions(*key[1:]).write.mode(mode)
             .parquet(f"{output}/failures"))
            return
        order = [PARTITION, *key[1:]] + (["position"] if name in LISTS else [])
        (frames[name].sortWithinPartitions(*order).write.mode(mode).partitionBy(PARTITION)
         .parquet(f"{output}/{name}"))

    # The first write analyses every record and caches the rows; the others read the cache,
    # each a small job whose fixed cost (planning, scheduling) is most of it: run together.
    write("documents")
    with ThreadPoolExecutor(max_workers=len(TABLES) - 1) as pool:
        for done in [pool.submit(write, name) for name in TABLES if name != "documents"]:
            done.result()


def _summarise(nested: Any, report: BatchReport, F: Any) -> None:
    ok = F.col("error").isNull()

    def items(column: str) -> Any:
        return F.sum(F.when(ok, F.size(column)).otherwise(0))

    row = nested.agg(
        F.sum(F.when(ok, 1).otherwise(0)).alias("documents"),
        F.sum(F.when(ok, 0).otherwise(1)).alias("failed"),
        F.sum(F.when(ok & F.col("prefiltered"), 1).otherwise(0)).alias("prefiltered"),
        F.sum(F.when(ok, F.octet_length("text")).otherwise(0)).alias("text_bytes"),
        *(items(name).alias(name) for name in LISTS),
    ).first()
    c = report.counters
    c.documents, c.failed = int(row["documents"] or 0), int(row["failed"] or 0)
    c.prefiltered, c.text_bytes = int(row["prefiltered"] or 0), int(row["text_bytes"] or 0)
    failures = (nested.where(~ok).orderBy("input_index", "record_index")
                .select("record", "error").limit(FAILURES_NAMED).collect())
    c.failures = [(r["record"], r["error"]) for r in failures]
    report.tables = {"documents": c.documents,
                     **{name: int(row[name] or 0) for name in LISTS},
                     "assessments": c.documents, "failures": c.failed}
