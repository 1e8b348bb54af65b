"""Uploads through the web: the token checked first, size limits, the CLI's error policy and
what an upload changes in the answers."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from plangraph import KnowledgeGraph
from plangraph.graph.namespaces import ID
from plangraph.graph.resources import demo_files
from plangraph.graph.store import VERSION_TTL
from plangraph.web.app import create_app
from plangraph.web.config import Settings

GOOD = b"""# Upton Children and Young People's Plan 2026-2029

## STRATEGIC OUTCOMES

1. Children in Upton are safe and well

Children are safe.
"""


@pytest.fixture
def upload_app():
    kg = KnowledgeGraph.memory()
    kg.ingest(demo_files()[:1])
    app = create_app(kg, Settings(token="s3cret", upload_max_bytes=20_000, query_workers=1))
    with TestClient(app) as client:
        yield client, kg


def _post(client: TestClient, name: str, data: bytes, token: str | None = "s3cret"):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/documents", files={"file": (name, data, "application/octet-stream")},
                       headers=headers)


def test_upload_needs_the_token(upload_app) -> None:
    client, kg = upload_app
    before = len(kg)
    r = _post(client, "upton-plan.md", GOOD, token=None)
    assert r.status_code == 401 and "token" in r.json()["detail"]
    assert r.headers["www-authenticate"] == "Bearer"
    assert _post(client, "upton-plan.md", GOOD, token="wrong").status_code == 403
    assert len(kg) == before


def test_upload_is_disabled_without_a_server_token() -> None:
    kg = KnowledgeGraph.memory()
    with TestClient(create_app(kg, Settings(token=None, query_workers=1))) as client:
        r = _post(client, "upton-plan.md", GOOD, token="anything")
        assert r.status_code == 403 and "disabled" in r.json()["detail"]
        assert "Uploads are disabled" in client.get("/upload").text
    assert len(kg) == 0


def test_upload_too_big_is_413_and_writes_nothing(upload_app) -> None:
    client, kg = upload_app
    before = len(kg)
    r = _post(client, "big.md", b"# Big\n\n" + b"word " * 10_000)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    assert len(kg) == before


def test_broken_file_gets_the_clis_reason_and_writes_nothing(upload_app) -> None:
    client, kg = upload_app
    before, docs = len(kg), kg.documents()
    r = _post(client, "broken.docx", b"PK\x03\x04 this is not a zip archive")
    assert r.status_code == 422
    assert r.json() == {"detail": "not a valid .docx: the zip archive is damaged or truncated",
                        "file": "broken.docx"}
    r = _post(client, "notes.exe", b"MZ")
    assert r.status_code == 422 and "unsupported file type" in r.json()["detail"]
    r = _post(client, "empty.md", b"")
    assert r.status_code == 422 and "empty" in r.json()["detail"]
    assert len(kg) == before and kg.documents() == docs


def test_good_upload_is_ingested_and_searchable(upload_app) -> None:
    client, kg = upload_app
    r = _post(client, "../../etc/upton-plan.md", GOOD)  # folders in the name are dropped
    assert r.status_code == 201, r.text
    assert r.json()["file"] == "upton-plan.md" and r.json()["status"] == "ingested"
    assert kg.has_document("upton-plan.md")
    hits = client.get("/api/search", params={"q": "Children in Upton are safe and well"}).json()["hits"]
    assert hits and hits[0]["label"] == "Children in Upton are safe and well"
    # the SPARQL workers see the new document too
    ask = client.get("/sparql", headers={"Accept": "application/sparql-results+json"},
                     params={"query": 'ASK { ?o rdfs:label "Children in Upton are safe and well" }'})
    assert ask.json()["boolean"] is True
    again = _post(client, "upton-plan.md", GOOD)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"


def test_kept_answers_follow_the_store(upload_app) -> None:
    """Entity pages and named-query answers are kept for repeat requests, per store version:
    a document ingested by another process shows within a second, one uploaded at once."""
    client, kg = upload_app
    plan = ID + "any/plan/upton-children-and-young-people-s-plan-2026-2029"  # no area named
    search = {"text": "Children in Upton are safe and well"}

    def found() -> bool:
        rows = client.get("/api/queries/search", params=search).json()["rows"]
        return search["text"] in {r["label"] for r in rows}

    assert not found()
    assert client.get("/api/entity", params={"iri": plan}).status_code == 404
    assert _post(client, "upton-plan.md", GOOD).status_code == 201
    assert found()
    links = client.get("/api/entity", params={"iri": plan}).json()["links"]
    assert len(links) == 1
    other = KnowledgeGraph(kg.store)  # another writer on the same store, as a second process
    other.ingest([_write_tmp("upton-actions.md", GOOD.decode().replace(
        "Children are safe.", "## Priorities\n\n1. Keep children safe online\n"))])
    time.sleep(VERSION_TTL)
    assert len(client.get("/api/entity", params={"iri": plan}).json()["links"]) > len(links)


def _write_tmp(name: str, text: str) -> Path:
    folder = Path(tempfile.mkdtemp())
    (folder / name).write_text(text)
    return folder / name


def test_upload_form_page(upload_app) -> None:
    client, kg = upload_app
    page = client.get("/upload").text
    assert 'enctype="multipart/form-data"' in page and 'for="token"' in page
    wrong = client.post("/upload", data={"token": "nope"}, files={"file": ("upton-plan.md", GOOD)})
    assert wrong.status_code == 403 and "Nothing was written" in wrong.text
    ok = client.post("/upload", data={"token": "s3cret"}, files={"file": ("upton-plan.md", GOOD)})
    assert ok.status_code == 201 and "ingested" in ok.text
    assert kg.has_document("upton-plan.md")


def _stream_post(app, path: str, chunks: list[bytes], headers: list[tuple[bytes, bytes]]):
    """POST `chunks` to the ASGI app one message at a time; (status, chunks the app pulled)."""
    pulled, status = 0, None

    async def receive() -> dict:
        nonlocal pulled
        if pulled < len(chunks):
            pulled += 1
            return {"type": "http.request", "body": chunks[pulled - 1], "more_body": pulled < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
             "root_path": "", "headers": headers, "client": ("127.0.0.1", 9), "server": ("t", 80)}

    async def run() -> tuple[int | None, int]:
        await app(scope, receive, send)
        return status, pulled
    return run


@pytest.mark.parametrize("token", [None, "wrong"])
@pytest.mark.parametrize("path", ["/upload", "/api/documents", "/api/corrections"])
def test_upload_token_is_checked_before_the_file_is_read(path: str, token: str | None) -> None:
    """Token before body on every write route: a refused request pulls its first bytes, not
    19 MB of body."""
    kg = KnowledgeGraph.memory()
    app = create_app(kg, Settings(token="s3cret", upload_max_bytes=20_000_000, query_workers=1))
    boundary = b"plangraphtest"
    head = b""
    if token and path == "/upload":
        head += (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="token"\r\n\r\n'
                 + token.encode() + b"\r\n")
    head += (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="big.md"\r\n'
             b"Content-Type: text/markdown\r\n\r\n")
    chunk = b"x" * 65536
    chunks = [head] + [chunk] * 300  # about 19.7 MB, declared in no header
    headers = [(b"content-type", b"multipart/form-data; boundary=" + boundary)]
    if token and path.startswith("/api/"):
        headers.append((b"authorization", b"Bearer " + token.encode()))
    with TestClient(app) as client:
        status, pulled = client.portal.call(_stream_post(app, path, chunks, headers))
    assert status == (401 if token is None else 403)
    assert pulled <= 2, f"the server read {pulled} chunks before refusing"
    assert len(kg) == 0


def test_a_slow_upload_holds_up_no_other(monkeypatch) -> None:
    """A file that takes seconds to read (in its worker) does not make the next upload wait:
    only the write is done one upload at a time. Called as the routes call it, from two threads."""
    import threading

    from builders import slow_in_workers

    from plangraph.web.pool import ThreadRunner
    from plangraph.web.upload import Upload, ingest_upload

    kg = KnowledgeGraph.memory()
    kg.ingest(demo_files()[:1])
    runner, lock = ThreadRunner(kg, timeout=10), threading.Lock()
    slow_in_workers(monkeypatch, "slow", 4)
    answers = {}

    def upload(name: str, data: bytes) -> None:
        answers[name] = ingest_upload(kg, runner, lock, Upload(name, data, None, None))

    first = threading.Thread(target=upload, args=("slow-plan.md", GOOD))
    first.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        upload("fast-plan.md", GOOD.replace(b"Upton", b"Oakwick"))
        took = time.monotonic() - started
    finally:
        first.join(timeout=60)
    runner.close()
    assert took < 3.5, f"the second upload waited {took:.1f} s"
    assert {a.status for a in answers.values()} == {"ingested"} and len(answers) == 2
    assert kg.doctor(repair=False) == []  # identity and alignment settled for both uploads
