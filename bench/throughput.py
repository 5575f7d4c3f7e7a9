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

from unfree.data import load_yaml  # noqa: E402
from unfree.ingest import IngestError, iter_documents  # noqa: E402
from unfree.model import Document  # noqa: E402
from unfree.pipeline import analyze, analyze_all  # noqa: E402


def build_corpus(megabytes: float, relevant: float = 0.2, seed: int = 7) -> list[Document]:
    """Documents of 12 sentences: a `relevant` share from the samples (forced-labour
    accounts dense with cues and numbers), the rest everyday news from bench/filler.yaml.
    Documents carry no language: detection is part of the work measured."""
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for item in iter_documents([str(ROOT / "samples")]):
        if isinstance(item, IngestError) or not item.text:
            continue
        lang = item.lang or _guess(item.text)
        sents = [s for s in re.split(r"(?<=[.!?。])\s+", item.text) if len(s) > 20]
        pools.setdefault(lang, []).extend(sents)
    filler = load_yaml((ROOT / "bench" / "filler.yaml").read_text(encoding="utf-8"))
    places = filler.pop("places")
    docs: list[Document] = []
    size, target = 0, int(megabytes * 1_000_000)
    langs = sorted(pools)
    while size < target:
        lang = langs[len(docs) % len(langs)]
        sents = []
        for _ in range(12):
            if rng.random() < relevant:
                sents.append(rng.choice(pools[lang]))
            else:
                sents.append(rng.choice(filler[lang]).replace("{place}", rng.choice(places)))
        text = " ".join(sents).replace("{n}", str(rng.randint(2, 90)))
        text = re.sub(r"\d+", lambda _m: str(rng.randint(2, 90)), text)
        docs.append(Document(id=f"bench-{len(docs)}", text=text))
        size += len(text.encode("utf-8"))
    return docs


def _guess(text: str) -> str:
    from unfree.language import detect_language

    return detect_language(text)


def spacy_seconds(docs: list[Document]) -> float:
    """spaCy's blank tokenizer of each document's language, over the same texts."""
    import spacy

    from unfree.language import detect_language

    tokenizers = {}
    langs = {d.id: detect_language(d.text) for d in docs}
    for lang in set(langs.values()):
        try:
            nlp = spacy.blank(lang if lang != "ko" else "xx")
        except Exception:  # a language spaCy cannot make blank without extra packages
            nlp = spacy.blank("xx")
        tokenizers[lang] = nlp.tokenizer
    start = time.perf_counter()
    for d in docs:
        tokenizers[langs[d.id]](d.text)
    return time.perf_counter() - start


def floor_seconds(docs: list[Document]) -> float:
    """The passes at C speed that any reading of these texts for words and numbers makes,
    and nothing else: language identification, one token regex over the lower-cased text,
    one sentence split and one number regex (the scan without its look-aheads). The engine
    cannot be faster than this; what it spends beyond it is its grammar, in Python."""
    from unfree.facts.lexicon import lexicon
    from unfree.language import detect_language
    from unfree.segment import TOKEN_RE, sentence_bounds

    start = time.perf_counter()
    for d in docs:
        lang = detect_language(d.text)
        TOKEN_RE.findall(d.text.lower())
        sentence_bounds(d.text)
        for _ in lexicon(lang).atom_rx.finditer(" " + d.text):
            pass
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


def measure(docs: list[Document]) -> dict[str, float]:
    """Seconds of `analyze` one document at a time, and of `analyze_all` over chunks as
    `unfree analyze` runs it (stage by stage over each chunk of the worker pool's size)."""
    from unfree.batch.pool import CHUNK_ITEMS

    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    start = time.perf_counter()
    findings = sum(len(analyze(d).findings) for d in docs)
    engine_s = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(0, len(docs), CHUNK_ITEMS):
        analyze_all(docs[i : i + CHUNK_ITEMS])
    batch_s = time.perf_counter() - start
    return {"mb": mb, "documents": len(docs), "findings": findings, "engine_s": engine_s,
            "batch_s": batch_s}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--relevant", type=float, default=0.2,
                        help="share of sentences taken from forced-labour accounts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    args = parser.parse_args()
    for warm in build_corpus(0.05, relevant=1.0):  # load every language's data once
        analyze(warm)
    mixed = build_corpus(args.mb, relevant=args.relevant)
    m = measure(mixed)
    # Peak memory of the engine, read before spaCy is loaded into the same process.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tok_s = spacy_seconds(mixed)
    floor_s = floor_seconds(mixed)
    dense = build_corpus(max(1.0, args.mb / 5), relevant=1.0)
    d = measure(dense)
    tok_dense_s = spacy_seconds(dense)
    results = {
        "corpus_mb": round(m["mb"], 2),
        "relevant_share": args.relevant,
        "documents": m["documents"],
        "findings": m["findings"],
        "engine_mb_per_s": round(m["mb"] / m["engine_s"], 2),
        "engine_docs_per_s": round(m["documents"] / m["engine_s"], 1),
        "spacy_blank_tokenizer_mb_per_s": round(m["mb"] / tok_s, 2),
        "engine_to_spacy_tokenizer": round(tok_s / m["engine_s"], 2),
        "batch_engine_mb_per_s": round(m["mb"] / m["batch_s"], 2),
        "batch_engine_to_spacy_tokenizer": round(tok_s / m["batch_s"], 2),
        "scan_floor_mb_per_s": round(m["mb"] / floor_s, 2),
        "scan_floor_to_spacy_tokenizer": round(tok_s / floor_s, 2),
        "dense_corpus_mb": round(d["mb"], 2),
        "dense_engine_mb_per_s": round(d["mb"] / d["engine_s"], 2),
        "dense_engine_to_spacy_tokenizer": round(tok_dense_s / d["engine_s"], 2),
        "dense_batch_engine_to_spacy_tokenizer": round(tok_dense_s / d["batch_s"], 2),
        "first_document_s": round(first_document_seconds(), 2),
        "peak_rss_mb": round(peak_mb, 1),
        "python": sys.version.split()[0],
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
