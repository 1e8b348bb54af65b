"""The synthetic corpus's world: authorities with their people, posts and boards, who leads which
theme, and what each plan unit holds before it is written."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus_pools import (
    ADULT_THEMES,
    ALWAYS_GROUPS,
    CHILD_THEMES,
    CORE_ROLES,
    CYPP_NOUNS,
    CYPP_PERIODS,
    EMAIL_DOMAINS,
    EXTRA_ROLES,
    FIRST_NAMES,
    GROUPS,
    HWB_NOUNS,
    HWB_PERIODS,
    INITIALS,
    KINDS,
    LINKS,
    NEVER,
    NICKNAMES,
    ONSETS,
    ORGS,
    ROLE_INDEX,
    SUFFIXES,
    SURNAMES,
    Theme,
)

# --------------------------------------------------------------------------------------------
# The world: authorities, their people and boards
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str
    middle: str
    honorific: str
    role: str
    post: str
    org: str
    email: str
    nick: str
    alt_post: str  # the title used from `change_at` on
    change_at: int  # unit index from which the changed title is used (large = never)
    variants: dict[str, None] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def post_at(self, unit: int) -> str:
        return self.alt_post if unit >= self.change_at else self.post


@dataclass
class Authority:
    index: int
    name: str
    kind: str
    neighbour: str
    council: str
    area: str  # as the pipeline names it: "X City" for a city council, else "X"
    slug: str
    orgs: dict[str, str]
    people: list[Person]
    by_role: dict[str, Person]
    boards: dict[str, str]  # key -> name: cpb, hwb, scp, and the strategic groups by name
    groups: list[str]
    cypp_noun: str
    hwb_noun: str
    seed: int
    localities: list[str] = field(default_factory=list)
    locality_names: Names | None = None
    leads: dict[str, tuple[list[Person], list[Person], str]] = field(default_factory=dict)

    def senior(self) -> list[Person]:
        return [p for p in self.people if ROLE_INDEX[p.role][5] == "s"]

    def operational(self) -> list[Person]:
        return [p for p in self.people if ROLE_INDEX[p.role][5] == "o"]


class Names:
    """Unique invented place names, drawn in a fixed order from one generator."""

    def __init__(self, key: str, used: set[str] | None = None) -> None:
        self.rng = random.Random(f"plangraph-corpus:{key}")
        self.used: set[str] = set(used or ())

    def next(self) -> str:
        for _ in range(1000):
            name = (self.rng.choice(ONSETS) + self.rng.choice(LINKS) + self.rng.choice(SUFFIXES))
            if name not in self.used:
                self.used.add(name)
                return name
        # the pool is spent: two-part names ("Upper X") are still unused
        base = self.rng.choice(sorted(self.used))
        name = f"{self.rng.choice(('Upper', 'Lower', 'North', 'South', 'East', 'West'))} {base}"
        while name in self.used:
            name += self.rng.choice(LINKS)
        self.used.add(name)
        return name


def _email(first: str, last: str, org: str, authority: str, neighbour: str) -> str:
    local = f"{first}.{last}".lower().replace("'", "")
    domain = EMAIL_DOMAINS.get(org, "{s}.org.example")
    return f"{local}@" + domain.format(s=authority.lower().replace(" ", ""),
                                       ns=neighbour.lower().replace(" ", ""))


def build_authority(index: int, name: str, neighbour: str, seed: int) -> Authority:
    rng = random.Random(f"plangraph-corpus:{seed}:authority:{index}")
    kind = KINDS[rng.randrange(len(KINDS))]
    council = f"{name} {kind} Council" if kind else f"{name} Council"
    area = f"{name} City" if kind == "City" else name
    orgs = {k: v.format(a=name, n=neighbour) for k, v in ORGS.items()}
    orgs["council"] = council
    orgs["school"] = f"{rng.choice(('Brambleford', 'Hollyfield', 'St Aldric', 'Meadowside'))} Primary School"
    orgs["academy"] = f"{name} {rng.choice(('Academy', 'High School', 'Community College'))}"
    orgs["youth"] = f"{name} Youth Council"
    total = rng.randint(20, 60)
    extras = rng.sample(EXTRA_ROLES, min(len(EXTRA_ROLES), max(0, total - len(CORE_ROLES))))
    roles = [*CORE_ROLES, *extras]
    people: list[Person] = []
    names_used: set[tuple[str, str]] = set()
    surnames_used: set[str] = set()
    for role in roles:
        key, post, org, honorific, _, _ = role
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            # a few people share a surname with someone else in the authority
            if (first, last) not in names_used and (last not in surnames_used or rng.random() < 0.05):
                break
        names_used.add((first, last))
        surnames_used.add(last)
        if honorific == "Dr?":
            honorific = "Dr" if rng.random() < 0.5 else ""
        if honorific == "Superintendent" and rng.random() < 0.4:
            honorific = "Chief Superintendent"
        if key == "place":
            post = f"Place Director ({name})"
        elif key == "police":
            post = f"Divisional Commander ({name})"
        elif key == "probation":
            post = f"Head of {name} Probation Delivery Unit"
        middle = rng.choice(INITIALS) if rng.random() < 0.4 else ""
        nick = NICKNAMES.get(first, "") if rng.random() < 0.7 else ""
        if post.startswith("Head of "):
            alt = "Assistant Director, " + post.removeprefix("Head of ")
        elif post.startswith("Director of "):
            alt = "Executive Director of " + post.removeprefix("Director of ")
        else:
            alt = "Interim " + post
        change_at = rng.randint(2, 12) if rng.random() < 0.2 and honorific != "Councillor" else NEVER
        people.append(Person(first, last, middle, honorific, key, post, orgs[org],
                             _email(first, last, org, name, neighbour), nick, alt, change_at))
    by_role = {p.role: p for p in people}
    groups = [*ALWAYS_GROUPS, *rng.sample(GROUPS, rng.randint(3, 7))]
    boards = {"cpb": f"{name} Children's Partnership Board", "hwb": f"{name} Health and Wellbeing Board",
              "scp": orgs["scp"], "csp": f"Safer {name} Partnership"}
    for g in groups:
        boards[g] = g
    return Authority(index, name, kind, neighbour, council, area, area.lower().replace(" ", "-"),
                     orgs, people, by_role, boards, groups,
                     CYPP_NOUNS[rng.randrange(len(CYPP_NOUNS))], HWB_NOUNS[rng.randrange(2)], seed)


@dataclass
class World:
    """The authorities of one corpus and the seed everything else is drawn from."""

    seed: int
    authorities: list[Authority]
    taken: set[str]  # every authority name; localities avoid them


def build_world(authorities: int, seed: int) -> World:
    names = Names(f"{seed}:places")
    own = [names.next() for _ in range(authorities)]
    out = []
    for i, name in enumerate(own):
        # neighbours pair up (0-1, 2-3...); the last of an odd count gets an invented one
        j = i ^ 1
        neighbour = own[j] if j < len(own) else names.next()
        out.append(build_authority(i, name, neighbour, seed))
    return World(seed, out, set(names.used))


def locality(world: World, a: Authority, k: int) -> str:
    """The authority's k-th locality (1-based), invented on first use from the authority's own
    generator, so a document's text does not depend on how many plans other authorities have."""
    if a.locality_names is None:
        a.locality_names = Names(f"{world.seed}:{a.index}:localities", world.taken)
    while len(a.localities) < k:
        a.localities.append(a.locality_names.next())
    return a.localities[k - 1]


# Posts that usually lead a theme of each domain, strategically and operationally.
SENIOR_FOR = {
    "H": ("dph", "nursing", "coo", "ad_ph"), "S": ("dcs", "nursing", "police", "ad_cs"),
    "L": ("ded", "dcs", "principal", "ad_ed"), "W": ("dwp", "principal", "ded", "ad_ed"),
    "P": ("ceo", "vcs", "dcs", "housing_dir"), "V": ("hpeh", "vcs", "dcs"),
    "A": ("dph", "ad_ph", "place", "acute_ceo"), "M": ("mh_director", "dph", "place"),
    "G": ("das", "dad", "place"), "D": ("housing_dir", "ceo", "dph"),
}
OPERATIONAL_FOR = {
    "H": ("cphc", "hw_manager", "camhs", "tp", "best_start", "hi", "gp", "early_years"),
    "S": ("head_eh", "safeguarding", "cic", "dnsc", "ddsc", "exploitation", "da", "dv_police", "hyj"),
    "L": ("send", "attendance", "virtual", "early_years", "edpsych"),
    "W": ("skills", "participation", "youth", "virtual"), "P": ("poverty", "hubs", "head_eh", "housing"),
    "V": ("participation", "youth", "carers", "ppo"), "A": ("cphad", "hi", "drugs", "activity", "intel"),
    "M": ("suicide", "cphad", "hi"), "G": ("asw", "carers", "cphad"),
    "D": ("housing", "env", "csafety", "intel"),
}


def theme_leads(a: Authority, theme: Theme) -> tuple[list[Person], list[Person], str]:
    """Who leads a theme in this authority: stable across its documents."""
    if theme.title in a.leads:
        return a.leads[theme.title]
    rng = random.Random(f"plangraph-corpus:{a.seed}:{a.index}:lead:{theme.title}")
    fit_senior = [a.by_role[r] for r in SENIOR_FOR[theme.domain] if r in a.by_role]
    fit_ops = [a.by_role[r] for r in OPERATIONAL_FOR[theme.domain] if r in a.by_role]
    senior = fit_senior if fit_senior and rng.random() < 0.85 else a.senior()
    operational = fit_ops if fit_ops and rng.random() < 0.85 else a.operational()
    strategic = rng.sample(senior, 2 if rng.random() < 0.15 and len(senior) > 1 else 1)
    if rng.random() < 0.07:
        strategic = []  # nobody nominated yet
    ops = rng.sample(operational, 2 if rng.random() < 0.15 and len(operational) > 1 else 1)
    if theme.group == "SCP":
        group = a.boards["scp"]
    elif theme.group in a.groups:
        group = theme.group
    elif theme.domain in "AMGD":
        group = a.boards["hwb"]
    else:
        group = "Children's Partnership Board" if rng.random() < 0.5 else ""
    a.leads[theme.title] = (strategic, ops, group)
    return a.leads[theme.title]


# --------------------------------------------------------------------------------------------
# Plans: what a plan unit holds, before it is written
# --------------------------------------------------------------------------------------------


@dataclass
class Plan:
    authority: Authority
    unit: int
    kind: str  # cypp | hwb
    title: str
    y1: int
    y2: int
    place: str  # the authority's name, or a locality's
    themes: list[Theme]
    outcomes: list[str] = field(default_factory=list)  # domains


def plan_spec(world: World, a: Authority, unit: int) -> Plan:
    rng = random.Random(f"plangraph-corpus:{a.seed}:{a.index}:plan:{unit}")
    kind = "cypp" if unit % 2 == 0 else "hwb"
    periods = CYPP_PERIODS if kind == "cypp" else HWB_PERIODS
    y1 = periods[(unit // 2) % len(periods)]
    y2 = y1 + (3 if kind == "cypp" else 5)
    series = unit // (2 * len(periods))
    place = a.name if series == 0 else locality(world, a, series)
    noun = a.cypp_noun if kind == "cypp" else a.hwb_noun
    if kind == "cypp":
        outcomes = sorted(rng.sample("HSLWPV", rng.randint(3, 5)), key="HSLWPV".index)
        pool = [t for t in CHILD_THEMES if t.domain in outcomes]
        rest = [t for t in CHILD_THEMES if t.domain not in outcomes]
        n = rng.randint(5, 8)
        themes = rng.sample(pool, min(n, len(pool)))
        if len(themes) < n:
            themes += rng.sample(rest, n - len(themes))
    else:
        outcomes = []
        n = rng.randint(3, 6)
        themes = rng.sample(ADULT_THEMES, n - 1) + rng.sample(CHILD_THEMES, 1)
        rng.shuffle(themes)
    return Plan(a, unit, kind, f"{place} {noun} {y1}-{y2}", y1, y2, place, themes, outcomes)
