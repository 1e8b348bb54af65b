"""The pages in a real browser: Playwright driving Debian's Chromium against `plangraph serve`.

Every test fails on a request to any host but the test server, on a console error or page
error, and on any dialog (an `alert` would mean a label from a document ran as script).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from builders import EVIL

from plangraph import KnowledgeGraph
from plangraph.graph.namespaces import ID
from plangraph.graph.resources import demo_files
from plangraph.web.testing import serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
HWB = ID + "harrowby/board/harrowby-health-and-wellbeing-board"
CPB = ID + "harrowby/board/harrowby-children-s-partnership-board"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    evil = root / "evil-plan-2025-2028.md"
    evil.write_text(EVIL, encoding="utf-8")
    kg = KnowledgeGraph.open(root / "store")
    assert all(r.ok for r in kg.ingest([*demo_files(), evil]))
    kg.close()
    with serve(root / "store", env={"PLANGRAPH_TOKEN": ""}, log=root / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page whose foreign requests, console errors and dialogs are recorded."""

    def __init__(self, page, host: str) -> None:
        self.page = page
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error"
                else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("dialog", self._dialog)
        self.host = host

    def _route(self, route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or parsed.netloc == self.host:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def check(self) -> None:
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"errors in the browser: {self.errors}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


@pytest.fixture
def page(browser, server: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page(), urlparse(server).netloc)
    yield watched
    watched.check()
    context.close()


def node_ids(page) -> list[str]:
    page.wait_for_selector("#graph[data-ready='true']", timeout=20_000)
    from_attribute = json.loads(page.get_attribute("#graph", "data-node-ids"))
    from_network = page.evaluate("() => window.network.body.data.nodes.getIds()")
    assert sorted(from_attribute) == sorted(from_network)
    return from_network


def click_node(page, node_id: str, double: bool = False) -> None:
    """Click (or double-click) where vis-network drew the node (its canvas position, mapped to
    the page), first moving the view so the node is on screen."""
    page.locator("#graph").scroll_into_view_if_needed()
    page.evaluate("(id) => window.network.moveTo({position: window.network.getPositions([id])[id]})", node_id)
    point = page.evaluate(
        """(id) => { const p = window.network.getPositions([id])[id];
                     const d = window.network.canvasToDOM(p);
                     const r = document.getElementById('graph').getBoundingClientRect();
                     return {x: r.left + d.x, y: r.top + d.y}; }""", node_id)
    if double:
        page.mouse.dblclick(point["x"], point["y"])
    else:
        page.mouse.click(point["x"], point["y"])


def test_search_entity_graph_and_click_through(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/")
    p.get_by_label("Words of a name or title").fill("Harrowby Health and Wellbeing Board")
    p.get_by_role("button", name="Search").last.click()
    p.wait_for_url(re.compile(r"/search\?"))
    p.get_by_role("link", name="Harrowby Health and Wellbeing Board", exact=True).first.click()
    p.wait_for_url(re.compile(r"/id/harrowby/board/harrowby-health-and-wellbeing-board"))
    assert p.locator("h1").inner_text() == "Harrowby Health and Wellbeing Board"
    ids = node_ids(p)
    assert HWB in ids and CPB in ids  # the Children's Partnership Board reports to it
    p.evaluate("() => window.network.selectNodes([])")
    click_node(p, CPB, double=True)
    p.wait_for_url(re.compile(r"/id/harrowby/board/harrowby-children-s-partnership-board"))
    assert p.locator("h1").inner_text() == "Harrowby Children's Partnership Board"
    assert CPB in node_ids(p)


def test_depth_and_show_more_change_the_picture(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/id/harrowby/plan/harrowby-children-and-young-people-s-plan-2025-2028?depth=2&limit=10")
    assert len(node_ids(p)) == 10
    p.get_by_role("link", name="Show more").click()
    p.wait_for_url(re.compile(r"limit=20"))
    assert len(node_ids(p)) == 20
    p.get_by_label("Steps out").select_option("1")
    p.get_by_role("button", name="Redraw").click()
    p.wait_for_url(re.compile(r"depth=1"))
    assert len(node_ids(p)) > 1


def test_reporting_hierarchy_renders_and_navigates(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/graphs/reporting")
    ids = node_ids(p)
    assert HWB in ids and CPB in ids
    click_node(p, HWB, double=True)
    p.wait_for_url(re.compile(r"/id/harrowby/board/harrowby-health-and-wellbeing-board"))


def test_a_click_focuses_a_node_and_its_neighbours(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/id/harrowby/board/harrowby-health-and-wellbeing-board?depth=2&limit=40")
    ids = node_ids(p)
    root = p.evaluate("""() => { const c = document.getElementById('graph').getBoundingClientRect();
        return {w: c.width, h: c.height}; }""")
    centre = p.evaluate("""(id) => window.network.canvasToDOM(window.network.getPositions([id])[id])""", HWB)
    assert abs(centre["x"] - root["w"] / 2) < root["w"] / 4, "the page's own node is not near the centre"
    click_node(p, CPB)
    assert p.get_attribute("#graph", "data-focus") == CPB
    assert "Harrowby Children's Partnership Board" in p.locator(".focus-panel").inner_text()
    faded = p.evaluate("""(ids) => ids.filter(id => !window.network.isCluster(id) &&
                             window.network.body.data.nodes.get(id).opacity < 1)""", ids)
    neighbours = p.evaluate("(id) => window.network.getConnectedNodes(id)", CPB)
    assert faded and CPB not in faded and not set(neighbours) & set(faded)
    p.get_by_role("button", name="Show everything").click()
    assert p.get_attribute("#graph", "data-focus") == ""


def test_filters_hide_kinds_and_lines_and_the_legend_matches(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/id/harrowby/board/harrowby-health-and-wellbeing-board?depth=2&limit=40")
    node_ids(p)
    people = p.evaluate("""() => window.network.body.data.nodes.get().filter(n =>
        JSON.parse(document.getElementById('graph-data').textContent).nodes
          .some(m => m.id === n.id && m.kind === 'Person')).map(n => n.id)""")
    assert people, "the board's picture has no people"
    p.locator("input[data-filter-kind='Person']").uncheck()
    hidden = p.evaluate("(ids) => ids.map(id => window.network.body.data.nodes.get(id).hidden)", people)
    assert all(hidden)
    p.locator("input[data-filter-relation='reportsTo']").uncheck()
    lines = p.evaluate("""() => window.network.body.data.edges.get()
        .filter(e => e.relation === 'reportsTo').map(e => e.hidden)""")
    assert lines and all(lines)
    # the legend's swatch for each kind is the shape the picture draws for it
    drawn = p.evaluate("""() => { const out = {}; const data = JSON.parse(
        document.getElementById('graph-data').textContent);
        data.nodes.forEach(n => {
          if (!n.isPlan) { out[n.kind] = window.network.body.data.nodes.get(n.id).shape; } });
        return out; }""")
    for kind, shape in drawn.items():
        swatch = p.locator(f"input[data-filter-kind='{kind}'] + .swatch")
        assert f"shape-{shape}" in swatch.get_attribute("class"), kind


def test_pictures_download_as_png_and_svg(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/graphs/reporting")
    node_ids(p)
    with p.expect_download() as svg:
        p.get_by_role("button", name="Download SVG").click()
    text = Path(svg.value.path()).read_text(encoding="utf-8")
    assert text.startswith("<svg") and "Harrowby Health and Wellbeing Board" in text
    with p.expect_download() as png:
        p.get_by_role("button", name="Download PNG").click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_labels_from_documents_stay_text(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/search?q=alert")
    results = p.locator("table.results a")
    texts = results.all_inner_texts()
    assert "<script>alert(1)</script>" in texts and "<img src=x onerror=alert(1)>" in texts
    assert p.locator("table.results img").count() == 0
    for number, label in ((1, "<script>alert(1)</script>"), (2, "<img src=x onerror=alert(1)>")):
        p.goto(f"{server}/id/evil-plan-2025-2028-md/outcome/{number}")
        assert p.locator("h1").inner_text() == label
        assert p.locator("main img").count() == 0
        assert p.title().startswith(label)
        ids = node_ids(p)  # the picture draws the label on the canvas, as text
        assert f"{ID}evil-plan-2025-2028-md/outcome/{number}" in ids
        # hovering shows the tooltip, filled with textContent
        p.locator("#graph").scroll_into_view_if_needed()
        point = p.evaluate(
            """(id) => { const d = window.network.canvasToDOM(window.network.getPositions([id])[id]);
                         const r = document.getElementById('graph').getBoundingClientRect();
                         return {x: r.left + d.x, y: r.top + d.y}; }""",
            f"{ID}evil-plan-2025-2028-md/outcome/{number}")
        p.mouse.move(point["x"], point["y"])
        p.wait_for_timeout(400)
        assert p.locator(".vis-tooltip img").count() == 0
    p.goto(server + "/documents/evil-plan-2025-2028.md")
    assert p.locator("main img").count() == 0
    text = p.locator("main").text_content()
    # the quoted item as a reader of the rendered file sees it, and the label read from it: text
    assert text.count("<script>alert(1)</script>") >= 2


PAGES = ["/", "/gaps", "/queries/reporting-lines?board=Harrowby+Health+and+Wellbeing+Board",
         "/graphs/alignment", "/documents/harrowby-hwb-strategy-2024-2029.md?lines=7#L7",
         "/console?query=SELECT+%3Fb+WHERE+%7B+%3Fb+a+pg%3ABoard+%7D+LIMIT+3",
         "/docs", "/upload", "/graphs/network?q=Catherine+Ashdown"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_only_from_the_server(page: Watched, server: str, path: str) -> None:
    response = page.page.goto(server + path)
    assert response is not None and response.status == 200
    assert page.page.locator("main h1").count() == 1


def test_keyboard_reaches_search_and_the_skip_link(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/")
    p.keyboard.press("Tab")
    focused = p.evaluate("() => document.activeElement.textContent")
    assert focused == "Skip to content"
    p.keyboard.press("Enter")
    assert p.evaluate("() => location.hash") == "#main"
    p.locator("#q").focus()
    p.keyboard.type("Jennifer Larkin")
    p.keyboard.press("Enter")
    p.wait_for_url(re.compile(r"/search\?q=Jennifer"))
    assert p.get_by_role("link", name="Jennifer Larkin").count() >= 1


def test_console_highlights_completes_offers_examples_and_keeps_history(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/console")
    editor = p.locator(".CodeMirror")
    assert editor.count() == 1 and p.locator(".cm-keyword").count() > 0  # SPARQL highlighted
    p.get_by_label("Start from an example").select_option("Reporting lines")
    text = "() => document.querySelector('.CodeMirror').CodeMirror.getValue()"
    assert "org:reportsTo" in p.evaluate(text)
    p.evaluate("() => { const cm = document.querySelector('.CodeMirror').CodeMirror;"
               " cm.setValue('SELECT * WHERE { ?x a pg:Outc');"
               " cm.setCursor(cm.lineCount(), 0); cm.focus(); }")
    p.keyboard.press("Control+Space")
    hints = p.locator(".CodeMirror-hints li")
    hints.first.wait_for(timeout=5000)
    assert "pg:Outcome" in hints.first.inner_text()
    p.keyboard.press("Enter")
    assert p.evaluate(text).endswith("pg:Outcome")
    p.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.replaceRange(' } LIMIT 3', "
               "{line: 99, ch: 0})")
    p.get_by_role("button", name="Run").click()
    p.wait_for_url(re.compile(r"/console\?query="))
    assert p.locator("table.results tbody tr").count() == 3
    assert p.locator("table.results .iri-note").count() == 3  # a label, with the compact IRI beneath
    options = p.locator("#history option").all_inner_texts()
    assert any("pg:Outcome" in o for o in options)


FIRST_SCREEN = {  # page -> what its card must answer above the fold
    "/id/harrowby/plan/harrowby-children-and-young-people-s-plan-2025-2028":
        ["What it holds", "Who leads it", "Gaps"],
    "/id/harrowby-cypp-2025-2028-md/outcome/1": ["Who leads it", "What feeds it", "Part of"],
    "/id/harrowby/board/harrowby-children-s-partnership-board":
        ["Reports to", "Receives reports from", "Members", "Last met"],
    "/id/harrowby/person/jennifer-larkin": ["Posts held", "Member of", "Leads"],
}


@pytest.mark.parametrize("path", list(FIRST_SCREEN))
def test_each_page_answers_its_question_in_the_first_screen(page: Watched, server: str, path: str) -> None:
    p = page.page
    p.set_viewport_size({"width": 1400, "height": 900})
    response = p.goto(server + path)
    assert response is not None and response.status == 200, path
    card = p.locator(".answer-card")
    box = card.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900, "the answer card is below the first screen"
    questions = card.locator("dt").all_inner_texts()
    for question in FIRST_SCREEN[path]:
        assert question in questions
    answered = [a for a in card.locator("dd").all_inner_texts() if a.strip()]
    assert len(answered) == len(questions)


def test_priority_and_indicator_pages_answer_first(page: Watched, server: str) -> None:
    p = page.page
    p.set_viewport_size({"width": 1400, "height": 900})
    p.goto(server + "/search?q=Healthy+Weight&type=Priority")
    p.locator("table.results tbody a").first.click()
    card = p.locator(".answer-card")
    assert "Who leads it" in card.inner_text() and card.bounding_box()["y"] < 900
    assert p.locator(".answer-card dd a").count() >= 1  # somebody leads Healthy Weight
    p.goto(server + "/search?q=Reception+prevalence&type=Indicator")
    p.locator("table.results tbody a").first.click()
    card = p.locator(".answer-card")
    assert "Latest value" in card.inner_text() and "target" in card.inner_text()


def test_table_fact_quotes_are_tables_without_markup(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/id/harrowby/board/harrowby-children-s-partnership-board")
    p.locator("details.sources summary").first.click()
    quote = p.locator("table.quote-table").first
    assert quote.locator("th").count() >= 2 and quote.locator("td").count() >= 2
    text = p.locator("main").inner_text()
    assert "<td" not in text and "<b>" not in text and "| " not in text


def test_a_source_link_lands_on_the_quoted_lines_highlighted(page: Watched, server: str) -> None:
    p = page.page
    p.set_viewport_size({"width": 1400, "height": 900})
    p.goto(server + "/id/harrowby/board/harrowby-children-s-partnership-board")
    link = p.locator("td.sources-cell a.source").first
    lines = re.search(r"lines=(\d+)", link.get_attribute("href")).group(1)
    link.click()
    p.wait_for_url(re.compile(r"/documents/.*lines="))
    marked = p.locator("li.passage.highlight").first
    assert f"line {lines}" in marked.locator(".line-no").inner_text() or lines in marked.get_attribute("id")
    box = marked.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the quoted lines are not on screen"


ACCESSIBLE = ["/", "/search?q=healthy", "/gaps", "/browse/Board", "/queries",
              "/queries/reporting-lines?board=Harrowby+Health+and+Wellbeing+Board",
              "/id/harrowby/plan/harrowby-children-and-young-people-s-plan-2025-2028",
              "/id/harrowby-cypp-2025-2028-md/outcome/1",
              "/id/harrowby/board/harrowby-children-s-partnership-board",
              "/id/harrowby/person/jennifer-larkin",
              "/id/board-report-2026-03-md/indicator/reception-prevalence-of-overweight-including-obesity",
              "/graphs/reporting", "/graphs/alignment", "/graphs/network?q=Catherine+Ashdown",
              "/documents", "/documents/harrowby-hwb-strategy-2024-2029.md?lines=7",
              "/console?query=SELECT+%3Fb+WHERE+%7B+%3Fb+a+pg%3ABoard+%7D+LIMIT+3", "/upload", "/docs"]


@pytest.mark.parametrize("path", ACCESSIBLE)
def test_pages_pass_an_accessibility_check(page: Watched, server: str, path: str) -> None:
    """axe-core (shipped inside the axe-playwright-python package, injected by the test): no
    serious or critical violation on any kind of page."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    p = page.page
    p.goto(server + path)
    if p.locator("[data-graph]").count():
        p.wait_for_selector("[data-graph][data-ready='true']", timeout=20_000)
    found = axe.Axe().run(p).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['target']}" for v in found
               if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(serious)


# Markup, script and template breakouts in every role a document gives a label: outcomes,
# indicators and their observations, the plan, the text the document view quotes.
HOSTILE = """# Oakbury Recovery Plan 2025-2028

## STRATEGIC OUTCOMES

The Oakbury Partnership Board has agreed four strategic outcomes.

1. &lt;script&gt;alert(2)&lt;/script&gt; children thrive

2. "&gt;&lt;img src=x onerror=alert(3)&gt; families cope

3. &lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt; homes are warm

4. Schools improve {{7*7}} '-alert(5)-' \\u003cb onmouseover=alert(6)\\u003e

## Indicators

| Indicator | Lead | Target |
| --- | --- | --- |
| &lt;iframe srcdoc="&lt;script&gt;alert(8)&lt;/script&gt;"&gt; take-up rate | Dana Whitlow | 20% |
| javascript:alert(9) attendance | Omar Reyes | 30% |
| &lt;a href="javascript:alert(10)"&gt;reach&lt;/a&gt; of services | Dana Whitlow | 40% |
"""

INJECTED = """() => [...document.querySelectorAll('*')].flatMap(e =>
    [...e.attributes].filter(a => a.name.startsWith('on') ||
      (/^(href|src|action|formaction|xlink:href)$/.test(a.name) && /^\\s*javascript:/i.test(a.value)))
      .map(a => `${e.tagName} ${a.name}=${a.value}`))
  .concat([...document.querySelectorAll('iframe, object, embed')].map(e => e.tagName))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str], dict[str, str]]]:
    """A server over the demo and a plan whose labels are payloads; every page kind that can
    show them; and the payload labels by entity IRI."""
    from urllib.parse import quote, urlencode

    from plangraph.queries import load_queries
    from plangraph.web.data import KINDS

    root = tmp_path_factory.mktemp("hostile")
    (root / "hostile-plan-2025-2028.md").write_text(HOSTILE, encoding="utf-8")
    kg = KnowledgeGraph.open(root / "store")
    assert all(r.ok for r in kg.ingest([*demo_files(), root / "hostile-plan-2025-2028.md"]))
    labels = {r["s"]: r["l"] for r in kg.sparql(
        "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'alert(') || CONTAINS(?l, '{{')) }")}
    kg.close()
    assert len(labels) >= 6, labels  # outcomes, indicators, observations
    some = sorted(labels.values())
    pages = ["/", "/search?q=alert", "/gaps", "/documents", "/documents/hostile-plan-2025-2028.md",
             "/graphs/reporting", "/graphs/alignment", "/queries", "/console?" + urlencode(
                 {"query": "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'alert(')) }"})]
    pages += [f"/browse/{kind}" for kind in sorted(KINDS) if kind not in {"SourceDocument", "Observation"}]
    pages += [f"/graphs/network?q={quote(label)}" for label in some]
    pages += ["/id/" + iri.removeprefix(ID) for iri in sorted(labels)]
    for query in sorted(load_queries().values(), key=lambda q: q.name):
        for param in query.params:
            if param.type in {"entity", "string", "search"}:
                pages.append(f"/queries/{query.name}?{urlencode({param.name: some[0]})}")
    with serve(root / "store", env={"PLANGRAPH_TOKEN": ""}, log=root / "serve.log") as url:
        yield url, pages, labels


def test_no_payload_runs_on_any_page_kind(browser, hostile_site) -> None:
    """Every page kind, opened in Chromium with payload labels in it: no dialog, no script
    error, no request elsewhere, no element the payloads would make (event handlers,
    javascript: links, frames), and each payload entity's page shows its label as text."""
    url, pages, labels = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page(), urlparse(url).netloc)
    p = watched.page
    try:
        for path in pages:
            response = p.goto(url + path)
            assert response is not None and response.status < 500, f"{path}: {response and response.status}"
            if response.status >= 400:  # a payload names no plan (400): Chromium logs the status
                said = f"Failed to load resource: the server responded with a status of {response.status}"
                watched.errors = [e for e in watched.errors if said not in e]
            if p.locator("#graph").count():
                p.wait_for_selector("#graph[data-ready='true']", timeout=20_000)
            injected = p.evaluate(INJECTED)
            assert not injected, f"{path}: {injected}"
            iri = ID + path.removeprefix("/id/")
            if iri in labels:
                assert p.locator("h1").inner_text() == labels[iri], path
            watched.check()
    finally:
        context.close()
    assert len(pages) > 30
    print(f"\n{len(pages)} pages, no payload ran")
