"""Shared fixtures: the real seed documents (skipped when absent), the demo data, stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plangraph import KnowledgeGraph
from plangraph.graph.resources import demo_data_dir, demo_files

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PLANGRAPH_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"


def seed_path(prefix: str) -> Path:
    """A real seed document by its number ('000'), or skip the test when seeds are absent."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip(f"seed document {prefix} not available under {SEEDS}")
    return matches[0]


@pytest.fixture(scope="session")
def seed():
    """`seed("000")`: the path of a real seed document, or skip when seeds are absent."""
    return seed_path


@pytest.fixture
def kg() -> KnowledgeGraph:
    """An empty in-memory store."""
    return KnowledgeGraph.memory()


@pytest.fixture
def disk_kg(tmp_path: Path):
    """An empty on-disk store in a temporary directory."""
    graph = KnowledgeGraph.open(tmp_path / "store")
    yield graph
    graph.close()


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return demo_data_dir()


@pytest.fixture(scope="session")
def demo_kg() -> KnowledgeGraph:
    """The demo partnership ingested once per session (read-only use, please)."""
    graph = KnowledgeGraph.memory()
    results = graph.ingest(demo_files())
    assert all(r.ok for r in results), [r.message for r in results if not r.ok]
    return graph
