"""Reader for plain text and markdown, including text converted from PDFs.

Converted PDFs are markdown-ish: `#` headings or whole-line bold, bullet lists, HTML fragments
(`<b>`, `<u>`, `<table>`, `<ul><li>`, `<p>`), markdown pipe tables and tab-separated rows.
This module turns such text into `Document` blocks, keeping every block's line span in the
original text so quotes point at the lines a reader sees.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

from plangraph.ingest.document import Block, BlockKind, Document, Span

BULLET = re.compile(r"^(\s*)(?:[-*•·▪◦●]|&bull;)\s+(?=\S)")
# A line that starts a new numbered item: "1.", "1a.", "3.1", "(2)", "i)", "REC 3:".
NUMBERED = re.compile(
    r"^\s*(?:\(?\d{1,2}[a-z]?[.)]\s|\d{1,2}\.\d{1,2}\.?\s|\(?[ivx]{1,5}\)\s|\(?[a-h]\)\s|"
    r"(?:REC|Recommendation)\s*\d+\s*[:.]|Priority\s+\d+\b)",
    re.IGNORECASE,
)
SETEXT = re.compile(r"^\s*(?:={3,}|-{3,}|~{3,}|\^{3,})\s*$")
AUTO_NUMBERED = re.compile(r"^\s*#[.)]\s+(?=\S)")
MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
PIPE_ROW = re.compile(r"^\s*(?:-\s*)?\|.*\|\s*$")
PIPE_RULE = re.compile(r"^\s*(?:-\s*)?\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")
TAG = re.compile(r"<[^>]{0,200}>")
BOLD_LINE = re.compile(r"^\s*(?:\*\*|__|<b>|<strong>)(.+?)(?:\*\*|__|</b>|</strong>)\s*:?\s*$", re.I)


def clean_inline(text: str) -> str:
    """Drop inline markup (HTML tags, markdown emphasis) and collapse whitespace."""
    text = TAG.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"(\*\*|__)", "", text)
    text = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", text)
    return " ".join(text.split())


def looks_like_caps_heading(line: str) -> bool:
    """A short line in capitals, as PDF conversions render section titles."""
    text = clean_inline(line)
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or len(text) > 100 or text.endswith((".", ",", ";")):
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) > 0.85 and len(text.split()) <= 14


def _titleish(line: str) -> bool:
    """A line that can be a title: some words, not a sentence running on, not a table row."""
    text = clean_inline(line)
    return 0 < len(text.split()) <= 20 and "|" not in line and "\t" not in line.strip() and \
        not BULLET.match(line)


@dataclass
class _Line:
    number: int  # 1-based
    start: int  # char offset
    raw: str


def _gapped(raw: str) -> str:
    """A line's text, a gap of two or more spaces inside it kept as a tab: 'Jo Bloggs  Ostery
    Council' lists a name and an organisation, as a table row would."""
    parts = (clean_inline(part) for part in re.split(r"(?<=\S) {2,}(?=\S)", raw.strip()))
    return "\t".join(part for part in parts if part)


class _Builder:
    """Accumulates blocks while walking the lines."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.para: list[_Line] = []

    def flush(self) -> None:
        if not self.para:
            return
        first, last = self.para[0], self.para[-1]
        text = "\n".join(line for line in (_gapped(p.raw) for p in self.para) if line)
        if text:
            bold = all(BOLD_LINE.match(p.raw) for p in self.para)
            span = Span(first.number, last.number, first.start, last.start + len(last.raw))
            self.blocks.append(Block(BlockKind.PARAGRAPH, text, span, bold=bold))
        self.para = []

    def add(self, kind: BlockKind, text: str, lines: list[_Line], **kw) -> None:
        self.flush()
        first, last = lines[0], lines[-1]
        span = Span(first.number, last.number, first.start, last.start + len(last.raw))
        self.blocks.append(Block(kind, text, span, **kw))


def _split_lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for i, raw in enumerate(text.split("\n"), start=1):
        out.append(_Line(i, pos, raw.rstrip("\r")))
        pos += len(raw) + 1
    return out


def _cells_pipe(raw: str) -> list[str]:
    raw = re.sub(r"^\s*-\s*(?=\|)", "", raw.strip())
    return [clean_cell(c) for c in raw.strip().strip("|").split("|")]


BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|div|tr)\b[^>]{0,200}>|[•●▪◦○]", re.I)


def clean_cell(text: str) -> str:
    """A table cell's text, keeping its paragraphs and list items apart as lines."""
    parts = (clean_inline(part) for part in BLOCK_TAG.split(text))
    return "\n".join(part for part in parts if part)


def table_text(rows: list[list[str]]) -> str:
    """A table as text: one line per row, cells separated by tabs."""
    return "\n".join("\t".join(cell.replace("\n", " / ") for cell in row) for row in rows)


def _cells_tab(raw: str) -> list[str]:
    return [clean_cell(c) for c in raw.split("\t")]


def _html_table_rows(fragment: str) -> list[list[str]]:
    soup = BeautifulSoup(fragment, "html.parser")
    rows = []
    for tr in soup.find_all("tr"):
        cells = [clean_cell(td.decode_contents()) for td in tr.find_all(["td", "th"])]
        if any(cells):
            rows.append(cells)
    return rows


def _is_tab_row(raw: str) -> bool:
    return "\t" in raw.strip("\t ") or (raw.count("\t") >= 2 and bool(raw.strip()))


HTML_TABLE = re.compile(r"^\s*<table\b", re.I)
HTML_TABLE_END = re.compile(r"</table\s*>", re.I)
HTML_LIST_ITEM = re.compile(r"<li[^>]*>(.*?)(?:</li>|$)", re.I | re.S)


class _Segmenter:
    """Walks the lines of a text, each step reading one block, or one line of a paragraph."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.b = _Builder()
        self.counter = 0  # the last "#." item's number
        self.counted = False  # whether the last block was a "#." item

    def step(self, i: int) -> int:
        """Read what starts at line i; returns the index of the first line not yet read."""
        line = self.lines[i]
        if not line.raw.strip():
            self.b.flush()
            return i + 1
        end = self._table(i)
        if end is not None:
            return end
        raw = line.raw
        # HTML list items and paragraphs on their own lines.
        if re.match(r"^\s*<(ul|ol)\b", raw, re.I) or re.match(r"^\s*</(ul|ol)>\s*$", raw, re.I):
            raw = re.sub(r"</?(ul|ol)[^>]*>", "", raw, flags=re.I)
            if not raw.strip():
                return i + 1
        if self._list_items(raw, line):
            return i + 1
        end = self._underlined(i, raw)
        if end is not None:
            return end
        # "#." items count themselves (reStructuredText auto-enumeration).
        auto = AUTO_NUMBERED.match(raw)
        if auto:
            self.counter = self.counter + 1 if self.b.blocks and \
                self.b.blocks[-1].kind is BlockKind.LIST_ITEM and self.counted else 1
            self.b.add(BlockKind.LIST_ITEM, f"{self.counter}. {clean_inline(raw[auto.end():])}", [line])
            self.counted = True
            return i + 1
        self.counted = False
        if not self._one_line_block(raw, line):
            if NUMBERED.match(raw):
                self.b.flush()
            self.b.para.append(line)
        return i + 1

    # -- tables --------------------------------------------------------------------------------
    def _table(self, i: int) -> int | None:
        """A table starting at line i (HTML, markdown pipes or tabs): the line after it, else None."""
        raw = self.lines[i].raw
        if HTML_TABLE.match(raw):
            return self._html_table(i)
        if PIPE_ROW.match(raw):
            return self._pipe_table(i)
        if PIPE_RULE.match(raw):  # a rule line left alone by the conversion
            return i + 1
        if _is_tab_row(raw):
            return self._tab_table(i)
        return None

    def _html_table(self, i: int) -> int:
        """An HTML table, gathered to its closing tag."""
        lines, n = self.lines, len(self.lines)
        j = i
        while j < n and not HTML_TABLE_END.search(lines[j].raw):
            j += 1
        chunk = lines[i : min(j, n - 1) + 1]
        rows = _html_table_rows("\n".join(x.raw for x in chunk))
        if rows:
            self.b.add(BlockKind.TABLE, table_text(rows), chunk, rows=rows,
                       row_spans=[Span(chunk[0].number, chunk[-1].number)] * len(rows))
        return j + 1

    def _pipe_table(self, i: int) -> int:
        """A markdown pipe table: its rows, the rule lines between them left out."""
        lines, n = self.lines, len(self.lines)
        chunk, rows, spans = [], [], []
        while i < n and (PIPE_ROW.match(lines[i].raw) or PIPE_RULE.match(lines[i].raw)):
            chunk.append(lines[i])
            if not PIPE_RULE.match(lines[i].raw):
                rows.append(_cells_pipe(lines[i].raw))
                spans.append(Span(lines[i].number, lines[i].number))
            i += 1
        if rows:
            self.b.add(BlockKind.TABLE, table_text(rows), chunk, rows=rows, row_spans=spans)
        return i

    def _tab_table(self, i: int) -> int:
        """Tab-separated rows; one blank line may separate rows of the same table."""
        lines, n = self.lines, len(self.lines)
        chunk, rows, spans = [], [], []
        while i < n:
            if _is_tab_row(lines[i].raw):
                chunk.append(lines[i])
                rows.append(_cells_tab(lines[i].raw))
                spans.append(Span(lines[i].number, lines[i].number))
                i += 1
            elif (not lines[i].raw.strip() and i + 1 < n and _is_tab_row(lines[i + 1].raw)):
                i += 1
            else:
                break
        self.b.add(BlockKind.TABLE, table_text(rows), chunk, rows=rows, row_spans=spans)
        return i

    # -- one-line blocks -----------------------------------------------------------------------
    def _list_items(self, raw: str, line: _Line) -> bool:
        """The HTML list items on a line, each a list item; True when the line holds an <li>."""
        for item in HTML_LIST_ITEM.findall(raw):
            if clean_inline(item):
                self.b.add(BlockKind.LIST_ITEM, clean_inline(item), [line])
        return bool(re.search(r"<li\b", raw, re.I))

    def _underlined(self, i: int, raw: str) -> int | None:
        """An underlined title (setext in markdown, every title in reStructuredText), or an
        overline or rule between sections: the line after it, else None."""
        lines, n = self.lines, len(self.lines)
        if not self.b.para and i + 1 < n and SETEXT.match(lines[i + 1].raw) and _titleish(raw):
            self.b.add(BlockKind.HEADING, clean_inline(raw), [lines[i], lines[i + 1]],
                       level=1 if lines[i + 1].raw.strip()[0] == "=" else 2, bold=True)
            return i + 2
        if SETEXT.match(raw) and not self.b.para and i > 0 and not lines[i - 1].raw.strip():
            return i + 1  # an overline, or a rule between sections
        return None

    def _one_line_block(self, raw: str, line: _Line) -> bool:
        """A markdown heading, a bullet, or a capitals or bold line standing as a heading; True
        when the line is one of these (even one with no text left)."""
        heading = MD_HEADING.match(raw)
        if heading:
            text_h = clean_inline(heading.group(2))
            if text_h:
                self.b.add(BlockKind.HEADING, text_h, [line], level=len(heading.group(1)), bold=True)
            return True
        bullet = BULLET.match(raw)
        if bullet:
            depth = len(bullet.group(1).expandtabs(4)) // 2
            item = clean_inline(raw[bullet.end() :])
            if item:
                self.b.add(BlockKind.LIST_ITEM, item, [line], level=depth,
                           bold=bool(BOLD_LINE.match(raw[bullet.end() :])))
            return True
        if looks_like_caps_heading(raw) and not self.b.para:
            self.b.add(BlockKind.HEADING, clean_inline(raw), [line], level=2,
                       bold=bool(BOLD_LINE.match(raw)))
            return True
        if BOLD_LINE.match(raw) and not self.b.para and len(clean_inline(raw)) <= 120:
            self.b.add(BlockKind.HEADING, clean_inline(raw), [line], level=3, bold=True)
            return True
        return False


def parse_text(text: str, name: str, media_type: str = "text/plain") -> Document:
    """Segment text into heading, paragraph, list-item and table blocks."""
    segmenter = _Segmenter(_split_lines(text))
    i = 0
    while i < len(segmenter.lines):
        i = segmenter.step(i)
    segmenter.b.flush()
    return Document(name=name, media_type=media_type, text=text, blocks=segmenter.b.blocks)
