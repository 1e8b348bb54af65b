"""The synthetic plans themselves: a children and young people's plan, a health and wellbeing
strategy and a CYPP's leads table, each in the house style of one of the shapes real documents take.
The board papers that come with them (a report, minutes) are in corpus_board_papers.py."""

from __future__ import annotations

import random

from corpus_pools import (
    GENERIC_ACTIONS,
    HWB_NAMES,
    INDICATOR,
    INDICATORS_BY_DOMAIN,
    MONTHS,
    OUTCOME_SHORT,
    OUTCOMES,
    PRINCIPLES,
    TAGLINES,
    THEME_INDICATORS,
    VISIONS,
    _cap,
)
from corpus_text import (
    NUMBER_WORDS,
    _csv_cell,
    _html_table,
    _md_table,
    action_text,
    board_people,
    due,
    members,
    mention,
    period,
    target,
    value,
)
from corpus_world import Plan, theme_leads

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
