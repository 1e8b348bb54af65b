"""Label comparison: is this wording the same element, and which element does a header mean?

Plans word the same priority several ways ("Improve emotional well-being amongst children and
young people" in a list, "Improving emotional well being ..." in a table, "Improve emotional
wellbeing" as a column head). `same_label` is the strict test used to merge mentions into one
node; `best_match` is the lenient one used when a table header or a tick column must point at
an element already found.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from plangraph.graph.wording import (  # noqa: F401 - the wording, where extractors look for it
    IRREGULAR,
    NUMBERING,
    STOPWORDS,
    comparable,
    content_tokens,
    normalise,
    stem,
)
from plangraph.ingest.facts import Entity, Facts


@lru_cache(maxsize=262144)
def same_label(a: str, b: str) -> bool:
    """Strict: the same wording up to case, punctuation, numbering and small edits."""
    ca, cb = comparable(a), comparable(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    if sorted(re.findall(r"\d+", ca)) != sorted(re.findall(r"\d+", cb)):
        return False
    if fuzz.ratio(ca, cb) >= 90:
        return True
    ta, tb = content_tokens(a), content_tokens(b)
    if min(len(ta), len(tb)) >= 4 and len(ta & tb) / len(ta | tb) >= 0.8:
        return True
    # one wording adds a trailing clause to the other: "Protect X, including reducing Y"
    short, long = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
    return len(content_tokens(short)) >= 5 and long.startswith(short)


def containment(short: str, long: str) -> float:
    """Share of the shorter label's content words found in the longer label."""
    ts, tl = content_tokens(short), content_tokens(long)
    if not ts:
        return 0.0
    return len(ts & tl) / len(ts)


def best_match(label: str, candidates: list[Entity], threshold: float = 0.75) -> Entity | None:
    """The one candidate a header or short mention most plausibly means, or None.

    Scores by fuzzy similarity and by how much of the shorter wording the longer contains;
    gives up when two candidates tie, rather than guessing.
    """
    scored = []
    for ent in candidates:
        names = [ent.label, *ent.alt_labels]
        score = 0.0
        for name in names:
            if same_label(label, name):
                score = max(score, 1.0)
                continue
            short, long = (label, name) if len(label) <= len(name) else (name, label)
            cont = containment(short, long)
            if len(content_tokens(short)) < 2:
                cont *= 0.8
            score = max(score, cont, fuzz.token_set_ratio(comparable(label), comparable(name)) / 100 - 0.1)
        scored.append((score, ent))
    scored.sort(key=lambda pair: -pair[0])
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.02 and scored[0][0] < 1.0:
        return None
    return scored[0][1]


def find_same(facts: Facts, classes: set[str], label: str) -> Entity | None:
    """An entity of one of `classes` with the same label (strict), if any."""
    for ent in facts.entities.values():
        if ent.cls in classes and any(same_label(label, n) for n in (ent.label, *ent.alt_labels)):
            return ent
    return None
