"""A deterministic synthetic corpus of partnership plans, for scale benchmarks and tests.

    python benchmarks/corpus.py OUT_DIR --plans 100 --authorities 10 --seed 0

Writes markdown (and CSV) documents shaped like the demo data and the real seed documents, for
`plans` plans spread over `authorities` fictional authorities. Every place is built from
invented syllables and every person from first-name and surname lists, so nothing names a real
council or person. Plans are numbered per authority and alternate between two kinds, each
written with the papers that usually come with it:

* a children and young people's plan (numbered outcomes, sub-outcomes and indicator lists,
  principles, 5-8 priorities with dated actions, a √√/√ tick matrix with its legend, the
  board's membership as "Post; Organisation"), its lead table as CSV, and a report to the
  Children's Partnership Board with an HTML lead table ("A & B" cells, "?") and, sometimes, a ■
  matrix of the Every Child Matters outcomes;
* a health and wellbeing strategy (numbered priorities, an HTML or pipe indicator table with
  Period and Current value columns, reporting lines, sponsors and membership) and the minutes
  of a board meeting (✓ attendance table, apologies, a substitute, also in attendance,
  RESOLVED decisions, an action plan with responsibility leads, a contact table, the
  constitution).

Plan k of an authority is a children's plan when k is even and a strategy when k is odd; its
period cycles through eight editions, and after those the plans are for invented localities of
the authority ("Wendaford Children and Young People's Plan 2024-2027"), so every title is new.
Files go to OUT_DIR/<authority>/, named <authority>-<k><a|b|c>-<kind>...: unique across the
corpus (the store keys documents by file name) and sorted so that each plan is ingested before
its lead table, report or minutes. The priorities of a plan are written in one of three shapes:
the demo's "Priority N – Title – description" lines with "We will ..." bullets, the same with a
"To deliver this priority we will:" lead-in, or seed 002's numbered "3.1 Title" sections with a
"When we will do this" list.

Each authority has a stable cast: its boards (the same names in every authority, so identity
must be scoped by area), 20-60 people who hold posts and recur across its documents (sometimes
as "Cath" rather than "Catherine", with a middle initial, or under a changed title), and a
neighbour it shares an integrated care board with. Plans draw on shared pools of indicator
wordings (the same measure worded two or three ways) and priority themes, so alignment across
plans means something. The ground truth (who is who, which wording is which indicator) is
written to `.corpus.json`, which ingestion skips because its name starts with a dot.

Everything follows from `seed`: each document has its own `random.Random` seeded with a string
(hashed with SHA-512, so not subject to hash randomisation), and nothing reads the clock.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # its parts sit beside it

from corpus_board_papers import write_minutes, write_report
from corpus_documents import write_cypp, write_hwb, write_leads_csv
from corpus_pools import INDICATOR, NEVER, THEMES
from corpus_world import Authority, World, build_world, plan_spec

# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


@dataclass
class CorpusStats:
    files: int = 0
    bytes: int = 0
    plans: int = 0
    authorities: int = 0
    people: int = 0
    boards: int = 0


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def documents(world: World, a: Authority, unit: int, width: int) -> list[tuple[str, str]]:
    """(file name, text) of one plan unit: the plan and the papers that come with it."""
    plan = plan_spec(world, a, unit)
    base = f"{a.slug}-{unit:0{width}d}"
    rng = random.Random(f"plangraph-corpus:{a.seed}:{a.index}:docs:{unit}")
    period = f"{plan.y1}-{plan.y2}"
    loc = "" if plan.place == a.name else f"-{_slug(plan.place)}"
    if plan.kind == "cypp":
        return [(f"{base}a-cypp{loc}-{period}.md", write_cypp(plan, rng)),
                (f"{base}b-cypp{loc}-leads.csv", write_leads_csv(plan, rng)),
                (f"{base}c-board-report-{plan.y1 + 1}.md", write_report(plan, rng))]
    prior = plan_spec(world, a, unit - 1)
    return [(f"{base}a-hwb-strategy{loc}-{period}.md", write_hwb(plan, rng)),
            (f"{base}b-minutes-{plan.y1 + 1}.md", write_minutes(plan, prior, rng))]


def truth(world: World, plans: int) -> dict:
    """The ground truth: who each person is and how documents wrote them, the boards of each
    authority, and every wording of every indicator (for scoring identity and alignment)."""
    return {
        "seed": world.seed, "plans": plans,
        "authorities": [{
            "name": a.name, "area": a.area, "council": a.council, "neighbour": a.neighbour,
            "localities": a.localities, "boards": list(a.boards.values()),
            "people": [{"name": p.name, "honorific": p.honorific, "post": p.post,
                        "changed_post": p.alt_post if p.change_at < NEVER else None,
                        "organisation": p.org, "email": p.email, "written_as": list(p.variants)}
                       for p in a.people]} for a in world.authorities],
        "indicators": {i.id: list(i.wordings) for i in INDICATOR.values()},
        "themes": [{"title": t.title, "headline": t.headline, "domain": t.domain} for t in THEMES],
    }


def generate(out_dir: Path, plans: int, authorities: int, seed: int = 0) -> CorpusStats:
    """Write `plans` plans (with their papers) for `authorities` authorities under `out_dir`.

    Files go to `out_dir/<authority>/`, named so that a sorted walk ingests each plan before its
    lead table, report or minutes. File names are unique across the corpus (the store keys
    documents by file name). Returns what was written.
    """
    if plans < 0 or authorities < 1:
        raise ValueError("plans must be >= 0 and authorities >= 1")
    out_dir = Path(out_dir)
    world = build_world(authorities, seed)
    stats = CorpusStats(plans=plans, authorities=authorities)
    units = [plans // authorities + (1 if i < plans % authorities else 0) for i in range(authorities)]
    width = max(4, len(str(max(units) - 1))) if plans else 4
    out_dir.mkdir(parents=True, exist_ok=True)
    for a, n in zip(world.authorities, units, strict=True):
        folder = out_dir / a.slug
        folder.mkdir(exist_ok=True)
        for unit in range(n):
            for name, text in documents(world, a, unit, width):
                data = text.encode("utf-8")
                with open(folder / name, "wb") as fh:
                    fh.write(data)
                stats.files += 1
                stats.bytes += len(data)
    stats.people = sum(len(a.people) for a in world.authorities)
    stats.boards = sum(len(a.boards) for a in world.authorities)
    (out_dir / ".corpus.json").write_text(json.dumps(truth(world, plans), indent=1) + "\n",
                                          encoding="utf-8")
    return stats


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--plans", type=int, default=100)
    ap.add_argument("--authorities", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    stats = generate(args.out_dir, args.plans, args.authorities, args.seed)
    took = time.perf_counter() - t0
    print(f"{stats.files:,} files, {stats.bytes / 1e6:.1f} MB, {stats.plans:,} plans, "
          f"{stats.authorities:,} authorities, {stats.people:,} people, {stats.boards:,} boards "
          f"in {took:.2f} s -> {args.out_dir}")


if __name__ == "__main__":
    main()
