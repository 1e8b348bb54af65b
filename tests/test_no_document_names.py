"""Rules follow shapes, never one document: no person or authority named in a gold file appears
anywhere in the extraction code (docstrings and comments included; examples are invented)."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT, SHARED

GOLD = sorted(SHARED.glob("gold/*.yaml")) + sorted(SHARED.glob("corpus/gold/*.yaml"))


def gold_names() -> set[str]:
    names: set[str] = set()
    for path in GOLD:
        gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(gold, dict):
            continue
        if gold.get("area"):
            names.add(str(gold["area"]))
        for person in (gold.get("entities") or {}).get("Person") or []:
            if " " in str(person["label"]):  # a full name; a lone given name is no one in particular
                names.add(str(person["label"]))
            names.update(str(a) for a in person.get("aliases") or [] if " " in str(a))
    return {n for n in names if len(n) > 3}


def test_no_gold_person_or_authority_is_named_in_the_extraction_code() -> None:
    if not GOLD:
        pytest.skip(f"no gold files under {SHARED}")
    names = gold_names()
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?!\w)", re.I)  # keys and comments are written in lower case too
    found = []
    for path in sorted((ROOT / "ingest").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert not found, "names from the development documents in the code:\n" + "\n".join(found)
