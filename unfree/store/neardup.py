"""Near-duplicates: syndicated copies and reposts of a text already stored.

A text's signature is a MinHash (datasketch, 128 permutations) over its word 3-shingles:
lower-cased `\\w+` words, so whitespace, line breaks and case do not matter. The signature
is cut into 32 bands of 4 values; each band is hashed, with its number, into one 64-bit
bucket and stored in the indexed `lsh_buckets` table. Candidates for a new text are the
stored documents that share at least one bucket with it (one indexed SQL query however large
the store), and a candidate is a copy when the Jaccard similarity estimated from the two
signatures reaches `THRESHOLD`.

Why 0.5: Jaccard over word triples is the share of distinct triples two texts have in common.
A 170-word article under a new headline, with one long sentence rewritten and its
whitespace changed, scores 0.68 (tests/test_store_neardup.py); a copy cut to the first half
of the original scores 0.5; two different articles on the same subject share stock phrases
only ("forced labour", "the ministry said"): 0.0 in the tests, and under 0.45 between any two
of 2,000 generated documents drawn from shared sentence templates. With 128 permutations the
estimate's standard error is at most 0.044, so those cases stay on their side of 0.5. The
shorter the text, the more one rewritten sentence weighs: a six-sentence item with one
sentence rewritten scores 0.53 to 0.65 (every such repost of the generated test corpus is
linked). With 32 bands of 4 rows a pair becomes a candidate with probability
1 - (1 - J^4)^32: 0.87 at J = 0.5, 0.95 at 0.55, 0.99 at 0.6, 0.9999 at 0.75, and only 0.05
at J = 0.2, so few unrelated documents are fetched to be compared.

The parameters below are part of the stored data: signatures and buckets made with other
values cannot be compared, so changing them needs a migration that recomputes both.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection, bindparam, select

from unfree.store.schema import DocumentRow, LshBucket

SHINGLE_WORDS = 3
PERMUTATIONS = 128
BANDS = 32
ROWS_PER_BAND = PERMUTATIONS // BANDS
THRESHOLD = 0.5
MIN_WORDS = 25
"""Shorter texts get no signature: in a few words a shared phrase is not evidence of copying
(identical texts of any length are caught by the content hash instead)."""
_SEED = 1
_SCHEME = "affine32"  # datasketch's 32-bit permutations: signatures of 128 x 4 bytes
_DTYPE = np.dtype("<u4")  # stored little-endian whatever the machine

_WORD = re.compile(r"\w+")
# Drawing the permutations is a third of the cost of a signature: once per process.
_PERMUTATIONS = MinHash(num_perm=PERMUTATIONS, seed=_SEED, scheme=_SCHEME).permutations
# Built once: SQLAlchemy then reuses the compiled statement for every document.
_CANDIDATES = (
    select(DocumentRow.id, DocumentRow.duplicate_of, DocumentRow.minhash)
    .where(DocumentRow.id.in_(
        select(LshBucket.document_id)
        .where(LshBucket.bucket.in_(bindparam("buckets", expanding=True)))),
        DocumentRow.project_id == bindparam("project"))
)


@dataclass(frozen=True, slots=True)
class Signature:
    """The MinHash of one text."""

    values: np.ndarray[Any, np.dtype[np.uint32]]
    buckets: tuple[int, ...]

    def to_bytes(self) -> bytes:
        return self.values.astype(_DTYPE).tobytes()

    @classmethod
    def from_values(cls, values: np.ndarray[Any, np.dtype[np.uint32]]) -> Signature:
        return cls(values, _buckets(values))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two texts' shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / PERMUTATIONS


def stored_similarity(sig: Signature, stored: bytes) -> float:
    """`sig`'s similarity with a signature as the `documents.minhash` column holds it."""
    other = np.frombuffer(stored, dtype=_DTYPE)
    return float(np.count_nonzero(sig.values == other)) / PERMUTATIONS


def _buckets(values: np.ndarray[Any, np.dtype[np.uint32]]) -> tuple[int, ...]:
    """One signed 64-bit bucket per band (BIGINT in both databases)."""
    raw = values.astype(_DTYPE).tobytes()
    width = ROWS_PER_BAND * _DTYPE.itemsize
    return tuple(
        int.from_bytes(hashlib.blake2b(band.to_bytes(2, "little")
                                       + raw[band * width:(band + 1) * width],
                                       digest_size=8).digest(), "little", signed=True)
        for band in range(BANDS))


@dataclass(frozen=True, slots=True)
class Match:
    """The stored original a text copies, and how similar it is to its closest stored copy."""

    original_id: int
    similarity: float


def signature(text: str) -> Signature | None:
    """The text's signature, or None for a text under `MIN_WORDS` words."""
    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE_WORDS])
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    minhash = MinHash(num_perm=PERMUTATIONS, scheme=_SCHEME, permutations=_PERMUTATIONS)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return Signature.from_values(np.asarray(minhash.hashvalues, dtype=_DTYPE))


def find_original(connection: Connection, sig: Signature, *, project_id: int) -> Match | None:
    """The document of `project_id` that `sig`'s text is a copy of, if any (a project's
    copies link within it: another project's documents must not show through a link).

    The closest candidate at or over `THRESHOLD` wins (ties: the first stored); when it is
    itself a copy, the link goes to the original it points at, so that every copy of a
    text names the same first-stored document.
    """
    candidates = connection.execute(_CANDIDATES, {"buckets": list(sig.buckets),
                                                  "project": project_id}).all()
    best: tuple[float, int, int] | None = None  # (similarity, -id, original id)
    for doc_id, duplicate_of, minhash in candidates:
        if minhash is None:
            continue
        score = stored_similarity(sig, minhash)
        key = (score, -doc_id, duplicate_of or doc_id)
        if score >= THRESHOLD and (best is None or key[:2] > best[:2]):
            best = key
    return None if best is None else Match(original_id=best[2], similarity=best[0])


def bucket_rows(document_id: int, sig: Signature) -> list[dict[str, int]]:
    """The `lsh_buckets` rows of a stored document."""
    return [{"document_id": document_id, "band": band, "bucket": bucket}
            for band, bucket in enumerate(sig.buckets)]
