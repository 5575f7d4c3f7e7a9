"""The annotations export: valid JSON-LD under the bundled W3C context (expanded offline),
one annotation per kept evidence span, selectors that point at the exact text."""

import json
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import DUPLICATE_ID, build_records, record
from pyld.jsonld import JsonLdError

from unfree.export.annotations import export_annotations, record_annotations, source_iri
from unfree.export.jsonld import OfflineLoaderError, expand

OA = "http://www.w3.org/ns/oa#"


@pytest.fixture(scope="module")
def annotations(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("anno") / "annotations.jsonl"
    export_annotations(iter(build_records()), path)
    raw = path.read_text("utf-8")
    for char in "<>&":  # escaped as \u003c etc. in the JSON, the same string once parsed
        assert char not in raw
    return [json.loads(line) for line in raw.splitlines()]


def _selector(anno: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(s for s in anno["target"]["selector"] if s["type"] == kind)


def test_every_annotation_expands_as_json_ld_offline(annotations: list[dict[str, Any]]) -> None:
    for anno in annotations:
        [node] = expand(anno)  # raises if a term were undefined (dropped) or a URL fetched
        assert node["@type"] == [OA + "Annotation"]
        assert node["@id"] == anno["id"]
        assert node[OA + "motivatedBy"] == [{"@id": OA + anno["motivation"]}]
        [target] = node[OA + "hasTarget"]
        assert target[OA + "hasSource"] == [{"@id": anno["target"]["source"]}]
        position = next(s for s in target[OA + "hasSelector"]
                        if s["@type"] == [OA + "TextPositionSelector"])
        assert position[OA + "start"][0]["@type"].endswith("#nonNegativeInteger")
        quote = next(s for s in target[OA + "hasSelector"]
                     if s["@type"] == [OA + "TextQuoteSelector"])
        assert quote[OA + "exact"] == [{"@value": _selector(anno, "TextQuoteSelector")["exact"]}]


def test_the_loader_fetches_nothing_else() -> None:
    with pytest.raises(JsonLdError) as refused:
        expand({"@context": "https://example.invalid/context.jsonld", "name": "x"})
    assert isinstance(refused.value.__cause__, OfflineLoaderError)
    with pytest.raises(ValueError, match="not defined"):
        expand({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                "unknownTerm": "dropped"})


def test_selectors_point_at_the_exact_text(annotations: list[dict[str, Any]]) -> None:
    texts = {source_iri(r): r["text"] for r in build_records()}
    for anno in annotations:
        text = texts[anno["target"]["source"]]
        quote = _selector(anno, "TextQuoteSelector")
        pos = _selector(anno, "TextPositionSelector")
        start, end = pos["start"], pos["end"]
        assert quote["exact"] == text[start:end]
        assert quote.get("prefix", "") == text[max(0, start - 32):start]
        assert quote.get("suffix", "") == text[end:end + 32]


def test_positions_count_code_points_not_utf16_units(annotations: list[dict[str, Any]]) -> None:
    rec = record("en-emoji")
    anno = next(a for a in annotations if a["target"]["source"] == source_iri(rec))
    pos = _selector(anno, "TextPositionSelector")
    text = rec["text"]
    assert text[pos["start"]:pos["end"]].startswith("The boss kept our passports")
    utf16_start = len(text[:pos["start"]].encode("utf-16-le")) // 2
    assert utf16_start == pos["start"] + 2  # two emoji, each two UTF-16 units


def test_one_annotation_per_kept_span(annotations: list[dict[str, Any]]) -> None:
    records = [r for r in build_records() if r["id"] != DUPLICATE_ID]
    expected = sum(1 for r in records for key in ("findings", "facts", "mentions")
                   for item in r[key] if item.get("status") != "rejected")
    assert len(annotations) == expected
    assert len({a["id"] for a in annotations}) == expected
    assert DUPLICATE_ID not in {a["target"]["source"].rsplit(":", 1)[1] for a in annotations}
    motivations = {a["body"][1]["value"]: a["motivation"] for a in annotations}
    assert motivations["retention_of_identity_documents"] == "tagging"
    assert motivations["work_hours_per_day"] == "describing"
    assert motivations["country:NP"] == "tagging"


def test_bodies_creator_and_scope(annotations: list[dict[str, Any]]) -> None:
    en = [a for a in annotations if a["target"]["source"] == "urn:unfree:document:en-1"]
    labels = {a["body"][0]["value"] for a in en}
    assert {"Retention of identity documents", "work_hours_per_day = 12 hours",
            "country NP (origin)"} <= labels
    assert all(a["creator"] == {"type": "Software", "name": "unfree 0.1.0"} for a in en)
    assert all(a["target"]["scope"] == "https://news.example.invalid/doha-site" for a in en)


def test_without_text_only_the_exact_quote_and_with_a_wrong_text_an_error() -> None:
    rec = record("de-1")
    del rec["text"]
    for anno in record_annotations(rec):
        quote = _selector(anno, "TextQuoteSelector")
        assert set(quote) == {"type", "exact"}
        expand(anno)
    rec = record("de-1")
    rec["text"] = rec["text"].replace("Vorarbeiter", "Aufseher")
    with pytest.raises(ValueError, match="is not the quote"):
        list(record_annotations(rec))


def test_reexport_is_identical(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_annotations(iter(build_records()), a)
    export_annotations(iter(build_records()), b)
    assert a.read_bytes() == b.read_bytes()
