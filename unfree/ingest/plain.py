"""Plain-text and Markdown files: decode, repair, keep the author's characters."""

from __future__ import annotations

import re

from unfree.ingest.errors import IngestError
from unfree.ingest.textfix import NotTextError, decode_text, fix_text
from unfree.model import Document

_ATX_HEADING = re.compile(r"#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_SETEXT_RULE = re.compile(r"(?:=+|-+)[ \t]*")
_FRONT_MATTER_TITLE = re.compile(r"title[ \t]*:[ \t]*(.+?)[ \t]*", re.IGNORECASE)


def bytes_to_text(data: bytes, source: str) -> str:
    """Decoded and repaired text of a text file, or an `IngestError` saying why not."""
    try:
        text = fix_text(decode_text(data))
    except NotTextError as exc:
        raise IngestError(source, f"binary content, not text ({exc})") from exc
    if not text.strip():
        raise IngestError(source, "empty (only whitespace)")
    return text


def read_plain(data: bytes, *, doc_id: str, source: str) -> Document:
    """A .txt file: the whole text, no title (a first line of a testimony is not a title)."""
    return Document(id=doc_id, text=bytes_to_text(data, source), source=source)


def read_markdown(data: bytes, *, doc_id: str, source: str) -> Document:
    """A .md file: the text with its markup kept (offsets refer to it), title from a heading."""
    text = bytes_to_text(data, source)
    return Document(id=doc_id, text=text, title=markdown_title(text), source=source)


def markdown_title(text: str) -> str | None:
    """The title a Markdown file gives itself: front-matter `title:`, else a leading heading."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        # YAML front matter: read only its title line; no YAML parser needed for one key.
        for i, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                start = i + 1
                break
            if match := _FRONT_MATTER_TITLE.fullmatch(line):
                return match.group(1).strip("\"'") or None
    body = [line for line in lines[start:] if line.strip()]
    if not body:
        return None
    first = body[0].strip()
    if match := _ATX_HEADING.fullmatch(first):
        return match.group(1)
    # Setext heading: a line underlined with === or --- (must be the very next line)
    idx = lines.index(body[0], start)
    if idx + 1 < len(lines) and _SETEXT_RULE.fullmatch(lines[idx + 1].strip()):
        return first
    return None
