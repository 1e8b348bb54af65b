"""The papers of a partnership board's meetings that come with a plan: a report to the Children's
Partnership Board on who leads each priority of its CYPP (with an HTML lead table and, sometimes, a
■ matrix of the Every Child Matters outcomes), and the minutes of a board meeting in a strategy's
first year (✓ attendance, apologies, a substitute, RESOLVED decisions, an action plan with
responsibility leads, the constitution)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from corpus_pools import ECM, ECM_OF, MONTHS, ROLE_INDEX, SEASONS, Theme, _cap
from corpus_text import (
    NUMBER_WORDS,
    _html_table,
    _md_table,
    action_text,
    board_people,
    day,
    due,
    members,
    mention,
)
from corpus_world import Authority, Person, Plan, theme_leads

# --------------------------------------------------------------------------------------------
# A report to the Children's Partnership Board
# --------------------------------------------------------------------------------------------


def write_report(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    u = plan.unit
    dcs, hpeh, ppo = a.by_role["dcs"], a.by_role["hpeh"], a.by_role["ppo"]
    year = plan.y1 + 1
    date = day(rng, year)
    n = len(plan.themes)
    words = NUMBER_WORDS[n]
    lines = ["", "", "", f"Meeting\t{a.boards['cpb'].upper()}\t\t",
             f"Date\t{date}\tagenda item number\t{rng.randint(3, 9)}", "",
             f"REPORT OF THE {dcs.post_at(u).upper()} AND THE {hpeh.post_at(u).upper()}", "",
             f"## **{plan.title}: lead arrangements and first-year review**", "",
             "### **Purpose of report**", "",
             f"1. This report asks the Board to confirm who leads each priority of the {plan.title} (CYPP) "
             "and sets out how the review of the plan's first year will be carried out.", "",
             "### **Information and advice**", "", "#### **Background**", "",
             f"2. The Board published the CYPP in {MONTHS[rng.randrange(12)]} {plan.y1}. It replaced the "
             f"{a.cypp_noun} {plan.y1 - 3}-{plan.y1} and is built around {NUMBER_WORDS[len(plan.outcomes)]} "
             f"strategic outcomes and {words} priorities for action.", "", f"3. The {words} priorities are:"]
    lines += [f"  - {t.title}" for t in plan.themes]
    gaps = [t.title for t in plan.themes if not theme_leads(a, t)[0]]
    lines += ["", "4. When the plan was agreed, the Board asked for every priority to have a named strategic "
              "lead, a strategic group that owns the work and an operational lead who keeps the action plan "
              "up to date. Appendix 1 shows the current position." +
              (f" Nobody has yet been nominated to lead {' or '.join(gaps)}." if gaps else ""), "",
              "#### **Progress in the first six months**", "",
              f"5. Most actions due by {MONTHS[rng.randrange(12)]} {year} are on track. Two have slipped "
              f"because of recruitment delays and are now expected {due(rng, year, year + 1)}.", "",
              "#### **First-year review**", "",
              f"6. The operational leads will report on each priority using a common template by "
              f"{day(rng, year + 1)}. The Strategy and Partnerships Team will draw these reports together "
              f"for the Board, and a summary will then go to the {a.boards['hwb']}.", "",
              "## **RECOMMENDATIONS**", "", "It is recommended that:", "",
              "- (1) The Board confirms the strategic and operational leads set out in Appendix 1;"]
    k = 2
    for g in gaps:
        lines.append(f"- ({k}) The Board nominates a strategic lead for the {g} priority "
                     f"{due(rng, year, year + 1)};")
        k += 1
    lines += [f"- ({k}) The Board agrees that the first-year review of the CYPP is reported to its next "
              f"meeting and then to the {a.boards['hwb']}.", "",
              f"{mention(dcs, rng, False).upper()}  ", dcs.post_at(u), "",
              f"{mention(hpeh, rng, False).upper()}  ", hpeh.post_at(u), "",
              f"Children's Services, {a.council}", "", "Contact Officer(s)", "",
              mention(hpeh, rng), hpeh.post_at(u), "Strategy and Partnerships Team, Children's Services",
              hpeh.email, f"01632 960 {rng.randint(100, 999)}", "",
              mention(ppo, rng), ppo.post_at(u), "Strategy and Partnerships Team, Children's Services",
              ppo.email,
              f"01632 960 {rng.randint(100, 999)}", "", "## APPENDIX 1: priority leads", "",
              f"### CYPP {plan.y1}-{plan.y2} priorities and leads", ""]
    rows = [["PRIORITY", "STRATEGIC LEAD", "STRATEGIC GROUP", "OPERATIONAL LEAD", "SUPPORT"],
            ["", "Accountable for the priority; signs off its action plan.",
             "Owns the priority and oversees the actions in the CYPP.",
             "Keeps the action plan up to date and reports progress.",
             "First point of contact in the Strategy and Partnerships Team."]]
    for t in plan.themes:
        strategic, ops, group = theme_leads(a, t)
        joiner = " & " if rng.random() < 0.5 else " and "
        s = joiner.join(mention(p, rng) for p in strategic)
        o = joiner.join(mention(p, rng) for p in ops)
        g = group
        if g and rng.random() < 0.12:
            g += " & ?"
        support = mention(ppo if rng.random() < 0.6 else hpeh, rng)
        rows.append([t.title, s, g, o, support])
    lines += _html_table(rows, bold_first=True)
    if rng.random() < 0.5:
        lines += ["", "## APPENDIX 2: priorities and the Every Child Matters outcomes", ""]
        head = ("<b>How each CYPP priority helps children and young people to achieve the Every Child "
                "Matters outcomes</b>\t" + "\t".join(f"<b>{e}</b>" for e in ECM))
        lines.append(head)
        for t in plan.themes:
            marks = ["" for _ in ECM]
            marks[ECM_OF.get(t.domain, 0)] = "■"
            for j in range(len(ECM)):
                if rng.random() < 0.3:
                    marks[j] = "■"
            lines.append(t.title + "\t" + "\t".join(marks))
        lines += ["", "■ indicates that the priority makes a significant contribution to the outcome."]
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The minutes of a board meeting
# --------------------------------------------------------------------------------------------


@dataclass
class _Meeting:
    """A board's meeting in a strategy's first year: what the sections of its minutes share."""

    a: Authority
    unit: int
    which: str  # "c": the Children's Partnership Board; "h": the Health and Wellbeing Board
    owned: Plan  # the plan the board owns; its action plan follows it
    year: int
    month: int  # the meeting's; the last and next meetings are a quarter away
    rng: random.Random

    @property
    def board(self) -> str:
        return self.a.boards["cpb"] if self.which == "c" else self.a.boards["hwb"]

    @property
    def short(self) -> str:
        return self.board.removeprefix(self.a.name + " ")

    @property
    def chair(self) -> Person:
        return self.a.by_role["ph_children"] if self.which == "c" else self.a.by_role["leader"]

    @property
    def session(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}"

    def on(self, month: int) -> str:
        return f"{self.rng.randint(1, 28)} {MONTHS[month - 1]} {self.year}"


def write_minutes(plan: Plan, prior: Plan, rng: random.Random) -> str:
    """Minutes of the Children's Partnership Board (or, every other time, the Health and Wellbeing
    Board) meeting in the strategy's first year; the action plan follows the authority's CYPP."""
    a = plan.authority
    which = "c" if (plan.unit // 2) % 2 == 0 else "h"
    mt = _Meeting(a, plan.unit, which, prior if which == "c" else plan, plan.y1 + 1, rng.randint(4, 9), rng)
    date = mt.on(mt.month)
    lines, items = _agenda(mt, date)
    lines += ["", a.council.upper(), "", mt.short.upper(), "",
              f"MINUTES of the meeting held at {a.name} Civic Centre on **{date.upper()}** from "
              "2.02pm to 4.15pm.",
              "", "✓ Indicates present at meeting; A indicates apologies received", ""]
    pool = [p for p in a.people if ROLE_INDEX[p.role][4] == "" and ROLE_INDEX[p.role][5] == "o"]
    rows, apologies, substitute = _present(mt, pool)
    lines += _md_table(rows)
    lines += ["", "Also in attendance", ""]
    lines += _md_table(_also_present(mt, pool, substitute))
    lines += _apologies_and_interests(mt, apologies, substitute)
    k = 4
    for t in items:
        lines += _priority_update(mt, t, k)
        k += 1
    lines += _action_plan(mt, k)
    lines += _constitution(mt, k + 1)
    return "\n".join(lines)


def _agenda(mt: _Meeting, date: str) -> tuple[list[str], list[Theme]]:
    """The front page: when and where, who to contact, the agenda; and the priorities it reviews."""
    a, u, rng = mt.a, mt.unit, mt.rng
    dso = a.by_role["dso"]
    lines = ["", "", a.council.upper(), mt.short.upper(), "", "Agenda and minutes", "",
             f"Date: {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday'))} {date}", "",
             f"Time: {rng.choice(('2.00pm', '4.00pm', '10.00am', '1.30pm'))}", "",
             f"Place: Committee Room {rng.randint(1, 4)}, {a.name} Civic Centre, Market Street", "",
             "Members of the Board are asked to attend to deal with the business below.", "",
             f"{a.by_role['dcs'].post_at(u)}, {mention(a.by_role['dcs'], rng)}", "",
             f"{dso.post_at(u)}: {mention(dso, rng)} Direct dial - 01632 960 {rng.randint(100, 999)}", "",
             "A G E N D A", "", "- 1 APOLOGIES FOR ABSENCE", "- 2 DECLARATIONS OF INTERESTS",
             "- 3 MINUTES Attached", f"Last meeting held on {mt.on(mt.month - 3)} (for confirmation)"]
    items = rng.sample(mt.owned.themes, min(len(mt.owned.themes), rng.randint(2, 3)))
    agenda = [f"PRIORITY UPDATE: {t.title.upper()}" for t in items]
    agenda.append("ACTION PLAN " + mt.session)
    agenda.append("CONSTITUTION AND GOVERNANCE ARRANGEMENTS")
    agenda.append("NEXT MEETING")
    for k, item in enumerate(agenda, 4):
        lines.append(f"- {k} {item}" + (" Attached" if "NEXT" not in item else ""))
    return lines, items


def _present(mt: _Meeting, pool: list[Person],
             ) -> tuple[list[list[str]], list[str], tuple[Person, str] | None]:
    """The attendance table of the board's members (✓ present, A apologies, a substitute for the
    first member who sent apologies), the names that sent apologies and the substitute."""
    u, rng, chair = mt.unit, mt.rng, mt.chair
    cast = board_people(mt.a, mt.which)
    rows = [["Name", "Title / organisation", "Present"]]
    absent = set(rng.sample(range(len(cast)), min(len(cast) - 2, rng.randint(2, 4))))
    apologies: list[str] = []
    substitute = None
    for k, p in enumerate(cast):
        title = f"{p.post_at(u)}, {p.org}"
        if p is chair:
            title += " (Chair, in the Chair)"
        if k in absent and p is not chair:
            mark = "A" if rng.random() < 0.75 else ""
            name = mention(p, rng)
            rows.append([name, title, mark])
            if mark:
                apologies.append(name)
            if substitute is None and mark and pool:
                same_org = [q for q in pool if q.org == p.org]
                substitute = (rng.choice(same_org or pool), name)
                sub = substitute[0]
                rows.append([f"{mention(sub, rng)} (substituting for {name})", f"{sub.post_at(u)}, {sub.org}",
                             "✓"])
        else:
            rows.append([mention(p, rng), title, "✓"])
    return rows, apologies, substitute


def _also_present(mt: _Meeting, pool: list[Person], substitute: tuple[Person, str] | None,
                  ) -> list[list[str]]:
    """Officers in attendance who are not members: a few leads, the planning and democratic officers."""
    a, rng = mt.a, mt.rng
    guests = [*rng.sample(pool, min(len(pool), rng.randint(2, 4))), a.by_role["ppo"], a.by_role["dso"]]
    rows = [["Name", "Title", "Organisation"]]
    seen: set[str] = set()
    for g in guests:
        if g.role not in seen and (substitute is None or g is not substitute[0]):
            seen.add(g.role)
            rows.append([mention(g, rng), g.post_at(mt.unit), g.org])
    return rows


def _apologies_and_interests(mt: _Meeting, apologies: list[str], substitute: tuple[Person, str] | None,
                             ) -> list[str]:
    """Items 1-3: apologies for absence, declarations of interests, the last meeting's minutes."""
    rng = mt.rng
    lines = ["", "1 APOLOGIES FOR ABSENCE", ""]
    for name in apologies:
        if substitute and name == substitute[1]:
            lines.append(f"{name} ({mention(substitute[0], rng, False)} substituting)")
        else:
            lines.append(name + (" - on leave" if rng.random() < 0.2 else ""))
    if not apologies:
        lines.append("None.")
    vcs = mt.a.by_role["vcs"]
    lines += ["", "2 DECLARATIONS OF INTERESTS", "",
              (f"{mention(vcs, rng)} declared an interest in item 4, as {vcs.org} hosts a service "
               "named in the report.") if rng.random() < 0.5 else "None.", "", "3 MINUTES", "",
              "The Board agreed that the minutes of the last meeting were a correct record and the "
              "Chair signed them.", ""]
    return lines


def _priority_update(mt: _Meeting, t: Theme, k: int) -> list[str]:
    """Item k: a priority's lead presents its progress; the Board resolves."""
    u, rng = mt.unit, mt.rng
    strategic, ops, group = theme_leads(mt.a, t)
    presenter = strategic[0] if strategic else ops[0]
    lines = [f"{k} PRIORITY UPDATE: {t.title.upper()}", "",
             f"{mention(presenter, rng)}, {presenter.post_at(u)}, presented the report"
             + (f", supported by {mention(ops[0], rng)}, {ops[0].post_at(u)}." if ops[0] is not presenter
                else "."), "", "The following points were made:", "",
             f"- (a) Work to {t.description} is on track in most localities.",
             f"- (b) {_cap(t.topic)} remains a concern in the most deprived neighbourhoods.", "",
             "RESOLVED", "", "- (1) to note the report;"]
    if group:
        lines.append(f"- (2) to ask the {group} to report progress {due(rng, mt.year, mt.year + 1)};")
    lines.append(f"- ({3 if group else 2}) to receive a further update at a future meeting.")
    lines.append("")
    return lines


def _action_plan(mt: _Meeting, k: int) -> list[str]:
    """Item k: the refreshed action plan, a responsibility lead for each priority, their contacts."""
    a, u, rng, year = mt.a, mt.unit, mt.rng, mt.year
    hpeh, ppo = a.by_role["hpeh"], a.by_role["ppo"]
    label = "CYPP priority" if mt.which == "c" else "Strategy priority"
    lines = [f"{k} ACTION PLAN {mt.session}", "",
             f"{mention(hpeh, rng)}, {hpeh.post_at(u)}, presented the "
             "refreshed action plan and asked partners to confirm the responsibility leads shown "
             "below.", ""]
    rows = [[label, "Action", "Timescale", "Responsibility lead"]]
    contacts: dict[str, Person] = {}
    for t in mt.owned.themes:
        _, ops, _ = theme_leads(a, t)
        lead = ops[0]
        contacts[lead.role] = lead
        act = _cap(action_text(t, rng, "Board")[0])
        when = (f"{MONTHS[rng.randrange(12)]} {year + rng.randint(0, 1)}" if rng.random() < 0.8 else
                f"{_cap(SEASONS[rng.randrange(3)])} {year + 1}")
        rows.append([t.title, act, when, mention(lead, rng)])
    lines += _md_table(rows)
    lines += ["", "RESOLVED", "", f"- (1) to approve the action plan for {mt.session};",
              f"- (2) to ask partners to send any changes to responsibility leads to {mention(ppo, rng)} "
              f"by {mt.on(mt.month + 1)}.", "",
              "For more information please contact the responsibility lead for each action:", "",
              "Name\tJob title\tEmail"]
    for p in contacts.values():
        lines.append(f"{mention(p, rng)}\t{p.post_at(u)}\t{p.email}")
    return lines


def _constitution(mt: _Meeting, k: int) -> list[str]:
    """Items k and k + 1 (the constitution adopted, the next meeting), then the constitution itself:
    purpose, reporting lines and membership."""
    a, rng, year, m = mt.a, mt.rng, mt.year, mt.month
    dso, board = a.by_role["dso"], mt.board
    lines = ["", f"{k} CONSTITUTION AND GOVERNANCE ARRANGEMENTS", "",
             "RESOLVED to adopt the revised constitution set out below, with effect from "
             f"1 {MONTHS[m]} {year}.", ""]
    lines += [f"{k + 1} NEXT MEETING", "",
              f"RESOLVED to note that the next meeting will be held on {mt.on(m + 3)}.", "", "", "",
              board.upper(), "", "CONSTITUTION AND GOVERNANCE ARRANGEMENTS", "",
              f"{MONTHS[m]} {year}", "", "Purpose", "",
              f"The {board} brings together the statutory and voluntary organisations serving "
              f"{a.name}. It owns the {mt.owned.title} and holds partners to account for delivering it.", "",
              "Reporting arrangements", ""]
    if mt.which == "c":
        lines += ["The Board reports to the Health and Wellbeing Board, and provides a progress "
                  "report twice a year.", "",
                  f"The {a.boards['scp']} is accountable to the three statutory safeguarding partners: "
                  f"{a.council}, {a.orgs['icb']} and {a.orgs['police']}. It presents its annual "
                  "report to the Board but does not report to it.", ""]
    else:
        lines += [f"The Board is accountable to the Full Council of {a.council}.", ""]
    subs = rng.sample(a.groups, min(3, len(a.groups)))
    lines += [f"The {subs[0]}, the {subs[1]} and the {subs[2]} report to the Board.", "",
              "Membership", ""]
    lines += members(a, mt.which, mt.unit, sep=", ")
    lines += ["", f"Please contact {mention(dso, rng)} with suggestions for future agenda items",
              dso.email, ""]
    return lines
