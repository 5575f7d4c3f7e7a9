"""atheris target: JSON Lines (unfree/ingest/jsonl.py).

Any bytes as a .jsonl file: one result per non-blank line, in order (one error when all are
blank), each a `Document` whose strings are Unicode or an `IngestError` naming its line.
Usage: `make fuzz` or
`python fuzz/fuzz_jsonl.py -max_total_time=60 CORPUS_DIR`.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["unfree", "json"]):
    from fuzz_common import SOURCE, check_document, check_error

    from unfree.ingest import IngestError, read_jsonl


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    lines = [n for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    items = list(read_jsonl(data, source=SOURCE))
    if not lines:  # only blank lines: one error for the whole input
        if len(items) != 1 or not isinstance(items[0], IngestError):
            raise AssertionError(f"blank input gave {items!r}")
        return
    if len(items) != len(lines):
        raise AssertionError(f"{len(items)} results for {len(lines)} non-blank lines")
    for number, item in zip(lines, items, strict=True):
        if isinstance(item, IngestError):
            check_error(item)
            if item.source != f"{SOURCE}:line {number}":
                raise AssertionError(f"error on line {number} names {item.source!r}")
        elif item.text.strip():
            check_document(item)
        else:
            item.text.encode("utf-8")  # blank text is kept as given; still Unicode


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
