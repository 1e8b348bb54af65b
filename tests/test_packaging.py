"""The built wheel works on its own: installed in a fresh environment outside the checkout, it
ingests, answers a named query and serves (the editable install the other tests use would hide a
file missing from the package)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

import httpx
import pytest

from plangraph import __version__
from plangraph.web.testing import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def test_the_wheel_holds_the_files_ingest_and_serve_need(built: dict[str, Path]) -> None:
    names = set(zipfile.ZipFile(built["wheel"]).namelist())
    for needed in ("plangraph/ingest/extractors/first_names.txt", "plangraph/py.typed",
                   "plangraph/ontology/plangraph.ttl", "plangraph/ontology/shapes.ttl",
                   "plangraph/queries/leads.rq", "plangraph/web/templates/entity.html",
                   "plangraph/web/static/vendor/vis-network/vis-network.min.js",
                   "plangraph/web/static/vendor/codemirror/codemirror.js", "plangraph/data/leads.csv"):
        assert needed in names, needed
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert built["wheel"].name == f"plangraph-{__version__}-py3-none-any.whl"


def test_the_installed_wheel_ingests_queries_and_serves(built: dict[str, Path], tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh-env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(built["wheel"])],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    plangraph = env_dir / "bin" / "plangraph"
    work = tmp_path / "elsewhere"  # outside the checkout: nothing of the source tree on the path
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(plangraph), *args], capture_output=True, text=True, cwd=work, env=env,
                              timeout=600)

    assert run("--version").stdout.strip() == f"plangraph {__version__}"
    where = subprocess.run([str(python), "-c", "import plangraph; print(plangraph.__file__)"],
                           capture_output=True, text=True, cwd=work, env=env)
    assert str(env_dir) in where.stdout, where.stdout  # the wheel's copy, not the checkout
    plan = work / "plan.md"
    plan.write_text("# Brookfield Health Plan 2026-2029\n\n## Our priorities\n\n"
                    "1. Warm homes for older people\n2. Safer streets at night\n", encoding="utf-8")
    ingested = run("ingest", str(plan), "--store", "store")
    assert ingested.returncode == 0, ingested.stderr
    demo = run("demo", "--store", "demo-store")
    assert demo.returncode == 0, demo.stderr
    answer = run("query", "leads", "-p", "element=Healthy Weight", "--store", "demo-store", "-f", "json")
    assert answer.returncode == 0 and "leaderLabel" in answer.stdout, answer.stderr
    port = free_port()
    server = subprocess.Popen([str(plangraph), "serve", "--store", "demo-store", "--port", str(port)],
                              cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/id/harrowby/board/harrowby-health-and-wellbeing-board",
                                 timeout=5)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "the installed server did not answer"
                time.sleep(0.3)
        assert page.status_code == 200 and "answer-card" in page.text
        assert httpx.get(f"http://127.0.0.1:{port}/static/vendor/codemirror/codemirror.js").status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
