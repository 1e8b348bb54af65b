"""Ingest over the web: one file, only with the token, never more than the size limit.

The body is read in chunks and dropped as soon as it passes the limit, so a large upload costs
the server nothing but the bytes read so far. The file goes through the same pipeline as
`plangraph ingest` (`prepare_bytes`, then one `replace_graph` transaction), so a broken file
gets the same one-sentence reason and writes nothing. Uploads are serialised by a lock (the
server is the store's single writer), and the SPARQL workers are stopped for the length of the
write (see `QueryPool.writing`).
"""

from __future__ import annotations

import hmac
import re
import threading
from dataclasses import dataclass
from pathlib import PurePosixPath

from starlette.requests import Request

from plangraph.graph.store import IngestResult, KnowledgeGraph, StoreError
from plangraph.ingest.errors import IngestError
from plangraph.ingest.readers import human_size
from plangraph.web.pool import Runner

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and headers around the file in a form post


class UploadRefused(Exception):
    """An upload cannot be taken; `status` is the HTTP status, `message` says why."""

    def __init__(self, status: int, message: str, file: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.file = file


@dataclass
class Upload:
    name: str
    data: bytes
    area: str | None
    token: str | None


def check_token(expected: str | None, given: str | None) -> None:
    """Uploads are off without PLANGRAPH_TOKEN; with it, the request must carry it."""
    if not expected:
        raise UploadRefused(403, "uploads are disabled on this server (start it with PLANGRAPH_TOKEN set)")
    if not given:
        raise UploadRefused(401, "an upload needs the server's token "
                                 "(header 'Authorization: Bearer TOKEN' or the form's token field)")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise UploadRefused(403, "the token is not this server's upload token")


def header_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-plangraph-token") or None


def too_big(size: int | None, limit: int) -> UploadRefused:
    """413, with the file's size when it is known (else the upload's)."""
    what = f"file is {human_size(size)}, over" if size is not None else "upload is larger than"
    return UploadRefused(413, f"{what} the {human_size(limit)} upload limit (set PLANGRAPH_UPLOAD_MAX_BYTES)")


async def read_upload(request: Request, limit: int) -> Upload:
    """The file (field `file`), `area` and `token` of a multipart form, read within the limit."""
    ceiling = limit + MULTIPART_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > ceiling:
        raise too_big(None, limit)
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > ceiling:
            raise too_big(None, limit)
        chunks.append(chunk)
    body = b"".join(chunks)
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(max_files=1, max_fields=10)
    except Exception as err:  # not multipart, or a broken form
        raise UploadRefused(400, f"send the file as multipart/form-data in a field called 'file' ({err})"
                            ) from None
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise UploadRefused(400, "no file in the form (send it in a field called 'file')")
    data = await upload.read()
    await form.close()
    if len(data) > limit:
        raise too_big(len(data), limit)
    area = form.get("area")
    token = form.get("token")
    return Upload(upload.filename or "", data,
                  area.strip() or None if isinstance(area, str) else None,
                  token.strip() or None if isinstance(token, str) else None)


def safe_name(name: str) -> str:
    """The file's own name (no folders, no control characters), as the CLI would see it."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip()
    if not base or base.startswith("."):
        raise UploadRefused(400, "the uploaded file has no usable name")
    return base[:200]


def ingest_upload(kg: KnowledgeGraph, runner: Runner, lock: threading.Lock, upload: Upload) -> IngestResult:
    """Prepare the file completely, then write it in one transaction; nothing on failure."""
    from plangraph.ingest.pipeline import prepare_bytes, sha256

    name = safe_name(upload.name)
    with lock:
        if upload.area is None and kg.document_hash(name) == sha256(upload.data):
            return IngestResult(name, "unchanged", 0, "unchanged since last ingest")
        try:
            prepared = prepare_bytes(upload.data, name, upload.area, kg.resolver())
        except IngestError as err:
            raise UploadRefused(422, err.reason, err.file) from None
        except Exception as err:  # an extractor's failure: still nothing written
            raise UploadRefused(422, f"cannot be ingested: {err}", name) from None
        existed = kg.has_document(name)
        with runner.writing():
            try:
                kg.replace_graph(prepared.source.graph_iri, prepared.quads)
            except StoreError as err:
                raise UploadRefused(500, f"the store refused the write: {err}", name) from None
    return IngestResult(name, "replaced" if existed else "ingested", len(prepared.quads),
                        warnings=prepared.warnings)
