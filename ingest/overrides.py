"""A user's corrections to identity: merge these names, never merge those.

Read from `PLANGRAPH_OVERRIDES` or `plangraph-overrides.yaml` in the working directory and
applied on every ingest, so a correction survives re-ingesting. Example:

    merge:                      # one entity; the first name is the label to use
      - class: Person
        names: ["Catherine Ashdown", "Cath Ashdown"]
    never:                      # different entities, however alike their names
      - class: Board
        names: ["Health and Wellbeing Board", "Health and Well-Being Board"]
        area: Harrowby          # optional: only within this area
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from plangraph.ingest.facts import normalise

DEFAULT_FILE = "plangraph-overrides.yaml"


class OverridesError(ValueError):
    """The overrides file cannot be read; the message names the file and the problem."""


@dataclass
class Rule:
    cls: str
    names: list[str]
    area: str | None = None

    def applies(self, cls: str, area: str | None) -> bool:
        return self.cls == cls and (self.area is None or area is None or
                                    normalise(self.area) == normalise(area))


@dataclass
class Overrides:
    merge: list[Rule] = field(default_factory=list)
    never: list[Rule] = field(default_factory=list)
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
                out.append(Rule(str(item.get("class", "Person")), [str(n) for n in item["names"]],
                                item.get("area")))
            return out

        return cls(rules("merge"), rules("never"), str(path))

    @classmethod
    def load_default(cls) -> Overrides:
        path = os.environ.get("PLANGRAPH_OVERRIDES") or DEFAULT_FILE
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
