"""The records that flow between stages: documents in, findings, facts and assessments out.

Offsets are always Python string indices into `Document.text`, so `text[start:end] == quote`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment kept apart from a page's main text."""

    text: str
    author: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One text to analyse, with what its source said about it."""

    id: str
    text: str
    lang: str | None = None  # given by the source (jsonl) or detected later
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None  # path (or "-" for stdin) it was read from
    comments: tuple[Comment, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One span of text that carries an ILO indicator."""

    indicator: str
    start: int
    end: int
    quote: str
    confidence: float
    rule: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Fact:
    """One quantity read from the text: a single `value` or a `low`-`high` range."""

    kind: str
    unit: str
    start: int
    end: int
    quote: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    rule: str = ""

    @property
    def central(self) -> float:
        """The value, or the middle of the range."""
        if self.value is not None:
            return self.value
        assert self.low is not None and self.high is not None
        return (self.low + self.high) / 2

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        if self.value is not None:
            out["value"] = self.value
        else:
            out["low"], out["high"] = self.low, self.high
        out.update(unit=self.unit, start=self.start, end=self.end, quote=self.quote, rule=self.rule)
        return out


@dataclass(frozen=True, slots=True)
class Mention:
    """A place, party or sector the text names, with what the text says it is to the work.

    `kind` is "country", "city", "organisation" or "sector". `key` is what mentions of the
    same thing share whatever the language: an ISO 3166-1 alpha-2 code for a country, the
    English name for a city or an organisation, a sector id from `unfree/data/sectors.yaml`.
    `country` is the ISO code a city lies in. `role` is what the text makes it: "origin"
    (where workers come from), "destination" (where they work), "employer", "state_body",
    or None when the text does not say.
    """

    kind: str
    key: str
    start: int
    end: int
    quote: str
    role: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Analysis:
    """Everything the engine says about one document."""

    document: Document
    lang: str
    findings: list[Finding] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    assessment: dict[str, Any] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
