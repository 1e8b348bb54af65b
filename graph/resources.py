"""Files shipped inside the package: the ontology, the SHACL shapes, the demo data."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_root() -> Path:
    return Path(str(files("plangraph")))


def ontology_path(name: str = "plangraph.ttl") -> Path:
    return package_root() / "ontology" / name


def demo_data_dir() -> Path:
    return package_root() / "data"


def demo_files() -> list[Path]:
    """The demo partnership's documents (the folder's README describes them, it is not one)."""
    return sorted(p for p in demo_data_dir().iterdir()
                  if p.is_file() and p.name != "README.md" and not p.name.startswith("."))
