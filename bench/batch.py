"""Benchmark: beyond one process. Writes bench/batch_results.json and prints a summary.

    .venv/bin/python bench/batch.py [--mb 5] [--spark-mb 5,30] [--scale 1,10,30,100]

All in one run, on the news-like mix of bench/throughput.py (invented texts, 20 % of the
sentences from forced-labour accounts):
- one process: MB/s of `unfree analyze`'s own loop (analysis and JSON Lines), against spaCy's
  blank tokenizer on the same texts;
- `--workers 2` against one worker on the same documents (the pool forked from a warmed
  process; then `unfree analyze` itself end to end, lexicons loaded by every worker);
- `unfree batch --engine local -w 2` and `--engine spark` in `local[2]` on the same JSON Lines
  files (--spark-mb), into Parquet: MB/s, Spark's overhead, the JVM's start and the first
  run's extra cost;
- HTML: pages like a news site's (navigation, script, comments) through the HTML reader;
- peak memory: the one process, and per worker (pool processes, Spark's Python workers);
- cost against size: `unfree batch -w 2` as a user runs it (a cold start each time) on
  --scale megabytes, with the straight line that fits them (fixed seconds + seconds per MB)
  and how far any size is off it;
- how many cores other processes used during each phase (`other_load_cores`): each phase
  first waits for idle cores, and is run again (twice at most) when others took more than a
  fifth of a core meanwhile.
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

# --- the machine: other work on it slows every figure, so each phase waits for idle cores,
# records how many cores other processes used meanwhile, and is run again when they did -----


def _cpu_by_process() -> tuple[dict[int, float], dict[int, int]]:
    """CPU seconds so far of every process, and each one's parent (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    cpu: dict[int, float] = {}
    parent: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        pid = int(name)
        parent[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    return cpu, parent


def _others_cpu_s(cpu: dict[int, float], parent: dict[int, int]) -> float:
    """CPU seconds of the processes that are not this one or its descendants (Spark's JVM,
    its Python daemon and workers, pool workers, subprocesses are descendants)."""
    mine = {os.getpid()}
    grew = True
    while grew:
        grew = False
        for pid, ppid in parent.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                grew = True
    return sum(t for pid, t in cpu.items() if pid not in mine)


def wait_for_idle(max_wait_s: float, sample_s: float = 3.0) -> float:
    """Wait (at most `max_wait_s`) until other processes use under a tenth of a core; the
    cores they used in the last sample."""
    deadline = time.monotonic() + max_wait_s
    while True:
        before = _others_cpu_s(*_cpu_by_process())
        time.sleep(sample_s)
        used = (_others_cpu_s(*_cpu_by_process()) - before) / sample_s
        if used < 0.1 or time.monotonic() >= deadline:
            return round(used, 2)
        time.sleep(5)


class Phase:
    """Times a phase and measures how many cores other processes used meanwhile."""

    def __init__(self, max_wait_s: float) -> None:
        self.idle_before = wait_for_idle(max_wait_s)

    def __enter__(self) -> Phase:
        self.others = _others_cpu_s(*_cpu_by_process())
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        # Processes that began and ended inside the phase are not seen: a lower bound.
        others = _others_cpu_s(*_cpu_by_process()) - self.others
        self.others_cores = round(max(0.0, others) / self.seconds, 2)


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
        """Seconds of `work(...)` and its result; a run that others disturbed (more than a
        fifth of a core on average) is run again, twice at most."""
        for _attempt in range(3):
            phase = Phase(self.max_wait_s)
            with phase:
                result = work(*args, **kwargs)
            self.others[name] = phase.others_cores
            if phase.others_cores <= 0.2:
                break
        return phase.seconds, result


def batch_cli(path: Path, out: Path, workers: int) -> dict[str, Any]:
    """`unfree batch FILE OUT -w N` from a cold interpreter: its summary."""
    shutil.rmtree(out, ignore_errors=True)
    command = Path(sys.executable).with_name("unfree")
    done = subprocess.run([str(command), "batch", str(path), str(out), "-w", str(workers),
                           "-f", "json"], capture_output=True, check=True, cwd=ROOT, text=True)
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def spark_figures(bench: Bench, runs: list[tuple[Path, float, dict[str, int]]],
                  warm_path: Path, tmp: Path) -> dict[str, Any]:
    """Spark in local[2] on each (corpus, local engine's seconds, local engine's rows)."""
    from unfree.batch.spark import run_spark, spark_session

    session_s, spark = bench.time("spark_session", spark_session, "local[2]")
    out: dict[str, Any] = {"session_start_s": round(session_s, 2)}
    try:
        # The first run starts the Python workers (each loads every language); the later
        # ones find them warm, as every later task of a long job does.
        first_s, _ = bench.time("spark_first_run", run_spark, [str(warm_path)],
                                tmp / "spark-0", progress=quiet(), spark=spark)
        out["first_run_s"] = round(first_s, 2)
        out["runs"] = []
        for path, local_s, local_tables in runs:
            run_s, report = bench.time(f"spark_{path.stem}", run_spark, [str(path)],
                                       tmp / f"spark-{path.stem}", progress=quiet(),
                                       spark=spark)
            summary = report.to_dict()
            out["runs"].append({
                "mb": summary["text_mb"], "seconds": round(run_s, 2),
                "mb_per_s": round(summary["text_mb"] / run_s, 2),
                "batch_local_2_s": round(local_s, 2),
                "overhead_vs_batch_local_2": round(run_s / local_s - 1, 2),
                "peak_worker_rss_mb": summary["peak_worker_rss_mb"],
                "same_rows_as_local": summary["tables"] == local_tables})
    finally:
        spark.stop()
    return out


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


def linear_fit(runs: list[dict[str, Any]]) -> dict[str, float]:
    """seconds = fixed + per_mb * MB by least squares, and the largest relative miss."""
    if len(runs) < 2:
        return {}
    xs = [r["mb"] for r in runs]
    ys = [r["seconds"] for r in runs]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)
    fixed = my - slope * mx
    miss = max(abs(fixed + slope * x - y) / y for x, y in zip(xs, ys, strict=True))
    return {"fixed_s": round(fixed, 2), "s_per_mb": round(slope, 3),
            "largest_miss": round(miss, 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--scale", default="1,10,30,100",
                        help="megabytes for the cost-against-size runs (comma-separated)")
    parser.add_argument("--spark-mb", default="5,30", type=lambda v: [float(x) for x in
                                                                    v.split(",")],
                        help="megabytes for Spark against the local engine (comma-separated)")
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
    _, tok_s = bench.time("spacy", spacy_seconds, docs)  # its own timing: tokenizing only
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
        # The local engine in this (warm) process: its workers fork with the lexicons loaded.
        local_runs = []
        for size in args.spark_mb:
            path = tmp / f"corpus-{size:g}mb.jsonl"
            write_jsonl(docs if size == args.mb else build_corpus(size, seed=9), path)
            local_s, local = bench.time(f"batch_local_{size:g}", local_batch, path,
                                        tmp / "local", 2)
            local_runs.append((path, local_s, local["tables"]))
            results.setdefault("batch_local_2", []).append({
                "mb": local["text_mb"], "seconds": round(local_s, 2),
                "mb_per_s": round(local["text_mb"] / local_s, 2),
                **{k: local[k] for k in ("documents_per_s", "peak_worker_rss_mb")}})
        # `unfree batch` as a user runs it, from a cold start: what grows with the input.
        scale = []
        for size in (float(s) for s in args.scale.split(",") if s):
            path = tmp / f"scale-{size:g}.jsonl"
            write_jsonl(build_corpus(size, seed=int(size) + 3), path)
            seconds, run = bench.time(f"scale_{size:g}", batch_cli, path,
                                      tmp / f"scale-{size:g}", 2)
            scale.append({"mb": run["text_mb"], "seconds": round(seconds, 2),
                          "s_per_mb": round(seconds / run["text_mb"], 3),
                          "peak_worker_rss_mb": run["peak_worker_rss_mb"]})
            path.unlink()
            shutil.rmtree(tmp / f"scale-{size:g}")
        results["cost_against_size_batch_cli_2"] = {"runs": scale, "fit": linear_fit(scale)}
        if not args.no_spark:
            small = tmp / "warm.jsonl"
            write_jsonl(build_corpus(0.2, seed=11), small)
            results["spark_local_2"] = spark_figures(bench, local_runs, small, tmp)
    results["other_load_cores"] = bench.others
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
