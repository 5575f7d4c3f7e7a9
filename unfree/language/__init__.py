"""Language: which language a document is written in, as an ISO 639-1 code.

Owns `detect_language`. The engine analyses seven languages (`SUPPORTED`); documents in other
common languages are named as such (so a report can say "Italian, not analysed") rather than
forced into the nearest supported one, and text with too few letters is "und".

How, and why so:
- Scripts used by one language only (Hangul, kana, Thai, Greek...) decide on their own: a
  character-range count, no model.
- Otherwise lingua decides among the seven and ~20 others, in low-accuracy mode (trigram
  models only), with models loaded lazily per script. Measured (Python 3.11, lingua 2.1):
  building the detector takes ~4 ms; the first Latin-script document ~0.17 s (model load);
  later documents ~0.1 ms per sentence, ~1 ms per full 2,000-character sample; peak RSS
  ~50 MB with Latin, Cyrillic and Arabic models loaded. High-accuracy mode took 3.7 s and
  470 MB for the same languages (2.6 s / 660 MB preloaded), breaking the 2 s / 500 MB
  budget, for little gain on texts over ~120 characters. Preloading in low-accuracy mode
  would only move ~0.1 s from the first document to start-up.
- Only a bounded sample is read (`SAMPLE_CHARS`), so the cost per document does not grow
  with its length.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SUPPORTED: tuple[str, ...] = ("en", "nl", "de", "fr", "es", "ru", "ko")
"""The languages the engine analyses."""

UNDETERMINED = "und"

# Languages of people commonly found in forced-labour cases in Europe and Asia (origin and
# destination countries), so that their texts are named correctly. Every extra language
# costs memory and a little accuracy for the others, hence a list and not all 75.
_OTHERS: tuple[str, ...] = (
    "it", "pt", "pl", "ro", "bg", "cs", "hu", "sv", "da", "tr", "uk",
    "ar", "fa", "ur", "hi", "bn", "zh", "ja", "th", "vi", "id", "tl", "el",
)  # fmt: skip

# Languages told apart by their script alone (no model needed).
_BY_SCRIPT: tuple[str, ...] = ("he", "hy", "ka", "pa", "gu", "ta", "te")

DETECTABLE: tuple[str, ...] = SUPPORTED + _OTHERS + _BY_SCRIPT
"""Every code `detect_language` can return, besides "und"."""

SAMPLE_CHARS = 2000
"""Characters read per document: plenty for trigram statistics, bounded cost."""

# Fewer letters than this (outside single-language scripts) is a guess, not a detection.
_MIN_LETTERS = 3

# Script ranges (start, end inclusive, script). A script named by a language code is used by
# that language alone, here; the others go to lingua.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "latin"),
    (0x0370, 0x03FF, "el"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "hy"),
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0900, 0x097F, "hi"),  # Devanagari: Hindi among the detectable languages
    (0x0980, 0x09FF, "bn"),
    (0x0A00, 0x0A7F, "pa"),
    (0x0A80, 0x0AFF, "gu"),
    (0x0B80, 0x0BFF, "ta"),
    (0x0C00, 0x0C7F, "te"),
    (0x0E00, 0x0E7F, "th"),
    (0x10A0, 0x10FF, "ka"),
    (0x1100, 0x11FF, "hangul"),
    (0x1E00, 0x1EFF, "latin"),  # Vietnamese letters with stacked diacritics
    (0x3040, 0x30FF, "kana"),
    (0x3130, 0x318F, "hangul"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xAC00, 0xD7A3, "hangul"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0xFF21, 0xFF5A, "latin"),  # full-width Latin
)
_STARTS = [start for start, _, _ in _RANGES]
# Scripts for which lingua has to choose between languages.
_LINGUA_SCRIPTS = frozenset({"latin", "cyrillic", "arabic"})
# Words that say nothing about the language of the text around them.
_NOISE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of `text`, or "und" when there is too little to tell."""
    sample = _sample(text)
    counts = _script_counts(sample)
    if not counts:
        return UNDETERMINED
    # Weigh a CJK character as two letters: one syllable or word carries more than a letter.
    weighted = {s: n * (2 if s in ("hangul", "han", "kana") else 1) for s, n in counts.items()}
    script = max(weighted, key=lambda s: weighted[s])
    if script == "hangul":
        return "ko"
    if script in ("han", "kana"):
        # Japanese mixes kanji with kana; Chinese has no kana at all.
        return "ja" if counts.get("kana", 0) * 10 >= counts.get("han", 0) else "zh"
    if script not in _LINGUA_SCRIPTS:
        return script
    if counts[script] < _MIN_LETTERS:
        return UNDETERMINED
    found = _detector().detect_language_of(sample)
    if found is None:
        return UNDETERMINED
    return found.iso_code_639_1.name.lower()


@functools.cache
def _detector() -> LanguageDetector:
    # Built on first use, once: a run that never meets Latin/Cyrillic/Arabic text, or an
    # import of this module, costs nothing. Models load lazily per script inside lingua.
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED + _OTHERS]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def _sample(text: str) -> str:
    # Beginning and middle of a long text: a title page or English abstract alone should not
    # decide the language of a Dutch report.
    if len(text) > SAMPLE_CHARS * 3 // 2:
        half = SAMPLE_CHARS // 2
        middle = len(text) // 2
        text = text[:half] + "\n" + text[middle : middle + half]
    return _NOISE.sub(" ", text)


def _script_counts(sample: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in sample:
        if not char.isalpha():
            continue
        code = ord(char)
        i = bisect_right(_STARTS, code) - 1
        if i >= 0 and code <= _RANGES[i][1]:
            script = _RANGES[i][2]
            counts[script] = counts.get(script, 0) + 1
    return counts
