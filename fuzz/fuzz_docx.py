"""atheris target: Word files (unfree/ingest/office.py over python-docx, zipfile and lxml).

An input starting with "PK" is read as a whole .docx: damaged zip archives, missing or
truncated parts. Any other input becomes the main document part (word/document.xml) of an
otherwise valid package, because a mutation inside a zip member would almost always just fail
the member's CRC check, and the WordprocessingML reading behind it would go unfuzzed.
Usage: `make fuzz` or `python fuzz/fuzz_docx.py -max_total_time=60 CORPUS_DIR`
(seeds: fuzz/make_seeds.py).
"""

from __future__ import annotations

import io
import sys
import zipfile

import atheris

with atheris.instrument_imports(include=["unfree", "docx", "zipfile"]):
    # read_docx imports these on first call: too late to instrument.
    import docx
    import docx.table  # noqa: F401
    from fuzz_common import SOURCE, read_one

    from unfree.ingest.office import read_docx

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def package(document_xml: bytes) -> bytes:
    """A .docx holding `document_xml` as its main part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def TestOneInput(data: bytes) -> None:  # the name atheris calls
    docx_bytes = data if data.startswith(b"PK") else package(data)
    read_one(lambda: read_docx(docx_bytes, doc_id="fuzz", source=SOURCE))


if __name__ == "__main__":
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()
