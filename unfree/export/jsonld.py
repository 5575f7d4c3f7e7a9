"""JSON-LD processing of the annotations without the network.

Annotations name the W3C Web Annotation context, `http://www.w3.org/ns/anno.jsonld`, as the
model asks. Expanding them needs that context; `document_loader` serves it from
`w3c_anno_context.json` in this package and refuses every other URL, so validation works
air-gapped and never fetches anything.

`w3c_anno_context.json` is not a copy of the W3C file: it defines only the terms the
annotations use, each with the IRI and type coercion the W3C context gives it (Web
Annotation Vocabulary, https://www.w3.org/TR/annotation-vocab/, and the JSON-LD
serialisation of https://www.w3.org/TR/annotation-model/). A term the annotations do not use
is absent, so an annotation that gained one would lose it on expansion; the tests expand
every exported annotation and check that nothing is dropped.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

ANNO_CONTEXT_URLS = frozenset({"http://www.w3.org/ns/anno.jsonld",
                               "https://www.w3.org/ns/anno.jsonld"})
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


class OfflineLoaderError(LookupError):
    """A JSON-LD document other than the bundled context was asked for."""


@cache
def anno_context() -> dict[str, Any]:
    text = resources.files("unfree.export").joinpath("w3c_anno_context.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """A pyld document loader that knows the W3C annotation context and nothing else."""
    if url not in ANNO_CONTEXT_URLS:
        raise OfflineLoaderError(f"no network: only the W3C annotation context is bundled, "
                                 f"not {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": anno_context()}


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The JSON-LD expansion of `document` (pyld), with every property that did not map to
    an IRI reported as an error rather than silently dropped."""
    from pyld import jsonld  # pyld is only needed when validating

    dropped: list[str | None] = []
    expanded: list[dict[str, Any]] = jsonld.expand(
        document, options={"documentLoader": document_loader},
        on_property_dropped=dropped.append)
    if dropped:
        raise ValueError(f"terms not defined by the annotation context: {dropped}")
    return expanded
