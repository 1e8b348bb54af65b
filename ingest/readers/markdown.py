"""Reader for markdown, through a real CommonMark parser (markdown-it-py) with source line maps.

Markdown in the wild is CommonMark plus what authors and site generators add, so before parsing:

* front matter (YAML between `---` lines, TOML between `+++`) becomes `Document.metadata` and
  its `title` a level-1 heading when the body has none (a page of a site names itself there);
* template noise is blanked: Liquid tags (`{% ... %}`, `{{ ... }}`), kramdown attribute lists
  (`{: .class}`, `{#id}`) and include lines (`{include x.md}`);
* `#Title` with no space after the hashes is read as the heading its author meant.

Every change keeps the number of lines, so the parser's line maps point into the original text
and quotes show what the author wrote. Lists keep their numbers, implicit ones included ("1."
written three times is 1, 2, 3), as a prefix of the item's text ("2. Title"): that is how the
extractors see numbering in every format. Pipe tables keep `<br>` line breaks inside cells;
pandoc's simple, multiline and grid tables (what pandoc writes for a Word table) are found
first (`pandoc_tables`) and become table blocks like any other; and
raw HTML blocks (tables with spans, `<h2>`, lists written one tag per line) go through the HTML
reader into the same blocks. `<abbr title="...">` gives an acronym's expansion
(`metadata["abbreviations"]`).
"""

from __future__ import annotations

import html
import re
import tomllib
import unicodedata
from datetime import date
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from plangraph.ingest.document import Block, BlockKind, Document, Span, wrapped_lines
from plangraph.ingest.readers.html import parse_html
from plangraph.ingest.readers.pandoc_tables import PandocTable, find_tables
from plangraph.ingest.readers.text import parse_text

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\n(.*?\n)?\1[ \t]*(?:\n|\Z)", re.S)
LIQUID = re.compile(r"\{%[^\n]{0,500}?%\}|\{\{[^\n]{0,500}?\}\}")  # bounded: linear on hostile text
KRAMDOWN_IAL = re.compile(r"^[ \t]*\{:?[ \t]*[#.:][^{}\n]*\}[ \t]*$|[ \t]*\{:[^{}\n]*\}", re.M)
LIQUID_LEVEL = re.compile(r"\b(?:lvl|level|h)\s*=\s*[\"']?([1-6])\b")
LIQUID_TEXT = re.compile(r"\b(?:text|title|heading)\s*=\s*([\"'])(.+?)\1")
INCLUDE_LINE = re.compile(r"^[ \t]*\{include [^{}\n]*\}[ \t]*$", re.M)
TIGHT_HEADING = re.compile(r"^([ \t]{0,3}#{1,6})(?=[^\s#.])", re.M)
ABBR = re.compile(r"<abbr\b[^>]{0,300}?\btitle\s*=\s*[\"']([^\"'<>]{1,300})[\"']"
                  r"[^>]{0,300}>([^<]{0,200})</abbr>",
                  re.I)
BREAK = re.compile(r"<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]{0,300}>")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # a CommonMark backslash escape

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def _blank(match: re.Match[str]) -> str:
    """The matched text with every character but line breaks blanked (line count kept)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter's fields, and the text with the front matter blanked."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    body = match.group(2) or ""
    try:
        data = yaml.safe_load(body) if match.group(1) == "---" else tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        return {}, text  # a thematic break, not front matter
    fields = {str(k).lower(): v.isoformat() if isinstance(v, date) else v for k, v in data.items()
              if isinstance(v, str | int | float | list | date)}
    return fields, _blank(match) + text[match.end():]


def _liquid(match: re.Match[str]) -> str:
    """A Liquid tag blanked, unless it is an include that draws a heading (`{% include h.html
    level=2 text="Our aims" %}`): that becomes the markdown heading, on the same line."""
    tag = match.group(0)
    level = LIQUID_LEVEL.search(tag)
    words = LIQUID_TEXT.search(tag)
    if tag.startswith("{%") and level and words and "\n" not in tag:
        heading = "#" * min(max(int(level.group(1)), 1), 6) + " " + words.group(2)
        return heading[: len(tag)].ljust(len(tag)) if len(heading) <= len(tag) else heading
    return _blank(match)


def _tidy(text: str) -> str:
    text = LIQUID.sub(_liquid, text)
    text = INCLUDE_LINE.sub(_blank, text)
    text = KRAMDOWN_IAL.sub(_blank, text)
    return TIGHT_HEADING.sub(r"\1 ", text)


class _Inline:
    """The plain text of an inline token's children, and whether all of it is emphasised."""

    def __init__(self, token: Token, abbreviations: dict[str, str]) -> None:
        self.parts: list[str] = []
        self.strong_chars = 0
        self.chars = 0
        self.link_chars = 0  # characters inside links: an item that is all link names a document
        depth = 0
        in_link = False
        for child in token.children or []:
            kind = child.type
            if kind == "link_open":
                in_link = True
            elif kind == "link_close":
                in_link = False
            elif kind == "text" and in_link:
                self.link_chars += len(child.content.strip())
            if kind in ("strong_open", "em_open"):
                depth += 1
            elif kind in ("strong_close", "em_close"):
                depth -= 1
            elif kind in ("text", "code_inline"):
                self._add(child.content, depth > 0)
            elif kind == "softbreak" or kind == "hardbreak":
                self._add("\n", depth > 0)
            elif kind == "html_inline":
                if BREAK.fullmatch(child.content.strip()):
                    self._add("\n", depth > 0)
            elif kind == "image":
                self._add(child.content or "", depth > 0)
        for expansion, short in ABBR.findall(token.content):
            abbreviations[" ".join(TAG.sub("", short).split())] = " ".join(expansion.split())

    def _add(self, text: str, strong: bool) -> None:
        self.parts.append(text)
        visible = len(text.strip())
        self.chars += visible
        if strong:
            self.strong_chars += visible

    @property
    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)

    @property
    def bold(self) -> bool:
        return self.chars > 0 and self.strong_chars == self.chars

    @property
    def only_link(self) -> bool:
        return self.chars > 0 and self.link_chars >= self.chars


def _moved(span: Span, lines: int, chars: int) -> Span:
    return Span(span.line_start + lines, span.line_end + lines, span.char_start + chars,
                span.char_end + chars)


def _span(token: Token, offsets: list[int], lines: list[str]) -> Span:
    first, last = token.map or (0, 1)
    last = max(last, first + 1)
    last = min(last, len(lines))
    first = min(first, last - 1)
    while last - 1 > first and not lines[last - 1].strip():  # maps include trailing blanks
        last -= 1
    return Span(first + 1, last, offsets[first], offsets[last - 1] + len(lines[last - 1]))


class _Walker:
    """Turns the token stream into blocks."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.split("\n")
        self.offsets: list[int] = []
        pos = 0
        for line in self.lines:
            self.offsets.append(pos)
            pos += len(line) + 1
        self.name = name
        self.blocks: list[Block] = []
        self.abbreviations: dict[str, str] = {}
        self.lists: list[dict[str, Any]] = []  # open lists: ordered?, next number
        self.item: dict[str, Any] | None = None  # the list item whose first paragraph is pending

    def span(self, token: Token) -> Span:
        return _span(token, self.offsets, self.lines)

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                inline = _Inline(tokens[i + 1], self.abbreviations)
                if inline.text:
                    self.blocks.append(Block(BlockKind.HEADING, " ".join(inline.text.split()),
                                             self.span(token), level=int(token.tag[1]), bold=True))
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrGet("start")
                self.lists.append({"ordered": kind == "ordered_list_open",
                                   "next": int(start) if start is not None else 1})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                current = self.lists[-1]
                number = None
                if current["ordered"]:
                    number = f"{current['next']}{token.markup or '.'}"
                    current["next"] += 1
                self.item = {"number": number, "span": self.span(token)}
            elif kind == "list_item_close":
                self.item = None
            elif kind == "paragraph_open":
                inline = _Inline(tokens[i + 1], self.abbreviations)
                self.paragraph(inline, token)
                i += 3
                continue
            elif kind == "table_open":
                i = self.table(tokens, i)
                continue
            elif kind == "html_block":
                self.html(token)
            elif kind in ("code_block", "fence"):
                self.code(token)
            i += 1

    def paragraph(self, inline: _Inline, token: Token) -> None:
        text = inline.text
        if not text:
            return
        span = self.span(token)
        if self.item is not None:  # the first paragraph of a list item is the item's text
            number = self.item["number"]
            item_span = self.item["span"]
            self.item = None
            lines = text.split("\n")
            joined = wrapped_lines(lines)  # the item's own text: its first line and what wraps on
            first = " ".join(lines[:joined])
            end = span.line_start + joined - 1 if joined < len(lines) else span.line_end
            self.blocks.append(Block(BlockKind.LIST_ITEM, f"{number} {first}" if number else first,
                                     Span(item_span.line_start, end, item_span.char_start,
                                          self.offsets[end - 1] + len(self.lines[end - 1])),
                                     level=max(len(self.lists) - 1, 0), bold=inline.bold,
                                     link=inline.only_link))
            if end < span.line_end:  # "3 MINUTES" then "Last meeting held on ...": its note
                self.blocks.extend(self.lines_of(Span(end + 1, span.line_end)))
            return
        self.blocks.extend(self.lines_of(span))

    def lines_of(self, span: Span) -> list[Block]:
        """A paragraph's own lines, segmented as text converted from a PDF is: in such files a
        line in capitals or in bold is a heading, tab-separated lines are a table, and a line
        starting "Priority 2:" starts a new block, though markdown sees one paragraph."""
        raw = "\n".join(self.lines[span.line_start - 1: span.line_end])
        blocks = parse_text(ESCAPED.sub(r"\1", raw), self.name).blocks  # "\*" is a plain "*"
        shift, base = span.line_start - 1, self.offsets[span.line_start - 1]
        for block in blocks:
            block.span = _moved(block.span, shift, base)
            block.row_spans = [_moved(s, shift, base) for s in block.row_spans]
        return blocks

    def table(self, tokens: list[Token], i: int) -> int:
        rows: list[list[str]] = []
        spans: list[Span] = []
        row: list[str] = []
        start = tokens[i]
        while i < len(tokens) and tokens[i].type != "table_close":
            token = tokens[i]
            if token.type == "tr_open":
                row = []
                spans.append(self.span(token))
            elif token.type == "inline":
                row.append(_Inline(token, self.abbreviations).text)
            elif token.type == "tr_close":
                rows.append(row)
            i += 1
        if rows and any(any(cell for cell in r) for r in rows):
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            text = "\n".join("\t".join(c.replace("\n", " / ") for c in r) for r in rows)
            self.blocks.append(Block(BlockKind.TABLE, text, self.span(start), rows=rows, row_spans=spans))
        return i + 1

    def pandoc_table(self, table: PandocTable) -> Block:
        """A pandoc simple, multiline or grid table as a table block, its cells' markup read."""
        rows = [[_Inline(_PARSER.parseInline(cell)[0], self.abbreviations).text if cell else ""
                 for cell in row] for row in table.rows]
        spans = [self.line_span(first, last) for first, last in table.row_lines]
        text = "\n".join("\t".join(c.replace("\n", " / ") for c in r) for r in rows)
        return Block(BlockKind.TABLE, text, self.line_span(table.first, table.last), rows=rows,
                     row_spans=spans)

    def line_span(self, first: int, last: int) -> Span:
        """The span of 0-based lines `first` to `last`."""
        return Span(first + 1, last + 1, self.offsets[first], self.offsets[last] + len(self.lines[last]))

    def html(self, token: Token) -> None:
        """A raw HTML block: its blocks, read by the HTML reader, all pointing at its lines."""
        for expansion, short in ABBR.findall(token.content):
            self.abbreviations[" ".join(TAG.sub("", short).split())] = " ".join(expansion.split())
        if not TAG.sub("", token.content).strip():
            return
        span = self.span(token)
        fragment = parse_html(token.content, self.name)
        for block in fragment.blocks:
            block.span = span
            block.row_spans = [span] * len(block.rows)
            self.blocks.append(block)

    def code(self, token: Token) -> None:
        """Indented or fenced text: in governance documents, prose indented by a conversion."""
        span = self.span(token)
        for chunk in re.split(r"\n\s*\n", token.content):
            text = "\n".join(" ".join(line.split()) for line in chunk.splitlines() if line.strip())
            if text:
                self.blocks.append(Block(BlockKind.PARAGRAPH, text, span))


RUNS_ON = re.compile(r"[^.:!?]$|[,;]$")  # a line that stops mid-sentence, or mid-list
DOUBLE_SPACED_SHARE = 0.7


def rejoin_double_spaced(blocks: list[Block]) -> list[Block]:
    """Paragraphs of a PDF converted with a blank line after every line, joined again.

    Such a file makes every printed line a paragraph of one line, so a name wraps into the next
    paragraph ("... Michael" / "Murphy, ..."). When most paragraphs are single long-ish lines, a
    line as long as the page's lines that stops mid-sentence goes on in the next paragraph."""
    lines = [b for b in blocks if b.kind is BlockKind.PARAGRAPH and not b.bold]
    single = [b for b in lines if "\n" not in b.text]
    if len(lines) < 8 or len(single) < DOUBLE_SPACED_SHARE * len(lines):
        return blocks
    widths = sorted(len(b.text) for b in single)
    full = 0.75 * widths[int(0.9 * (len(widths) - 1))]  # a line that reaches the right margin
    out: list[Block] = []
    tail = ""  # the last printed line joined so far
    for block in blocks:
        last = out[-1] if out else None
        if last is not None and last.kind is BlockKind.PARAGRAPH and block.kind is BlockKind.PARAGRAPH and \
                not last.bold and not block.bold and len(tail) >= full and RUNS_ON.search(tail) and \
                block.text[:1] not in "-•*":
            last.text = f"{last.text} {block.text}"
            last.span = last.span.merge(block.span)
        else:
            out.append(block)
        tail = block.text.split("\n")[-1]
    return out


def parse_markdown(text: str, name: str) -> Document:
    """Segment markdown into heading, paragraph, list-item and table blocks with line spans."""
    metadata, body = front_matter(text)
    body = _tidy(body)
    walker = _Walker(text, name)
    body_lines = body.split("\n")
    tables = find_tables(body_lines)
    for table in tables:  # the markdown parser sees blank lines where a pandoc table stands
        body_lines[table.first: table.last + 1] = [""] * (table.last - table.first + 1)
    walker.walk(_PARSER.parse("\n".join(body_lines)))
    if tables:
        walker.blocks = sorted(walker.blocks + [walker.pandoc_table(t) for t in tables],
                               key=lambda b: b.span.line_start)
    walker.blocks = rejoin_double_spaced(walker.blocks)
    title = metadata.get("title")
    if isinstance(title, str) and title.strip() and not any(
            b.kind is BlockKind.HEADING and b.level == 1 for b in walker.blocks):
        line = next((n for n, raw in enumerate(text.split("\n"), 1) if re.match(r"\s*title\s*[:=]", raw)), 1)
        clean = " ".join("".join(c for c in html.unescape(TAG.sub(" ", title))
                                 if unicodedata.category(c) != "Cf").split())
        start = walker.offsets[line - 1]
        span = Span(line, line, start, start + len(walker.lines[line - 1]))
        walker.blocks.insert(0, Block(BlockKind.HEADING, clean, span, level=1, bold=True))
    if walker.abbreviations:
        metadata["abbreviations"] = walker.abbreviations
    return Document(name=name, media_type="text/markdown", text=text, blocks=walker.blocks, metadata=metadata)
