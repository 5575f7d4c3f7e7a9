"""A small corpus in every input format `unfree batch` reads, with broken records in each.

Every text, page and name here was written for these tests (people, places, companies and
figures are invented). `build_corpus(folder)` writes:

- `news.jsonl`: three documents, then an invalid line, a line without text and a repeated id;
- `wire.parquet`: three rows, then a row with a null text and one with a repeated id;
- `crawl.warc.gz`: two HTML pages (one with reader comments), a plain-text page, and what a
  crawl also holds and is not a document: a request, a redirect, an image; plus one page with
  no text at all (a failure);
- `damaged.warc.gz`: an archive cut off in the middle (a failure naming where it broke);
- `files/`: a .txt testimony, a .md report, an .html page, an empty .txt and a .pdf that is
  not one (two failures).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

JSONL_DOCS = [
    {"id": "n-1", "lang": "en", "title": "Quarry crew kept for months",
     "text": "The foreman at the Greyhill quarry kept the workers' passports in a locked drawer. "
             "They worked from 6 a.m. until 9 p.m., seven days a week, and were told they owed "
             "1,500 dollars for the journey."},
    {"id": "n-2", "text": "Die Erntehelfer mussten täglich vierzehn Stunden arbeiten. Der "
                          "Vorarbeiter behielt ihre Ausweise und drohte mit der Polizei."},
    {"id": "n-3", "lang": "en", "date": "2023-05-02",
     "text": "The town council approved a new cycle lane along the river on Tuesday."},
]
PARQUET_DOCS = [
    {"id": "w-1", "text": "Los jornaleros trabajaban doce horas al día y el capataz les retenía "
                          "el pasaporte.", "lang": None, "title": "Finca bajo sospecha",
     "author": "Redacción", "date": "2022-11-30", "url": "https://wire.example/finca"},
    {"id": "w-2", "text": "Рабочие жили в вагончиках по восемь человек, зарплату не платили "
                          "четыре месяца.", "lang": "ru", "title": None, "author": None,
     "date": None, "url": None},
    {"id": "w-3", "text": "Les ouvriers du chantier n'avaient aucun jour de repos et leur "
                          "salaire était retenu par l'agence.", "lang": "fr", "title": None,
     "author": None, "date": None, "url": None},
]

PAGE_WITH_COMMENTS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Fishing crew held at sea | Harbour Courier</title>
<meta name="author" content="Lena Marsh">
<link rel="canonical" href="https://harbour.example/news/crew-held">
</head><body><article><h1>Fishing crew held at sea</h1>
<p>Crew members of the trawler Northwind said the captain confiscated their passports on the
first day and did not return them for eleven months.</p>
<p>They worked up to 20 hours a day and were not paid for the last six months of the voyage,
according to a statement from the seafarers' union.</p>
</article>
<section id="comments"><ol>
<li class="comment" id="comment-1"><span class="comment-author">Rob K.</span>
<time datetime="2024-02-03">3 Feb</time><div class="comment-content"><p>This has to stop.</p></div></li>
</ol></section></body></html>"""

PAGE_PLAIN = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Schoonmakers zonder loon</title></head><body><main>
<p>De schoonmakers van het hotel kregen drie maanden geen loon. De uitzender hield hun
paspoorten in bewaring en liet hen zes dagen per week werken.</p></main></body></html>"""

PAGE_EMPTY = "<!DOCTYPE html><html><head><title></title></head><body>  </body></html>"

PLAIN_PAGE = ("Workers at the packing plant said the supervisor threatened to report them to "
              "immigration if they complained about unpaid overtime.")

TXT_TESTIMONY = ("I came from the village with my cousin. The recruiter took 800 euros from "
                 "each of us. At the farm they kept our documents and we slept twelve in one "
                 "room. We could not leave because the gate was locked at night.\n")
MD_REPORT = ("# Inspection follow-up\n\nThe inspectors found 23 workers at the site. Wages "
             "were paid in cash, 4 dollars an hour, and the site had no toilets.\n")
HTML_FILE = PAGE_PLAIN.replace("schoonmakers", "glazenwassers").replace("drie", "vier")

BROKEN_JSONL_LINES = ['{"id": "n-4", "text": "unterminated', '{"id": "n-5"}',
                      json.dumps({"id": "n-1", "text": "A second n-1."})]


def _warc(records: list[tuple[str, str, bytes, str, str]]) -> bytes:
    """A gzipped WARC of (type, url, body, HTTP status, content type) records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for rec_type, url, body, status, content_type in records:
        if rec_type == "request":
            headers = StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example")],
                                       is_http_request=True)
        else:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, rec_type, payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


def build_corpus(folder: Path) -> Path:
    """Write the corpus into `folder` and return it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(d, ensure_ascii=False) for d in JSONL_DOCS] + BROKEN_JSONL_LINES
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    rows = [*PARQUET_DOCS,
            {"id": "w-4", "text": None, "lang": None, "title": None, "author": None,
             "date": None, "url": None},
            {**PARQUET_DOCS[0], "text": "Otra vez el mismo identificador."}]
    pq.write_table(pa.Table.from_pylist(rows), folder / "wire.parquet")

    html = "text/html; charset=utf-8"
    crawl = _warc([
        ("request", "https://harbour.example/news/crew-held", b"", "", ""),
        ("response", "https://harbour.example/news/crew-held", PAGE_WITH_COMMENTS.encode(),
         "200 OK", html),
        ("response", "https://harbour.example/old", b"", "301 Moved Permanently", html),
        ("response", "https://harbour.example/logo.png", b"\x89PNG\r\n", "200 OK",
         "image/png"),
        ("response", "https://cleaners.example/", PAGE_PLAIN.encode(), "200 OK", html),
        ("response", "https://cleaners.example/empty", PAGE_EMPTY.encode(), "200 OK", html),
        ("response", "https://plant.example/note.txt", PLAIN_PAGE.encode(), "200 OK",
         "text/plain"),
    ])
    (folder / "crawl.warc.gz").write_bytes(crawl)
    damaged = _warc([("response", "https://cut.example/", PAGE_PLAIN.encode(), "200 OK", html)]
                    * 3)
    (folder / "damaged.warc.gz").write_bytes(damaged[: len(damaged) // 2])

    files = folder / "files"
    files.mkdir(exist_ok=True)
    (files / "testimony.txt").write_text(TXT_TESTIMONY, encoding="utf-8")
    (files / "followup.md").write_text(MD_REPORT, encoding="utf-8")
    (files / "page.html").write_text(HTML_FILE, encoding="utf-8")
    (files / "empty.txt").write_bytes(b"")
    (files / "scan.pdf").write_bytes(b"not a PDF at all")
    return folder

