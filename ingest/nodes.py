"""The nodes identity is decided against: those of the store, or those of a replay in memory.

The resolver asks a few narrow questions (which nodes have this block key or e-mail, which
elements of these plans have these keys, what is a node's class, labels and plans, which area
do documents using these labels belong to). `StoreNodes` answers them from the store's union
graph; `MemoryNodes` from the documents resolved so far in a replay (see `ingest.replay`), which
is how the graph becomes a function of the set of documents rather than of their order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pyoxigraph import Literal, NamedNode

from plangraph.graph.namespaces import CLASSES, FOAF, PG, RDF, RDFS, SKOS
from plangraph.ingest.facts import Facts

if TYPE_CHECKING:
    from plangraph.graph.store import Store


@dataclass
class Node:
    """What the resolver needs to know of a node: class, labels, plans, e-mail addresses."""

    iri: str
    classes: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    alt: set[str] = field(default_factory=set)
    plans: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)


class Nodes(Protocol):
    def is_empty(self) -> bool: ...
    def with_key(self, key: str) -> set[str]: ...
    def with_email(self, email: str) -> set[str]: ...
    def elements_of(self, plans: set[str], keys: set[str]) -> set[str]: ...
    def node(self, iri: str) -> Node: ...
    def area_votes(self, labels: set[str]) -> dict[str, int]: ...


class StoreNodes:
    """The nodes of a store (its union graph)."""

    def __init__(self, kg: Store) -> None:
        self.kg = kg

    def is_empty(self) -> bool:
        return self.kg.is_empty()

    def with_key(self, key: str) -> set[str]:
        return self.kg.subjects(PG + "blockKey", Literal(key))

    def with_email(self, email: str) -> set[str]:
        if not re.fullmatch(r"[^<>\s\"{}|\\^`]+", email):
            return set()
        return self.kg.subjects(FOAF + "mbox", NamedNode("mailto:" + email))

    def elements_of(self, plans: set[str], keys: set[str]) -> set[str]:
        in_plans = " ".join(str(NamedNode(p)) for p in sorted(plans))
        with_keys = " ".join(str(Literal(k)) for k in sorted(keys))
        rows = self.kg.sparql(f"""SELECT DISTINCT ?n WHERE {{ VALUES ?plan {{ {in_plans} }}
            VALUES ?key {{ {with_keys} }} ?n pg:partOf ?plan ; pg:blockKey ?key }}""")
        return {row["n"] for row in rows}

    def node(self, iri: str) -> Node:
        objects = self.kg.objects
        types = {t.value for t in objects(iri, RDF + "type")}
        return Node(iri, {cls for cls, class_iri in CLASSES.items() if class_iri in types},
                    {t.value for t in objects(iri, RDFS + "label")},
                    {t.value for t in objects(iri, SKOS + "altLabel")},
                    {t.value for t in objects(iri, PG + "partOf")},
                    {t.value.removeprefix("mailto:").lower() for t in objects(iri, FOAF + "mbox")})

    def area_votes(self, labels: set[str]) -> dict[str, int]:
        values = " ".join(str(Literal(label)) for label in sorted(labels)[:2000])
        rows = self.kg.sparql(
            f"""SELECT ?label ?area (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?label {{ {values} }}
                 ?s rdfs:label ?label ; prov:wasDerivedFrom ?d . ?d pg:area ?area }}
               GROUP BY ?label ?area""")
        votes: dict[str, int] = defaultdict(int)
        for row in rows:
            votes[row["area"]] += 1
        return votes


class MemoryNodes:
    """The nodes of the documents added so far, as their quads would have put them in a store."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.keys: dict[str, set[str]] = defaultdict(set)
        self.emails: dict[str, set[str]] = defaultdict(set)
        self.areas_of_label: dict[str, set[str]] = defaultdict(set)  # label -> areas of its documents
        # (plan, block key) -> elements of that plan with that key: a plan's elements are found
        # without scanning every element of every plan that shares a common key
        self.in_plan: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._keys_of: dict[str, set[str]] = defaultdict(set)

    def add(self, facts: Facts, iris: Mapping[str, str], labels: Mapping[str, str],
            block_keys: Mapping[str, set[str]]) -> None:
        """A resolved document's nodes (what `ingest.rdf.facts_to_quads` writes about them)."""
        for key, ent in facts.entities.items():
            iri = iris[key]
            node = self.nodes.setdefault(iri, Node(iri))
            label = labels.get(key, ent.label)
            node.classes.add(ent.cls)
            node.labels.add(label)
            node.alt |= {a for a in ent.alt_labels | {ent.label} if a != label}
            node.emails |= {str(m).strip().lower() for m in ent.props.get("email", [])}
            for email in node.emails:
                self.emails[email].add(iri)
            for block_key in block_keys.get(key, ()):
                self.keys[block_key].add(iri)
                self._keys_of[iri].add(block_key)
                for plan in node.plans:
                    self.in_plan[(plan, block_key)].add(iri)
            if facts.area:
                self.areas_of_label[label].add(facts.area)
        for rel in facts.relations:
            if rel.predicate == "partOf":
                iri, plan = iris[rel.subject], iris[rel.object]
                self.nodes[iri].plans.add(plan)
                for block_key in self._keys_of[iri]:
                    self.in_plan[(plan, block_key)].add(iri)

    def is_empty(self) -> bool:
        return not self.nodes

    def with_key(self, key: str) -> set[str]:
        return set(self.keys.get(key, ()))

    def with_email(self, email: str) -> set[str]:
        return set(self.emails.get(email, ()))

    def elements_of(self, plans: set[str], keys: set[str]) -> set[str]:
        return {iri for plan in plans for key in keys for iri in self.in_plan.get((plan, key), ())}

    def node(self, iri: str) -> Node:
        return self.nodes.get(iri) or Node(iri)

    def area_votes(self, labels: set[str]) -> dict[str, int]:
        votes: dict[str, int] = defaultdict(int)
        for label in sorted(labels)[:2000]:
            for area in self.areas_of_label.get(label, ()):
                votes[area] += 1
        return votes
