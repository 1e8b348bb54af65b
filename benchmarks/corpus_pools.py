"""The synthetic corpus's data pools: places, names, organisations, posts, boards, priority themes,
outcomes and indicator wordings. The pools are data, kept as YAML in data/ beside this module; this
module reads them once, on import, into the same tuples and dicts the generator (corpus.py) draws
on, and builds the two small records that hold themes and indicators and the indexes over them.

Order matters in every pool: the generator draws from them with seeded `random.Random`s, so the
corpus follows from the files' order as well as from the seed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when built; the same values


def _frozen(value: Any) -> Any:
    """YAML's lists as tuples, all the way down: the pools are read-only, as they were as code."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


def _load(name: str) -> dict[str, Any]:
    with open(DATA / f"{name}.yaml", encoding="utf-8") as fh:
        return _frozen(yaml.load(fh, Loader=_Loader))


# --------------------------------------------------------------------------------------------
# Pools: places, people, posts, boards
# --------------------------------------------------------------------------------------------

_people = _load("places_and_people")
ONSETS: tuple[str, ...] = _people["onsets"]
LINKS: tuple[str, ...] = _people["links"]
SUFFIXES: tuple[str, ...] = _people["suffixes"]
FIRST_NAMES: tuple[str, ...] = _people["first_names"]
SURNAMES: tuple[str, ...] = _people["surnames"]
NICKNAMES: dict[str, str] = _people["nicknames"]
INITIALS: str = _people["initials"]
KINDS: tuple[str, ...] = _people["kinds"]

_orgs = _load("organisations")
ORGS: dict[str, str] = _orgs["organisations"]
EMAIL_DOMAINS: dict[str, str] = _orgs["email_domains"]
# (key, post, organisation key, honorific, boards, level): see data/organisations.yaml
CORE_ROLES: tuple[tuple[str, ...], ...] = _orgs["core_roles"]
EXTRA_ROLES: tuple[tuple[str, ...], ...] = _orgs["extra_roles"]
ROLE_INDEX = {r[0]: r for r in (*CORE_ROLES, *EXTRA_ROLES)}
ALWAYS_GROUPS: tuple[str, ...] = _orgs["always_groups"]
GROUPS: tuple[str, ...] = _orgs["groups"]

# --------------------------------------------------------------------------------------------
# Pools: priority themes, outcomes, indicators
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    title: str
    headline: str  # how a strategy words it: "Give every child the best start in life"
    description: str  # lower case, at least six words
    domain: str  # H S L W P V (children) or A M G D (adults)
    group: str  # the usual strategic group ("" = the partnership board itself)
    topic: str  # a noun phrase for generic actions
    actions: tuple[str, ...]


_themes = (*_load("themes_children")["themes"], *_load("themes_adults")["themes"])
THEMES = tuple(Theme(t["title"], t["headline"], t["description"], t["domain"], t["group"], t["topic"],
                     t["actions"]) for t in _themes)
CHILD_THEMES = tuple(t for t in THEMES if t.domain in "HSLWPV")
ADULT_THEMES = tuple(t for t in THEMES if t.domain in "AMGD")

_phrases = _load("phrases")
GENERIC_ACTIONS: tuple[str, ...] = _phrases["generic_actions"]

# Outcome domains: (top-level wordings, description, [(sub-outcome, indicator ids)]).
_outcomes = _load("outcomes")
OUTCOMES = {d: (o["wordings"], o["description"], tuple(o["sub_outcomes"].items()))
            for d, o in _outcomes["outcomes"].items()}
OUTCOME_SHORT: dict[str, str] = _outcomes["outcome_short"]
ECM: tuple[str, ...] = _outcomes["ecm"]
ECM_OF: dict[str, int] = _outcomes["ecm_of"]

# Indicators: (id, kind, wording, per, domain, (lo, hi), extra wordings); data/indicators.yaml says
# how each kind is worded.
INDICATORS = tuple((key, i["kind"], i["wording"], i.get("per", ""), i["domain"], i["range"],
                    i.get("also", ())) for key, i in _load("indicators")["indicators"].items())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wordings(kind: str, text: str, per: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    if kind == "pct":
        out = (f"% of {text}", f"Percentage of {text}", f"Proportion of {text}")
    elif kind == "rate":
        out = (f"{_cap(text)} (rate {per})", f"Rate of {text} {per}", f"{_cap(text)} {per}")
    elif kind == "num":
        out = (f"Number of {text}", f"{_cap(text)} (number)", f"Total number of {text}")
    else:
        out = (text,)
    return out + extra


@dataclass(frozen=True)
class Indicator:
    id: str
    kind: str
    domain: str
    low: float
    high: float
    wordings: tuple[str, ...]


INDICATOR = {i[0]: Indicator(i[0], i[1], i[4], i[5][0], i[5][1], _wordings(i[1], i[2], i[3], i[6]))
             for i in INDICATORS}
INDICATORS_BY_DOMAIN: dict[str, tuple[str, ...]] = {
    d: tuple(i.id for i in INDICATOR.values() if i.domain == d) for d in "HSLWPVAMGD"}

# The indicators a theme is usually measured by (before the rest of its domain's).
THEME_MEASURES: dict[str, tuple[str, ...]] = {t["title"]: t["measures"] for t in _themes}
THEME_INDICATORS = {t.title: (*THEME_MEASURES[t.title], *(i for i in INDICATORS_BY_DOMAIN[t.domain]
                                                           if i not in THEME_MEASURES[t.title]))
                    for t in THEMES}

# --------------------------------------------------------------------------------------------
# Pools: phrases
# --------------------------------------------------------------------------------------------

PRINCIPLES: tuple[str, ...] = _phrases["principles"]
VISIONS: tuple[str, ...] = _phrases["visions"]
TAGLINES: tuple[str, ...] = _phrases["taglines"]
HWB_NAMES: tuple[str, ...] = _phrases["hwb_names"]
MONTHS: tuple[str, ...] = _phrases["months"]
SEASONS: tuple[str, ...] = _phrases["seasons"]
CYPP_NOUNS: tuple[str, ...] = _phrases["cypp_nouns"]
HWB_NOUNS: tuple[str, ...] = _phrases["hwb_nouns"]
CYPP_PERIODS: tuple[int, ...] = _phrases["cypp_periods"]
HWB_PERIODS: tuple[int, ...] = _phrases["hwb_periods"]
NEVER = 10**9  # the plan unit at which a post that never changes would change
