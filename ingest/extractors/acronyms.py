"""Acronyms the document defines, and what a bare acronym in a cell stands for.

Governance papers define their short forms once — "the Office of Budget Review (OBR)", "CDOs
(Chief Data Officers)", `<abbr title="...">` — then write only the short form, above all in
owner and lead columns ("OBR", "CDOs", "DfT"). An expansion counts only when the initials of its
words spell the acronym (small words such as "of" and "and" may be skipped, a plural "s" may
follow), so "(see Annex B)" defines nothing.
"""

from __future__ import annotations

import re

from plangraph.ingest.document import Document

SHORT = r"[A-Z][A-Za-z&]{0,3}[A-Z][A-Za-z&]{0,5}?s?"  # OBR, DfT, CDOs, R&D
WORD = re.compile(r"[\w'’&-]+")
SHORT_IN_BRACKETS = re.compile(rf"\(\s*(?:the\s+)?({SHORT})\s*\)")  # "... Budget Review (OBR)"
SHORT_BEFORE_BRACKETS = re.compile(rf"\b({SHORT})\s*\(([^()]{{3,120}})\)")  # "DOs (Data Officers)"
SMALL = {"of", "and", "for", "the", "on", "in", "to", "&", "at", "by", "with"}
ACRONYM_CELL = re.compile(rf"^(?:the\s+)?({SHORT})$")


def _letters(short: str) -> str:
    return "".join(c for c in short if c.isalpha())


def expansion_of(short: str, words: list[str]) -> str | None:
    """The last words of `words` whose initials spell `short`, or None. A small word ("of",
    "for") is skipped unless the acronym writes its letter in lower case ("DfT")."""
    for letters in dict.fromkeys([_letters(short), _letters(short.removesuffix("s"))]):
        need = list(letters)
        i = len(words)
        while need and i > 0:
            word = words[i - 1]
            small = word.lower() in SMALL
            if word[:1].lower() == need[-1].lower() and not (small and need[-1].isupper()):
                need.pop()
            elif not small:
                break
            i -= 1
        if not need and i < len(words) and words[i][:1].isupper():
            return " ".join(words[i:])
    return None


def defined_acronyms(doc: Document) -> dict[str, str]:
    """Acronym -> expansion for every short form the document defines (cached on the document)."""
    cached = doc.cache.get("defined_acronyms")
    if cached is not None:
        return cached
    found: dict[str, str] = {}
    for short, long in (doc.metadata.get("abbreviations") or {}).items():
        found.setdefault(short, long)
    for block in doc.blocks:
        texts = [c for row in block.rows for c in row] if block.is_table else [block.text]
        for text in texts:
            text = " ".join(text.split())
            for m in SHORT_IN_BRACKETS.finditer(text):  # the words just before the bracket
                before = WORD.findall(text[max(0, m.start() - 160):m.start()])[-12:]
                long = expansion_of(m.group(1), before)
                if long:
                    found.setdefault(m.group(1), long)
            for m in SHORT_BEFORE_BRACKETS.finditer(text):
                inside = " ".join(m.group(2).split())
                if expansion_of(m.group(1), inside.split()) == inside:
                    found.setdefault(m.group(1), inside)
    doc.cache["defined_acronyms"] = found
    return found


def acronym_in_cell(cell: str, doc: Document) -> tuple[str, str | None] | None:
    """('CDOs', 'Chief Data Officers') for a cell that is one acronym; its expansion if defined."""
    m = ACRONYM_CELL.match(cell.strip(" .;,*"))
    if not m or not re.search(r"[A-Z].*[A-Z]", m.group(1)):
        return None
    short = m.group(1)
    table = defined_acronyms(doc)
    return short, table.get(short) or table.get(short.removesuffix("s"))


CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on|in|&)\s+)?[A-Z][\w'’-]*)+")
USED_SHORT = re.compile(r"(?<![\w-])([A-Z][A-Za-z&]{1,5})(?![\w-])")


def implied_acronyms(doc: Document) -> dict[str, str]:
    """Short forms the document uses without defining, whose letters are the initials of one
    capitalised phrase it also writes ('DRS' beside 'the Data Review Scheme'). Cached."""
    cached = doc.cache.get("implied_acronyms")
    if cached is not None:
        return cached
    defined = defined_acronyms(doc)
    texts = [" ".join(b.text.split()) for b in doc.blocks if not b.is_table] + \
        [" ".join(c.split()) for b in doc.blocks if b.is_table for row in b.rows for c in row]
    shorts = {m for t in texts for m in USED_SHORT.findall(t)
              if sum(1 for c in m if c.isupper()) >= 2 and m not in defined}
    runs = {m.group(0) for t in texts for m in CAPITALISED_RUN.finditer(t)}
    readings: dict[str, set[str]] = {}  # initials -> the phrases that have them
    for run in runs:
        words = run.split()[:12]
        for start, first in enumerate(words):
            if not first[:1].isupper():
                continue
            for end in range(start + 2, len(words) + 1):
                if not words[end - 1][:1].isupper():
                    continue
                window = words[start:end]
                phrase = " ".join(window)
                readings.setdefault("".join(w[0].lower() for w in window if w.lower() not in SMALL),
                                    set()).add(phrase)
                readings.setdefault("".join(w[0].lower() for w in window), set()).add(phrase)
    found: dict[str, str] = {}
    for short in shorts:
        phrases = set()
        for letters in {_letters(short).lower(), _letters(short.removesuffix("s")).lower()}:
            phrases |= {p for p in readings.get(letters, ()) if expansion_of(short, p.split()) == p}
        if len(phrases) == 1:  # one reading only: two candidates mean we cannot tell
            found[short] = phrases.pop()
    doc.cache["implied_acronyms"] = found
    return found
