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

from rapidfuzz import fuzz

from plangraph.graph.namespaces import CLASSES
from plangraph.graph.store import KnowledgeGraph, shorten
from plangraph.ingest.extractors.matching import comparable, stem

ENTITY_TYPES = sorted(set(CLASSES.values()) - {CLASSES["Membership"], CLASSES["Observation"]})


@dataclass
class Entry:
    iri: str
    label: str  # the node's rdfs:label
    names: set[str] = field(default_factory=set)  # label and alternative labels, comparable form
    types: set[str] = field(default_factory=set)


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
                self.by_name[name].add(entry.iri)
                for word in words(name):
                    self.by_word[word].add(entry.iri)

    @classmethod
    def build(cls, kg: KnowledgeGraph) -> LabelIndex:
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
    def of(cls, kg: KnowledgeGraph) -> LabelIndex:
        """The index for the store's current version (cached on the KnowledgeGraph)."""
        version = kg.version()
        with cls._lock:
            cached = getattr(kg, "_label_index", None)
            if cached is None or cached[0] != version:
                cached = (version, cls.build(kg))
                kg._label_index = cached  # type: ignore[attr-defined]
            return cached[1]

    def search(self, text: str, types: set[str] | None = None, limit: int = 20) -> list[Hit]:
        """Nodes ranked by how well a label matches `text` (exact, all words, then fuzzy)."""
        query = comparable(text)
        query_words = set(words(text))
        pool: set[str] = set(self.by_name.get(query, ()))
        for word in query_words:
            pool |= self.by_word.get(word, set())
        hits = []
        for iri in pool:
            entry = self.entries[iri]
            if types and not entry.types & types:
                continue
            best = 0.0
            for name in entry.names:
                if name == query:
                    score = 1.0
                else:
                    name_words = set(words(name))
                    cover = len(query_words & name_words) / len(query_words) if query_words else 0
                    score = max(0.95 * cover * (0.5 + 0.5 * len(query_words) / max(len(name_words), 1)),
                                fuzz.ratio(query, name) / 100 * 0.9,
                                fuzz.partial_ratio(query, name) / 100 * 0.75 if len(query) >= 6 else 0)
                best = max(best, score)
            if best >= 0.35:
                hits.append(Hit(iri, entry.label, sorted(entry.types)[0], round(best, 3)))
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
        if top.score >= 0.999 and len([h for h in hits if h.score >= 0.999]) == 1:
            return top.iri
        if len(close) == 1 and top.score >= 0.6:
            return top.iri
        raise AmbiguousLabel(text, close if len(close) > 1 else hits)
