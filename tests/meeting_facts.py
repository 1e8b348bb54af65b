"""Reading facts about meetings in the meeting tests: one document's facts, a meeting by its label,
the objects or subjects of a relation, pairs, a person."""

from __future__ import annotations

from pathlib import Path

from plangraph.ingest.extractors import extract
from plangraph.ingest.facts import Facts
from plangraph.ingest.readers import read_document
from plangraph.ingest.readers.markdown import parse_markdown


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


def minutes_facts(text: str) -> Facts:
    """The facts of invented minutes written in markdown."""
    return extract(parse_markdown(text, "minutes.md"))
