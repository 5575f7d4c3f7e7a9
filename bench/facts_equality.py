"""Equality harness for the facts stage: every fact of a large, varied set of texts, saved once
and compared after every change to `unfree/facts/`.

    .venv/bin/python bench/facts_equality.py save  [--out build/facts_baseline.json]
    .venv/bin/python bench/facts_equality.py check [--baseline build/facts_baseline.json]

The texts: every record of the shared corpus (dev and seeds), tests/data/written_*.jsonl, the
documents under samples/, every (lang, sentence) pair written in tests/test_facts.py, the same
with numbers of other sizes, and about 5 MB of the benchmark corpus at relevant shares 0.0, 0.2
and 1.0 (fixed seeds). The small sets are also read in every other language (a text read with
the wrong lexicon still walks the grammar, through other branches). Optimisations of the stage
must leave this output identical: `check` exits 1 and names the first texts that differ.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_corpus  # noqa: E402

from unfree.facts import extract_facts  # noqa: E402
from unfree.ingest import IngestError, iter_documents  # noqa: E402
from unfree.language import detect_language  # noqa: E402

SHARED = Path("/work/shared/corpus")
LANGS = ("en", "nl", "de", "fr", "es", "ru", "ko", "it")
DEFAULT = ROOT / "build" / "facts_baseline.json"
BENCH_MB = 5.0


def _jsonl(path: Path) -> Iterator[tuple[str, str, str]]:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            rec = json.loads(line)
            text = rec.get("text") or ""
            yield f"{path.name}:{rec.get('id', i)}", text, rec.get("lang") or ""


def _test_sentences() -> Iterator[tuple[str, str, str]]:
    """Every (lang, text) tuple literal of tests/test_facts.py, found by reading its syntax."""
    path = ROOT / "tests" / "test_facts.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    k = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and len(node.elts) >= 2:
            a, b = node.elts[0], node.elts[1]
            if (isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value in LANGS
                    and isinstance(b, ast.Constant) and isinstance(b.value, str)):
                yield f"test_facts:{k}", b.value, a.value
                k += 1
    # Sentences written inline in the test functions.
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "extract_facts":
            args = node.args
            if (len(args) == 2 and isinstance(args[0], ast.Constant)
                    and isinstance(args[0].value, str) and isinstance(args[1], ast.Constant)):
                yield f"test_facts:{k}", args[0].value, str(args[1].value)
                k += 1


def small_texts() -> list[tuple[str, str, str]]:
    """(key, text, lang) of the texts that live in the repository or the shared corpus."""
    out: list[tuple[str, str, str]] = []
    for name in ("dev.jsonl", "seeds.gold.jsonl"):
        if (SHARED / name).is_file():
            out.extend(_jsonl(SHARED / name))
    for path in sorted((ROOT / "tests" / "data").glob("written_*.jsonl")):
        out.extend(_jsonl(path))
    for item in iter_documents([str(ROOT / "samples")]):
        if isinstance(item, IngestError) or not item.text:
            continue
        name = str(item.id).replace(str(ROOT) + "/", "")  # the same key in any checkout
        out.append((f"samples:{name}", item.text, item.lang or ""))
    out.extend(_test_sentences())
    return out


def mutated_texts(texts: list[tuple[str, str, str]], copies: int = 2, seed: int = 5
                  ) -> list[tuple[str, str, str]]:
    """The small texts again with every digit run replaced by a number of another size (hours
    and days, years, thousands, decimals): the benchmark corpus only has 2-90, and the rules
    have thresholds (hour-like, year-like, revenue, share of 100)."""
    rng = random.Random(seed)

    def number() -> str:
        kind = rng.randrange(6)
        if kind == 0:
            return str(rng.randint(1, 24))
        if kind == 1:
            return str(rng.randint(1900, 2100))
        if kind == 2:
            return str(rng.randint(100, 999_999))
        if kind == 3:
            return f"{rng.randint(1, 999)}.{rng.randint(0, 99)}"
        if kind == 4:
            return f"{rng.randint(1, 99)},{rng.randint(100, 999)}"
        return str(rng.randint(0, 9))

    out: list[tuple[str, str, str]] = []
    for key, text, lang in texts:
        for c in range(copies):
            out.append((f"{key}~{c}", re.sub(r"\d+", lambda _m: number(), text), lang))
    return out


def bench_texts(mb: float = BENCH_MB) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for rel, seed in ((0.0, 11), (0.2, 7), (1.0, 13)):
        for d in build_corpus(mb, relevant=rel, seed=seed):
            out.append((f"bench{rel}:{d.id}", d.text, ""))
    return out


def _facts(text: str, lang: str) -> list[list[Any]]:
    return [[f.kind, f.value, f.low, f.high, f.unit, f.start, f.end, f.quote, f.rule]
            for f in extract_facts(text, lang)]


def run(mb: float) -> tuple[dict[str, Any], float, int]:
    """Every fact of every text under every language it is read in; seconds spent in the
    stage and characters read."""
    out: dict[str, Any] = {}
    spent, chars = 0.0, 0
    jobs: list[tuple[str, str, str]] = []
    small = small_texts()
    for key, text, lang in small + mutated_texts(small):
        own = lang or detect_language(text)
        jobs.append((f"{key}@{own}", text, own))
        for other in LANGS:
            if other != own:
                jobs.append((f"{key}@{other}", text, other))
    for key, text, _ in bench_texts(mb):
        lang = detect_language(text)
        jobs.append((f"{key}@{lang}", text, lang))
    for key, text, lang in jobs:
        t0 = time.perf_counter()
        facts = _facts(text, lang)
        spent += time.perf_counter() - t0
        chars += len(text)
        if key in out:
            key = f"{key}#{hashlib.sha1(text.encode()).hexdigest()[:8]}"
        out[key] = facts
    return out, spent, chars


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("save", "check"))
    parser.add_argument("--out", "--baseline", dest="path", type=Path, default=DEFAULT)
    parser.add_argument("--mb", type=float, default=BENCH_MB)
    args = parser.parse_args()
    result, spent, chars = run(args.mb)
    n_facts = sum(len(v) for v in result.values())
    print(f"{len(result)} texts, {chars / 1e6:.1f} M characters, {n_facts} facts, "
          f"{spent:.1f} s in extract_facts")
    if args.mode == "save":
        args.path.parent.mkdir(parents=True, exist_ok=True)
        args.path.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        print(f"saved {args.path}")
        return
    base = json.loads(args.path.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(result, ensure_ascii=False))  # same float/tuple round trip
    bad = [k for k in sorted(set(base) | set(now)) if base.get(k) != now.get(k)]
    if not bad:
        print(f"identical to {args.path}")
        return
    print(f"{len(bad)} texts differ:")
    for k in bad[:15]:
        b, n = base.get(k) or [], now.get(k) or []
        print(f"  {k}")
        for f in b:
            if f not in n:
                print(f"    - {f}")
        for f in n:
            if f not in b:
                print(f"    + {f}")
    sys.exit(1)


if __name__ == "__main__":
    main()
