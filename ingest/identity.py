"""The identity of a shared name: what stays when the area's own name is taken off.

"Kestrelshire Health and Wellbeing Board", "Health and Wellbeing Board for Kestrelshire"
and "Health and Wellbeing Board" are one body in a Kestrelshire document; in a Kestrel
City document the same words name a different body. So identity is (area, core name), where
the core name drops the area's words at the start or a "for <area>" at the end.
"""

from __future__ import annotations

import re

from plangraph.ingest.facts import normalise

AREA_TAIL = re.compile(r"\s+(?:for|of|in)\s+(?:the\s+)?(?:city of\s+|county of\s+)?(.+)$", re.I)


def area_words(area: str | None) -> list[str]:
    """Spellings of an area's name a document may put in front of a body's name."""
    if not area:
        return []
    plain = normalise(area)
    words = plain.split()
    out = [plain]
    if len(words) > 1 and words[-1] in {"city", "county", "borough", "district"}:
        out.append(" ".join(words[:-1]))
    return sorted(set(out), key=len, reverse=True)


def core_name(label: str, area: str | None) -> str:
    """'Kestrel City Children's Partnership Board' (area 'Kestrel City') ->
    "children's partnership board"."""
    text = normalise(label)
    text = re.sub(r"^the\s+", "", text)
    for prefix in area_words(area):
        for form in (prefix + "'s ", prefix + " "):
            if text.startswith(form) and len(text) > len(form) + 3:
                text = text[len(form):]
                break
    tail = AREA_TAIL.search(text)
    if tail and tail.group(1) in area_words(area):
        text = text[: tail.start()]
    text = text.replace("well-being", "wellbeing").replace("well being", "wellbeing")
    text = text.replace("-", " ")
    text = re.sub(r"\bchildren s\b|\bchildrens\b", "children's", text)
    return text.strip()
