"""A user's corrections to identity: merge (and rename), split, reject.

Read from `PLANGRAPH_OVERRIDES` or `plangraph-overrides.yaml` in the working directory and
applied on every ingest (identity is settled again when the file changes), so a correction
survives re-ingesting. `plangraph correct` writes rules with who made them and when. Example:

    merge:                      # one entity; the first name is the label to use (a rename)
      - class: Person
        names: ["Catherine Ashdown", "Cath Ashdown"]
        by: A. Planner          # optional: who made the correction, and when
        on: 2026-12-03
    never:                      # different entities, however alike their names (a split)
      - class: Board
        names: ["Health and Wellbeing Board", "Health and Well-Being Board"]
        area: Harrowby          # optional: only within this area
    reject:                     # not an entity at all: dropped with its links
      - class: Board
        names: ["Client Group"]
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plangraph.ingest.facts import normalise

DEFAULT_FILE = "plangraph-overrides.yaml"


class OverridesError(ValueError):
    """The overrides file cannot be read; the message names the file and the problem."""


KINDS = ("merge", "never", "reject")


@dataclass
class Rule:
    cls: str
    names: list[str]
    area: str | None = None
    by: str | None = None
    on: str | None = None

    def as_data(self) -> dict[str, object]:
        data: dict[str, object] = {"class": self.cls, "names": list(self.names)}
        data |= {k: v for k, v in (("area", self.area), ("by", self.by), ("on", self.on)) if v}
        return data

    def applies(self, cls: str, area: str | None) -> bool:
        return self.cls == cls and (self.area is None or area is None or
                                    normalise(self.area) == normalise(area))


@dataclass
class Overrides:
    merge: list[Rule] = field(default_factory=list)
    never: list[Rule] = field(default_factory=list)
    reject: list[Rule] = field(default_factory=list)
    source: str | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Overrides:
        path = Path(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise OverridesError(f"{path.name}: cannot read the overrides file ({err})") from None
        if not isinstance(data, dict):
            raise OverridesError(f"{path.name}: expected 'merge:' and 'never:' lists")

        def rules(key: str) -> list[Rule]:
            out = []
            for item in data.get(key) or []:
                if not isinstance(item, dict) or not isinstance(item.get("names"), list):
                    raise OverridesError(f"{path.name}: each '{key}' entry needs class and names")
                on = str(item["on"]) if item.get("on") else None
                out.append(Rule(str(item.get("class", "Person")), [str(n) for n in item["names"]],
                                item.get("area"), item.get("by"), on))
            return out

        return cls(rules("merge"), rules("never"), rules("reject"), str(path))

    def add(self, kind: str, rule: Rule, path: str | os.PathLike[str]) -> None:
        """Add a rule and write the whole file back (YAML, rules in the order made)."""
        if kind not in KINDS:
            raise OverridesError(f"unknown correction '{kind}' (use one of {', '.join(KINDS)})")
        getattr(self, kind).append(rule)
        data = {k: [r.as_data() for r in getattr(self, k)] for k in KINDS if getattr(self, k)}
        Path(path).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        self.source = str(path)

    def digest(self) -> str:
        """What the rules say, for knowing when identity must be settled again."""
        data = {k: [r.as_data() for r in getattr(self, k)] for k in KINDS}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]

    def rejects(self, cls: str, name: str, area: str | None) -> bool:
        key = normalise(name)
        return any(rule.applies(cls, area) and key in {normalise(n) for n in rule.names}
                   for rule in self.reject)

    @classmethod
    def load_default(cls) -> Overrides:
        path = default_path()
        return cls.load(path) if Path(path).is_file() else cls()

    def canonical(self, cls: str, name: str, area: str | None) -> str | None:
        """The first name of a merge rule listing `name`, if any."""
        key = normalise(name)
        for rule in self.merge:
            if rule.applies(cls, area) and key in {normalise(n) for n in rule.names}:
                return rule.names[0]
        return None

    def forbids(self, cls: str, a: str, b: str, area: str | None) -> bool:
        """True when a 'never' rule keeps `a` and `b` apart."""
        ka, kb = normalise(a), normalise(b)
        if ka == kb:
            return False
        for rule in self.never:
            names = {normalise(n) for n in rule.names}
            if rule.applies(cls, area) and ka in names and kb in names:
                return True
        return False


def default_path() -> str:
    return os.environ.get("PLANGRAPH_OVERRIDES") or DEFAULT_FILE
