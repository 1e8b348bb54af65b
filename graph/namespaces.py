"""IRIs: the vocabularies plangraph speaks and the way it names its own nodes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph as ox

BASE = "https://w3id.org/plangraph/"  # every IRI plangraph mints begins so
PG = "https://w3id.org/plangraph/ontology#"
ID = "https://w3id.org/plangraph/id/"
DOC = "https://w3id.org/plangraph/doc/"
GRAPH = "https://w3id.org/plangraph/graph/"
DERIVED = "https://w3id.org/plangraph/derived/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "pg": PG, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL, "skos": SKOS, "foaf": FOAF,
    "org": ORG, "prov": PROV, "dcterms": DCTERMS,
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

# The classes extraction produces, by the short name the extractors use.
CLASSES = {
    "Plan": PG + "Plan",
    "Outcome": PG + "Outcome",
    "Priority": PG + "Priority",
    "Action": PG + "Action",
    "Indicator": PG + "Indicator",
    "Principle": PG + "Principle",
    "Recommendation": PG + "Recommendation",
    "Board": PG + "Board",
    "Organisation": PG + "Organisation",
    "Person": FOAF + "Person",
    "Post": ORG + "Post",
    "Meeting": PG + "Meeting",
    "Decision": PG + "Decision",
    "Observation": PG + "Observation",
    "Membership": ORG + "Membership",
}

# The W3C types each class also carries, so tools that know ORG or FOAF but not plangraph's
# ontology find boards and organisations without a reasoner (the ontology says the same with
# rdfs:subClassOf), and the standard name terms a label is repeated under.
STANDARD_TYPES = {
    "Board": (ORG + "OrganizationalUnit", ORG + "Organization"),
    "Organisation": (ORG + "Organization",),
}
LABEL_TERMS = {"Person": FOAF + "name", "Plan": DCTERMS + "title"}  # and skos:prefLabel for all

# Relations by the short name extractors use.
PREDICATES = {
    "partOf": PG + "partOf",
    "parent": PG + "parent",
    "measures": PG + "measures",
    "contributesTo": PG + "contributesTo",
    "ledBy": PG + "ledBy",
    "references": PG + "references",
    "incorporates": PG + "incorporates",
    "replaces": PG + "replaces",
    "buildsOn": PG + "buildsOn",
    "publishedBy": PG + "publishedBy",
    "concerns": PG + "concerns",
    "alignedWith": PG + "alignedWith",
    "reportsTo": ORG + "reportsTo",
    "memberOf": ORG + "memberOf",
    "holds": ORG + "holds",
    "postIn": ORG + "postIn",
    "ofBoard": PG + "ofBoard",
    "attendee": PG + "attendee",
    "apologiesFrom": PG + "apologiesFrom",
    "absentee": PG + "absentee",
    "inAttendance": PG + "inAttendance",
    "presenter": PG + "presenter",
    "substituteFor": PG + "substituteFor",
    "decision": PG + "decision",
    "proposedBy": PG + "proposedBy",
    "secondedBy": PG + "secondedBy",
    "observation": PG + "observation",
    "ofIndicator": PG + "ofIndicator",
    "theme": PG + "theme",
    "member": ORG + "member",
    "organization": ORG + "organization",
}


def slug(text: str, limit: int = 60) -> str:
    """A readable, stable IRI segment: ascii, lower case, hyphens; hashed tail if cut."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"[^a-zA-Z0-9]+", "-", plain.lower()).strip("-") or "x"
    if len(plain) <= limit:
        return plain
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    return plain[:limit].rstrip("-") + "-" + digest


def short_hash(*parts: object, size: int = 16) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:size]


@lru_cache(maxsize=1 << 16)  # a named query asks for the same keys run after run
def statement_key(subject: str, predicate: str, obj: str) -> str:
    """What an assertion states, as one indexable literal: the first 16 hex digits of the
    SHA-1 of 'subject predicate object' (IRIs, or a literal's text). Also in SPARQL: see
    `STATEMENT_KEY`."""
    return hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:16]


# `statement_key` in SPARQL, for ?s ?p ?o
STATEMENT_KEY = 'SUBSTR(SHA1(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o))), 1, 16)'


_PLAIN_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+")


def document_slug(file_name: str) -> str:
    """A document's IRI segment, one for each file name. A plain name (lower case, digits,
    single hyphens, one extension: `youth-plan-2024.md`) reads as itself (`youth-plan-2024-md`);
    any other name keeps its slug and, after "--" (which no plain name's segment holds), a hash
    of the exact name, so `Plan A.md` and `plan-a.md`, or `計画.md` and `план.md`, are two
    documents, not one replacing the other."""
    if len(file_name) <= 80 and _PLAIN_NAME.fullmatch(file_name):
        return file_name.replace(".", "-")
    return slug(file_name, 60) + "--" + short_hash(file_name, size=12)


def doc_iri(file_name: str) -> str:
    return DOC + document_slug(file_name)


def graph_iri(file_name: str) -> str:
    return GRAPH + document_slug(file_name)


EVIDENCE = "/evidence/"  # an evidence node's IRI: its graph's IRI, this, then a hash


def evidence_iri(graph: str, key: str) -> str:
    """The IRI of a node that says why a statement holds: an assertion of a document graph, an
    alignment of the derived graph."""
    return graph + EVIDENCE + key


def in_union(quad: ox.Quad) -> bool:
    """Whether a graph's quad also goes into the union default graph: its statements do, its
    evidence (assertion nodes, four to five times as many quads; alignment nodes, three times
    the links they explain) stays in its own graph, where the pages, the named queries and
    `Store.evidence` read it (GRAPH ?g)."""
    subject = quad.subject.value
    return not (subject.startswith((GRAPH, DERIVED)) and EVIDENCE in subject)


# SPARQL filter on ?s in GRAPH ?g that keeps what `in_union` keeps
UNION_FILTER = (f'FILTER(!((STRSTARTS(STR(?s), "{GRAPH}") || STRSTARTS(STR(?s), "{DERIVED}")) '
                f'&& CONTAINS(STR(?s), "{EVIDENCE}")))')


# Graphs the store keeps for itself, outside the union default graph: each file's extraction
# (so identity can be decided again for the whole set, see `ingest.replay`) and the state of
# the last settlement.
PRIVATE = GRAPH + "private/"
SETTLED_GRAPH = PRIVATE + "settled"
REDIRECTS_GRAPH = PRIVATE + "redirects"  # owl:sameAs from IRIs retired by later merges
LOADING_GRAPH = PRIVATE + "loading"  # the graphs a bulk load is writing, while it writes them


def extraction_graph_iri(file_name: str) -> str:
    return PRIVATE + "extraction/" + document_slug(file_name)
