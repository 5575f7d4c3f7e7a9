"""Turning bytes of unknown encoding into clean text, shared by the readers and other stages.

Two jobs, kept apart:
- `decode_text` picks the encoding (BOM, then UTF-8, then charset-normalizer) and refuses
  bytes that are not text at all;
- `fix_text` repairs what went wrong before the file reached us (mojibake such as "Ã©" for
  "é") and normalises line endings, but leaves every other character as the author wrote it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

# ftfy settings, chosen one by one. The rule: repair damage, never restyle the author's text,
# because quotes are shown to readers and matched by rules that expect the real characters.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    # "&amp;" in a plain-text testimony may be what the author typed; HTML readers unescape
    # entities themselves (trafilatura), so ftfy never needs to guess.
    unescape_html=False,
    remove_terminal_escapes=True,  # ANSI colour codes from copied terminal output are noise
    fix_encoding=True,  # the point of running ftfy: "â€™" -> "’", "Ã©" -> "é"
    restore_byte_a0=True,  # "Ã " was "à" whose no-break-space byte got lost
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,  # C1 controls only ever appear as cp1252 mojibake
    # Ligatures (ﬁ, ﬂ) come from PDF text layers and copy-paste; no language here uses them
    # on purpose, and "ﬁfteen" would hide a number word from the rules.
    fix_latin_ligatures=True,
    # Full-width forms are normal in Korean/CJK typesetting: keep them.
    fix_character_width=False,
    uncurl_quotes=False,  # ’ “ ” « » are the author's, and quotes must match the source
    fix_line_breaks=True,  # CR, CRLF, U+2028/2029, NEL -> "\n"
    fix_surrogates=True,
    remove_control_chars=True,  # C0 controls (except tab/newline/form feed), stray BOMs
    # NFC is canonical equivalence: same glyphs for a reader, one spelling for the rules
    # (macOS and some PDFs write "é" as "e" + combining accent, Korean as loose jamo).
    normalization="NFC",
    explain=False,  # explanations cost time and nobody reads them here
)

# ftfy works line by line and costs ~0.5 s/MB even on clean text, which would make ingest the
# slowest stage. Mojibake and the other things ftfy fixes always involve at least one of the
# characters below, so only lines containing one are handed to ftfy: identical output on
# damaged lines, and clean text (most of it) passes at regex speed.
_CP1252_TAIL = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CP1251_TAIL = "\u0402\u0403\u0409-\u040c\u040e\u040f\u0452-\u045c\u045e\u045f\u0490\u0491\u2116"
_NEEDS_FTFY = re.compile(
    # UTF-8 lead byte read as Latin-1/cp1252, followed by a continuation byte read the same way
    f"[\u00c2-\u00f4][{_CP1252_TAIL}]"
    "|[\u00c2\u00c3] "  # lead byte whose no-break-space continuation became a plain space
    # UTF-8 Cyrillic read as cp1251: "Р" or "С" followed by a continuation byte's cp1251 letter
    f"|[\u0420\u0421][{_CP1252_TAIL}{_CP1251_TAIL}]"
    # other things ftfy removes or repairs
    "|[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f\u2028\u2029\ufeff\ufb00-\ufb06"
    "\u206a-\u206f\ufff9-\ufffc\ufffd\ud800-\udfff]"
)


# Invisible format characters: zero-width space, non-joiner and joiner, word joiner and the
# invisible operators, soft hyphen, Mongolian vowel separator, BOM, and the bidirectional
# marks, embeddings, overrides and isolates. None is visible, none is needed by the engine's
# languages, and inside a word they hide it from every rule ("pass\u200bport" is shown as
# "passport" but matches nothing; an RLO makes a reader see letters in another order than
# the text holds, the "Trojan Source" trick). They are removed here, at reading, so that the
# stored text is what a reader sees and every offset indexes that stored text exactly. The
# cost: emoji joined by ZWJ fall apart into their parts, and Persian or Indic text would
# lose its (non-)joiners; those languages are not read here. JSON Lines text is never
# repaired (offsets there index the given text), so it keeps them.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                        "\u2066-\u2069\ufeff]")


def fix_text(text: str) -> str:
    """Repair mojibake and line endings, remove invisible format characters; leave every
    other character alone.

    Line endings become "\\n". Zero-width, soft-hyphen and bidirectional control characters
    are removed. Text is NFC-normalised. Curly quotes, full-width forms and HTML entities are
    kept as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if _NEEDS_FTFY.search(text):
        lines = text.split("\n")
        for i, line in enumerate(lines):
            if _NEEDS_FTFY.search(line):
                lines[i] = ftfy.fix_text(line, _FTFY_CONFIG)
        text = "\n".join(lines)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


class NotTextError(ValueError):
    """Bytes that decode to no sensible text (a binary file with a text extension)."""


# Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters no text file contains in numbers: C0 controls (bar whitespace), DEL, and the
# replacement character a decoder leaves for bytes it could not read.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_SNIFF_BYTES = 64 * 1024


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding; raise `NotTextError` when they are not text.

    Order: a byte-order mark decides; else UTF-8 (the norm, and it never decodes by accident);
    else BOM-less UTF-16 recognised by its NUL bytes; else charset-normalizer's best guess.
    """
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(bom_encoding))
            except UnicodeDecodeError as exc:
                raise NotTextError(f"invalid {bom_encoding} after its byte-order mark") from exc
    head = data[:_SNIFF_BYTES]
    if head.count(0) > 1 + len(head) // 100:
        # Text in UTF-16 without a BOM has a NUL in every other byte for ASCII; binary files
        # have NULs scattered. Anything else with many NULs is not text (a stray one is
        # tolerated here and removed by `fix_text`).
        utf16 = _bomless_utf16(head)
        if utf16 is None:
            raise NotTextError("NUL bytes")
        try:
            return _checked(data.decode(utf16))
        except UnicodeDecodeError as exc:
            raise NotTextError(f"NUL bytes, and not valid {utf16}") from exc
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        # UTF-8 with a few stray legacy bytes (text pasted together from two sources): keep
        # the UTF-8, read only the stray bytes as cp1252. A whole-file guess would garble it.
        return _checked(data.decode("utf-8", errors=_STRAY_BYTES))
    if _plausible_cp1252(data):
        return _checked(data.decode("cp1252"))
    # Imported here: only legacy-encoded files pay for it.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise NotTextError("no text encoding fits")
    encoding: str = best.encoding or "utf-8"
    # For Western European text charset-normalizer often names cp1250 and cp1252 as equally
    # likely; cp1252 is what Windows in en/nl/de/fr/es actually writes (€, curly quotes).
    if encoding != "cp1252" and "cp1252" in best.could_be_from_charset:
        encoding = "cp1252"
    try:
        return _checked(data.decode(encoding))
    except (UnicodeDecodeError, LookupError) as exc:
        raise NotTextError(f"cannot decode as {encoding}") from exc


# What en/nl/de/fr/es/it/pt text in cp1252 decodes to outside ASCII: their letters and the
# punctuation Windows keyboards produce.
_WESTERN = frozenset(
    "àáâãäçèéêëìíîïñòóôõöùúûüýÿœæßÀÁÂÃÄÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸŒÆ"
    "€‚„…†‡‘’“”•–—™«»°£§¿¡ªº·´¨©®±×\xa0\xad"
)


def _plausible_cp1252(data: bytes) -> bool:
    """True when cp1252 reads `data` as Western European text and nothing else.

    charset-normalizer, on a short French or German file, may pick cp1250 and turn "è" into
    "č". cp1252 is what Windows in the engine's Latin-script languages writes, so it wins
    when every non-ASCII character it yields belongs to those languages. Russian in cp1251
    ("р" -> "ð") or Korean in cp949 ("²", "¼") fail this test and go to the detector.
    """
    try:
        text = data[:_SNIFF_BYTES].decode("cp1252")
    except UnicodeDecodeError:
        return False  # a byte cp1252 does not define
    return all(char in _WESTERN for char in text if char > "\x7f")


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    stray = error.object[error.start : error.end]
    # cp1252 leaves five bytes undefined; Latin-1 gives them a character (a C1 control).
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in stray)
    return text, error.end


_STRAY_BYTES = "unfree.stray-bytes-as-cp1252"
codecs.register_error(_STRAY_BYTES, _stray_bytes_as_cp1252)


def _mostly_utf8(data: bytes) -> bool:
    text = data[:_SNIFF_BYTES].decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    valid = sum(1 for char in text if char > "\x7f") - stray
    # Legacy double-byte text (cp949, Shift-JIS) forms valid UTF-8 pairs now and then, but
    # far fewer than invalid ones; genuinely mixed files are the other way round.
    return valid > 2 * stray


def _bomless_utf16(head: bytes) -> str | None:
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _checked(text: str) -> str:
    # A few stray control characters happen in real files; a binary file decodes to many.
    bad = len(_BINARY_CHARS.findall(text[:_SNIFF_BYTES]))
    if bad > 1 + len(text[:_SNIFF_BYTES]) // 100:
        raise NotTextError("control characters")
    return text
