"""Render blocks as lines of text and record each block's span in that rendering.

Formats without lines of their own (HTML, Word, PDF, spreadsheets) are rendered one block
after another; the rendering becomes `Document.text`, so quotes and highlighted line spans
work the same for every format.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Block, BlockKind, Document, Span

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def clean_cell(text: str | None) -> str:
    """One line of text: no control characters, whitespace (including line breaks) collapsed."""
    if not text:
        return ""
    return " ".join(_CONTROL_CHARS.sub("", str(text)).split())


def _cell_lines(text: str | None) -> str:
    """A table cell: each of its lines cleaned, empty ones dropped."""
    lines = (clean_cell(line) for line in str(text or "").split("\n"))
    return "\n".join(line for line in lines if line)


class TextRenderer:
    """Builds a document's text line by line and records the span of every block added.

    Blocks are separated by a blank line, except consecutive list items, so the rendering reads
    naturally; each line of a block is whitespace-collapsed, which is what `Document.quote`
    returns for it.
    """

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self._offsets: list[int] = []
        self._pos = 0
        self._last: BlockKind | None = None

    @property
    def size(self) -> int:
        """Characters rendered so far (for the readers' size caps)."""
        return self._pos

    def _line(self, text: str) -> int:
        self._offsets.append(self._pos)
        self.lines.append(text)
        self._pos += len(text) + 1
        return len(self.lines)

    def _span(self, first: int, last: int) -> Span:
        end = self._offsets[last - 1] + len(self.lines[last - 1])
        return Span(first, last, self._offsets[first - 1], end)

    def gap(self) -> None:
        """End the current run of lines with one blank line (never two)."""
        if self.lines and self.lines[-1]:
            self._line("")

    def add(self, kind: BlockKind, text: str, level: int = 0, bold: bool = False) -> Block | None:
        """Add a heading, paragraph or list item; `text` may hold several lines. Empty: None."""
        lines = [clean_cell(line) for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return None
        if not (kind is BlockKind.LIST_ITEM and self._last is BlockKind.LIST_ITEM):
            self.gap()
        indent = "  " * level if kind is BlockKind.LIST_ITEM else ""
        first = self._line(indent + lines[0])
        for line in lines[1:]:
            self._line(indent + line)
        block = Block(kind, "\n".join(lines), self._span(first, len(self.lines)), level=level,
                      bold=bold)
        self.blocks.append(block)
        self._last = kind
        return block

    def add_table(self, rows: list[list[str | None]]) -> Block | None:
        """Add a table: cells cleaned (a cell's own lines kept, shown as ' / ' in the row's one
        line of text), empty rows dropped, short rows padded. Empty: None."""
        clean = [[_cell_lines(cell) for cell in row] for row in rows]
        clean = [row for row in clean if any(row)]
        if not clean:
            return None
        width = max(len(row) for row in clean)
        clean = [row + [""] * (width - len(row)) for row in clean]
        self.gap()
        spans = []
        shown = ["\t".join(cell.replace("\n", " / ") for cell in row) for row in clean]
        for line in shown:
            number = self._line(line)
            spans.append(self._span(number, number))
        text = "\n".join(shown)
        block = Block(BlockKind.TABLE, text, spans[0].merge(spans[-1]), rows=clean,
                      row_spans=spans)
        self.blocks.append(block)
        self._last = BlockKind.TABLE
        return block

    def document(self, name: str, media_type: str, warnings: list[str] | None = None) -> Document:
        return Document(name=name, media_type=media_type, text="\n".join(self.lines),
                        blocks=self.blocks, warnings=list(warnings or []))


# --- decoding -------------------------------------------------------------------------------
