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
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from plangraph.graph.namespaces import PG, extraction_graph_iri
from plangraph.ingest.extraction import document_to_data, facts_from_data, facts_to_data, pack, unpack
from plangraph.ingest.extractors.matching import comparable
from plangraph.ingest.facts import Facts
from plangraph.ingest.nodes import MemoryNodes
from plangraph.ingest.overrides import Overrides
from plangraph.ingest.pipeline import Extracted, sha256
from plangraph.ingest.resolver import ELEMENT_CLASSES, Resolution, Resolver, stored_keys

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


def canonical_order(kept: dict[str, Facts]) -> list[str]:
    """An order that depends only on the set: a document after those whose plans it names (an
    action plan after the strategy it delivers, minutes after the plans they discuss), then
    plans before papers that only mention elements, then by file name."""
    names = sorted(kept)
    own = {n: _plan_names(kept[n], own=True) for n in names}
    cited = {n: _plan_names(kept[n], own=False) for n in names}
    definers: dict[str, set[str]] = {}
    for n in names:
        for plan in own[n]:
            definers.setdefault(plan, set()).add(n)
    needs = {n: {d for plan in cited[n] for d in definers.get(plan, ()) if d != n} for n in names}
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
        resolution = resolver.resolve(f, name)
        block_keys = {key: stored_keys(keys, f.area) for key, keys in resolution.block_keys.items()}
        nodes.add(f, resolution.iris, resolution.labels, block_keys)
        out.append(Settled(name, f, resolution, block_keys, digest(f, resolution)))
    return out


def digest(facts: Facts, resolution: Resolution) -> str:
    """What a document's graph depends on besides its own extraction."""
    data = {"area": facts.area, "iris": sorted(resolution.iris.items()),
            "labels": sorted(resolution.labels.items()), "reasons": sorted(resolution.reasons.items()),
            "keys": sorted((k, sorted(v)) for k, v in resolution.block_keys.items())}
    return sha256(json.dumps(data, ensure_ascii=False).encode())[:32]

