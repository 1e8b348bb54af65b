"""Readers for tables as files: .csv (one table) and .xlsx (one table per non-empty sheet).

Lead tables and indicator lists often arrive as spreadsheets. Each becomes TABLE blocks (with a
HEADING naming the sheet, for workbooks), rendered as tab-separated lines so every row has a
line span. Merged cells are left empty apart from their first cell (openpyxl's read-only mode
does not expose merges); formulas give their last saved value, charts and comments are ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import warnings as pywarnings
import zipfile
from collections.abc import Iterable
from typing import Any

from plangraph.ingest.document import BlockKind, Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers.encoding import decode_text
from plangraph.ingest.readers.render import TextRenderer, clean_cell
from plangraph.ingest.readers.ziputil import check_office_zip

CSV_MEDIA_TYPE = "text/csv"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CELLS = 2_000_000
_DELIMITERS = ",;\t|"


def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The dialect of the first 4 KB, or plain comma-separated when the sniffer cannot tell."""
    sample = text[:4096]
    if "\n" in sample and len(text) > 4096:
        sample = sample[: sample.rfind("\n")]  # do not let a cut-off last line mislead it
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel


def _drop_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    """Drop empty rows, pad short ones, and drop columns that are empty in every row."""
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [col for col in range(width) if any(row[col] for row in rows)]
    return [[row[col] for col in keep] for row in rows]


def read_csv(data: bytes, name: str) -> Document:
    """Read a .csv: delimiter sniffed (comma if unsure), one TABLE block, a line per row."""
    text, warnings = decode_text(data, name)
    dialect = _sniff(text)
    rows: list[list[str]] = []
    cells = 0
    try:
        for record in csv.reader(io.StringIO(text), dialect):
            rows.append([clean_cell(cell) for cell in record])
            cells += len(record)
            if cells > MAX_CELLS:
                warnings.append(f"{name}: over {MAX_CELLS:,} cells; only the first "
                                f"{len(rows):,} rows read")
                break
    except csv.Error as err:
        raise IngestError(name, f"is not a readable CSV file ({err})") from None
    out = TextRenderer()
    out.add_table(_drop_empty_columns(rows))  # type: ignore[arg-type]
    return out.document(name, CSV_MEDIA_TYPE, warnings)


def _cell(value: Any) -> str:
    """A spreadsheet value as a person would read it (3 not 3.0, dates without 00:00)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return clean_cell(str(value))


def _sheet_rows(values: Iterable[tuple[Any, ...]], budget: int) -> tuple[list[list[str]], int]:
    """Rows of one sheet as strings, stopping once `budget` cells are read; and cells read."""
    rows: list[list[str]] = []
    used = 0
    for record in values:
        row = [_cell(value) for value in record]
        while row and not row[-1]:
            row.pop()
        used += max(len(record), 1)
        rows.append(row)
        if used >= budget:
            break
    return rows, used


def read_xlsx(data: bytes, name: str) -> Document:
    """Read an .xlsx: a HEADING with the sheet name, then its TABLE, for each non-empty sheet."""
    check_office_zip(data, name, ".xlsx", "xl/workbook.xml")
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    warnings: list[str] = []
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")  # "extension not supported" and the like
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, zipfile.BadZipFile, TypeError) as err:
        logging.getLogger("plangraph.ingest").debug("opening %s as a workbook failed", name, exc_info=err)
        raise IngestError(name, "not a valid .xlsx: it cannot be opened as an Excel workbook (a "
                                "damaged file, or another kind of file named .xlsx)") from None
    out = TextRenderer()
    budget = MAX_CELLS
    try:
        for sheet in book.worksheets:
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()  # stored dimensions are often wrong: read every row
            with pywarnings.catch_warnings():
                pywarnings.simplefilter("ignore")
                rows, used = _sheet_rows(sheet.iter_rows(values_only=True), budget)
            budget -= used
            rows = _drop_empty_columns(rows)
            if rows:
                out.add(BlockKind.HEADING, sheet.title, level=1)
                out.add_table(rows)  # type: ignore[arg-type]
            if budget <= 0:
                warnings.append(f"{name}: over {MAX_CELLS:,} cells; stopped in sheet "
                                f"'{sheet.title}'")
                break
    finally:
        book.close()
    return out.document(name, XLSX_MEDIA_TYPE, warnings)
