"""The extractors follow shapes, not the seed documents' words: plans written another way."""

from __future__ import annotations

from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers.text import parse_text

STRATEGY = """# Elmsworth Community Safety Strategy 2022-25

## Our Outcomes

Outcome 1: Residents feel safe in their neighbourhoods

1.1 Fewer young people are drawn into crime
 a) Number of first time entrants to the youth justice system
 b) Rate of repeat offending by young people

1.2 Victims get the support they need
 a) % of victims offered support within 48 hours

## Priorities

Priority 1 – Tackling exploitation – we will work across agencies to find and disrupt exploitation.
Priority 2 – Safer streets – joint patrols and better lighting where harm is greatest.

## Performance measures

| Measure | Latest | Year | Tackling exploitation | Safer streets |
|---|---|---|---|---|
| Number of first time entrants to the youth justice system | 41 per 100,000 | 2023/24 | ✓✓ | ✓ |
| Reports of anti-social behaviour | 1,204 | 2023/24 | | ✓✓ |

✓✓ = main measure; ✓ = supporting measure

## Who leads

| Priority | Accountable officer | Delivery group |
| --- | --- | --- |
| Tackling exploitation | Dr Amara Okoye and Lewis Grant | Exploitation Steering Group |
| Safer streets | ? | Safer Streets Board |

## What happens next

Over the coming year the Safer Elmsworth Partnership will:

- Launch a single referral route for exploitation concerns by June 2023
- Review street lighting in the three wards with most harm

## Recommendations

REC 1: The Board endorses the strategy.
REC 2: Partners nominate a lead for each priority.
"""


def facts() -> Facts:
    return extract(parse_text(STRATEGY, "strategy.md", "text/markdown"))


def by_label(f: Facts, label: str) -> str:
    (key,) = [k for k, e in f.entities.items() if e.label == label]
    return key


def objects(f: Facts, subject: str, predicate: str) -> dict[str, dict]:
    return {f.entities[r.object].label: r.qualifiers for r in f.relations
            if r.subject == subject and r.predicate == predicate}


def test_plan_and_period():
    f = facts()
    plan = f.entities[f.plan]
    assert plan.label == "Elmsworth Community Safety Strategy 2022-25"
    assert plan.props["endYear"] == ["2025"]


def test_outcome_n_colon_with_decimal_sub_outcomes_and_lettered_indicators():
    f = facts()
    sub = by_label(f, "Fewer young people are drawn into crime")
    assert objects(f, sub, "parent") == {"Residents feel safe in their neighbourhoods": {}}
    indicator = by_label(f, "Rate of repeat offending by young people")
    assert set(objects(f, indicator, "measures")) == {"Fewer young people are drawn into crime"}
    victims = by_label(f, "% of victims offered support within 48 hours")
    assert set(objects(f, victims, "measures")) == {"Victims get the support they need"}


def test_priority_title_dash_description():
    f = facts()
    priority = f.entities[by_label(f, "Tackling exploitation")]
    assert priority.cls == "Priority"
    assert priority.props["description"][0].startswith("we will work across agencies")


def test_pipe_indicator_table_with_other_column_names_and_its_legend():
    f = facts()
    entrants = by_label(f, "Number of first time entrants to the youth justice system")
    measured = objects(f, entrants, "measures")
    assert measured["Tackling exploitation"] == {"qualifier": "primary"}
    assert measured["Safer streets"] == {"qualifier": "additional"}
    asb = by_label(f, "Reports of anti-social behaviour")
    (obs,) = objects(f, asb, "observation")
    observation = f.entities[by_label(f, obs)]
    assert observation.props["value"] == ["1204"]
    assert observation.props["period"] == ["2023/24"]


def test_lead_table_two_people_in_a_cell_a_question_mark_and_a_group():
    f = facts()
    leads = objects(f, by_label(f, "Tackling exploitation"), "ledBy")
    assert leads["Amara Okoye"] == {"role": "accountable officer"}
    assert leads["Lewis Grant"] == {"role": "accountable officer"}
    assert leads["Exploitation Steering Group"] == {"role": "delivery group"}
    assert f.entities[by_label(f, "Amara Okoye")].props["honorific"] == ["Dr"]
    safer = objects(f, by_label(f, "Safer streets"), "ledBy")
    assert set(safer) == {"Safer Streets Board"}


def test_actions_committed_by_a_named_body_with_due_dates():
    f = facts()
    action = by_label(f, "Launch a single referral route for exploitation concerns by June 2023")
    assert f.entities[action].props["dueDate"] == [("gYearMonth", "2023-06")]
    assert set(objects(f, action, "ledBy")) == {"Safer Elmsworth Partnership"}


def test_numbered_recommendations():
    f = facts()
    recs = sorted(e.label for e in f.of_class("Recommendation"))
    assert recs == ["Partners nominate a lead for each priority", "The Board endorses the strategy"]


def test_acronyms_the_document_defines_and_leads_named_by_acronym_or_post() -> None:
    from plangraph.ingest.extractors.acronyms import defined_acronyms, expansion_of
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# Ostery Data Plan 2026\n\nThe Office of Budget Review (OBR) and the Department for Trade "
            "(DfT) will work with Data Officers (DOs). See the annex (Annex B).\n\n## Actions\n\n"
            "| Action | Responsible Party |\n| --- | --- |\n| Publish the data catalogue | OBR |\n"
            "| Train data officers | DOs |\n| Review the grants data | Grants Service Manager |\n"
            "| Open the export records | DfT and KXA |\n")
    doc = parse_markdown(text, "plan.md")
    table = defined_acronyms(doc)
    assert table["OBR"] == "Office of Budget Review" and table["DfT"] == "Department for Trade"
    assert table["DOs"] == "Data Officers" and "B" not in table
    assert expansion_of("ODP", ["the", "Ostery", "Data", "Plan"]) == "Ostery Data Plan"
    facts = extract(doc)
    leads = {(facts.entities[r.subject].label, facts.entities[r.object].cls, facts.entities[r.object].label)
             for r in facts.relations if r.predicate == "ledBy"}
    assert ("Publish the data catalogue", "Organisation", "Office of Budget Review") in leads
    assert ("Train data officers", "Post", "Data Officer") in leads
    assert ("Review the grants data", "Post", "Grants Service Manager") in leads
    assert {("Open the export records", "Organisation", "Department for Trade"),
            ("Open the export records", "Organisation", "KXA")} <= leads


def test_recommendations_concern_what_they_name_and_short_forms_find_their_entities() -> None:
    from plangraph.ingest.extractors.acronyms import implied_acronyms
    from plangraph.ingest.readers.text import parse_text

    text = ("Recommendations\n\n#. The Records Office and the Kestrel Finance Board shall publish a "
            "guide to the Data Review Scheme by June 2027.\n"
            "#. All claimants in DRS shall be offered free advice.\n"
            "#. The guide described in Recommendation 1 shall be reviewed by the Kestrel Finance Board.\n")
    doc = parse_text(text, "recommendations.rst", "text/x-rst")
    assert implied_acronyms(doc)["DRS"] == "Data Review Scheme"
    facts = extract(doc)
    recs = {e.key: e for e in facts.of_class("Recommendation")}
    assert len(recs) == 3
    concerns = {(recs[r.subject].label[:22], facts.entities[r.object].label) for r in facts.relations
                if r.predicate == "concerns" and r.subject in recs}
    assert ("The Records Office and", "Kestrel Finance Board") in concerns
    assert ("All claimants in DRS s", "Data Review Scheme") in concerns
    assert any(a.startswith("The guide described") and b.startswith("The Records Office")
               for a, b in concerns)


def test_an_indicator_tables_target_column_is_kept_as_the_target():
    text = """# Elmsworth Health Plan 2024-27

## Our indicators

| Indicator | Period | Value | Target |
| --- | --- | --- | --- |
| Adults who smoke | 2022/23 | 14.2% | 10% |
| Adults who smoke | 2023/24 | 13.1% | 10% |
"""
    f = extract(parse_text(text, "elmsworth-health.md", "text/markdown"))
    smoking = by_label(f, "Adults who smoke")
    values = {(f.entities[r.object].props["period"][0], f.entities[r.object].props["valueText"][0])
              for r in f.relations if r.subject == smoking and r.predicate == "observation"}
    assert values == {("2022/23", "14.2%"), ("2023/24", "13.1%"), ("target", "10%")}
