"""The layers point one way (graph <- ingest, queries <- web <- cli), and the check says so when
one does not: lint-imports fails on a backward import added to the tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports() -> subprocess.CompletedProcess:
    tool = Path(sys.executable).parent / "lint-imports"
    if not tool.exists() and shutil.which("lint-imports") is None:
        pytest.skip("import-linter is not installed")
    return subprocess.run([str(tool) if tool.exists() else "lint-imports", "--no-cache"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_the_layers_contract_holds_and_catches_a_backward_import() -> None:
    assert lint_imports().returncode == 0
    backward = ROOT / "graph" / "_backward_import_probe.py"
    backward.write_text("from plangraph.web import data  # noqa: F401 - the store reaching up\n")
    try:
        broken = lint_imports()
    finally:
        backward.unlink()
    assert broken.returncode != 0
    assert "plangraph.graph._backward_import_probe -> plangraph.web" in broken.stdout


def test_importing_the_store_layer_loads_no_layer_above_it() -> None:
    """Every module of `plangraph.graph` imported in a fresh interpreter: nothing of ingest,
    queries, the facade or the web comes with it (the package's names load lazily)."""
    code = ("import pkgutil, importlib, sys, plangraph.graph as g\n"
            "for m in pkgutil.iter_modules(g.__path__):\n"
            "    importlib.import_module('plangraph.graph.' + m.name)\n"
            "above = ('plangraph.ingest', 'plangraph.queries', 'plangraph.knowledge', 'plangraph.web', "
            "'plangraph.cli')\n"
            "print(sorted(n for n in sys.modules if n.startswith(above)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == "[]"
