"""Reader for PDF files (pdfplumber), turning positioned characters back into blocks.

A PDF is glyphs on a page, so structure is inferred: ruled tables from `find_tables`, headings
from a font clearly larger than the body text (or a bold font on a short line), list items from
a leading bullet, paragraphs from line spacing. The blocks are rendered as text and spans point
into that rendering. Limits: reading order is top-to-bottom per page (multi-column layouts
interleave), tables without ruling lines come out as lines of text, scans need OCR first.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from plangraph.ingest.document import BlockKind, Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers.render import TextRenderer, clean_cell
from plangraph.ingest.readers.text import NUMBERED

MEDIA_TYPE = "application/pdf"
MAX_PAGES = 2000
MAX_CHARS = 10_000_000
PASSWORD = "is password-protected; remove the password and try again"
NO_TEXT = "has no text layer (a scanned image?); run OCR first"

# A leading bullet glyph, including private-use Symbol/Wingdings bullets and glyphs the font
# cannot map ("(cid:127)"), which in practice are bullets.
_BULLET = re.compile(
    r"^(?:[•▪●◦·‣○➢➤►▸\uf0a7\uf0b7\uf076\uf0d8]\s*|[-–*]\s+|\(cid:\d+\)\s*)(?=\S)"
)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|,b$|-b$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_MARGIN = 0.07  # top and bottom share of the page where running headers and footers live

log = logging.getLogger("plangraph.ingest")
for _logger in ("pdfminer", "pypdf"):  # their warnings on odd files are noise for our users
    logging.getLogger(_logger).setLevel(logging.ERROR)


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    in_margin: bool


@dataclass
class _Table:
    top: float
    rows: list[list[str]]


@dataclass
class _Page:
    number: int
    items: list[_Line | _Table] = field(default_factory=list)


def _password_error(name: str) -> IngestError:
    return IngestError(name, PASSWORD)


DAMAGED = "is damaged or truncated and cannot be read as a PDF"


def _damaged(name: str, err: BaseException) -> IngestError:
    """The file's error in the user's words; what the PDF library said goes to the debug log."""
    log.debug("reading %s as a PDF failed", name, exc_info=err)
    return IngestError(name, DAMAGED)


def _is_password_problem(err: BaseException) -> bool:
    inner = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    return isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError)


def _check_encryption(data: bytes, name: str) -> bool:
    """Refuse PDFs that need a password; True when encrypted but openable without one."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if not reader.is_encrypted:
            return False
    except Exception:  # pypdf cannot parse it: pdfplumber will judge (and name the damage)
        return False
    try:
        opened = reader.decrypt("")
    except Exception:  # e.g. an algorithm pypdf cannot handle: let pdfminer try
        return True
    if not opened:
        raise _password_error(name)
    return True


def _mode(values: list[float]) -> float:
    return Counter(values).most_common(1)[0][0] if values else 0.0


def _line(raw: dict[str, Any], height: float) -> _Line | None:
    text = clean_cell(raw.get("text"))
    chars = [c for c in raw.get("chars", []) if str(c.get("text", "")).strip()]
    if not text or not chars:
        return None
    # The size and weight of the line's own text (a bullet glyph may be larger or bolder).
    body = chars[1:] if len(chars) > 1 and _BULLET.match(text) else chars
    size = _mode([round(float(c.get("size", 0.0)) * 2) / 2 for c in body])
    bold = all(_BOLD_FONT.search(str(c.get("fontname", ""))) for c in body)
    top, bottom = float(raw["top"]), float(raw["bottom"])
    in_margin = top < height * _MARGIN or bottom > height * (1 - _MARGIN)
    return _Line(text, top, bottom, float(raw["x0"]), size, bold, in_margin)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _real_table(rows: list[list[str]]) -> bool:
    """A boxed paragraph or a one-column list is not a table: keep its text as text."""
    rows = [row for row in rows if any(row)]
    return len(rows) >= 2 and any(sum(1 for cell in row if cell) >= 2 for row in rows)


def _read_page(page: Any, number: int) -> _Page:
    result = _Page(number)
    page = page.dedupe_chars()  # fake bold drawn twice would otherwise double every letter
    boxes = []
    for table in page.find_tables():
        rows = [[clean_cell(cell) for cell in row] for row in table.extract()]
        if _real_table(rows):
            boxes.append(table.bbox)
            result.items.append(_Table(float(table.bbox[1]), rows))
    if boxes:
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    for raw in page.extract_text_lines(strip=True, return_chars=True):
        line = _line(raw, float(page.height))
        if line is not None:
            result.items.append(line)
    result.items.sort(key=lambda item: item.top)
    return result


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and headers/footers repeated in the margins of many pages."""
    keys: Counter[str] = Counter()
    for page in pages:
        seen = {re.sub(r"\d+", "#", item.text.lower()) for item in page.items
                if isinstance(item, _Line) and item.in_margin}
        keys.update(seen)
    repeated = {key for key, count in keys.items() if count >= max(3, len(pages) // 2)}
    for page in pages:
        page.items = [
            item for item in page.items
            if not (isinstance(item, _Line) and item.in_margin
                    and (_PAGE_NUMBER.match(item.text)
                         or re.sub(r"\d+", "#", item.text.lower()) in repeated))
        ]


@dataclass
class _Styles:
    body: float
    heading_levels: dict[float, int]

    @classmethod
    def of(cls, pages: list[_Page]) -> _Styles:
        weights: Counter[float] = Counter()
        for page in pages:
            for item in page.items:
                if isinstance(item, _Line):
                    weights[item.size] += len(item.text)
        body = weights.most_common(1)[0][0] if weights else 0.0
        sizes = sorted({size for size in weights if cls.large(size, body)}, reverse=True)
        return cls(body, {size: min(index + 1, 5) for index, size in enumerate(sizes)})

    @staticmethod
    def large(size: float, body: float) -> bool:
        return size >= body * 1.15 and size - body >= 1.0

    def heading_level(self, line: _Line) -> int | None:
        if len(line.text) > 150 or not any(ch.isalpha() for ch in line.text):
            return None
        if line.size in self.heading_levels:
            return self.heading_levels[line.size]
        if line.bold and len(line.text) <= 100 and not line.text.endswith((",", ";")) \
                and not _BULLET.match(line.text):
            return min(len(self.heading_levels) + 1, 6)
        return None


@dataclass
class _Pending:
    kind: BlockKind
    lines: list[_Line]
    level: int = 0
    text_x0: float = 0.0
    texts: list[str] = field(default_factory=list)


def _render_page(page: _Page, styles: _Styles, out: TextRenderer) -> None:
    current: _Pending | None = None
    bullet_x0 = min((item.x0 for item in page.items
                     if isinstance(item, _Line) and _BULLET.match(item.text)), default=0.0)

    def flush() -> None:
        nonlocal current
        if current is not None:
            bold = all(line.bold for line in current.lines)
            out.add(current.kind, "\n".join(current.texts), level=current.level, bold=bold)
        current = None

    for item in page.items:
        if isinstance(item, _Table):
            flush()
            out.add_table(item.rows)  # type: ignore[arg-type]
            continue
        line = item
        prev = current.lines[-1] if current else None
        gap = line.top - prev.bottom if prev else 1e9
        close = prev is not None and -2 <= gap <= 0.6 * max(line.size, 1.0) \
            and abs(line.size - prev.size) < 0.75
        bullet = _BULLET.match(line.text)
        if bullet:
            flush()
            level = max(0, round((line.x0 - bullet_x0) / 18))
            current = _Pending(BlockKind.LIST_ITEM, [line], level=level,
                               texts=[line.text[bullet.end():]])
            continue
        level = styles.heading_level(line)
        if level is not None:
            if (current and prev and current.kind is BlockKind.HEADING and close
                    and current.level == level and line.bold == prev.bold):
                current.lines.append(line)  # a title wrapped over two lines
                current.texts.append(line.text)
                continue
            flush()
            current = _Pending(BlockKind.HEADING, [line], level=level, texts=[line.text])
            continue
        numbered = bool(NUMBERED.match(line.text))
        continues = current is not None and (
            current.kind is BlockKind.PARAGRAPH
            or (current.kind is BlockKind.LIST_ITEM and line.x0 >= current.lines[0].x0 + 2)
        )
        if continues and close and not numbered:
            current.lines.append(line)  # type: ignore[union-attr]
            current.texts.append(line.text)  # type: ignore[union-attr]
            continue
        flush()
        current = _Pending(BlockKind.PARAGRAPH, [line], texts=[line.text])
    flush()


def read_pdf(data: bytes, name: str) -> Document:
    """Read a .pdf with a text layer; refuse encrypted, damaged and image-only files clearly."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(name, "not a PDF file (no %PDF header)")
    encrypted = _check_encryption(data, name)
    warnings: list[str] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:
        if _is_password_problem(err):
            raise _password_error(name) from None
        raise _damaged(name, err) from None
    pages: list[_Page] = []
    empty: list[int] = []
    failed: list[str] = []
    chars = 0
    with pdf:
        try:
            all_pages = pdf.pages
        except Exception as err:
            if encrypted or _is_password_problem(err):
                raise _password_error(name) from None
            raise _damaged(name, err) from None
        if len(all_pages) > MAX_PAGES:
            warnings.append(f"{name}: {len(all_pages)} pages; only the first {MAX_PAGES} read")
        for number, page in enumerate(all_pages[:MAX_PAGES], start=1):
            try:
                read = _read_page(page, number)
            except Exception as err:
                if _is_password_problem(err):
                    raise _password_error(name) from None
                log.debug("reading page %d of %s failed", number, name, exc_info=err)
                failed.append(str(number))
                continue
            finally:
                page.close()
            if not read.items:
                empty.append(number)
                continue
            pages.append(read)
            chars += sum(len(i.text) if isinstance(i, _Line)
                         else sum(len(cell) for row in i.rows for cell in row)
                         for i in read.items)
            if chars > MAX_CHARS:
                warnings.append(f"{name}: over {MAX_CHARS:,} characters; stopped after page "
                                f"{number}")
                break
    if not pages:
        if failed:
            if encrypted:
                raise _password_error(name)
            raise IngestError(name, f"{DAMAGED} (no page could be read)")
        raise IngestError(name, NO_TEXT)
    if failed:
        warnings.append(f"{name}: pages {', '.join(failed[:20])} could not be read")
    if empty:
        shown = ", ".join(map(str, empty[:20])) + (" …" if len(empty) > 20 else "")
        warnings.append(f"{name}: no text on pages {shown} (scanned images?)")
    _drop_running_lines(pages)
    styles = _Styles.of(pages)
    out = TextRenderer()
    for page in pages:
        _render_page(page, styles, out)  # blocks, and so pages, are apart by a blank line
    return out.document(name, MEDIA_TYPE, warnings)
