"""Screenshots of each kind of page, and each page's height, as a person first sees them.

    python scripts/screenshots.py [--store DIR] [--out FOLDER] [--width 1400 --height 900]

Without `--store` it builds the demo store from `data/` in a temporary folder. For each page
kind (plan, outcome, priority, board, person, indicator, and the lists and pictures) it picks
the entity of that kind with the most relations, serves the store with `plangraph serve`, and
writes `KIND-screen.png` (the first screen) and `KIND-full.png` (the whole page) into the
folder; it prints each page's height in pixels. Needs Chromium at /usr/bin/chromium and
Playwright (both are what the browser tests use).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from plangraph import KnowledgeGraph
from plangraph.graph.resources import demo_files
from plangraph.web.data import entity_url
from plangraph.web.testing import serve

KINDS = {"plan": "pg:Plan", "outcome": "pg:Outcome", "priority": "pg:Priority", "board": "pg:Board",
         "person": "foaf:Person", "indicator": "pg:Indicator"}
PAGES = {"gaps": "/gaps", "browse": "/browse/Outcome", "reporting": "/graphs/reporting",
         "alignment": "/graphs/alignment", "console": "/console", "query": "/queries/leads?element=",
         "docs": "/docs"}


def richest(kg: KnowledgeGraph, cls: str) -> str | None:
    """The entity of a class with the most relations (the page with most to show)."""
    rows = kg.sparql(f"""SELECT ?n (COUNT(*) AS ?degree) WHERE {{
        ?n a {cls} . {{ ?n ?p ?o FILTER(isIRI(?o)) }} UNION {{ ?s ?p ?n }} }}
        GROUP BY ?n ORDER BY DESC(?degree) STR(?n) LIMIT 1""")
    return rows[0]["n"] if rows else None


def pages_of(store: Path) -> dict[str, str]:
    kg = KnowledgeGraph.open(store)
    try:
        found = {kind: entity_url(iri) for kind, cls in KINDS.items() if (iri := richest(kg, cls))}
        outcome = richest(kg, "pg:Outcome")
    finally:
        kg.close()
    pages = {**found, **PAGES}
    if outcome:
        pages["query"] = "/queries/strategies-for-outcome?outcome=" + outcome
    return pages


def shoot(store: Path, out: Path, width: int, height: int) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    pages = pages_of(store)
    heights: dict[str, int] = {}
    out.mkdir(parents=True, exist_ok=True)
    with serve(store, env={"PLANGRAPH_TOKEN": ""}) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": width, "height": height})
        for name, path in pages.items():
            page.goto(url + path, wait_until="networkidle")
            page.wait_for_timeout(1500)  # the pictures settle their layout
            heights[name] = int(page.evaluate("document.documentElement.scrollHeight"))
            page.screenshot(path=str(out / f"{name}-screen.png"))
            page.screenshot(path=str(out / f"{name}-full.png"), full_page=True)
        browser.close()
    return heights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            kg = KnowledgeGraph.open(store)
            kg.ingest(demo_files())
            kg.close()
        heights = shoot(store, args.out, args.width, args.height)
    print(f"page heights at {args.width}x{args.height} (px):")
    for name, px in heights.items():
        print(f"  {name:<10} {px:>7,}  {px / args.height:5.1f} screens")


if __name__ == "__main__":
    main()
