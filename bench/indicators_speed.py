"""Throughput of the indicators stage alone, and of the whole analysis, on the benchmark
corpora (`bench/throughput.py`'s `build_corpus`), best of several runs.

    .venv/bin/python bench/indicators_speed.py [--mb 3] [--repeat 3] [--no-analyze]

Languages and facts are computed before the clock starts, so that the indicator figure is
`find_indicators` (with the segmentation it does) and nothing else. `--clock cpu` times the
process's CPU time instead of the wall clock: steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_corpus  # noqa: E402

from unfree.facts import extract_facts  # noqa: E402
from unfree.indicators import find_indicators  # noqa: E402
from unfree.language import detect_language  # noqa: E402
from unfree.pipeline import analyze  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-analyze", action="store_true")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.process_time
    for warm in build_corpus(0.05, relevant=1.0):  # load every language's data once
        analyze(warm)
    for relevant in (0.0, 0.2, 1.0):
        docs = build_corpus(args.mb, relevant=relevant)
        mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
        inputs = []
        for d in docs:
            lang = detect_language(d.text)
            inputs.append((d.text, lang, extract_facts(d.text, lang)))
        best = float("inf")
        for _ in range(args.repeat):
            start = clock()
            for text, lang, facts in inputs:
                find_indicators(text, lang, facts)
            best = min(best, clock() - start)
        line = f"relevant {relevant:.1f}: {mb:.2f} MB  find_indicators {mb / best:6.2f} MB/s"
        if not args.no_analyze:
            best_a = float("inf")
            for _ in range(args.repeat):
                start = clock()
                for d in docs:
                    analyze(d)
                best_a = min(best_a, clock() - start)
            line += f"  analyze {mb / best_a:5.2f} MB/s"
        print(line, flush=True)


if __name__ == "__main__":
    main()
