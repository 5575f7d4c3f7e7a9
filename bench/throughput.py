"""Benchmark: analysis throughput against spaCy's blank tokenizer, first-document latency,
peak memory. Writes bench/results.json and prints a summary.

    .venv/bin/python bench/throughput.py [--mb 5]

The corpus is generated from the bundled samples (invented texts), shuffled sentence by
sentence into new documents with fresh numbers, so that it is varied and at least --mb
megabytes of UTF-8. spaCy's blank pipeline for each document's language runs over the very
same texts in the same process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unfree.ingest import IngestError, iter_documents  # noqa: E402
from unfree.model import Document  # noqa: E402
from unfree.pipeline import analyze  # noqa: E402


def build_corpus(megabytes: float, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for item in iter_documents([str(ROOT / "samples")]):
        if isinstance(item, IngestError) or not item.text:
            continue
        lang = item.lang or _guess(item.text)
        sents = [s for s in re.split(r"(?<=[.!?。])\s+", item.text) if len(s) > 20]
        pools.setdefault(lang, []).extend(sents)
    docs: list[Document] = []
    size, target = 0, int(megabytes * 1_000_000)
    langs = sorted(pools)
    while size < target:
        lang = langs[len(docs) % len(langs)]
        sents = rng.sample(pools[lang], k=min(len(pools[lang]), 12))
        text = " ".join(re.sub(r"\d+", lambda _m: str(rng.randint(2, 90)), s) for s in sents)
        docs.append(Document(id=f"bench-{len(docs)}", text=text, lang=lang))
        size += len(text.encode("utf-8"))
    return docs


def _guess(text: str) -> str:
    from unfree.language import detect_language

    return detect_language(text)


def spacy_seconds(docs: list[Document]) -> float:
    import spacy

    tokenizers = {}
    for lang in {d.lang or "xx" for d in docs}:
        try:
            nlp = spacy.blank(lang if lang != "ko" else "xx")
        except Exception:  # a language spaCy cannot make blank without extra packages
            nlp = spacy.blank("xx")
        tokenizers[lang] = nlp.tokenizer
    start = time.perf_counter()
    for d in docs:
        tokenizers[d.lang or "xx"](d.text)
    return time.perf_counter() - start


def first_document_seconds() -> float:
    """Fresh interpreter: import the engine and analyse one document, wall clock."""
    code = (
        "import time; t=time.perf_counter();"
        "from unfree.model import Document; from unfree.pipeline import analyze;"
        "analyze(Document(id='x', text='They took our passports and we worked 16 hours a day.'));"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    docs = build_corpus(args.mb)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    analyze(docs[0])  # load lexicons once, as a long run would
    start = time.perf_counter()
    findings = 0
    for d in docs:
        findings += len(analyze(d).findings)
    engine_s = time.perf_counter() - start
    # Peak memory of the engine, read before spaCy is loaded into the same process.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tok_s = spacy_seconds(docs)
    results = {
        "corpus_mb": round(mb, 2),
        "documents": len(docs),
        "findings": findings,
        "engine_mb_per_s": round(mb / engine_s, 2),
        "engine_docs_per_s": round(len(docs) / engine_s, 1),
        "spacy_blank_tokenizer_mb_per_s": round(mb / tok_s, 2),
        "engine_to_spacy_tokenizer": round(tok_s / engine_s, 2),
        "first_document_s": round(first_document_seconds(), 2),
        "peak_rss_mb": round(peak_mb, 1),
        "python": sys.version.split()[0],
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
