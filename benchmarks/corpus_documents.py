"""The synthetic documents themselves: a children and young people's plan, a health and wellbeing
strategy, a leads table, a board report and a board's minutes, each in the house style of one of
the shapes real documents take."""

from __future__ import annotations

import random

from corpus_pools import (
    ECM,
    ECM_OF,
    GENERIC_ACTIONS,
    HWB_NAMES,
    INDICATOR,
    INDICATORS_BY_DOMAIN,
    MONTHS,
    OUTCOME_SHORT,
    OUTCOMES,
    PRINCIPLES,
    ROLE_INDEX,
    SEASONS,
    TAGLINES,
    THEME_INDICATORS,
    VISIONS,
    _cap,
)
from corpus_text import (
    _csv_cell,
    _html_table,
    _md_table,
    action_text,
    board_people,
    day,
    due,
    members,
    mention,
    period,
    target,
    value,
)
from corpus_world import Person, Plan, theme_leads

# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


def write_cypp(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    u = plan.unit
    cpb = a.boards["cpb"]
    hwb = a.boards["hwb"]
    ph1, ph2 = a.by_role["ph_children"], a.by_role["ph_education"]
    lines: list[str] = ["", "", f"# {plan.title}", "",
                        TAGLINES[rng.randrange(len(TAGLINES))].format(a=plan.place), "", "", "", "",
                        a.name.upper(), "CHILDREN'S", "PARTNERSHIP", ""]
    if plan.place != a.name:
        lines += [f"A locality plan for {plan.place}, published by {a.council}", ""]
    other = f"{a.name} Plan {plan.y1 - rng.randint(0, 2)}-{plan.y1 + 6}"
    hwbs = f"{a.name} {a.hwb_noun} {plan.y1 - 1}-{plan.y1 + 4}"
    early = f"Early Help Strategy {plan.y1 - 1}-{plan.y1 + 2}"
    lines += ["## FOREWORD", "",
              f"We write as the joint Chairs of the {cpb}. Over the last three years our partners have shown "
              "what can be done when a council, the NHS, the police, schools and the voluntary sector "
              f"plan as one, and this plan sets out how we will keep doing that until {plan.y2}.", "",
              f"This plan brings together what the {other} and the {hwbs} promise for our youngest "
              f"residents, so that partners work to one set of outcomes rather than several. It incorporates "
              f"the {early}, whose commitment to help families before problems grow now runs through every "
              f"priority.", ""]
    if rng.random() < 0.5:
        lines += [f"It replaces the {a.name} {a.cypp_noun} {plan.y1 - 3}-{plan.y1} and builds on what "
                  f"children and young people told us during the '{a.name} Voices' survey.", ""]
    lines += ["The plan covers every service for children and young people from pregnancy to their "
              "eighteenth birthday, up to 25 for care leavers and for young people with special educational "
              "needs and disabilities.", "",
              "Money is tighter than it was and demand for specialist help keeps rising. That is exactly why "
              "we have kept the list of priorities short and asked each partner to say plainly what "
              "it will do and by when.", "", "", "",
              f"Councillor {mention(ph1, rng, False)}", "Portfolio Holder for", "Children, Young People",
              "and Families", "", "", "",
              f"Councillor {mention(ph2, rng, False)}", "Portfolio Holder for", "Education, Skills",
              "and Employment", "",
              "## VISION", "", "'" + VISIONS[rng.randrange(len(VISIONS))].format(a=plan.place) + "'", ""]
    words = NUMBER_WORDS[2:]
    lines += ["## STRATEGIC OUTCOMES", "",
              f"The Board has agreed {words[len(plan.outcomes) - 2]} strategic outcomes. Each partner "
              f"organisation has signed up to them, and they match the outcomes in the {a.name} Plan.", ""]
    tops = []
    for i, d in enumerate(plan.outcomes, 1):
        wordings, desc, _ = OUTCOMES[d]
        top = wordings[rng.randrange(len(wordings))]
        tops.append(top)
        lines += [f"{i}. {top}", "", desc, ""]
    lines += ["## INDICATORS OF SUCCESS", "",
              f"The indicators below were chosen where {a.name} lags its statistical neighbours, where the "
              f"{a.name} Plan sets a target, or where most partners on the Board contribute.", ""]
    used: set[str] = set()
    for i, d in enumerate(plan.outcomes, 1):
        lines += [f"{i}. {tops[i - 1]}", ""]
        subs = OUTCOMES[d][2]
        chosen = sorted(rng.sample(range(len(subs)), rng.randint(min(2, len(subs)), min(4, len(subs)))))
        for k, s in enumerate(chosen):
            sub, ids = subs[s]
            lines += [f"{i}{'abcdefgh'[k]}. {sub}", ""]
            want = rng.randint(2, 6)
            pool = [x for x in ids if x not in used]
            extra = [x for x in INDICATORS_BY_DOMAIN[d] if x not in used and x not in pool]
            rng.shuffle(extra)
            picks = (pool + extra)[:want]
            for j, ind_id in enumerate(picks):
                used.add(ind_id)
                ind = INDICATOR[ind_id]
                text = ind.wordings[rng.randrange(len(ind.wordings))]
                if rng.random() < 0.15:
                    text += f" ({a.name} Plan target)"
                lines.append(f" - {_roman(j + 1)}) {text}")
            lines.append("")
    principles = rng.sample(PRINCIPLES, rng.randint(4, 7))
    lines += ["## PRINCIPLES", "",
              f"Partners have agreed {words[len(principles) - 2]} principles that apply to every priority, "
              "to commissioning and to the way frontline staff work:", ""]
    lines += [f"- {p}" for p in principles]
    lines.append("")
    lines += _cypp_priorities(plan, rng, len(plan.outcomes))
    # tick matrix: priorities x outcomes
    head = ["Priority"] + [f"{i}. {OUTCOME_SHORT[d]}" for i, d in enumerate(plan.outcomes, 1)]
    rows = [head]
    for t in plan.themes:
        row = [t.title]
        marks = 0
        for d in plan.outcomes:
            if t.domain == d:
                row.append("√√")
                marks += 1
            elif rng.random() < 0.35:
                row.append("√")
                marks += 1
            else:
                row.append("")
        if not marks:
            row[1] = "√"
        rows.append(row)
    lines += ["## HOW OUR PRIORITIES CONTRIBUTE TO THE OUTCOMES", ""]
    lines += _md_table(rows)
    lines += ["", "√√ = primary contribution, √ = additional contribution", ""]
    lines += ["## THE CHILDREN'S PARTNERSHIP BOARD", "",
              f"Partners plan and govern this work together through the Children's Partnership Board, which "
              f"reports to the {hwb}. Its members are:", ""]
    lines += members(a, "c", u)
    lines += ["", "The Board sets direction, joins up the work of partners and holds them to account for the "
              "outcomes in this plan.", "", "", ""]
    contact = a.by_role["hpeh"]
    lines += [f"For further information contact {mention(contact, rng)}:", contact.email, "",
              "The full action plan is published at", f"www.{a.name.lower()}.gov.example/cypp", "", "", "",
              f"**{a.name.upper()}", "CHILDREN'S", "PARTNERSHIP**", ""]
    return "\n".join(lines)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _roman(n: int) -> str:
    return ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")[n - 1]


def _cypp_priorities(plan: Plan, rng: random.Random, n_outcomes: int) -> list[str]:
    """Three shapes: the demo's 'Priority N – Title – description' lines with 'We will' bullets,
    the same with a 'We will:' lead-in, and seed 002's numbered '3.1 Title' sections with a
    'When we will do this' list; then, sometimes, seed 000's 'the Partnership will:' list."""
    a = plan.authority
    shape = rng.randrange(3)
    lines: list[str] = []
    if shape < 2:
        lines += ["## PRIORITIES FOR ACTION", ""]
        for i, t in enumerate(plan.themes, 1):
            lines += [f"Priority {i} – {t.title} – {t.description}.", ""]
            if shape == 1:
                lines += ["To deliver this priority we will:", ""]
                lines += [f"- {x} {due(rng, plan.y1, plan.y2)}"
                          for x in action_text(t, rng, "Children's Partnership Board")]
            else:
                lines += [f"- We will {x} {due(rng, plan.y1, plan.y2)}"
                          for x in action_text(t, rng, "Children's Partnership Board")]
            lines.append("")
    else:
        s = n_outcomes + 1
        lines += [f"## {s}. Our priorities for action", "",
                  "Each priority below says why it matters, what we will do and when we will do it.", ""]
        for i, t in enumerate(plan.themes, 1):
            lines += [f"### {s}.{i} {t.title}", "", "#### Why this matters", "",
                      f"{t.headline}: we want to {t.description}. Partners agreed that {t.topic} needs a "
                      f"joined-up response across {a.name}.", "", "## When we will do this", "", "We will:",
                      ""]
            lines += [f"- {x} {due(rng, plan.y1, plan.y2)}"
                      for x in action_text(t, rng, "Children's Partnership Board")]
            lines.append("")
    if rng.random() < 0.6:
        lines += ["## TRANSFORMATIONAL CHANGE", "",
                  "Over the next 12 months, in support of all priorities, the Children's "
                  "Partnership Board will:",
                  ""]
        for x in rng.sample(GENERIC_ACTIONS[:3], 2):
            lines.append("- " + _cap(x.format(title="Early Help", topic="early help", n=100, board="")))
        lines += [f"- Publish an annual report on the plan {due(rng, plan.y1, plan.y2)}", ""]
    return lines


def write_hwb(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    u = plan.unit
    hwb = a.boards["hwb"]
    leader, place_dir = a.by_role["leader"], a.by_role["place"]
    month = MONTHS[rng.randrange(12)]
    lines = ["", "", f"# {plan.title}", "",
             f"## {HWB_NAMES[rng.randrange(len(HWB_NAMES))].format(a=plan.place)}", "",
             f"Published by the {hwb}, {month} {plan.y1}", "", "### Introduction from the Chair", "",
             f"Where you are born in {a.name} still shapes how long you can expect to live in good health. "
             f"This strategy is about closing that gap. It sets {NUMBER_WORDS[len(plan.themes)]} "
             "priorities that the members "
             f"of the Health and Wellbeing Board will pursue together for the next five years, and the "
             f"measures we will use to judge ourselves.", "",
             f"The strategy draws on the {a.name} Joint Strategic Needs Assessment {plan.y1 - 1} and on the "
             f"conversations we held with residents during the 'Your Health, Your Say' engagement. It sits "
             f"alongside the {a.name} Plan {plan.y1}-{plan.y1 + 6} and the "
             f"{a.orgs['icb'].removeprefix('NHS ')} "
             f"Strategy.", "",
             mention(leader, rng),
             f"{leader.post_at(u)}, {a.council}, and Chair of the {hwb}", "",
             mention(place_dir, rng),
             f"{place_dir.post_at(u)}, {place_dir.org}, and Vice-Chair", "", "### Our priorities", ""]
    for i, t in enumerate(plan.themes, 1):
        lines += [f"{i}. {t.headline}", "", _cap(t.description) + ". " +
                  rng.choice(("We will start with the neighbourhoods where the need is greatest.",
                              "Every partner on the Board has a part to play.",
                              "Progress will be reported to the Board twice a year.")), ""]
    lines += ["### How we will measure progress", "",
              "The Board will review the indicators below every six months. Where the Office for Health "
              "Improvement and Disparities publishes a figure, we use it; local figures are marked.", ""]
    with_lead = rng.random() < 0.5
    head = ["Indicator", "Period", "Current value", "Target", "Priority"] + (["Lead officer"] if with_lead
                                                                             else [])
    rows = [head]
    used: set[str] = set()
    for i, t in enumerate(plan.themes, 1):
        ids = [x for x in THEME_INDICATORS[t.title] if x not in used]
        best, rest = ids[:3], ids[3:]
        rng.shuffle(rest)
        for ind_id in (best + rest)[: rng.randint(2, 3)]:
            used.add(ind_id)
            ind = INDICATOR[ind_id]
            row = [ind.wordings[rng.randrange(len(ind.wordings))], period(rng, plan.y1), value(ind, rng),
                   target(ind, rng, plan.y2), str(i)]
            if with_lead:
                _, ops, _ = theme_leads(a, t)
                row.append(mention(ops[0], rng))
            rows.append(row)
    lines += _html_table(rows) if rng.random() < 0.5 else _md_table(rows)
    lines += ["", "Local measures agreed by the Board are listed in the annual delivery plan.", "",
              "### Governance", "",
              f"The {hwb} is accountable to the Full Council of {a.council} for the delivery of this "
              f"strategy, and its minutes are reported to the Council's Health Scrutiny Committee. The Board "
              f"meets four times a year in public.", ""]
    said = ["The Children's Partnership Board reports to the Health and Wellbeing Board on the "
            "children's priorities."]
    for g in a.groups:
        r = rng.random()
        if r < 0.3:
            said.append(f"The {g} reports to the Health and Wellbeing Board.")
        elif r < 0.5:
            said.append(f"The {g} is a sub-group of the Children's Partnership Board.")
    said.append(f"The {a.boards['csp']}, which leads on drugs and alcohol, shares an annual report "
                "with the Board.")
    lines += [" ".join(said), "", "Each priority has a sponsor on the Board:", ""]
    sponsors = [p for p in board_people(a, "h") if p.honorific != "Councillor"]
    for i, _ in enumerate(plan.themes, 1):
        p = sponsors[(i + u) % len(sponsors)]
        lines.append(f"Priority {i}: {mention(p, rng)}, {p.post_at(u)}, {p.org}")
    lines += ["", "### Membership of the Health and Wellbeing Board", ""]
    lines += members(a, "h", u)
    dph = a.by_role["dph"]
    lines += ["", f"Strategy lead: {mention(dph, rng)}, {dph.post_at(u)}", dph.email,
              f"01632 960 {rng.randint(100, 999)}", ""]
    return "\n".join(lines)


def write_leads_csv(plan: Plan, rng: random.Random) -> str:
    a = plan.authority
    rows = [["Priority", "Strategic lead", "Operational lead", "Lead officer email", "Strategic group",
             "Organisation"]]
    for t in plan.themes:
        strategic, ops, group = theme_leads(a, t)
        s = " & ".join(mention(p, rng) for p in strategic) if strategic else "?"
        o = " & ".join(mention(p, rng) for p in ops)
        rows.append([t.title, s, o, ops[0].email, group, ops[0].org])
    if rng.random() < 0.5:
        rows.append(["", "", "", "", "", ""])
    ppo = a.by_role["ppo"]
    rows.append(["Workforce Development", mention(a.by_role["hpeh"], rng), mention(ppo, rng), ppo.email,
                 "Children's Partnership Board", a.council])
    return "\r\n".join(",".join(_csv_cell(c) for c in r) for r in rows) + "\r\n"


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


def write_minutes(plan: Plan, prior: Plan, rng: random.Random) -> str:
    """Minutes of the Children's Partnership Board (or, every other time, the Health and Wellbeing
    Board) meeting in the strategy's first year; the action plan follows the authority's CYPP."""
    a = plan.authority
    u = plan.unit
    which = "c" if (u // 2) % 2 == 0 else "h"
    board = a.boards["cpb"] if which == "c" else a.boards["hwb"]
    short = board.removeprefix(a.name + " ")
    year = plan.y1 + 1
    m = rng.randint(4, 9)  # the meeting's month; the last and next meetings are a quarter away

    def on(month: int) -> str:
        return f"{rng.randint(1, 28)} {MONTHS[month - 1]} {year}"

    date = on(m)
    dso, ppo = a.by_role["dso"], a.by_role["ppo"]
    chair = a.by_role["ph_children"] if which == "c" else a.by_role["leader"]
    cast = board_people(a, which)
    owned = prior if which == "c" else plan  # the plan the board owns and its action plan follows
    lines = ["", "", a.council.upper(), short.upper(), "", "Agenda and minutes", "",
             f"Date: {rng.choice(('Monday', 'Tuesday', 'Wednesday', 'Thursday'))} {date}", "",
             f"Time: {rng.choice(('2.00pm', '4.00pm', '10.00am', '1.30pm'))}", "",
             f"Place: Committee Room {rng.randint(1, 4)}, {a.name} Civic Centre, Market Street", "",
             "Members of the Board are asked to attend to deal with the business below.", "",
             f"{a.by_role['dcs'].post_at(u)}, {mention(a.by_role['dcs'], rng)}", "",
             f"{dso.post_at(u)}: {mention(dso, rng)} Direct dial - 01632 960 {rng.randint(100, 999)}", "",
             "A G E N D A", "", "- 1 APOLOGIES FOR ABSENCE", "- 2 DECLARATIONS OF INTERESTS",
             "- 3 MINUTES Attached", f"Last meeting held on {on(m - 3)} (for confirmation)"]
    items = rng.sample(owned.themes, min(len(owned.themes), rng.randint(2, 3)))
    agenda = [f"PRIORITY UPDATE: {t.title.upper()}" for t in items]
    agenda.append("ACTION PLAN " + f"{year}-{(year + 1) % 100:02d}")
    agenda.append("CONSTITUTION AND GOVERNANCE ARRANGEMENTS")
    agenda.append("NEXT MEETING")
    for k, item in enumerate(agenda, 4):
        lines.append(f"- {k} {item}" + (" Attached" if "NEXT" not in item else ""))
    lines += ["", a.council.upper(), "", short.upper(), "",
              f"MINUTES of the meeting held at {a.name} Civic Centre on **{date.upper()}** from "
              "2.02pm to 4.15pm.",
              "", "✓ Indicates present at meeting; A indicates apologies received", ""]
    rows = [["Name", "Title / organisation", "Present"]]
    absent = set(rng.sample(range(len(cast)), min(len(cast) - 2, rng.randint(2, 4))))
    apologies: list[str] = []
    substitute = None
    pool = [p for p in a.people if ROLE_INDEX[p.role][4] == "" and ROLE_INDEX[p.role][5] == "o"]
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
    lines += _md_table(rows)
    lines += ["", "Also in attendance", ""]
    guests = [*rng.sample(pool, min(len(pool), rng.randint(2, 4))), ppo, dso]
    rows = [["Name", "Title", "Organisation"]]
    seen: set[str] = set()
    for g in guests:
        if g.role not in seen and (substitute is None or g is not substitute[0]):
            seen.add(g.role)
            rows.append([mention(g, rng), g.post_at(u), g.org])
    lines += _md_table(rows)
    lines += ["", "1 APOLOGIES FOR ABSENCE", ""]
    for name in apologies:
        if substitute and name == substitute[1]:
            lines.append(f"{name} ({mention(substitute[0], rng, False)} substituting)")
        else:
            lines.append(name + (" - on leave" if rng.random() < 0.2 else ""))
    if not apologies:
        lines.append("None.")
    vcs = a.by_role["vcs"]
    lines += ["", "2 DECLARATIONS OF INTERESTS", "",
              (f"{mention(vcs, rng)} declared an interest in item 4, as {vcs.org} hosts a service "
               "named in the report.") if rng.random() < 0.5 else "None.", "", "3 MINUTES", "",
              "The Board agreed that the minutes of the last meeting were a correct record and the "
              "Chair signed them.", ""]
    k = 4
    for t in items:
        strategic, ops, group = theme_leads(a, t)
        presenter = strategic[0] if strategic else ops[0]
        lines += [f"{k} PRIORITY UPDATE: {t.title.upper()}", "",
                  f"{mention(presenter, rng)}, {presenter.post_at(u)}, presented the report"
                  + (f", supported by {mention(ops[0], rng)}, {ops[0].post_at(u)}." if ops[0] is not presenter
                     else "."), "", "The following points were made:", "",
                  f"- (a) Work to {t.description} is on track in most localities.",
                  f"- (b) {_cap(t.topic)} remains a concern in the most deprived neighbourhoods.", "",
                  "RESOLVED", "", "- (1) to note the report;"]
        if group:
            lines.append(f"- (2) to ask the {group} to report progress {due(rng, year, year + 1)};")
        lines.append(f"- ({3 if group else 2}) to receive a further update at a future meeting.")
        lines.append("")
        k += 1
    label = "CYPP priority" if which == "c" else "Strategy priority"
    lines += [f"{k} ACTION PLAN {year}-{(year + 1) % 100:02d}", "",
              f"{mention(a.by_role['hpeh'], rng)}, {a.by_role['hpeh'].post_at(u)}, presented the "
              "refreshed action plan and asked partners to confirm the responsibility leads shown "
              "below.", ""]
    rows = [[label, "Action", "Timescale", "Responsibility lead"]]
    contacts: dict[str, Person] = {}
    for t in owned.themes:
        _, ops, _ = theme_leads(a, t)
        lead = ops[0]
        contacts[lead.role] = lead
        act = _cap(action_text(t, rng, "Board")[0])
        when = (f"{MONTHS[rng.randrange(12)]} {year + rng.randint(0, 1)}" if rng.random() < 0.8 else
                f"{_cap(SEASONS[rng.randrange(3)])} {year + 1}")
        rows.append([t.title, act, when, mention(lead, rng)])
    lines += _md_table(rows)
    lines += ["", "RESOLVED", "", f"- (1) to approve the action plan for {year}-{(year + 1) % 100:02d};",
              f"- (2) to ask partners to send any changes to responsibility leads to {mention(ppo, rng)} "
              f"by {on(m + 1)}.", "",
              "For more information please contact the responsibility lead for each action:", "",
              "Name\tJob title\tEmail"]
    for p in contacts.values():
        lines.append(f"{mention(p, rng)}\t{p.post_at(u)}\t{p.email}")
    k += 1
    lines += ["", f"{k} CONSTITUTION AND GOVERNANCE ARRANGEMENTS", "",
              "RESOLVED to adopt the revised constitution set out below, with effect from "
              f"1 {MONTHS[m]} {year}.", ""]
    k += 1
    lines += [f"{k} NEXT MEETING", "",
              f"RESOLVED to note that the next meeting will be held on {on(m + 3)}.", "", "", "",
              board.upper(), "", "CONSTITUTION AND GOVERNANCE ARRANGEMENTS", "",
              f"{MONTHS[m]} {year}", "", "Purpose", "",
              f"The {board} brings together the statutory and voluntary organisations serving "
              f"{a.name}. It owns the {owned.title} and holds partners to account for delivering it.", "",
              "Reporting arrangements", ""]
    if which == "c":
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
    lines += members(a, which, u, sep=", ")
    lines += ["", f"Please contact {mention(dso, rng)} with suggestions for future agenda items",
              dso.email, ""]
    return "\n".join(lines)
