"""Meetings, attendance, apologies, substitutes, presenters and resolutions: on the real board
papers (seed 004, a report to a meeting in seed 001) and on minutes written for these tests in
shapes the seeds do not use (a pipe table with Present / Apologies columns, inline lists,
"Cllr", a tab table with ")" braces, an agenda header with a Venue)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.ingest.document import Span
from plangraph.ingest.extractors import extract
from plangraph.ingest.extractors.meeting_words import meeting_date, recase
from plangraph.ingest.extractors.meetings import extract_meetings
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers import read_document
from plangraph.ingest.readers.text import parse_text


def facts_of(path: Path) -> Facts:
    doc, _ = read_document(path)
    return extract(doc)


def meeting(facts: Facts, label: str) -> str:
    keys = [e.key for e in facts.of_class("Meeting") if e.label == label]
    assert keys, sorted(e.label for e in facts.of_class("Meeting"))
    return keys[0]


def objects(facts: Facts, subject: str, predicate: str) -> set[str]:
    return {facts.entities[r.object].label for r in facts.relations
            if r.subject == subject and r.predicate == predicate}


def subjects_of(facts: Facts, predicate: str, obj_label: str) -> set[str]:
    return {facts.entities[r.subject].label for r in facts.relations
            if r.predicate == predicate and facts.entities[r.object].label == obj_label}


def pairs(facts: Facts, predicate: str) -> set[tuple[str, str]]:
    return {(facts.entities[r.subject].label, facts.entities[r.object].label)
            for r in facts.relations if r.predicate == predicate}


def person(facts: Facts, label: str) -> str:
    return next(e.key for e in facts.of_class("Person") if e.label == label)


# -- seed 004: agenda for 25 September 2013, minutes of 26 June 2013, reports ---------------------
@pytest.fixture(scope="module")
def papers(seed) -> Facts:
    return facts_of(seed("004"))


JUNE = "Children's Partnership Board 26 June 2013"
PRESENT = {"David Mellen", "Chris Wallbanks", "Candida Brudenell", "Deb Hooton", "Phyllis Brackenbury",
           "Steven Cooper", "Wendy Smith", "Gareth Owen", "Paul Burnett", "Anne Danvers", "Stephen McLaren",
           "Malcolm Cowgill", "John Yarman", "Nigel Hill", "Uzair Hashmi", "Natalie Robinson"}
APOLOGIES = {"Mike Butler", "Jon Collins", "Angela Horsley", "Jill Robey", "Karen Slack"}
ALSO = {"Mark Andrews", "Sara-Jane Brighouse", "Tim O'Neill", "Viv McCrossen", "Dot Veitch",
        "Cath Ziane-Pryor"}


def test_the_agenda_and_the_minutes_are_two_meetings_of_one_board(papers):
    sept = meeting(papers, "Children's Partnership Board 25 September 2013")
    june = meeting(papers, JUNE)
    assert papers.entities[sept].props["date"] == [("date", "2013-09-25")]
    assert papers.entities[june].props["date"] == [("date", "2013-06-26")]
    place = "Ground Floor Committee Room at Loxley House, Station Street"
    assert papers.entities[sept].props["location"] == [place]
    assert papers.entities[june].props["location"] == ["Loxley House"]
    assert objects(papers, sept, "ofBoard") == objects(papers, june, "ofBoard")
    # the reports to the 25 September meeting ("Report to: Nottingham Children's Partnership Board",
    # "Date: 25 th September 2013") are that meeting, not new ones
    assert len(papers.of_class("Meeting")) == 2
    # the agenda's items name what the meeting is about
    assert "Stronger safeguarding" in objects(papers, sept, "concerns")
    assert "Nottingham Children's Partnership Workforce Strategy 2013/14 refresh Action Plan" in \
        objects(papers, sept, "concerns")
    assert "Priority Families programme" in objects(papers, june, "concerns")


def test_ticked_rows_attended_and_every_listed_member_belongs_to_the_board(papers):
    june = meeting(papers, JUNE)
    assert objects(papers, june, "attendee") == PRESENT
    board = next(iter(objects(papers, june, "ofBoard")))
    members = subjects_of(papers, "memberOf", board)
    # listed but neither ticked nor in the apologies: still members
    assert {"Ian Curryer", "Jon Rea", "Paula Webber", "Andy Sloan", "Holly White", "Darrell Redmond",
            "Dawn Smith"} <= members
    assert members >= PRESENT | APOLOGIES
    youth = subjects_of(papers, "memberOf", "Youth Cabinet")
    assert youth >= {"Holly White", "Uzair Hashmi", "Natalie Robinson"}


def test_apologies_keep_only_the_name_and_the_honorific_apart(papers):
    june = meeting(papers, JUNE)
    assert objects(papers, june, "apologiesFrom") == APOLOGIES
    collins = papers.entities[person(papers, "Jon Collins")]
    assert collins.props["honorific"] == ["Councillor"]
    mellen = papers.entities[person(papers, "David Mellen")]
    assert mellen.props["honorific"] == ["Councillor"]
    assert not [e.label for e in papers.of_class("Person")
                if "Councillor" in e.label or "Substitut" in e.label or "Business" in e.label]


def test_the_substitute_attended_for_the_member_whose_seat_it_is(papers):
    assert ("Deb Hooton", "Dawn Smith") in pairs(papers, "substituteFor")
    dawn = person(papers, "Dawn Smith")
    assert objects(papers, dawn, "holds") == {"Chief Operating Officer"}
    post = next(r.object for r in papers.relations if r.subject == dawn and r.predicate == "holds")
    assert objects(papers, post, "postIn") == {"NHS Nottingham City Clinical Commissioning Group"}


def test_also_in_attendance_are_there_but_not_members(papers):
    june = meeting(papers, JUNE)
    assert objects(papers, june, "inAttendance") == ALSO
    board = next(iter(objects(papers, june, "ofBoard")))
    assert not ALSO & subjects_of(papers, "memberOf", board)
    assert not ALSO & objects(papers, june, "attendee")


def test_posts_read_from_the_broken_table_cells(papers):
    held = pairs(papers, "holds")
    post_in = pairs(papers, "postIn")
    # "Chair of the Board and)" above "- Portfolio Holder for Children's)" and "Services)": two posts,
    # the Council's from the brace beside five rows
    assert ("David Mellen", "Chair of the Board") in held
    assert ("David Mellen", "Portfolio Holder for Children's Services") in held
    assert ("Portfolio Holder for Children's Services", "Nottingham City Council") in post_in
    assert ("Ian Curryer", "Chief Executive") in held
    assert ("Chief Executive", "Nottingham City Council") in post_in
    assert ("Andy Sloan", "Head Teacher, Rosehill School (Special School representation)") in held
    assert ("Wendy Smith", "Chair, CONGA (City of Nottingham Governors' Association)") in held
    assert ("Chair, CONGA (City of Nottingham Governors' Association)",
            "City of Nottingham Governors' Association") in post_in
    assert ("Principal, Central Nottingham College", "Central Nottingham College") in post_in
    assert ("Director", "Nottinghamshire Probation Trust") in post_in
    assert ("Dot Veitch", "Partnership Support Officer") in held


def test_presenters_and_their_posts(papers):
    june = meeting(papers, JUNE)
    assert {"Tim O'Neill", "Phyllis Brackenbury", "Katy Ball", "Anne Danvers", "Paul Burnett",
            "Viv McCrossen", "Dot Veitch"} <= objects(papers, june, "presenter")
    assert ("Tim O'Neill", "Director of Family Community Teams") in pairs(papers, "holds")
    # his organisation is the one the attendance list gave him
    assert ("Director of Family Community Teams", "Nottingham City Council") in pairs(papers, "postIn")
    # "Joint Interim Director of Children and Families and Head of Early Intervention and ...": two posts
    ball = objects(papers, person(papers, "Katy Ball"), "holds")
    assert {"Joint Interim Director of Children and Families",
            "Head of Early Intervention and Market Development"} <= ball


def test_resolutions_are_decisions_with_their_lines(papers):
    june = meeting(papers, JUNE)
    decisions = [papers.entities[r.object] for r in papers.relations
                 if r.subject == june and r.predicate == "decision"]
    by_label = {d.label: d for d in decisions}
    noted = by_label["The Early Intervention update and planed action be noted"]
    assert (noted.span.line_start, noted.span.line_end) == (208, 208)
    # "RESOLVED" over "(1) to note the report; (2) ... (4) ...": one decision each
    assert {"To note the report", "To support the culture change and staff engagement"} <= set(by_label)
    assert all(len(d.label.split()) <= 41 for d in decisions)
    # "(1) to note: (i) the revised NCSCB Business Plan for 2013/14 ..." is about that plan
    ncscb = next(d for d in decisions if "NCSCB Business Plan" in d.label)
    assert "NCSCB Business Plan for 2013/14" in objects(papers, ncscb.key, "concerns")


def test_provenance_spans_are_the_lines_read(papers):
    june = meeting(papers, JUNE)
    mellen = person(papers, "David Mellen")
    attended = next(r for r in papers.relations if r.subject == june and r.predicate == "attendee"
                    and r.object == mellen)
    assert attended.span.line_start <= 62 <= attended.span.line_end
    assert papers.entities[june].span.line_start in (55, 57)
    hooton = next(r for r in papers.relations if r.predicate == "substituteFor")
    assert (hooton.span.line_start, hooton.span.line_end) == (71, 72)


def test_a_report_to_a_meeting_concerns_the_report_s_plan(seed):
    facts = facts_of(seed("001"))
    key = meeting(facts, "Nottinghamshire Children and Young People's Partnership Board 9 March 2009")
    assert facts.entities[key].props["date"] == [("date", "2009-03-09")]
    assert objects(facts, key, "concerns") == {facts.entities[facts.plan].label}
    assert objects(facts, key, "ofBoard") == {"Nottinghamshire Children and Young People's Partnership Board"}


# -- minutes written for these tests ----------------------------------------------------------------
PIPE_MINUTES = """MARSHFORD BOROUGH COUNCIL

MINUTES of the meeting of the Marshford Health and Wellbeing Board held at the Guildhall, Marshford \
on Tuesday 4 March 2025 from 2.00pm to 3.30pm.

| Member | Title | Organisation | Present | Apologies |
| --- | --- | --- | --- | --- |
| Cllr Jane Porter (Chair) | Cabinet Member for Adult Social Care | Marshford Borough Council | ✓ | |
| Dr Omar Shaikh | Director of Public Health | Marshford Borough Council | | ✓ |
| Rachel Green (substituting for Omar Shaikh) | Consultant in Public Health | Marshford Borough Council | ✓ |\
 |
| Peter Lund | Chief Executive | Fenside NHS Foundation Trust | ✓ | |
| Chief Supt Alan Kerr | Area Commander | Fenside Police | | |
| Sarah O'Brien | Head of Adult Services | Marshford Borough Council | Y | |

Also in attendance: Tom Baxter (Democratic Services Officer) and Lucy Frame.

Apologies for absence were received from Councillor Mark Ellis.

1. HEALTHY WEIGHT STRATEGY

Sarah O'Brien, Head of Adult Services, introduced the report.

RESOLVED:

(1) that the Marshford Healthy Weight Strategy 2025-2028 be approved;

(2) that a progress report be brought to the September meeting.
"""


@pytest.fixture(scope="module")
def pipe_minutes() -> Facts:
    doc = parse_text(PIPE_MINUTES, "hwb-minutes.md", "text/markdown")
    facts = Facts(area="Marshford")
    # the plan another extractor (or another document's mention) found: resolutions point at it
    facts.entity("Plan", "Marshford Healthy Weight Strategy 2025-2028", Span(1, 1))
    extract_meetings(doc, facts)
    return facts


def test_pipe_table_with_present_and_apologies_columns(pipe_minutes):
    f = pipe_minutes
    key = meeting(f, "Marshford Health and Wellbeing Board 4 March 2025")
    assert f.entities[key].props["location"] == ["Guildhall, Marshford"]
    assert objects(f, key, "attendee") == {"Jane Porter", "Rachel Green", "Peter Lund", "Sarah O'Brien"}
    assert objects(f, key, "apologiesFrom") == {"Omar Shaikh", "Mark Ellis"}
    assert ("Rachel Green", "Omar Shaikh") in pairs(f, "substituteFor")
    members = subjects_of(f, "memberOf", "Marshford Health and Wellbeing Board")
    assert {"Jane Porter", "Omar Shaikh", "Peter Lund", "Alan Kerr", "Sarah O'Brien"} <= members
    assert "Alan Kerr" not in objects(f, key, "attendee") | objects(f, key, "apologiesFrom")


def test_honorifics_stay_out_of_names(pipe_minutes):
    f = pipe_minutes
    assert f.entities[person(f, "Jane Porter")].props["honorific"] == ["Cllr"]
    assert f.entities[person(f, "Alan Kerr")].props["honorific"] == ["Chief Supt"]
    assert f.entities[person(f, "Omar Shaikh")].props["honorific"] == ["Dr"]
    assert f.entities[person(f, "Mark Ellis")].props["honorific"] == ["Councillor"]


def test_posts_chair_and_organisations_from_the_columns(pipe_minutes):
    f = pipe_minutes
    held, post_in = pairs(f, "holds"), pairs(f, "postIn")
    assert ("Jane Porter", "Cabinet Member for Adult Social Care") in held
    assert ("Cabinet Member for Adult Social Care", "Marshford Borough Council") in post_in
    assert ("Jane Porter", "Chair") in held
    assert ("Chair", "Marshford Health and Wellbeing Board") in post_in
    assert ("Chief Executive", "Fenside NHS Foundation Trust") in post_in
    # the substitute's own title is hers: the absent member has a row of his own
    assert ("Rachel Green", "Consultant in Public Health") in held


def test_inline_also_in_attendance_and_presenter(pipe_minutes):
    f = pipe_minutes
    key = meeting(f, "Marshford Health and Wellbeing Board 4 March 2025")
    assert objects(f, key, "inAttendance") == {"Tom Baxter", "Lucy Frame"}
    members = subjects_of(f, "memberOf", "Marshford Health and Wellbeing Board")
    assert not {"Tom Baxter", "Lucy Frame"} & members
    assert objects(f, key, "presenter") == {"Sarah O'Brien"}


def test_resolution_list_gives_decisions_about_the_plan_they_name(pipe_minutes):
    f = pipe_minutes
    key = meeting(f, "Marshford Health and Wellbeing Board 4 March 2025")
    decisions = {f.entities[r.object].label: r.object for r in f.relations
                 if r.subject == key and r.predicate == "decision"}
    assert set(decisions) == {"The Marshford Healthy Weight Strategy 2025-2028 be approved",
                              "A progress report be brought to the September meeting"}
    approved = decisions["The Marshford Healthy Weight Strategy 2025-2028 be approved"]
    assert objects(f, approved, "concerns") == {"Marshford Healthy Weight Strategy 2025-2028"}
    assert "Marshford Healthy Weight Strategy 2025-2028" in objects(f, key, "concerns")


TAB_MINUTES = """HARBURY COUNCIL
YOUTH JUSTICE MANAGEMENT BOARD

Date: Monday 3 February 2025

Time: 10.00am

Venue: Room 4, Harbury Town Hall

HARBURY COUNCIL

YOUTH JUSTICE MANAGEMENT BOARD

MINUTES of meeting held at Harbury Town Hall on 3 FEBRUARY 2025 from 10.00am.

✓ Indicates present at meeting

✓ Cllr Ruth Adeyemi\t- Chair of the Board and)\t
\tPortfolio Holder for Communities)\tHarbury Council
✓ Ben Foster\t- Head of Youth Justice)\t
Kay Lin\t- Principal, Harbury College\t- Further Education

1 APOLOGIES FOR ABSENCE

Kay Lin - on leave

2 YOUTH JUSTICE PLAN

RESOLVED to note the report.
"""


def test_tab_table_with_braces_and_an_agenda_header_for_the_same_day():
    facts = extract(parse_text(TAB_MINUTES, "yjmb.txt"))
    assert len(facts.of_class("Meeting")) == 1
    key = meeting(facts, "Youth Justice Management Board 3 February 2025")
    assert facts.entities[key].props["location"] == ["Room 4, Harbury Town Hall"]
    assert objects(facts, key, "attendee") == {"Ruth Adeyemi", "Ben Foster"}
    assert objects(facts, key, "apologiesFrom") == {"Kay Lin"}
    held, post_in = pairs(facts, "holds"), pairs(facts, "postIn")
    assert {("Ruth Adeyemi", "Chair of the Board"), ("Ruth Adeyemi", "Portfolio Holder for Communities"),
            ("Ben Foster", "Head of Youth Justice")} <= held
    # one organisation beside a brace over two people's titles is both people's
    assert {("Portfolio Holder for Communities", "Harbury Council"),
            ("Head of Youth Justice", "Harbury Council")} <= post_in
    board = next(r.object for r in facts.relations if r.subject == key and r.predicate == "ofBoard")
    names = {facts.entities[board].label, *facts.entities[board].alt_labels}
    assert "Youth Justice Management Board" in names
    assert ("Chair of the Board", facts.entities[board].label) in post_in
    # "Further Education" is a sector, so the college in the title is Kay Lin's organisation
    assert ("Principal, Harbury College", "Harbury College") in post_in
    assert [facts.entities[r.object].label for r in facts.relations
            if r.subject == key and r.predicate == "decision"] == ["To note the report"]


def test_no_meeting_without_a_board_and_a_day():
    text = "# Healthy Weight Plan\n\nDate: 4 March 2025\n\nThe plan was agreed by partners.\n"
    assert not extract(parse_text(text, "plan.md", "text/markdown")).of_class("Meeting")


def test_recase_and_dates():
    acronyms = {"CAMHS"}
    assert recase("CHILDREN'S PARTNERSHIP BOARD") == "Children's Partnership Board"
    assert recase("NHS NOTTINGHAM CITY CCG") == "NHS Nottingham City CCG"
    assert recase("CAMHS PARTNERSHIP BOARD", acronyms) == "CAMHS Partnership Board"
    assert recase("SAFEGUARDING CHILDREN BOARD (NSCB)") == "Safeguarding Children Board (NSCB)"
    assert recase("Already Mixed Case") == "Already Mixed Case"
    assert str(meeting_date("25 th September 2013")) == "2013-09-25"
    assert str(meeting_date("Wednesday 25 September 2013")) == "2013-09-25"
    assert str(meeting_date("25/09/2013")) == "2013-09-25"
    assert meeting_date("4.00pm") is None


def test_minutes_titled_by_a_board_line_with_attendees_and_apologies_in_tab_rows() -> None:
    """A title line naming the body, 'Minutes of the meeting' and its day, then 'Attendees:' and
    'Apologies:' rows 'Name (INITIALS) (Chair) - Organisation' separated by tabs."""
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("Ostery Digital Standards Board\n\nMinutes of the meeting\nTuesday 3 March 2026 – 10:00-12:00\n\n"
            "Attendees:\nRuth Alder (RA) (Chair)\t\t-\tOstery Council\n"
            "Owen Pike (OP)\t\t-\tKestrel Health Board\n\n"
            "Apologies:\nNadia Frost (NF)\t\t-\tOstery University\nLeo Hart (LH)\t\t-\tOstery Council\n\n"
            "Data sharing\n\nRA said the pilot had gone well.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    (meeting,) = facts.of_class("Meeting")
    assert meeting.label == "Ostery Digital Standards Board 3 March 2026"
    people = {e.label for e in facts.of_class("Person")}
    assert {"Ruth Alder", "Owen Pike", "Nadia Frost", "Leo Hart"} <= people


def test_a_meeting_heading_with_an_iso_date_and_names_set_apart_by_spaces() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# 2026-03-04 Ostery Library Board Meeting\n\n**Attendees**\n\nRuth Alder  Chair\n"
            "Owen Pike  Ostery Council\n\n## 1. Opening hours\n\nThe Board agreed the survey.\n")
    facts = extract(parse_markdown(text, "library-board.md"))
    assert [e.label for e in facts.of_class("Meeting")] == ["Ostery Library Board 4 March 2026"]
    people = {e.label for e in facts.of_class("Person")}
    assert people == {"Ruth Alder", "Owen Pike"}  # not "Ruth Alder Chair"


def test_a_minutes_title_wrapped_over_bold_lines_opens_the_meeting() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("**MINUTES OF PROCEEDINGS OF MEETING OF THE OSTERY HOUSING AND**\n\n"
            "**PLANNING POLICY COMMITTEE HELD ON MONDAY, 9 MARCH 2026 at 2PM IN**\n\n"
            "**COUNCIL CHAMBER**\n\n**MEMBERS PRESENT:** Councillors: Ruth Alder, Owen Pike\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    (meeting,) = facts.of_class("Meeting")
    assert meeting.label.endswith("Planning Policy Committee 9 March 2026")
    assert {"Ruth Alder", "Owen Pike"} <= {e.label for e in facts.of_class("Person")}


def test_attendees_with_their_organisation_after_one_space_and_non_members_attending() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("---\ntitle: 2026-05-12 Ostery Data Board Meeting\n---\n\nThe Board met.\n\n**Attendees**\n\n"
            "Ruth Alder  Chair\nChris Sample ACME\nMatt Example Kestrel\n\nNon-members attending:\n"
            "Dee Placeholder KDS (phone)\n\n**Apologies**\n\nEve Invented The Ostery Archive\n")
    facts = extract(parse_markdown(text, "2026-05-12.md"))
    (m,) = facts.of_class("Meeting")
    assert "Ostery Data Board 2026-05-12" in m.alt_labels  # the day as the title wrote it
    people = {e.label for e in facts.of_class("Person")}
    assert people == {"Ruth Alder", "Chris Sample", "Matt Example", "Dee Placeholder", "Eve Invented"}
    orgs = {e.label.removeprefix("The ") for e in facts.of_class("Organisation")}
    assert {"ACME", "Kestrel", "KDS", "Ostery Archive"} <= orgs
    also = {facts.entities[r.object].label for r in facts.relations if r.predicate == "inAttendance"}
    assert also == {"Dee Placeholder"}


def test_a_numbered_meeting_and_surnames_grouped_by_organisation() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# Minutes :: Ostery TSC Meeting 7\n\n## In Attendance\n\n* KDS - Alder, Pike\n"
            "* ACME - Quill\n\n### 1. Releases\n\n- The next release is in May.\n")
    facts = extract(parse_markdown(text, "tsc-7.md"))
    assert [e.label for e in facts.of_class("Meeting")] == ["Ostery TSC Meeting 7"]
    assert {"Alder", "Pike", "Quill"} <= {e.label for e in facts.of_class("Person")}
    assert {"KDS", "ACME"} <= {e.label for e in facts.of_class("Organisation")}


def test_labelled_name_lists_in_a_double_spaced_conversion() -> None:
    """A PDF converted with a blank line after every printed line: names wrap into the next
    paragraph; labels in capitals say who was present, in the chair, or only attending."""
    from plangraph.ingest.readers.markdown import parse_markdown

    lines = [
        "**MINUTES OF MEETING OF THE OSTERY HOUSING, TRANSPORT AND**",
        "**PLANNING POLICY COMMITTEE HELD ON MONDAY, 9 MARCH 2026 IN THE CIVIC HALL**",
        "PRESENT IN THE CHAIR: Councillor Ruth Alder",
        "MEMBERS PRESENT: Councillors: Owen Pike, Sam Quill, Dee Placeholder, Eve Invented, Fay",
        "Madeup, Gus Example, Hal Sample, Ivy Notreal Uí Bhriain",
        "OTHERS: Jon Fiction, KDS; Kay Example, Example Properties; Lee Sample, Ostery Echo;",
        "**OFFICIALS PRESENT:**",
        "Max Invented, Housing Services; Ned Madeup, Noor Sample, Forward Planning; Oli Fiction,",
        "Roads & Transport; Pat Example, Digital Services;",
        "APOLOGIES: Councillor E. O’Example,",
        "**Item 1**",
        "The minutes of the last meeting were agreed on the proposal of Councillor Owen Pike and it was",
        "seconded by Councillor Sam Quill; the Chair thanked the officers for the papers they had sent.",
        "The committee noted the report on the housing register and asked for an update in the spring.",
    ]
    facts = extract(parse_markdown("\n\n".join(lines) + "\n", "minutes.md"))
    (m,) = facts.of_class("Meeting")
    assert m.label == "Ostery Housing, Transport and Planning Policy Committee 9 March 2026"
    people = {e.label for e in facts.of_class("Person")}
    assert {"Ruth Alder", "Fay Madeup", "Ivy Notreal Uí Bhriain", "Jon Fiction", "Kay Example",
            "Noor Sample", "Oli Fiction", "E. O’Example"} <= people
    assert not people & {"Example Properties", "Ostery Echo", "Forward Planning"}
    orgs = {e.label for e in facts.of_class("Organisation")}
    assert {"KDS", "Example Properties", "Forward Planning", "Roads & Transport"} <= orgs
    by = {(r.predicate, facts.entities[r.object].label) for r in facts.relations if r.subject == m.key}
    assert ("attendee", "Ruth Alder") in by and ("attendee", "Fay Madeup") in by
    assert ("inAttendance", "Noor Sample") in by and ("inAttendance", "Jon Fiction") in by
    assert ("apologiesFrom", "E. O’Example") in by
    chair = {facts.entities[r.object].label for r in facts.relations
             if r.predicate == "holds" and facts.entities[r.subject].label == "Ruth Alder"}
    assert chair == {"Chair"}


def test_initials_beside_an_attendee_are_hers_and_a_chair_after_them_is_a_post() -> None:
    text = ("Kestrel Standards Board\n\nMinutes of the meeting\nTuesday 3 March 2026\n\nAttendees:\n"
            "Ann Other (AO) (Chair)\t\t-\tNorthvale Trust\nBob Example (BE)\t\t-\tKestrel Council\n\n"
            "Item 1\n\nBE will send the survey to every school by May.\n")
    facts = extract(parse_text(text, "minutes.txt"))
    ann = next(e for e in facts.of_class("Person") if e.label == "Ann Other")
    assert "AO" in ann.alt_labels
    chair = [facts.entities[r.object] for r in facts.relations
             if r.predicate == "holds" and r.subject == ann.key]
    assert [p.label for p in chair] == ["Chair"] and facts.has(chair[0].key, "postIn")


def test_initials_in_minutes_fit_one_attendee_or_stay_their_own() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# Minutes :: Ostery TSC Meeting 9\n\n## In Attendance\n\n* KDS - Alder, Grove, Green\n"
            "* ACME - Pike\n\n### 1. Releases\n\n- Diana H. Alder is the new secretary.\n"
            "- DA will send the release notes. GG suggested a survey (AP?).\n- WE will meet again in May.\n")
    facts = extract(parse_markdown(text, "tsc-9.md"))
    people = {e.label: e for e in facts.of_class("Person")}
    assert "Alder" not in people and "Alder" in people["Diana H. Alder"].alt_labels  # one person
    assert "DA" in people["Diana H. Alder"].alt_labels
    assert "GG" in people  # Grove or Green: the minutes do not say
    assert "AP" in people["Pike"].alt_labels and "WE" not in people


def test_github_handles_and_e_mail_addresses_beside_an_attendee() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# 2026-05-12 Ostery Data Board Meeting\n\n## Attendees\n\n- Jane Example (@jexample)\n"
            "- Bob Sample <bob@example.org>\n- @cysample (Cy Sample)\n\n## 1. Data catalogue\n\n"
            "The Board agreed the catalogue scope.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    people = {e.label: e for e in facts.of_class("Person")}
    assert set(people) == {"Jane Example", "Bob Sample", "Cy Sample"}
    assert "@jexample" in people["Jane Example"].alt_labels and "@cysample" in people["Cy Sample"].alt_labels
    assert people["Bob Sample"].props.get("email") == ["bob@example.org"]
    attended = {facts.entities[r.object].label for r in facts.relations if r.predicate == "attendee"}
    assert attended == set(people)


def test_an_action_owned_by_the_initials_in_brackets_at_its_end() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# Minutes :: Ostery TSC Meeting 9\n\n## In Attendance\n\n* KDS - Alder, Pike\n\n"
            "### 1. Actions\n\n- Action 4.2: Draft the licence note for the data sets (AA/KP).\n")
    facts = extract(parse_markdown(text, "tsc-9.md"))
    (action,) = facts.of_class("Action")
    owners = {facts.entities[r.object].label for r in facts.relations
              if r.subject == action.key and r.predicate == "ledBy"}
    assert owners == {"Alder", "Pike"}


def test_a_motion_with_its_proposer_and_seconder() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("**MINUTES OF THE OSTERY HOUSING COMMITTEE HELD ON MONDAY, 9 MARCH 2026**\n\n"
            "**MEMBERS PRESENT:** Councillors: Ruth Alder, Owen Pike\n\n**Item 1**\n\n"
            "The draft minutes were adopted on the proposal of Cllr. Ruth Alder, seconded by Cllr. Owen Pike "
            "and unanimously agreed.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    (decision,) = facts.of_class("Decision")
    assert decision.label == "The draft minutes were adopted"
    by = {(r.predicate, facts.entities[r.object].label) for r in facts.relations if r.subject == decision.key}
    assert by == {("proposedBy", "Ruth Alder"), ("secondedBy", "Owen Pike")}


def test_names_written_surname_first() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# 2026-05-12 Ostery Data Board Meeting\n\n## Attendees\n\n- ALDER, Ruth (Chair)\n"
            "- Cllr PIKE, Owen\n- Quill, Sam\n\n## Apologies\n\n- Kestrel, Northvale\n\n"
            "## 1. Data catalogue\n\nThe Board agreed.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    people = {e.label for e in facts.of_class("Person")}
    assert people == {"Ruth Alder", "Owen Pike", "Sam Quill"}


def test_roll_call_and_actions_owned_by_a_github_handle() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# 2026-05-12 Ostery Steering Committee Meeting\n\nRoll call: Ruth Alder, Owen Pike (@opike)\n\n"
            "## 1. Releases\n\n**@opike** to draft the release notes for May.\n\n"
            "@newperson will check the licences.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    attended = {facts.entities[r.object].label for r in facts.relations if r.predicate == "attendee"}
    assert attended == {"Ruth Alder", "Owen Pike"}
    leads = {(facts.entities[r.subject].label, facts.entities[r.object].label) for r in facts.relations
             if r.predicate == "ledBy"}
    assert leads == {("draft the release notes for May", "Owen Pike"), ("check the licences", "@newperson")}


def test_whereas_preambles_then_be_it_resolved() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("**MINUTES OF THE OSTERY LIBRARY COMMITTEE HELD ON MONDAY, 9 MARCH 2026**\n\n"
            "**MEMBERS PRESENT:** Councillors: Ruth Alder, Owen Pike\n\n**Item 1**\n\n"
            "WHEREAS the libraries close at five; and\n\nWHEREAS residents asked for later hours;\n\n"
            "NOW, THEREFORE, BE IT RESOLVED that the Ostery Library Plan be amended to open until eight.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    (decision,) = facts.of_class("Decision")
    assert decision.label.startswith("the Ostery Library Plan be amended") or "amended" in decision.label
    assert not any("WHEREAS" in e.label for e in facts.entities.values())


def test_members_recorded_absent() -> None:
    from plangraph.ingest.readers.markdown import parse_markdown

    text = ("# 2026-05-12 Ostery Data Board Meeting\n\nPresent: Ruth Alder, Owen Pike\n\n"
            "Members absent: Sam Quill, Tom Ash\n\n## 1. Data catalogue\n\nThe Board agreed.\n")
    facts = extract(parse_markdown(text, "minutes.md"))
    by = {(r.predicate, facts.entities[r.object].label) for r in facts.relations
          if r.predicate in ("attendee", "absentee")}
    assert by == {("attendee", "Ruth Alder"), ("attendee", "Owen Pike"), ("absentee", "Sam Quill"),
                  ("absentee", "Tom Ash")}
    members = {facts.entities[r.subject].label for r in facts.relations if r.predicate == "memberOf"}
    assert {"Sam Quill", "Tom Ash"} <= members  # absent members are still members
