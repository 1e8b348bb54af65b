"""The meeting extractor's first half: meetings opened from agenda headers, report cover rows and
minutes headings, and the plans and priorities they concern (the people, organisations and
posts they name are `meeting_names`)."""

from __future__ import annotations

import re
from datetime import date

from plangraph.ingest.document import Block, BlockKind, Span
from plangraph.ingest.extractors.body_names import BOARD_NOUN, tidy_body
from plangraph.ingest.extractors.context import is_heading
from plangraph.ingest.extractors.labels import clean_label
from plangraph.ingest.extractors.matching import content_tokens
from plangraph.ingest.extractors.meeting_names import MeetingNames
from plangraph.ingest.extractors.meeting_words import (
    AT_PLACE,
    BOARD_FIELD,
    DATE_FIELD,
    FIELD,
    GENERIC_ITEM,
    HELD_AT,
    ISO_DATE,
    KIND_WORDS,
    MEETING_TITLE,
    MINUTES,
    MINUTES_NOT_HEADER,
    NUMBERED_MEETING,
    PLACE_FIELD,
    PRIORITY_OF,
    REPORT_CUE,
    TICKS,
    TIME_FIELD,
    TITLE_FIELD,
    YEAR_NUMBER,
    _mostly_upper,
    _phrase,
    _title_case,
    meeting_date,
    meeting_label,
    recase,
)
from plangraph.ingest.extractors.names import BODY_WORDS, GROUP_WORDS
from plangraph.ingest.facts import Entity
from plangraph.ingest.identity import core_name


class MeetingHeaders(MeetingNames):
    """Opening meetings from headers, cover rows and minutes headings, and the people,
    organisations and posts they name (the half of the extractor that identifies)."""

    # -- meetings -----------------------------------------------------------------------------------
    def open_meeting(self, board_name: str, day: date | None, span: Span, kind: str, location: str = "",
                     number: str = "") -> str:
        """The meeting of `board_name` on `day` (or, undated, its `number`); a second wording of the
        same board on the same day ('Kestrel Children's Partnership') is the same meeting."""
        board_name = clean_label(recase(board_name, self.acronyms))
        board_name = re.sub(r"^the\s+", "", board_name, flags=re.I)
        board = self.facts.entity("Board", board_name, span, confidence=0.9)
        core = self._core(board_name)
        key = None
        for other_core, other_key in self.by_date.get(day, []) if day else []:
            if core <= other_core or other_core <= core:
                key = other_key
                break
        if key is None and day is None:
            key = f"meeting:{board}#{number}"
        elif key is None:
            key = f"meeting:{board}@{day.isoformat()}"
            self.by_date.setdefault(day, []).append((core, key))
        known = self.facts.entities.get(key)
        if known is not None and known.props.get("location"):
            location = ""  # the agenda's "Place:" names it already
        label = meeting_label(board_name, day) if day else f"{board_name} Meeting {number}"
        self.facts.entity("Meeting", label, span, key=key, confidence=0.9,
                          date=("date", day.isoformat()) if day else None, location=location or None)
        if day:  # the day as ISO writes it too: minutes kept in repositories name themselves so
            self.facts.entities[key].alt_labels.add(f"{board_name} {day.isoformat()}")
        if not self.facts.has(key, "ofBoard"):
            self.facts.relate(key, "ofBoard", board, span, confidence=0.9)
            self.board = board
        else:
            self.board = next(r.object for r in self.facts.relations
                              if r.subject == key and r.predicate == "ofBoard")
        if key != self.meeting:
            self.person_org = {}
        self.meeting, self.kind, self.mode, self.item_subjects = key, kind, "", []
        self.items_begun = False
        return key

    def _core(self, name: str) -> frozenset[str]:
        words = core_name(name, self.facts.area).split()
        return frozenset(w for w in words if w not in {"board", "the", "meeting"})

    def board_line(self, block: Block) -> str | None:
        """A heading-like line naming a board ('CHILDREN'S PARTNERSHIP BOARD')."""
        if block.kind is BlockKind.TABLE:
            return None
        text = " ".join(block.text.split())
        if not text or len(text.split()) > 14 or not GROUP_WORDS.search(text) or meeting_date(text):
            return None
        first = bool(self.doc.blocks) and block is self.doc.blocks[0]  # a document's title line
        if not (is_heading(block) or block.bold or _mostly_upper(text) or (first and _title_case(text))):
            return None
        if re.search(r"\b(?:agenda|minutes)\b", text, re.I):
            return None
        return text

    def fields(self, block: Block) -> list[tuple[str, str, Span]]:
        """'Label: value' pairs of a block: table rows, or lines written that way."""
        out = []
        if block.kind is BlockKind.TABLE:
            spans = block.row_spans or [block.span] * len(block.rows)
            for row, span in zip(block.rows, spans, strict=False):
                cells = [c.strip() for c in row if c.strip()]
                for k in range(0, len(cells) - 1):
                    label = cells[k].rstrip(":").strip()
                    if len(label.split()) <= 5:
                        out.append((label, cells[k + 1], span))
                if len(cells) == 1:
                    m = FIELD.match(cells[0])
                    if m:
                        out.append((m.group(1).strip(), m.group(2).strip(), span))
        else:
            for line in block.text.split("\n"):
                m = FIELD.match(line)
                if m and len(line) <= 200:
                    out.append((m.group(1).strip(), m.group(2).strip(), block.span))
        return out

    def header(self, index: int, block: Block) -> bool:
        """Does this block open a meeting (agenda header, report cover rows, minutes heading)?"""
        fields = self.fields(block)
        board = next(((v, s) for label, v, s in fields if BOARD_FIELD.match(label)
                      and (GROUP_WORDS.search(v) or BODY_WORDS.search(v))), None)
        day = next(((d, s) for label, v, s in fields if DATE_FIELD.match(label) and (d := meeting_date(v))),
                   None)
        near = self.doc.blocks[max(index - 4, 0): index + 5]
        if board and day:
            self._open_from_fields(index, fields, board, day, near)
            return True
        if day and block.kind is not BlockKind.TABLE and len(fields) <= 3:
            return self._open_under_board_line(index, block, day[0], near)
        text = " ".join(block.text.split())
        if self._open_titled(index, block, text) or self._open_numbered(index, block, text):
            return True
        if block.kind is not BlockKind.TABLE and MINUTES.match(text) and len(text.split()) <= 60:
            return self._open_minutes(index, block, text)
        return False

    def _open_from_fields(self, index: int, fields: list[tuple[str, str, Span]], board: tuple[str, Span],
                          day: tuple[date, Span], near: list[Block]) -> None:
        """An agenda header or report cover whose fields give the board and the date.

        The meeting concerns the plans and priorities its title field names, and a report near the
        top of a plan's document concerns that plan.
        """
        name = re.split(r"\t|\s{3,}", board[0])[0]
        report = any(BOARD_FIELD.match(label) and label.lower().startswith("report")
                     for label, _, _ in fields) or \
            any(REPORT_CUE.search(b.text) for b in self.doc.blocks[index: index + 5])
        key = self.open_meeting(name, day[0], board[1].merge(day[1]), "report" if report else "papers",
                                self._place(near))
        for label, value, span in fields:
            if TITLE_FIELD.match(label):
                for subject in self.subjects(value):
                    self.facts.relate(key, "concerns", subject, span, confidence=0.7)
        if report and self.facts.plan and index <= 6:
            self.facts.relate(key, "concerns", self.facts.plan, board[1].merge(day[1]), confidence=0.8)

    def _open_under_board_line(self, index: int, block: Block, day: date, near: list[Block]) -> bool:
        """A date field under a line naming the board, when place, time or agenda words are near."""
        cues = [label for b in near for label, _, _ in self.fields(b)]
        if not any(PLACE_FIELD.match(c) or TIME_FIELD.match(c) for c in cues) and \
                not any(re.search(r"\b(?:agenda|minutes|present)\b", b.text, re.I) for b in near):
            return False
        above = self._board_line_above(index)
        if above is None:
            return False
        name, line = above
        self.open_meeting(name, day, line.span.merge(block.span), "papers", self._place(near))
        return True

    def _board_line_above(self, index: int) -> tuple[str, Block] | None:
        """The nearest of the four blocks above that names a board, and the board's name."""
        for back in range(index - 1, max(index - 5, -1), -1):
            name = self.board_line(self.doc.blocks[back])
            if name:
                return name, self.doc.blocks[back]
        return None

    def _open_titled(self, index: int, block: Block, text: str) -> bool:
        """A heading near the top naming a board's meeting and its day ('X Board Meeting 12 May 2021')."""
        if is_heading(block) and MEETING_TITLE.search(text) and (day := meeting_date(text)) and \
                index <= 3 and GROUP_WORDS.search(text):
            bare = re.sub(r"\s*\bmeeting\b.*$", "", ISO_DATE.sub("", text), flags=re.I)
            name = tidy_body(bare.strip(" -–:"))
            if name:
                self.open_meeting(name, day, block.span, "papers", "")
                return True
        return False

    def _open_numbered(self, index: int, block: Block, text: str) -> bool:
        """An undated heading near the top naming a board's numbered meeting."""
        numbered = NUMBERED_MEETING.match(text) if is_heading(block) and index <= 3 else None
        if numbered and not meeting_date(text):
            self.open_meeting(numbered.group("body"), None, block.span, "papers", number=numbered.group("n"))
            return True
        return False

    def _open_minutes(self, index: int, block: Block, text: str) -> bool:
        """A minutes heading ('MINUTES OF THE ... BOARD HELD ON ...'): its board, day and place."""
        text = self._wrapped_title(index, text)  # a title set over two or three bold lines
        day = meeting_date(text)
        if day is None or MINUTES_NOT_HEADER.search(text.split(str(day.year))[0]):
            return False
        cased = recase(text, self.acronyms)  # "MINUTES OF THE HEALTH AND WELLBEING BOARD HELD ON ..."
        name, span = self._minutes_board(index, block, cased)
        if name is None:
            return False
        place = HELD_AT.search(cased) or AT_PLACE.search(cased)
        location = clean_label(place.group(1)) if place and not place.group(1)[:1].isdigit() else ""
        self.open_meeting(name, day, span, "papers", location)
        return True

    def _minutes_board(self, index: int, block: Block, cased: str) -> tuple[str | None, Span]:
        """Whose minutes these are: the board the heading names, else a board line above, else the
        board of the meeting already open; with the span that names it."""
        named = [m.group(0) for m in re.finditer(
            rf"(?:[A-Z][\w'’&-]*,?\s+(?:(?:and|of|for|&)\s+)?){{0,10}}{BOARD_NOUN}\b", cased)]
        name = next((tidy_body(n) for n in named if tidy_body(n)), None)
        if name is not None:
            return name, block.span
        above = self._board_line_above(index)
        if above is not None:
            return above[0], above[1].span.merge(block.span)
        if self.board:
            return self.facts.entities[self.board].label, block.span
        return None, block.span

    def _wrapped_title(self, index: int, text: str) -> str:
        """A minutes title with no day in it, continued by the heading lines right after it
        ('MINUTES OF ... ENTERPRISE AND' / 'PLANNING ... COMMITTEE HELD ON MONDAY, 12 DECEMBER')."""
        following = self.doc.blocks[index + 1: index + 3]
        for block in following:
            if meeting_date(text) or not (is_heading(block) or block.bold) or len(text.split()) > 60:
                break
            text = f"{text} {' '.join(block.text.split())}"
        return text

    def _place(self, near: list[Block]) -> str:
        for b in near:
            for label, value, _ in self.fields(b):
                if PLACE_FIELD.match(label) and value:
                    return clean_label(value)
        return ""

    # -- subjects -----------------------------------------------------------------------------------
    def candidates(self) -> list[tuple[Entity, list[tuple[str, frozenset[str], bool]]]]:
        if self._candidates is None:
            out = []
            for ent in self.facts.entities.values():
                if ent.cls not in {"Plan", "Priority"} or ent.label.startswith(tuple(TICKS)):
                    continue
                names = []
                for name in (ent.label, *ent.alt_labels, *ent.props.get("acronym", [])):
                    acronym = bool(re.fullmatch(r"[A-Z][A-Z&]{1,7}", name))
                    names.append((name, content_tokens(name), acronym))
                out.append((ent, names))
            self._candidates = out
        return self._candidates

    def body_tokens(self) -> set[frozenset[str]]:
        """The words of every board's and organisation's name: a title naming "Kestrel
        Children's Partnership" names the board, not the "Kestrel Children's Partnership Strategy"."""
        if self._body_tokens is None:
            self._body_tokens = {content_tokens(n) for e in self.facts.entities.values()
                                 if e.cls in {"Board", "Organisation"} for n in (e.label, *e.alt_labels)}
        return self._body_tokens

    def subjects(self, text: str, classes: tuple[str, ...] = ("Plan", "Priority")) -> list[str]:
        """Plans and priorities a title or resolution names: their whole name (or acronym) appears
        in it, or it is a shortened form of their name; the most specific wording wins."""
        text = YEAR_NUMBER.sub(" ", text.replace("*", ""))
        tokens = content_tokens(text)
        words = frozenset(t for t in tokens if not t.isdigit()) - GENERIC_ITEM
        found: dict[str, tuple[frozenset[str], int, bool]] = {}
        for ent, names in self.candidates():
            if ent.cls not in classes:
                continue
            best = self._best_hit(names, text, tokens, words)
            if best:
                found[ent.key] = best
        if "Priority" in classes:
            self._priority_named(text, found)
        return _most_specific(found)[:4]

    def _best_hit(self, names: list[tuple[str, frozenset[str], bool]], text: str, tokens: frozenset[str],
                  words: frozenset[str]) -> tuple[frozenset[str], int, bool] | None:
        """How well the best of one entity's names fits the text: (words matched, words of the name
        missing from the text, whether it is named outright); None when none fits."""
        best: tuple[frozenset[str], int, bool] | None = None
        for name, ntoks, acronym in names:
            if acronym:
                if len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                    best = best or (frozenset({name.lower()}), 0, True)
                continue
            hit = self._name_hit(name, ntoks, text, tokens, words)
            if hit is None:
                continue
            if best is None or len(hit[0]) > len(best[0]) or \
                    (len(hit[0]) == len(best[0]) and hit[1] < best[1]):
                best = hit
        return best

    def _name_hit(self, name: str, ntoks: frozenset[str], text: str, tokens: frozenset[str],
                  words: frozenset[str]) -> tuple[frozenset[str], int, bool] | None:
        """How a name (not an acronym) fits the text: whole, as the text's words, or as its core words."""
        plain = frozenset(t for t in ntoks if not t.isdigit())
        numbers = ntoks - plain
        if numbers and any(t.isdigit() for t in tokens) and not numbers <= tokens:
            return None
        extra = len(ntoks - tokens)
        core = plain - KIND_WORDS
        if len(plain) >= 2 and plain <= tokens and _phrase(name) in _phrase(text):
            return (plain, extra, len(plain) >= 3)  # the name itself, its words in their order
        if len(words) >= 2 and words <= plain:
            return (words, extra, False)  # "PRIORITY FAMILIES UPDATE": "Priority Families programme"
        if len(core) >= 2 and core != plain and core <= tokens and core not in self.body_tokens():
            return (core, extra, False)  # "EARLY INTERVENTION" for "Early Intervention Programme"
        return None

    def _priority_named(self, text: str, found: dict[str, tuple[frozenset[str], int, bool]]) -> None:
        """'... in support of priority X' with no priority found yet: the priority whose name holds
        those words, if one fits better than the others (added to found)."""
        m = PRIORITY_OF.search(text)
        if not m or any(self.facts.entities[k].cls == "Priority" for k in found):
            return
        part = frozenset(t for t in content_tokens(m.group(1)) if not t.isdigit()) - GENERIC_ITEM
        fits = [(len(toks - part), ent.key) for ent, names in self.candidates()
                if ent.cls == "Priority" for _, toks, ac in names if not ac and part and part <= toks]
        if not fits:
            return
        fits.sort()
        if len(fits) == 1 or fits[0][0] < fits[1][0] or fits[0][1] == fits[1][1]:
            found[fits[0][1]] = (part, fits[0][0], False)



def _most_specific(found: dict[str, tuple[frozenset[str], int, bool]]) -> list[str]:
    """The subjects found, without those a more specific wording of the same words beats."""
    keys = list(found)
    out = []
    for key in keys:
        toks, extra, named = found[key]
        if not named and any(k != key and toks < found[k][0] for k in keys):
            continue  # "Action Plan" inside "... Workforce Strategy Refreshed Action Plan"
        if any(k != key and toks == found[k][0] and extra > found[k][1] for k in keys):
            continue  # the same words: the name with the fewest extra words
        out.append(key)
    return out
