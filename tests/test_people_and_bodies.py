"""People, posts, bodies, reporting lines and identity across documents, on documents written
for these tests in shapes the seeds do not use."""

from __future__ import annotations

from marshford import REPORT, facts_of, labels, pairs

from plangraph.ingest.extractors import extract
from plangraph.ingest.readers.markdown import parse_markdown
from plangraph.ingest.resolver import same_person


def test_reporting_lines_from_sentences():
    f = facts_of(REPORT)
    lines = pairs(f, "reportsTo")
    assert ("Healthy Weight Steering Group", "Marshford Health and Wellbeing Board") in lines
    assert ("Marshford Health and Wellbeing Board", "Full Council") in lines
    assert ("Active Travel Working Group", "Healthy Weight Steering Group") in lines


BOARD_PAPER = """WESTBRIDGE COUNCIL
YOUNG WESTBRIDGE PARTNERSHIP BOARD

Date: Tuesday 3 March 2026

The Play Strategy Group, the Parenting Forum and the Early Years Network report to the Board.
The Youth Offending Management Board reports to the Community Safety Partnership and sends an
annual report to the Board. The Westbridge Safeguarding Children Partnership is accountable to
Westbridge Council, Fenside Integrated Care Board and Westbridge Police.
The Fenside Child and Adolescent Mental Health Services (CAMHS) are commissioned jointly.
The CAMHS Commissioning Group reports to the Young Westbridge Partnership Board.

Apologies

Ruth Okonkwo
Councillor Dev Sharma - on other council business
Jamal Reid
"""


def test_reporting_lines_with_lists_generic_references_and_shared_subjects():
    f = facts_of(BOARD_PAPER)
    lines = pairs(f, "reportsTo")
    board = f.entities[f.main_body].label
    assert board == "Young Westbridge Partnership Board"
    for group in ("Play Strategy Group", "Parenting Forum", "Early Years Network"):
        assert (group, board) in lines  # "A, B and C report to the Board": the paper's own board
    assert ("Youth Offending Management Board", "Community Safety Partnership") in lines
    assert ("Youth Offending Management Board", board) in lines  # "... and sends a report to the Board"
    assert ("Community Safety Partnership", board) not in lines
    for partner in ("Westbridge Council", "Fenside Integrated Care Board", "Westbridge Police"):
        assert ("Westbridge Safeguarding Children Partnership", partner) in lines
    # an acronym inside a longer name is that name, not the body the acronym stands for
    assert ("CAMHS Commissioning Group", board) in lines
    assert not any("Mental Health Services" in lower for lower, _ in lines)


def test_a_list_of_names_is_not_a_signature():
    f = facts_of(BOARD_PAPER)
    posts = labels(f, "Post")
    assert not any("Sharma" in p or "Reid" in p for p in posts)


def test_publisher_partners_and_boards_versus_organisations():
    f = facts_of(REPORT)
    assert "Marshford Leisure Trust" in labels(f, "Organisation")
    assert "Healthy Weight Steering Group" in labels(f, "Board")
    plan = f.entities[f.plan].label
    assert (plan, "Marshford Borough Council") in pairs(f, "publishedBy")
    members = {a for a, b in pairs(f, "memberOf")}
    assert {"Marshford Borough Council", "Fenside Integrated Care Board",
            "Marshford Leisure Trust"} <= members


def test_lead_table_with_other_headers_two_people_an_empty_row_and_a_question_mark():
    f = facts_of(REPORT)
    leads = {(f.entities[r.subject].label, f.entities[r.object].label, r.qualifiers.get("role"))
             for r in f.relations if r.predicate == "ledBy"}
    assert ("Healthy weight", "Nkechi Obi", "accountable officer") in leads
    assert ("Healthy weight", "Priyanka Shah", "delivery lead") in leads
    assert not any(s == "Active travel" and role == "accountable officer" for s, _, role in leads)
    obi = next(e for e in f.of_class("Person") if e.label == "Nkechi Obi")
    assert obi.props["honorific"] == ["Dr"]


def test_signature_block_and_report_cover_row_give_posts_in_organisations():
    f = facts_of(REPORT)
    held = pairs(f, "holds")
    assert ("Gwen Talbot", "Head of Commissioning") in held
    assert ("Nkechi Obi", "Director of Public Health") in held
    assert ("Director of Public Health", "Marshford Borough Council") in pairs(f, "postIn")


def test_nicknames_and_initials_are_one_person():
    assert same_person("Tom Alder", "Thomas Alder")
    assert same_person("Cath Ashdown", "Catherine J. Ashdown")
    assert not same_person("Tom Alder", "Tim Alder")
    assert not same_person("Jo Mathieson", "John Mathieson")


ROSTER = """---
title: Kestrel Data Sharing Committee Terms of Reference
---

# Committee

## Purpose

The Kestrel Data Sharing Committee approves requests to use the shared records.

# Annex: committee members

  ----------------------------------------------------------------------
  **Chair**              **Professor** **Ann    **Northvale University**
                         Other**
  ---------------------- ------------------------ ----------------------

  **Seat**               **Suggested member(s)**

  **Data providers**

  Kestrel Health Agency  Dr Bob Example,          Northvale University
  (KHA)                  Deputy: Dr Zoë Ørsted

  Harrowby Trust         Cy Sample                Harrowby Trust

  Lay Member 1           TBC

  **Secretariat**

  Kestrel Institute      Dee Placeholder, Eve
                         Invented
  ----------------------------------------------------------------------
"""


def test_a_members_table_gives_members_their_seats_roles_and_who_only_serves():
    f = extract(parse_markdown(ROSTER, "tor.md"))
    assert {"Ann Other", "Bob Example", "Zoë Ørsted", "Cy Sample", "Dee Placeholder", "Eve Invented"} \
        <= labels(f, "Person")
    assert "Kestrel Data Sharing Committee" in labels(f, "Board")
    members = {a for a, b in pairs(f, "memberOf") if b == "Kestrel Data Sharing Committee"}
    assert {"Ann Other", "Bob Example", "Zoë Ørsted", "Cy Sample", "Kestrel Health Agency",
            "Harrowby Trust"} <= members
    assert not members & {"Dee Placeholder", "Eve Invented", "Kestrel Institute"}  # the secretariat serves
    assert ("Ann Other", "Chair of Kestrel Data Sharing Committee") in pairs(f, "holds")
    assert {"Northvale University", "Kestrel Institute"} <= labels(f, "Organisation")
    named = labels(f, "Person") | labels(f, "Post")
    assert not any("TBC" in label or "Lay Member" in label for label in named)


def test_a_members_table_with_a_header_and_the_role_after_the_name():
    text = ("# Ostery Library Board\n\n## Board members\n\n"
            "| Name | Role | Organisation | Term |\n| --- | --- | --- | --- |\n"
            "| Ruth Alder | Chair | Ostery Borough Council | April 2025 - March 2027 |\n"
            "| Sam Quill | Treasurer | ACME | 2026 |\n"
            "| Christopher \"Kit\" Example | Secretary | ACME | 2026 |\n"
            "| Vacant | Member | | |\n")
    f = extract(parse_markdown(text, "board.md"))
    members = pairs(f, "memberOf")
    assert {("Ruth Alder", "Ostery Library Board"), ("Sam Quill", "Ostery Library Board")} <= members
    assert ("Ruth Alder", "Chair of Ostery Library Board") in pairs(f, "holds")
    kit = next(e for e in f.of_class("Person") if e.label == "Christopher Example")
    assert "Kit" in kit.alt_labels
    assert {"Ostery Borough Council", "ACME"} <= labels(f, "Organisation")
    assert not any("2025" in label for label in labels(f, "Organisation"))
    assert ("Ostery Borough Council", "Ostery Library Board") not in pairs(f, "memberOf")  # where she works
    (term,) = [r.qualifiers.get("during") for r in f.relations
               if r.predicate == "memberOf" and f.entities[r.subject].label == "Ruth Alder"]
    assert term == "April 2025 - March 2027"


def test_bodies_listed_under_a_heading_naming_their_kind_sit_under_the_page_s_body():
    text = ("# Ostery Open Data Steering Committee\n\nThe Committee oversees the open data work.\n\n"
            "## Working Groups\n\n| Name | Repository | Status |\n| --- | --- | --- |\n"
            "| Metadata Quality | https://example.org/mq | Active |\n"
            "| Open Licensing | https://example.org/ol | Incubating |\n\n"
            "## Committees\n\n- Finance and Audit Committee - meets quarterly\n- Remuneration Committee\n")
    f = extract(parse_markdown(text, "governance.md"))
    under = {a for a, b in pairs(f, "reportsTo") if b == "Ostery Open Data Steering Committee"}
    assert {"Metadata Quality", "Open Licensing", "Finance and Audit Committee",
            "Remuneration Committee"} <= under
    quality = next(e for e in f.of_class("Board") if e.label == "Metadata Quality")
    assert "Metadata Quality Working Group" in quality.alt_labels


def test_the_subject_of_an_action_or_of_the_lead_in_above_it_leads_it():
    text = ("# Ostery Digital Plan 2026\n\nIt is published by Ostery Borough Council.\n\n## Actions\n\n"
            "#### Action 04: the Records Office will publish a catalogue of its data sets\n\n"
            "The Ostery Digital Service will:\n\n- open a help desk for small charities\n"
            "- train staff in every library by March 2027\n\n"
            "#### Action 05: we will review the plan every year\n\n"
            "#### Action 06: KDS will contact the suppliers about the new contract\n")
    f = extract(parse_markdown(text, "plan.md"))
    leads = pairs(f, "ledBy")
    assert any(a.startswith("the Records Office will publish") or a.startswith("Records Office will")
               for a, b in leads if b == "Records Office")
    assert {("open a help desk for small charities", "Ostery Digital Service"),
            ("train staff in every library by March 2027", "Ostery Digital Service")} <= leads
    assert not any(a.startswith("we will review") for a, _ in leads)  # "we" names no one
    assert any(b == "KDS" for a, b in leads if "contact the suppliers" in a)


def test_bodies_named_by_their_remit_and_organisation_suffixes():
    text = ("# Kestrel Skills Plan\n\nIn April 2026 the Department for Learning published new guidance, and "
            "claimants of some Department for Work and Pensions benefit were surveyed with the University of "
            "Kestrel. The Department of Homes and Local Government agreed. "
            "So did Northvale and Kestrel UHB.\n\n"
            "The Presentation of Kestrel Police was noted. The Repository Service for KXA was retired.\n")
    f = facts_of(text, "plan.md")
    orgs = labels(f, "Organisation")
    assert {"Department for Learning", "Department for Work and Pensions", "University of Kestrel",
            "Department of Homes and Local Government", "Northvale and Kestrel UHB"} <= orgs
    named = orgs | labels(f, "Board")
    assert not {"Department of Homes", "Local Government", "Repository Service for KXA"} & named
    assert not any(label.startswith("Presentation of") for label in labels(f, "Board"))


def test_an_attendance_table_with_dash_columns_keeps_each_organisation():
    text = ("Kestrel Standards Board\n\nMinutes of the meeting\nTuesday 3 March 2026\n\nAttendees:\n"
            "Ann Other (AO) (Chair)\t\t-\tNorthvale and Kestrel UHB\n"
            "Bob Example (BE)\t\t-\tKestrel Government\n"
            "Cy Sample (CS)\t\t\t-\tNorthvale Data Service\n")
    f = facts_of(text, "minutes.txt")
    assert {"Northvale and Kestrel UHB", "Kestrel Government"} <= labels(f, "Organisation")


def test_posts_named_in_prose_with_no_holder():
    text = ("# Ostery Records Plan\n\nThe Chief Records Officers of each agency will meet monthly. "
            "Each Service Manager reports to the Director of Housing Services, and the Head of Digital "
            "and Data signs the plan off. Anna Fiction will chair.\n")
    posts = labels(facts_of(text, "plan.md"), "Post")
    assert {"Chief Records Officer", "Service Manager", "Director of Housing Services",
            "Head of Digital and Data"} <= posts
    assert not any(p.startswith(("Each", "The ")) for p in posts)


def test_people_named_in_running_text():
    text = ("# Kestrel Data Review\n\nFor licensing questions, contact Andreas Example of the firm of "
            "Sample and Partners. The panel will consult Sir Bob Fiction and Lord Madeup, and the work "
            "goes via Ngozi Placeholder at the records office. Grants were given by the Aoife Example "
            "Foundation on Nicholas Street, and the Roman Catholic Church hall hosted the event.\n")
    people = labels(facts_of(text, "review.md"), "Person")
    assert {"Andreas Example", "Bob Fiction", "Lord Madeup", "Ngozi Placeholder"} <= people
    assert not people & {"Aoife Example", "Nicholas Street", "Roman Catholic Church"}


def test_bodies_sharing_one_plural_noun_and_a_body_before_its_report():
    text = ("# Ostery Standards Board\n\nSeparate data, document and technical standards panels will "
            "advise the Board. Last year we combined the Records and Archives Panels. The Ostery "
            "Procurement Taskforce Report was welcomed. Each area has Health and Wellbeing Boards, and "
            "the Kestrel Health and Wellbeing Board meets monthly.\n")
    boards = labels(facts_of(text, "board.md"), "Board")
    assert {"Data Standards Panel", "Document Standards Panel", "Technical Standards Panel",
            "Records Panel", "Archives Panel", "Ostery Procurement Taskforce"} <= boards
    assert not boards & {"Health Board", "Wellbeing Board"}


def test_organisations_listed_after_stakeholders_including_or_working_with():
    text = ("# Ostery Inclusion Plan\n\nThe council and stakeholders including Kestrel Aid, Example UK, "
            "Society of Ostery Librarians, and Ostra are working together. We also work with Northvale Arts "
            "and KXDS. We will work with schools and local partners, and with the Standards Panels.\n")
    orgs = labels(facts_of(text, "plan.md"), "Organisation")
    assert {"Kestrel Aid", "Example UK", "Society of Ostery Librarians", "Ostra", "Northvale Arts",
            "KXDS"} <= orgs
    assert not orgs & {"Standards Panels", "schools", "local partners"}


def test_a_given_name_as_a_subject_and_an_initial_with_a_surname():
    text = ("# Ostery TSC notes\n\n- KDS: Diana is leaving the project.\n- ACME: B. Example leaving, "
            "C. Sample joining. This was noted by the E. This group and the U.S. Census Bureau.\n")
    people = labels(facts_of(text, "notes.md"), "Person")
    assert {"Diana", "B. Example", "C. Sample"} <= people
    assert not any(p.endswith(("This", "Census")) for p in people)


def test_reporting_lines_stated_as_sub_committee_appointed_governed_advises():
    sentences = {
        "The Ostery Finance Sub-Committee is a sub-committee of the Kestrel Resources Committee.":
            ("Ostery Finance Sub-Committee", "Kestrel Resources Committee"),
        "The Ostery Ethics Panel is appointed by the Kestrel Research Council.":
            ("Ostery Ethics Panel", "Kestrel Research Council"),
        "The Ostery Advisory Group advises the Kestrel Steering Committee.":
            ("Ostery Advisory Group", "Kestrel Steering Committee"),
        "The Ostery Youth Forum is governed by and falls under the Kestrel Children's Board.":
            ("Ostery Youth Forum", "Kestrel Children's Board"),
        "The Ostery Data Subcommittee reports to the Kestrel Library Board, not to the Kestrel Cabinet.":
            ("Ostery Data Subcommittee", "Kestrel Library Board"),
    }
    for sentence, line in sentences.items():
        f = extract(parse_markdown(f"# Governance\n\n{sentence}\n", "governance.md"))
        assert pairs(f, "reportsTo") == {line}, sentence


def test_bodies_written_in_lower_case():
    text = ("# Ostery Records Plan\n\nRisks are escalated to the audit committee, and the schools forum "
            "agreed the budget. The new board and the project board will meet; the board of trustees "
            "signs off.\n")
    boards = labels(facts_of(text, "plan.md"), "Board")
    assert {"audit committee", "schools forum"} <= boards
    assert not boards & {"new board", "project board"}


def test_a_star_beside_a_member_means_what_the_note_says():
    text = ("# Ostery Library Board\n\n## Board members\n\n| Name | Organisation | Term |\n"
            "| --- | --- | --- |\n| Ruth Alder | ACME | 2025 - 2027\\* |\n"
            "| Sam Quill | KDS | 2025 - 2027 |\n\n"
            "NOTE: \\* marked entries denote Council appointed members, others are elected.\n")
    f = extract(parse_markdown(text, "board.md"))
    notes = {f.entities[r.subject].label: r.qualifiers.get("qualifier") for r in f.relations
             if r.predicate == "memberOf"}
    assert notes == {"Ruth Alder": "Council appointed members", "Sam Quill": None}


def test_a_body_made_up_of_representatives_of_organisations():
    text = ("# Ostery Safety Board\n\nThe Ostery Safety Board is made up of representatives from Kestrel "
            "Police, Northvale Fire Service and Ostery Borough Council. The Board meets quarterly.\n")
    members = {a for a, b in pairs(facts_of(text, "board.md"), "memberOf") if b == "Ostery Safety Board"}
    assert members == {"Kestrel Police", "Northvale Fire Service", "Ostery Borough Council"}


def test_a_post_beside_a_name_in_the_minutes_prose():
    text = ("# Ostery Port Committee\n\n"
            "## Presentation on the harbour – Ann Example, Head of Port Services\n\n"
            "Assistant Minister for Records, Bob Fiction, welcomed the report. Cy Sample, Director of "
            "Estates, replied that the work was funded. Dee Madeup, Friday, agreed.\n")
    held = pairs(facts_of(text, "minutes.md"), "holds")
    assert {("Ann Example", "Head of Port Services"), ("Bob Fiction", "Assistant Minister for Records"),
            ("Cy Sample", "Director of Estates")} <= held
    assert not any(person == "Dee Madeup" for person, _ in held)  # "Friday" is not a post


MEMBER_LIST = """# Ostery Project Governance

## Technical Steering Committee

The Technical Steering Committee (TSC) is responsible for technical oversight.

### Membership

The TSC is composed of the following members:

- Ann Example (@aexample), Kestrel Labs
- Bob Fiction (Chair), Northvale Systems, Central European Time
- Cy Sample, cy@sample.example, Ostery Data, Eastern Time
- Dee Madeup (@dmadeup) [Harrowby Foundation]
- Eve Placeholder, Head of Records, Kestrel Council (ex officio)
- Director of Public Health, Kestrel Council

Current emeritus members:

```
Finn Example (@finnex)
Gail Sample (@gsample)
```
"""


def test_a_list_of_members_one_person_a_line():
    f = facts_of(MEMBER_LIST, "governance.md")
    members = {a for a, b in pairs(f, "memberOf") if b == "Technical Steering Committee"}
    assert {"Ann Example", "Bob Fiction", "Cy Sample", "Dee Madeup", "Eve Placeholder", "Finn Example",
            "Gail Sample", "Kestrel Council"} <= members
    assert {"Kestrel Labs", "Northvale Systems", "Ostery Data", "Harrowby Foundation"} <= \
        labels(f, "Organisation")
    assert not labels(f, "Organisation") & {"Central European Time", "Eastern Time"}
    held = pairs(f, "holds")
    assert {("Bob Fiction", "Chair of Technical Steering Committee"),
            ("Eve Placeholder", "Head of Records")} <= held
    assert ("Director of Public Health", "Kestrel Council") in pairs(f, "postIn")
    assert not any("," in post for post in labels(f, "Post"))  # no post is a whole line
    notes = {f.entities[r.subject].label: r.qualifiers.get("qualifier") for r in f.relations
             if r.predicate == "memberOf" and f.entities[r.subject].cls == "Person"}
    assert notes["Eve Placeholder"] == "ex officio" and not notes["Ann Example"]
    past = {f.entities[r.subject].label for r in f.relations if r.qualifiers.get("status") == "past"}
    assert past == {"Finn Example", "Gail Sample"}


def test_a_body_chaired_by_a_person():
    text = ("# Ostery Records Board\n\nThe Kestrel Archive Panel is chaired by Ann Example; it meets "
            "quarterly. The Ostery Records Board will be co-chaired by Bob Fiction.\n")
    f = facts_of(text, "tor.md")
    assert {("Ann Example", "Chair of Kestrel Archive Panel"),
            ("Bob Fiction", "Co-Chair of Ostery Records Board")} <= pairs(f, "holds")
    assert ("Ann Example", "Kestrel Archive Panel") in pairs(f, "memberOf")


def test_a_given_name_with_an_initial_and_a_surname_alone_in_minutes():
    text = ("# Ostery Records Board\n\nMinutes of the meeting held on 3 March 2026\n\n"
            "Present: Jack Holloway (Chair), Ann Example, Ann Sample, Bob Fiction\n\n## 1. Register\n\n"
            "Jack H. to circulate the register. Ann S. will check the dates. Fiction to report back. "
            "Ann E. and Ann Q. will help.\n")
    f = facts_of(text, "minutes.md")
    alt = {e.label: e.alt_labels for e in f.entities.values() if e.cls == "Person"}
    assert "Jack H." in alt["Jack Holloway"] and "Ann S." in alt["Ann Sample"]
    assert "Fiction" in alt["Bob Fiction"]
    assert "Ann Q." in alt  # fits no one listed: a person of their own


def test_bodies_sharing_a_plural_noun_advise_and_an_organisation_advised_by_a_body():
    text = ("# Ostery Records Board\n\nSeparate archive, image and map records panels will be set up to "
            "advise the Ostery Records Board. Kestrel Council, advised by an Ostery Records Board, sets "
            "the rules.\n")
    lines = pairs(facts_of(text, "board.md"), "reportsTo")
    board = "Ostery Records Board"
    assert {("Archive Records Panel", board), ("Image Records Panel", board), ("Map Records Panel", board),
            (board, "Kestrel Council")} <= lines


def test_a_body_chaired_by_a_post_and_a_list_of_its_roles():
    text = ('# Ostery Records Board\n\nThe <abbr title="Chief Records Officer">CRO</abbr> sets policy. The '
            "Ostery Records Board will be a sub-board of the Kestrel Digital Executive, chaired by the "
            "Government CRO.\n\n### Roles associated with the Ostery Records Board\n\n"
            "* Chair - the senior owner of records policy.\n* Board Members - volunteers who attend each "
            "meeting.\n* Meetings - twice a year.\n")
    f = extract(parse_markdown(text, "board.md"))
    led = {(a, b) for a, b in pairs(f, "ledBy")}
    assert ("Ostery Records Board", "Government CRO") in led
    assert not any(a == "Kestrel Digital Executive" for a, _ in led)
    posts = {(a, b) for a, b in pairs(f, "postIn") if b == "Ostery Records Board"}
    assert posts == {("Chair of Ostery Records Board", "Ostery Records Board"),
                     ("Member of Ostery Records Board", "Ostery Records Board")}


def test_a_person_named_to_a_role_in_the_body_whose_minutes_these_are():
    text = ("# Minutes :: Ostery ORB Meeting 7\n\n## In Attendance\n\n* Kestrel - Alder, Quill\n\n"
            "### 1. Changes to the ORB\n\n- Ruth Q. Alder is the new secretary\n"
            "- Sam Quill was elected Vice-Chair.\n- Ann Example is the chair of the audit panel.\n")
    held = pairs(facts_of(text, "minutes.md"), "holds")
    assert {("Ruth Q. Alder", "Secretary of Ostery ORB"), ("Sam Quill", "Vice-chair of Ostery ORB")} <= held
    assert not any(person == "Ann Example" for person, _ in held)  # "chair of ..." another body
