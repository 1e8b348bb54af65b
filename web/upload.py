"""Ingest over the web: one file, only with the token, never more than the size limit.

The token is checked before any of the file is read (from the `Authorization` header, or from
the form's `token` field, which must come before the file), and the body is parsed as it streams
in (python-multipart's push parser, the one Starlette's forms use) and dropped as soon as it passes
the limit, so a refused or oversized upload costs the server only the bytes read so far. The
file goes through the same pipeline as `plangraph ingest` (`extract_bytes`, then
`KnowledgeGraph.ingest_extracted`), so a broken file gets the same one-sentence reason and writes
nothing. Uploads are serialised by a lock (the server is the store's single writer), and the
SPARQL workers are stopped for the length of the write (see `QueryPool.writing`).
"""

from __future__ import annotations

import hmac
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from plangraph.graph.store import StoreError
from plangraph.ingest.errors import IngestError
from plangraph.ingest.pipeline import Loaded, extract_all, extraction_workers, sha256
from plangraph.ingest.readers import human_size
from plangraph.ingest.results import IngestResult
from plangraph.knowledge import KnowledgeGraph
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


class _Form:
    """The parts of a multipart body as python-multipart's streaming parser finds them.

    Small fields are kept as text; the file's bytes are kept up to the limit. `on_field` is
    called as soon as a small field is complete, and `on_file` when the file part begins, before
    any of its bytes are kept: the token is checked there, so a request without the right token
    costs the server the few bytes that precede the file, never the file.
    """

    FIELD_LIMIT = 4096

    def __init__(self, limit: int, on_field: Callable[[str, str], None], on_file: Callable[[], None]) -> None:
        self.limit = limit
        self.on_field = on_field
        self.on_file = on_file
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.data = bytearray()
        self._header = b""
        self._headers: dict[bytes, bytes] = {}
        self._name: str | None = None
        self._is_file = False
        self._value = bytearray()
        self.error: UploadRefused | None = None

    def callbacks(self) -> dict[str, Callable[..., None]]:
        return {"on_part_begin": self._begin, "on_header_field": self._field,
                "on_header_value": self._value_of, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_done,
                "on_part_data": self._data, "on_part_end": self._end}

    def _begin(self) -> None:
        self._headers, self._name, self._is_file, self._value = {}, None, False, bytearray()

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._header = data[start:end].lower()

    def _value_of(self, data: bytes, start: int, end: int) -> None:
        self._headers[self._header] = self._headers.get(self._header, b"") + data[start:end]

    def _header_end(self) -> None:
        self._header = b""

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        self._is_file = self._name == "file"
        if self._is_file:
            self.filename = options.get(b"filename", b"").decode("utf-8", "replace")
            self.on_file()

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._is_file:
            self.data += data[start:end]
            if len(self.data) > self.limit:
                raise too_big(None, self.limit)
        elif self._name is not None:
            self._value += data[start:end]
            if len(self._value) > self.FIELD_LIMIT:
                raise UploadRefused(400, f"the form field '{self._name}' is too long")

    def _end(self) -> None:
        if self._name and not self._is_file:
            value = self._value.decode("utf-8", "replace")
            self.fields[self._name] = value
            self.on_field(self._name, value)


async def read_upload(request: Request, limit: int, expected_token: str | None) -> Upload:
    """The file (field `file`), `area` and token of a multipart form, checking the token first.

    The token is the server's `expected_token`, given in the `Authorization` header or in a form
    field `token` that comes before the file (the upload page's form puts it first). Nothing of
    the file is read before it is checked, and the body is read in chunks within the limit.
    """
    given = header_token(request)
    if given is not None or not expected_token:
        check_token(expected_token, given)
    ceiling = limit + MULTIPART_OVERHEAD
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > ceiling:
        raise too_big(None, limit)
    ctype, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise UploadRefused(400, "send the file as multipart/form-data in a field called 'file'")
    checked = given is not None

    def on_field(name: str, value: str) -> None:
        nonlocal checked
        if name == "token" and not checked:
            check_token(expected_token, value.strip() or None)
            checked = True

    def on_file() -> None:
        if not checked:
            check_token(expected_token, None)  # 401: the token must come before the file

    form = _Form(limit, on_field, on_file)
    parser = MultipartParser(boundary, form.callbacks())
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > ceiling:
                raise too_big(None, limit)
            parser.write(chunk)
        parser.finalize()
    except UploadRefused:
        raise
    except Exception:  # python-multipart's own errors: a broken body
        raise UploadRefused(400, "the form could not be read as multipart/form-data") from None
    if form.filename is None:
        raise UploadRefused(400, "no file in the form (send it in a field called 'file')")
    if not checked:
        check_token(expected_token, None)
    area = form.fields.get("area", "").strip() or None
    return Upload(form.filename, bytes(form.data), area, given or form.fields.get("token"))


def safe_name(name: str) -> str:
    """The file's own name (no folders, no control characters), as the CLI would see it."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip()
    if not base or base.startswith("."):
        raise UploadRefused(400, "the uploaded file has no usable name")
    return base[:200]


def ingest_upload(kg: KnowledgeGraph, runner: Runner, lock: threading.Lock, upload: Upload) -> IngestResult:
    """Read and extract the file completely (in a worker process with the file budget of
    `ingest.pipeline.Budget`, as the CLI does), then settle and write it as `plangraph ingest`
    does (identity for the whole set, one transaction per graph, the derived graphs after);
    nothing is written on failure. Only the write holds `lock`: a file that takes its whole
    budget to read holds up no other upload."""
    name = safe_name(upload.name)
    if upload.area is None and kg.document_hash(name) == sha256(upload.data):
        return IngestResult(name, "unchanged", 0, "unchanged since last ingest")
    # in a bounded worker, never in the server, with the CLI's error policy and budget
    (extracted,) = extract_all([Loaded(name, upload.data)], upload.area, extraction_workers(1))
    if isinstance(extracted, IngestError):
        raise UploadRefused(422, extracted.reason, extracted.file)
    with lock, runner.writing():
        try:
            results = kg.ingest_extracted([extracted])
        except StoreError as err:
            raise UploadRefused(500, f"the store refused the write: {err}", name) from None
    result = results[0]
    if not result.ok:
        raise UploadRefused(500, result.message, name)
    return result
