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
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph SPARQL server (PyPI package `oxigraph`) on 127.0.0.1, for the remote backend."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    # The test extra installs it next to this interpreter, which need not be on PATH (make test).
    beside = Path(sys.executable).parent / "oxigraph"
    binary = str(beside) if beside.exists() else shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    location = tmp_path_factory.mktemp("oxigraph-server")
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the oxigraph server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


VIRTUOSO_INI = "/etc/virtuoso-opensource-7/virtuoso.ini"


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A real Virtuoso (Debian's virtuoso-opensource-7, which .ci/run installs) on 127.0.0.1:
    its own database in a temporary folder, its SPARQL endpoint allowed to update. An engine
    whose default graph is the union of its graphs (see graph/backends.RemoteBackend)."""
    import re
    import shutil
    import subprocess
    import time

    import httpx

    from plangraph.web.testing import free_port

    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None or not Path(VIRTUOSO_INI).exists():
        pytest.skip("Virtuoso (apt-get install virtuoso-opensource-7) is not installed")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    config = Path(VIRTUOSO_INI).read_text()
    config = config.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    config = re.sub(r"(?m)^ServerPort(\s*)=\s*1111$", rf"ServerPort\g<1>= {sql_port}", config)
    config = re.sub(r"(?m)^ServerPort(\s*)=\s*8890$", rf"ServerPort\g<1>= {http_port}", config)
    (folder / "virtuoso.ini").write_text(config)
    proc = subprocess.Popen([binary, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
                            cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/sparql"
    for _ in range(300):
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("Virtuoso did not start")
    granted = subprocess.run([isql, str(sql_port), "dba", "dba", 'exec=grant SPARQL_UPDATE to "SPARQL";'],
                             capture_output=True, text=True, timeout=60)
    assert granted.returncode == 0, granted.stdout + granted.stderr
    yield url
    proc.terminate()
    proc.wait(timeout=30)


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
