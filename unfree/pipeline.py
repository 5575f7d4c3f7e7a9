"""Wire the stages: `analyze(document)` gives one document's whole `Analysis`; `analyze_all`
gives a batch's, one stage at a time."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from unfree import __version__
from unfree.assess import assess
from unfree.entities import extract_mentions
from unfree.facts import extract_facts
from unfree.indicators import find_indicators
from unfree.ingest.errors import IngestError, describe, detached
from unfree.ingest.limits import TimeLimitReached, time_limit, timeout_reason
from unfree.language import SUPPORTED, detect_language
from unfree.model import Analysis, Document, Fact, Finding, Mention

T = TypeVar("T")


def analyze(document: Document) -> Analysis:
    """Analyse one document: language, facts, indicator findings and the assessment."""
    lang = document.lang or detect_language(document.text)
    facts = extract_facts(document.text, lang)
    findings = find_indicators(document.text, lang, facts)
    return complete(document, lang, facts, findings)


def analyze_all(documents: Sequence[Document], seconds: float = 0
                ) -> list[Analysis | IngestError]:
    """What `analyze` gives for each of `documents`, in order, computed one stage at a time
    over the whole batch: each stage's tables (fastText's model, a language's regexes and
    automata) then stay in the CPU's caches from one document to the next instead of
    evicting each other at every document, about a third faster on the benchmark mix.

    `seconds` (> 0) is the deadline per document (`--doc-timeout`), counted over all its
    stages; a document past it, or one the engine fails on, is an `IngestError` in its place
    and leaves the batch, so that one pathological text costs itself and not the run.
    """
    n = len(documents)
    failed: list[IngestError | None] = [None] * n
    left = [float(seconds)] * n

    def each(work: Callable[[Document, int], T]) -> list[T | None]:
        out: list[T | None] = [None] * n
        for i, document in enumerate(documents):
            if failed[i] is not None:
                continue
            started = time.monotonic()
            try:
                if seconds > 0:
                    with time_limit(max(left[i], 1e-3)):
                        out[i] = work(document, i)
                else:
                    out[i] = work(document, i)
            except TimeLimitReached:
                failed[i] = IngestError(describe(document), timeout_reason("analysis", seconds))
            except IngestError as exc:  # a limit the analysis ran into names itself
                failed[i] = detached(exc)
            except Exception as exc:  # an engine bug on one odd text must not end the run
                failed[i] = IngestError(describe(document),
                                        f"analysis failed: {type(exc).__name__}: {exc}")
            left[i] -= time.monotonic() - started
        return out

    langs = each(lambda d, _: d.lang or detect_language(d.text))
    facts = each(lambda d, i: extract_facts(d.text, langs[i] or ""))
    findings = each(lambda d, i: find_indicators(d.text, langs[i] or "", facts[i]))
    mentions = each(lambda d, i: extract_mentions(d.text, langs[i] or ""))
    analyses = each(lambda d, i: _assembled(d, langs[i] or "", facts[i] or [],
                                            findings[i] or [], mentions[i] or []))
    return [failed[i] or analyses[i] or IngestError(describe(documents[i]), "not analysed")
            for i in range(n)]


def complete(document: Document, lang: str, facts: list[Fact],
             findings: list[Finding]) -> Analysis:
    """The rest of an analysis once its facts and findings are known: the assessment and
    the mentions. `unfree.batch.prefilter` comes here too, so that an analysis whose
    indicator stage it skipped is put together by the very same code."""
    return _assembled(document, lang, facts, findings, extract_mentions(document.text, lang))


def _assembled(document: Document, lang: str, facts: list[Fact], findings: list[Finding],
               mentions: list[Mention]) -> Analysis:
    """The analysis of stages' results: the assessment, and the record itself."""
    assessment = assess(findings, facts)
    assessment["language_supported"] = lang in SUPPORTED
    if lang not in SUPPORTED:
        assessment["reasoning"].insert(0, (
            f"The text is in '{lang}': indicator lexicons exist for {', '.join(SUPPORTED)}, so "
            "only its numbers and the findings they imply were read."))
    return Analysis(document, lang, findings, facts, assessment, mentions)


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The JSON form of an analysis, as `unfree/schema/analysis.schema.json` describes."""
    doc = analysis.document
    out: dict[str, Any] = {"id": doc.id, "lang": analysis.lang}
    for key in ("title", "author", "date", "url", "source"):
        value = getattr(doc, key)
        if value is not None:
            out[key] = value
    out["findings"] = [f.to_dict() for f in analysis.findings]
    out["facts"] = [f.to_dict() for f in analysis.facts]
    out["assessment"] = analysis.assessment
    out["mentions"] = [m.to_dict() for m in analysis.mentions]
    if doc.comments:
        out["comments"] = [{"text": c.text, "author": c.author, "date": c.date}
                           for c in doc.comments]
    out["engine"] = {"name": "unfree", "version": __version__}
    return out
