"""The `ftm` export: FollowTheMoney entities (JSON Lines, as `ftm` and Aleph read them).

Per document:
- a `PlainText` (the FtM document schema for a text): title, author, date, URL, language,
  the text as `bodyText`, countries named as FtM country codes, cities as
  `locationMentioned`, sectors and indicator ids as `keywords`, the ICLS verdict as `summary`,
  the reasoning as `notes`, and the topic `forced.labor` when the verdict is "indicated";
- a `Note` on the document for every finding, fact and place mention: `name` says what it is
  (indicator label, fact value), `description` is the exact quote, `summary` the offsets,
  confidence, rule and review status;
- for every organisation mentioned, an `Organization` (a `PublicBody` when the text makes it
  a state body), shared by all documents that name it, a `Mention` of it per occurrence and
  one `Documentation` link between the document and it (role: employer, state_body, ...).

Ids are FtM's `make_id` (SHA-1) over the document's content hash (or its id) and the item's
place in it, so exporting again gives the same ids. Quotes and the text are stored
verbatim: FtM's cleaning would NFC-normalise, turn narrow no-break spaces and line separators
into spaces and drop zero-width characters, and then `text[start:end] == quote` would no
longer hold. Every other value goes through FtM's
cleaning, and every entity is validated before it is written. Duplicate documents and
rejected items are left out (the earlier copy carries the entities).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from unfree.export.jsonl import dumps_line
from unfree.export.records import (
    Item,
    Record,
    engine_version,
    evidence,
    fact_value_text,
    indicator_dimension,
    indicator_label,
    is_duplicate,
    status,
    text_of,
)

FORCED_LABOUR_TOPIC = "forced.labor"
ORGANISATION_SCHEMATA = frozenset({"Organization", "PublicBody"})
# FtM's text type refuses single values longer than this (a limit for its search index);
# a longer text is left out of `bodyText` rather than cut, since offsets index the whole.
BODY_TEXT_MAX = registry.text.max_length


@dataclass(frozen=True, slots=True)
class FtmCounts:
    entities: int
    documents: int
    duplicates_skipped: int


def export_ftm(records: Iterable[Record], path: Path) -> FtmCounts:
    """Write the entities of every record to `path`, one `entity.to_dict()` a line.

    Organisations shared by several documents are written once (the first time); only their
    ids are remembered, since every other entity id is unique to its document.
    """
    organisations: set[str] = set()
    entities = documents = skipped = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            if is_duplicate(record):
                skipped += 1
                continue
            documents += 1
            for entity in record_entities(record):
                assert entity.id is not None
                if entity.schema.name in ORGANISATION_SCHEMATA:
                    if entity.id in organisations:
                        continue
                    organisations.add(entity.id)
                out.write(entity_line(entity) + "\n")
                entities += 1
    return FtmCounts(entities, documents, skipped)


def entity_line(entity: EntityProxy) -> str:
    """One JSON line with `id` first, as `ftm` writes them (so `sort` orders by id)."""
    data = entity.to_dict()
    return dumps_line({"id": data.pop("id"), **data})


def validate_entity(entity: EntityProxy) -> None:
    """Raise `InvalidData` unless the entity passes FtM's schema validation.

    `Schema.validate` checks that every value is valid for its property type; it does not
    notice a required property that is missing altogether, so that is checked here too.
    """
    entity.schema.validate({"properties": entity.properties})
    missing = [prop for prop in entity.schema.required if not entity.has(prop)]
    if entity.id is None or missing:
        raise InvalidData(f"{entity.schema.name} {entity.id}: missing {missing or ['id']}")


def record_entities(record: Record) -> Iterator[EntityProxy]:
    """The validated entities of one record: its document first."""
    doc = document_entity(record)
    entities = [doc]
    for i, finding in evidence(record, "findings"):
        entities.append(finding_note(doc, i, finding))
    for i, fact in evidence(record, "facts"):
        entities.append(fact_note(doc, i, fact))
    linked: set[str] = set()
    for i, mention in evidence(record, "mentions"):
        if mention["kind"] == "organisation":
            org = organisation_entity(mention)
            entities.extend([org, organisation_mention(doc, i, mention, org)])
            if org.id not in linked:
                assert org.id is not None
                linked.add(org.id)
                entities.append(documentation_link(doc, org, mention))
        else:
            entities.append(place_note(doc, i, mention))
    for entity in entities:
        validate_entity(entity)
        yield entity


def document_entity(record: Record) -> EntityProxy:
    doc = model.make_entity("PlainText")
    doc.make_id("unfree.document", record.get("content_hash") or f"id:{record['id']}")
    doc.add("title", record.get("title"))
    doc.add("author", record.get("author"))
    doc.add("publishedAt", record.get("date"), quiet=True)
    doc.add("sourceUrl", record.get("url"))
    if record.get("source") == record["id"]:  # a file of its own, not a line of a .jsonl
        doc.add("fileName", record["source"])
    doc.add("language", record.get("lang"))
    doc.add("processingAgent", f"unfree {engine_version(record)}".strip())
    text = text_of(record)
    if text and len(text) <= BODY_TEXT_MAX:
        doc.add("bodyText", text, cleaned=True)
    a = record.get("assessment") or {}
    verdict = a.get("forced_labour")
    if verdict:
        doc.add("summary", _verdict_summary(a))
    doc.add("notes", "\n".join(a.get("reasoning") or []) or None)
    if verdict == "indicated":
        doc.add("topics", FORCED_LABOUR_TOPIC)
    mentions = [m for _, m in evidence(record, "mentions")]
    doc.add("country", [m["key"] for m in mentions if m["kind"] == "country"])
    doc.add("country", [m["country"] for m in mentions if m.get("country")])
    doc.add("locationMentioned", [m["key"] for m in mentions if m["kind"] == "city"])
    doc.add("keywords", sorted({m["key"] for m in mentions if m["kind"] == "sector"}))
    doc.add("keywords", sorted({f["indicator"] for _, f in evidence(record, "findings")}))
    return doc


def finding_note(doc: EntityProxy, index: int, finding: Item) -> EntityProxy:
    ind = finding["indicator"]
    note = _note(doc, "finding", index, finding)
    note.add("name", indicator_label(ind))
    note.add("keywords", ind)
    note.add("summary", f"ILO indicator {ind} ({indicator_dimension(ind)}), "
                        f"{_where(finding)}, confidence {finding.get('confidence')}, "
                        f"rule {finding.get('rule')}, status {status(finding)}")
    return note


def fact_note(doc: EntityProxy, index: int, fact: Item) -> EntityProxy:
    note = _note(doc, "fact", index, fact)
    note.add("name", f"{fact['kind']} = {fact_value_text(fact)} {fact['unit']}")
    note.add("keywords", fact["kind"])
    note.add("summary", f"{_where(fact)}, rule {fact.get('rule')}, status {status(fact)}")
    return note


def place_note(doc: EntityProxy, index: int, mention: Item) -> EntityProxy:
    """A country, city or sector named in the text, with the role the text gives it."""
    note = _note(doc, "mention", index, mention)
    role = mention.get("role") or "no role stated"
    note.add("name", f"{mention['kind']} {mention['key']} ({role})")
    note.add("keywords", [mention["kind"], mention["key"]])
    if mention["kind"] == "country":
        note.add("country", mention["key"])
    note.add("country", mention.get("country"))
    note.add("summary", f"{_where(mention)}, status {status(mention)}")
    return note


def organisation_entity(mention: Item) -> EntityProxy:
    """The organisation itself: one id per English name, whichever document names it."""
    schema = "PublicBody" if mention.get("role") == "state_body" else "Organization"
    org = model.make_entity(schema)
    org.make_id("unfree.organisation", mention["key"])
    org.add("name", mention["key"])
    if mention["quote"] != mention["key"]:
        org.add("alias", mention["quote"])
    org.add("country", mention.get("country"))
    return org


def organisation_mention(doc: EntityProxy, index: int, mention: Item,
                         org: EntityProxy) -> EntityProxy:
    entity = model.make_entity("Mention")
    entity.make_id(doc.id, "mention", index)
    entity.add("document", doc.id)
    entity.add("resolved", org.id)
    entity.add("name", mention["quote"])
    entity.add("detectedSchema", org.schema.name)
    entity.add("contextCountry", mention.get("country"))
    return entity


def documentation_link(doc: EntityProxy, org: EntityProxy, mention: Item) -> EntityProxy:
    link = model.make_entity("Documentation")
    link.make_id(doc.id, "documentation", org.id)
    link.add("document", doc.id)
    link.add("entity", org.id)
    link.add("role", mention.get("role") or "mentioned")
    link.add("description", mention["quote"], cleaned=True)
    return link


def _note(doc: EntityProxy, kind: str, index: int, item: Item) -> EntityProxy:
    note = model.make_entity("Note")
    note.make_id(doc.id, kind, index, item["start"], item["end"])
    note.add("entity", doc.id)
    note.add("description", item["quote"], cleaned=True)
    return note


def _where(item: Item) -> str:
    return f"characters {item['start']}-{item['end']}"


def _verdict_summary(assessment: dict[str, Any]) -> str:
    dims = assessment.get("dimensions") or {}
    parts = [f"ICLS 2018 forced labour: {assessment.get('forced_labour')}"]
    for dim in ("involuntariness", "coercion"):
        parts.append(f"{dim}: {', '.join(dims.get(dim) or []) or 'none'}")
    return "; ".join(parts)
