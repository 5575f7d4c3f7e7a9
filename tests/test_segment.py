from unfree.segment import TOKEN_RE, Span, clauses, sentences

ABBR = frozenset({"mr.", "a.m.", "p.m."})


def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = "Mr. Aziz started at 6 a.m. every day. He stopped at 10 p.m.! Then?\nA new line"
    assert _texts(text, sentences(text, ABBR)) == [
        "Mr. Aziz started at 6 a.m. every day.",
        "He stopped at 10 p.m.!",
        "Then?",
        "A new line",
    ]


def test_sentence_offsets_index_the_text() -> None:
    text = "  First one.   Second one.  "
    for span in sentences(text):
        assert text[span.start : span.end].strip() == text[span.start : span.end]
    assert _texts(text, sentences(text)) == ["First one.", "Second one."]


def test_clauses_split_on_semicolons_and_connectives() -> None:
    import re

    text = "They took our phones; we worked, but nobody paid us."
    sent = sentences(text)[0]
    conn = re.compile(r"(?:,\s*|\s)(?=(?:but)\b)")
    assert _texts(text, clauses(text, sent, conn)) == [
        "They took our phones;",
        "we worked,",
        "but nobody paid us.",
    ]


def test_quoted_words_are_a_clause_of_their_own() -> None:
    text = 'The boss kept it "so nobody loses it" and never said more.'
    sent = sentences(text)[0]
    assert _texts(text, clauses(text, sent, None)) == [
        "The boss kept it",
        '"so nobody loses it"',
        "and never said more.",
    ]


def test_tokens_are_word_runs_split_at_apostrophes() -> None:
    assert [m.group() for m in TOKEN_RE.finditer("They didn't pay")] == ["They", "didn", "t", "pay"]
    assert [m.group() for m in TOKEN_RE.finditer("n’avais")] == ["n", "avais"]
