"""Minutes in shapes the seeds do not use - titles, attendance lists, initials, handles, motions,
roll calls, resolutions - each on a short invented text."""

from __future__ import annotations

from meeting_facts import minutes_facts

from plangraph.ingest.extractors import extract
from plangraph.ingest.readers.markdown import parse_markdown
from plangraph.ingest.readers.text import parse_text


def test_minutes_titled_by_a_board_line_with_attendees_and_apologies_in_tab_rows() -> None:
    """A title line naming the body, 'Minutes of the meeting' and its day, then 'Attendees:' and
    'Apologies:' rows 'Name (INITIALS) (Chair) - Organisation' separated by tabs."""
    text = ("Ostery Digital Standards Board\n\nMinutes of the meeting\nTuesday 3 March 2026 – 10:00-12:00\n\n"
            "Attendees:\nRuth Alder (RA) (Chair)\t\t-\tOstery Council\n"
            "Owen Pike (OP)\t\t-\tKestrel Health Board\n\n"
            "Apologies:\nNadia Frost (NF)\t\t-\tOstery University\nLeo Hart (LH)\t\t-\tOstery Council\n\n"
            "Data sharing\n\nRA said the pilot had gone well.\n")
    facts = minutes_facts(text)
    (meeting,) = facts.of_class("Meeting")
    assert meeting.label == "Ostery Digital Standards Board 3 March 2026"
    people = {e.label for e in facts.of_class("Person")}
    assert {"Ruth Alder", "Owen Pike", "Nadia Frost", "Leo Hart"} <= people


def test_a_meeting_heading_with_an_iso_date_and_names_set_apart_by_spaces() -> None:
    text = ("# 2026-03-04 Ostery Library Board Meeting\n\n**Attendees**\n\nRuth Alder  Chair\n"
            "Owen Pike  Ostery Council\n\n## 1. Opening hours\n\nThe Board agreed the survey.\n")
    facts = extract(parse_markdown(text, "library-board.md"))
    assert [e.label for e in facts.of_class("Meeting")] == ["Ostery Library Board 4 March 2026"]
    people = {e.label for e in facts.of_class("Person")}
    assert people == {"Ruth Alder", "Owen Pike"}  # not "Ruth Alder Chair"


def test_a_minutes_title_wrapped_over_bold_lines_opens_the_meeting() -> None:
    text = ("**MINUTES OF PROCEEDINGS OF MEETING OF THE OSTERY HOUSING AND**\n\n"
            "**PLANNING POLICY COMMITTEE HELD ON MONDAY, 9 MARCH 2026 at 2PM IN**\n\n"
            "**COUNCIL CHAMBER**\n\n**MEMBERS PRESENT:** Councillors: Ruth Alder, Owen Pike\n")
    facts = minutes_facts(text)
    (meeting,) = facts.of_class("Meeting")
    assert meeting.label.endswith("Planning Policy Committee 9 March 2026")
    assert {"Ruth Alder", "Owen Pike"} <= {e.label for e in facts.of_class("Person")}


def test_attendees_with_their_organisation_after_one_space_and_non_members_attending() -> None:
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
    text = ("# Minutes :: Ostery TSC Meeting 7\n\n## In Attendance\n\n* KDS - Alder, Pike\n"
            "* ACME - Quill\n\n### 1. Releases\n\n- The next release is in May.\n")
    facts = extract(parse_markdown(text, "tsc-7.md"))
    assert [e.label for e in facts.of_class("Meeting")] == ["Ostery TSC Meeting 7"]
    assert {"Alder", "Pike", "Quill"} <= {e.label for e in facts.of_class("Person")}
    assert {"KDS", "ACME"} <= {e.label for e in facts.of_class("Organisation")}


def test_labelled_name_lists_in_a_double_spaced_conversion() -> None:
    """A PDF converted with a blank line after every printed line: names wrap into the next
    paragraph; labels in capitals say who was present, in the chair, or only attending."""
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
    text = ("# 2026-05-12 Ostery Data Board Meeting\n\n## Attendees\n\n- Jane Example (@jexample)\n"
            "- Bob Sample <bob@example.org>\n- @cysample (Cy Sample)\n\n## 1. Data catalogue\n\n"
            "The Board agreed the catalogue scope.\n")
    facts = minutes_facts(text)
    people = {e.label: e for e in facts.of_class("Person")}
    assert set(people) == {"Jane Example", "Bob Sample", "Cy Sample"}
    assert "@jexample" in people["Jane Example"].alt_labels and "@cysample" in people["Cy Sample"].alt_labels
    assert people["Bob Sample"].props.get("email") == ["bob@example.org"]
    attended = {facts.entities[r.object].label for r in facts.relations if r.predicate == "attendee"}
    assert attended == set(people)


def test_an_action_owned_by_the_initials_in_brackets_at_its_end() -> None:
    text = ("# Minutes :: Ostery TSC Meeting 9\n\n## In Attendance\n\n* KDS - Alder, Pike\n\n"
            "### 1. Actions\n\n- Action 4.2: Draft the licence note for the data sets (AA/KP).\n")
    facts = extract(parse_markdown(text, "tsc-9.md"))
    (action,) = facts.of_class("Action")
    owners = {facts.entities[r.object].label for r in facts.relations
              if r.subject == action.key and r.predicate == "ledBy"}
    assert owners == {"Alder", "Pike"}


def test_a_motion_with_its_proposer_and_seconder() -> None:
    text = ("**MINUTES OF THE OSTERY HOUSING COMMITTEE HELD ON MONDAY, 9 MARCH 2026**\n\n"
            "**MEMBERS PRESENT:** Councillors: Ruth Alder, Owen Pike\n\n**Item 1**\n\n"
            "The draft minutes were adopted on the proposal of Cllr. Ruth Alder, seconded by Cllr. Owen Pike "
            "and unanimously agreed.\n")
    facts = minutes_facts(text)
    (decision,) = facts.of_class("Decision")
    assert decision.label == "The draft minutes were adopted"
    by = {(r.predicate, facts.entities[r.object].label) for r in facts.relations if r.subject == decision.key}
    assert by == {("proposedBy", "Ruth Alder"), ("secondedBy", "Owen Pike")}


def test_names_written_surname_first() -> None:
    text = ("# 2026-05-12 Ostery Data Board Meeting\n\n## Attendees\n\n- ALDER, Ruth (Chair)\n"
            "- Cllr PIKE, Owen\n- Quill, Sam\n\n## Apologies\n\n- Kestrel, Northvale\n\n"
            "## 1. Data catalogue\n\nThe Board agreed.\n")
    facts = minutes_facts(text)
    people = {e.label for e in facts.of_class("Person")}
    assert people == {"Ruth Alder", "Owen Pike", "Sam Quill"}


def test_roll_call_and_actions_owned_by_a_github_handle() -> None:
    text = ("# 2026-05-12 Ostery Steering Committee Meeting\n\nRoll call: Ruth Alder, Owen Pike (@opike)\n\n"
            "## 1. Releases\n\n**@opike** to draft the release notes for May.\n\n"
            "@newperson will check the licences.\n")
    facts = minutes_facts(text)
    attended = {facts.entities[r.object].label for r in facts.relations if r.predicate == "attendee"}
    assert attended == {"Ruth Alder", "Owen Pike"}
    leads = {(facts.entities[r.subject].label, facts.entities[r.object].label) for r in facts.relations
             if r.predicate == "ledBy"}
    assert leads == {("draft the release notes for May", "Owen Pike"), ("check the licences", "@newperson")}


def test_whereas_preambles_then_be_it_resolved() -> None:
    text = ("**MINUTES OF THE OSTERY LIBRARY COMMITTEE HELD ON MONDAY, 9 MARCH 2026**\n\n"
            "**MEMBERS PRESENT:** Councillors: Ruth Alder, Owen Pike\n\n**Item 1**\n\n"
            "WHEREAS the libraries close at five; and\n\nWHEREAS residents asked for later hours;\n\n"
            "NOW, THEREFORE, BE IT RESOLVED that the Ostery Library Plan be amended to open until eight.\n")
    facts = minutes_facts(text)
    (decision,) = facts.of_class("Decision")
    assert decision.label.startswith("the Ostery Library Plan be amended") or "amended" in decision.label
    assert not any("WHEREAS" in e.label for e in facts.entities.values())


def test_members_recorded_absent() -> None:
    text = ("# 2026-05-12 Ostery Data Board Meeting\n\nPresent: Ruth Alder, Owen Pike\n\n"
            "Members absent: Sam Quill, Tom Ash\n\n## 1. Data catalogue\n\nThe Board agreed.\n")
    facts = minutes_facts(text)
    by = {(r.predicate, facts.entities[r.object].label) for r in facts.relations
          if r.predicate in ("attendee", "absentee")}
    assert by == {("attendee", "Ruth Alder"), ("attendee", "Owen Pike"), ("absentee", "Sam Quill"),
                  ("absentee", "Tom Ash")}
    members = {facts.entities[r.subject].label for r in facts.relations if r.predicate == "memberOf"}
    assert {"Sam Quill", "Tom Ash"} <= members  # absent members are still members
