"""Convert Oxigraph terms to plain Python values and back."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from plangraph.graph.namespaces import XSD

_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                               "positiveInteger")}
_FLOATS = {XSD + t for t in ("decimal", "double", "float")}


def named_node(iri: str) -> ox.NamedNode | None:
    """The IRI as a term, or None when it is not an IRI at all (a space, a '<'): what a request
    or a typed address may hold, and no node of the store has."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def decimal(value: float, places: int) -> ox.Literal:
    """An xsd:decimal rounded to `places`, written as the store keeps it (no trailing zeros:
    "0.63", "1"), so a graph read back compares equal to the one that was written."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return ox.Literal("0" if text in ("", "-0") else text, datatype=ox.NamedNode(XSD + "decimal"))


def line_range(start: Any, end: Any) -> str:
    """How a span of lines is shown: '12', or '12-14'."""
    return str(start) if start == end else f"{start}-{end}"


def term_to_python(term: ox.Term | None) -> Any:
    """IRIs and blank nodes as strings, numbers as numbers, other literals as text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _FLOATS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return term.value
