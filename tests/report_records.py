"""Analysis records for the report tests, built by hand so that every offset is known.

The texts are invented for these tests (people, ships, farms and agencies do not exist).
Offsets are found with `str.index`, so each quote is exactly `text[start:end]`.
"""

from __future__ import annotations

import copy
from typing import Any

from unfree.indicators import indicator_dimensions

HARBOUR_TEXT = (
    "Statement of K., recorded at the Westmoor harbour drop-in centre.\n\n"
    "Most of the crew came from the Philippines and Indonesia. "
    "The recruiter in Cebu promised 900 dollars a month on a cargo ship. "
    "On board the bosun took our passports and kept them in his cabin. "
    "We hauled nets from 4 a.m. until 10 p.m., seven days a week, and the agency kept back "
    "half of every wage to pay a debt that never shrank. "
    "The ship fished out of Kaohsiung in Taiwan. "
    "When Tomas asked to go home, the captain hit him with a rope.\n"
)

KOREAN_TEXT = (
    "경기도의 한 농장에서 일한 캄보디아 출신 노동자 6명이 여권을 빼앗겼다고 밝혔다. "
    "이들은 하루 14시간씩 일했지만 석 달 동안 임금을 받지 못했다고 말했다."
)

ARABIC_TEXT = "قال عمال البناء إنهم يعملون ست عشرة ساعة في اليوم دون يوم راحة."

HOSTILE_TEXT = (
    "A worker wrote to us: <script>alert(\"text\")</script> and <b>not bold</b>. "
    "They said the foreman <em>kept our ID cards</em> in a locked drawer."
)


def finding(text: str, quote: str, indicator: str, confidence: float = 0.8,
            status: str | None = None) -> dict[str, Any]:
    start = text.index(quote)
    out: dict[str, Any] = {"indicator": indicator, "start": start, "end": start + len(quote),
                           "quote": quote, "confidence": confidence, "rule": f"test.{indicator}"}
    if status is not None:
        out["status"] = status
    return out


def fact(text: str, quote: str, kind: str, unit: str, value: float) -> dict[str, Any]:
    start = text.index(quote)
    return {"kind": kind, "value": value, "unit": unit, "start": start,
            "end": start + len(quote), "quote": quote, "rule": f"test.{kind}"}


def mention(text: str, quote: str, kind: str, key: str, role: str | None = None,
            country: str | None = None) -> dict[str, Any]:
    start = text.index(quote)
    return {"kind": kind, "key": key, "start": start, "end": start + len(quote),
            "quote": quote, "role": role, "country": country}


def record(doc_id: str, text: str, lang: str, findings: list[dict[str, Any]], *,
           verdict: str, derived: list[dict[str, Any]] | None = None,
           facts: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    """A record shaped like `unfree analyze --format jsonl` output, plus `extra` keys."""
    dims = indicator_dimensions()
    active = [f for f in findings if f.get("status") != "rejected"]
    by_dimension = {d: sorted({f["indicator"] for f in active if dims[f["indicator"]] == d})
                    for d in ("involuntariness", "coercion")}
    indicators = {
        i: {"dimension": dims[i], "confidence": max(f["confidence"] for f in findings
                                                    if f["indicator"] == i),
            "findings": [n for n, f in enumerate(findings) if f["indicator"] == i]}
        for i in sorted({f["indicator"] for f in findings})}
    return {
        "id": doc_id, "lang": lang, "text": text, **extra,
        "findings": findings,
        "facts": facts or [],
        "assessment": {
            "forced_labour": verdict, "dimensions": by_dimension,
            "involuntariness_conditions": [], "indicators": indicators,
            "derived": derived or [],
            "reasoning": [f"involuntariness: {', '.join(by_dimension['involuntariness'])}",
                          f"coercion: {', '.join(by_dimension['coercion'])}"],
            "language_supported": lang != "ar",
        },
        "engine": {"name": "unfree", "version": "test"},
    }


def harbour() -> dict[str, Any]:
    t = HARBOUR_TEXT
    findings = [
        finding(t, "The recruiter in Cebu promised 900 dollars a month on a cargo ship.",
                "deception", 0.65),
        finding(t, "On board the bosun took our passports and kept them in his cabin.",
                "retention_of_identity_documents", 0.85),
        # Three spans that overlap without nesting: a run of text is shared by two of them.
        finding(t, "We hauled nets from 4 a.m. until 10 p.m., seven days a week",
                "excessive_overtime", 0.9),
        finding(t, "seven days a week, and the agency kept back half of every wage",
                "withholding_of_wages", 0.8),
        finding(t, "the agency kept back half of every wage to pay a debt that never shrank.",
                "debt_bondage", 0.75),
        finding(t, "When Tomas asked to go home, the captain hit him with a rope.",
                "physical_and_sexual_violence", 0.85, status="confirmed"),
        finding(t, "On board the bosun took our passports", "isolation", 0.5, status="rejected"),
    ]
    facts = [
        fact(t, "900 dollars a month", "wage", "USD/month", 900),
        fact(t, "from 4 a.m. until 10 p.m.", "work_hours_per_day", "hours", 18),
        fact(t, "seven days a week", "work_days_per_week", "days", 7),
    ]
    derived = [
        {"name": "hours_per_week", "value": 126.0, "unit": "hours", "norm": 48,
         "norm_source": "ILO Hours of Work (Industry) Convention, 1919 (No. 1), Art. 2",
         "exceeds_norm": True, "ratio_to_norm": 2.625, "facts": [1, 2]},
        {"name": "rest_days_per_week", "value": 0.0, "unit": "days", "norm": 1,
         "norm_source": "ILO Weekly Rest (Industry) Convention, 1921 (No. 14), Art. 2",
         "exceeds_norm": True, "ratio_to_norm": 0.0, "facts": [2]},
        {"name": "effective_hourly_wage", "value": 1.65, "unit": "USD/hour",
         "facts": [0, 1, 2]},
    ]
    mentions = [
        mention(t, "Philippines", "country", "PH", "origin"),
        mention(t, "Indonesia", "country", "ID", "origin"),
        mention(t, "Cebu", "city", "Cebu", "origin", "PH"),
        mention(t, "Taiwan", "country", "TW", "destination"),
        mention(t, "Kaohsiung", "city", "Kaohsiung", "destination", "TW"),
        mention(t, "hauled nets", "sector", "fishing"),
    ]
    return record("en-harbour", t, "en", findings, verdict="indicated", derived=derived,
                  facts=facts, mentions=mentions, title="Statement of K., Westmoor harbour",
                  date="2023-11-02", source="statements/k.txt")


def harbour_reprint() -> dict[str, Any]:
    """The harbour statement again, with a line added: a near-duplicate."""
    out = copy.deepcopy(harbour())
    out["id"] = "en-harbour-reprint"
    out["text"] = HARBOUR_TEXT + "(Reprinted by the Westmoor Courier.)\n"
    out["title"] = "Reprint: statement of K."
    out["date"] = "2023-11-20"
    return out


def korean() -> dict[str, Any]:
    t = KOREAN_TEXT
    first, second = t.split(". ")
    first, second = first + ".", second
    findings = [
        finding(t, first, "retention_of_identity_documents", 0.85),
        finding(t, second, "excessive_overtime", 0.9),
        finding(t, second, "withholding_of_wages", 0.75),
    ]
    facts = [fact(t, "하루 14시간씩", "work_hours_per_day", "hours", 14),
             fact(t, "6명", "worker_count", "persons", 6)]
    mentions = [mention(t, "캄보디아", "country", "KH", "origin"),
                mention(t, "경기도", "country", "KR", "destination")]
    return record("ko-farm", t, "ko", findings, verdict="indicated", facts=facts,
                  mentions=mentions, title="경기도 농장 노동자 여권 빼앗겨 (가상 기사)",
                  date="2024-02-14")


def arabic() -> dict[str, Any]:
    t = ARABIC_TEXT
    findings = [finding(t, t, "excessive_overtime", 0.9)]
    facts = [fact(t, "ست عشرة ساعة في اليوم", "work_hours_per_day", "hours", 16)]
    return record("ar-site", t, "ar", findings, verdict="insufficient_evidence", facts=facts,
                  title="شهادة عمال البناء (نص متخيل)", date="2024-03-05")


def hostile() -> dict[str, Any]:
    t = HOSTILE_TEXT
    findings = [finding(t, 'A worker wrote to us: <script>alert("text")</script> and '
                           "<b>not bold</b>.", "intimidation_and_threats", 0.6),
                finding(t, "They said the foreman <em>kept our ID cards</em> in a locked drawer.",
                        "retention_of_identity_documents", 0.85)]
    comments = [{"text": '<script>alert("comment")</script> I saw this too',
                 "author": '<i>Reader</i>"><script>alert(1)</script>', "date": "2024-02-21"}]
    return record("hostile", t, "en", findings, verdict="insufficient_evidence",
                  title='<img src=x onerror="alert(\'title\')"> & "quotes"',
                  url="javascript:alert('url')", comments=comments, date="2024-02-20")


def corpus() -> list[dict[str, Any]]:
    """Four independent sources and one reprint, none saying which repeats which."""
    return [harbour(), korean(), harbour_reprint(), arabic(), hostile()]
