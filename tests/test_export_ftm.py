"""The ftm export: every entity passes FollowTheMoney validation and re-loads, quotes are
verbatim, ids are stable, organisations link to the documents that name them."""

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from export_fixtures import DUPLICATE_ID, build_records

pytest.importorskip("followthemoney")

from followthemoney import model
from followthemoney.exc import InvalidData

from unfree.export.ftm import document_entity, export_ftm, validate_entity


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("ftm") / "entities.jsonl"
    export_ftm(iter(build_records()), path)
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_every_entity_validates_and_reloads(lines: list[dict[str, Any]]) -> None:
    assert len(lines) > 40
    for data in lines:
        assert next(iter(data)) == "id"  # as `ftm` writes lines: sortable by id
        proxy = model.get_proxy(data)
        validate_entity(proxy)
        assert proxy.to_dict() == data
        # Re-cleaning as for untrusted input keeps every entity valid too.
        validate_entity(model.get_proxy(data, cleaned=False))


def test_validation_can_fail() -> None:
    mention = model.make_entity("Mention")
    mention.make_id("x")
    mention.add("name", "Castor Build Ltd")  # no `document`, which the schema requires
    with pytest.raises(InvalidData):
        validate_entity(mention)


def test_one_document_per_record_and_no_duplicate_or_rejected_evidence(
        lines: list[dict[str, Any]]) -> None:
    records = build_records()
    schemata = Counter(d["schema"] for d in lines)
    assert schemata["PlainText"] == len(records) - 1  # the duplicate copy is not exported
    ids = [d["id"] for d in lines]
    assert len(ids) == len(set(ids))
    kept = sum(1 for r in records if r["id"] != DUPLICATE_ID
               for key in ("findings", "facts") for item in r[key]
               if item.get("status") != "rejected")
    places = sum(1 for r in records if r["id"] != DUPLICATE_ID for m in r["mentions"]
                 if m["kind"] != "organisation" and m.get("status") != "rejected")
    assert schemata["Note"] == kept + places
    nl_doc = document_entity(next(r for r in records if r["id"] == "nl-1")).id
    nl_notes = [d for d in lines if d["schema"] == "Note"
                and d["properties"]["entity"] == [nl_doc]]
    assert "retention_of_identity_documents" not in {
        k for d in nl_notes for k in d["properties"].get("keywords", [])}


def test_quotes_and_text_are_verbatim(lines: list[dict[str, Any]]) -> None:
    records = {r["id"]: r for r in build_records()}
    docs = {document_entity(r).id: r for r in records.values()}
    fr = records["fr-1"]
    for data in lines:
        props = data["properties"]
        if data["schema"] == "PlainText":
            assert props["bodyText"] == [docs[data["id"]]["text"]]
        if data["schema"] == "Note":
            text = docs[props["entity"][0]]["text"]
            assert props["description"][0] in text
    # A narrow no-break space inside a French quote survives (FtM's cleaning makes it a space).
    quote = next(f["quote"] for f in fr["findings"] if "\u202f" in f["quote"])
    assert any(quote in d["properties"].get("description", []) for d in lines)
    hostile = next(d for d in lines if d["schema"] == "PlainText"
                   and d["properties"].get("title") == ["<script>alert('title')</script>"])
    assert "<script>alert('x')</script>" in hostile["properties"]["bodyText"][0]


def test_documents_carry_countries_verdict_and_topic(lines: list[dict[str, Any]]) -> None:
    records = {r["id"]: r for r in build_records()}
    by_id = {d["id"]: d for d in lines}
    en = by_id[document_entity(records["en-1"]).id]["properties"]
    assert set(en["country"]) == {"np", "qa"}
    assert en["locationMentioned"] == ["Doha"]
    assert en["topics"] == ["forced.labor"]
    assert en["language"] == ["eng"]
    assert en["summary"][0].startswith("ICLS 2018 forced labour: indicated")
    control = by_id[document_entity(records["de-control"]).id]["properties"]
    assert "topics" not in control


def test_organisations_are_shared_and_linked(lines: list[dict[str, Any]]) -> None:
    orgs = {d["properties"]["name"][0]: d for d in lines
            if d["schema"] in ("Organization", "PublicBody")}
    castor = orgs["Castor Build Ltd"]
    assert castor["schema"] == "Organization" and castor["properties"]["country"] == ["qa"]
    assert orgs["Labour Inspectorate of France"]["schema"] == "PublicBody"
    assert orgs["Labour Inspectorate of France"]["properties"]["alias"] == [
        "L'inspection du travail"]
    mention = next(d for d in lines if d["schema"] == "Mention"
                   and d["properties"]["resolved"] == [castor["id"]])
    assert mention["properties"]["detectedSchema"] == ["Organization"]
    link = next(d for d in lines if d["schema"] == "Documentation"
                and d["properties"]["entity"] == [castor["id"]])
    assert link["properties"]["role"] == ["employer"]
    assert link["properties"]["document"] == mention["properties"]["document"]


def test_reexport_gives_the_same_ids_and_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_ftm(iter(build_records()), a)
    export_ftm(iter(reversed(build_records())), b)
    assert sorted(a.read_text("utf-8").splitlines()) == sorted(b.read_text("utf-8").splitlines())
    export_ftm(iter(build_records()), b)
    assert a.read_bytes() == b.read_bytes()


def test_the_ftm_command_line_reads_the_export(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from followthemoney.cli.cli import cli

    path, validated = tmp_path / "entities.jsonl", tmp_path / "validated.jsonl"
    export_ftm(iter(build_records()), path)
    result = CliRunner().invoke(cli, ["validate", "-i", str(path), "-o", str(validated)])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in path.read_text("utf-8").splitlines()]
    assert [json.loads(line)["id"] for line in validated.read_text("utf-8").splitlines()] == ids
