"""Readers: one per file format, each turning bytes into a `Document`.

`read_document` is the single entry point. It applies the checks every format shares (the
file exists, is not empty, is under the size limit) and then hands the bytes to the reader
registered for the file's extension. Readers raise `IngestError` with a reason a user can act
on; nothing else escapes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from plangraph.ingest.document import Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers.docx import read_docx
from plangraph.ingest.readers.encoding import decode_text
from plangraph.ingest.readers.html import read_html
from plangraph.ingest.readers.markdown import parse_markdown
from plangraph.ingest.readers.pdf import read_pdf
from plangraph.ingest.readers.tabular import read_csv, read_xlsx
from plangraph.ingest.readers.text import parse_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Reader = Callable[[bytes, str], Document]


def _read_text(data: bytes, name: str) -> Document:
    text, warnings = decode_text(data, name)
    doc = parse_text(text, name, "text/plain")
    doc.warnings.extend(warnings)
    return doc


def _read_markdown(data: bytes, name: str) -> Document:
    text, warnings = decode_text(data, name)
    doc = parse_markdown(text, name)
    doc.warnings.extend(warnings)
    return doc


READERS: dict[str, Reader] = {
    ".txt": _read_text,
    ".text": _read_text,
    ".rst": _read_text,  # reStructuredText: underlined titles, "#." and "1." lists (text.py)
    ".rest": _read_text,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".csv": read_csv,
    ".xlsx": read_xlsx,
}


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def human_size(n: int) -> str:
    """1234 -> '1.2 KB'; 52428800 -> '52.4 MB' (decimal units, as file managers show)."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


def max_bytes() -> int:
    """The size limit: `PLANGRAPH_MAX_BYTES` or 50 MB."""
    value = os.environ.get("PLANGRAPH_MAX_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def load_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes, after the checks every format shares."""
    name = path.name
    limit = max_bytes() if limit is None else limit
    if path.suffix.lower() not in READERS:
        known = ", ".join(supported_suffixes())
        raise IngestError(name, f"unsupported file type '{path.suffix or '(none)'}' "
                                f"(plangraph reads {known})")
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(name, f"file is {human_size(size)}, over the "
                                    f"{human_size(limit)} limit (set PLANGRAPH_MAX_BYTES)")
        if size == 0:
            raise IngestError(name, "file is empty (0 bytes)")
        with path.open("rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except IsADirectoryError:
        raise IngestError(name, "is a directory") from None
    except PermissionError:
        raise IngestError(name, "permission denied: the file cannot be read") from None
    except OSError as err:
        raise IngestError(name, f"cannot be read ({err.strerror or err})") from None


def read_bytes(data: bytes, name: str) -> Document:
    """Parse already-loaded bytes with the reader for `name`'s extension."""
    suffix = Path(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise IngestError(name, f"unsupported file type '{suffix or '(none)'}'")
    if not data:
        raise IngestError(name, "file is empty (0 bytes)")
    try:
        doc = reader(data, name)
    except IngestError:
        raise
    except (MemoryError, RecursionError):
        raise IngestError(name, "file is too complex to parse safely") from None
    except Exception as err:  # a parser's own failure on a broken file: its words to the debug log
        logging.getLogger("plangraph.ingest").debug("parsing %s failed", name, exc_info=err)
        raise IngestError(name, f"is damaged or not a valid .{suffix[1:]} file and cannot be read") from None
    if not any(block.text.strip() for block in doc.blocks):
        raise IngestError(name, "no text found in the file")
    return doc


def read_document(path: Path, limit: int | None = None) -> tuple[Document, bytes]:
    """Load and parse one file; returns the document and the raw bytes (for hashing)."""
    data = load_bytes(path, limit)
    return read_bytes(data, path.name), data
