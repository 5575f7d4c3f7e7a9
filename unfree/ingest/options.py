"""The command-line options that set `Limits`, shared by `unfree analyze` and `unfree ingest`.

Each command declares the same parameters (Typer reads options off the signature) and
builds its `Limits` with `limits_from_options`; the defaults shown in --help are `Limits`'s.
"""

from __future__ import annotations

from typing import Annotated

import typer

from unfree.ingest.limits import DEFAULT_LIMITS, MIB, Limits

PANEL = "Limits (a breach costs that input, named on stderr; the run goes on)"

MaxFileMb = Annotated[float, typer.Option(
    "--max-file-mb", min=0.001, rich_help_panel=PANEL,
    help="Refuse files (and stdin) larger than this many MiB.")]
MaxChars = Annotated[int, typer.Option(
    "--max-chars", min=1, rich_help_panel=PANEL,
    help="Refuse documents whose text is longer than this many characters (refused, not "
         "truncated).")]
MaxPdfPages = Annotated[int, typer.Option(
    "--max-pdf-pages", min=1, rich_help_panel=PANEL, help="Refuse PDFs of more pages.")]
MaxPdfObjects = Annotated[int, typer.Option(
    "--max-pdf-objects", min=1, rich_help_panel=PANEL,
    help="Refuse PDFs holding more indirect objects.")]
MaxDocxMb = Annotated[float, typer.Option(
    "--max-docx-mb", min=0.001, rich_help_panel=PANEL,
    help="Refuse .docx files whose zip members unpack to more MiB, all together.")]
MaxZipRatio = Annotated[int, typer.Option(
    "--max-zip-ratio", min=1, rich_help_panel=PANEL,
    help="Refuse .docx files with a member over 1 MiB unpacked that packs more than N:1.")]
MaxZipMembers = Annotated[int, typer.Option(
    "--max-zip-members", min=1, rich_help_panel=PANEL,
    help="Refuse .docx files of more zip members.")]
MaxHtmlDepth = Annotated[int, typer.Option(
    "--max-html-depth", min=1, max=255, rich_help_panel=PANEL,
    help="Refuse web pages with elements nested deeper (the HTML parser cuts pages at 256).")]
DocTimeout = Annotated[float, typer.Option(
    "--doc-timeout", min=0, rich_help_panel=PANEL,
    help="Seconds to read one file, and again to analyse one document; 0: no limit.")]

# The defaults of the command parameters, in the units of the options.
FILE_MB = DEFAULT_LIMITS.max_file_bytes / MIB
DOCX_MB = DEFAULT_LIMITS.max_docx_bytes / MIB


def limits_from_options(*, max_file_mb: float, max_chars: int, max_pdf_pages: int,
                        max_pdf_objects: int, max_docx_mb: float, max_zip_ratio: int,
                        max_zip_members: int, max_html_depth: int, doc_timeout: float
                        ) -> Limits:
    """The `Limits` the options give; `typer.BadParameter` for a value `Limits` refuses."""
    try:
        return Limits(
            max_file_bytes=max(1, round(max_file_mb * MIB)), max_chars=max_chars,
            max_pdf_pages=max_pdf_pages, max_pdf_objects=max_pdf_objects,
            max_docx_bytes=max(1, round(max_docx_mb * MIB)), max_zip_ratio=max_zip_ratio,
            max_zip_members=max_zip_members, max_html_depth=max_html_depth,
            max_seconds=doc_timeout)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
