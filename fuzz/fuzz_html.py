"""atheris target: web pages (unfree/ingest/htmlpage.py over trafilatura and lxml).

Any bytes as a page: charset declarations, broken markup, reader-comment sections, metadata.
Usage: `make fuzz` or `python fuzz/fuzz_html.py -max_total_time=60 CORPUS_DIR`.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["unfree", "trafilatura", "htmldate", "courlan"]):
    # read_html imports these on first call: too late to instrument.
    import trafilatura
    import trafilatura.utils
    import trafilatura.xml  # noqa: F401
    from fuzz_common import SOURCE, read_one

    from unfree.ingest.htmlpage import read_html


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    read_one(lambda: read_html(data, doc_id="fuzz", source=SOURCE))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
