"""Reader for HTML pages, plus the line renderer every structured-format reader shares.

HTML, DOCX, PDF and spreadsheets have no lines a user could point at, so their readers render
the blocks they find as text (one line per paragraph line, one tab-separated line per table
row) and make that rendering the `Document.text`. `TextRenderer` does the bookkeeping, so every
block's span points at exactly the lines that show it and `Document.quote` returns its text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from plangraph.ingest.document import BlockKind, Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers.encoding import decode_text, looks_binary, utf16
from plangraph.ingest.readers.render import TextRenderer

_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""",
                           re.IGNORECASE)


def decode_html(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode by BOM, then the page's own `<meta charset>`, then UTF-8 with cp1252 fallback."""
    if (text := utf16(data, name)) is not None:
        return text, []
    match = _META_CHARSET.search(data[:4096])
    if match:
        label = match.group(1).decode("ascii", "replace").lower()
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = ""
        if codec in ("iso8859-1", "ascii"):  # as browsers do (WHATWG encoding standard)
            codec = "cp1252"
        if codec and codec not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            if looks_binary(data):
                raise IngestError(name, "looks like a binary file, not HTML (NUL or control "
                                        "bytes)")
            try:
                text, warnings = data.decode(codec), []
            except UnicodeDecodeError as err:
                text = data.decode(codec, errors="replace")
                warnings = [f"{name}: not valid {label} as its <meta charset> says (byte "
                            f"{err.start}); undecodable bytes replaced"]
            return text.replace("\r\n", "\n").replace("\r", "\n"), warnings
    return decode_text(data, name)


# --- walking the tree -----------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg",
         "math", "iframe", "object", "embed", "canvas", "select", "button", "input", "textarea",
         "nav"}  # a page's navigation ("On this page" links) is not its content
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = {"ul", "ol", "menu", "dir"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "nav", "aside",
           "blockquote", "dl", "dt", "dd", "figure", "figcaption", "address", "form", "fieldset",
           "legend", "center", "hr", "body", "html", "details", "summary", "caption", "tr", "td",
           "th", "tbody", "thead", "tfoot"}
_BOLD_TAGS = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
MAX_SPAN = 1000
# Spans repeat a cell's text so columns line up; a few kilobytes of spans must not become
# millions of cells (200 rows of colspan=100 rowspan=1000 would), so their spreading is bounded.
MAX_SPREAD_CELLS = 20_000


def _is_bold(tag: Tag) -> bool:
    return tag.name in _BOLD_TAGS or bool(_BOLD_STYLE.search(str(tag.get("style") or "")))


def _span_attr(tag: Tag, attr: str, limit: int) -> int:
    match = re.match(r"\s*(\d+)", str(tag.get(attr) or ""))
    value = int(match.group(1)) if match else 1
    return min(max(value, 1), limit)


def _inline_text(tag: Tag) -> str:
    """All text under `tag` on one line (used for headings and table cells)."""
    return " ".join(tag.get_text(" ").split())


def _cell_text(cell: Tag) -> str:
    """A cell's text, its paragraphs, items and line breaks kept apart as lines."""
    table = cell.find_parent("table")
    for tag in cell.find_all(["p", "li", "div", "br"]):
        if tag.find_parent("table") is table:  # not the paragraphs of a table nested in the cell
            tag.insert_before("\n")
            if tag.name != "br":
                tag.insert_after("\n")
    lines = (" ".join(line.split()) for line in cell.get_text(" ").split("\n"))
    return "\n".join(line for line in lines if line)


def table_rows(table: Tag) -> list[list[str]]:
    """The rows of an HTML table; colspan and rowspan repeat the cell text so columns line up.

    Rows of nested tables are not rows of this one (their text stays inside the outer cell).
    """
    rows: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    spare = MAX_SPREAD_CELLS  # cells spans may still add; past it a cell is read as stored

    def fill(row: list[str], col: int) -> int:
        while col in pending:
            text, left = pending[col]
            row.append(text)
            if left <= 1:
                del pending[col]
            else:
                pending[col] = (text, left - 1)
            col += 1
        return col

    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        col = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            col = fill(row, col)
            text = _cell_text(cell)
            colspan = _span_attr(cell, "colspan", 100)
            rowspan = _span_attr(cell, "rowspan", MAX_SPAN)
            if colspan * rowspan - 1 > spare:
                colspan = rowspan = 1
            spare -= colspan * rowspan - 1
            for _ in range(colspan):
                row.append(text)
                if rowspan > 1:
                    pending[col] = (text, rowspan - 1)
                col += 1
        for later in sorted(c for c in pending if c >= col):
            if later < col:
                continue
            row.extend([""] * (later - col))
            col = fill(row, later)
        rows.append(row)
    return rows


@dataclass
class _Walker:
    """Walks the parsed tree in document order, feeding blocks to the renderer."""

    out: TextRenderer = field(default_factory=TextRenderer)
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    item_level: int | None = None  # list depth while inside <li>, else None

    def flush(self) -> None:
        if not self.pieces:
            return
        text = "".join(piece for piece, _ in self.pieces)
        visible = [bold for piece, bold in self.pieces if piece.strip()]
        bold = bool(visible) and all(visible)
        self.pieces = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if self.item_level is None:
            self.out.add(BlockKind.PARAGRAPH, text, bold=bold)
        else:
            self.out.add(BlockKind.LIST_ITEM, text, level=self.item_level, bold=bold)

    def walk(self, node: Tag, depth: int, bold: bool = False) -> None:
        self.walk_nodes(node.children, depth, bold)

    def walk_nodes(self, nodes: Iterable[PageElement], depth: int, bold: bool = False) -> None:
        for child in nodes:
            if isinstance(child, NavigableString):
                if not isinstance(child, _NOT_TEXT):
                    self.pieces.append((str(child), bold))
                continue
            if not isinstance(child, Tag):
                continue
            name = (child.name or "").lower()
            if name in _SKIP:
                continue
            if name == "br":
                self.pieces.append(("\n", bold))
            elif name in _HEADINGS:
                self.flush()
                saved, self.item_level = self.item_level, None
                self.out.add(BlockKind.HEADING, _inline_text(child), level=_HEADINGS[name],
                             bold=True)
                self.item_level = saved
            elif name == "table":
                self.flush()
                saved, self.item_level = self.item_level, None
                caption = child.find("caption")
                if caption is not None and caption.find_parent("table") is child:
                    self.out.add(BlockKind.PARAGRAPH, _inline_text(caption))
                self.out.add_table(table_rows(child))
                self.item_level = saved
            elif name in _LISTS:
                self.flush()
                self.walk_list(child, depth)
            elif name == "li":  # a list item outside any list
                self.flush()
                self.walk_item(child, depth)
            elif name == "pre":
                self.flush()
                text = child.get_text()
                self.pieces.append((text, bold))
                self.flush()
            elif name in _BLOCKS:
                self.flush()
                self.walk(child, depth, bold or _is_bold(child))
                self.flush()
            else:  # inline markup: <span>, <a>, <em>, <b>, unknown tags
                self.walk(child, depth, bold or _is_bold(child))

    def walk_list(self, lst: Tag, depth: int) -> None:
        ordered = (lst.name or "").lower() == "ol"
        start = re.match(r"\s*(\d{1,6})", str(lst.get("start") or ""))
        number = int(start.group(1)) if start else 1
        for child in lst.children:
            if isinstance(child, Tag) and (child.name or "").lower() == "li":
                if ordered:  # the number a browser shows before the item
                    value = re.match(r"\s*(\d{1,6})", str(child.get("value") or ""))
                    number = int(value.group(1)) if value else number
                    self.pieces.append((f"{number}. ", False))
                    number += 1
                self.walk_item(child, depth)
            elif isinstance(child, Tag) and (child.name or "").lower() in _LISTS:
                self.walk_list(child, depth + 1)  # a list directly inside a list
            elif isinstance(child, Tag) and (child.name or "").lower() not in _SKIP:
                saved, self.item_level = self.item_level, depth
                self.walk(child, depth)
                self.flush()
                self.item_level = saved

    def walk_item(self, item: Tag, depth: int) -> None:
        saved, self.item_level = self.item_level, depth
        self.walk_children_of_item(item, depth)
        self.flush()
        self.item_level = saved

    def walk_children_of_item(self, item: Tag, depth: int) -> None:
        for child in item.children:
            if isinstance(child, Tag) and (child.name or "").lower() in _LISTS:
                self.flush()  # the item's own text comes before its sub-list
                self.walk_list(child, depth + 1)
            else:
                self.walk_nodes([child], depth)


def parse_html(text: str, name: str) -> Document:
    """Parse decoded HTML into blocks; nothing is ever fetched (no scripts, images, links)."""
    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception:  # lxml missing or failing: the slower pure-Python parser
        soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()  # so cell and heading text (read with get_text) never includes code
    walker = _Walker()
    root = soup.body or soup
    walker.walk(root, 0)
    walker.flush()
    return walker.out.document(name, "text/html")


def read_html(data: bytes, name: str) -> Document:
    """Read an .html/.htm file: decode it, render its blocks as lines, spans into the rendering."""
    text, warnings = decode_html(data, name)
    doc = parse_html(text, name)
    doc.warnings.extend(warnings)
    return doc
