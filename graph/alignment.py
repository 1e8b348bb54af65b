"""Cross-plan alignment: which elements of different plans say substantially the same thing.

Plans of one partnership (and of its neighbours) restate the same outcomes, priorities and
indicators in their own words: "Under 18 conception rate (Nottingham Plan target)" in one, "Under
18 conceptions (rate per 1,000 females aged 15-17)" in another, and a priority "Improve sexual
health ... including reducing teenage pregnancies" in a third. Three methods look for that, each
giving a score in [0, 1] and the evidence for it:

* **same indicator** — two indicators whose definitions are equal, or nearly, once the parts
  that name a target, a source or a unit rather than the measure are dropped ("(Nottingham Plan
  target)", "- PH 1.04 (...)", "(per 100,000 aged 10-17)", a leading "Rate of" or "% of");
* **shared theme** — both elements are about the same theme of `ontology/themes.ttl`, found by
  its keywords. The score grows with how specific the theme is (teenage pregnancy beats sexual
  health, which beats the Every Child Matters outcome "be healthy", which alone never aligns)
  and with how much of each label the theme accounts for, so that a passing mention (the A&E
  "attendances" of an injuries indicator) does not make an element about school attendance.
  Two indicators, or an action and anything, need a specific theme: "Progress 8" and "Level 3
  by 19" are both about attainment but are not the same measure, while a priority and an
  indicator of the same topic are what the golden thread joins;
* **lexical** — TF-IDF cosine over stemmed content words of the labels (the names of the areas the
  documents belong to left out: they say where, not what).

The pair's score is the best of the three, raised a little when a second method agrees (see
`combine`); pairs at or above the threshold are aligned.

Comparing every pair would be quadratic, so candidates come from blocks: the words of the
labels (a word in more than ~5% of elements is too common to block on), the normalised
indicator definitions and the themes. A block too big to compare in full is sorted and each
element compared with its next neighbours only (sorted neighbourhood), which keeps the number
of comparisons near-linear in the number of elements; `AlignmentReport.comparisons` counts them.

`refresh_alignments` writes the result to one derived named graph, replaced atomically:
`pg:alignedWith` both ways, a `pg:Alignment` node per pair (score, method, evidence) and the
`pg:theme` of every element that matched a theme. The links and themes are also in the union
default graph; the alignment nodes, like a document's assertions, only in their graph (read them
with `GRAPH ?g`). Everything is recomputed from the document
graphs, so removing a document and refreshing removes its alignments; the output depends only
on the store's content (sorted, hashed IRIs), so refreshing twice gives identical quads.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from plangraph.graph.alignment_text import content_stems, indicator_definition, words
from plangraph.graph.namespaces import DERIVED, PG, RDF, RDFS, evidence_iri, short_hash
from plangraph.graph.store import Store
from plangraph.graph.terms import decimal
from plangraph.graph.themes import STOP_STEMS, ThemeMatch, ThemeScheme, load_themes, match_themes
from plangraph.graph.wording import stem

ALIGNMENT_GRAPH = DERIVED + "alignment"
ELEMENT_TYPES = ("Outcome", "Priority", "Action", "Indicator")

DEFAULT_THRESHOLD = 0.6
# Two indicators, or an action and anything, that share only a topic are usually different things
# about one subject (Progress 8 and Level 3 by 19; two actions on safeguarding): their topic counts
# this much. An outcome or priority and an indicator of the topic are what alignment is for.
TOPIC_ONLY = 0.7
# Two short labels sharing one word ("Be healthy", "Healthy weight") have a high cosine that
# says little: a lexical match on a single word counts this much.
ONE_WORD = 0.8
# Blocking: words in more than this share of elements (and more than MIN_COMMON) are not blocked on;
# blocks bigger than BLOCK_MAX are compared by sorted neighbourhood, WINDOW neighbours each side.
COMMON_SHARE = 0.05
MIN_COMMON = 10
WINDOW = 16
# Each element keeps its best partners only (see `_best_per_element`).
MAX_PER_ELEMENT = 5
BLOCK_MAX = 2 * WINDOW  # where all pairs of a block cost about what its window would


# -- elements ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Element:
    """A plan element with what alignment needs to know about it."""

    iri: str
    kind: str
    label: str
    names: tuple[str, ...]  # the label first, then alternative labels
    contexts: frozenset[tuple[str, str]]  # (plan, source document) pairs; plan "" when unknown


def load_elements(kg: Store) -> list[Element]:
    """Every outcome, priority, action and indicator, sorted by IRI."""
    types = " ".join(f"pg:{t}" for t in ELEMENT_TYPES)
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for row in kg.sparql(f"SELECT ?e ?t ?l WHERE {{ VALUES ?t {{ {types} }} ?e a ?t ; rdfs:label ?l }}"):
        kind = row["t"].rsplit("#", 1)[-1]
        if row["e"] not in kinds or (kind, row["l"]) < (kinds[row["e"]], labels[row["e"]]):
            kinds[row["e"]], labels[row["e"]] = kind, row["l"]
    alts: dict[str, set[str]] = defaultdict(set)
    for row in kg.sparql(f"SELECT ?e ?a WHERE {{ VALUES ?t {{ {types} }} ?e a ?t ; skos:altLabel ?a }}"):
        alts[row["e"]].add(row["a"])
    plans: dict[str, set[str]] = defaultdict(set)
    for row in kg.sparql(f"SELECT ?e ?p WHERE {{ VALUES ?t {{ {types} }} ?e a ?t ; pg:partOf ?p }}"):
        plans[row["e"]].add(row["p"])
    docs: dict[str, set[str]] = defaultdict(set)
    query = f"SELECT ?e ?d WHERE {{ VALUES ?t {{ {types} }} ?e a ?t ; prov:wasDerivedFrom ?d }}"
    for row in kg.sparql(query):
        docs[row["e"]].add(row["d"])
    out = []
    for iri in sorted(kinds):
        label = labels[iri]
        names = (label, *sorted(alts[iri] - {label}))
        contexts = frozenset((p, d) for p in (plans[iri] or {""}) for d in (docs[iri] or {""}))
        out.append(Element(iri, kinds[iri], label, names, contexts))
    return out


def load_places(kg: Store) -> list[str]:
    """The areas (authorities) the ingested documents belong to, such as 'Nottingham City'."""
    return sorted({row["a"] for row in kg.sparql("SELECT DISTINCT ?a WHERE { ?d pg:area ?a }")})


def same_plan(a: Element, b: Element) -> bool:
    """Two elements of one plan as one document states it are never aligned.

    Plans are compared together with the document they were read from: the resolver may make
    one plan node of two documents (a draft plan and the plan, a report quoting a plan), and the
    elements each document words differently are what alignment is for.
    """
    return not a.contexts.isdisjoint(b.contexts)


# -- the result --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Alignment:
    """One aligned pair (a < b by IRI), its combined score, the method that found it and why."""

    a: str
    b: str
    score: float
    method: str
    evidence: str
    scores: tuple[tuple[str, float], ...] = ()  # every method's own score, best first

    @property
    def iri(self) -> str:
        return evidence_iri(ALIGNMENT_GRAPH, short_hash(self.a, self.b))


@dataclass
class AlignmentReport:
    """What `compute_alignments` found, and how much work it took."""

    threshold: float
    elements: int = 0
    comparisons: int = 0  # candidate pairs scored (each pair once)
    alignments: list[Alignment] = field(default_factory=list)
    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # element -> theme IRIs
    seconds: float = 0.0
    quads: int = 0  # quads written by refresh_alignments

    def pairs(self) -> set[frozenset[str]]:
        return {frozenset((al.a, al.b)) for al in self.alignments}

    def summary(self) -> str:
        return (f"{len(self.alignments)} alignments among {self.elements} elements "
                f"({self.comparisons} comparisons, {self.seconds:.2f}s)")


# -- scoring -----------------------------------------------------------------------------------

@dataclass
class _Prepared:
    element: Element
    definition: tuple[str, ...] | None
    vector: dict[str, float]
    themes: dict[str, ThemeMatch]
    sort_key: str


def _prepare(elements: list[Element], scheme: ThemeScheme, places: frozenset[str]) -> list[_Prepared]:
    bags = [Counter(tok for name in e.names for tok in set(content_stems(name)) if tok not in places)
            for e in elements]
    df = Counter(tok for bag in bags for tok in bag)
    n = len(elements)
    prepared = []
    for e, bag in zip(elements, bags, strict=True):
        vec = {tok: (1 + math.log(tf)) * math.log((n + 1) / df[tok]) for tok, tf in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        definition = indicator_definition(e.label) if e.kind == "Indicator" else None
        prepared.append(_Prepared(e, definition or None, {k: v / norm for k, v in vec.items()},
                                  match_themes(e.names, scheme, places), " ".join(content_stems(e.label))))
    return prepared


def _same_indicator(a: _Prepared, b: _Prepared, explain: bool = True) -> tuple[float, str]:
    da, db = a.definition, b.definition
    if not da or not db:
        return 0.0, ""
    shown = f"'{' '.join(da)}' / '{' '.join(db)}'" if explain else ""
    if da == db:
        return 1.0, f"same definition {shown}"
    sa, sb = set(da), set(db)
    if {t for t in sa if t.isdigit()} != {t for t in sb if t.isdigit()}:
        return 0.0, ""
    jaccard = len(sa & sb) / len(sa | sb)
    if jaccard >= 0.75:
        return round(0.8 + 0.2 * jaccard, 3), f"nearly the same definition {shown}"
    short, long = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    extra = [t for t in long - short if not t.isdigit()]
    if len(short) >= 3 and short <= long and len(extra) <= 2:  # "..., ages 10-24"
        return 0.8, f"one definition adds a qualifier to the other {shown}"
    return 0.0, ""


def _shared_theme(a: _Prepared, b: _Prepared, scheme: ThemeScheme,
                  explain: bool = True) -> tuple[float, str, str]:
    shared = a.themes.keys() & b.themes.keys()
    if not shared:
        return 0.0, "", ""
    best = (0.0, "", "")
    kinds = (a.element.kind, b.element.kind)
    concrete = kinds == ("Indicator", "Indicator") or "Action" in kinds
    for iri in sorted(shared):
        ma, mb = a.themes[iri], b.themes[iri]
        theme = scheme.themes[iri]
        score = theme.specificity * (0.5 + 0.5 * min(ma.focus, mb.focus))
        if theme.level != "specific" and concrete:
            score *= TOPIC_ONLY
        if score > best[0]:
            why = (f"both about {theme.label} ({', '.join(ma.keywords)} / {', '.join(mb.keywords)}; "
                   f"focus {ma.focus:.2f}/{mb.focus:.2f})") if explain else ""
            best = (round(score, 3), f"theme:{theme.slug}", why)
    return best


def _lexical(a: _Prepared, b: _Prepared, explain: bool = True) -> tuple[float, str]:
    small, big = (a.vector, b.vector) if len(a.vector) <= len(b.vector) else (b.vector, a.vector)
    shared = [t for t in small if t in big]
    cosine = math.fsum(small[t] * big[t] for t in shared)  # exactly rounded: the same in any order
    if cosine <= 0:
        return 0.0, ""
    score = round(min(cosine, 1.0) * (1.0 if len(shared) > 1 else ONE_WORD), 3)
    if not explain:
        return score, ""
    top = sorted(shared, key=lambda t: (-round(small[t] * big[t], 12), t))[:5]  # ties by word
    return score, f"TF-IDF cosine {cosine:.2f} on {', '.join(top)}"


def combine(scores: dict[str, float]) -> float:
    """The best method's score, plus a fifth of the runner-up's: agreement adds confidence, but
    no number of weak signals adds up to an alignment on its own."""
    ranked = sorted(scores.values(), reverse=True)
    if not ranked:
        return 0.0
    bonus = 0.2 * ranked[1] if len(ranked) > 1 else 0.0
    return round(min(1.0, ranked[0] + bonus), 3)


def _scores(a: _Prepared, b: _Prepared, scheme: ThemeScheme) -> tuple[float, float, float]:
    """Each method's score for a pair, without its reason."""
    return (_same_indicator(a, b, explain=False)[0], _shared_theme(a, b, scheme, explain=False)[0],
            _lexical(a, b, explain=False)[0])


_METHOD_ORDER = {"same-indicator": 0, "theme": 1, "lexical": 2}


def score_pair(a: _Prepared, b: _Prepared, scheme: ThemeScheme,
               threshold: float = 0.0) -> Alignment | None:
    """Score one candidate pair with every method; None when nothing matches at all or the
    combined score is under `threshold`.

    Most candidates fall short, so the scores are worked out first and the reasons (the words
    and themes that matched) are written only for a pair that is kept."""
    if threshold > 0 and combine({str(i): s for i, s in enumerate(_scores(a, b, scheme)) if s}) < threshold:
        return None
    found: dict[str, tuple[float, str]] = {}
    s, why = _same_indicator(a, b)
    if s:
        found["same-indicator"] = (s, why)
    s, method, why = _shared_theme(a, b, scheme)
    if s:
        found[method] = (s, why)
    s, why = _lexical(a, b)
    if s:
        found["lexical"] = (s, why)
    if not found:
        return None
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], _METHOD_ORDER[kv[0].split(":")[0]]))
    total = combine({k: v[0] for k, v in ranked})
    evidence = "; ".join(f"{k} {v[0]:.2f}: {v[1]}" for k, v in ranked)
    x, y = sorted((a.element.iri, b.element.iri))
    return Alignment(x, y, total, ranked[0][0], evidence, tuple((k, v[0]) for k, v in ranked))


# -- blocking ----------------------------------------------------------------------------------

def _block_pairs(members: list[int], key: dict[int, str], out: set[tuple[int, int]]) -> None:
    """All pairs of a small block; a big one by sorted neighbourhood (WINDOW neighbours)."""
    if len(members) <= BLOCK_MAX:
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                out.add((x, y) if x < y else (y, x))
        return
    ordered = sorted(members, key=lambda m: (key[m], m))
    for i, x in enumerate(ordered):
        for y in ordered[i + 1:i + 1 + WINDOW]:
            out.add((x, y) if x < y else (y, x))


def candidate_pairs(prepared: list[_Prepared], threshold: float,
                    scheme: ThemeScheme) -> list[tuple[int, int]]:
    """Pairs worth scoring: they share a rare word, an indicator definition or a specific theme."""
    n = len(prepared)
    common = max(MIN_COMMON, int(COMMON_SHARE * n))
    by_token: dict[str, list[int]] = defaultdict(list)
    by_definition: dict[tuple[str, ...], list[int]] = defaultdict(list)
    by_theme: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(prepared):
        for tok in p.vector:
            by_token[tok].append(i)
        if p.definition:
            by_definition[p.definition].append(i)
        for iri in p.themes:
            if scheme.themes[iri].specificity >= threshold:
                by_theme[iri].append(i)
    label_key = {i: p.sort_key for i, p in enumerate(prepared)}
    pairs: set[tuple[int, int]] = set()
    for _, members in sorted(by_token.items()):
        if 1 < len(members) <= common:
            _block_pairs(members, label_key, pairs)
    for _, members in sorted(by_definition.items()):
        if len(members) > 1:
            _block_pairs(members, label_key, pairs)
    for iri, members in sorted(by_theme.items()):
        if len(members) > 1:
            focus_key = {i: f"{1 - prepared[i].themes[iri].focus:.4f} {label_key[i]}" for i in members}
            _block_pairs(members, focus_key, pairs)
    return sorted((i, j) for i, j in pairs if not same_plan(prepared[i].element, prepared[j].element))


def _best_per_element(found: list[Alignment], most: int = MAX_PER_ELEMENT) -> list[Alignment]:
    """Keep a pair when it is among the `most` best of either of its elements.

    An element restated in a hundred plans would otherwise align with all the others, and the
    pairs (and quads) would grow with the square of the corpus; its best partners are what the
    queries show anyway. Ties go by IRI, so the choice does not depend on the order of work.
    """
    ranked: dict[str, list[Alignment]] = defaultdict(list)
    for al in found:
        ranked[al.a].append(al)
        ranked[al.b].append(al)
    kept: dict[tuple[str, str], Alignment] = {}
    for iri, mine in ranked.items():
        mine.sort(key=lambda al: (-al.score, al.b if al.a == iri else al.a))
        for al in mine[:most]:
            kept[(al.a, al.b)] = al
    return list(kept.values())


# -- public API --------------------------------------------------------------------------------

def align_elements(elements: list[Element], threshold: float = DEFAULT_THRESHOLD,
                   scheme: ThemeScheme | None = None, places: Iterable[str] = ()) -> AlignmentReport:
    """Align a list of elements (what `compute_alignments` does once it has read the store).

    `places` are the names of the areas the documents belong to; their words say where an
    element applies, not what it is about, so they are left out of the comparison.
    """
    started = time.perf_counter()
    scheme = scheme or load_themes()
    elements = sorted(elements, key=lambda e: e.iri)
    place_stems = frozenset(stem(w) for place in places for w in words(place)) - STOP_STEMS
    prepared = _prepare(elements, scheme, place_stems)
    report = AlignmentReport(threshold, elements=len(elements))
    pairs = candidate_pairs(prepared, threshold, scheme)
    report.comparisons = len(pairs)
    found = [al for i, j in pairs
             if (al := score_pair(prepared[i], prepared[j], scheme, threshold)) is not None
             and al.score >= threshold]
    report.alignments = sorted(_best_per_element(found), key=lambda al: (al.a, al.b))
    report.themes = {p.element.iri: tuple(sorted(p.themes)) for p in prepared if p.themes}
    report.seconds = time.perf_counter() - started
    return report


def compute_alignments(kg: Store, threshold: float = DEFAULT_THRESHOLD) -> AlignmentReport:
    """Read every plan element from the store and align the pairs of different plans."""
    return align_elements(load_elements(kg), threshold, places=load_places(kg))


def alignment_quads(report: AlignmentReport, scheme: ThemeScheme | None = None) -> list[ox.Quad]:
    """The derived graph: links both ways, a pg:Alignment per pair, pg:theme links, the themes."""
    scheme = scheme or load_themes()
    g = ox.NamedNode(ALIGNMENT_GRAPH)
    node = ox.NamedNode
    aligned_with = node(PG + "alignedWith")
    element = node(PG + "alignedElement")
    quads: list[ox.Quad] = []
    for al in report.alignments:
        a, b, n = node(al.a), node(al.b), node(al.iri)
        quads += [
            ox.Quad(a, aligned_with, b, g),
            ox.Quad(b, aligned_with, a, g),
            ox.Quad(n, node(RDF + "type"), node(PG + "Alignment"), g),
            ox.Quad(n, element, a, g),
            ox.Quad(n, element, b, g),
            ox.Quad(n, node(PG + "score"), decimal(al.score, 3), g),
            ox.Quad(n, node(PG + "method"), ox.Literal(al.method), g),
            ox.Quad(n, node(RDFS + "comment"), ox.Literal(al.evidence), g),
        ]
    theme = node(PG + "theme")
    for iri, themes in sorted(report.themes.items()):
        quads += [ox.Quad(node(iri), theme, node(t), g) for t in themes]
    quads += [ox.Quad(s, p, o, g) for s, p, o in scheme.triples]  # type: ignore[arg-type]
    return list(dict.fromkeys(quads))  # in the order written (sorted alignments and themes): no sort needed


def refresh_alignments(kg: Store, threshold: float = DEFAULT_THRESHOLD) -> AlignmentReport:
    """Recompute every alignment and replace the derived alignment graph in one update."""
    report = compute_alignments(kg, threshold)
    quads = alignment_quads(report)
    kg.replace_graph(ALIGNMENT_GRAPH, quads)
    report.quads = len(quads)
    return report


__all__ = [
    "ALIGNMENT_GRAPH",
    "DEFAULT_THRESHOLD",
    "Alignment",
    "AlignmentReport",
    "Element",
    "align_elements",
    "alignment_quads",
    "compute_alignments",
    "load_elements",
    "load_themes",
    "refresh_alignments",
]
