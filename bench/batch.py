"""Benchmark: beyond one process. Writes bench/batch_results.json and prints a summary.

    .venv/bin/python bench/batch.py [--mb 5] [--scale 1,10,30] [--no-spark]

All in one run, on the news-like mix of bench/throughput.py (invented texts, 20 % of the
sentences from forced-labour accounts):
- one process: MB/s of `unfree analyze`'s own loop (analysis and JSON Lines), against spaCy's
  blank tokenizer on the same texts;
- `--workers 2` against one worker on the same documents (the pool forked from a warmed
  process; then `unfree analyze` itself end to end, lexicons loaded by every worker);
- `unfree batch --engine local -w 2` and `--engine spark` in `local[2]` on the same JSON Lines
  file, into Parquet: MB/s, Spark's overhead, the JVM's start and the first run's extra cost;
- peak memory: the one process, and per worker (pool processes, Spark's Python workers);
- cost against size: `batch --engine local -w 2` on --scale megabytes (seconds per MB);
- the machine's load average before and after, since other work on it slows every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from rich.console import Console  # noqa: E402
from throughput import build_corpus, spacy_seconds  # noqa: E402

from unfree.batch.analyser import warm_up  # noqa: E402
from unfree.batch.local import run_local  # noqa: E402
from unfree.batch.pool import cores, rendered  # noqa: E402
from unfree.batch.report import Progress  # noqa: E402
from unfree.model import Document  # noqa: E402

# --- the machine: other work on it slows every figure, so each phase waits for idle cores
# and records how busy the machine was besides this benchmark --------------------------------


def _cpu_jiffies() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot (Linux)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def _own_cpu_s() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def wait_for_idle(max_wait_s: float, sample_s: float = 3.0) -> float:
    """Wait (at most `max_wait_s`) until other processes use under 10 % of one core;
    the share of the machine's cores they used in the last sample."""
    deadline = time.monotonic() + max_wait_s
    while True:
        busy0, total0 = _cpu_jiffies()
        time.sleep(sample_s)
        busy1, total1 = _cpu_jiffies()
        share = (busy1 - busy0) / max(1, total1 - total0)
        if share * cores() < 0.1 or time.monotonic() >= deadline:
            return round(share, 3)
        time.sleep(5)


class Phase:
    """Times a phase and measures how much of the machine others used meanwhile (cores)."""

    def __init__(self, max_wait_s: float) -> None:
        self.idle_before = wait_for_idle(max_wait_s)

    def __enter__(self) -> Phase:
        self.jiffies = _cpu_jiffies()
        self.own = _own_cpu_s()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        busy, _total = _cpu_jiffies()
        tick = os.sysconf("SC_CLK_TCK")
        used_cores = (busy - self.jiffies[0]) / tick / self.seconds
        own_cores = (_own_cpu_s() - self.own) / self.seconds
        # Spark's JVM is counted only when it ends: its phases over-count others.
        self.others_cores = round(max(0.0, used_cores - own_cores), 2)


def megabytes(docs: list[Document]) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / 1e6


def write_jsonl(docs: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")


def analyse(docs: list[Document], workers: int) -> None:
    """`unfree analyze`'s loop: the documents rendered as JSON Lines, in input order."""
    with rendered(iter(docs), "jsonl", workers=workers) as chunks:
        for chunk in chunks:
            for line in chunk.outputs:
                assert isinstance(line, str)


def analyze_cli(path: Path, workers: int) -> None:
    """`unfree analyze FILE -w N > /dev/null` from a cold interpreter."""
    command = Path(sys.executable).with_name("unfree")
    subprocess.run([str(command), "analyze", str(path), "-q", "-w", str(workers)],
                   stdout=subprocess.DEVNULL, check=True, cwd=ROOT)


def quiet() -> Progress:
    return Progress(Console(stderr=True), quiet=True)


def local_batch(path: Path, out: Path, workers: int) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    report = run_local([str(path)], out, workers=workers, prefilter=False, progress=quiet())
    return report.to_dict()


class Bench:
    """The figures, each phase timed with the machine's other load beside it."""

    def __init__(self, max_wait_s: float) -> None:
        self.max_wait_s = max_wait_s
        self.others: dict[str, float] = {}

    def time(self, name: str, work: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
        phase = Phase(self.max_wait_s)
        with phase:
            result = work(*args, **kwargs)
        self.others[name] = phase.others_cores
        return phase.seconds, result


def spark_figures(bench: Bench, path: Path, warm_path: Path, tmp: Path,
                  local_s: float, local_tables: dict[str, int]) -> dict[str, Any]:
    from unfree.batch.spark import run_spark, spark_session

    session_s, spark = bench.time("spark_session", spark_session, "local[2]")
    try:
        # The first run starts the Python workers (each loads every language); the second,
        # on the corpus, finds them warm, as every later task of a long job does.
        first_s, _ = bench.time("spark_first_run", run_spark, [str(warm_path)],
                                tmp / "spark-0", progress=quiet(), spark=spark)
        run_s, report = bench.time("spark_run", run_spark, [str(path)], tmp / "spark-1",
                                   progress=quiet(), spark=spark)
    finally:
        spark.stop()
    summary = report.to_dict()
    return {"session_start_s": round(session_s, 2), "first_run_s": round(first_s, 2),
            "run_s": round(run_s, 2), "mb_per_s": round(summary["text_mb"] / run_s, 2),
            "peak_worker_rss_mb": summary["peak_worker_rss_mb"],
            "overhead_vs_batch_local_2": round(run_s / local_s - 1, 2),
            "same_rows_as_local": summary["tables"] == local_tables}


def news_pages(docs: list[Document], count: int) -> list[bytes]:
    """Web pages as news sites serve them: the article's paragraphs inside navigation,
    related links, a script, reader comments and a footer (about 30 KB of HTML each)."""
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
    related = "".join(f'<li><a href="/story/{i}">Another story about the city council, part '
                      f'{i}</a></li>' for i in range(30))
    script = "<script>var config = {" + ",".join(f'"k{i}": {i}' for i in range(800)) + "};"
    script += "</script>"
    comments = "".join(f'<li class="comment" id="comment-{i}"><span class="comment-author">'
                       f'Reader {i}</span><div class="comment-content"><p>I read this twice '
                       f'and still cannot believe it, comment {i}.</p></div></li>'
                       for i in range(5))
    pages = []
    for doc in docs[:count]:
        paragraphs = "".join(f"<p>{s}.</p>" for s in doc.text.split(". ") if s)
        pages.append((
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{doc.id}</title>'
            f"{script}</head><body><header><nav><ul>{nav}</ul></nav></header><main><article>"
            f"<h1>Story {doc.id}</h1>{paragraphs}</article></main><aside><ul>{related}</ul>"
            f'</aside><section id="comments"><ol>{comments}</ol></section><footer>'
            f"<p>Copyright the publisher. All rights reserved.</p></footer></body></html>"
        ).encode())
    return pages


def read_pages(pages: list[bytes]) -> None:
    from unfree.ingest import read_bytes

    for i, page in enumerate(pages):
        read_bytes(page, suffix=".html", doc_id=str(i), source="bench")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--scale", default="1,10,30",
                        help="megabytes for the cost-against-size runs (comma-separated)")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--max-wait", type=float, default=600.0,
                        help="seconds each phase may wait for idle cores")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "batch_results.json")
    args = parser.parse_args()
    bench = Bench(args.max_wait)
    warm_up()
    docs = build_corpus(args.mb)
    mb = megabytes(docs)
    results: dict[str, Any] = {"corpus_mb": round(mb, 2), "documents": len(docs),
                               "cores": cores(), "python": sys.version.split()[0]}
    one_s, _ = bench.time("single_process", analyse, docs, 1)
    rss_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tok_s, _ = bench.time("spacy", spacy_seconds, docs)
    two_s, _ = bench.time("workers_2", analyse, docs, 2)
    results["single_process"] = {
        "mb_per_s": round(mb / one_s, 2), "seconds": round(one_s, 2),
        "spacy_blank_tokenizer_mb_per_s": round(mb / tok_s, 2),
        "engine_to_spacy_tokenizer": round(tok_s / one_s, 3),
        "peak_rss_mb": round(rss_one, 1)}
    results["workers_2"] = {"mb_per_s": round(mb / two_s, 2), "seconds": round(two_s, 2),
                            "speedup_over_1": round(one_s / two_s, 2)}

    pages = news_pages(build_corpus(1.0, seed=5), 300)
    html_s, _ = bench.time("html", read_pages, pages)
    html_mb = sum(len(p) for p in pages) / 1e6
    results["html_pages"] = {"pages": len(pages), "html_kb_per_page": round(html_mb * 1e3 /
                                                                            len(pages), 1),
                             "ms_per_page": round(html_s * 1e3 / len(pages), 2),
                             "html_mb_per_s": round(html_mb / html_s, 2)}

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        write_jsonl(docs, corpus)
        cli_one, _ = bench.time("analyze_cli_1", analyze_cli, corpus, 1)
        cli_two, _ = bench.time("analyze_cli_2", analyze_cli, corpus, 2)
        results["analyze_cli"] = {"workers_1_s": round(cli_one, 2),
                                  "workers_2_s": round(cli_two, 2),
                                  "speedup": round(cli_one / cli_two, 2)}
        local_s, local = bench.time("batch_local_2", local_batch, corpus, tmp / "local", 2)
        results["batch_local_2"] = {
            "seconds": round(local_s, 2), "mb_per_s": round(mb / local_s, 2),
            **{k: local[k] for k in ("documents_per_s", "peak_worker_rss_mb", "tables")}}
        if not args.no_spark:
            small = tmp / "warm.jsonl"
            write_jsonl(build_corpus(0.2, seed=11), small)
            results["spark_local_2"] = spark_figures(bench, corpus, small, tmp, local_s,
                                                     local["tables"])
        scale = []
        for size in (float(s) for s in args.scale.split(",") if s):
            path = tmp / f"scale-{size:g}.jsonl"
            write_jsonl(build_corpus(size, seed=int(size) + 3), path)
            seconds, run = bench.time(f"scale_{size:g}", local_batch, path,
                                      tmp / f"scale-{size:g}", 2)
            scale.append({"mb": run["text_mb"], "seconds": round(seconds, 2),
                          "s_per_mb": round(seconds / run["text_mb"], 3),
                          "peak_worker_rss_mb": run["peak_worker_rss_mb"]})
            path.unlink()
            shutil.rmtree(tmp / f"scale-{size:g}")
        results["cost_against_size_local_2"] = scale
    results["other_load_cores"] = bench.others
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
