"""plangraph: the plans of public-sector partnerships as one knowledge graph.

    >>> from plangraph import KnowledgeGraph
    >>> kg = KnowledgeGraph.memory()
    >>> results = kg.ingest(["plan.md"])            # doctest: +SKIP
    >>> kg.query("leads", element="Obesity")         # doctest: +SKIP

The public names are loaded when first asked for, so importing one layer (`plangraph.graph`)
does not load the layers above it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plangraph.graph.store import StoreError
    from plangraph.ingest.results import IngestResult
    from plangraph.knowledge import KnowledgeGraph

__version__ = "0.1.0"
__all__ = ["IngestResult", "KnowledgeGraph", "StoreError", "__version__"]

_HOMES = {"KnowledgeGraph": "plangraph.knowledge", "IngestResult": "plangraph.ingest.results",
          "StoreError": "plangraph.graph.store"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'plangraph' has no attribute {name!r}")
