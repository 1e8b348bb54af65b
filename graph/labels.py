"""Finding nodes by what people call them: a label index for search and parameter resolution.

Oxigraph has no text index, and scanning every label for each lookup would not stay fast at
millions of triples. The index is built once per store version (documents and their ingest
times), keeps every label and alternative label of every entity with an inverted index from
words to nodes, and answers ranked searches in milliseconds. A label given as a query
parameter resolves when one node clearly matches; when several do, the caller gets the
candidates instead of a guess.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from rapidfuzz import fuzz

from plangraph.graph.namespaces import CLASSES
from plangraph.graph.store import Store, shorten
from plangraph.graph.wording import comparable, stem

FUZZY_POOL = 400  # candidates scored by edit distance in one search, those sharing most words
ENTITY_TYPES = sorted(set(CLASSES.values()) - {CLASSES["Membership"], CLASSES["Observation"]})


@dataclass
class Entry:
    iri: str
    label: str  # the node's rdfs:label
    names: set[str] = field(default_factory=set)  # label and alternative labels, comparable form
    types: set[str] = field(default_factory=set)
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # each name's word stems


@dataclass
class Hit:
    iri: str
    label: str
    type: str
    score: float


class AmbiguousLabel(LookupError):
    """Several nodes answer to a label; `candidates` lists them, best first."""

    def __init__(self, text: str, candidates: list[Hit]) -> None:
        names = "; ".join(f"{h.label} ({h.type}) <{h.iri}>" for h in candidates[:8])
        super().__init__(f"'{text}' could mean {len(candidates)} things: {names}")
        self.text = text
        self.candidates = candidates


class UnknownLabel(LookupError):
    """Nothing answers to a label."""


def words(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[\w%]+", comparable(text))]


class LabelIndex:
    """Labels of every entity, with a word index; rebuilt when the store's documents change."""

    _lock = threading.Lock()

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.entries = entries
        self.by_word: dict[str, set[str]] = defaultdict(set)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        for entry in entries.values():
            for name in entry.names:
                entry.words[name] = frozenset(words(name))
                self.by_name[name].add(entry.iri)
                for word in entry.words[name]:
                    self.by_word[word].add(entry.iri)

    @classmethod
    def build(cls, kg: Store) -> LabelIndex:
        types = " ".join(f"<{t}>" for t in ENTITY_TYPES)
        entries: dict[str, Entry] = {}
        for row in kg.sparql(
            f"""SELECT ?s ?t ?label ?alt WHERE {{ VALUES ?t {{ {types} }} ?s a ?t ; rdfs:label ?label .
                 OPTIONAL {{ ?s skos:altLabel ?alt }} }}"""):
            entry = entries.setdefault(row["s"], Entry(row["s"], row["label"]))
            entry.types.add(shorten(row["t"]))
            entry.names.add(comparable(row["label"]))
            if row.get("alt"):
                entry.names.add(comparable(row["alt"]))
        return cls(entries)

    @classmethod
    def of(cls, kg: Store) -> LabelIndex:
        """The index for the store's current version (kept here, one per store, in a weak map)."""
        version = kg.version()
        with cls._lock:
            cached = _indexes.get(kg)
            if cached is None or cached[0] != version:
                cached = _indexes[kg] = (version, cls.build(kg))
            return cached[1]

    def search(self, text: str, types: set[str] | None = None, limit: int = 20) -> list[Hit]:
        """Nodes ranked by how well a label matches `text` (exact, all words, then fuzzy).

        Every node sharing a word with `text` is a candidate; when a common word makes them
        thousands, only the `FUZZY_POOL` that share most words are scored by edit distance, so a
        search costs the same in a store of ten plans or ten thousand.
        """
        query = comparable(text)
        query_words = frozenset(words(text))
        pool: set[str] = set(self.by_name.get(query, ()))
        for word in query_words:
            pool |= self.by_word.get(word, set())

        def cover(entry: Entry) -> float:  # the best name's share of the query's words, and fit
            return max((0.95 * len(query_words & ws) / len(query_words) *
                        (0.5 + 0.5 * len(query_words) / max(len(ws), 1))
                        for ws in entry.words.values()), default=0.0) if query_words else 0.0

        candidates = [(query in e.names, cover(e), e) for e in map(self.entries.__getitem__, pool)
                      if not types or e.types & types]
        if len(candidates) > FUZZY_POOL:
            candidates = sorted(candidates, key=lambda c: (c[0], c[1], c[2].iri), reverse=True)[:FUZZY_POOL]
        hits = []
        for exact, covered, entry in candidates:
            best = 1.0 if exact else max(
                [covered, *(max(fuzz.ratio(query, name) / 100 * 0.9,
                                fuzz.partial_ratio(query, name) / 100 * 0.75 if len(query) >= 6 else 0)
                            for name in entry.names)])
            if best >= 0.35:
                hits.append(Hit(entry.iri, entry.label, sorted(entry.types)[0], round(best, 3)))
        hits.sort(key=lambda h: (-h.score, h.label))
        return hits[:limit]

    def resolve(self, text: str, types: set[str] | None = None) -> str:
        """The one node `text` names: an IRI as given, else a label that clearly wins."""
        if text.startswith(("http://", "https://")):
            if text in self.entries:
                return text
            raise UnknownLabel(f"no entity <{text}> in the store")
        hits = self.search(text, types, limit=10)
        if not hits:
            kinds = f" among {', '.join(sorted(types))}" if types else ""
            raise UnknownLabel(f"nothing is called '{text}'{kinds}")
        top = hits[0]
        close = [h for h in hits if h.score >= top.score - 0.05]
        exact = [h for h in hits if h.score >= 0.999]
        named = [h for h in exact if comparable(h.label) == comparable(text)]
        if len(exact) == 1 or len(named) == 1:  # the one whose own label it is, before alt labels
            return (named or exact)[0].iri
        if len(close) == 1 and top.score >= 0.6:
            return top.iri
        raise AmbiguousLabel(text, close if len(close) > 1 else hits)


_indexes: WeakKeyDictionary[Store, tuple[Any, LabelIndex]] = WeakKeyDictionary()
