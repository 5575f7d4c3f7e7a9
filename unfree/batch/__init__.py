"""Batch: the pipeline over many documents at once, on every core of a machine or in Spark.

Owns running `unfree.pipeline.analyze` in parallel without changing a byte of what it says:
the process pool behind `unfree analyze --workers N` (`pool`), the batch command (`cli`) and
its two engines, this machine's cores (`local`) and Spark, local mode or a cluster through
spark-submit (`spark`, `spark_tasks`, `spark_main`); reading JSON Lines, Parquet and WARC
archives into numbered records whose documents `unfree.ingest` reads (`sources`, `warc`);
one analysis per process (`analyser`); the Parquet tables a batch writes and reading them
back (`tables`, `readback`), which `unfree ingest --from-parquet` stores; the pre-filter that
skips the indicator stage only where it provably finds nothing (`prefilter`); progress and
the run's summary (`report`). It does not analyse (the stages do) or store (`unfree.store`).

Nothing is imported here, so that the CLI can name the commands without loading pyarrow or
Spark.
"""
