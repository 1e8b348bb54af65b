"""Bringing a store written by an earlier version of plangraph up to date.

Each step asks the store whether it still has an old layout and, when it has, gives the SPARQL
Update that changes it. `Store` runs each before the next step asks, when it opens a store, so
a store of any earlier version reads as one written today. Every step is one update (atomic),
and asks first, so opening an up-to-date store costs a few ASK queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from plangraph.graph.namespaces import (
    DOC,
    EVIDENCE,
    GRAPH,
    PRIVATE,
    SPARQL_PREFIXES,
    STATEMENT_KEY,
    doc_iri,
    extraction_graph_iri,
    graph_iri,
    slug,
)

# A store written when each assertion quoted its own lines: one pg:Passage per quoted span, in the
# assertion's graph, which its assertions then point at (named from a hash of the span and quote).
_OLD_EVIDENCE = "?a a pg:Assertion ; prov:wasDerivedFrom ?d ; pg:lineStart ?s ; pg:lineEnd ?e ; pg:quote ?q"
PASSAGES_FROM_ASSERTIONS = f"""
INSERT {{ GRAPH ?g {{ ?a pg:passage ?p . ?p a pg:Passage ; prov:wasDerivedFrom ?d ; pg:lineStart ?s ;
                      pg:lineEnd ?e ; pg:quote ?q }} }}
WHERE {{ GRAPH ?g {{ {_OLD_EVIDENCE} }}
         BIND(SHA1(CONCAT(STR(?s), " ", STR(?e), " ", ?q)) AS ?h)
         BIND(IRI(CONCAT(STR(?g), "{EVIDENCE}p-", SUBSTR(?h, 1, 16))) AS ?p) }} ;
DELETE {{ GRAPH ?g {{ ?a prov:wasDerivedFrom ?d ; pg:lineStart ?s ; pg:lineEnd ?e ; pg:quote ?q }} }}
WHERE {{ GRAPH ?g {{ {_OLD_EVIDENCE} }} }}"""

# Every assertion's `pg:statement` key, in its graph
STATEMENT_KEYS = f"""
INSERT {{ GRAPH ?g {{ ?a pg:statement ?key }} }}
WHERE {{ GRAPH ?g {{ ?a a pg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }}
         BIND({STATEMENT_KEY} AS ?key) }}"""

# Alignment nodes named as evidence of their graph (and so out of the union): the same hash
ALIGNMENTS_AS_EVIDENCE = f"""
DELETE {{ GRAPH ?g {{ ?al ?p ?o }} }} INSERT {{ GRAPH ?g {{ ?new ?p ?o }} }}
WHERE {{ GRAPH ?g {{ ?al a pg:Alignment ; ?p ?o }} FILTER(!CONTAINS(STR(?al), "{EVIDENCE}"))
         BIND(IRI(CONCAT(STR(?g), "{EVIDENCE}", STRAFTER(STR(?al), CONCAT(STR(?g), "/")))) AS ?new) }}"""

# One graph moved to its new name, its document and evidence IRIs renamed on the way
_RENAME_GRAPH = """DELETE {{ GRAPH {old} {{ ?s ?p ?o }} }} INSERT {{ GRAPH {new} {{ ?s2 ?p ?o2 }} }}
WHERE {{ {table} GRAPH {old} {{ ?s ?p ?o }}
  BIND(IF(sameTerm(?s, ?oldD), ?newD, IF(STRSTARTS(STR(?s), CONCAT(STR(?oldG), "/")),
          IRI(CONCAT(STR(?newG), STRAFTER(STR(?s), STR(?oldG)))), ?s)) AS ?s2)
  BIND(IF(sameTerm(?o, ?oldD), ?newD, IF(isIRI(?o) && STRSTARTS(STR(?o), CONCAT(STR(?oldG), "/")),
          IRI(CONCAT(STR(?newG), STRAFTER(STR(?o), STR(?oldG)))), ?o)) AS ?o2) }}"""


def upgrades(ask: Callable[[str], Any], union: bool) -> Iterator[str]:
    """The updates a store still needs, each given once the one before it has run. `ask` runs a
    query on the store; `union` says whether plangraph keeps the union default graph itself."""
    renaming = _renamed_documents(ask(
        "SELECT ?g ?f WHERE { GRAPH ?g { ?d a pg:SourceDocument ; pg:fileName ?f } }"), union)
    if renaming:
        yield renaming
    if ask("ASK { GRAPH ?g { ?a a pg:Assertion } }") and not ask("ASK { GRAPH ?g { ?a pg:statement ?k } }"):
        yield SPARQL_PREFIXES + STATEMENT_KEYS
    if ask("ASK { GRAPH ?g { ?a a pg:Assertion ; pg:quote ?q } }"):
        yield SPARQL_PREFIXES + PASSAGES_FROM_ASSERTIONS
    if union and ask("ASK { ?a a pg:Assertion }"):  # written before the evidence left the union
        yield SPARQL_PREFIXES + "DELETE { ?s ?p ?o } WHERE { ?s a pg:Assertion ; ?p ?o }"
    if ask(f'ASK {{ GRAPH ?g {{ ?al a pg:Alignment }} FILTER(!CONTAINS(STR(?al), "{EVIDENCE}")) }}'):
        # written before the alignment nodes left the union
        leave = "DELETE WHERE { ?al a pg:Alignment ; ?p ?o } ;\n" if union else ""
        yield SPARQL_PREFIXES + leave + ALIGNMENTS_AS_EVIDENCE


def _renamed_documents(rows: Any, union: bool) -> str:
    """Documents stored under an earlier naming (a slug of the file name that dropped case,
    punctuation and non-ASCII letters, so that two files could share one graph) get the IRIs of
    `graph_iri`: their graph, evidence, source node and kept extraction, in one update ("" when
    none is). The elements they name are renamed by the next settling, with redirects."""
    moves = [(row["g"].value, row["f"].value) for row in rows  # not an import's one graph
             if row["g"].value == GRAPH + slug(row["f"].value, 80) != graph_iri(row["f"].value)]
    if not moves:
        return ""
    values = "".join(f"(<{old}> <{graph_iri(name)}> <{DOC + old.removeprefix(GRAPH)}> <{doc_iri(name)}> "
                     f"<{PRIVATE}extraction/{old.removeprefix(GRAPH)}> <{extraction_graph_iri(name)}>)\n"
                     for old, name in moves)
    table = f"VALUES (?oldG ?newG ?oldD ?newD ?oldE ?newE) {{\n{values}}}"
    renamed = [_RENAME_GRAPH.format(table=table, old=old, new=new) for old, new in
               (("?oldG", "?newG"), ("?oldE", "?newE"))]
    renamed.append(f"DELETE {{ GRAPH ?g {{ ?s ?p ?oldD }} }} INSERT {{ GRAPH ?g {{ ?s ?p ?newD }} }}\n"
                   f"WHERE {{ {table} GRAPH ?g {{ ?s ?p ?oldD }} }}")
    if union:
        renamed += [f"DELETE {{ ?s ?p ?oldD }} INSERT {{ ?s ?p ?newD }} WHERE {{ {table} ?s ?p ?oldD }}",
                    f"DELETE {{ ?oldD ?p ?o }} INSERT {{ ?newD ?p ?o }} WHERE {{ {table} ?oldD ?p ?o }}"]
    return " ;\n".join(renamed)
