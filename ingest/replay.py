"""Identity decided for the whole set of documents at once, so order does not matter.

Resolving each file against what the store held when it arrived made the graph depend on the
order of arrival: a report ingested before its plan kept priorities of its own, the first
wording of a name became its label, a shared link broke when a fuller name came later. Instead,
after every batch, every document's extraction (kept in the store, see `ingest.extraction`) is
resolved again in one canonical order — documents that set out a plan's elements first, then
by file name — against the nodes of the documents before it (`MemoryNodes`). Only documents
whose resolution changed are written again, so a batch that changes nobody else's identity
costs one replay in memory.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from plangraph.graph.namespaces import ID, PG, extraction_graph_iri
from plangraph.ingest.extraction import document_to_data, facts_from_data, facts_to_data, pack, unpack
from plangraph.ingest.extractors.matching import comparable
from plangraph.ingest.facts import Facts
from plangraph.ingest.nodes import MemoryNodes
from plangraph.ingest.overrides import Overrides
from plangraph.ingest.pipeline import Extracted, sha256
from plangraph.ingest.resolver import (
    ELEMENT_CLASSES,
    FALLBACK_MARK,
    YEARS,
    Resolution,
    Resolver,
    plan_title,
    stored_keys,
)

FACTS = PG + "extractedFacts"
DOCUMENT = PG + "extractedDocument"
DIGEST = PG + "resolutionDigest"
RESOLVED = PG + "resolvedIris"  # key -> IRI as last written: what a rewrite retires


@dataclass
class Kept:
    """A file's extraction as the store keeps it: facts and document packed, before identity."""

    name: str
    facts: str
    document: str
    digest: str = ""  # of the resolution its graph was last written with
    iris: str = ""  # packed {fact key: IRI} of that resolution

    @classmethod
    def of(cls, extracted: Extracted) -> Kept:
        return cls(extracted.name, pack(facts_to_data(extracted.facts)),
                   pack(document_to_data(extracted.document)))

    def quads(self, doc_iri: str, settled: Settled) -> list[Quad]:
        """What the store writes in the file's private extraction graph."""
        graph, subject = NamedNode(extraction_graph_iri(self.name)), NamedNode(doc_iri)
        return [Quad(subject, NamedNode(FACTS), Literal(self.facts), graph),
                Quad(subject, NamedNode(DOCUMENT), Literal(self.document), graph),
                Quad(subject, NamedNode(DIGEST), Literal(settled.digest), graph),
                Quad(subject, NamedNode(RESOLVED), Literal(pack(settled.resolution.iris)), graph)]

    def retired(self, settled: Settled) -> dict[str, str]:
        """IRIs this document's nodes had when last written that they have no more: old -> new."""
        old = unpack(self.iris) if self.iris else {}
        return {iri: settled.resolution.iris[key] for key, iri in old.items()
                if key in settled.resolution.iris and settled.resolution.iris[key] != iri}


@dataclass
class Settled:
    """One document's identity in the canonical replay."""

    name: str
    facts: Facts  # after resolution (the area guessed, a stand-in plan added)
    resolution: Resolution
    block_keys: dict[str, set[str]] = field(default_factory=dict)
    digest: str = ""


def defines_elements(facts: Facts) -> bool:
    """Whether the document sets out elements of a plan of its own (a plan, not a report on one)."""
    return bool(facts.plan) and any(r.predicate == "partOf" and r.object == facts.plan and
                                    facts.entities[r.subject].cls in ELEMENT_CLASSES for r in facts.relations)


def _plan_names(facts: Facts, own: bool) -> set[str]:
    """Comparable names of the document's own plan, or of the other plans it names."""
    keys = {facts.plan} if own else {k for k, e in facts.entities.items() if e.cls == "Plan"} - {facts.plan}
    return {comparable(name) for k in keys if k in facts.entities
            for name in (facts.entities[k].label, *facts.entities[k].alt_labels)} - {""}


def elements(facts: Facts) -> int:
    return sum(1 for e in facts.entities.values() if e.cls in ELEMENT_CLASSES)


def canonical_order(kept: dict[str, Facts]) -> list[str]:
    """An order that depends only on the set: a document after those whose plans it names (an
    action plan after the strategy it delivers, minutes after the plans they discuss), then
    plans before papers that only mention elements, then by file name."""
    names = sorted(kept)
    own = {n: _plan_names(kept[n], own=True) for n in names}
    cited = {n: _plan_names(kept[n], own=False) for n in names}
    # a plan's document is the one setting out most of its elements; a report setting out some
    # of them comes after it, as a paper citing it does
    definer: dict[str, str] = {}
    for n in sorted(names, key=lambda n: (-elements(kept[n]), n)):
        for plan in own[n]:
            definer.setdefault(plan, n)
    needs = {n: {definer[plan] for plan in cited[n] | own[n] if plan in definer} - {n} for n in names}
    for n in names:  # a lead table of no plan of its own: its rows may be any plan's elements
        if not own[n] and elements(kept[n]):
            needs[n] |= set(definer.values()) - {n}
    depth: dict[str, int] = {}

    def level(n: str, path: frozenset[str] = frozenset()) -> int:
        if n not in depth:
            deeper = [level(d, path | {n}) for d in sorted(needs[n]) if d not in path]  # a cycle stops
            depth[n] = 1 + max(deeper, default=-1)
        return depth[n]

    return sorted(names, key=lambda n: (level(n), not defines_elements(kept[n]), n))


def replay(kept: list[Kept], overrides: Overrides | None = None) -> list[Settled]:
    """Resolve every document in canonical order, each against the ones before it."""
    facts = {k.name: facts_from_data(unpack(k.facts)) for k in kept}
    nodes = MemoryNodes()
    resolver = Resolver(nodes=nodes, overrides=overrides)
    out = []
    for name in canonical_order(facts):
        f = facts[name]
        reject(f, resolver.overrides)
        resolution = resolver.resolve(f, name)
        block_keys = {key: stored_keys(keys, f.area) for key, keys in resolution.block_keys.items()}
        nodes.add(f, resolution.iris, resolution.labels, block_keys)
        out.append(Settled(name, f, resolution, block_keys))
    undated_plans(out)
    name_nodes(out, resolver)
    for settled in out:
        settled.digest = digest(settled.facts, settled.resolution)
    return out


def reject(facts: Facts, overrides: Overrides) -> None:
    """What a user's overrides file says is no entity goes, with every link it has."""
    gone = {k for k, e in facts.entities.items() if overrides.rejects(e.cls, e.label, facts.area)}
    if gone:
        facts.relations[:] = [r for r in facts.relations if r.subject not in gone and r.object not in gone]
        for key in gone:
            del facts.entities[key]
        if facts.plan in gone:
            facts.plan = None


def undated_plans(settled: list[Settled]) -> None:
    """'Harrowby Plan' is 'Harrowby Plan 2024-2030' when that is the only period the area has a
    plan of that title for (with two periods it stays apart: which one is meant?). Settled
    after every document is resolved, so it does not matter which was read first."""
    labels: dict[str, str] = {}
    for s in settled:
        for key, iri in s.resolution.iris.items():
            if s.facts.entities[key].cls == "Plan":
                labels.setdefault(iri, s.resolution.labels.get(key, s.facts.entities[key].label))
    dated: dict[tuple[str, str], set[str]] = {}
    for iri, label in labels.items():
        if YEARS.search(label):
            dated.setdefault((_scope(iri), plan_title(label)), set()).add(iri)
    moved = {}
    for iri, label in labels.items():
        only = dated.get((_scope(iri), plan_title(label)), set())
        if not YEARS.search(label) and len(only) == 1:
            moved[iri] = next(iter(only))
    for s in settled:
        for key, iri in s.resolution.iris.items():
            if iri in moved:
                label = labels[moved[iri]]
                s.resolution.iris[key], s.resolution.labels[key] = moved[iri], label
                s.resolution.reasons[key] = f"the one plan of this title with a period: '{label}'"


NAMED_CLASSES = ("Person", "Board", "Organisation", "Plan")


def name_nodes(settled: list[Settled], resolver: Resolver) -> None:
    """Each shared node's label is the wording most documents use, the fullest of those (for a
    person the fullest plain form: 'Jennifer' over 'Jenny'; a user's override first), and a body's or
    plan's IRI follows it, whichever document named it first. An IRI another node already has
    is not taken: two nodes never become one by renaming."""
    keys: dict[str, list[tuple[Settled, str]]] = {}
    for s in settled:
        for key, iri in s.resolution.iris.items():
            if s.facts.entities[key].cls in NAMED_CLASSES and not key.endswith(FALLBACK_MARK):
                keys.setdefault(iri, []).append((s, key))  # (a stand-in plan keeps its file's name)
    taken = set(keys)
    for iri, mentions in sorted(keys.items()):
        cls = mentions[0][0].facts.entities[mentions[0][1]].cls
        area = mentions[0][0].facts.area
        label = _best_wording(Counter(s.facts.entities[key].label for s, key in mentions), cls)
        forced = sorted(f for s, key in mentions
                        if (f := resolver.overrides.canonical(cls, s.facts.entities[key].label, area)))
        label = forced[0] if forced else label
        new = iri
        if cls != "Person" and not forced:
            new = resolver.iri_for(cls, label, _scope(iri))
            if new != iri and (new in taken or not iri.startswith(f"{ID}{_scope(iri)}/{cls.lower()}/")):
                new = iri
            taken.add(new)
        for s, key in mentions:
            s.resolution.iris[key], s.resolution.labels[key] = new, label


def _best_wording(wordings: Counter[str], cls: str) -> str:
    if cls == "Person":  # the fullest plain form: 'Catherine Ashdown', not 'Cath' or 'Catherine J.'
        return min(wordings, key=lambda w: (bool(re.search(r"\b[A-Z]\.", w)), -len(w), -wordings[w], w))
    return min(wordings, key=lambda w: (-wordings[w], -len(w), w))


def _scope(iri: str) -> str:
    """The area part of a shared node's IRI (id/<area>/plan/...)."""
    return iri.removeprefix(ID).split("/", 1)[0]


def digest(facts: Facts, resolution: Resolution) -> str:
    """What a document's graph depends on besides its own extraction."""
    data = {"area": facts.area, "iris": sorted(resolution.iris.items()),
            "labels": sorted(resolution.labels.items()), "reasons": sorted(resolution.reasons.items()),
            "keys": sorted((k, sorted(v)) for k, v in resolution.block_keys.items())}
    return sha256(json.dumps(data, ensure_ascii=False).encode())[:32]

