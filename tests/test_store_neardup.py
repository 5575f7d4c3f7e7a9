"""Near-duplicates: a syndicated copy with a new headline, a rewritten sentence and other
whitespace is linked to the first-stored copy; a different article on the same subject is
not. The article texts are invented for these tests."""

from __future__ import annotations

import re

from sqlalchemy import Engine, select
from store_support import count

from unfree.model import Document
from unfree.pipeline import analyze
from unfree.store import neardup
from unfree.store.ingest import Outcome, store_analysis
from unfree.store.schema import DocumentRow, LshBucket
from unfree.store.search import Filters, search
from unfree.store.stats import store_stats

ORIGINAL = (
    "Harbour inspectors in Dunmere found forty-two fishermen living on a rusting trawler "
    "that had not left the quay for five months. The men, most of them recruited in two "
    "inland provinces, told inspectors that the vessel's owner had collected their seafarer "
    "books on the first day and kept them in a locked drawer on the bridge. Several said "
    "they had not received any wages since the spring, and that the skipper had promised to "
    "settle everything at the end of the season. A volunteer doctor who boarded the ship "
    "described bunks stacked four high in the hold and a single tap of drinking water for "
    "the whole crew. The owner, reached by telephone, said the men were free to go ashore "
    "whenever they wished and that the books were kept only for safety. The port authority "
    "has opened an investigation and says a second vessel belonging to the same company is "
    "being inspected this week. A hearing is expected before the end of the month."
)

# A new headline, the doctor's sentence rewritten, line breaks and double spaces.
EDITED_COPY = "Trawler crew stranded for months in Dunmere harbour\n\n" + re.sub(
    r"A volunteer doctor .*? whole crew\.",
    "A nurse from a local charity who went on board said the men slept in cramped bunks "
    "and shared one tap.",
    ORIGINAL,
).replace(". ", ".  ").replace("The owner,", "\nThe owner,")

# The copy of the copy: reposted from the edited version, its last sentence cut.
SECOND_COPY = EDITED_COPY.replace(" A hearing is expected before the end of the month.", "")

SAME_SUBJECT = (
    "A second trawler owned by the same Dunmere company was boarded by harbour inspectors on "
    "Tuesday. Its crew of nineteen still held their own seafarer books and had been paid "
    "for March, the inspectors said, but the men complained about eighteen-hour shifts "
    "during the herring season and about a cook who left in April without being replaced. "
    "The company's lawyer said all contracts met the collective agreement for the fleet. "
    "Fishermen's unions in the region have asked the port authority to publish the results "
    "of both inspections, and a local councillor wants the harbour to hire an interpreter "
    "for crews who do not speak the language. The inspection report is due next month."
)


def _store(engine: Engine, doc_id: str, text: str) -> Outcome:
    return store_analysis(engine, analyze(Document(id=doc_id, text=text, lang="en")))


def test_signatures_estimate_how_much_two_texts_share() -> None:
    original, edited, other = (neardup.signature(t) for t in
                               (ORIGINAL, EDITED_COPY, SAME_SUBJECT))
    assert original is not None and edited is not None and other is not None
    assert neardup.THRESHOLD <= original.similarity(edited) < 1.0
    assert original.similarity(other) < 0.2
    assert neardup.signature(ORIGINAL.upper()).buckets == original.buckets  # case-blind
    assert neardup.signature("Too short to be a copy of anything.") is None


def test_signatures_do_not_change_between_versions() -> None:
    # Stored signatures and buckets are compared with new ones for ever: a datasketch or
    # parameter change that altered them would silently stop linking copies.
    sig = neardup.signature(" ".join(f"word{i}" for i in range(40)))
    assert sig is not None
    assert sig.values[:4].tolist() == [18775341, 43104574, 72205201, 20870574]
    assert sig.buckets[:2] == (-101023206879153196, 7109170841111685708)


def test_copies_are_linked_to_the_first_stored_and_others_are_not(engine: Engine) -> None:
    assert _store(engine, "original", ORIGINAL) is Outcome.STORED
    assert _store(engine, "edited", EDITED_COPY) is Outcome.NEAR_DUPLICATE
    assert _store(engine, "other", SAME_SUBJECT) is Outcome.STORED
    assert _store(engine, "second", SECOND_COPY) is Outcome.NEAR_DUPLICATE
    with engine.connect() as connection:
        rows = {r.external_id: r for r in connection.execute(select(DocumentRow))}
    original_id = rows["original"].id
    assert rows["edited"].duplicate_of == original_id
    assert rows["second"].duplicate_of == original_id  # the original, not the copy it copies
    assert rows["other"].duplicate_of is None and rows["original"].duplicate_of is None
    assert 0.5 <= rows["edited"].similarity < 1.0
    assert count(engine, LshBucket) == 4 * neardup.BANDS

    stats = store_stats(engine)
    assert (stats["documents"], stats["near_duplicates"], stats["independent_sources"]) == (
        4, 2, 2)
    # Search shows each story once unless copies are asked for.
    hits = search(engine, "trawler")
    assert sorted(h.id for h in hits) == ["original", "other"]
    with_copies = search(engine, "trawler", Filters(duplicates=True))
    assert sorted(h.id for h in with_copies) == ["edited", "original", "other", "second"]
    assert {h.id: h.duplicate_of for h in with_copies}["edited"] == original_id
