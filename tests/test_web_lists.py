"""Lists over the demo: facets with counts, sorting, paging and downloads of the narrowed view."""

from __future__ import annotations

import re

import pytest
from builders import demo_graph
from fastapi.testclient import TestClient

from plangraph.graph.namespaces import ID
from plangraph.web.app import create_app
from plangraph.web.config import Settings


@pytest.fixture(scope="module")
def client():
    """The demo's pages (the lists need no other fixture)."""
    with TestClient(create_app(demo_graph(), Settings(max_rows=500, query_workers=1))) as pages:
        yield pages


def test_lists_narrow_by_facets_with_counts_sort_page_and_download(client: TestClient) -> None:
    html = client.get("/gaps").text
    facet = re.search(r'<a href="(/gaps\?f\.gap=[^"]+)">([^<]+)</a> <span class="count">(\d+)</span>', html)
    assert facet, "the gaps page has no 'kind of gap' facet with counts"
    url, value, count = facet.group(1).replace("&amp;", "&"), facet.group(2), int(facet.group(3))
    narrowed = client.get(url + "&format=json").json()
    assert narrowed["total"] == count
    assert {r["gap"] for r in narrowed["rows"]} == {value.replace("&#39;", "'")}
    everything = client.get("/gaps?format=json").json()
    assert everything["total"] > count
    ordered = client.get("/gaps?sort=elementLabel&desc=1&format=json").json()["rows"]
    labels = [r["elementLabel"].casefold() for r in ordered]
    assert labels == sorted(labels, reverse=True)
    csv = client.get(url + "&format=csv")
    assert csv.headers["content-type"].startswith("text/csv") and csv.text.count("\r\n") == count + 1
    boards = client.get("/browse/Board").text
    assert "download <a href=\"/browse/Board?format=csv\">CSV</a>" in boards


def test_lists_page_through_long_answers(client: TestClient) -> None:
    from plangraph.web.lists import PAGE_SIZE, Column, listing

    rows = [{"label": f"item {i:03}", "url": f"/x/{i}", "plan": "A" if i % 3 else "B"} for i in range(120)]
    view = listing(rows, [Column("label", "name", "url")], [Column("plan", "Plan")], {"page": "3"}, "/x")
    assert view["pages"] == 3 and len(view["rows"]) == 120 - 2 * PAGE_SIZE and view["next_url"] is None
    assert view["prev_url"] == "/x?page=2"
    (plans,) = view["facets"]
    assert [(v["value"], v["count"]) for v in plans["values"]] == [("A", 80), ("B", 40)]
    chosen = listing(rows, [Column("label", "name", "url")], [Column("plan", "Plan")], {"f.plan": "B"}, "/x")
    assert chosen["total"] == 40 and chosen["clear_url"] == "/x"


def test_list_downloads_are_formula_safe() -> None:
    from plangraph.web.lists import Column, download

    rows = [{"label": "=HYPERLINK(\"http://x\")", "url": "/x"}]
    body = download(rows, [Column("label", "name", "url")], {}, [], "x", "csv").body.decode()
    assert "'=HYPERLINK" in body


def test_named_query_results_narrow_by_facets_and_keep_their_parameters(client: TestClient) -> None:
    base = "/queries/strategies-for-outcome?outcome=" + ID + "harrowby-cypp-2025-2028-md/outcome/1"
    html = client.get(base).text
    facet = re.search(r'<a href="([^"]+f\.kind=Action[^"]*)">Action</a>', html)
    assert facet, "no facet by kind"
    narrowed = client.get(facet.group(1).replace("&amp;", "&"))
    assert narrowed.status_code == 200 and "outcome=" in facet.group(1)
    body = narrowed.text.split("<tbody>", 1)[1]
    assert ">Priority<" not in body and ">Action<" in body
