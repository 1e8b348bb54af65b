"""Facts: what extractors found, before identity is decided and RDF is written.

An extractor speaks in local keys ("outcome:1a", "person:ruth alder") and short names
("Outcome", "ledBy"); every entity and relation carries the span it was read from and a
confidence. The resolver later turns keys into IRIs; the RDF builder turns facts into quads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plangraph.graph.wording import normalise
from plangraph.ingest.document import Span

# Entities shared across documents (identity scoped by area); the rest belong to one plan.
SHARED_CLASSES = {"Person", "Board", "Organisation", "Post", "Plan"}
# Bodies whose names often carry the area's own name ("Kestrelshire Health and Wellbeing Board").
AREA_SCOPED_NAMES = {"Board", "Organisation"}


# How sure an extractor is of a fact, by the kind of evidence behind it (named, so that rules
# written at different times weigh the same evidence the same).
STATED = 1.0  # the text says it in so many words
STRUCTURE = 0.8  # read from the document's structure: its outline, a table's columns
INFERRED = 0.7  # from a weaker cue: a page's title, an ambition sentence
FALLBACK = 0.3  # a stand-in kept for its evidence


@dataclass(slots=True)
class Entity:
    key: str
    cls: str
    label: str
    span: Span
    alt_labels: set[str] = field(default_factory=set)
    props: dict[str, list[Any]] = field(default_factory=dict)
    confidence: float = 1.0
    spans: list[Span] = field(default_factory=list)

    def add_prop(self, name: str, value: Any) -> None:
        values = self.props.setdefault(name, [])
        if value not in values:
            values.append(value)


@dataclass(slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    span: Span
    confidence: float = 1.0
    qualifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class Facts:
    """Everything extracted from one document."""

    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    area: str | None = None
    plan: str | None = None  # key of the document's own plan, if it is one
    main_body: str | None = None  # key of the board whose paper (or plan) this is, if known
    warnings: list[str] = field(default_factory=list)
    _seen: dict[tuple, Relation] = field(default_factory=dict, repr=False)

    def entity(
        self,
        cls: str,
        label: str,
        span: Span,
        key: str | None = None,
        confidence: float = 1.0,
        **props: Any,
    ) -> str:
        """Add (or merge into) an entity and return its key.

        Without an explicit key, entities of one class with the same normalised label are
        one entity; a second wording given with the same key becomes an alternative label.
        """
        label = " ".join(label.split())
        if key is None and cls in AREA_SCOPED_NAMES:
            from plangraph.ingest.identity import core_name

            key = f"{cls.lower()}:{core_name(label, self.area)}"
        key = key or f"{cls.lower()}:{normalise(label)}"
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(key, cls, label, span, confidence=confidence)
            self.entities[key] = ent
        else:
            if label != ent.label:
                ent.alt_labels.add(label)
            ent.spans.append(span)
            ent.confidence = max(ent.confidence, confidence)
        for name, value in props.items():
            if value is not None and value != "":
                ent.add_prop(name, value)
        return key

    def relate(
        self,
        subject: str,
        predicate: str,
        obj: str,
        span: Span,
        confidence: float = 1.0,
        **qualifiers: str,
    ) -> None:
        """Record a relation between two known keys (duplicates with the same span are kept once)."""
        if subject == obj or subject not in self.entities or obj not in self.entities:
            return
        given = {k: v for k, v in qualifiers.items() if v}
        seen = self._seen.get((subject, predicate, obj, span))
        if seen is not None:
            seen.qualifiers.update(given)
            seen.confidence = max(seen.confidence, confidence)
            return
        rel = Relation(subject, predicate, obj, span, confidence, given)
        self._seen[(subject, predicate, obj, span)] = rel
        self.relations.append(rel)

    def of_class(self, cls: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.cls == cls]

    def has(self, subject: str, predicate: str, obj: str | None = None) -> bool:
        return any(
            r.subject == subject and r.predicate == predicate and (obj is None or r.object == obj)
            for r in self.relations
        )

    def merge(self, into: str, other: str) -> None:
        """`other` is the same thing as `into` ('Example' listed alone and 'Ann Example'): its
        labels, spans and properties move to `into`, and its relations point there."""
        if into == other or into not in self.entities or other not in self.entities:
            return
        gone, kept = self.entities.pop(other), self.entities[into]
        kept.alt_labels |= {gone.label, *gone.alt_labels} - {kept.label}
        kept.spans += [gone.span, *gone.spans]
        for name, values in gone.props.items():
            for value in values:
                kept.add_prop(name, value)
        relations, self.relations, self._seen = self.relations, [], {}
        for r in relations:
            subject = into if r.subject == other else r.subject
            obj = into if r.object == other else r.object
            self.relate(subject, r.predicate, obj, r.span, r.confidence, **r.qualifiers)
