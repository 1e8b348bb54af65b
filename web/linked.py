"""The graph as Linked Data: RDF for every /id/ IRI, the Graph Store Protocol's read side, and
the SPARQL service's own description.

* `/id/…` answers HTML to a browser and RDF to a client that asks for it (`Accept:
  text/turtle`, `application/ld+json`, `application/n-triples`, `application/rdf+xml`, or
  `?format=`): the triples about the node in the union graph, both ways, and the labels of the
  nodes they name - so following an IRI gives data, as Linked Data should.
* `GET /store?graph=IRI` (or `?default`) returns one graph, `GET /store` the whole dataset
  (N-Quads or TriG), as Oxigraph's server does; writes are 405 (documents change by ingest).
* `GET /sparql` without a query returns an `sd:Service` description (SPARQL 1.1 Service
  Description): the endpoint, the language, the result formats, the union default graph.
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response

from plangraph.graph.namespaces import PREFIXES, PRIVATE
from plangraph.graph.terms import named_node
from plangraph.knowledge import KnowledgeGraph
from plangraph.web.sparql import FORMAT_NAMES, GRAPH_FORMATS, MEDIA_TYPES, RESULT_FORMATS, _accepted

router = APIRouter()

SD = "http://www.w3.org/ns/sparql-service-description#"
DATASET_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
RDF_MEDIA = {"text/turtle", "application/x-turtle", "application/n-triples", "application/ld+json",
             "application/rdf+xml", "application/n-quads", "application/trig"}
NO_WRITES = "the graph store is read-only here: documents change by `plangraph ingest` or an upload"


def rdf_format(accept: str | None, format_param: str | None = None) -> str | None:
    """The RDF format a client asked for (`format=` or Accept), or None when it prefers HTML or
    named no RDF type."""
    if format_param:
        picked = FORMAT_NAMES.get(format_param.strip().lower())
        return picked[1] if picked and picked[1] else None
    for media in _accepted(accept or ""):
        if media in ("text/html", "application/xhtml+xml", "*/*"):
            return None
        if media in RDF_MEDIA and MEDIA_TYPES.get(media, (None, None))[1]:
            return MEDIA_TYPES[media][1]
    return None


def _serialise(triples: list[ox.Triple], fmt: str) -> Response:
    rdf = GRAPH_FORMATS[fmt]
    prefixes = {**PREFIXES, "sd": SD}
    body = ox.serialize(triples, format=rdf, prefixes=prefixes if rdf != ox.RdfFormat.N_TRIPLES else None)
    return Response(body, media_type=rdf.media_type, headers={"Vary": "Accept"})


def entity_rdf(kg: KnowledgeGraph, iri: str, fmt: str) -> Response | None:
    """The node's triples, both ways, with the labels of the nodes they name (None: no node,
    which is also the answer for what is not an IRI)."""
    if (node := named_node(iri)) is None:
        return None
    query = """CONSTRUCT { ?n ?p ?o . ?o rdfs:label ?ol . ?s ?q ?n . ?s rdfs:label ?sl }
               WHERE { { ?n ?p ?o OPTIONAL { ?o rdfs:label ?ol } }
                       UNION { ?s ?q ?n OPTIONAL { ?s rdfs:label ?sl } } }"""
    triples = list(kg.raw_query(query, {"n": node}))  # the store knows the prefixes
    return _serialise(triples, fmt) if triples else None


@router.get("/store", summary="Graph Store Protocol (read): one graph, the default graph, or all",
            responses={200: {"content": {"text/turtle": {}, "application/n-quads": {},
                                         "application/trig": {}}},
                       404: {"description": "no such graph"}})
def graph_store(request: Request,
                graph: Annotated[str | None, Query(description="the IRI of one graph")] = None,
                default: Annotated[str | None, Query(description="present: the union graph")] = None,
                ) -> Response:
    """`?graph=IRI` a document's graph (or a derived one), `?default` the union of the documents,
    no parameter the whole dataset as N-Quads or TriG (by Accept). Read-only."""
    kg: KnowledgeGraph = request.app.state.kg
    accept = request.headers.get("accept")
    if graph is None and default is None:
        wanted = "trig" if "application/trig" in _accepted(accept or "") else "nquads"
        return Response(kg.export(wanted), media_type=DATASET_FORMATS[wanted].media_type,
                        headers={"Vary": "Accept"})
    fmt_name = rdf_format(accept) or "turtle"
    if graph is not None:
        if (named := named_node(graph)) is None:
            return PlainTextResponse(f"not a graph IRI: {graph}\n", status_code=400)
        if graph.startswith(PRIVATE) or not kg.raw_query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": named}):
            return PlainTextResponse(f"no graph <{graph}> in this store\n", status_code=404)
        triples = list(kg.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": named}))
    else:
        triples = list(kg.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    return _serialise(triples, fmt_name)


@router.api_route("/store", methods=["PUT", "POST", "DELETE", "PATCH"], include_in_schema=False)
def graph_store_writes() -> Response:
    return PlainTextResponse(NO_WRITES + "\n", status_code=405, headers={"Allow": "GET, HEAD"})


def service_description(request: Request) -> Response:
    """The endpoint's sd:Service, in the RDF format asked for (Turtle by default)."""
    endpoint = ox.NamedNode(str(request.base_url).rstrip("/") + "/sparql")
    service = ox.BlankNode()
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [ox.Triple(service, rdf_type, sd("Service")),
               ox.Triple(service, sd("endpoint"), endpoint),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("feature"), sd("UnionDefaultGraph"))]
    for fmt in RESULT_FORMATS.values():
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(fmt.iri)))
    for rdf in GRAPH_FORMATS.values():
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(rdf.iri)))
    dataset = ox.BlankNode()
    default = ox.BlankNode()
    triples += [ox.Triple(service, sd("defaultDataset"), dataset),
                ox.Triple(dataset, rdf_type, sd("Dataset")),
                ox.Triple(dataset, sd("defaultGraph"), default),
                ox.Triple(default, rdf_type, sd("Graph")),
                ox.Triple(default, ox.NamedNode(PREFIXES["rdfs"] + "comment"),
                          ox.Literal("the union of every document's graph, each triple once"))]
    return _serialise(triples, rdf_format(request.headers.get("accept")) or "turtle")
