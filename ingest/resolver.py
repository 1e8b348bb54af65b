"""Identity: which node each extracted entity is.

Elements of a plan (outcomes, indicators, actions...) belong to one document and are named
after it. People, boards, organisations, posts and plans are shared: the same name in the same
area (authority) is the same node wherever it appears, so a person named in a plan and in the
minutes of its board is one node. Two bodies with the same name in different areas stay apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plangraph.graph.namespaces import ID, slug
from plangraph.ingest.facts import SHARED_CLASSES, Facts

if TYPE_CHECKING:
    from plangraph.graph.store import KnowledgeGraph


def area_slug(area: str | None) -> str:
    return slug(area) if area else "any"


class Resolver:
    """Maps fact keys to node IRIs, consulting the store's existing nodes where given."""

    def __init__(self, kg: KnowledgeGraph | None = None) -> None:
        self.kg = kg

    def resolve(self, facts: Facts, doc_name: str) -> tuple[dict[str, str], dict[str, str]]:
        """Return (key -> IRI, key -> canonical label) for every entity in `facts`."""
        doc = slug(doc_name, 80)
        scope = area_slug(facts.area)
        iris: dict[str, str] = {}
        for key, ent in facts.entities.items():
            local = key.split(":", 1)[1] if ":" in key else key
            kind = ent.cls.lower()
            if ent.cls in SHARED_CLASSES:
                iris[key] = f"{ID}{scope}/{kind}/{slug(local, 90)}"
            else:
                iris[key] = f"{ID}{doc}/{kind}/{slug(local, 90)}"
        return iris, {}
