"""Ingest: everything an investigator has, read into `Document`s.

Owns reading files and folders and stdin (.txt, .md, .html, .pdf, .docx, .jsonl), picking
text encodings, repairing mojibake (`fix_text`), separating a web page's reader comments
from its article, and turning every unreadable input into one `IngestError` instead of a
crash, and the resource limits a hostile file runs into (`Limits`,
`unfree.ingest.limits`). It does not detect languages (`unfree.language`) or split text
(`unfree.segment`).
"""

from unfree.ingest.core import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    iter_documents,
    read_bytes,
    read_path,
)
from unfree.ingest.errors import IngestError
from unfree.ingest.jsonl import document_from_record, read_jsonl, read_jsonl_lines
from unfree.ingest.limits import DEFAULT_LIMITS, Limits
from unfree.ingest.textfix import decode_text, fix_text

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "IngestError",
    "Limits",
    "decode_text",
    "document_from_record",
    "fix_text",
    "iter_documents",
    "read_bytes",
    "read_jsonl",
    "read_jsonl_lines",
    "read_path",
]
