"""The SKOS themes of `ontology/themes.ttl` and which of them a label is about: loaded once,
matched by keywords, scored by how specific the theme is and how much of the label it accounts
for (graph/alignment says how a shared theme aligns two elements)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from plangraph.graph.alignment_text import GENERIC, STOPWORDS, _match_tokens, _untagged
from plangraph.graph.namespaces import PG, RDF, RDFS, SKOS
from plangraph.graph.resources import ontology_path
from plangraph.graph.wording import stem

# -- themes ------------------------------------------------------------------------------------
THEME_NS = "https://w3id.org/plangraph/theme/"
# How specific a theme is: an Every Child Matters outcome, a topic, a topic under a topic.
SPECIFICITY = {"broad": 0.45, "topic": 0.75, "specific": 0.9}

@dataclass(frozen=True)
class Theme:
    iri: str
    label: str
    level: str  # broad, topic or specific
    broader: tuple[str, ...]
    keywords: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.iri.removeprefix(THEME_NS)

    @property
    def specificity(self) -> float:
        return SPECIFICITY[self.level]


@dataclass(frozen=True)
class ThemeScheme:
    themes: dict[str, Theme]
    ancestors: dict[str, tuple[str, ...]]  # theme -> itself and everything broader, transitively
    by_first: dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]  # stem -> (stems, theme, kw)
    triples: tuple[tuple[ox.NamedNode, ox.NamedNode, ox.Term], ...]  # the scheme, for the graph


@lru_cache(maxsize=4)
def load_themes(path: Path | None = None) -> ThemeScheme:
    """Read the SKOS themes and index their keywords by first stem."""
    path = path or ontology_path("themes.ttl")
    triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    by_subject: dict[str, dict[str, list[ox.Term]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        by_subject[t.subject.value][t.predicate.value].append(t.object)
    members: set[str] = set()
    for props in by_subject.values():
        if any(o.value == SKOS + "Collection" for o in props.get(RDF + "type", [])):
            members |= {o.value for o in props.get(SKOS + "member", [])}
    themes: dict[str, Theme] = {}
    for iri, props in sorted(by_subject.items()):
        types = {o.value for o in props.get(RDF + "type", [])}
        if not iri.startswith(THEME_NS) or PG + "Theme" not in types:
            continue
        broader = tuple(sorted(o.value for o in props.get(SKOS + "broader", [])))
        level = "broad" if iri in members else "specific" if broader else "topic"
        label = min(o.value for o in props[SKOS + "prefLabel"])
        keywords = tuple(sorted({o.value for o in props.get(PG + "keyword", [])}))
        themes[iri] = Theme(iri, label, level, broader, keywords)

    def up(iri: str, seen: tuple[str, ...] = ()) -> tuple[str, ...]:
        out = [iri]
        for b in themes[iri].broader:
            if b in themes and b not in seen:
                out += [x for x in up(b, (*seen, iri)) if x not in out]
        return tuple(out)

    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
    for theme in themes.values():
        for keyword in theme.keywords:
            stems = tuple(_match_tokens(keyword))
            if stems:
                index[stems[0]].append((stems, theme.iri, keyword))
    keep = {ox.NamedNode(RDF + "type"), ox.NamedNode(SKOS + "prefLabel"), ox.NamedNode(SKOS + "altLabel"),
            ox.NamedNode(SKOS + "definition"), ox.NamedNode(SKOS + "broader"), ox.NamedNode(SKOS + "related"),
            ox.NamedNode(SKOS + "inScheme"), ox.NamedNode(SKOS + "topConceptOf"),
            ox.NamedNode(SKOS + "hasTopConcept")}
    scheme_triples = [(t.subject, t.predicate, t.object) for t in triples
                      if t.predicate in keep and isinstance(t.subject, ox.NamedNode)
                      and (t.subject.value in themes or t.subject.value == PG + "themes")]
    scheme_triples += [(ox.NamedNode(th.iri), ox.NamedNode(RDFS + "label"), ox.Literal(th.label))
                       for th in themes.values()]
    return ThemeScheme(themes, {iri: up(iri) for iri in themes},
                       {k: tuple(sorted(v)) for k, v in index.items()},
                       tuple(sorted(scheme_triples, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))))


@dataclass(frozen=True)
class ThemeMatch:
    theme: str
    focus: float  # share of the label's meaningful words the theme (or a narrower one) accounts for
    keywords: tuple[str, ...]


def match_themes(names: Iterable[str], scheme: ThemeScheme,
                 places: frozenset[str] = frozenset()) -> dict[str, ThemeMatch]:
    """The themes an element is about, from the keywords in its label and alternative labels.

    `places` are stems of the area names (Nottinghamshire, Harrowby): like the general words of
    GENERIC they do not count when measuring how much of a label a theme accounts for.
    """
    best: dict[str, ThemeMatch] = {}
    for name in names:
        tokens = _match_tokens(_untagged(name))
        salient = {i for i, tok in enumerate(tokens)
                   if tok not in GENERIC_STEMS and tok not in places and not tok.isdigit()}
        if not salient:  # nothing but general words ("Families get the right help"): all count
            salient = set(range(len(tokens)))
        covered: dict[str, set[int]] = defaultdict(set)
        hits: dict[str, set[str]] = defaultdict(set)
        for i, tok in enumerate(tokens):
            for stems, theme, keyword in scheme.by_first.get(tok, ()):
                if tuple(tokens[i:i + len(stems)]) != stems:
                    continue
                for t in scheme.ancestors[theme]:
                    covered[t] |= set(range(i, i + len(stems)))
                    hits[t].add(keyword)
        for theme, positions in covered.items():
            focus = len(positions & salient) / len(salient) if salient else 0.0
            old = best.get(theme)
            if old is None or focus > old.focus:
                best[theme] = ThemeMatch(theme, round(focus, 4), tuple(sorted(hits[theme])))
    return best


STOP_STEMS = frozenset(stem(w) for w in STOPWORDS)
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)
