"""Identity: which node each extracted entity is.

Elements of a plan (outcomes, indicators, actions...) belong to one document and are named
after it. People, boards, organisations, posts and plans are shared: the same name in the same
area (authority) is the same node wherever it appears, so a person named in a plan and in the
minutes of its board is one node, and two bodies with the same name in different areas stay
apart. Candidates already in the store are looked up per class and area once per document and
blocked by a cheap key (surname, first content word), so resolution stays near-linear.

Every decision is recorded with its reason (`Resolution.reasons`), which is written next to
the entity's evidence so `plangraph explain` can show why mentions were merged; a user's
overrides file (see `overrides.py`) can force or forbid merges.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plangraph.graph.namespaces import ID, document_slug, short_hash, slug
from plangraph.ingest.extractors.matching import comparable, same_label
from plangraph.ingest.facts import SHARED_CLASSES, Entity, Facts, normalise
from plangraph.ingest.identity import core_name
from plangraph.ingest.nodes import Nodes, StoreNodes
from plangraph.ingest.overrides import Overrides

if TYPE_CHECKING:
    from plangraph.graph.store import Store

FALLBACK_MARK = "document-as-plan"  # the key/IRI tail of a plan standing for a file
ACTION_PLAN = re.compile(r"\b(?:action|delivery|implementation|work)\s+plan\b", re.I)
ELEMENT_CLASSES = {"Outcome", "Priority", "Action", "Indicator", "Principle", "Recommendation"}
ANYWHERE_CANDIDATES = 50  # same-key elements read for an element that has no plan of its own
NICKNAMES = {
    "cath": "catherine", "cathy": "catherine", "kate": "katherine", "katie": "katherine",
    "chris": "christopher", "mike": "michael", "mick": "michael", "steve": "stephen",
    "rob": "robert", "bob": "robert", "bill": "william", "will": "william", "liz": "elizabeth",
    "beth": "elizabeth", "jim": "james", "jenny": "jennifer", "jen": "jennifer", "tom": "thomas",
    "dave": "david", "andy": "andrew", "tony": "anthony", "pat": "patricia", "sue": "susan",
    "nick": "nicholas", "dan": "daniel", "ben": "benjamin", "sam": "samuel", "jo": "joanne",
    "maggie": "margaret", "meg": "margaret", "peggy": "margaret", "alex": "alexander",
    "ed": "edward", "ted": "edward", "phil": "philip", "matt": "matthew", "tim": "timothy",
    "jon": "jonathan", "ian": "ian", "viv": "vivien", "di": "diana", "val": "valerie",
    "gill": "gillian", "jackie": "jacqueline", "fran": "frances", "nicky": "nicola",
    "becky": "rebecca", "bex": "rebecca", "vicky": "victoria", "chrissie": "christine",
}


def area_keys(keys: set[str], area: str) -> set[str]:
    """Each block key scoped to an area ('harrowby|ashdown'): what a lookup by name in that
    area reads, so its cost grows with the area's mentions, not with the whole store's (an
    e-mail may still join areas)."""
    return {f"{area_slug(area)}|{k}" for k in keys}


def stored_keys(keys: set[str], area: str | None) -> set[str]:
    """The block keys written for a node: each plain, and each scoped to the document's area."""
    return keys | area_keys(keys, area) if area else set(keys)


def area_slug(area: str | None) -> str:
    return slug(area) if area else "any"


def person_key(name: str) -> tuple[str, str]:
    """(first name in full form, surname): 'Cath J. Ashdown' -> ('catherine', 'ashdown')."""
    words = [w for w in re.findall(r"[\w'’-]+", normalise(name)) if len(w) > 1 or w.isdigit()]
    if not words:
        return "", ""
    first, last = words[0], words[-1]
    return NICKNAMES.get(first, first), last


def body_core(name: str, area: str | None) -> str:
    """A body's name without its area's words or a closing "Board": 'Harrowby Children's
    Partnership Board' and 'Children's Partnership' in a Harrowby paper are one body."""
    core = core_name(name, area)
    bare = re.sub(r"\s+board$", "", core)
    return bare if len(bare.split()) >= 2 else core


def same_body(a: str, b: str, area: str | None) -> bool:
    return same_label(a, b) or same_label(body_core(a, area), body_core(b, area))


YEARS = re.compile(r"\b(?:19|20)\d{2}(?:\s*[-–/]\s*(?:(?:19|20)?\d{2}))?\b")


def plan_title(name: str) -> str:
    """A plan's title without its period: 'Harrowby Plan 2024-2030' -> 'harrowby plan'."""
    return comparable(YEARS.sub(" ", name))


def same_plan(a: str, b: str) -> bool:
    """The same plan: the same title and period, up to small edits, or one title a longer form
    of the other ('SEND Strategy 2026-2029' and 'Harrowby College SEND Strategy 2026-2029').
    Plans of different periods never are; an undated title is settled once every document is
    resolved (`ingest.replay.undated_plans`)."""
    if same_label(a, b):
        return True
    if sorted(re.findall(r"\d+", a)) != sorted(re.findall(r"\d+", b)) or not YEARS.search(a):
        return False
    ta, tb = sorted((plan_title(a), plan_title(b)), key=len)
    return len(ta.split()) >= 3 and tb.endswith(" " + ta)


def same_person(a: str, b: str) -> bool:
    """Same surname and a compatible first name (a nickname, or one a prefix of the other)."""
    fa, la = person_key(a)
    fb, lb = person_key(b)
    if not la or la != lb:
        return False
    if fa == fb:
        return True
    return len(min(fa, fb, key=len)) >= 3 and (fa.startswith(fb) or fb.startswith(fa))


@dataclass
class Known:
    """A node already in the store: its IRI, labels and e-mail addresses."""

    iri: str
    label: str
    alt: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    plans: set[str] = field(default_factory=set)


@dataclass
class Resolution:
    iris: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    block_keys: dict[str, set[str]] = field(default_factory=dict)


class Resolver:
    """Maps fact keys to node IRIs, consulting the store's existing nodes where given."""

    def __init__(self, kg: Store | None = None, overrides: Overrides | None = None,
                 nodes: Nodes | None = None) -> None:
        self.nodes: Nodes | None = nodes if nodes is not None else StoreNodes(kg) if kg is not None else None
        self.overrides = overrides or Overrides.load_default()
        self.comparisons = 0  # candidates examined: grows with mentions, not with the store

    # -- lookups ---------------------------------------------------------------------------------
    def _known(self, cls: str, area: str | None, keys: set[str], emails: set[str] = frozenset(),
               per_key: int | None = None, plans: set[str] = frozenset(),
               plan_keys: set[str] = frozenset()) -> list[Known]:
        """Nodes of `cls` known so far for this area whose block key (or e-mail) is among
        `keys` (at most `per_key` of those sharing one key, the first by IRI), and elements of
        `plans` whose block key is among `plan_keys`.

        Blocking keeps the lookup proportional to this document's mentions, not to the store.
        """
        nodes = self.nodes
        if nodes is None or not (keys or emails or plan_keys) or nodes.is_empty():
            return []
        candidates: set[str] = set()
        for key in area_keys(keys, area) if area else keys:
            found = nodes.with_key(key)
            candidates |= set(sorted(found)[:per_key]) if per_key else found
        for email in emails:
            candidates |= nodes.with_email(email)
        if plans and plan_keys:  # from each plan's elements: a plan has dozens, an area thousands
            candidates |= nodes.elements_of(plans, plan_keys)
        found: dict[str, Known] = {}
        for iri in sorted(candidates):
            node = nodes.node(iri)
            if cls not in node.classes or not node.labels:
                continue
            known = Known(iri, sorted(node.labels)[0], alt=set(node.alt))
            if cls in ELEMENT_CLASSES:
                known.plans = set(node.plans)
            else:
                known.emails = set(node.emails)
            found[iri] = known
        return list(found.values())

    # -- resolution ------------------------------------------------------------------------------
    def resolve(self, facts: Facts, doc_name: str) -> Resolution:
        """Decide the IRI and canonical label of every entity in `facts`."""
        out = Resolution()
        doc = document_slug(doc_name)
        if facts.area is None:
            facts.area = self._guess_area(facts)
        scope = area_slug(facts.area)
        self._fallback_plan(facts, doc_name)
        if f"plan:{FALLBACK_MARK}" in facts.entities:
            out.iris[f"plan:{FALLBACK_MARK}"] = f"{ID}{doc}/plan/{FALLBACK_MARK}"
        by_class: dict[str, list[Entity]] = defaultdict(list)
        for ent in facts.entities.values():
            by_class[ent.cls].append(ent)
        for ent in facts.entities.values():
            out.block_keys[ent.key] = self.block_keys(ent, facts.area)
        for cls in sorted(by_class, key=lambda c: c not in SHARED_CLASSES):
            ents = by_class[cls]
            if cls in SHARED_CLASSES:
                self._resolve_shared(cls, ents, facts.area, scope, out)
                continue
            if cls in ELEMENT_CLASSES:
                self._adopt_elements(cls, ents, facts, out)
            for ent in ents:
                if ent.key not in out.iris:
                    local = ent.key.split(":", 1)[1] if ":" in ent.key else ent.key
                    out.iris[ent.key] = f"{ID}{doc}/{cls.lower()}/{slug(local, 90)}"
        self._drop_stand_in(facts, out, doc)
        return out

    def _drop_stand_in(self, facts: Facts, out: Resolution, doc: str) -> None:
        """A file name is not a plan: when elements of a lead table were matched to a plan
        ingested from another file, the stand-in that held them goes, and the rows matched to
        none belong to the plan most of the others were found in."""
        stand_in = f"plan:{FALLBACK_MARK}"
        members = [r.subject for r in facts.relations if r.predicate == "partOf" and r.object == stand_in]
        adopted = [out.iris[m] for m in members if not out.iris[m].startswith(f"{ID}{doc}/")]
        if stand_in not in facts.entities or not adopted or self.nodes is None:
            return
        votes = Counter(p for iri in adopted for p in self.nodes.node(iri).plans)
        if not votes:
            return
        plan = min(votes, key=lambda p: (-votes[p], p))
        ent = facts.entities.pop(stand_in)
        key = "plan:of-the-rows-found"
        facts.entities[key] = Entity(key, "Plan", sorted(self.nodes.node(plan).labels)[0], ent.span)
        for r in facts.relations:
            if r.object == stand_in:
                r.object = key
        for table in (out.iris, out.labels, out.reasons, out.block_keys):
            table.pop(stand_in, None)
        out.iris[key], out.labels[key] = plan, facts.entities[key].label
        out.reasons[key] = "the plan most rows of this table were found in"

    def _guess_area(self, facts: Facts) -> str | None:
        """With no authority named, take the area whose documents share most of our names."""
        if self.nodes is None or self.nodes.is_empty():
            return None
        labels = {ent.label for ent in facts.entities.values()}
        votes = self.nodes.area_votes(labels) if labels else {}
        if not votes:
            return None
        best = max(sorted(votes), key=votes.__getitem__)
        return best if votes[best] >= 2 else None

    def _resolve_shared(self, cls: str, ents: list[Entity], area: str | None, scope: str,
                        out: Resolution) -> None:
        """Shared entities of one class (people, bodies, posts, plans): each is the stored node
        it matches by e-mail or name, one named differently earlier in this document, or new."""
        keys = {self._block(cls, n, area) for e in ents for n in (e.label, *e.alt_labels)}
        emails = {m.lower() for e in ents for m in e.props.get("email", [])}
        known = self._known(cls, area, keys, emails)
        self.comparisons += len(known)
        blocks = self._by_block(cls, known, area)
        by_email = {email: node for node in known for email in node.emails}
        local_groups: list[tuple[Entity, str]] = []  # (entity, iri) resolved in this document
        # the fullest plain wording names a new node ("Catherine Ashdown" before "Cath", and
        # before "Catherine J. Ashdown")
        for ent in sorted(ents, key=lambda e: (bool(re.search(r"\b[A-Z]\.", e.label)), -len(e.label))):
            if ent.key in out.iris:
                continue
            forced = self.overrides.canonical(cls, ent.label, area)
            forbidden: set[str] = set()
            match, reason = _by_email(ent, by_email)
            if match is None:
                match, reason = self._by_name(cls, [forced or "", ent.label, *ent.alt_labels], forced,
                                              blocks, area, forbidden)
            if match is not None:
                out.iris[ent.key] = match.iri
                out.labels[ent.key] = match.label
                out.reasons[ent.key] = reason
                continue
            local = next((iri for other, iri in local_groups
                          if self._same_local(cls, ent, other, area)), None)
            if local is not None:
                out.iris[ent.key] = local
                out.reasons[ent.key] = f"same {cls.lower()} named differently in this document"
                continue
            label = forced or ent.label
            iri = self.iri_for(cls, label, scope)
            if iri in forbidden:  # kept apart by the overrides file: a node of its own
                iri += "-" + short_hash(label, size=6)
            out.iris[ent.key] = iri
            out.labels[ent.key] = label
            local_groups.append((ent, iri))
        _one_label_per_node(ents, out)

    def _by_block(self, cls: str, known: list[Known], area: str | None) -> dict[str, list[Known]]:
        """The known nodes under the block key of each of their names, for lookup by a name's key."""
        blocks: dict[str, list[Known]] = defaultdict(list)
        for node in known:
            for name in (node.label, *node.alt):
                blocks[self._block(cls, name, area)].append(node)
        return blocks

    def _by_name(self, cls: str, names: list[str], forced: str | None, blocks: dict[str, list[Known]],
                 area: str | None, forbidden: set[str]) -> tuple[Known | None, str]:
        """The known node the first of `names` that has one is (the overrides file's name first),
        with the reason; nodes the overrides file keeps apart are added to `forbidden`."""
        for name in names:
            for node in blocks.get(self._block(cls, name, area), []) if name else []:
                if self.overrides.forbids(cls, name, node.label, area):
                    forbidden.add(node.iri)
                    continue
                if self._same(cls, name, node, area):
                    return node, (f"override file: '{name}' is '{node.label}'" if name == forced
                                  else f"same {'name' if cls == 'Person' else 'label'} "
                                  f"as '{node.label}' in {area or 'the store'}")
        return None, ""

    @staticmethod
    def _block(cls: str, name: str, area: str | None = None) -> str:
        """A cheap key that every spelling of one entity shares: a surname, a name's last words."""
        if cls == "Person":
            return person_key(name)[1]
        if cls == "Plan":  # the title's last words and its period: plans of other periods apart
            return " ".join([*plan_title(name).split()[-2:], *re.findall(r"\d+", name)])
        words = (body_core(name, area) if cls in {"Board", "Organisation"} else comparable(name)).split()
        # plural and possessive forms share a key ("Adults Board", "Adult Board", "Board's")
        return " ".join(re.sub(r"'s$|(?<=[a-z]{3})s$", "", w) for w in words[-2:]) if words else ""

    def block_keys(self, ent: Entity, area: str | None) -> set[str]:
        return {k for n in (ent.label, *ent.alt_labels) if (k := self._block(ent.cls, n, area))}

    def iri_for(self, cls: str, label: str, scope: str) -> str:
        """A shared node's IRI: its area, class and the identity of its name."""
        return f"{ID}{scope}/{cls.lower()}/{slug(self._identity(cls, label), 90)}"

    @staticmethod
    def _identity(cls: str, label: str) -> str:
        if cls == "Person":
            first, last = person_key(label)
            return f"{first}-{last}"
        return normalise(label)

    def _same(self, cls: str, name: str, node: Known, area: str | None = None) -> bool:
        names = (node.label, *node.alt)
        if cls == "Person":
            return any(same_person(name, n) for n in names)
        if cls == "Post":
            return any(normalise(name) == normalise(n) for n in names)
        if cls in {"Board", "Organisation"}:
            return any(same_body(name, n, area) for n in names)
        if cls == "Plan":
            return any(same_plan(name, n) for n in names)
        return any(same_label(name, n) for n in names)

    def _same_local(self, cls: str, ent: Entity, other: Entity, area: str | None) -> bool:
        """Two mentions in one document that are one node: a person named two ways, a body
        with and without its area's name or "Board"."""
        if self.overrides.forbids(cls, ent.label, other.label, area):
            return False
        if cls in {"Board", "Organisation"}:
            return same_body(ent.label, other.label, area)
        if cls == "Plan":
            return same_plan(ent.label, other.label)
        if cls != "Person":
            return False
        emails = set(ent.props.get("email", [])) & set(other.props.get("email", []))
        return bool(emails) or same_person(ent.label, other.label)

    def _adopt_elements(self, cls: str, ents: list[Entity], facts: Facts, out: Resolution) -> None:
        """Elements of a plan already in the store are those nodes, not new ones.

        A board report or minutes naming "Healthy Weight", a priority of a plan ingested from
        another file, mean that priority: an element is matched to a stored element of the same
        class with the same label that belongs to the same plan (or to any plan, when this
        document gave it none of its own).
        """
        plans_of, implemented = _plan_links(facts, out)
        anywhere: set[str] = set()  # keys of elements with no plan of their own: any plan's
        scoped: set[str] = set()  # keys looked up among the elements of their plans
        in_plans: set[str] = set()  # those plans and the plans they cite
        for ent in ents:
            keys, plans = out.block_keys.get(ent.key, set()), plans_of.get(ent.key, set())
            if plans and not _stand_in_only(plans):
                scoped |= keys
                in_plans |= plans | {q for p in plans for q in implemented.get(p, ())}
            else:
                anywhere |= keys
        # an element with no plan joins the first same-label element found: reading every
        # plan's would grow with the store
        known = self._known(cls, facts.area, anywhere, per_key=ANYWHERE_CANDIDATES, plans=in_plans,
                            plan_keys=scoped)
        self.comparisons += len(known)
        if not known:
            return
        by_key = self._by_block(cls, known, facts.area)
        for ent in ents:
            node, reason = _stored_element(cls, ent, plans_of.get(ent.key, set()), by_key, implemented, out)
            if node is not None:
                out.iris[ent.key] = node.iri
                out.labels[ent.key] = node.label
                out.reasons[ent.key] = reason

    def _fallback_plan(self, facts: Facts, doc_name: str) -> None:
        """Elements with no plan of their own (a lead table alone) get one standing for the file.

        If they match elements already ingested they are adopted into those instead (see
        `_adopt_elements`) and the stand-in plan only keeps the evidence of where they were read.
        """
        orphans = [e for e in facts.entities.values() if e.cls in ELEMENT_CLASSES and
                   not facts.has(e.key, "partOf")]
        if not orphans:
            return
        title = re.sub(r"[_-]+", " ", doc_name.rsplit(".", 1)[0]).strip().title()
        fallback = facts.entity("Plan", title, orphans[0].span, key=f"plan:{FALLBACK_MARK}",
                                confidence=0.3)
        for ent in orphans:
            facts.relate(ent.key, "partOf", fallback, ent.span, confidence=0.3)


def _by_email(ent: Entity, by_email: dict[str, Known]) -> tuple[Known | None, str]:
    """The known node with one of the entity's e-mail addresses, with the reason."""
    for email in ent.props.get("email", []):
        if email.lower() in by_email:
            return by_email[email.lower()], f"same e-mail address ({email})"
    return None, ""


def _one_label_per_node(ents: list[Entity], out: Resolution) -> None:
    """Every key sharing an IRI gets one label: the first (longest) wording chosen for it."""
    chosen: dict[str, str] = {}
    for key, iri in out.iris.items():
        if out.labels.get(key):
            chosen.setdefault(iri, out.labels[key])
    for ent in ents:
        out.labels[ent.key] = chosen.get(out.iris[ent.key], ent.label)


def _stand_in_only(plans: set[str]) -> bool:
    """Plans that are only the stand-in for a file: the element has no plan of its own."""
    return bool(plans) and all(p.endswith(FALLBACK_MARK) for p in plans)


def _plan_links(facts: Facts, out: Resolution) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The IRIs of the plans each element is part of, and of the plans each action plan cites."""
    plans_of: dict[str, set[str]] = defaultdict(set)
    implemented: dict[str, set[str]] = defaultdict(set)  # action plan -> the plans it cites
    for rel in facts.relations:
        if rel.predicate == "partOf" and rel.object in out.iris:
            plans_of[rel.subject].add(out.iris[rel.object])
        elif rel.predicate == "references" and rel.subject in out.iris and rel.object in out.iris \
                and ACTION_PLAN.search(facts.entities[rel.subject].label):
            implemented[out.iris[rel.subject]].add(out.iris[rel.object])
    return plans_of, implemented


def _stored_element(cls: str, ent: Entity, plans: set[str], by_key: dict[str, list[Known]],
                    implemented: dict[str, set[str]], out: Resolution) -> tuple[Known | None, str]:
    """The stored element an element is, with the reason: one with the same label in the same
    plan (any plan when it has none of its own), or the only one in a plan its action plan cites."""
    adopted = _stand_in_only(plans)
    names = (ent.label, *ent.alt_labels)
    cited = {q for p in plans for q in implemented.get(p, ())}  # the strategies an action plan cites
    # only elements of its own plans or the cited ones can be chosen below: the labels of the
    # others (every plan's "Children are safe") are not compared
    scope = plans | cited if plans and not adopted else None
    same = [n for key in sorted(out.block_keys.get(ent.key, ())) for n in by_key.get(key, [])
            if (scope is None or n.plans & scope)
            and any(same_label(a, b) for a in names for b in (n.label, *n.alt))]
    node = next((n for n in same if not plans or adopted or n.plans & plans), None)
    if node is not None:
        return node, f"same {cls.lower()} as '{node.label}' already ingested"
    # an action plan's priorities are those of the strategy it cites
    parents = {n.iri: n for n in same if n.plans & cited}
    if len(parents) == 1:
        node = next(iter(parents.values()))
        return node, f"the {cls.lower()} '{node.label}' of the plan this action plan cites"
    return None, ""
