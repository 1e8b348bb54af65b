"""Plan elements by kind and identifier, sections of one kind, and the outline, on invented text."""

from __future__ import annotations

import pytest

from plangraph.ingest.extractors import extract
from plangraph.ingest.extractors.kinds import classes_named, identified
from plangraph.ingest.readers.markdown import parse_markdown


@pytest.mark.parametrize(("text", "cls", "ident", "name"), [
    ("Action 12: Publish the open data register", "Action", "12", "Publish the open data register"),
    ("Goal 2 – Safer streets for everyone", "Outcome", "2", "Safer streets for everyone"),
    ("KPI 5 Number of library visits", "Indicator", "5", "Number of library visits"),
    ("REC 7. Fund the helpline", "Recommendation", "7", "Fund the helpline"),
    ("R3: Review the scheme", "Recommendation", "3", "Review the scheme"),
    ("Recommendation 10", "Recommendation", "10", ""),
    ("Theme A - Starting well", "Priority", "A", "Starting well"),
    ("Objective 4\tCleaner rivers", "Priority", "4", "Cleaner rivers"),
    ("Measure 2.1: Visits per 1,000 residents", "Indicator", "2.1", "Visits per 1,000 residents"),
    ("Principle: Put residents first", "Principle", None, "Put residents first"),
    ("**Action 3:** Open two hubs", "Action", "3", "Open two hubs"),
    ("Key Activity 2: Train volunteers", "Priority", "2", "Train volunteers"),
])
def test_identified_items(text: str, cls: str, ident: str | None, name: str) -> None:
    found = identified(text)
    assert found is not None and (found.cls, found.ident, found.name) == (cls, ident, name)


@pytest.mark.parametrize("text", ["Priority 1 is to reduce harm", "Goal 2030 sets the pace",
                                  "Action plan for 2026", "Value: respect", "Actions taken by the board",
                                  "Target setting", "INDICATORS OF SUCCESS"])
def test_not_identified_items(text: str) -> None:
    assert identified(text) is None


@pytest.mark.parametrize(("heading", "classes"), [
    ("Our priorities", ["Priority"]), ("Key Performance Indicators", ["Indicator"]),
    ("Targets", ["Indicator"]), ("Target", []), ("Value for money", []), ("Action plan", []),
    ("Work streams", ["Priority"]),
    ("Deliverables and performance measures", ["Action", "Indicator"]), ("Our values", ["Principle"]),
])
def test_kind_words_in_headings(heading: str, classes: list[str]) -> None:
    assert list(classes_named(heading)) == classes


PLAN = """# Ostery Digital Plan 2026-2029

## Priorities

Four priorities shape the plan.

### Better online services

### Skills for every resident

## Principle: Design with users

### Action 01: Every service will have a named owner

- owners will be in post by April 2026
- each owner will publish a service plan

Read the owners' progress reports online.

- a list after prose is not the action's own steps

### Action 02: Retire paper forms by 2028

| Milestone | Measurement | Target date |
| --- | --- | --- |
| Agree the forms to retire | Number of forms retired | March 2027 |

## Recommendations

1. The Board should publish the register every quarter.
2. Officers should report progress in six months.
"""


def elements(text: str) -> dict[str, set[str]]:
    facts = extract(parse_markdown(text, "ostery-digital-plan.md"))
    out: dict[str, set[str]] = {}
    for ent in facts.entities.values():
        out.setdefault(ent.cls, set()).add(ent.label)
    return out, facts


def key_of(facts, cls: str, label: str) -> str:
    return next(e.key for e in facts.of_class(cls) if e.label == label)


def links_of(facts) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in facts.relations}


def test_the_outline_of_an_invented_plan() -> None:
    found, facts = elements(PLAN)
    assert {"Better online services", "Skills for every resident"} <= found["Priority"]
    assert "Design with users" in found["Principle"]
    assert {"Every service will have a named owner", "Retire paper forms by 2028",
            "owners will be in post by April 2026", "each owner will publish a service plan",
            "Agree the forms to retire"} <= found["Action"]
    assert "a list after prose is not the action's own steps" not in found["Action"]
    assert "Number of forms retired" in found["Indicator"]  # the Measurement column
    assert "Number of forms retired" not in found["Action"]
    assert {"The Board should publish the register every quarter",
            "Officers should report progress in six months"} <= found["Recommendation"]
    rec = next(e for e in facts.entities.values() if e.label.startswith("Officers should report"))
    assert "Recommendation 2" in rec.alt_labels

    action = key_of(facts, "Action", "Every service will have a named owner")
    assert "Action 01" in facts.entities[action].alt_labels
    links = links_of(facts)
    assert (action, "parent", key_of(facts, "Principle", "Design with users")) in links
    assert (key_of(facts, "Action", "owners will be in post by April 2026"), "parent", action) in links
    retire = key_of(facts, "Action", "Retire paper forms by 2028")
    assert (key_of(facts, "Action", "Agree the forms to retire"), "parent", retire) in links
    assert (action, "partOf", facts.plan) in links


PAGE_OF_ACTIONS = """# 04 Services and actions

Departments will report on these actions every year, as the Civil Service Renewal Plan sets out.

### Action 01: Every service will have a named owner

### Action 02: Retire paper forms by 2028

### Action 03: Publish service data every month
"""


def test_a_page_of_elements_is_its_own_plan_and_a_plan_named_in_passing_is_not() -> None:
    found, facts = elements(PAGE_OF_ACTIONS)
    assert facts.entities[facts.plan].label == "Services and actions"
    assert "Civil Service Renewal Plan" in found["Plan"]  # still read, as another plan
    links = links_of(facts)
    assert all((e.key, "partOf", facts.plan) in links for e in facts.of_class("Action"))


def test_minutes_are_not_a_plan_however_many_actions_they_hold() -> None:
    text = PAGE_OF_ACTIONS.replace("# 04 Services and actions", "# Minutes of the meeting of 3 May 2026")
    _, facts = elements(text)
    assert facts.plan is None or "Minutes" not in facts.entities[facts.plan].label


def test_a_title_with_a_plan_noun_in_lower_case_is_the_documents_plan() -> None:
    _, facts = elements("---\ntitle: Corporate plan variation 2026-29\n---\n\nWe have three aims.\n")
    assert facts.entities[facts.plan].label == "Corporate plan variation 2026-29"


@pytest.mark.parametrize(("lead", "cls"), [
    ("Deliverables:", "Action"), ("Our key indicators of progress are:", "Indicator"),
    ("The partnership agreed the following goals for each life stage:", "Outcome"),
    ("Progress will be judged by a short set of indicators. These will include:", "Indicator"),
    ("Our values are:", "Principle"),
])
def test_a_lead_in_whose_subject_is_a_kind_of_element(lead: str, cls: str) -> None:
    text = f"# Brackenford Plan 2026-2029\n\n{lead}\n\n- Number of homes retrofitted each year\n"
    found, _ = elements(text)
    assert "Number of homes retrofitted each year" in found.get(cls, set())


@pytest.mark.parametrize("lead", ["For each priority, we identify:", "Key successes include:",
                                  "The next steps were identified as follows:"])
def test_a_lead_in_that_only_mentions_a_kind_is_not_one(lead: str) -> None:
    text = f"# Brackenford Plan 2026-2029\n\n{lead}\n\n- Number of homes retrofitted each year\n"
    found, _ = elements(text)
    assert not any("Number of homes" in label for labels in found.values() for label in labels)


def test_a_change_sought_is_not_the_name_of_a_measure() -> None:
    text = "# Brackenford Plan 2026-2029\n\nKey impact measures include:\n\n- reducing rough sleeping\n" \
           "- Number of households in temporary housing\n"
    found, _ = elements(text)
    assert found["Indicator"] == {"Number of households in temporary housing"}


def test_what_someone_will_do_under_an_action_are_its_steps() -> None:
    text = ("# Brackenford Plan 2026-2029\n\n### Action 4: Open two warm hubs\n\nThe Housing Team will:\n\n"
            "- find two sites by June 2026\n\nThese hub managers will:\n\n- be trained volunteers\n")
    found, _ = elements(text)
    assert "find two sites by June 2026" in found["Action"]
    assert "be trained volunteers" not in found["Action"]


GOALS_BY_LIFE_STAGE = """# Calder Vale Wellbeing Strategy 2026-2031

The Board agreed the following goals for the people of Calder Vale:

## Growing Up Well
* Babies are born healthy
* Children are ready for school

## Working Groups
| Name | Repository |
| --- | --- |
| Data Group | https://example.invalid/data-group |

## Update: the cost of living

In summary, this update:

* Described pressures on household budgets

## Downloads
* [Calder Vale Wellbeing Strategy summary](summary.pdf)
"""


def test_a_lead_in_names_the_items_under_the_sub_headings_that_follow_it() -> None:
    found, facts = elements(GOALS_BY_LIFE_STAGE)
    assert {"Babies are born healthy", "Children are ready for school"} <= found["Outcome"]
    assert "Growing Up Well" in found["Priority"]  # the heading groups the goals under it
    group = key_of(facts, "Priority", "Growing Up Well")
    babies = key_of(facts, "Outcome", "Babies are born healthy")
    assert (babies, "parent", group) in links_of(facts)
    every = {label for labels in found.values() for label in labels}
    assert "Data Group" not in found.get("Outcome", set())  # bodies are not what the lead-in named
    assert "Described pressures on household budgets" not in every  # its own lead-in says what it is
    assert "Calder Vale Wellbeing Strategy summary" not in found.get("Outcome", set())  # a link


def test_rows_of_a_table_under_a_lead_in_and_a_column_of_addresses_is_not_their_name() -> None:
    text = ("# Ostery Open Source Office\n\nThe following initiatives have been approved by the board:\n\n"
            "### Projects\n\n| Name | Repository | Status |\n| --- | --- | --- |\n"
            "| Tidepool | https://example.invalid/tidepool/a-very-long-address | Active |\n"
            "| Lanternfish | https://example.invalid/lanternfish/another-long-address | Sandbox |\n")
    found, _ = elements(text)
    assert {"Tidepool", "Lanternfish"} <= found["Priority"]
    assert "Projects" not in found.get("Outcome", set())  # a category heading is not a group


def test_an_action_log_in_minutes() -> None:
    text = ("# Minutes of the Ostery Library Board, 4 March 2026\n\n### 2. Matters arising\n\n"
            "1. New and ongoing actions\n\n  4.2 - Draft the opening-hours survey (KT/LM).\n"
            "    Survey drafted; goes out in April.\n\n"
            "  5.1 - Ask the Council for a mobile library quote.\n\n"
            "2. Completed actions\n\n  3.9 - Name a volunteer coordinator. Done.\n\nNext Steps\n\n"
            "- Today marks a turning point for the service\n")
    found, facts = elements(text)
    assert found["Action"] == {"Draft the opening-hours survey", "Ask the Council for a mobile library quote",
                               "Name a volunteer coordinator"}
    assert facts.plan is None or "Minutes" not in facts.entities[facts.plan].label


def test_a_heading_qualifying_a_kind_groups_the_identified_elements_under_it() -> None:
    text = ("# Ostery Data Plan 2026\n\n## Council Actions\n\n### Action 1: Publish the data register\n\n"
            "### Action 2: Name a data owner for every service\n\n## Partner Actions\n\n"
            "### Action 3: Agree one address standard\n")
    found, facts = elements(text)
    assert {"Council Actions", "Partner Actions"} <= found["Priority"]
    links = links_of(facts)
    first = key_of(facts, "Action", "Publish the data register")
    group = key_of(facts, "Priority", "Council Actions")
    assert (first, "parent", group) in links


def test_several_numbered_measures_in_one_cell_are_several_indicators() -> None:
    text = ("# Ostery Corporate Plan 2026-2030\n\n<table>\n"
            "<tr><th>Success measures</th><th>Target</th></tr>\n<tr><td>"
            "<p>1.1 Share of services delivered online</p><p>1.2 Satisfaction with online services</p>"
            "</td><td><p>80%</p></td></tr>\n</table>\n")
    found, _ = elements(text)
    assert {"1.1 Share of services delivered online", "1.2 Satisfaction with online services"} <= \
        found["Indicator"]


def test_a_one_word_name_in_a_list_of_elements() -> None:
    text = ("# Ostery Corporate Plan 2026-2030\n\nDeliverables:\n\n"
            "- myLibrary\n- resident portal refresh\n- and\n")
    found, _ = elements(text)
    assert found["Action"] == {"myLibrary", "Resident portal refresh"}


def test_named_schemes_reports_and_addenda_are_plans_a_paper_to_a_board_is_not() -> None:
    text = ("# Ostery Housing Strategy 2026-2031\n\nThe Warm Homes Grant Scheme and the Ostery Stock "
            "Condition Survey Report shape this strategy, with its Cost of Living Addendum. "
            "A Report to the Housing Board follows in May.\n")
    found, _ = elements(text)
    assert {"Warm Homes Grant Scheme", "Ostery Stock Condition Survey Report", "Cost of Living Addendum"} \
        <= found["Plan"]
    assert not any(label.startswith("Report to") for label in found["Plan"])


def test_a_heading_introducing_a_list_inside_a_section_of_one_kind() -> None:
    text = ("# Ostery Workforce Plan 2026-2029\n\n## Culture and values\n\nHow we work matters.\n\n"
            "### Our staff:\n\n- are open and curious\n- share what they learn\n\n"
            "## Risks\n\n### Our risks:\n\n- budgets may fall\n")
    found, _ = elements(text)
    assert found["Principle"] == {"are open and curious", "share what they learn"}  # as written
    assert "budgets may fall" not in {label for labels in found.values() for label in labels}


def test_extractors_declare_what_they_need_and_run_after_what_provides_it() -> None:
    from plangraph.ingest.extractors import EXTRACTORS, Extractor, check_order

    check_order(EXTRACTORS)  # the real order holds
    names = [e.name for e in EXTRACTORS]
    assert names[0] == "plan" and names[-3:] == ["elements", "subject leads", "mentions"]
    early = Extractor("early", lambda doc, facts: None, needs=("outline",))
    with pytest.raises(ValueError, match="'early' needs outline"):
        check_order([early, *EXTRACTORS])


def test_placeholder_cells_name_nothing() -> None:
    text = ("# Ostery Action Plan 2026\n\n| Action | Lead | Due |\n| --- | --- | --- |\n"
            "| Open two warm hubs | Housing Team | May 2026 |\n| TBC | ? | |\n| Vacant | | |\n"
            "| to be appointed | | |\n")
    found, _ = elements(text)
    assert found["Action"] == {"Open two warm hubs"}
