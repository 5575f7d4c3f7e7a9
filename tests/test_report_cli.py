"""`unfree report`: analyses or documents in, one HTML file out; errors named, exit codes
0/1/2 as the rest of the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
import report_records as rr
from typer.testing import CliRunner

from unfree.cli import app

runner = CliRunner()

ACCOUNT = (
    "I was promised a job in a bakery. When I arrived the owner took my passport and "
    "locked it in his safe. We worked from 5 a.m. until 9 p.m., seven days a week."
)


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text("utf-8"))


def test_a_jsonl_of_analyses_becomes_a_document_report(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "analyses.jsonl", [rr.harbour(), rr.korean()])
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = _page(out)
    assert [h.text_content() for h in page.xpath("//h1")] == [
        "Statement of K., Westmoor harbour", "경기도 농장 노동자 여권 빼앗겨 (가상 기사)"]
    assert "2 documents reported, 0 failed" in result.stderr


def test_corpus_flag_makes_a_corpus_report(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "analyses.jsonl", rr.corpus())
    out = tmp_path / "corpus.html"
    result = runner.invoke(app, ["report", str(src), "--corpus", "--title", "Sea and farm",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = _page(out)
    assert page.xpath("//h1")[0].text_content() == "Sea and farm"
    assert page.xpath('//dd[@data-stat="sources"]')[0].text_content() == "4"


def test_documents_are_analysed_on_the_spot_with_their_text(tmp_path: Path) -> None:
    doc = tmp_path / "account.txt"
    doc.write_text(ACCOUNT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(doc), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = _page(out)
    indicators = {i for m in page.xpath("//mark") for i in m.get("data-indicators").split()}
    assert "retention_of_identity_documents" in indicators
    assert page.xpath('//div[@class="text"]')[0].text_content().startswith("I was promised")


def test_analyze_output_without_text_is_matched_to_its_source_again(tmp_path: Path) -> None:
    doc = tmp_path / "account.txt"
    doc.write_text(ACCOUNT, encoding="utf-8")
    analysed = runner.invoke(app, ["analyze", str(doc), "--format", "jsonl", "--quiet"])
    assert analysed.exit_code == 0
    src = tmp_path / "analyses.jsonl"
    src.write_text(analysed.stdout, encoding="utf-8")
    out = tmp_path / "report.html"
    assert runner.invoke(app, ["report", str(src), "-o", str(out)]).exit_code == 0
    assert _page(out).xpath("//mark")  # the text was found again: evidence highlighted
    # The source changed since: its quotes no longer fit, so no text rather than a wrong one.
    doc.write_text("Something else entirely. " + ACCOUNT, encoding="utf-8")
    assert runner.invoke(app, ["report", str(src), "-o", str(out)]).exit_code == 0
    page = _page(out)
    assert page.xpath("//mark") == [] and "not part of this record" in page.text_content()


def test_report_reads_analyses_from_stdin_and_writes_html_to_stdout() -> None:
    stdin = json.dumps(rr.harbour()) + "\n"
    result = runner.invoke(app, ["report", "-"], input=stdin)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert "Statement of K., Westmoor harbour" in result.stdout


def test_report_reads_a_document_from_stdin() -> None:
    result = runner.invoke(app, ["report", "-"], input=ACCOUNT)
    assert result.exit_code == 0, result.output
    assert "I was promised a job in a bakery" in result.stdout


def test_missing_input_is_named_and_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(tmp_path / "nope.jsonl"), "-o",
                                 str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "nope.jsonl: no such file or folder" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_bad_line_is_named_and_the_rest_reported_with_exit_1(tmp_path: Path) -> None:
    src = tmp_path / "analyses.jsonl"
    bad = dict(rr.korean())
    bad["findings"] = [{"indicator": "deception", "start": "x", "end": 3, "quote": "q"}]
    src.write_text(json.dumps(rr.harbour()) + "\n{not json\n" + json.dumps(bad) + "\n"
                   + json.dumps(rr.harbour()) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{src.as_posix()}:line 2: invalid JSON" in result.stderr
    assert f"{src.as_posix()}:line 3: findings[0].start is missing or not an integer" in result.stderr
    assert f"{src.as_posix()}:line 4: duplicate id 'en-harbour'" in result.stderr
    assert len(_page(out).xpath("//article")) == 1


def test_a_bad_status_is_refused(tmp_path: Path) -> None:
    record = rr.harbour()
    record["findings"][0]["status"] = "maybe"
    src = _jsonl(tmp_path / "a.jsonl", [record])
    result = runner.invoke(app, ["report", str(src), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "findings[0].status 'maybe' is not one of machine, confirmed" in result.stderr


def test_id_picks_documents_and_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "analyses.jsonl", rr.corpus())
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(src), "--id", "ko-farm", "-o", str(out)])
    assert result.exit_code == 0
    assert len(_page(out).xpath("//article")) == 1
    result = runner.invoke(app, ["report", str(src), "--id", "ko-farm", "--id", "nobody",
                                 "-o", str(out)])
    assert result.exit_code == 1
    assert "no document with id 'nobody'" in result.stderr
    result = runner.invoke(app, ["report", str(src), "--id", "nobody", "-o", str(out)])
    assert result.exit_code == 2


def test_an_output_that_cannot_be_written_is_named_and_exits_2(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "analyses.jsonl", [rr.harbour()])
    target = tmp_path / "no" / "such" / "r.html"
    result = runner.invoke(app, ["report", str(src), "-o", str(target)])
    assert result.exit_code == 2
    assert f"{target}: cannot write" in result.stderr


def test_pdf_without_chromium_is_a_clear_error(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNFREE_CHROMIUM", str(tmp_path / "no-chromium"))
    src = _jsonl(tmp_path / "analyses.jsonl", [rr.harbour()])
    pdf = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", str(src), "--pdf", str(pdf)])
    assert result.exit_code == 2
    assert f"{pdf}: no PDF: Chromium not found at {tmp_path / 'no-chromium'}" in result.stderr
    assert not pdf.exists()
