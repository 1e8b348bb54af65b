"""The words alignment compares: labels cleaned of quotes and dashes, their stemmed content words
(stop words and the generic words any plan uses left out), and an indicator's definition
without the parts that name a target, a source or a unit."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from plangraph.graph.wording import stem


# -- text --------------------------------------------------------------------------------------
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    "a an the and or of for to in on at by with our we their its is are be been being amongst among "
    "from that this as including especially s will who which whose those it into than per via "
    "within through across"
)
# Words any plan element may use whatever it is about: they do not tell what it is about.
GENERIC = _wordset(
    "improve improving improvement improvements increase increasing increased reduce reducing reduction "
    "reduced raise raising promote promoting support supporting supported develop developing "
    "development ensure ensuring deliver delivering implement implementing implementation continue "
    "continuing sustain build building made make making tackle tackling prevent preventing rising "
    "further new more most fewer less all every each some other many any good better best high higher "
    "low lower greater great full effective effectiveness appropriate positive key local national "
    "strong stronger robust "
    "number numbers rate rates percentage proportion level levels total average overall prevalence "
    "children child young people person persons family families adults adult pupils babies parents "
    "mothers fathers women men girls boys females males residents students "
    "after before during between since until under over about against without "
    "year years old olds aged age ages month months week weeks time times term "
    "january february march april may june july august september october november december "
    "spring summer autumn winter "
    "service services work working partnership partnerships partners plan plans strategy strategies "
    "action actions programme programmes approach approaches project framework outcome outcomes "
    "priority priorities area areas arrangements activity activities need needs "
    "help helping get getting give giving keep keeping have has having can enable enabling "
    "receive receiving greatest "
    "city county borough district council "
    "place life lives well right way ways up"
)





_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """Lower case, one spelling of well-being, no HTML or footnote marks."""
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    t = re.sub(r"<[^>]+>", " ", t)
    t = re.sub(r"[*¹²³†]+", " ", t)
    t = re.sub(r"\bwell[\s-]+being\b", "wellbeing", t)
    t = t.replace("&", " and ")
    return re.sub(r"\s+", " ", t).strip()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", clean(text))


def _match_tokens(text: str) -> list[str]:
    """Stems for keyword matching, small words left out on both sides ('income is below')."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


# What names a target, a source or a unit rather than the subject: "Nottingham Plan target",
# a "PH 1.04" code, and parentheticals of a few words ("(CAMHS)", "(Notts NHS)") or with figures.
_PLAN_TARGET = re.compile(r",?\s*[\w' ]{0,40}\bplan target\b")
_TAG = re.compile(r"\((?:[^()\s]+(?:\s+[^()\s]+){0,3}|[^()]*(?:\d|indicator|provisional)[^()]*)\)")
_PH_CODE = re.compile(r"\s-\s*ph\s*\d.*$")


def _untagged(text: str) -> str:
    t = _PLAN_TARGET.sub("", _PH_CODE.sub("", clean(text)))
    return _TAG.sub(" ", t)


def content_stems(text: str) -> list[str]:
    """Stemmed words that carry meaning: no stopwords, no bare numbers, no tag parentheticals."""
    return [stem(w) for w in re.findall(r"[a-z0-9]+", _untagged(text))
            if w not in STOPWORDS and not w.isdigit()]


_MEASURE_LEAD = re.compile(
    r"^(?:the\s+)?(?:(?:rate|number|percentage|proportion|%|per\s?cent)\s*"
    r"(?:and\s+(?:number|rate|%|percentage)\s*)?of\s+|%\s*)")
_MEASURE_UNIT = re.compile(r",?\s*(?:rate\s+)?per\s+[\d,]+\b.*$")
_MEASURE_TAIL = re.compile(r"\s+(?:rates?|prevalence|percentage|number)\s*$")


@lru_cache(maxsize=65536)
def indicator_definition(label: str) -> tuple[str, ...]:
    """What an indicator measures, without target tags, PH codes, units and 'Rate of'/'% of'."""
    t = _PH_CODE.sub("", clean(label))
    for _ in range(2):
        t = re.sub(r"\([^()]*\)", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" ,.-:;")
    t = _MEASURE_LEAD.sub("", t)
    t = _MEASURE_UNIT.sub("", t)
    t = _MEASURE_TAIL.sub("", t)
    return tuple(stem(w) for w in re.findall(r"[a-z0-9]+", t) if w not in STOPWORDS)
