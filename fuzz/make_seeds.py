"""Write the seed corpus of the atheris targets: small valid inputs, written for this project.

`python fuzz/make_seeds.py [FOLDER]` (default build/fuzz/corpus) writes FOLDER/<target>/ for
plain, html, pdf, docx, jsonl and facts. The PDF and DOCX seeds are built here with fpdf2 and
python-docx (dev dependencies), so no binary file is kept in the repository. libFuzzer adds
the inputs it finds to the same folders, so a later run starts from where the last stopped.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime
from pathlib import Path

SENTENCES = {
    "en": "We worked from 7 a.m. to 9 p.m., seven days a week, for $150 a month.",
    "nl": "De uitzendkrachten verdienden 9,50 euro per uur en betaalden 2.000 euro aan een "
          "tussenpersoon.",
    "de": "Die Erntehelfer arbeiteten täglich elf bis dreizehn Stunden für 4 Euro pro Stunde.",
    "fr": "L'intermédiaire exigeait 1\u202f500,50\u00a0€ de chaque ouvrier ; ils travaillaient "
          "de 5 h à 21 h.",
    "es": "Las temporeras cobraban 35 euros por jornada de diez horas, de lunes a sábado.",
    "ru": "Рабочие трудились по 14–16 часов в день, а получали 25\u00a0000 рублей в месяц.",
    "ko": "이주노동자들은 하루 12시간씩 주 7일 일했고 월급은 150만 원이었다.",
}
LANGS = ("en", "nl", "de", "fr", "es", "ru", "ko")  # the order fuzz_facts.py picks from

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Workers held on fishing boats</title><meta name="author" content="A. Reporter">
<meta property="article:published_time" content="2023-05-17"></head><body>
<article><h1>Workers held on fishing boats</h1><p>We worked 20 hours a day &amp; the captain
kept our passports.</p><script>var tracking = 1;</script><p>They paid us $150 a month.</p>
</article><section id="comments"><ol class="commentlist"><li class="comment" id="comment-1">
<div class="comment-author"><cite>Reader</cite> says:</div><time datetime="2023-05-18">May 18
</time><div class="comment-content"><p>This happened to my brother too.</p></div></li></ol>
</section></body></html>"""


def plain() -> dict[str, bytes]:
    text = "\n".join(SENTENCES.values())
    return {
        "utf8.txt": text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "cp1252.txt": SENTENCES["fr"].replace("\u202f", " ").encode("cp1252", "replace"),
        "koi8r.txt": SENTENCES["ru"].encode("koi8-r", "replace"),
        "mojibake.txt": SENTENCES["de"].encode("utf-8").decode("cp1252", "replace").encode(),
        "front-matter.md": b"---\ntitle: Field notes\n---\n# Day one\n\n" + text.encode(),
    }


def html() -> dict[str, bytes]:
    legacy = PAGE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "Reader", "Читатель")
    return {"page.html": PAGE.encode("utf-8"),
            "cp1251.html": legacy.encode("cp1251", "replace"),
            "tiny.html": b"<p>12 hours a day</p>"}


def pdf() -> dict[str, bytes]:
    from fpdf import FPDF

    out: dict[str, bytes] = {}
    for name, compress in (("flate.pdf", True), ("plain.pdf", False)):
        document = FPDF()
        document.compress = compress
        document.set_creation_date(datetime(2023, 5, 17, 9, 30))
        document.set_title("Field notes")
        document.set_font("Helvetica", size=11)
        for text in (SENTENCES["en"], SENTENCES["es"]):
            document.add_page()
            document.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
        out[name] = bytes(document.output())
    return out


def docx() -> dict[str, bytes]:
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("Interview", level=1)
    for lang in ("en", "fr", "ru"):
        document.add_paragraph(SENTENCES[lang])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Wage promised"
    table.cell(0, 1).text = "$450 a month"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Paid nothing for four months"
    document.core_properties.title = "Interview 7"
    out = io.BytesIO()
    document.save(out)
    # fuzz_docx.py wraps an input not starting with "PK" into a package as word/document.xml.
    main_part = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
        '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        f"<w:t>{SENTENCES['en']}</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Wage</w:t>"
        '</w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'
        "</w:tcPr><w:p><w:r><w:t>$450 a month</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "</w:body></w:document>"
    )
    return {"interview.docx": out.getvalue(), "document.xml": main_part.encode("utf-8")}


def jsonl() -> dict[str, bytes]:
    lines = [json.dumps({"id": f"doc-{lang}", "text": text, "lang": lang}, ensure_ascii=i % 2 == 0)
             for i, (lang, text) in enumerate(SENTENCES.items())]
    lines.append(json.dumps({"id": 7, "text": "Line\u2028separator kept", "date": 2023}))
    return {"docs.jsonl": "\n".join(lines).encode("utf-8"),
            "bad.jsonl": b'{"id": "a", "text": "ok"}\n[1, 2]\n{"id": "a", "text": "dup"}\n{'}


def facts() -> dict[str, bytes]:
    return {f"{lang}.bin": bytes([LANGS.index(lang)]) + SENTENCES[lang].encode("utf-8")
            for lang in LANGS}


def main(argv: list[str]) -> int:
    root = Path(argv[1] if len(argv) > 1 else "build/fuzz/corpus")
    for target, build in (("plain", plain), ("html", html), ("pdf", pdf), ("docx", docx),
                          ("jsonl", jsonl), ("facts", facts)):
        folder = root / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in build().items():
            (folder / f"seed-{name}").write_bytes(data)
    print(f"seeds written under {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
