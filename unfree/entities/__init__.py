"""Entities: the places, parties and sectors a text names, and what each is to the work.

Owns `extract_mentions(text, lang) -> list[Mention]`: countries (by name in the text's
language, inflected forms included, and by demonyms that qualify people), cities (a
gazetteer of a few hundred places of labour migration and every capital), organisations
(companies by legal form, state bodies by head word or name) and sectors of work, each with
exact offsets and, where the text says so, a role: "origin" (where workers come from),
"destination" (where they work), "employer" or "state_body".

Data: `unfree/lang/<code>/entities.yaml` (names CLDR and ISO lack, demonyms, cue words,
organisation heads, sector words), `unfree/data/places.yaml` (aliases in every language, the
city selection), `unfree/data/cities.yaml` (generated from GeoNames by
`tools/build_cities.py`), `unfree/data/organisations.yaml` (legal forms, international
bodies) and `unfree/data/sectors.yaml` (the sector table). Country names come from babel
(CLDR) and pycountry (ISO 3166); one Aho-Corasick automaton per language (pyahocorasick)
reads each text once.
"""

from unfree.entities.extract import extract_mentions

__all__ = ["extract_mentions"]
