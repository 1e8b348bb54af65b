"""The synthetic corpus generator (benchmarks/corpus.py): deterministic, scalable, ingestible."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from plangraph import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent


def _load_corpus():
    name = "plangraph_benchmarks_corpus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while the class is built
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path):
    first = corpus.generate(tmp_path / "a", plans=12, authorities=3, seed=7)
    again = corpus.generate(tmp_path / "b", plans=12, authorities=3, seed=7)
    corpus.generate(tmp_path / "c", plans=12, authorities=3, seed=8)
    assert first == again
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert a == b
    assert a != c
    # not merely renamed: the documents themselves differ
    assert sorted(a.values()) != sorted(c.values())


def test_counts_scale_with_the_number_of_plans(tmp_path: Path):
    small = corpus.generate(tmp_path / "small", plans=4, authorities=2)
    large = corpus.generate(tmp_path / "large", plans=40, authorities=2)
    wider = corpus.generate(tmp_path / "wider", plans=40, authorities=5)
    for stats, folder in ((small, "small"), (large, "large"), (wider, "wider")):
        docs = [p for p in (tmp_path / folder).rglob("*") if p.is_file() and not p.name.startswith(".")]
        assert stats.files == len(docs)
        assert stats.bytes == sum(p.stat().st_size for p in docs)
        # a plan comes with its papers: a CYPP with a lead table and a report, a strategy with minutes
        assert 2 * stats.plans <= stats.files <= 3 * stats.plans
        for doc in docs:
            if doc.suffix == ".md":
                assert 2_000 < doc.stat().st_size < 16_000, doc.name
    assert (small.plans, large.plans) == (4, 40)
    assert large.files == 10 * small.files
    assert large.bytes > 8 * small.bytes
    # the cast belongs to the authorities, not to the plans
    assert (small.authorities, small.people, small.boards) == (2, large.people, large.boards)
    assert wider.authorities == 5 and wider.people > large.people and wider.boards > large.boards
    assert len(list((tmp_path / "wider").iterdir())) == 5 + 1  # a folder per authority + .corpus.json


def test_cli_prints_the_stats(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    corpus.main([str(tmp_path / "out"), "--plans", "3", "--authorities", "1", "--seed", "2"])
    out = capsys.readouterr().out
    assert "3 plans" in out and "1 authorities" in out
    assert (tmp_path / "out" / ".corpus.json").is_file()


@pytest.fixture(scope="module")
def tiny_kg(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("corpus")
    stats = corpus.generate(out, plans=4, authorities=2, seed=0)
    kg = KnowledgeGraph.memory()
    results = kg.ingest([out])
    return stats, results, kg


def test_a_tiny_corpus_ingests_completely(tiny_kg):
    stats, results, kg = tiny_kg
    assert len(results) == stats.files == 10  # .corpus.json is skipped: its name starts with a dot
    assert all(r.ok for r in results), [(r.file, r.message) for r in results if not r.ok]
    areas = {d["fileName"].split("-")[0]: d["area"] for d in kg.stats()["documents"]}
    assert len(set(areas.values())) == 2 and None not in areas.values()  # every file found its area
    classes = kg.stats()["classes"]
    for cls in ("pg:Plan", "pg:Outcome", "pg:Indicator", "pg:Priority", "pg:Action", "foaf:Person",
                "pg:Board", "pg:Observation", "pg:Principle", "pg:Recommendation"):
        assert classes.get(cls, 0) > 0, cls


def test_people_recur_across_the_documents_of_one_authority(tiny_kg):
    _, _, kg = tiny_kg
    rows = kg.sparql(
        "SELECT ?p (COUNT(DISTINCT ?d) AS ?n) WHERE { ?p a foaf:Person ; prov:wasDerivedFrom ?d } "
        "GROUP BY ?p HAVING (COUNT(DISTINCT ?d) > 1)")
    assert len(rows) >= 10
    # both authorities have people named in several of their documents
    scopes = {row["p"].split("/id/")[1].split("/")[0] for row in rows}
    assert len(scopes) == 2


def test_boards_with_the_same_name_in_two_authorities_stay_apart(tiny_kg):
    _, _, kg = tiny_kg
    shared = kg.sparql(
        "SELECT ?label (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b a pg:Board ; rdfs:label ?label } "
        "GROUP BY ?label HAVING (COUNT(DISTINCT ?b) > 1)")
    assert shared, "no board name is used by both authorities"
    crossing = kg.sparql(
        "SELECT DISTINCT ?b WHERE { ?b a pg:Board ; prov:wasDerivedFrom ?d1, ?d2 . "
        "?d1 pg:area ?a1 . ?d2 pg:area ?a2 FILTER(?a1 != ?a2) }")
    assert crossing == []
