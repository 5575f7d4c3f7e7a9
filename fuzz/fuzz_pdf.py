"""atheris target: PDF files (unfree/ingest/pdf.py over pypdf).

Any bytes as a PDF: damaged cross-reference tables, streams, page trees, encryption
dictionaries, metadata. Usage: `make fuzz` or
`python fuzz/fuzz_pdf.py -max_total_time=60 CORPUS_DIR` (seeds: fuzz/make_seeds.py).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["unfree", "pypdf"]):
    import pypdf  # noqa: F401  (read_pdf imports it on first call: too late to instrument)
    from fuzz_common import SOURCE, read_one

    from unfree.ingest.pdf import read_pdf


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    read_one(lambda: read_pdf(data, doc_id="fuzz", source=SOURCE))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
