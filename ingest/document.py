"""The format-neutral document model every reader produces and every extractor reads.

Readers know file formats and nothing about plans; extractors know plans and nothing about
formats. This module is the only thing they share (the docling idea): an ordered list of
blocks, each remembering the lines of the source text it came from, so every fact can be
traced back to a quotable span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a block sits in the document's text: 1-based inclusive lines, 0-based chars."""

    line_start: int
    line_end: int
    char_start: int = 0
    char_end: int = 0

    def merge(self, other: Span) -> Span:
        return Span(
            min(self.line_start, other.line_start),
            max(self.line_end, other.line_end),
            min(self.char_start, other.char_start),
            max(self.char_end, other.char_end),
        )


@dataclass(slots=True)
class Block:
    """One heading, paragraph, list item or table.

    `text` is the cleaned text (markup removed). For tables, `rows` holds the cells, each row a
    list of strings, and `row_spans` the span of every row; `text` is the rows joined by tabs.
    `level` is the heading level (1 = top) or the list depth (0 = top); `bold` marks text the
    source emphasised, which converted PDFs use in place of heading markup; `link` marks a block
    whose whole text is a link ("[Annual report 2025](report.pdf)"), which names a document.
    """

    kind: BlockKind
    text: str
    span: Span
    level: int = 0
    bold: bool = False
    rows: list[list[str]] = field(default_factory=list)
    row_spans: list[Span] = field(default_factory=list)
    link: bool = False  # the whole text is a link: it names a page or document

    @property
    def is_table(self) -> bool:
        return self.kind is BlockKind.TABLE


@dataclass(slots=True)
class Document:
    """A parsed source file: its name, format, full text and blocks.

    `text` is the document as lines of text (for PDF/DOCX the reader's own rendering), and
    every block's span refers to it, so the web can show and highlight the quoted lines.
    """

    name: str
    media_type: str
    text: str
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)
    # what the file says about itself (front matter: title, date, author, layout...)
    metadata: dict = field(default_factory=dict)
    # derived views that several extractors need (e.g. block contexts), computed once
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def lines(self) -> list[str]:
        lines = self.cache.get("lines")
        if lines is None:  # every quote reads them: split the text once
            lines = self.cache["lines"] = self.text.splitlines()
        return lines

    def quote(self, span: Span, limit: int = 600) -> str:
        """The source lines of a span, whitespace-collapsed and cut to `limit` characters."""
        lines = self.lines[span.line_start - 1 : span.line_end]
        text = " ".join(" ".join(line.split()) for line in lines).strip()
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrapped_lines(lines: list[str]) -> int:
    """How many of `lines` make the first line as its author wrote it, before an editor or a
    PDF wrapped it: a line goes on in the next when that starts in lower case, or when it stops
    mid-clause and the next does not start a new sentence."""
    count = 1
    while count < len(lines):
        previous, line = lines[count - 1].rstrip(), lines[count]
        if line[:1].islower() or (not previous.endswith((".", ":", ";", "!", "?"))
                                  and not line[:1].isupper()):
            count += 1
        else:
            break
    return count
