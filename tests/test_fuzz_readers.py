"""Property-based tests (Hypothesis) of every reader in unfree/ingest.

For any input a reader returns a `Document` or raises `IngestError`: never another exception,
never a hang (tests/fuzz_support.py `outcome`). Its text is non-blank Unicode without lone
surrogates, its metadata strings or None. Readers are called directly, not through
`read_bytes`, which would turn a reader's stray exception into an `IngestError` and hide it.

Inputs: bytes in many encodings (.txt, .md), pages built from nested tags, attributes,
entities, scripts and comments (.html), valid PDF and DOCX files built here then damaged,
JSON Lines of valid, invalid and oddly typed records, and standard input. A longer run:
HYPOTHESIS_PROFILE=fuzz (tests/conftest.py). The atheris targets in fuzz/ cover the same
readers coverage-guided (`make fuzz`).
"""

from __future__ import annotations

import html
import io
import json
import sys
import tempfile
import zipfile
from functools import cache, partial
from pathlib import Path
from typing import Any

import pytest
from fuzz_support import (
    DOC_ID,
    SOURCE,
    bounded,
    budget,
    check_document,
    check_error,
    is_unicode,
    make_docx,
    make_pdf,
    outcome,
)
from hypothesis import given
from hypothesis import strategies as st

from unfree.ingest import SUPPORTED_EXTENSIONS, IngestError, iter_documents, read_jsonl
from unfree.ingest.htmlpage import read_html
from unfree.ingest.office import read_docx
from unfree.ingest.pdf import read_pdf
from unfree.ingest.plain import read_markdown, read_plain
from unfree.model import Document

ENCODINGS = (
    "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1",
    "cp1251", "koi8-r", "euc-kr", "cp949", "shift_jis", "gb18030", "mac_roman", "iso-8859-7",
)  # fmt: skip

# Text with what testimonies hold: several scripts, digits, punctuation, line breaks.
SENTENCES = (
    "We worked 14 hours a day and they kept our passports.",
    "Wij werkten zes dagen per week voor 9,50 euro per uur.",
    "Die Erntehelfer bekamen 4 Euro pro Stunde.",
    "L'intermédiaire exigeait 1 500 euros — « sinon, rien ».",
    "Trabajábamos de lunes a sábado, ¡sin descanso!",
    "Нам платили по 500 рублей за смену.",
    "이주노동자들은 하루 12시간씩 주 7일 일했다.",
)
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=5).map("\n".join),
    st.text(st.characters(codec="latin-1"), max_size=200),
)


def _encoded(text: str, encoding: str) -> bytes:
    # Characters an encoding lacks are replaced: the bytes must still be what a file in that
    # encoding could hold.
    return text.encode(encoding, errors="replace")


plain_bytes = st.one_of(
    st.binary(max_size=2048),
    st.builds(_encoded, texts, st.sampled_from(ENCODINGS)),
    # byte order marks, NULs and control bytes in front of or inside valid text
    st.builds(lambda head, body: head + body.encode("utf-8"),
              st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff",
                               b"\x00", b"\x1b[31m", b"\r\n", b""]), texts),
)


@budget(200)
@given(data=plain_bytes)
def test_plain_text_reader(data: bytes) -> None:
    outcome(lambda: read_plain(data, doc_id=DOC_ID, source=SOURCE))


@budget(100)
@given(data=plain_bytes)
def test_markdown_reader(data: bytes) -> None:
    doc = outcome(lambda: read_markdown(data, doc_id=DOC_ID, source=SOURCE))
    if doc is not None and doc.title is not None:
        assert "\n" not in doc.title  # a title is one line of the file


@budget(100)
@given(body=st.text(st.characters(codec="ascii", categories=["L", "N", "Zs"]), min_size=1,
                    max_size=200).filter(str.strip),
       lines=st.integers(1, 4))
def test_clean_utf8_text_is_kept_exactly(body: str, lines: int) -> None:
    # The reader repairs damage only: clean text comes back character for character.
    text = "\n".join([body] * lines)
    doc = outcome(lambda: read_plain(text.encode("utf-8"), doc_id=DOC_ID, source=SOURCE))
    assert doc is not None and doc.text == text


# --- HTML ------------------------------------------------------------------------------------

TAGS = (
    "div", "p", "span", "section", "article", "aside", "main", "header", "footer", "nav", "a",
    "ul", "ol", "li", "table", "tr", "td", "th", "br", "hr", "h1", "h2", "h3", "blockquote",
    "pre", "b", "i", "em", "time", "cite", "figure", "figcaption", "details", "summary",
    "noscript", "template", "svg", "iframe", "form", "button", "img", "body", "head", "html",
)  # fmt: skip
ATTR_NAMES = ("class", "id", "hidden", "itemprop", "itemtype", "datetime", "href", "lang",
              "style", "name", "content", "property", "src")
ATTR_VALUES = st.one_of(
    st.sampled_from([
        "comment", "comments", "comment-list", "comments-area", "reply", "author", "fn",
        "comment-author", "date", "comment-content", "comment-meta", "reactie", "kommentare",
        "disqus_thread", "http://schema.org/Comment", "comment-12", "says", "og:title",
        "article:published_time", "2023-02-30", "9999-99-99T99:99", "javascript:alert(1)", "",
    ]),
    st.text(max_size=20),
)
ENTITIES = ("&amp;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#x0;", "&#55296;", "&#xD800;",
            "&#1114112;", "&#x110000;", "&#9999999999;", "&bogus;", "&", "&#", "&#x;", "&eacute",
            "&#8238;", "&#x200b;")
SCRIPT_MARK = "zqxscriptmark"  # in <script>/<style> only: never visible text


def _element(tag: str, attrs: list[tuple[str, str]], children: list[str], closed: bool,
             escape: bool) -> str:
    rendered = "".join(
        f' {name}="{html.escape(value) if escape else value}"' for name, value in attrs)
    inner = "".join(children)
    return f"<{tag}{rendered}>{inner}" + (f"</{tag}>" if closed else "")


def _nodes(escape: bool) -> st.SearchStrategy[str]:
    text = st.one_of(
        st.text(max_size=40).map(html.escape if escape else str),
        st.sampled_from(SENTENCES),
        st.sampled_from(ENTITIES),
    )
    leaves = st.one_of(
        text,
        st.sampled_from([f"<script>var a = '{SCRIPT_MARK}';</script>",
                         f"<style>.{SCRIPT_MARK} {{ color: red }}</style>",
                         "<!-- a comment -->", "<![CDATA[ cdata ]]>", "<?php echo 1; ?>"]),
    )
    if not escape:
        # Broken markup: unclosed comments, stray brackets, a second document.
        leaves |= st.sampled_from(["<", "</", "<div", "<!--", "-->", "<![CDATA[", "]]>",
                                   "<p<p>", "</html>", "<body>", "<?xml version='1.0'?>",
                                   "<html xmlns='http://www.w3.org/1999/xhtml'>", "\x00",
                                   "<meta charset='utf-16'>", "<title>"])

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            _element, st.sampled_from(TAGS),
            st.lists(st.tuples(st.sampled_from(ATTR_NAMES), ATTR_VALUES), max_size=3),
            st.lists(children, max_size=4), st.booleans(), st.just(escape))

    return st.recursive(leaves, extend, max_leaves=40)


@st.composite
def pages(draw: st.DrawFn, escape: bool) -> str:
    head = ""
    if draw(st.booleans()):
        head += f"<title>{draw(st.sampled_from(SENTENCES))}</title>"
    if draw(st.booleans()):
        head += f'<meta name="author" content="{draw(st.text(max_size=20))}">'
    if draw(st.booleans()):
        head += ('<meta property="article:published_time" content="'
                 f'{draw(st.sampled_from(["2023-05-17", "2023-02-30", "0000-00-00", "x"]))}">')
    body = "".join(draw(st.lists(_nodes(escape), min_size=1, max_size=6)))
    doctype = draw(st.sampled_from(["<!DOCTYPE html>", "", "<!doctype html5>"]))
    return f"{doctype}<html><head>{head}</head><body>{body}</body></html>"


@st.composite
def page_bytes(draw: st.DrawFn) -> bytes:
    page = draw(pages(escape=False))
    label = draw(st.sampled_from(["", "utf-8", "iso-8859-1", "windows-1251", "euc-kr",
                                  "shift_jis", "utf-16", "bogus-charset", "x-user-defined"]))
    if label:
        page = f'<meta charset="{label}">' + page
    return _encoded(page, draw(st.sampled_from(ENCODINGS)))


@budget(150)
@given(data=st.one_of(page_bytes(), st.binary(max_size=1024)))
def test_html_reader_on_broken_pages(data: bytes) -> None:
    outcome(lambda: read_html(data, doc_id=DOC_ID, source=SOURCE))


@budget(100)
@given(page=pages(escape=True))
def test_html_reader_never_shows_scripts(page: str) -> None:
    doc = outcome(lambda: read_html(page.encode("utf-8"), doc_id=DOC_ID, source=SOURCE))
    if doc is not None:
        assert SCRIPT_MARK not in doc.text
        assert all(SCRIPT_MARK not in c.text for c in doc.comments)


# --- damaged binaries ------------------------------------------------------------------------

# Tokens a damaged PDF or Office XML might hold in the wrong place.
PDF_TOKENS = (b"/Length 99999999", b" 0 R", b"<<", b">>", b"endobj", b"/Encrypt 1 0 R",
              b"%%EOF", b"xref", b"trailer", b"stream\n", b"endstream", b"/Type /Pages",
              b"/Kids [1 0 R 1 0 R]", b"-1", b"99999999999999999999", b"/Filter /FlateDecode",
              b"(\\", b"startxref\n0\n", b"/Count 1000000000", b"BT /F1 12 Tf (x) Tj ET")
XML_TOKENS = (b"<w:p>", b"</w:t>", b"<w:t>", b"&#0;", b"&#xD800;", b"<w:tbl>", b"<w:gridSpan "
              b'w:val="99999"/>', b"<w:vMerge/>", b"]]>", b"<!DOCTYPE x [<!ENTITY a 'aa'>]>",
              b"&a;", b"\x00", b"\xff\xfe", b"<w:tc>", b'<?xml version="1.0" encoding="utf-16"?>')


@st.composite
def mutated(draw: st.DrawFn, seed: bytes, tokens: tuple[bytes, ...]) -> bytes:
    """`seed` after a few random edits: bit flips, cuts, deletions, insertions of junk or of
    format tokens, duplicated runs."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "byte", "cut", "delete", "insert", "token", "dup"]))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "byte":
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at:]
        elif op == "delete":
            del data[at:at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(tokens))
        else:
            data[at:at] = data[at:at + draw(st.integers(1, 256))]
    return bytes(data)


@cache
def pdf_seeds() -> tuple[bytes, ...]:
    return (make_pdf(), make_pdf(compress=False), make_pdf(("Only one page.",), title=None))


@cache
def docx_seeds() -> tuple[bytes, ...]:
    return (make_docx(), make_docx(table=False, title=None))


@budget(150)
@given(data=st.data())
def test_pdf_reader_on_damaged_files(data: st.DataObject) -> None:
    pdf = data.draw(st.sampled_from(pdf_seeds()).flatmap(lambda s: mutated(s, PDF_TOKENS)))
    outcome(lambda: read_pdf(pdf, doc_id=DOC_ID, source=SOURCE))


def test_pdf_seeds_are_read() -> None:
    # The mutations start from readable files, so the fuzzing reaches past the header checks.
    for pdf in pdf_seeds():
        doc = outcome(partial(read_pdf, pdf, doc_id=DOC_ID, source=SOURCE))
        assert doc is not None and ("hours a day" in doc.text or "one page" in doc.text)


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    """A DOCX whose zip members are kept, cut short, dropped or edited, then maybe some of its
    raw bytes too."""
    seed = draw(st.sampled_from(docx_seeds()))
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members:
            action = draw(st.sampled_from(["keep"] * 5 + ["cut", "drop", "edit", "empty"]))
            if action == "drop":
                continue
            if action == "cut":
                body = body[:draw(st.integers(0, max(0, len(body) - 1)))]
            elif action == "edit":
                body = draw(mutated(body, XML_TOKENS)) if body else body
            elif action == "empty":
                body = b""
            archive.writestr(name, body)
    data = out.getvalue()
    if draw(st.integers(0, 3)) == 0:
        data = draw(mutated(data, XML_TOKENS))
    return data


@budget(120)
@given(data=damaged_docx())
def test_docx_reader_on_damaged_files(data: bytes) -> None:
    outcome(lambda: read_docx(data, doc_id=DOC_ID, source=SOURCE))


def test_docx_seeds_are_read() -> None:
    for docx_bytes in docx_seeds():
        doc = outcome(partial(read_docx, docx_bytes, doc_id=DOC_ID, source=SOURCE))
        assert doc is not None and "eleven months" in doc.text


# --- JSON Lines ------------------------------------------------------------------------------

# Text with the characters that tempt a reader to split or repair: U+2028/2029, NEL, CR, tab,
# NUL, BOM, RTL override, zero-width space, astral characters.
record_texts = st.text(
    st.one_of(st.characters(exclude_categories=["Cs"]),  # lone surrogates: odd_records
              st.sampled_from("\u2028\u2029\x85\r\t\x00\ufeff\u202e\u200b\U0001f600")),
    max_size=200)
json_values: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=10)


@budget(150)
@given(texts=st.lists(record_texts, min_size=1, max_size=6), ascii_only=st.booleans(),
       bom=st.booleans(), blank=st.booleans())
def test_jsonl_text_round_trips(texts: list[str], ascii_only: bool, bom: bool,
                                blank: bool) -> None:
    # Offsets of gold annotations index the given text: it must come back exactly.
    lines = [json.dumps({"id": f"r{i}", "text": t, "lang": "en"}, ensure_ascii=ascii_only)
             for i, t in enumerate(texts)]
    data = ("\n\n" if blank else "\n").join(lines).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    items = list(read_jsonl(data, source=SOURCE))
    assert all(isinstance(item, Document) for item in items)
    docs = [item for item in items if isinstance(item, Document)]
    assert [d.text for d in docs] == texts
    assert [d.id for d in docs] == [f"r{i}" for i in range(len(texts))]
    for doc in docs:
        if doc.text.strip():
            check_document(doc, doc_id=None)


@st.composite
def odd_records(draw: st.DrawFn) -> bytes:
    """One line: a record with fields of any JSON type, any JSON value, or junk bytes."""
    kind = draw(st.sampled_from(["record", "value", "junk", "surrogate", "huge"]))
    if kind == "record":
        record = {key: draw(st.one_of(json_values, record_texts))
                  for key in draw(st.lists(st.sampled_from(
                      ["id", "text", "lang", "title", "url", "date", "author", "labels"]),
                      unique=True))}
        return json.dumps(record).encode("utf-8")
    if kind == "value":
        return json.dumps(draw(json_values)).encode("utf-8")
    if kind == "surrogate":
        field = draw(st.sampled_from(["id", "text", "title"]))
        record = {"id": "s", "text": "ok", field: "a" + draw(st.characters(categories=["Cs"]))}
        return json.dumps(record).encode("utf-8")  # escaped as \udxxx: valid JSON
    if kind == "huge":
        return draw(st.sampled_from([b"1" * 5000, b"[" * 5000 + b"]" * 5000, b"{" * 3000,
                                     b'{"id": "h", "text": "x", "date": ' + b"9" * 5000 + b"}"]))
    return draw(st.binary(max_size=60))


@budget(200)
@given(lines=st.lists(odd_records(), min_size=1, max_size=8))
def test_jsonl_reader_on_odd_lines(lines: list[bytes]) -> None:
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines)
    with_text = [n for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    with bounded():
        items = list(read_jsonl(data, source=SOURCE))
    if not with_text:  # nothing but blank lines: one error for the file
        assert len(items) == 1 and isinstance(items[0], IngestError)
        assert items[0].source == SOURCE
        return
    # One result per non-blank line, in order; errors name their line.
    assert len(items) == len(with_text)
    for number, item in zip(with_text, items, strict=True):
        if isinstance(item, IngestError):
            check_error(item)
            assert item.source == f"{SOURCE}:line {number}"
        else:
            assert isinstance(item, Document)
            assert is_unicode(item.text) and is_unicode(item.id)
            for value in (item.lang, item.title, item.author, item.date, item.url):
                assert value is None or (isinstance(value, str) and is_unicode(value))


# --- standard input and files of every type ---------------------------------------------------

@budget(100)
@given(data=st.one_of(plain_bytes, st.lists(odd_records(), max_size=4).map(b"\n".join)),
       binary_stream=st.booleans())
def test_stdin(data: bytes, binary_stream: bool) -> None:
    stream: io.TextIOBase
    if binary_stream:
        stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    else:
        # Some embedders hand over a text-only stream; it may hold what the bytes decode to.
        stream = io.StringIO(data.decode("utf-8", errors="surrogateescape"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", stream)
        with bounded():
            items = list(iter_documents(["-"]))
    assert items
    for item in items:
        if isinstance(item, IngestError):
            check_error(item, "-")
        elif item.text.strip():
            check_document(item, doc_id=None, source="-")
        else:  # a JSON Lines record's text is kept as given, even blank
            assert is_unicode(item.text) and item.source == "-"


@budget(100)
@given(suffix=st.sampled_from(sorted(SUPPORTED_EXTENSIONS)),
       data=st.one_of(plain_bytes, page_bytes(), st.binary(max_size=512)))
def test_any_file_of_any_type(suffix: str, data: bytes) -> None:
    # Through the dispatch in core.py, as `unfree analyze` reads a folder.
    with tempfile.TemporaryDirectory(prefix="h2_fuzz_") as folder:
        path = Path(folder, "input" + suffix)
        path.write_bytes(data)
        with bounded():
            items = list(iter_documents([str(path)]))
    assert items
    for item in items:
        if isinstance(item, IngestError):
            check_error(item, str(path))
            # The core turns stray exceptions into errors saying "unexpected": a reader bug.
            assert not item.reason.startswith("unexpected"), item.reason
        elif item.text.strip() or suffix not in (".jsonl", ".ndjson"):
            check_document(item, doc_id=None, source=str(path))
        else:  # a JSON Lines record's text is kept as given, even blank
            assert is_unicode(item.text)
