"""A stemmed lexicon term must not share its stem with a common word of another meaning.

Snowball stems merge words that only look alike: Spanish "paro" (strike) and "para" (for),
Dutch "geweld" (violence) and "wel" (well), German "kürzen" (cut pay) and "kurz" (short),
English "quit" and "quite". Each such term matched one of the commonest words of its language
and quietly cancelled or fired rules. The check: no concept term whose stem is the stem of a
stop word (spaCy's lists) unless the two are forms of one word (listed below); such a term is
written as an exact form (`=word`) instead.
"""

import importlib
from importlib import resources

import pytest
import Stemmer

from unfree.data import load_yaml

STEMMERS = {"en": "english", "nl": "dutch", "de": "german", "fr": "french", "es": "spanish",
            "ru": "russian"}

# Terms that share a stem with a stop word because both are forms of one verb or noun.
SAME_WORD = {
    "en": {"called", "calls", "saying", "says"},
    "nl": {"vroegen", "wilden"},
    "de": {"sagten", "schlechte", "schlechten", "selber"},
    "fr": {"laissaient", "laissait", "laissé", "laissée", "laissées", "laissés", "parlaient",
           "parlait", "permettaient", "touchaient", "touchait", "touché", "touchés"},
    "es": {"aseguraba", "aseguraban", "aseguraron", "cuentas", "hablaba", "hablaban", "hablar",
           "hablara", "hablábamos", "podía", "podían", "ponía", "ponían", "pudieron"},
    "ru": set(),
}


@pytest.mark.parametrize("lang", sorted(STEMMERS))
def test_no_term_shares_its_stem_with_a_common_word_of_another_meaning(lang: str) -> None:
    stops = importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
    stem = Stemmer.Stemmer(STEMMERS[lang]).stemWord
    stop_stems: dict[str, set[str]] = {}
    for word in stops:
        stop_stems.setdefault(stem(word.lower()), set()).add(word)
    clashes = {}
    data = load_yaml((resources.files("unfree.lang") / lang / "indicators.yaml").read_text(
        encoding="utf-8"))
    for concept, terms in data["concepts"].items():
        for term in map(str, terms):
            if " " in term or term.startswith("=") or "*" in term or term.lower() in stops:
                continue
            common = stop_stems.get(stem(term.lower()))
            if common and term not in SAME_WORD[lang]:
                clashes[f"{concept}: {term}"] = sorted(common)
    assert clashes == {}
