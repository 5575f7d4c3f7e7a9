"""`spark-submit`'s entry: the arguments of `unfree batch`, run with the Spark engine.

    main=$(python -c 'import unfree.batch.spark_main as m; print(m.__file__)')
    spark-submit [Spark options] "$main" INPUT... OUTPUT [--partitions N] [--prefilter]

spark-submit needs a file to run, not a module or a console script; this is that file. The
session is the one spark-submit configured (master, executors, the Python they run).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from unfree.cli import app

    app(["batch", "--engine", "spark", *(sys.argv[1:] if argv is None else argv)],
        prog_name="unfree")


if __name__ == "__main__":
    main()
