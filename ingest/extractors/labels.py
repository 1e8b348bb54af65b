"""Tidy the wording of an element into a label, and read the tags plans attach to it."""

from __future__ import annotations

import re

PLAN_TAG = re.compile(
    r"\b((?:[A-Z][\w'’&-]*\s+){1,6}(?:Plan|Strategy|Framework|Agreement))\s+targets?\b")
DASH_SPLIT = re.compile(r"\s+[-–—]\s+")


def clean_label(text: str) -> str:
    """Collapse whitespace; drop bullets, trailing separators and wrapping quotes."""
    text = " ".join(text.split())
    text = re.sub(r"^[-•·▪*]+\s*", "", text)
    text = re.sub(r"\s*\*+$", "", text)
    text = text.rstrip(" ,;:")
    if text.endswith(".") and not text.endswith(("etc.", "...")):
        text = text[:-1].rstrip()
    if len(text) > 2 and text[0] in "'‘\"“" and text[-1] in "'’\"”":
        text = text[1:-1].strip()
    return text


def plan_tag(label: str) -> str | None:
    """'... (Kestrel Plan target)' -> 'Kestrel Plan'."""
    m = PLAN_TAG.search(label)
    return " ".join(m.group(1).split()) if m else None


def split_title_description(text: str) -> tuple[str, str | None]:
    """'Title – a longer description' -> (title, description) when the title is short."""
    parts = DASH_SPLIT.split(text, maxsplit=1)
    if len(parts) == 2:
        title, rest = parts
        if 1 <= len(title.split()) <= 14 and len(rest.split()) >= 6 and title[:1].isupper():
            return title, rest
    return text, None


TAGS = re.compile(r"\s*\((?:[^()]*\b(?:Plan|Strategy|Framework)\s+targets?|provisional|local indicator)\)\s*$"
                  r"|\s+[-–]\s+PH\s*\d[\w .]*(?:\([^)]*\))?\s*$", re.I)


def untagged(label: str) -> str | None:
    """'Under 18 conception rate (Kestrel Plan target)' -> 'Under 18 conception rate':
    the indicator's name without the tags a plan hangs on it, or None if it has none."""
    short = TAGS.sub("", label).strip()
    return short if short and short != label else None
