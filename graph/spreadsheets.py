"""The one writer of tables people open in a spreadsheet (CSV and XLSX), safe against formulas.

Labels and quotes come from documents anyone can write. A cell that begins with `=`, `+`, `-`,
`@`, a tab or a carriage return is run as a formula by Excel, LibreOffice and Google Sheets when
the file is opened ("=HYPERLINK(...)" leaks data, "=cmd|..." ran programs), so every CSV or XLSX
plangraph writes for people goes through here:

* CSV: such a cell gets a leading apostrophe, the escape OWASP recommends and spreadsheets hide;
* XLSX: such a cell is written as a string with Excel's quote prefix, never as a formula.

Numbers stay numbers. The SPARQL endpoint's `text/csv` results are a data protocol for programs,
not a download, and stay exact.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value: Any) -> bool:
    """Would a spreadsheet read this cell as a formula?"""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def plain(value: Any) -> Any:
    """A cell as a JSON-friendly value: NaN and NA become None, numpy scalars Python ones."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def csv_cell(value: Any) -> Any:
    """A cell for CSV: formula-like text escaped with a leading apostrophe."""
    return "'" + value if is_risky(value) else value


def to_csv(frame: pd.DataFrame) -> str:
    """The table as CSV text (RFC 4180 line ends, so a carriage return inside a label is quoted
    and cannot start a row) with every formula-like cell and header escaped."""
    safe = frame.map(csv_cell)
    safe.columns = [csv_cell(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, lineterminator="\r\n")


def to_xlsx(frame: pd.DataFrame, sheet_title: str | None = None) -> bytes:
    """The table as an .xlsx workbook in which text is always text."""
    return to_workbook({sheet_title or "Sheet": frame})


def to_workbook(sheets: dict[str, pd.DataFrame]) -> bytes:
    """Several tables as one .xlsx workbook, a sheet each (titles cut to Excel's 31 characters,
    kept distinct), in which text is always text."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for title, frame in sheets.items():
        name = _sheet_name(title, used)
        sheet = book.create_sheet(name)
        sheet.append([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            sheet.append([plain(v) for v in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if is_risky(cell.value):
                    cell.data_type = "s"  # openpyxl made it a formula ("f"): keep the label
                    cell.quotePrefix = True  # and Excel keeps it text if the cell is edited
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(c for c in title if c not in '[]:*?/\\')[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


def write_xlsx(frame: pd.DataFrame, target: Path) -> None:
    target.write_bytes(to_xlsx(frame))
