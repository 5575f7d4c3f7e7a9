"""Near-duplicates: the same story republished is one source, not several.

Records from the store say which document each one duplicates (`duplicate_of`); records
that do not (a JSON Lines file of analyses) are compared here. Two texts are near-duplicates
when their sets of five-word shingles overlap by at least `THRESHOLD` (Jaccard). Pairs worth
comparing are found through a bottom-k sketch of each set, so a corpus is not compared pair
by pair; candidates are then checked on the full sets.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Sequence
from hashlib import blake2b
from typing import Any

THRESHOLD = 0.8
SHINGLE_WORDS = 5
SKETCH_SIZE = 32
_MIN_SHARED = 4  # sketch values two candidates must share; J >= 0.8 shares ~21 of 32
# A shingle in the sketches of this many documents is boilerplate (a site's footer), not a
# sign of copying; pairing all of them would cost the square of their number.
_LARGEST_BUCKET = 1000
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    """Stable 64-bit hashes of the text's five-word windows (case and punctuation ignored)."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    width = min(SHINGLE_WORDS, len(words))
    return {
        int.from_bytes(blake2b(" ".join(words[i : i + width]).encode(), digest_size=8).digest())
        for i in range(len(words) - width + 1)
    }


def jaccard(first: set[int], second: set[int]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def find_near_duplicates(records: Sequence[dict[str, Any]]) -> dict[str, str]:
    """id -> id of the document it repeats; the earliest (by date, then input order) of a
    group is the original."""
    order = sorted(range(len(records)), key=lambda i: (_date_key(records[i]), i))
    sets = [shingles(_comparable_text(records[i])) for i in order]
    by_value: defaultdict[int, list[int]] = defaultdict(list)
    for position, values in enumerate(sets):
        for value in heapq.nsmallest(SKETCH_SIZE, values):
            by_value[value].append(position)
    shared: defaultdict[tuple[int, int], int] = defaultdict(int)
    for positions in by_value.values():
        if len(positions) > _LARGEST_BUCKET:
            continue
        for a_index, a in enumerate(positions):
            for b in positions[a_index + 1 :]:
                shared[a, b] += 1
    parent = list(range(len(order)))

    def root(position: int) -> int:
        while parent[position] != position:
            position = parent[position]
        return position

    for (a, b), count in sorted(shared.items()):
        if count >= _MIN_SHARED and jaccard(sets[a], sets[b]) >= THRESHOLD:
            first, second = sorted((root(a), root(b)))
            parent[second] = first  # the earlier document stays the group's original
    return {records[order[p]]["id"]: records[order[root(p)]]["id"]
            for p in range(len(order)) if root(p) != p}


def _comparable_text(record: dict[str, Any]) -> str:
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        return text
    # Without the text, the sentences quoted as evidence still tell a reprint apart.
    return " ".join(f["quote"] for f in record.get("findings", []))


def _date_key(record: dict[str, Any]) -> tuple[int, str]:
    date = record.get("date")
    return (0, date) if isinstance(date, str) and date else (1, "")


def duplicate_map(records: Sequence[dict[str, Any]]) -> dict[str, str]:
    """id -> original id for every near-duplicate among `records`.

    When any record carries `duplicate_of` the records are trusted (null means checked and
    original); otherwise they are compared here. A duplicate of a document outside the set
    counts as an original within it; chains resolve to their first document.
    """
    if not any("duplicate_of" in r for r in records):
        return find_near_duplicates(records)
    position = {r["id"]: i for i, r in enumerate(records)}
    parent = {doc_id: doc_id for doc_id in position}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            doc_id = parent[doc_id]
        return doc_id

    for record in records:
        target = record.get("duplicate_of")
        if isinstance(target, str) and target in position:
            parent[root(record["id"])] = root(target)
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for doc_id in position:
        groups[root(doc_id)].append(doc_id)
    resolved: dict[str, str] = {}
    for members in groups.values():
        # The original is the member that duplicates nothing here (the earliest if a cycle
        # or several such leave a choice).
        free = [m for m in members if records[position[m]].get("duplicate_of") not in position]
        original = min(free or members, key=position.__getitem__)
        resolved.update({m: original for m in members if m != original})
    return resolved
