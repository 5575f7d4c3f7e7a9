"""Web pages: the article's main text apart from reader comments, with the page's metadata.

trafilatura finds the main text and the metadata (title, author, date, canonical URL). It
also finds a comments section, but gives the comments back as one run of paragraphs without
who wrote what. So reader comments are located and split here, one `Comment` per reader with
author and date, and that section is cut out of the page before trafilatura sees it, so no
comment can leak into the main text. Only when no section is recognised here is trafilatura's
own comment detection used.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable, Iterable

from lxml import etree
from lxml.html import HtmlElement

from unfree.ingest.errors import IngestError
from unfree.ingest.limits import DEFAULT_LIMITS, HTML_PARSER_DEPTH, Limits, breach
from unfree.ingest.textfix import NotTextError, decode_text, fix_text
from unfree.model import Comment, Document

# trafilatura, htmldate and courlan log "discarding data" and similar at WARNING. With no
# logging configured Python prints those to stderr (logging.lastResort); a NullHandler stops
# that without hiding them from an application that does configure logging.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_RE_NS = {"re": "http://exslt.org/regular-expressions"}

# Sections of a page that hold reader comments: ids/classes used by WordPress, Disqus and
# common CMS themes, plus the words for "comments"/"reactions" in the engine's languages.
_SECTION_WORDS = (
    "comments?|comments?-(?:area|section|list|container|wrapper|block|thread)|commentlist"
    "|(?:article|post|reader|user)-comments|reactions|reacties|kommentare|commentaires"
    "|comentarios|disqus_thread|dsq-comments"
)
_SECTION_XPATH = etree.XPath(
    ".//*[self::div or self::section or self::aside or self::ol or self::ul or self::details]"
    f"[re:test(@id, '^(?:{_SECTION_WORDS})$', 'i')"
    f" or re:test(@class, '(?:^|\\s)(?:{_SECTION_WORDS})(?:\\s|$)', 'i')]",
    namespaces=_RE_NS,
)

# One comment inside a section: class "comment" (WordPress li.comment) and friends, id
# "comment-123", or schema.org markup.
_ITEM_CLASS = re.compile(
    r"^(?:comment|comment-item|comment-entry|single-comment|reaction|reactie|kommentar"
    r"|commentaire|comentario)$",
    re.IGNORECASE,
)
_ITEM_ID = re.compile(r"^(?:comment|reactie|kommentar)-?\d+$", re.IGNORECASE)
# Parts of a comment that are not what the reader wrote.
_NOISE_CLASS = re.compile(
    r"(?:^|[-_])(?:reply|replies|actions?|votes?|likes?|share|report|flag|avatar|says|edit"
    r"|permalink)(?:$|[-_])",
    re.IGNORECASE,
)
_AUTHOR_CLASS = re.compile(
    r"(?:^|[-_])(?:author|fn|username|user-?name|nickname|commenter|poster)(?:$|[-_])",
    re.IGNORECASE,
)
_DATE_CLASS = re.compile(
    r"(?:^|[-_])(?:date|time|timestamp|published|posted|metadata)(?:$|[-_])", re.IGNORECASE
)
_BODY_CLASSES = (
    "comment-content",
    "comment-text",
    "comment-message",
    "comment__content",
    "comment__text",
    "comment-body",
    "content",
    "text",
    "message",
)
_META_CLASS = re.compile(r"(?:^|[-_])(?:meta|header|footer|info)(?:$|[-_])", re.IGNORECASE)

# Elements whose text a reader never sees.
_INVISIBLE = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
     "noembed", "noframes"}
)
# Of those, the ones whose content trafilatura would keep as text, so they are cut out before
# it runs: an iframe's content (fallback no browser renders; the parser reads it as raw text,
# so an iframe left unclosed swallowed the rest of the page, markup and scripts included, into
# the main text: found by fuzzing), a template's (inert), fallbacks for embeds and frames.
_NEVER_RENDERED = ("iframe", "template", "noembed", "noframes")
# Elements after which a line or paragraph ends when turning a tree into text.
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "aside", "header", "footer", "nav", "main",
        "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "li", "table", "tr", "form",
        "fieldset", "figure", "figcaption", "details", "summary", "address",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr",
        # trafilatura's own tree (TEI-like) for its comments output
        "head", "list", "item", "row", "quote",
    }
)  # fmt: skip
_LINE_BREAKS = frozenset({"br", "lb"})
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_SAYS = re.compile(r"\s*(?:says|said|wrote|schreef|schrieb|a écrit|écrit|dice|escribió)\s*:?\s*$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Labels that browsers (WHATWG Encoding standard) read as a larger encoding than the name
# says; pages are written for browsers, so e.g. "iso-8859-1" pages really hold cp1252 quotes.
_CHARSET_AS_BROWSERS_READ = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "tis-620": "cp874",
}


# A document type declaration with an internal subset ("<!DOCTYPE x [ <!ENTITY ...> ]>") at the
# start of the page, after any XML declaration and comments: where entity bombs are declared.
_INTERNAL_DTD = re.compile(
    r"\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*)*<!DOCTYPE[^>\[]*\[", re.IGNORECASE | re.DOTALL)


def read_html(data: bytes, *, doc_id: str, source: str,
              limits: Limits = DEFAULT_LIMITS) -> Document:
    """A web page: main text (paragraphs separated by blank lines), comments, metadata."""
    # Imported here so that an engine run on plain text never pays for trafilatura.
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    html = _decode_html(data, source)
    if _INTERNAL_DTD.match(html):
        # The HTML parser expands no entity a page declares, but no web page declares any:
        # such a file is an XML entity bomb (billion laughs) or an XXE probe. Said so plainly
        # rather than read as whatever text survives.
        raise IngestError(source, "declares its own DTD (<!DOCTYPE ... [...]>, entity "
                          "declarations), which web pages never do: refused as a possible "
                          "entity-expansion bomb")
    tree = load_html(html)
    if tree is None:
        raise IngestError(source, "not parseable as HTML")
    _check_depth(tree, source, limits)

    sections = _outermost(_SECTION_XPATH(tree))
    comments = [c for s in sections for c in _section_comments(s)]
    pruned = copy.deepcopy(tree)
    for section in _outermost(_SECTION_XPATH(pruned)):
        _drop(section)
    for element in list(pruned.iter(*_NEVER_RENDERED)):
        _drop(element)

    result = bare_extraction(
        pruned,
        with_metadata=True,
        # trafilatura's comment finder only runs when ours found no section; with ours found
        # it is off, and trafilatura then also strips any comment block it recognises.
        include_comments=not sections,
        include_tables=True,
    )
    text = ""
    title = author = date = url = None
    if result is not None and not isinstance(result, dict):
        text = _trafilatura_text(result.body)
        title, author, date, url = result.title, result.author, result.date, result.url
        if not sections and result.commentsbody is not None:
            comments = [
                Comment(text=t) for child in result.commentsbody if (t := _element_text(child))
            ]
    if not text.strip():
        # Short or unusual pages where trafilatura keeps nothing: the visible text is still
        # better than dropping the page.
        text = _element_text(pruned)
    text = fix_text(text).strip()
    if not text:
        raise IngestError(source, "no text")
    return Document(
        id=doc_id,
        text=text,
        title=_clean(title),
        author=_clean(author),
        date=_clean(date),
        url=_clean(url),
        source=source,
        comments=tuple(comments),
    )


def _check_depth(tree: etree._Element, source: str, limits: Limits) -> None:
    """Refuse a page nested deeper than `limits.max_html_depth`: the parser has cut it.

    libxml2 stops adding elements at `HTML_PARSER_DEPTH` levels and drops, without an
    error, the text there and everything after it, so a page that reaches that depth would
    be stored without its end. The walk uses an explicit stack: no recursion limit applies.
    """
    limit = limits.max_html_depth
    deepest = 0
    stack: list[tuple[etree._Element, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node)
    if deepest > limit:
        measured = (f"elements nested {HTML_PARSER_DEPTH} levels deep or more (the HTML parser "
                    "drops what lies deeper)" if deepest >= HTML_PARSER_DEPTH
                    else f"elements nested {deepest} levels deep")
        raise IngestError(source, breach(measured, f"{limit} levels", "max_html_depth"))


def _decode_html(data: bytes, source: str) -> str:
    # A page's own <meta charset> comes before guessing; a BOM before both (decode_text).
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = _META_CHARSET.search(data[:4096])
        if match:
            label = match.group(1).decode("ascii").lower()
            try:
                return data.decode(_CHARSET_AS_BROWSERS_READ.get(label, label))
            except (LookupError, UnicodeDecodeError):
                pass  # wrong or unknown declaration: fall through to detection
    try:
        return decode_text(data)
    except NotTextError as exc:
        raise IngestError(source, f"binary content, not text ({exc})") from exc


def _trafilatura_text(body: etree._Element | None) -> str:
    """trafilatura's own text rendering, block by block, with blank lines between blocks.

    trafilatura puts one newline between paragraphs; a blank line lets later stages tell a
    paragraph break from a line break (<br>) inside a paragraph.
    """
    if body is None:
        return ""
    from trafilatura.xml import xmltotxt

    blocks: list[str] = []
    for child in body:
        wrapper = etree.Element("body")
        wrapper.append(copy.deepcopy(child))
        if block := xmltotxt(wrapper, False).strip():
            blocks.append(block)
    return "\n\n".join(blocks)


def _section_comments(section: HtmlElement) -> list[Comment]:
    items = _outermost(e for e in section.iterdescendants() if _is_item(e))
    if not items and _is_item(section):
        items = [section]  # a lone <div class="comment"> found as its own section
    if items:
        comments: list[Comment] = []
        for item in items:
            comments.extend(_item_comments(item))
        return comments
    # A section without recognisable items: one comment per paragraph or list item.
    parts = section.xpath(".//p") or section.xpath(".//li") or [section]
    return [Comment(text=t) for p in parts if (t := _element_text(p))]


def _item_comments(item: HtmlElement) -> list[Comment]:
    """The comment in `item`, then the replies nested inside it, each on its own."""
    own = copy.deepcopy(item)
    for nested in _outermost(e for e in own.iterdescendants() if _is_item(e)):
        _drop(nested)
    author = _take_author(own)
    date = _take_date(own)
    for element in list(own.iterdescendants()):
        if element.getparent() is not None and (
            _has_class(element, _NOISE_CLASS) or _tag(element) in ("button", "form")
        ):
            _drop(element)
    body = _comment_body(own)
    text = fix_text(_element_text(body)).strip()
    found = [Comment(text=text, author=author, date=date)] if text else []
    for nested in _outermost(e for e in item.iterdescendants() if _is_item(e)):
        found.extend(_item_comments(nested))
    return found


def _take_author(item: HtmlElement) -> str | None:
    candidates = item.xpath(".//*[@itemprop='author']") or [
        e for e in item.iterdescendants() if _has_class(e, _AUTHOR_CLASS)
    ]
    if not candidates:
        candidates = item.xpath(".//cite")
    if not candidates:
        return None
    element = candidates[0]
    # Prefer the name itself over a wrapper holding avatar, name and "says:".
    inner = element.xpath(".//*[@itemprop='name'] | .//*[contains(@class, 'fn')] | .//cite")
    name = _element_text(inner[0] if inner else element)
    _drop(element)
    name = _SAYS.sub("", name).strip()
    return fix_text(name) if name else None


def _take_date(item: HtmlElement) -> str | None:
    times = item.xpath(".//time")
    if times:
        value = times[0].get("datetime") or _element_text(times[0])
        element = times[0]
    else:
        dated = [e for e in item.iterdescendants() if _has_class(e, _DATE_CLASS)]
        if not dated:
            return None
        element = dated[0]
        value = _element_text(element)
    _drop(element)
    return value.strip() or None


def _comment_body(item: HtmlElement) -> HtmlElement:
    for name in _BODY_CLASSES:
        found = item.xpath(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
        if found:
            return found[0]  # type: ignore[no-any-return,unused-ignore]
    # No marked body: drop the comment's header/footer (what is left there is meta text).
    for element in list(item.iterdescendants()):
        if element.getparent() is not None and (
            element.tag in ("header", "footer") or _has_class(element, _META_CLASS)
        ):
            _drop(element)
    return item


def _is_item(element: etree._Element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if _ITEM_ID.match(element.get("id", "")):
        return True
    if "schema.org/Comment" in element.get("itemtype", ""):
        return True
    return any(_ITEM_CLASS.match(token) for token in element.get("class", "").split())


def _has_class(element: etree._Element, pattern: re.Pattern[str]) -> bool:
    if not isinstance(element.tag, str):
        return False
    return any(pattern.search(token) for token in element.get("class", "").split())


def _outermost(elements: Iterable[etree._Element]) -> list[HtmlElement]:
    """Those of `elements` not inside another of them, in document order."""
    chosen: list[HtmlElement] = []
    members = list(elements)
    ids = {id(e) for e in members}
    for element in members:
        if not any(id(a) in ids for a in element.iterancestors()):
            chosen.append(element)  # type: ignore[arg-type,unused-ignore]
    return chosen


def _drop(element: etree._Element) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _element_text(root: etree._Element) -> str:
    """What a reader sees of `root`: blocks become paragraphs, <br> a line break."""
    parts: list[str] = []
    add: Callable[[str], None] = parts.append
    # An explicit stack, not recursion: scraped pages can nest deeper than Python's limit.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = _tag(node)
        if closing:
            if tag in _BLOCKS:
                add("\n\n")
            if node is not root and node.tail:
                add(node.tail)
            continue
        if not tag or tag in _INVISIBLE or node.get("hidden") is not None:
            # HTML comments, processing instructions, hidden parts: skip, keep what follows
            if node is not root and node.tail:
                add(node.tail)
            continue
        if tag in _BLOCKS:
            add("\n\n")
        elif tag in _LINE_BREAKS:
            add("\n")
        if node.text:
            add(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    paragraphs = []
    for block in re.split(r"\n[ \t\r\f\v]*\n", "".join(parts)):
        lines = [_ASCII_SPACE.sub(" ", line).strip() for line in block.split("\n")]
        if paragraph := "\n".join(line for line in lines if line):
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _tag(node: etree._Element) -> str:
    """Lower-case local tag name; "" for comments and processing instructions."""
    tag = node.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = fix_text(" ".join(value.split()))
    return value or None
