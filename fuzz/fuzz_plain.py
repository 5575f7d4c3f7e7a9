"""atheris target: plain-text and Markdown files (unfree/ingest/plain.py, textfix.py).

Any bytes: decoding (BOMs, UTF-8, charset-normalizer's guesses), ftfy's repairs, Markdown
titles. Usage: `make fuzz` or `python fuzz/fuzz_plain.py -max_total_time=60 CORPUS_DIR`.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["unfree", "charset_normalizer", "ftfy"]):
    from fuzz_common import SOURCE, read_one

    from unfree.ingest.plain import read_markdown, read_plain


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    read_one(lambda: read_plain(data, doc_id="fuzz", source=SOURCE))
    read_one(lambda: read_markdown(data, doc_id="fuzz", source=SOURCE))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
