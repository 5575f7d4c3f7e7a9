"""Equality harness for speed work on the indicators stage: record what `find_indicators`
and the whole `analyze` give on a fixed set of texts, then compare a later run against it.

    .venv/bin/python bench/indicators_equality.py record  [--baseline FILE]
    .venv/bin/python bench/indicators_equality.py compare [--baseline FILE]

FILE defaults to build/indicators_baseline.jsonl.gz.

The texts: every record of the shared corpus (when present) and of tests/data, the samples,
every string literal of tests/test_indicators_*.py (each in all seven languages), a few
variants of the samples that stress offsets and segmentation (upper case, line breaks, a
letter that lengthens when lower-cased), and `build_corpus` output at relevant 0.0, 0.2 and
1.0 with fixed seeds. An optimisation is acceptable only when `compare` reports no difference.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import build_corpus  # noqa: E402

from unfree.facts import extract_facts  # noqa: E402
from unfree.indicators import find_indicators  # noqa: E402
from unfree.ingest import IngestError, iter_documents  # noqa: E402
from unfree.language import SUPPORTED, detect_language  # noqa: E402
from unfree.model import Document  # noqa: E402
from unfree.pipeline import analyze, to_dict  # noqa: E402

SHARED = Path("/work/shared/corpus")
DEFAULT = ROOT / "build" / "indicators_baseline.jsonl.gz"
CORPUS_MB = 5.0


def _ingested(paths: list[Path]) -> list[Document]:
    docs = [d for d in iter_documents([str(p) for p in paths if p.exists()])
            if not isinstance(d, IngestError)]
    return docs


def _test_strings() -> list[str]:
    """Every string literal (implicit concatenations joined) of the indicator tests: the
    engine's and the lexicons' (not the fast path's, whose texts are the corpora above)."""
    out: list[str] = []
    for path in sorted((ROOT / "tests").glob("test_indicators_*.py")):
        if path.name == "test_indicators_fast_path.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
                out.append(node.value)
    return out


def _variants(doc: Document) -> Iterator[tuple[str, str]]:
    text = doc.text
    yield "upper", text.upper()
    yield "lines", text.replace(". ", ".\n")
    yield "dotted_i", text.replace(" ", " İ", 3)
    yield "no_space", text.replace(". ", ".")
    yield "questions", text.replace(". ", "? ", 5)


def cases() -> Iterator[tuple[str, str, Any]]:
    """(key, kind, payload): kind "find" has payload (text, lang); "analyze" a Document."""
    files = sorted(SHARED.glob("*.jsonl")) + sorted((ROOT / "tests" / "data").glob("*.jsonl"))
    records = _ingested(files) + _ingested([ROOT / "samples"])
    for doc in records:
        key = f"{doc.source}#{doc.id}"
        lang = doc.lang or detect_language(doc.text)
        yield key, "find", (doc.text, lang)
        yield key, "analyze", doc
        yield key + "#detected", "analyze", replace(doc, lang=None)
        for name, text in _variants(doc):
            yield f"{key}#{name}", "find", (text, lang)
    for i, text in enumerate(_test_strings()):
        for lang in SUPPORTED:
            yield f"test-string-{i}#{lang}", "find", (text, lang)
        yield f"test-string-{i}", "analyze", Document(id=f"s{i}", text=text)
    for relevant in (0.0, 0.2, 1.0):
        for doc in build_corpus(CORPUS_MB, relevant=relevant, seed=7):
            key = f"bench-{relevant}-{doc.id}"
            yield key, "find", (doc.text, detect_language(doc.text))
            yield key, "analyze", doc


def _run(kind: str, payload: Any) -> Any:
    if kind == "find":
        text, lang = payload
        facts = extract_facts(text, lang)
        return [f.to_dict() for f in find_indicators(text, lang, facts)]
    out = to_dict(analyze(payload))
    out.pop("engine", None)
    return out


def record(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    start = time.perf_counter()
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for key, kind, payload in cases():
            fh.write(json.dumps({"key": key, "kind": kind, "out": _run(kind, payload)},
                                ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"recorded {n} cases in {time.perf_counter() - start:.1f}s to {path}")


def compare(path: Path) -> int:
    baseline: dict[tuple[str, str], str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            baseline[(row["key"], row["kind"])] = json.dumps(row["out"], ensure_ascii=False,
                                                             sort_keys=True)
    seen = 0
    diffs: list[tuple[str, str]] = []
    start = time.perf_counter()
    for key, kind, payload in cases():
        seen += 1
        now = json.dumps(_run(kind, payload), ensure_ascii=False, sort_keys=True)
        if baseline.get((key, kind)) != now:
            diffs.append((key, kind))
            if len(diffs) <= 5:
                print(f"DIFF {kind} {key}\n  was {baseline.get((key, kind), '<missing>')[:600]}"
                      f"\n  now {now[:600]}")
    missing = len(baseline) - seen
    print(f"compared {seen} cases in {time.perf_counter() - start:.1f}s: {len(diffs)} differ"
          f"{f', {missing} baseline cases not produced' if missing else ''}")
    return 1 if diffs or missing else 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["record", "compare"])
    parser.add_argument("--baseline", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if args.mode == "record":
        record(args.baseline)
    else:
        sys.exit(compare(args.baseline))


if __name__ == "__main__":
    main()
