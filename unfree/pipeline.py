"""Wire the stages: one `Pipeline.analyze(document)` call gives the whole `Analysis`."""

from __future__ import annotations

from typing import Any

from unfree import __version__
from unfree.assess import assess
from unfree.entities import extract_mentions
from unfree.facts import extract_facts
from unfree.indicators import find_indicators
from unfree.language import SUPPORTED, detect_language
from unfree.model import Analysis, Document, Fact, Finding


def analyze(document: Document) -> Analysis:
    """Analyse one document: language, facts, indicator findings and the assessment."""
    lang = document.lang or detect_language(document.text)
    facts = extract_facts(document.text, lang)
    findings = find_indicators(document.text, lang, facts)
    return complete(document, lang, facts, findings)


def complete(document: Document, lang: str, facts: list[Fact],
             findings: list[Finding]) -> Analysis:
    """The rest of an analysis once its facts and findings are known: the assessment and
    the mentions. `unfree.batch.prefilter` comes here too, so that an analysis whose
    indicator stage it skipped is put together by the very same code."""
    assessment = assess(findings, facts)
    assessment["language_supported"] = lang in SUPPORTED
    if lang not in SUPPORTED:
        assessment["reasoning"].insert(0, (
            f"The text is in '{lang}': indicator lexicons exist for {', '.join(SUPPORTED)}, so "
            "only its numbers and the findings they imply were read."))
    mentions = extract_mentions(document.text, lang)
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
