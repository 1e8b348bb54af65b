"""plangraph: the plans of public-sector partnerships as one knowledge graph.

    >>> from plangraph import KnowledgeGraph
    >>> kg = KnowledgeGraph.memory()
    >>> results = kg.ingest(["plan.md"])            # doctest: +SKIP
    >>> kg.query("leads", element="Obesity")         # doctest: +SKIP
"""

from __future__ import annotations

from plangraph.graph.store import IngestResult, KnowledgeGraph, StoreError

__version__ = "0.1.0"
__all__ = ["IngestResult", "KnowledgeGraph", "StoreError", "__version__"]
