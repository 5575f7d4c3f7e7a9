"""Batch inputs: listing in `unfree analyze`'s order, JSON Lines as `unfree.ingest` reads them,
Parquet rows, WARC records through the HTML reader, and every broken record named."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from batch_corpus import JSONL_DOCS, PAGE_PLAIN, PAGE_WITH_COMMENTS, _warc, build_corpus

from unfree.batch.sources import Record, iter_records, list_inputs, suffix_of
from unfree.batch.warc import warc_records
from unfree.ingest import IngestError, iter_documents, read_bytes
from unfree.model import Document


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


def read_all(inputs: list[str]) -> list[tuple[Record, Document | IngestError]]:
    return [(r, r.read()) for r in iter_records(list_inputs(inputs))]


def test_suffixes_know_compressed_archives() -> None:
    assert suffix_of("a/b.WARC.GZ") == ".warc.gz"
    assert suffix_of("s3://bucket/x/part.parquet") == ".parquet"
    assert suffix_of("notes") == ""


def test_files_and_jsonl_read_as_unfree_analyze_reads_them(corpus: Path) -> None:
    inputs = [str(corpus / "files"), str(corpus / "news.jsonl")]
    ours = [item for _, item in read_all(inputs)]
    theirs = list(iter_documents(inputs))
    assert [type(i) for i in ours] == [type(i) for i in theirs]
    for mine, reference in zip(ours, theirs, strict=True):
        if isinstance(reference, IngestError):
            assert isinstance(mine, IngestError)
            assert (mine.source, mine.reason) == (reference.source, reference.reason)
        else:
            assert mine == reference


def test_records_are_named_and_numbered_in_input_order(corpus: Path) -> None:
    records = [r for r, _ in read_all([str(corpus)])]
    keys = [(r.input_index, r.record_index) for r in records]
    assert keys == sorted(keys)
    assert len({r.where for r in records}) == len(records)
    wheres = [r.where for r in records]
    assert f"{corpus}/news.jsonl:line 2" in wheres
    assert f"{corpus}/wire.parquet:row 3" in wheres
    assert f"{corpus}/crawl.warc.gz:record 2" in wheres  # record 1 is the request


def test_parquet_rows_become_documents_and_bad_rows_are_named(corpus: Path) -> None:
    found = read_all([str(corpus / "wire.parquet")])
    docs = [item for _, item in found if isinstance(item, Document)]
    assert [d.id for d in docs] == ["w-1", "w-2", "w-3"]
    assert docs[0].url == "https://wire.example/finca" and docs[0].lang is None
    assert docs[1].lang == "ru" and docs[0].source == str(corpus / "wire.parquet")
    errors = {r.where.rsplit(":", 1)[1]: item.reason for r, item in found
              if isinstance(item, IngestError)}
    assert errors == {"row 4": "'text' must be a string, got null",
                      "row 5": "duplicate id 'w-1' (first on row 1)"}


def test_parquet_without_a_text_column_is_one_error(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["text"]}), path)
    [(_record, item)] = read_all([str(path)])
    assert isinstance(item, IngestError)
    assert item.reason == "no column 'text'"


def test_warc_pages_read_as_the_same_page_saved_to_disk(corpus: Path) -> None:
    found = read_all([str(corpus / "crawl.warc.gz")])
    docs = [item for _, item in found if isinstance(item, Document)]
    assert len(docs) == 3  # request, redirect and image are not documents
    page = docs[0]
    reference = read_bytes(PAGE_WITH_COMMENTS.encode(), suffix=".html", doc_id=page.id,
                           source=page.source or "")
    assert page == reference
    assert page.url == "https://harbour.example/news/crew-held"  # the page's canonical URL
    assert [c.author for c in page.comments] == ["Rob K."]
    assert docs[1].url == "https://cleaners.example/"  # no canonical URL: the archive's
    assert docs[2].text.startswith("Workers at the packing plant")
    assert all(d.id.startswith("urn:uuid:") for d in docs)
    [(record, error)] = [(r, i) for r, i in found if isinstance(i, IngestError)]
    assert record.where.endswith("crawl.warc.gz:record 6")
    assert str(error) == f"{corpus}/crawl.warc.gz:record 6: no text"


def test_a_damaged_archive_keeps_its_whole_records_and_names_where_it_broke(
        corpus: Path) -> None:
    found = read_all([str(corpus / "damaged.warc.gz")])
    assert [type(i).__name__ for _, i in found] == ["Document", "IngestError"]
    assert found[1][1].reason.startswith("damaged archive, rest of file skipped")
    garbage = list(warc_records(0, "junk.warc", io.BytesIO(b"garbage, not a warc")))
    assert len(garbage) == 1 and garbage[0].error is not None


def test_uncompressed_warc_cut_off_is_noticed() -> None:
    import gzip

    data = gzip.decompress(_warc([("response", "https://a.example/", PAGE_PLAIN.encode(),
                                   "200 OK", "text/html")] * 2))
    whole = list(warc_records(0, "a.warc", io.BytesIO(data)))
    cut = list(warc_records(0, "a.warc", io.BytesIO(data[: len(data) * 3 // 4])))
    assert [r.error for r in whole] == [None, None]
    assert cut[0].error is None and cut[1].error is not None


def test_listing_names_missing_and_unsupported_inputs_in_place(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps(JSONL_DOCS[0]) + "\n", encoding="utf-8")
    (tmp_path / "notes.odt").write_bytes(b"x")
    listed = list_inputs([str(tmp_path / "a.jsonl"), str(tmp_path / "missing"),
                          str(tmp_path / "notes.odt"), str(tmp_path / "a.jsonl")])
    assert listed[0] == str(tmp_path / "a.jsonl")
    assert isinstance(listed[1], IngestError) and listed[1].reason == "no such file or folder"
    assert isinstance(listed[2], IngestError) and "unsupported file type" in listed[2].reason
    assert len(listed) == 3  # a file named twice is read once


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.odt").write_bytes(b"x")
    [item] = list_inputs([str(tmp_path)])
    assert isinstance(item, IngestError)
    assert item.reason == "folder holds no file of a supported type"
