"""Regression tests for what fuzzing found (tests/test_fuzz_*.py, fuzz/): each input here, in
its smallest form, once crashed a reader or made the fact parser give a wrong value.
docs/reliability.md ("Fuzzing") lists them with the fix.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from unfree.facts import extract_facts
from unfree.ingest import IngestError, iter_documents, read_jsonl
from unfree.ingest.htmlpage import read_html
from unfree.ingest.office import read_docx
from unfree.model import Document
from unfree.pipeline import analyze, to_dict

GOOD_LINE = b'{"id": "ok", "text": "We worked 14 hours a day."}'


# --- JSON Lines ------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "reason"), [
    # JSON may escape a lone surrogate; it is no character, and language detection, UTF-8
    # output and the store all failed on it (the whole `unfree analyze` run ended).
    (b'{"id": "s", "text": "\\ud800"}', "'text' holds a lone surrogate (\\ud800 at character 0)"),
    (b'{"id": "s", "text": "ok", "title": "a\\udfff"}', "'title' holds a lone surrogate"),
    (b'{"id": "\\ud83d", "text": "ok"}', "'id' holds a lone surrogate"),
    # json.loads raised ValueError, not JSONDecodeError, for an integer of over 4,300 digits
    # and RecursionError for deep nesting: the reader's generator died with them, so every
    # later line of the file was lost.
    (b"1" * 4301, "JSON beyond limits (Exceeds the limit (4300 digits)"),
    (b'{"id": "d", "text": "x", "date": ' + b"9" * 4301 + b"}", "JSON beyond limits"),
    (b"[" * 100_000, "JSON beyond limits (maximum recursion depth exceeded"),
])
def test_jsonl_line_is_refused_and_reading_goes_on(line: bytes, reason: str) -> None:
    items = list(read_jsonl(line + b"\n" + GOOD_LINE, source="in.jsonl"))
    assert len(items) == 2
    error, doc = items
    assert isinstance(error, IngestError)
    assert error.source == "in.jsonl:line 1"
    assert error.reason.startswith(reason)
    assert isinstance(doc, Document) and doc.id == "ok"


def test_surrogate_pair_escapes_are_one_character() -> None:
    # A pair of escapes is a real character (here an emoji): kept, offsets unchanged.
    items = list(read_jsonl(b'{"id": "e", "text": "\\ud83d\\ude00 12 hours a day"}', source="x"))
    assert isinstance(items[0], Document) and items[0].text == "\U0001f600 12 hours a day"


def test_analyze_run_goes_on_past_a_bad_line(tmp_path: Path) -> None:
    # End to end, as `unfree analyze file.jsonl` reads: the bad lines are errors, the good one
    # is analysed and serialises to JSON.
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "s", "text": "x\\udc80y"}\n' + b"7" * 5000 + b"\n" + GOOD_LINE)
    items = list(iter_documents([str(path)]))
    assert [type(item) for item in items] == [IngestError, IngestError, Document]
    doc = items[2]
    assert isinstance(doc, Document)
    json.dumps(to_dict(analyze(doc)), ensure_ascii=False).encode("utf-8")


def test_stdin_jsonl_with_a_huge_number(monkeypatch: pytest.MonkeyPatch) -> None:
    # Standard input read as JSON Lines had no guard at all: the exception ended the run.
    data = b'{"id": "a", "text": "ok", "n": ' + b"1" * 5000 + b"}\n" + GOOD_LINE
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(iter_documents(["-"]))
    assert isinstance(items[0], IngestError) and items[0].source == "-:line 1"
    assert isinstance(items[1], Document) and items[1].id == "ok"


# --- facts -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "value"), [
    # The no-break and narrow no-break spaces that group thousands in French, Russian, German,
    # Dutch and Spanish had become plain spaces in those languages' facts.yaml, so
    # "1 234,56 €" as babel (and most French and Russian typesetting) writes it read as
    # 234.56, and "1 000,00 ₽" as 0.
    ("fr", "L'intermédiaire exigeait 1\u202f234,56\u00a0€ de chaque ouvrier.", 1234.56),
    ("fr", "L'intermédiaire exigeait 1\u00a0500 euros de chaque ouvrier.", 1500),
    ("ru", "За разрешение на работу бригадир взял с каждого по 1\u00a0000,00\u00a0₽.", 1000),
    ("ru", "За разрешение на работу бригадир взял с каждого по 15\u202f000 рублей.", 15000),
    ("de", "Für die Vermittlung mussten sie jeweils 1\u00a0500 Euro an einen Anwerber zahlen.",
     1500),
    ("nl", "Voor de bemiddeling betaalden ze elk 2\u202f000 euro aan een tussenpersoon.", 2000),
    ("es", "El intermediario les cobró 2\u00a0000 dólares por el visado.", 2000),
])
def test_no_break_space_groups_thousands(lang: str, text: str, value: float) -> None:
    fees = [f for f in extract_facts(text, lang) if f.kind == "recruitment_fee"]
    assert [f.value for f in fees] == [pytest.approx(value)]


@pytest.mark.parametrize("text", [
    # 400 nines read as float("inf"): a wage and a head count of infinity, which JSON output
    # cannot hold ("Infinity") and which derived figures turned into NaN.
    "They paid $" + "9" * 400 + " a month.",
    "The factory employs " + "9" * 400 + " people.",
])
def test_numbers_past_float_range_are_no_facts(text: str) -> None:
    assert extract_facts(text, "en") == []


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_three_hours_with_minutes_is_a_working_day(lang: str) -> None:
    # Minutes as float fractions of an hour made "1:35 to 4:35" 2.9999999999999996 hours,
    # under the three-hour minimum, so the span was dropped; "1:00 to 4:00" was kept.
    text = {"en": "We worked from 1:35 to 4:35 every day.",
            "de": "Die Arbeiter schufteten von 1:35 bis 4:35.",
            "ru": "Они работали с 1:35 до 4:35."}[lang]
    hours = [f.value for f in extract_facts(text, lang) if f.kind == "work_hours_per_day"]
    assert hours == [3.0]


# --- files -----------------------------------------------------------------------------------

def test_unclosed_iframe_does_not_pour_markup_into_the_text() -> None:
    # The HTML parser reads an iframe's content as raw text, and trafilatura kept it: an iframe
    # left unclosed put the rest of the page, markup and scripts, into the main text.
    page = (b"<html><body><p>We worked 12 hours a day.</p><iframe><script>var secret = 1;"
            b"</script></body></html>")
    doc = read_html(page, doc_id="p", source="p.html")
    assert doc.text == "We worked 12 hours a day."


def test_template_content_is_not_text() -> None:
    page = (b"<html><body><p>We worked 12 hours a day, every day of the week, without rest.</p>"
            b"<template><p>Placeholder comment text</p></template></body></html>")
    assert "Placeholder" not in read_html(page, doc_id="p", source="p.html").text


def test_jsonl_file_of_blank_lines_is_an_error(tmp_path: Path) -> None:
    # It gave no document and no error: "0 analysed, 0 failed" and exit code 0, where a blank
    # .txt file is an error (exit code 2).
    path = tmp_path / "blank.jsonl"
    path.write_bytes(b"\n  \n\r\n")
    items = list(iter_documents([str(path)]))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert items[0].reason == "empty (only blank lines)"


def test_docx_part_declaring_an_unknown_encoding() -> None:
    # One flipped bit turned "UTF-8" into "TTF-8" in a part's XML declaration: the check of
    # the parts' prologs let Python's LookupError ("unknown encoding") out of the reader.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                         b'openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml",
                         b'<?xml version="1.0" encoding="TTF-8"?><w:document/>')
    with pytest.raises(IngestError, match="not a readable DOCX"):
        read_docx(out.getvalue(), doc_id="d", source="d.docx")


def test_amount_conversions_are_found_as_by_comparing_every_pair() -> None:
    """`money._conversions` (sorted, linear) picks exactly what comparing every pair of
    amounts picked: a long text dense with amounts made that quadratic (4M characters took
    minutes)."""
    import random
    from types import SimpleNamespace

    from unfree.facts.money import _conversions

    rng = random.Random(7)
    for _ in range(300):
        found = []
        for _ in range(rng.randint(0, 30)):
            a = rng.randint(0, 200)
            b = a + rng.randint(1, 10)
            found.append(SimpleNamespace(core=(a, b), end=b + rng.randint(0, 40)))
        pairwise = [m for m in found
                    if any(o.core[1] <= m.core[0] and m.core[1] <= o.end for o in found)]
        assert _conversions(found) == pairwise  # type: ignore[arg-type]
