"""CSV files that a spreadsheet opens as data, never as formulas.

Excel, LibreOffice and Google Sheets evaluate a cell that begins with `=`, `+`, `-` or `@`
(and some a tab or carriage return before one) as a formula: a quote such as
`=HYPERLINK("http://…")` in a testimony would run when an analyst opens the file (CSV or
formula injection, OWASP). Such text cells get one leading apostrophe, the mark spreadsheets
use for "this is text". So that the rule can be undone exactly, a text cell that already
begins with an apostrophe gets one as well: `restore_cell` removes exactly one leading
apostrophe and gives back the original text. Numbers are written as numbers and left alone
(a spreadsheet reads `-5` as minus five, not as a formula).

Full-width forms of the four characters are treated the same way, because spreadsheets in
East Asian locales convert them on input.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
APOSTROPHE = "'"


def neutralise_cell(text: str) -> str:
    """The text as a spreadsheet-safe cell: `'` prepended when it could start a formula."""
    if text and (text[0] in FORMULA_STARTS or text[0] == APOSTROPHE):
        return APOSTROPHE + text
    return text


def restore_cell(cell: str) -> str:
    """The original text of a cell written by `neutralise_cell`."""
    return cell[1:] if cell.startswith(APOSTROPHE) else cell


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return neutralise_cell(str(value))


class SafeCsvWriter:
    """A UTF-8 CSV file with a header row whose text cells pass through `neutralise_cell`.

    Text fields are always quoted (numbers never are), so commas, quotes and line breaks
    inside quotes stay in their cell and a reader can tell text from numbers. No byte-order
    mark is written: the files are for programs as much as for people, and spreadsheets read
    UTF-8 CSV without one through their import dialog.
    """

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        self._writer.writerow(self.columns)
        self.rows = 0

    def write(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow([_cell(row.get(column)) for column in self.columns])
        self.rows += 1

    def write_all(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.write(row)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
