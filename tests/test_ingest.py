"""Ingest: every reader, the folder walk, stdin, and what each does with bad input.

All fixtures are written here, into tmp_path: invented text, documents built in the test.
"""

from __future__ import annotations

import io
import json
import pickle
import sys
from pathlib import Path

import pytest

from unfree.ingest import (
    MAX_FILE_BYTES,
    IngestError,
    decode_text,
    fix_text,
    iter_documents,
    read_path,
)
from unfree.model import Document


def read_one(path: Path, **kwargs: int) -> Document:
    docs = list(read_path(path, **kwargs))
    assert len(docs) == 1
    return docs[0]


def read_error(path: Path, **kwargs: int) -> IngestError:
    with pytest.raises(IngestError) as info:
        list(read_path(path, **kwargs))
    return info.value


def split(items: list[Document | IngestError]) -> tuple[list[Document], list[IngestError]]:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    return docs, errors


# --- IngestError -------------------------------------------------------------------------


def test_ingest_error_format_is_one_line_and_picklable() -> None:
    err = IngestError("a/b.pdf", "broken\n  PDF:   bad xref")
    assert err.source == "a/b.pdf"
    assert err.reason == "broken PDF: bad xref"
    assert str(err) == "a/b.pdf: broken PDF: bad xref"
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.source, copy.reason, str(copy)) == (err.source, err.reason, str(err))


def test_default_limit_is_50_megabytes() -> None:
    assert MAX_FILE_BYTES == 50 * 1024 * 1024


# --- plain text and Markdown ------------------------------------------------------------


def test_txt_utf8_keeps_text_and_normalises_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_bytes(b"They took my passport.\r\nI worked 14 hours a day.\r\n")
    doc = read_one(path)
    assert doc.text == "They took my passport.\nI worked 14 hours a day.\n"
    assert doc.id == path.as_posix()
    assert doc.source == path.as_posix()
    assert doc.title is None
    assert doc.lang is None


def test_txt_keeps_curly_quotes_dashes_fullwidth_and_entities(tmp_path: Path) -> None:
    text = "“We were told – ‘no papers, no pay’.” ＡＢＣ  «non»  &amp; 1/2\n"
    path = tmp_path / "quotes.txt"
    path.write_text(text, encoding="utf-8")
    assert read_one(path).text == text


def test_txt_in_cp1252(tmp_path: Path) -> None:
    text = (
        "Le contremaître a gardé nos passeports. On nous retenait 300 € par mois "
        "pour un lit – « c’est la règle », disait-il. Aucun congé, même à Noël.\n"
    )
    path = tmp_path / "temoignage.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_one(path).text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_txt_in_utf16_with_and_without_bom_and_utf8_bom(tmp_path: Path, encoding: str) -> None:
    text = "Die Vermittlerin verlangte 1.800 € Gebühr. Wir arbeiteten 12 Stunden täglich.\n"
    path = tmp_path / "aussage.txt"
    path.write_bytes(text.encode(encoding))
    assert read_one(path).text == text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "cp949",
            "고용주는 노동자들의 여권을 빼앗았고, 노동자들은 하루 열네 시간씩 일했다고 말했다.\n",
        ),
        ("cp1251", "Работодатель забрал наши паспорта, и мы работали по четырнадцать часов.\n"),
        ("cp1250", "Pracodawca zabrał nasze paszporty i pracowaliśmy czternaście godzin.\n"),
        # short, so that a detector alone takes it for cp1250 ("rčgle")
        ("cp1252", "Il a gardé nos passeports – « c’est la règle »\n"),
        ("cp1252", "¿Quién nos pagaba? Nadie. Año tras año, señor.\n"),
    ],
)
def test_txt_in_legacy_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert read_one(path).text == text


def test_utf8_with_stray_legacy_bytes(tmp_path: Path) -> None:
    # Two sources pasted together: UTF-8, then a line typed in a Latin-1 editor.
    data = "Der Vermittler – „Gebühr“ 2.000 €.\n".encode() + "Viele Grüße\n".encode("latin-1")
    path = tmp_path / "pasted.txt"
    path.write_bytes(data)
    assert read_one(path).text == "Der Vermittler – „Gebühr“ 2.000 €.\nViele Grüße\n"


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    original = "The café owner said: “you can’t leave” – we owed him 2,000 €.\n"
    # The classic accident: UTF-8 bytes decoded as cp1252 (bytes it lacks, such as the 0x9D
    # of ”, kept as C1 controls, as Windows does), then saved again as UTF-8.
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

    garbled = original.encode("utf-8").decode("sloppy-windows-1252")
    assert "â€™" in garbled and "Ã©" in garbled
    path = tmp_path / "garbled.txt"
    path.write_text(garbled, encoding="utf-8")
    assert read_one(path).text == original


def test_fix_text_repairs_damage_and_nothing_else() -> None:
    assert fix_text("Ã©tÃ© â€œokâ€\x9d") == "été “ok”"
    assert fix_text("РџСЂРёРІРµС‚") == "Привет"  # UTF-8 Russian read as cp1251
    assert fix_text("a\r\nb\rc") == "a\nb\nc"
    assert fix_text("ﬁfteen") == "fifteen"  # PDF ligature
    assert fix_text("e\u0301te\u0301") == "été"  # NFC
    assert fix_text("a\x00b\x07c\ufeff") == "abc"
    clean = [
        "We were paid £3.50 an hour — “if you complain, you go home”.",
        "Wij kregen € 200 per maand; ‘s nachts zaten de deuren op slot.",
        "Ihr Lohn: 4,20 € pro Stunde – „das ist normal“, sagte er.",
        "« On nous a pris nos papiers », raconte-t-elle. Ça dure depuis 2019.",
        "¿Cuánto nos pagaban? Nada, señor. Año tras año.",
        "«Паспорта забрали», — сказал он. Мы работали по 14 часов.",
        "“여권을 돌려주지 않았다”고 말했다. 월급은 ５０만 원이었다.",
        "SÃO PAULO — trabalho análogo à escravidão.",
    ]
    for sentence in clean:
        assert fix_text(sentence) == sentence


def test_md_title_from_heading_and_markup_kept(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("\n# Inspection of Farm 12 #\n\n**Workers:** 40\n", encoding="utf-8")
    doc = read_one(path)
    assert doc.title == "Inspection of Farm 12"
    assert doc.text == "\n# Inspection of Farm 12 #\n\n**Workers:** 40\n"


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("Bericht der Kontrolle\n=====================\n\nText.\n", "Bericht der Kontrolle"),
        ('---\ntitle: "Rapport annuel"\nauthor: X\n---\n# Autre\n', "Rapport annuel"),
        ("Just a first line.\nAnd a second one.\n", None),
    ],
)
def test_md_title_forms(tmp_path: Path, content: str, title: str | None) -> None:
    path = tmp_path / "doc.md"
    path.write_text(content, encoding="utf-8")
    assert read_one(path).title == title


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    err = read_error(path)
    assert err.reason.startswith("binary content, not text")
    assert err.source == path.as_posix()


def test_binary_without_nul_bytes_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 200)
    assert read_error(path).reason.startswith("binary content, not text")


def test_one_stray_nul_does_not_make_a_file_binary(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(b"Passports were kept in the office.\x00 Nobody could leave.\n")
    assert read_one(path).text == "Passports were kept in the office. Nobody could leave.\n"


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t "])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read_error(path).reason.startswith("empty")


def test_oversized_file_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 200, encoding="utf-8")
    err = read_error(path, max_bytes=100)
    assert "100" in err.reason and "limit" in err.reason
    assert read_one(path, max_bytes=200).text == "x" * 200
    items = list(iter_documents([str(path)], max_bytes=100))
    assert len(items) == 1 and isinstance(items[0], IngestError)


def test_invalid_max_bytes() -> None:
    with pytest.raises(ValueError):
        list(iter_documents(["x"], max_bytes=0))


def test_decode_text_refuses_non_text() -> None:
    assert decode_text("ok".encode("utf-16")) == "ok"
    with pytest.raises(ValueError):
        decode_text(b"\x00\x01\x02\x03" * 100)


# --- HTML -------------------------------------------------------------------------------

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Melon pickers kept in locked barracks | The Valley Courier</title>
<meta name="author" content="Petra Koslov">
<meta property="article:published_time" content="2024-06-11">
<link rel="canonical" href="https://courier.example/news/melon-pickers">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather forecast for the week</a></li></ul></nav></header>
<main><article>
<h1>Melon pickers kept in locked barracks</h1>
<p>Twenty-three seasonal workers on a melon farm near Altavera were locked into their
barracks every night, labour inspectors said on Tuesday.</p>
<p>The workers told inspectors that a supervisor kept their identity cards "for safety"
and that they picked fruit for thirteen hours a day, seven days a week.</p>
<p>Each of them owed the recruiting agency 1,500 euros for the journey,<br>a sum
deducted from wages of 600 euros a month.</p>
</article></main>
<aside class="newsletter"><p>Sign up for our newsletter!</p></aside>
<section id="comments" class="comments-area">
<h2>Reader comments</h2>
<ol class="comment-list">
<li id="comment-101" class="comment even depth-1">
 <article class="comment-body">
  <footer class="comment-meta">
   <div class="comment-author vcard"><img class="avatar" src="a.png" alt="">
    <b class="fn">Rosa Delmar</b> <span class="says">says:</span></div>
   <div class="comment-metadata"><a href="#c101"><time datetime="2024-06-11T09:40:00+02:00">
    11 June 2024 at 09:40</time></a></div>
  </footer>
  <div class="comment-content"><p>My cousin worked there two summers ago.</p>
   <p>Same story: no contract, no day off.</p></div>
  <div class="reply"><a class="comment-reply-link" href="#">Reply</a></div>
 </article>
 <ol class="children">
  <li id="comment-102" class="comment odd depth-2">
   <article class="comment-body">
    <footer class="comment-meta"><div class="comment-author vcard">
     <b class="fn">T. Brandt</b></div></footer>
    <div class="comment-content"><p>Did she report it to anyone?</p></div>
   </article>
  </li>
 </ol>
</li>
<li id="comment-103" class="comment even depth-1">
 <article class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Gianni</b>
   </div><div class="comment-metadata"><time datetime="2024-06-12">12 June 2024</time></div>
  </footer>
  <div class="comment-content"><p>Shameful. Boycott their melons.</p></div>
 </article>
</li>
</ol>
</section>
<footer><p>© 2024 The Valley Courier. All rights reserved.</p></footer>
</body></html>
"""


def test_html_main_text_without_navigation_or_comments(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    doc = read_one(path)
    assert "Twenty-three seasonal workers" in doc.text
    assert "thirteen hours a day" in doc.text
    for absent in ("Weather forecast", "cousin", "Boycott", "Rosa", "Reply", "rights reserved"):
        assert absent not in doc.text
    # paragraphs apart by a blank line, a <br> as a line break inside its paragraph
    paragraphs = doc.text.split("\n\n")
    assert any(p.startswith("Twenty-three seasonal workers") for p in paragraphs)
    assert any("for the journey,\na sum" in p for p in paragraphs)
    # source markup wraps lines; the text does not
    assert "near Altavera were locked" in doc.text


def test_html_metadata(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    doc = read_one(path)
    assert doc.title is not None and "Melon pickers" in doc.title
    assert doc.author == "Petra Koslov"
    assert doc.date == "2024-06-11"
    assert doc.url == "https://courier.example/news/melon-pickers"


def test_html_comments_one_per_reader_with_author_and_date(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    comments = read_one(path).comments
    assert [c.author for c in comments] == ["Rosa Delmar", "T. Brandt", "Gianni"]
    first = comments[0]
    assert (
        first.text
        == "My cousin worked there two summers ago.\n\nSame story: no contract, no day off."
    )
    assert first.date == "2024-06-11T09:40:00+02:00"
    assert comments[1].text == "Did she report it to anyone?"  # a reply, not inside its parent
    assert comments[2].text == "Shameful. Boycott their melons."
    assert comments[2].date == "2024-06-12"


def test_html_generic_comment_markup(tmp_path: Path) -> None:
    page = """<html><head><title>Werftarbeiter ohne Lohn</title></head><body>
    <div class="story"><h1>Werftarbeiter ohne Lohn</h1>
    <p>Auf einer Werft in Nordhafen haben 48 Schweißer seit vier Monaten keinen Lohn
    erhalten. Ihre Pässe liegen nach Angaben der Gewerkschaft beim Subunternehmer.</p>
    <p>Die Männer schlafen zu zwölft in Containern auf dem Werftgelände und dürfen das
    Gelände nach 20 Uhr nicht verlassen, berichtete ein Sprecher.</p></div>
    <div id="kommentare">
      <div class="kommentar"><span class="user-name">Hafenkind</span>
        <span class="date">3. März 2024</span><p>Das ist doch Sklaverei.</p></div>
      <div class="kommentar"><span class="user-name">M. Ostrowski</span>
        <p>Ich habe dort 2019 gearbeitet, genauso war es.</p></div>
    </div></body></html>"""
    path = tmp_path / "werft.htm"
    path.write_text(page, encoding="utf-8")
    doc = read_one(path)
    assert "48 Schweißer" in doc.text
    assert "Sklaverei" not in doc.text and "Hafenkind" not in doc.text
    assert [(c.author, c.date, c.text) for c in doc.comments] == [
        ("Hafenkind", "3. März 2024", "Das ist doch Sklaverei."),
        ("M. Ostrowski", None, "Ich habe dort 2019 gearbeitet, genauso war es."),
    ]


def test_html_legacy_encoding_from_meta_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><article><p>Les ouvriers agricoles étaient payés 3 € de l’heure, "
        "logés à douze dans une grange fermée à clé la nuit.</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    assert "payés 3 € de l’heure" in read_one(path).text


def test_html_korean_page_declared_euc_kr(tmp_path: Path) -> None:
    # "똠" exists only in cp949, the superset browsers use for pages labelled euc-kr.
    body = "이주 노동자 똠 씨는 하루 14시간씩 일했지만 석 달 동안 임금을 받지 못했다고 말했다."
    page = (
        '<html><head><meta charset="euc-kr"><title>기사</title></head><body><article>'
        f"<p>{body}</p></article></body></html>"
    )
    path = tmp_path / "gisa.html"
    path.write_bytes(page.encode("cp949"))
    assert read_one(path).text == body


def test_binary_named_html(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert read_error(path).reason.startswith("binary content, not text")


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Lohn</title></head><body><article><p>Die Näherinnen arbeiteten zwölf "
        "Stunden am Tag und erhielten drei Monate lang keinen Lohn, sagte die Gewerkschaft."
        "</p></article></body></html>"
    )
    path = tmp_path / "page.xhtml"
    path.write_text(page, encoding="utf-8")
    doc = read_one(path)
    assert doc.text.startswith("Die Näherinnen arbeiteten zwölf Stunden")
    assert doc.title == "Lohn"


def test_html_falls_back_to_visible_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    # Pages where trafilatura keeps nothing still give their visible text (minus scripts).
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        "<html><head><title>t</title><style>p{}</style></head><body>"
        "<script>var hidden = 1;</script><div>Zes dagen per week,</div>"
        "<div>twaalf uur per dag.</div><p hidden>verborgen</p></body></html>"
    )
    path = tmp_path / "bare.html"
    path.write_text(page, encoding="utf-8")
    assert read_one(path).text == "Zes dagen per week,\n\ntwaalf uur per dag."


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text(
        "<html><head><title>x</title><script>var a = 1;</script></head><body> </body></html>",
        encoding="utf-8",
    )
    assert read_error(path).reason == "no text"


# --- PDF --------------------------------------------------------------------------------


def make_pdf(pages: list[str], *, title: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
        pdf.set_author("Labour Inspectorate of Eastmark")
    for page in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.multi_cell(0, 8, page)
    return bytes(pdf.output())


def test_pdf_text_layer_pages_apart(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(
        make_pdf(
            [
                "Site visit: 31 workers, passports kept by the employer.",
                "Wages: none paid since March.",
            ],
            title="Site visit report",
        )
    )
    doc = read_one(path)
    assert doc.text == (
        "Site visit: 31 workers, passports kept by the employer.\n\nWages: none paid since March."
    )
    assert doc.title == "Site visit report"
    assert doc.author == "Labour Inspectorate of Eastmark"
    assert doc.date is not None and len(doc.date) == 10


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60)  # a drawing, like a scan: no text objects
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert read_error(path).reason == "no text layer (scanned PDF?)"


@pytest.mark.parametrize("content", [b"%PDF-1.4\nthis is not really a pdf", b"hello world"])
def test_corrupt_pdf(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    err = read_error(path)
    assert err.reason.startswith("not a readable PDF")
    assert "\n" not in str(err)


def test_encrypted_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF

    def encrypted(user_password: str) -> bytes:
        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        pdf.cell(0, 10, "Confidential interview notes.")
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
        return bytes(pdf.output())

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted("open-sesame"))
    assert read_error(locked).reason == "encrypted PDF (password required)"
    # Encrypted only against editing: opens without a password, so it is read.
    restricted = tmp_path / "restricted.pdf"
    restricted.write_bytes(encrypted(""))
    assert read_one(restricted).text == "Confidential interview notes."


# --- DOCX -------------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_properties(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Informe de inspección")
    document.add_paragraph("")  # empty paragraphs are not lines
    document.add_paragraph("Se encontraron 19 trabajadores sin contrato.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Horas por día"
    table.cell(0, 1).text = "14"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Salario retenido: 3 meses"
    document.add_paragraph("Fin del informe.")
    document.core_properties.title = "Inspección Finca Los Olmos"
    document.core_properties.author = "Marta Ibarra"
    path = tmp_path / "informe.docx"
    document.save(str(path))
    doc = read_one(path)
    assert doc.text == (
        "Informe de inspección\nSe encontraron 19 trabajadores sin contrato.\n"
        "Horas por día\n14\nSalario retenido: 3 meses\nFin del informe."
    )
    assert doc.title == "Inspección Finca Los Olmos"
    assert doc.author == "Marta Ibarra"


def test_docx_template_defaults_are_not_metadata(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Text.")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    doc = read_one(path)
    assert (doc.title, doc.author, doc.date) == (None, None, None)


def test_corrupt_docx(tmp_path: Path) -> None:
    import zipfile

    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(b"PK\x03\x04 not really a zip file at all")
    assert read_error(garbage).reason.startswith("not a readable DOCX")
    # A valid zip that is not a Word document.
    hollow = tmp_path / "hollow.docx"
    with zipfile.ZipFile(hollow, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    assert read_error(hollow).reason.startswith("not a readable DOCX")


def test_docx_without_text(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    assert read_error(path).reason == "no text"


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_good_lines_survive_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "First.", "lang": "EN", "labels": ["x"], "genre": "news"}),
        "{not json",
        json.dumps({"id": "a3", "title": "no text here"}),
        "",
        json.dumps({"id": "a5", "text": 42}),
        json.dumps({"text": "no id"}),
        json.dumps(["a", "list"]),
        json.dumps(
            {"id": 7, "text": "Integer id.", "date": "2023-02-01", "url": "https://x.test/"}
        ),
        json.dumps({"id": "a1", "text": "Duplicate id."}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = split(list(iter_documents([str(path)])))
    assert [d.id for d in docs] == ["a1", "7"]
    assert docs[0].lang == "en" and docs[0].source == path.as_posix()
    assert (docs[1].date, docs[1].url) == ("2023-02-01", "https://x.test/")
    by_line = {e.source.rsplit(":line ", 1)[1]: e.reason for e in errors}
    assert all(e.source.startswith(f"{path.as_posix()}:line ") for e in errors)
    assert by_line["2"].startswith("invalid JSON")
    assert by_line["3"] == "missing 'text'"
    assert by_line["5"] == "'text' must be a string, got number"
    assert by_line["6"] == "missing 'id'"
    assert by_line["7"] == "expected a JSON object, got list"
    assert by_line["9"] == "duplicate id 'a1' (first on line 1)"
    assert set(by_line) == {"2", "3", "5", "6", "7", "9"}


def test_jsonl_text_is_kept_exactly(tmp_path: Path) -> None:
    # CRLF, a line separator, mojibake, a NUL: offsets downstream refer to this exact string.
    text = "Line one\r\nLine two\u2028three â€™ Ã© \x00 e\u0301"
    path = tmp_path / "exact.jsonl"
    path.write_bytes(("\ufeff" + json.dumps({"id": "x", "text": text}) + "\r\n").encode("utf-8"))
    assert read_one(path).text == text


def test_jsonl_bad_encoding_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "fine"}).encode()
    path.write_bytes(b'{"id": "bad", "text": "caf\xe9"}\n' + good + b"\n")
    docs, errors = split(list(iter_documents([str(path)])))
    assert [d.id for d in docs] == ["ok"]
    assert str(errors[0]) == f"{path.as_posix()}:line 1: not UTF-8 (JSON Lines must be UTF-8)"


def test_read_path_is_strict_on_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "strict.jsonl"
    path.write_text('{"id": "a", "text": "A"}\nnope\n{"id": "c", "text": "C"}\n', encoding="utf-8")
    seen: list[str] = []
    with pytest.raises(IngestError) as info:
        for doc in read_path(path):
            seen.append(doc.id)
    assert seen == ["a"]
    assert info.value.source == f"{path.as_posix()}:line 2"


# --- inputs: files, folders, stdin ------------------------------------------------------


def test_folder_tree_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    root = tmp_path / "case"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Alpha.", encoding="utf-8")
    (root / "C.md").write_text("# Gamma\nText.", encoding="utf-8")
    (root / "b_sub" / "z.txt").write_text("Zeta.", encoding="utf-8")
    (root / "b_sub" / "deeper" / "y.jsonl").write_text(
        '{"id": "y1", "text": "Y one"}\n{"id": "y2", "text": "Y two"}\n', encoding="utf-8"
    )
    (root / "b_sub" / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text("secret", encoding="utf-8")
    (root / ".git" / "notes.txt").write_text("git", encoding="utf-8")
    (root / "photo.png").write_bytes(b"\x89PNG")
    (root / "table.csv").write_text("a,b", encoding="utf-8")
    docs, errors = split(list(iter_documents([str(root)])))
    base = root.as_posix()
    assert [d.id for d in docs] == [
        f"{base}/C.md",
        f"{base}/a.txt",
        "y1",
        "y2",
        f"{base}/b_sub/z.txt",
    ]
    assert [str(e) for e in errors] == [f"{base}/b_sub/empty.txt: empty"]


def test_several_inputs_and_errors_in_place(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good.", encoding="utf-8")
    unknown = tmp_path / "notes.rtf"
    unknown.write_text("{\\rtf1 x}", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    items = list(iter_documents([str(unknown), str(good), str(missing), str(empty_dir)]))
    assert isinstance(items[0], IngestError) and "unsupported file type '.rtf'" in items[0].reason
    assert isinstance(items[1], Document) and items[1].text == "Good."
    assert isinstance(items[2], IngestError) and items[2].reason == "no such file or folder"
    assert isinstance(items[3], IngestError) and "no file of a supported type" in items[3].reason
    assert len(items) == 4


def test_unknown_extension_named_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("text", encoding="utf-8")
    assert "unsupported" in read_error(path).reason
    path = tmp_path / "README"
    path.write_text("text", encoding="utf-8")
    assert "without extension" in read_error(path).reason


def test_extension_case_does_not_matter(tmp_path: Path) -> None:
    path = tmp_path / "SHOUT.TXT"
    path.write_text("Loud.", encoding="utf-8")
    assert read_one(path).text == "Loud."


def test_a_reader_crash_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unfree.ingest import core

    def explode(data: bytes, *, doc_id: str, source: str) -> Document:
        raise RuntimeError("library bug")

    monkeypatch.setitem(core._READERS, ".txt", explode)
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    (item,) = list(iter_documents([str(path)]))
    assert isinstance(item, IngestError)
    assert item.reason == "unexpected RuntimeError: library bug"


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, "Ils nous ont pris nos passeports.\r\n".encode("cp1252"))
    (doc,) = list(iter_documents(["-"]))
    assert isinstance(doc, Document)
    assert (doc.id, doc.source, doc.text) == ("stdin", "-", "Ils nous ont pris nos passeports.\n")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'\n{"id": "s1", "text": "Uno"}\n{"id": "s2", "text": "Dos"}\nbroken\n'
    fake_stdin(monkeypatch, data)
    docs, errors = split(list(iter_documents(["-"])))
    assert [(d.id, d.text, d.source) for d in docs] == [("s1", "Uno", "-"), ("s2", "Dos", "-")]
    assert [e.source for e in errors] == ["-:line 4"]


def test_stdin_text_stream_without_buffer_and_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Короткий текст."))
    (doc,) = list(iter_documents(["-"]))
    assert isinstance(doc, Document) and doc.text == "Короткий текст."
    monkeypatch.setattr(sys, "stdin", io.StringIO("x" * 50))
    (err,) = list(iter_documents(["-"], max_bytes=10))
    assert isinstance(err, IngestError) and "limit" in err.reason
    monkeypatch.setattr(sys, "stdin", io.StringIO("  \n"))
    (err,) = list(iter_documents(["-"]))
    assert isinstance(err, IngestError) and err.reason == "empty"
