"""Extraction on the real seed documents: facts checked against the documents themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers import read_document


def facts_of(path: Path) -> Facts:
    doc, _ = read_document(path)
    return extract(doc)


def labels(facts: Facts, cls: str) -> set[str]:
    return {e.label for e in facts.of_class(cls)}


def related(facts: Facts, subject_label: str, predicate: str) -> set[str]:
    keys = {k for k, e in facts.entities.items() if e.label == subject_label}
    return {facts.entities[r.object].label for r in facts.relations
            if r.subject in keys and r.predicate == predicate}


@pytest.fixture(scope="module")
def cypp_2016(seed) -> Facts:
    return facts_of(seed("000"))


@pytest.fixture(scope="module")
def cyfp_2011(seed) -> Facts:
    return facts_of(seed("002"))


def test_plan_title_period_and_area(cypp_2016, cyfp_2011):
    plan = cypp_2016.entities[cypp_2016.plan]
    assert plan.label == "Children and Young People's Plan 2016-2020"
    assert plan.props["startYear"] == ["2016"] and plan.props["endYear"] == ["2020"]
    assert cypp_2016.area == "Nottingham City"
    assert cyfp_2011.area == "Nottinghamshire"


def test_numbered_outcomes_sub_outcomes_and_their_indicators(cypp_2016):
    outcomes = {e.props["number"][0]: e.label for e in cypp_2016.of_class("Outcome")}
    assert outcomes["1"] == "Promoting the health and wellbeing of babies, children and young people"
    assert outcomes["1d"] == "Young people have a positive, informed approach to risk taking"
    assert len(outcomes) == 15
    assert related(cypp_2016, "Children and young people are safe", "parent") == \
        {"Safeguarding and supporting children and families"}
    assert len(cypp_2016.of_class("Indicator")) == 44
    assert related(cypp_2016, "Under 18 conception rate (Nottingham Plan target)", "measures") == \
        {"Young people have a positive, informed approach to risk taking"}


def test_plan_target_tag_links_the_indicator_to_that_plan(cypp_2016):
    plans = related(cypp_2016, "% of Year 6 children who are obese (Nottingham Plan target)", "partOf")
    assert plans == {"Children and Young People's Plan 2016-2020", "Nottingham Plan"}


def test_principles_and_actions_led_by_the_partnership(cypp_2016):
    assert "To raise aspiration" in labels(cypp_2016, "Principle")
    assert len(cypp_2016.of_class("Principle")) == 7
    action = "Work with partners across the East Midlands region to develop and deliver a Regional " \
             "Adoption Agency"
    (leader,) = related(cypp_2016, action, "ledBy")
    assert leader.endswith("Children's Partnership")  # the fullest wording of the body


def test_manifesto_pledges_belong_to_the_manifesto(cypp_2016):
    pledge = "To extend free school meals to all primary school children within the next 10 years"
    assert related(cypp_2016, pledge, "partOf") == {"Labour Manifesto"}


def test_brings_together_is_an_incorporates_link(cypp_2016):
    incorporated = related(cypp_2016, "Children and Young People's Plan 2016-2020", "incorporates")
    assert {"Nottingham Plan", "Health and Wellbeing Strategy"} <= incorporated


def test_indicator_table_observations_and_qualified_ticks(cyfp_2011):
    name = "Percentage of young people in academic years 12-14 not in education, employment or training"
    (observation,) = [cyfp_2011.entities[r.object] for r in cyfp_2011.relations
                      if r.predicate == "observation" and cyfp_2011.entities[r.subject].label == name]
    assert observation.props["valueText"] == ["2.5% (provisional)"]
    assert observation.props["value"] == ["2.5"] and observation.props["unit"] == ["%"]
    assert observation.props["period"] == ["2012/13 annual"]
    weights = {(cyfp_2011.entities[r.object].label, r.qualifiers.get("qualifier"))
               for r in cyfp_2011.relations if r.predicate == "measures"
               and cyfp_2011.entities[r.subject].label.startswith("Percentage of re-referrals")}
    assert weights == {
        ("Continue to improve our early help services to ensure that children, young people and "
         "families in the greatest need receive appropriate support", "additional"),
        ("Sustain and build on improvements made in safeguarding", "primary"),
    }


def test_priorities_numbered_under_a_priorities_section(cyfp_2011):
    numbers = {e.props.get("number", [""])[0]: e.label for e in cyfp_2011.of_class("Priority")}
    assert numbers["3.2"] == "Sustain and build on improvements made in safeguarding"
    assert "3.8" not in numbers  # "Summary of actions planned" is not a priority
    assert len(cyfp_2011.of_class("Priority")) == 7


def test_dated_actions_and_the_action_matrix(cyfp_2011):
    publish = "Publish the Nottinghamshire Early Help Strategy in autumn 2013"
    action = next(e for e in cyfp_2011.of_class("Action") if e.label.lower() == publish.lower())
    assert action.props["dueDate"] == [("gYearMonth", "2013-10")]
    assert action.props["dueText"] == ["autumn 2013"]
    assert related(cyfp_2011, action.label, "contributesTo") >= {
        "Sustain and build on improvements made in safeguarding"}


def test_tick_matrix_of_priorities_against_every_child_matters_outcomes(seed):
    facts = facts_of(seed("001"))
    fed = related(facts, "Reduce crime and the fear of crime amongst children and young people",
                  "contributesTo")
    assert {"Be healthy", "Stay safe"} <= fed or {"Being healthy", "Staying safe"} <= fed
    assert not any("contribution" in label.lower() for label in fed)


def test_lead_table_people_groups_and_roles(seed):
    facts = facts_of(seed("001"))
    leads = {(facts.entities[r.object].label, r.qualifiers.get("role")) for r in facts.relations
             if r.predicate == "ledBy" and facts.entities[r.subject].label ==
             "Improve sexual health amongst young people including reducing teenage pregnancies"}
    assert ("Rob Skelton", "strategic lead") in leads
    assert ("Barbara Brady", "strategic lead") in leads
    assert ("Teenage Pregnancy Partnership Board", "strategic group") in leads
    assert ("Sexual Health Strategic Group", "strategic group") in leads
    assert ("Tracy Burton", "operational lead") in leads


def test_every_fact_has_a_span_inside_the_document(seed):
    doc, _ = read_document(seed("004"))
    facts = extract(doc)
    n = len(doc.lines)
    for ent in facts.entities.values():
        assert 1 <= ent.span.line_start <= ent.span.line_end <= n
    for rel in facts.relations:
        assert 1 <= rel.span.line_start <= rel.span.line_end <= n
        assert doc.quote(rel.span)
