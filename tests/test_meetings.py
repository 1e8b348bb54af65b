"""Meetings, attendance, apologies, substitutes, presenters and resolutions: on the real board
papers (seed 004, a report to a meeting in seed 001) and on minutes written for these tests in
shapes the seeds do not use (a pipe table with Present / Apologies columns, inline lists,
"Cllr", a tab table with ")" braces, an agenda header with a Venue)."""

from __future__ import annotations

import pytest
from meeting_facts import facts_of, meeting, objects, pairs, person, subjects_of

from plangraph.ingest.document import Span
from plangraph.ingest.extractors import extract
from plangraph.ingest.extractors.meeting_words import meeting_date, recase
from plangraph.ingest.extractors.meetings import extract_meetings
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers.text import parse_text


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
