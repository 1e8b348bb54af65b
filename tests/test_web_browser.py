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


def click_node(page, node_id: str) -> None:
    """Click where vis-network drew the node (its canvas position, mapped to the page)."""
    page.locator("#graph").scroll_into_view_if_needed()
    point = page.evaluate(
        """(id) => { const p = window.network.getPositions([id])[id];
                     const d = window.network.canvasToDOM(p);
                     const r = document.getElementById('graph').getBoundingClientRect();
                     return {x: r.left + d.x, y: r.top + d.y}; }""", node_id)
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
    click_node(p, CPB)
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
    click_node(p, HWB)
    p.wait_for_url(re.compile(r"/id/harrowby/board/harrowby-health-and-wellbeing-board"))


def test_labels_from_documents_stay_text(page: Watched, server: str) -> None:
    p = page.page
    p.goto(server + "/search?q=alert")
    results = p.locator("ol.results a")
    texts = results.all_inner_texts()
    assert "<script>alert(1)</script>" in texts and "<img src=x onerror=alert(1)>" in texts
    assert p.locator("ol.results img").count() == 0
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
    assert "1. &lt;script&gt;alert(1)&lt;/script&gt;" in text  # the quoted source line, as written
    assert "<script>alert(1)</script>" in text  # the label read from it, in the facts


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
