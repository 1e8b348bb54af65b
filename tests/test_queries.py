"""Named queries: declared as files, bound safely, resolving labels, answering the users'
questions on the real seed documents (answers checked by reading the documents)."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pyoxigraph as ox
import pytest

from plangraph import KnowledgeGraph
from plangraph.graph.namespaces import ID
from plangraph.graph.sparqltext import bind, inline_lateral
from plangraph.queries import AmbiguousParameter, QueryError, load_queries

REQUIRED = {
    "strategies-for-outcome": {"outcome"}, "outcome-thread": {"plan"}, "leads": {"element"},
    "indicator-owners": {"indicator"}, "related-plans": {"indicator"}, "reporting-lines": {"board"},
    "board-members": {"board"}, "person-portfolio": {"person"}, "accountability-gaps": set(),
    "plan-changes": {"from", "to"}, "search": {"text"},
}


def test_every_query_file_declares_title_description_and_typed_parameters():
    queries = load_queries()
    assert REQUIRED.keys() <= queries.keys()
    for name, required in REQUIRED.items():
        q = queries[name]
        assert q.title and q.description, name
        assert {p.name for p in q.params if p.required} == required, name


@pytest.fixture(scope="module")
def seeds(seed) -> KnowledgeGraph:
    kg = KnowledgeGraph.memory()
    results = kg.ingest([seed(n) for n in ("000", "001", "002", "004")])
    assert all(r.ok for r in results)
    return kg


def test_who_leads_the_obesity_priority_of_the_2009_11_plan(seeds):
    frame = seeds.query("leads", element="Prevent and tackle the rising levels of obesity")
    rows = {(r.leaderLabel, r.role) for r in frame.itertuples()}
    assert ("Barbara Brady", "strategic lead") in rows
    assert ("Fiona Callaghan", "operational lead") in rows
    assert ("Tackling Obesity Strategic Group", "strategic group") in rows
    assert frame["quote"].str.contains("Barbara Brady").any()


def test_what_the_childrens_trust_reports_to(seeds):
    frame = seeds.query("reporting-lines", board="Nottinghamshire Children's Trust")
    up = frame[frame.direction == "up"]
    assert "Nottinghamshire Health and Wellbeing Board" in set(up.reportsToLabel) or \
        any("Health and Wellbeing Board" in label for label in up.reportsToLabel)
    assert up["quote"].str.contains("reports to").any()


def test_which_actions_feed_the_disabled_children_priority(seeds):
    frame = seeds.query("strategies-for-outcome",
                        outcome="Improve the effectiveness of services for disabled children")
    actions = set(frame[frame.kind == "Action"].feederLabel.str.lower())
    assert "develop an integrated children and young people's community healthcare programme" in actions
    assert "continue work to implement the autistic spectrum disorder pathway" in actions
    assert any(a.startswith("establish the integrated commissioning hub") for a in actions)


def test_outcome_thread_lists_outcomes_and_their_indicators(seeds):
    frame = seeds.query("outcome-thread", plan="Children and Young People's Plan 2016-2020")
    outcomes = frame[frame.level == "Outcome"]
    assert len(outcomes) == 15
    safe = frame[(frame.level == "Indicator") & frame.measures.str.contains("are safe")]
    assert len(safe) == 7


def test_board_members_and_person_portfolio(seeds):
    members = seeds.query("board-members", board="Nottinghamshire Children's Trust")
    assert "Nottinghamshire Police" in set(members.memberLabel)
    portfolio = seeds.query("person-portfolio", person="Rob Skelton")
    assert (portfolio.relation == "leads").sum() >= 5


def test_indicator_owners_with_a_note_when_nobody_is_named(seeds):
    owners = seeds.query("indicator-owners", indicator="Under 18 conception rate (Nottingham Plan target)")
    assert not owners.empty
    assert owners["note"].str.contains("nobody is named").all()


def test_accountability_gaps_and_search(seeds):
    gaps = seeds.query("accountability-gaps", n=3)
    assert {"nobody leads it", "indicator with no data"} <= set(gaps.gap)
    hits = seeds.query("search", text="teenage pregnancy")
    assert hits.iloc[0]["score"] >= hits.iloc[-1]["score"]
    assert hits["label"].str.lower().str.contains("teenage pregnancy").any()


def test_an_ambiguous_label_lists_candidates_instead_of_guessing(seeds):
    with pytest.raises(AmbiguousParameter) as info:  # two areas' boards of that very name
        seeds.query("reporting-lines", board="Local Safeguarding Children Board")
    assert len(info.value.candidates) >= 2


@pytest.mark.parametrize("payload", [
    'x" } UNION { ?s ?p ?o } #',
    "x' . ?s ?p ?o } #",
    "} UNION { ?a ?b ?c",
    'Obesity\\" } ; DROP ALL ; #',
])
def test_parameters_are_bound_not_pasted(demo_kg, payload):
    hits = demo_kg.query("search", text=payload)
    assert len(hits) <= 20  # a search, not the whole graph
    with pytest.raises(QueryError):
        demo_kg.query("leads", element=payload + " no such thing at all qqq")
    text = bind("SELECT ?x WHERE { ?x rdfs:label ?label }", {"label": ox.Literal(payload)})
    rows = demo_kg.sparql("SELECT ?x WHERE { ?x rdfs:label ?label }", {"label": ox.Literal(payload)})
    assert rows == [] and "UNION" not in text.split("VALUES", 1)[0]


def test_bound_values_open_every_group_but_sub_queries_minus_and_values_data(demo_kg):
    query = """SELECT ?x WHERE {
      { ?x pg:ledBy ?who } UNION { ?x pg:partOf ?plan . FILTER NOT EXISTS { ?x pg:ledBy ?y } }
      OPTIONAL { ?x rdfs:label "a { brace" } VALUES ?t { pg:Plan }
      MINUS { ?x a pg:Board } { SELECT ?x WHERE { ?x a ?t } }
    }"""
    text = bind(query, {"who": ox.NamedNode("http://example.org/p")})
    assert text.count("VALUES (?who)") == 5  # the WHERE, both branches, FILTER NOT EXISTS, OPTIONAL
    assert '"a { brace"' in text and "VALUES ?t { pg:Plan }" in text
    assert "MINUS { ?x" in text and "{ SELECT ?x WHERE { ?x a ?t } }" in text
    who = ox.NamedNode(ID + "harrowby/person/catherine-ashdown")
    outer_only = query.replace("WHERE {", f"WHERE {{ VALUES (?who) {{ ({who}) }}", 1)
    as_bound = demo_kg.sparql(query, {"who": who})
    assert as_bound and sorted(map(str, as_bound)) == sorted(map(str, demo_kg.sparql(outer_only)))


def test_lateral_groups_take_no_values_block_and_inline_for_a_sparql_1_1_service(demo_kg):
    query = """SELECT ?x ?label ?plan WHERE {
      ?x pg:ledBy ?who .
      LATERAL { ?x rdfs:label ?label . OPTIONAL { ?x pg:partOf ?p . ?p rdfs:label "}" } }
      OPTIONAL { ?x pg:partOf ?plan }
    }"""
    who = ox.NamedNode(ID + "harrowby/person/catherine-ashdown")
    text = bind(query, {"who": who})
    assert text.count("VALUES (?who)") == 2  # the WHERE and the OPTIONAL, not inside LATERAL
    inlined = inline_lateral(query)
    assert "LATERAL" not in inlined
    assert '?x rdfs:label ?label . OPTIONAL { ?x pg:partOf ?p . ?p rdfs:label "}" } \n' in inlined
    rows = sorted(map(str, demo_kg.sparql(query, {"who": who})))
    assert rows and rows == sorted(map(str, demo_kg.sparql(inlined, {"who": who})))


def test_an_iri_parameter_cannot_break_out(demo_kg):
    with pytest.raises(QueryError, match="no entity"):
        demo_kg.query("leads", element="http://x> } UNION { ?s ?p ?o")


def test_unknown_query_and_parameter_are_clear_errors(demo_kg):
    with pytest.raises(QueryError, match="no query called"):
        demo_kg.query("nope")
    with pytest.raises(QueryError, match="takes no parameter"):
        demo_kg.query("search", text="x", colour="blue")
    with pytest.raises(QueryError, match="must be an integer"):
        demo_kg.query("accountability-gaps", n="many")


@pytest.mark.slow
def test_cli_query_formats(tmp_path):
    store = str(tmp_path / "store")
    run = [sys.executable, "-m", "plangraph"]
    assert subprocess.run([*run, "demo", "--store", store], capture_output=True).returncode == 0
    out = subprocess.run([*run, "query", "search", "-p", "text=Ashdown", "--store", store,
                          "--format", "json"], capture_output=True, text=True)
    rows = json.loads(out.stdout)
    assert rows and rows[0]["label"] == "Catherine Ashdown"
    xlsx = tmp_path / "gaps.xlsx"
    done = subprocess.run([*run, "query", "accountability-gaps", "--store", store, "--format", "xlsx",
                           "-o", str(xlsx)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not pd.read_excel(xlsx).empty
    ambiguous = subprocess.run([*run, "query", "leads", "-p", "element=Emotional Health", "--store", store],
                               capture_output=True, text=True)
    assert ambiguous.returncode == 2 and "did you mean one of" in ambiguous.stderr


def test_a_common_word_does_not_make_search_score_every_label(monkeypatch):
    """Thousands of labels share 'health': the few that share most words are scored, and the
    one asked for still comes first."""
    from plangraph.graph import labels

    entries = {f"http://x/{i}": labels.Entry(f"http://x/{i}", f"Health {word} team {i}")
               for i, word in enumerate(["visiting", "protection", "watch"] * 700)}
    entries["http://x/best"] = labels.Entry("http://x/best", "Health and Wellbeing Board")
    for entry in entries.values():
        entry.names = {labels.comparable(entry.label)}
        entry.types = {"pg:Board"}
    index = labels.LabelIndex(entries)
    scored = []
    monkeypatch.setattr(labels.fuzz, "ratio", lambda a, b: scored.append(b) or 0)
    monkeypatch.setattr(labels, "FUZZY_POOL", 50)
    hits = index.search("health and wellbeing board")
    assert hits[0].iri == "http://x/best"
    assert len(scored) <= 50


def test_a_line_restated_in_many_documents_is_a_row_with_a_few_quotes(tmp_path):
    from plangraph.queries import EVIDENCE_PER_ROW

    for i in range(EVIDENCE_PER_ROW + 3):
        (tmp_path / f"minutes-{i}.md").write_text(
            f"# Minutes of the Ashdale Youth Forum, meeting {i}\n\n"
            "The Ashdale Youth Forum reports to the Ashdale Children's Partnership Board.\n")
    kg = KnowledgeGraph.memory()
    kg.ingest([tmp_path], refresh=False)
    rows = kg.query("reporting-lines", board="Ashdale Youth Forum")
    assert len(rows) == EVIDENCE_PER_ROW
    assert rows["document"].tolist() == [f"minutes-{i}.md" for i in range(EVIDENCE_PER_ROW)]


def test_board_members_carry_their_term_and_the_line_that_says_so(tmp_path, kg):
    page = tmp_path / "board.md"
    page.write_text("# Ostery Library Board\n\n## Board members\n\n| Name | Role | Term |\n"
                    "| --- | --- | --- |\n| Ruth Alder | Chair | April 2025 - March 2027 |\n"
                    "| Sam Quill | Treasurer | 2026 |\n\n## Past members\n\n| Name | Role | Term |\n"
                    "| --- | --- | --- |\n| Tom Ash | Member | 2019 - 2023 |\n"
                    "| Una Bell | Member | 2020 - 2024 |\n",
                    encoding="utf-8")
    kg.ingest([page])
    members = kg.query("board-members", board="Ostery Library Board")
    ruth = members[members.memberLabel == "Ruth Alder"].iloc[0]
    assert ruth.during == "April 2025 - March 2027" and ruth.document == "board.md" and ruth.lines == "7"
    assert "Ruth Alder" in ruth.quote and ruth.post.startswith("Chair") and ruth.status != "past"
    tom = members[members.memberLabel == "Tom Ash"].iloc[0]
    assert tom.status == "past" and tom.during == "2019 - 2023"  # a membership that has ended


def test_a_persons_portfolio_shows_the_line_behind_each_membership_post_and_attendance(tmp_path, kg):
    page = tmp_path / "minutes.md"
    page.write_text("# Ostery Library Board\n\n## Board members\n\n- Ruth Alder (Treasurer), Kestrel Trust\n"
                    "- Sam Quill, Northvale Books\n\n## Minutes\n\nMinutes of the Ostery Library Board "
                    "meeting held on 3 March 2026\n\nPresent: Ruth Alder, Sam Quill\n", encoding="utf-8")
    kg.ingest([page])
    portfolio = kg.query("person-portfolio", person="Ruth Alder")
    member = portfolio[portfolio.relation == "member of"].iloc[0]
    assert member.thingLabel == "Ostery Library Board" and member.lines == "5"
    assert "Ruth Alder (Treasurer)" in member.quote
    attended = portfolio[portfolio.relation == "attended"].iloc[0]
    assert "Present" in attended.quote and attended.document == "minutes.md"
    post = portfolio[portfolio.relation == "holds post"].iloc[0]
    assert post.thingLabel == "Treasurer of Ostery Library Board" and post.quote


def test_a_sub_outcome_is_fed_by_the_priority_it_names_that_the_matrix_ticks_for_its_outcome(demo_kg):
    """The demo's matrix ticks Healthy Weight for outcome 1; sub-outcome 1b names healthy weight."""
    rows = demo_kg.query("strategies-for-outcome",
                         outcome="Children and young people are active and a healthy weight")
    assert "Healthy Weight" in set(rows[rows.kind == "Priority"].feederLabel)
    assert (rows.kind == "Action").any() and rows.quote.notna().any()


def test_one_plans_gaps_list_only_the_boards_its_papers_name(demo_kg):
    gaps = demo_kg.query("accountability-gaps", plan="Northvale Children and Young People's Plan 2024-2027")
    boards = set(gaps[gaps.gap == "board with no reporting line"].element)
    assert boards and all("/northvale/" in iri for iri in boards)
    everyone = demo_kg.query("accountability-gaps")
    assert set(everyone[everyone.gap == "board with no reporting line"].element) > boards


def index_of(labels_by_iri: dict[str, tuple[str, set[str]]]):
    from plangraph.graph import labels

    entries = {}
    for iri, (label, alts) in labels_by_iri.items():
        entry = labels.Entry(iri, label)
        entry.names = {labels.comparable(n) for n in {label, *alts}}
        entry.types = {"pg:Priority"}
        entries[iri] = entry
    return labels.LabelIndex(entries)


def test_a_label_that_is_one_nodes_own_is_that_node_though_another_has_it_as_an_alias():
    index = index_of({"http://x/a": ("Healthy Weight", set()),
                      "http://x/b": ("Healthy Weight and Active Lives", {"Healthy Weight"})})
    assert index.resolve("Healthy Weight") == "http://x/a"


def test_search_finds_word_variants():
    index = index_of({"http://x/a": ("Reduce obesity in reception children", set()),
                      "http://x/b": ("Projects the Youth Forum leads", set())})
    assert index.search("obese children")[0].iri == "http://x/a"
    assert index.search("led by the youth forum")[0].iri == "http://x/b"


def test_an_outcome_a_led_priority_is_ticked_for_is_not_a_gap(demo_kg):
    gaps = demo_kg.query("accountability-gaps")
    unled = set(gaps[gaps.gap == "nobody leads it"].elementLabel)
    assert "Children and young people are active and a healthy weight" not in unled  # Healthy Weight feeds it
    assert unled  # outcomes nothing feeds are still gaps


def test_a_closing_order_by_is_done_on_the_rows_as_sparql_would():
    """Oxigraph decodes every compared string while it sorts, so a named query's closing ORDER BY
    of selected variables is done in Python: unbound first, numbers by value, text by code point,
    DESC reversed, ties by the whole row."""
    from plangraph.queries.ordering import sort_rows, split_order

    text, keys = split_order("SELECT DISTINCT ?kind ?label ?score WHERE { ?s ?p ?o }\n"
                             "ORDER BY ?kind DESC(?score)")
    assert keys == (("kind", False), ("score", True)) and "ORDER" not in text
    assert split_order("SELECT ?a WHERE { ?s ?p ?a } ORDER BY ?a LIMIT 5")[1] == ()
    assert split_order("SELECT ?a WHERE { ?s ?p ?a }\nORDER BY ?b")[1] == ()  # not a column: the engine sorts
    rows = [("b", "y", 2), ("a", "x", None), ("b", "z", 10), ("a", "w", 0.5), (None, "v", 1)]
    assert sort_rows(["kind", "label", "score"], rows, keys) == [
        (None, "v", 1), ("a", "w", 0.5), ("a", "x", None), ("b", "z", 10), ("b", "y", 2)]


def test_named_queries_give_the_rows_the_engine_would_order(demo_kg):
    """The rows sorted in Python are the rows the engine gives with the ORDER BY, in the order of
    its keys (the whole-store gaps report and a query with DESC, on the demo)."""
    from plangraph.queries import bind_params, get
    from plangraph.queries.ordering import sort_rows, split_order

    board = demo_kg.sparql("SELECT ?b WHERE { ?b a pg:Board ; org:reportsTo ?up } LIMIT 1")[0]["b"]
    for name, params in (("accountability-gaps", {}), ("reporting-lines", {"board": board})):
        text, terms = bind_params(demo_kg, get(name), params)
        columns, engine = demo_kg.table(text, terms)
        unordered, keys = split_order(text)
        mine = sort_rows(columns, demo_kg.table(unordered, terms)[1], keys)
        assert engine and sorted(map(str, mine)) == sorted(map(str, engine)), name
        at = [columns.index(k) for k, _ in keys]
        assert [[r[i] for i in at] for r in mine] == [[r[i] for i in at] for r in engine], name


def test_the_whole_store_gaps_report_is_kept_for_the_documents_it_was_read_from(tmp_path):
    """Refreshing the derived graphs keeps the whole-store gaps report's rows in the store; asked
    with no parameters it is read from there while the documents are the same, and run again
    once they are not."""
    from plangraph.graph.resources import demo_files
    from plangraph.queries import _run, reports

    kg = KnowledgeGraph.memory()
    kg.ingest(demo_files())
    live = _run(kg, "accountability-gaps", {})
    kept = reports.kept(kg, "accountability-gaps")
    assert kept is not None and len(kept) == len(live) > 0 and kept.equals(live)
    assert kg.query("accountability-gaps").equals(live)
    extra = tmp_path / "extra-plan.md"
    extra.write_text("# Fernhollow Play Plan 2026\n\n## Priorities\n\n1. Safer play areas\n")
    kg.ingest([extra], refresh=False)
    assert reports.kept(kg, "accountability-gaps") is None  # other documents now: not used
    assert "Safer play areas" in set(kg.query("accountability-gaps")["elementLabel"])
