"""Resource limits (unfree/ingest/limits.py): each one, its breach message, and the run going on.

For every limit: a file just over it is refused with an `IngestError` naming the file, the
measure, the limit and the option that sets it; the same file is read under a higher limit;
in `iter_documents` the next input is still read. Also the per-document deadline (reading,
analysis in `unfree analyze`, its worker processes and `unfree ingest`), the CLI options,
and invisible characters inside trigger words. Fixtures are built here or by
tests/hostile_corpus.py, from text written for this project.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hostile_corpus import (
    BILLION_LAUGHS,
    MIB,
    XXE,
    Member,
    W,
    account,
    document_xml,
    docx,
    hidden,
    page_tree,
    pdf_objects,
    write_pdf,
)
from typer.testing import CliRunner

import unfree.ingest.core as core
from unfree.cli import app
from unfree.ingest import DEFAULT_LIMITS, IngestError, Limits, iter_documents, read_path
from unfree.ingest.limits import TimeLimitReached, time_limit, within
from unfree.model import Document
from unfree.pipeline import analyze

runner = CliRunner()
TEXT = account("en", 1)


def error(path: Path, limits: Limits) -> IngestError:
    with pytest.raises(IngestError) as info:
        list(read_path(path, limits=limits))
    assert info.value.source == path.as_posix()
    return info.value


def one(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    (document,) = read_path(path, limits=limits)
    return document


def goes_on(bad: Path, good: Path, limits: Limits, option: str) -> None:
    """In a lenient run the bad file is one error naming its limit; the good one is read."""
    items = list(iter_documents([str(bad), str(good)], limits=limits))
    assert len(items) == 2 and isinstance(items[0], IngestError)
    assert items[0].source == bad.as_posix() and f"({option})" in items[0].reason
    assert isinstance(items[1], Document)
    # Kept as a record, the error holds no traceback (no frames, no file bytes).
    assert items[0].__traceback__ is None and items[0].__context__ is None


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(account("fr", 2), encoding="utf-8")
    return path


# --- the Limits record -----------------------------------------------------------------------


def test_defaults_are_documented_values() -> None:
    assert Limits(
        max_file_bytes=50 * MIB, max_chars=5_000_000, max_pdf_pages=2_000,
        max_pdf_objects=250_000, max_docx_bytes=100 * MIB, max_zip_ratio=100,
        max_zip_members=10_000, max_html_depth=250, max_seconds=300.0) == DEFAULT_LIMITS
    assert DEFAULT_LIMITS.max_file_bytes == core.MAX_FILE_BYTES


@pytest.mark.parametrize("change", [
    {"max_file_bytes": 0}, {"max_chars": -1}, {"max_pdf_pages": 1.5}, {"max_zip_ratio": True},
    {"max_seconds": -1}, {"max_html_depth": 256}, {"max_pdf_objects": "10"},
])
def test_bad_limits_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        replace(DEFAULT_LIMITS, **change)


def test_max_bytes_still_overrides_the_file_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 200, encoding="utf-8")
    with pytest.raises(IngestError, match=r"200 bytes, over the limit of 100 bytes"):
        list(read_path(path, max_bytes=100))


# --- size and characters -------------------------------------------------------------------


def test_file_size(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT * 3, encoding="utf-8")
    size = path.stat().st_size
    limits = replace(DEFAULT_LIMITS, max_file_bytes=size - 1)
    assert error(path, limits).reason == (
        f"too large: {size:,} bytes, over the limit of {size - 1:,} bytes (--max-file-mb)")
    assert one(path, replace(limits, max_file_bytes=size)).text == TEXT * 3
    goes_on(path, good, limits, "--max-file-mb")


def test_characters_refused_not_truncated(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text(TEXT, encoding="utf-8")
    limits = replace(DEFAULT_LIMITS, max_chars=len(TEXT) - 1)
    assert error(path, limits).reason == (
        f"{len(TEXT):,} characters, over the limit of {len(TEXT) - 1:,} characters (--max-chars)")
    assert one(path, replace(limits, max_chars=len(TEXT))).text == TEXT
    goes_on(path, good, limits, "--max-chars")


def test_characters_of_each_jsonl_record(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "x" * 50}) + "\n"
                    + json.dumps({"id": "short", "text": "y" * 10}) + "\n", encoding="utf-8")
    items = list(iter_documents([str(path)], limits=replace(DEFAULT_LIMITS, max_chars=20)))
    assert isinstance(items[0], IngestError) and isinstance(items[1], Document)
    assert str(items[0]) == (f"{path.as_posix()}: long: 50 characters, over the limit of 20 "
                             "characters (--max-chars)")


def test_characters_of_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    (item,) = iter_documents(["-"], limits=replace(DEFAULT_LIMITS, max_chars=10))
    assert isinstance(item, IngestError) and item.source == "-"
    assert item.reason.endswith("over the limit of 10 characters (--max-chars)")


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_pages_by_declared_count_and_by_walking(tmp_path: Path, good: Path) -> None:
    declared = tmp_path / "declared.pdf"
    write_pdf(declared, page_tree(5, text=TEXT))
    limits = replace(DEFAULT_LIMITS, max_pdf_pages=4)
    assert error(declared, limits).reason == (
        "5 pages, over the limit of 4 pages (--max-pdf-pages)")
    assert "passports" in one(declared, replace(limits, max_pdf_pages=5)).text
    lying = tmp_path / "lying.pdf"  # /Count 1, five pages in the tree
    write_pdf(lying, page_tree(5, 1, text=TEXT))
    assert error(lying, limits).reason == (
        "more than 4 pages, over the limit of 4 pages (--max-pdf-pages)")
    goes_on(declared, good, limits, "--max-pdf-pages")


def test_pdf_objects(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "objects.pdf"
    write_pdf(path, pdf_objects(TEXT), tiny_objects=30)
    limits = replace(DEFAULT_LIMITS, max_pdf_objects=30)
    assert error(path, limits).reason == (
        "more than 30 objects, over the limit of 30 objects (--max-pdf-objects)")
    assert "passports" in one(path, replace(limits, max_pdf_objects=35)).text
    goes_on(path, good, limits, "--max-pdf-objects")


# --- DOCX ------------------------------------------------------------------------------------

HEAD = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'
TAIL = "</w:t></w:r></w:p></w:body></w:document>"


def test_docx_unpacked_size(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "big.docx"
    path.write_bytes(docx(TEXT, extra=[Member.of("word/media/a.bin", b"\0" * 5000)]))
    limits = replace(DEFAULT_LIMITS, max_docx_bytes=5000)
    reason = error(path, limits).reason
    assert reason.startswith("unpacks to ") and reason.endswith(
        "bytes, over the limit of 5,000 bytes (--max-docx-mb)")
    assert one(path).text == TEXT
    goes_on(path, good, limits, "--max-docx-mb")


def test_docx_ratio_of_a_zip_bomb(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "bomb.docx"
    bomb = Member.repeated("word/document.xml", HEAD, b" " * MIB, 4, TAIL)
    path.write_bytes(docx(TEXT, document=bomb))
    reason = error(path, DEFAULT_LIMITS).reason
    assert reason.startswith(f"word/document.xml packs {bomb.size:,} bytes into ")
    assert reason.endswith(":1), over the limit of 100:1 (--max-zip-ratio)")
    # Allowed a ratio of 2,000:1 the file is read: four MiB of spaces, then nothing.
    with pytest.raises(IngestError, match="no text"):
        list(read_path(path, limits=replace(DEFAULT_LIMITS, max_zip_ratio=2000)))
    goes_on(path, good, DEFAULT_LIMITS, "--max-zip-ratio")


def test_docx_members(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "many.docx"
    path.write_bytes(docx(TEXT, extra=[Member.of(f"m{i}.bin", b"", 0) for i in range(20)]))
    limits = replace(DEFAULT_LIMITS, max_zip_members=22)
    assert error(path, limits).reason == (
        "23 zip members, over the limit of 22 members (--max-zip-members)")
    assert one(path, replace(limits, max_zip_members=23)).text == TEXT
    goes_on(path, good, limits, "--max-zip-members")


@pytest.mark.parametrize("doctype", [BILLION_LAUGHS, XXE, "<!DOCTYPE w:document>"])
def test_docx_with_a_dtd_is_refused(tmp_path: Path, doctype: str) -> None:
    path = tmp_path / "entities.docx"
    body = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    path.write_bytes(docx(TEXT, document=Member.of("word/document.xml",
                                                   document_xml(TEXT, doctype, body))))
    reason = error(path, DEFAULT_LIMITS).reason
    assert reason.startswith("word/document.xml declares a DTD (DTDForbidden)")
    assert "entity-expansion bomb" in reason


def test_docx_dtd_in_any_part_and_a_normal_file(tmp_path: Path) -> None:
    path = tmp_path / "rels.docx"
    path.write_bytes(docx(TEXT, rels='<?xml version="1.0"?>' + XXE + '<Relationships xmlns='
                          '"http://schemas.openxmlformats.org/package/2006/relationships"/>'))
    assert error(path, DEFAULT_LIMITS).reason.startswith("_rels/.rels declares a DTD")
    fine = tmp_path / "fine.docx"
    fine.write_bytes(docx(TEXT))
    assert one(fine).text == TEXT


# --- HTML ------------------------------------------------------------------------------------


def test_html_depth(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 100 + TEXT + "</div>" * 100 + "</body></html>",
                    encoding="utf-8")
    limits = replace(DEFAULT_LIMITS, max_html_depth=60)
    assert error(path, limits).reason == (
        "elements nested 102 levels deep, over the limit of 60 levels (--max-html-depth)")
    assert one(path).text == TEXT
    goes_on(path, good, limits, "--max-html-depth")


def test_html_deeper_than_the_parser_reads(tmp_path: Path) -> None:
    path = tmp_path / "deeper.html"
    path.write_text("<html><body><p>" + TEXT + "</p>" + "<div>" * 100_000 + "x",
                    encoding="utf-8")
    assert error(path, DEFAULT_LIMITS).reason == (
        "elements nested 256 levels deep or more (the HTML parser drops what lies deeper), "
        "over the limit of 250 levels (--max-html-depth)")


@pytest.mark.parametrize("prolog", ['<?xml version="1.0"?>\n', "<!-- x -->", ""])
def test_html_declaring_entities_is_refused(tmp_path: Path, prolog: str) -> None:
    path = tmp_path / "lol.xhtml"
    path.write_text(f"{prolog}{BILLION_LAUGHS}<html><body><p>{TEXT} &lol9;</p></body></html>",
                    encoding="utf-8")
    assert error(path, DEFAULT_LIMITS).reason.startswith("declares its own DTD")
    plain = tmp_path / "plain.html"
    plain.write_text(f"<!DOCTYPE html><html><body><p>{TEXT}</p></body></html>",
                     encoding="utf-8")
    assert one(plain).text == TEXT


# --- the deadline ----------------------------------------------------------------------------


def spin(seconds: float) -> str:
    """Pure-Python work for `seconds` (no sleep: the deadline must stop computation)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        sum(range(1000))
    return "done"


def test_time_limit_stops_work_and_restores_the_timer() -> None:
    before = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    with pytest.raises(IngestError) as info:
        within(0.2, "slow.pdf", "reading", lambda: spin(10))
    assert time.monotonic() - started < 3
    assert str(info.value) == (
        "slow.pdf: reading stopped after 0.2 s, the limit per document (--doc-timeout)")
    assert within(5, "fast.pdf", "reading", lambda: spin(0.01)) == "done"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    assert within(0, "x", "analysis", lambda: spin(0.01)) == "done"  # 0: no limit


def test_time_limit_steps_aside_for_another_timer_and_off_the_main_thread() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    try:
        with time_limit(0.05) as enforced:
            spin(0.1)
        assert not enforced  # the caller's timer was left running, and fires as it should
        spin(0.4)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    seen: list[bool] = []

    def in_thread() -> None:
        with time_limit(0.05) as enforced:
            seen.append(enforced)

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert seen == [False]


def test_time_limit_reached_is_no_exception_a_reader_could_swallow() -> None:
    assert not issubclass(TimeLimitReached, Exception)


def test_reading_deadline_in_iter_documents(tmp_path: Path, good: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    slow = tmp_path / "slow.txt"
    slow.write_text(TEXT, encoding="utf-8")
    reader = core._READERS[".txt"]

    def slow_reader(data: bytes, *, doc_id: str, source: str) -> Document:
        if source.endswith("slow.txt"):
            spin(30)
        return reader(data, doc_id=doc_id, source=source)

    monkeypatch.setitem(core._READERS, ".txt", slow_reader)
    limits = replace(DEFAULT_LIMITS, max_seconds=0.3)
    goes_on(slow, good, limits, "--doc-timeout")
    (item, _) = iter_documents([str(slow), str(good)], limits=limits)
    assert isinstance(item, IngestError) and item.reason.startswith("reading stopped after 0.3 s")


def slow_analyze(document: Document) -> object:
    if "SLOW" in document.text:
        spin(60)
    return analyze(document)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_analysis_deadline_in_unfree_analyze(tmp_path: Path, workers: str) -> None:
    # A text that is really slow to analyse (millions of characters dense with evidence), not
    # a patched analysis: worker processes may be started by a fork server (once the test
    # process has threads), and those would not see a patch.
    dense = ("We worked seven days a week from 6 a.m. until midnight. The boss kept our "
             "passports. The agency charged each of us 3,000 dollars. ")
    (tmp_path / "a-slow.txt").write_text(dense * 30_000, encoding="utf-8")
    (tmp_path / "b-fast.txt").write_text(TEXT, encoding="utf-8")
    started = time.monotonic()
    result = runner.invoke(app, ["analyze", str(tmp_path), "--doc-timeout", "1", "-q",
                                 "--workers", workers])
    assert time.monotonic() - started < 50
    assert result.exit_code == 1, result.output
    assert (f"{(tmp_path / 'a-slow.txt').as_posix()}: analysis stopped after 1 s, the limit "
            "per document (--doc-timeout)") in " ".join(result.stderr.split())
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["id"].endswith("b-fast.txt")


def test_analysis_deadline_and_limits_in_unfree_ingest(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("unfree.pipeline.analyze", slow_analyze)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-slow.txt").write_text("SLOW. " + TEXT, encoding="utf-8")
    (folder / "b-long.txt").write_text(TEXT * 3, encoding="utf-8")
    (folder / "c-fine.txt").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path}/x.db",
                                 "--format", "json", "--doc-timeout", "1",
                                 "--max-chars", str(len(TEXT) * 2)])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["stored"] == 1
    reasons = {Path(f["source"]).name: f["reason"] for f in report["failures"]}
    assert reasons == {
        "a-slow.txt": "analysis stopped after 1 s, the limit per document (--doc-timeout)",
        "b-long.txt": f"{len(TEXT) * 3:,} characters, over the limit of {len(TEXT) * 2:,} "
                      "characters (--max-chars)"}


def test_cli_options_are_checked_and_listed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--max-pdf-pages", "0"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["analyze", str(tmp_path), "--max-html-depth", "300"])
    assert result.exit_code == 2
    (tmp_path / "a.txt").write_text(TEXT * 20, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--max-file-mb", "0.001",
                                 "-q"])
    assert result.exit_code == 2  # nothing could be read
    assert "over the limit of 1,049 bytes (--max-file-mb)" in " ".join(result.stderr.split())
    for command in ("analyze", "ingest"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        for option in ("--max-file-mb", "--max-chars", "--max-pdf-pages", "--max-pdf-objects",
                       "--max-docx-mb", "--max-zip-ratio", "--max-zip-members",
                       "--max-html-depth", "--doc-timeout"):
            assert option in shown, (command, option)


# --- invisible characters --------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["\u200b", "\u00ad", "\u202e", "\u2066\u2069", "\ufeff\u200d"])
def test_trigger_words_with_invisible_characters_are_read(tmp_path: Path, mark: str) -> None:
    text = hidden("en", 7, mark)
    assert not any(f.indicator == "retention_of_identity_documents"
                   for f in analyze(Document(id="raw", text=text, lang="en")).findings)
    path = tmp_path / "hidden.txt"
    path.write_text(text, encoding="utf-8")
    document = one(path)
    assert document.text == account("en", 7)  # the text a reader sees
    findings = analyze(document).findings
    assert "retention_of_identity_documents" in {f.indicator for f in findings}
    assert all(document.text[f.start:f.end] == f.quote for f in findings)


def test_jsonl_keeps_invisible_characters(tmp_path: Path) -> None:
    text = hidden("en", 8, "\u200b")
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    assert one(path).text == text


# The alarm swallowed in a garbage-collector callback is the situation under test: Python
# reports it as unraisable, which is expected here and not a warning about the code.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_deadline_holds_when_its_first_alarm_is_swallowed() -> None:
    """An alarm raised inside a garbage-collector callback is dropped by Python ("unraisable");
    the deadline must still end the body."""
    import gc

    from unfree.ingest.limits import TimeLimitReached, time_limit

    swallowed = []

    def callback(_phase: str, _info: dict[str, int]) -> None:
        if not swallowed:
            deadline = time.monotonic() + 2
            try:
                while time.monotonic() < deadline:  # the first alarm lands here
                    pass
            except TimeLimitReached:
                swallowed.append(True)
                raise

    gc.callbacks.append(callback)
    started = time.monotonic()
    try:
        with pytest.raises(TimeLimitReached), time_limit(0.2):
            gc.collect()
            while time.monotonic() - started < 10:
                pass
    finally:
        gc.callbacks.remove(callback)
    assert swallowed and time.monotonic() - started < 5
