"""Throughput of the facts stage alone (`extract_facts`), in MB/s of UTF-8, on the benchmark
corpus at relevant shares 0.0 (everyday news), 0.2 (the standard mix) and 1.0 (forced-labour
accounts). Languages are detected beforehand: only the stage is timed. Best of --runs, in
CPU time of this process (`time.process_time`): on a shared machine, wall-clock time also counts
the time other processes hold the cores.

    .venv/bin/python bench/facts_speed.py [--mb 3] [--runs 3] [--profile 0.2]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_corpus  # noqa: E402

from unfree.facts import extract_facts  # noqa: E402
from unfree.language import detect_language  # noqa: E402


def corpus(mb: float, relevant: float) -> list[tuple[str, str]]:
    return [(d.text, detect_language(d.text)) for d in build_corpus(mb, relevant=relevant)]


def seconds(docs: list[tuple[str, str]]) -> float:
    start = time.process_time()
    for text, lang in docs:
        extract_facts(text, lang)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", type=float, default=None,
                        help="profile one pass over the corpus of this relevant share")
    args = parser.parse_args()
    for text, lang in corpus(0.05, 1.0):  # compile every language's lexicon once
        extract_facts(text, lang)
    if args.profile is not None:
        docs = corpus(args.mb, args.profile)
        prof = cProfile.Profile()
        prof.enable()
        seconds(docs)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return
    for rel in (0.0, 0.2, 1.0):
        docs = corpus(args.mb, rel)
        mb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
        best = min(seconds(docs) for _ in range(args.runs))
        print(f"relevant {rel:.1f}: {mb:.2f} MB, {len(docs)} documents, "
              f"{mb / best:6.2f} MB/s")


if __name__ == "__main__":
    main()
