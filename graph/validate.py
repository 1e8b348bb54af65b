"""SHACL validation of the whole store against `ontology/shapes.ttl` (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from plangraph.graph.resources import ontology_path
from plangraph.graph.store import Store

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    shape: str


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def summary(self, limit: int = 20) -> str:
        if self.conforms:
            return "The graph conforms to the plangraph shapes."
        lines = [f"{len(self.violations)} violation(s) of the plangraph shapes:"]
        for v in self.violations[:limit]:
            lines.append(f"  - {v.focus}  {v.path}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def union_graph(kg: Store) -> Graph:
    """The union of every named graph as one rdflib graph."""
    data = kg.export("ntriples")
    g = Graph()
    g.parse(data=data, format="nt")
    return g


def validate(kg: Store) -> ValidationReport:
    """Validate the union of all graphs, with the ontology merged in for subclass reasoning."""
    from pyshacl import validate as shacl_validate

    data = union_graph(kg)
    data.parse(ontology_path("plangraph.ttl"), format="turtle")
    shapes = Graph().parse(ontology_path("shapes.ttl"), format="turtle")
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none",
                                         advanced=True, allow_warnings=True)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        violations.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=_short(report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            shape=str(report.value(result, SH.sourceShape)),
        ))
    violations.sort(key=lambda v: (v.message, v.focus))
    return ValidationReport(bool(conforms), violations)


def _short(term: object) -> str:
    from plangraph.graph.store import shorten

    return shorten(str(term)) if term is not None else ""
