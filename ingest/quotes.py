"""The quote kept behind a fact: the passage as a person reads it.

A fact read from a sentence is quoted as its lines. A fact read from a table row is quoted as
that row under the table's header row, written as a small pipe table:

    | Priority | Action | Lead |
    | Family finances | Agree a poverty plan | Head of Early Help |

so the web can show it as a table and the terminal as "Priority: … · Action: …", and never
as the source's markup (an HTML table in a converted PDF, a pipe row without its headers).
Where several rows share the fact's lines (a whole table on one line), the row that names the
fact's subject or object is the one quoted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from plangraph.graph.passages import pipe_row
from plangraph.ingest.document import Block, BlockKind, Document, Span

WORD = re.compile(r"\w+")


def quote(doc: Document, span: Span, hints: Iterable[str] = (), limit: int = 600) -> str:
    """The passage behind a fact at `span`: its table row under the header, or its lines."""
    rows = _rows_at(doc).get((span.line_start, span.line_end))
    if not rows:
        return _sentences(doc, span, limit)
    block, indices = rows
    header = block.rows[0] if indices != [0] else None
    chosen = _best_row(block, [i for i in indices if i != 0 or header is None], hints)
    lines = [header, block.rows[chosen]] if header is not None else [block.rows[chosen]]
    return "\n".join(pipe_row(cells) for cells in lines)


def _sentences(doc: Document, span: Span, limit: int) -> str:
    """The text of the blocks that fill the span, without their markup ('#', '**', a list's
    bullet), when blocks fill it; else the source lines."""
    starts, blocks = _text_blocks(doc)
    first = bisect.bisect_left(starts, span.line_start)
    last = bisect.bisect_right(starts, span.line_end)
    inside = [b for b in blocks[first:last] if b.span.line_end <= span.line_end]
    covered = {line for b in inside for line in range(b.span.line_start, b.span.line_end + 1)}
    if not inside or len(covered) < span.line_end - span.line_start + 1:
        return doc.quote(span, limit)
    text = " ".join(" ".join(b.text.split()) for b in inside)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_blocks(doc: Document) -> tuple[list[int], list[Block]]:
    """The blocks that are not tables, by first line (once per document)."""
    found = doc.cache.get("quote-blocks")
    if found is None:
        blocks = sorted((b for b in doc.blocks if b.kind is not BlockKind.TABLE),
                        key=lambda b: (b.span.line_start, b.span.line_end))
        found = doc.cache["quote-blocks"] = ([b.span.line_start for b in blocks], blocks)
    return found


def _rows_at(doc: Document) -> dict[tuple[int, int], tuple[Block, list[int]]]:
    """Table rows by the lines they sit on, for every table with a header and a body (once
    per document: every fact's quote asks)."""
    found = doc.cache.get("quote-rows")
    if found is None:
        found = {}
        for block in doc.blocks:
            if block.kind is not BlockKind.TABLE or len(block.rows) < 2 or not block.row_spans:
                continue
            for index, row_span in enumerate(block.row_spans):
                key = (row_span.line_start, row_span.line_end)
                if key not in found:
                    found[key] = (block, [])
                if found[key][0] is block:
                    found[key][1].append(index)
        doc.cache["quote-rows"] = found
    return found


def _best_row(block: Block, indices: list[int], hints: Iterable[str]) -> int:
    """Of the rows on the fact's lines, the one sharing most words with the fact's names."""
    if len(indices) == 1:
        return indices[0]
    wanted = {w.casefold() for hint in hints for w in WORD.findall(hint)}
    def shared(index: int) -> int:
        words = {w.casefold() for cell in block.rows[index] for w in WORD.findall(cell)}
        return len(words & wanted)
    return max(indices, key=lambda i: (shared(i), -i))
