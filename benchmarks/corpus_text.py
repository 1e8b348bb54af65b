"""Small writing helpers the synthetic documents share: how a person is mentioned, dates, periods,
indicator values and targets, members of a board, and tables in Markdown, HTML and CSV."""

from __future__ import annotations

import random

from corpus_pools import GENERIC_ACTIONS, MONTHS, ROLE_INDEX, SEASONS, Indicator, Theme
from corpus_world import Authority, Person

# --------------------------------------------------------------------------------------------
# Writing helpers
# --------------------------------------------------------------------------------------------

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def mention(p: Person, rng: random.Random, honorific: bool = True) -> str:
    """How a document names a person: usually in full, sometimes by nickname or with an initial."""
    r = rng.random()
    if p.nick and r < 0.2:
        first = p.nick
    elif p.middle and r < 0.35:
        first = f"{p.first} {p.middle}."
    else:
        first = p.first
    name = f"{first} {p.last}"
    p.variants[name] = None
    if honorific and p.honorific:
        return f"{p.honorific} {name}"
    return name


def due(rng: random.Random, y1: int, y2: int) -> str:
    year = rng.randint(y1, max(y1, y2 - 1))
    r = rng.random()
    if r < 0.7:
        return f"by {MONTHS[rng.randrange(12)]} {year}"
    if r < 0.9:
        return f"in {SEASONS[rng.randrange(3)]} {year}"
    return f"by the end of {MONTHS[rng.randrange(12)]} {year}"


def day(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {year}"


def action_text(theme: Theme, rng: random.Random, board: str) -> list[str]:
    """Two or three actions for a theme: its own and generic ones."""
    out = [s.format(n=rng.randint(2, 5)) for s in theme.actions]
    rng.shuffle(out)
    k = rng.randint(2, 3)
    while len(out) < k:
        g = GENERIC_ACTIONS[rng.randrange(len(GENERIC_ACTIONS))]
        text = g.format(title=theme.title, topic=theme.topic, n=rng.randint(2, 30) * 10, board=board)
        if text not in out:
            out.append(text)
    return out[:k]


def value(ind: Indicator, rng: random.Random) -> str:
    v = rng.uniform(ind.low, ind.high)
    if ind.kind == "pct":
        text = f"{v:.1f}%"
    elif ind.kind == "num":
        text = f"{round(v):,}"
    elif ind.kind == "rate":
        per = next((w.split(" per ")[1].split(" ")[0].rstrip(")") for w in ind.wordings if " per " in w),
                   "1,000")
        text = f"{v:.1f} per {per}"
    elif ind.id.startswith("hle"):
        text = f"{v:.1f} years"
    elif "gap" in ind.id or ind.id == "employment_gap":
        text = f"{v:.1f} percentage points"
    else:
        text = f"{v:.1f}"
    if rng.random() < 0.1:
        text += " (provisional)"
    return text


def period(rng: random.Random, year: int) -> str:
    y = year - rng.randint(1, 2)
    forms = (f"{y}/{(y + 1) % 100:02d}", f"{y} calendar year", f"{y - 2}-{y % 100:02d}", f"March {y + 1}",
             f"{y}/{(y + 1) % 100:02d} academic", f"Q3 {y}/{(y + 1) % 100:02d}")
    return forms[rng.randrange(len(forms))]


def target(ind: Indicator, rng: random.Random, year: int) -> str:
    r = rng.random()
    if r < 0.2:
        return "tbc"
    if r < 0.4:
        return "England average"
    if r < 0.55:
        return "10% reduction"
    return value(ind, rng).replace(" (provisional)", "") + (f" by {year}" if rng.random() < 0.4 else "")


def members(a: Authority, board: str, unit: int, sep: str = "; ") -> list[str]:
    """The membership of a board as 'Post; Organisation' lines."""
    out = []
    for p in a.people:
        flags = ROLE_INDEX[p.role][4]
        if board in flags:
            out.append(f"{p.post_at(unit)}{sep}{p.org}")
    return out


def board_people(a: Authority, board: str) -> list[Person]:
    return [p for p in a.people if board in ROLE_INDEX[p.role][4]]


def _md_table(rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join("---" for _ in rows[0]) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return out


def _html_table(rows: list[list[str]], bold_first: bool = False) -> list[str]:
    out = ["<table>"]
    for i, row in enumerate(rows):
        cells = "".join(f"<td><b>{c}</b></td>" if (i == 0 or (bold_first and j == 0 and c)) else
                        f"<td>{c}</td>" for j, c in enumerate(row))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return out


def _csv_cell(text: str) -> str:
    return f'"{text}"' if ("," in text or '"' in text) else text
