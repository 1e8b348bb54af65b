"""Reader for Word .docx files (python-docx), body paragraphs and tables in document order.

Word has no lines, so the blocks are rendered as text (see `TextRenderer`) and spans point
into that rendering. The zip is checked for bombs and entity declarations before python-docx
opens it. Headers, footers, footnotes, comments and text boxes are not read. Word's automatic
numbering is rendered as a reader sees it ("1.", "2.1", "(a)", "iii)"), from the document's
numbering part (`_Numbering`); bullets stay unnumbered.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import docx
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.table import Table
from docx.text.paragraph import Paragraph

from plangraph.ingest.document import BlockKind, Document
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers.render import TextRenderer
from plangraph.ingest.readers.ziputil import check_office_zip

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST_STYLE_LEVEL = re.compile(r"\s(\d)$")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not the paragraph's own: text boxes, deleted text, duplicate fallbacks.
_SKIP = {qn("w:txbxContent"), qn("w:del"), qn("w:moveFrom"), _MC_FALLBACK, qn("w:instrText"),
         qn("w:delText"), qn("w:footnoteReference"), qn("w:endnoteReference")}
_CHARS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_T = qn("w:t")
_P = qn("w:p")
_MAX_STYLE_DEPTH = 12


def _text(element: object) -> str:
    """The visible text of a paragraph element, in order, with tabs and line breaks."""
    parts: list[str] = []

    def visit(el: object) -> None:
        for child in el:  # type: ignore[attr-defined]
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _CHARS:
                parts.append(_CHARS[tag])
            else:
                visit(child)

    visit(element)
    return "".join(parts)


def _styles(paragraph: Paragraph) -> Iterator[object]:
    """The paragraph's style and its base styles, nearest first."""
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        return
    depth = 0
    while style is not None and depth < _MAX_STYLE_DEPTH:
        yield style
        style = style.base_style
        depth += 1


def _heading_level(paragraph: Paragraph) -> int | None:
    for style in _styles(paragraph):
        style_name = (getattr(style, "name", None) or "").strip()
        if style_name.lower() == "title":
            return 1
        match = _HEADING_STYLE.match(style_name)
        if match:
            return int(match.group(1))
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None:
        value = outline.get(qn("w:val"), "")
        if value.isdigit() and int(value) < 9:
            return int(value) + 1
    return None


_FORMATS = {"decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _format(n: int, fmt: str) -> str:
    n = min(max(n, 1), 9999)  # a number no list reaches, so a hostile count stays cheap
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


class _Numbering:
    """Word's list numbers, counted as Word counts them: per list (w:numId) and level, a level
    restarting when a shallower one moves on, each written with its level's text ("%1.%2")."""

    def __init__(self, word: docx.document.Document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.counts: dict[str, dict[int, int]] = {}
        try:
            root = word.part.numbering_part.element
        except Exception:  # no numbering part: nothing is numbered automatically
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(qn("w:abstractNum")):
            levels = {}
            for lvl in node.iter(qn("w:lvl")):
                ilvl = lvl.get(qn("w:ilvl"), "0")
                fmt, text, start = (lvl.find(qn(tag)) for tag in ("w:numFmt", "w:lvlText", "w:start"))
                start_value = start.get(qn("w:val"), "1") if start is not None else "1"
                start_value = start_value if len(start_value) <= 4 else "1"  # a hostile start: 1
                levels[int(ilvl) if ilvl.isdigit() else 0] = (
                    fmt.get(qn("w:val"), "") if fmt is not None else "",
                    text.get(qn("w:val"), "") if text is not None else "",
                    int(start_value) if start_value.isdigit() else 1)
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"), "")] = abstract.get(ref.get(qn("w:val"), ""), {})

    def label(self, paragraph: Paragraph) -> str | None:
        """The number Word shows before this list paragraph, or None (a bullet, no numbering)."""
        num_id, depth = _num_id(paragraph)
        levels = self.levels.get(num_id or "")
        if not levels or levels.get(depth, ("", "", 1))[0] not in _FORMATS:
            return None
        counts = self.counts.setdefault(num_id or "", {})
        _, text, start = levels[depth]
        counts[depth] = counts.get(depth, start - 1) + 1
        for deeper in [d for d in counts if d > depth]:
            del counts[deeper]
        def level_number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lfmt, _, lstart = levels.get(level, ("decimal", "", 1))
            return _format(counts.get(level, lstart), lfmt)
        shown = re.sub(r"%([1-9])", level_number, text).strip()
        return shown or None


def _num_id(paragraph: Paragraph) -> tuple[str | None, int]:
    """The w:numId of a paragraph's list and its level in that list (w:ilvl), stated on the
    paragraph or on its style chain."""
    num_id, level = None, None
    for ppr in [paragraph._p.find(qn("w:pPr"))] + [s.element.find(qn("w:pPr")) for s in _styles(paragraph)]:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        node, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        if num_id is None and node is not None:
            num_id = node.get(qn("w:val"))
        if level is None and ilvl is not None and (ilvl.get(qn("w:val")) or "").isdigit():
            level = int(ilvl.get(qn("w:val")))
    return num_id, level or 0


def _num_pr_level(ppr: object) -> tuple[int, bool] | None:
    """(list level, whether stated) from a <w:pPr> with <w:numPr>; None when not numbered."""
    if ppr is None:
        return None
    num_pr = ppr.find(qn("w:numPr"))  # type: ignore[attr-defined]
    if num_pr is None:
        return None
    num_id = num_pr.find(qn("w:numId"))
    if num_id is not None and num_id.get(qn("w:val")) == "0":  # numbering switched off
        return None
    ilvl = num_pr.find(qn("w:ilvl"))
    value = ilvl.get(qn("w:val"), "") if ilvl is not None else ""
    return (int(value), True) if value.isdigit() else (0, False)


def _list_level(paragraph: Paragraph) -> int | None:
    """The list depth (0 = top) if the paragraph is a list item, else None.

    Direct numbering on the paragraph wins; then the style chain, where "List Bullet 2" style
    names give the depth when the style's numbering does not state a level.
    """
    direct = _num_pr_level(paragraph._p.find(qn("w:pPr")))
    if direct is not None and direct[1]:
        return direct[0]
    for style in _styles(paragraph):
        style_name = (getattr(style, "name", None) or "").strip()
        numbered = _num_pr_level(style.element.find(qn("w:pPr")))  # type: ignore[attr-defined]
        if numbered is not None and numbered[1]:
            return numbered[0]
        if numbered is not None or style_name.lower().startswith("list"):
            match = _LIST_STYLE_LEVEL.search(style_name)
            return int(match.group(1)) - 1 if match else 0
    return 0 if direct is not None else None


def _is_bold(paragraph: Paragraph) -> bool:
    """True when every run carrying text is bold (directly or through the paragraph style)."""
    style_bold = False
    for style in _styles(paragraph):
        font = getattr(style, "font", None)
        value = getattr(font, "bold", None)
        if value is not None:
            style_bold = bool(value)
            break
    seen = False
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        seen = True
        bold = run.bold
        if bold is None and run.style is not None and run.style.font.bold is not None:
            bold = run.style.font.bold
        if not (bold if bold is not None else style_bold):
            return False
    return seen


def _cell_text(tc: object) -> str:
    texts = []
    for p in tc.iter(_P):  # type: ignore[attr-defined]
        if any(a.tag in _SKIP for a in p.iterancestors()):
            continue
        texts.append(_text(p))
    return " ".join(" ".join(texts).split())


MAX_GRID_COLUMNS = 500  # a row spreading its cells wider than this is read as stored, unspread


def _grid_width(row: object) -> int:
    """How many grid columns the row claims (its cells' spans and the columns before and after),
    read from the XML without spreading anything: a 36 KB file may claim two billion."""
    tr = row._tr  # type: ignore[attr-defined]
    claimed = [tr.grid_before, tr.grid_after, *(tc.grid_span for tc in tr.tc_lst)]
    return sum(max(int(n or 0), 0) for n in claimed)


def _table_rows(table: Table) -> list[list[str]]:
    """Cell texts per row; merged cells repeat their text in every grid column they cover (up
    to `MAX_GRID_COLUMNS`: past it, the cells as stored)."""
    rows = []
    for row in table.rows:
        try:
            if _grid_width(row) > MAX_GRID_COLUMNS:
                raise ValueError("a row claims more grid columns than a table has")
            cells = [_cell_text(cell._tc) for cell in row.cells]
            before, after = row.grid_cols_before, row.grid_cols_after
        except Exception:  # an inconsistent merge: read the cells as they are stored
            cells = [_cell_text(tc) for tc in row._tr.tc_lst]
            before = after = 0
        rows.append([""] * before + cells + [""] * after)
    return rows


def _body_items(container: object, parent: object) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in order, looking inside content controls (w:sdt)."""
    for child in container.iterchildren():  # type: ignore[attr-defined]
        if isinstance(child, CT_P):
            yield Paragraph(child, parent)  # type: ignore[arg-type]
        elif isinstance(child, CT_Tbl):
            yield Table(child, parent)  # type: ignore[arg-type]
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_items(content, parent)
        elif child.tag == qn("w:customXml"):
            yield from _body_items(child, parent)


def read_docx(data: bytes, name: str) -> Document:
    """Read a .docx: headings by style, list items by style or numbering, tables by row."""
    check_office_zip(data, name, ".docx", "word/document.xml")
    try:
        word = docx.Document(io.BytesIO(data))
    except IngestError:
        raise
    except Exception as err:  # a .docm, .dotx or .xlsx renamed; a damaged part
        logging.getLogger("plangraph.ingest").debug("opening %s as a Word document failed", name,
                                                    exc_info=err)
        raise IngestError(name, "not a valid .docx: it cannot be opened as a Word document (a "
                                "damaged file, or another kind of file named .docx)") from None
    out = TextRenderer()
    numbering = _Numbering(word)
    for item in _body_items(word.element.body, word):
        if isinstance(item, Table):
            out.add_table(_table_rows(item))  # type: ignore[arg-type]
            continue
        text = _text(item._p)
        if not text.strip():
            continue
        level = _heading_level(item)
        if level is not None:
            out.add(BlockKind.HEADING, text, level=level, bold=True)
            continue
        bold = _is_bold(item)
        depth = _list_level(item)
        if depth is not None:
            number = numbering.label(item)
            out.add(BlockKind.LIST_ITEM, f"{number} {text}" if number else text, level=depth, bold=bold)
        else:
            out.add(BlockKind.PARAGRAPH, text, bold=bold)
    return out.document(name, MEDIA_TYPE)
