"""One wording of labels for everything that compares them: extraction, identity, alignment
and search.

`normalise` is the comparison form of a label (case, quotes, dashes, `&` and spacing do not
count), `comparable` also drops numbering and footnote marks, `stem` is the Snowball (Porter2)
English stemmer, and `content_tokens` the stems of a label's words less the stop words. They
live at the bottom layer so the store's search index and the alignment read words exactly as
the extractors do.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_DASHES = re.compile(r"[\u2013\u2014]")
_NOT_WORDS = re.compile(r"[^\w%' -]+")


@lru_cache(maxsize=262144)
def normalise(text: str) -> str:
    """The comparison form of a label: case, quotes, dashes, spacing and `&` don't count.
    Cached: extraction asks for the same few thousand labels hundreds of thousands of times."""
    t = unicodedata.normalize("NFKC", text).lower()
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("&", " and ")
    t = _DASHES.sub("-", t)
    t = _NOT_WORDS.sub(" ", t)
    return " ".join(t.split()).strip(" -'")



STOPWORDS = {
    "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "our", "we",
    "their", "its", "is", "are", "be", "amongst", "among", "all", "from", "that", "this", "as",
    "including", "especially", "s", "will",
}
NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[a-z]?[.):]?|\(?[ivx]{1,5}[.)]|\(?[a-z][.)])\s+",
                       re.IGNORECASE)


@lru_cache(maxsize=65536)
def comparable(label: str) -> str:
    """Normalised label without numbering, footnote marks or a trailing full stop."""
    text = NUMBERING.sub("", label.strip())
    text = re.sub(r"[*¹²³†]+", " ", text)
    text = text.replace("well-being", "wellbeing").replace("well being", "wellbeing")
    return normalise(text)


# Past forms the Snowball stemmer leaves as they are, for the verbs plans use of leadership.
IRREGULAR = {"led": "lead", "met": "meet", "held": "hold", "ran": "run", "chose": "choos", "chosen": "choos",
             "took": "take", "taken": "take", "gave": "give", "given": "give", "sat": "sit"}
_SNOWBALL = snowballstemmer.stemmer("english")


@lru_cache(maxsize=262144)
def stem(word: str) -> str:
    """The English (Porter2) stem of a lower-case word, from the Snowball project's stemmer:
    'obese'/'obesity', 'leads'/'leading' (and 'led') are one word."""
    return IRREGULAR.get(word) or _SNOWBALL.stemWord(word)


@lru_cache(maxsize=65536)
def content_tokens(label: str) -> frozenset[str]:
    return frozenset({stem(w) for w in re.findall(r"[\w%]+", comparable(label)) if w not in STOPWORDS})
