"""Corrections over the web: the same rules `plangraph correct` writes, only with the token.

The token is checked before the body is read; the body is a small JSON object
(`{"kind": "merge", "class": "Person", "names": [...], "area": ..., "by": ...}`), read up to
`MAX_BODY` bytes. The rule goes in the overrides file with who and when, and the store is
settled again under the write lock, as an upload is.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from typing import Any

from starlette.requests import Request

from plangraph.ingest.overrides import KINDS, Overrides, OverridesError, Rule, default_path
from plangraph.knowledge import KnowledgeGraph
from plangraph.web.pool import Runner
from plangraph.web.upload import UploadRefused

MAX_BODY = 64 * 1024


async def read_correction(request: Request) -> tuple[Rule, str]:
    """The rule a request asks for, and its kind; 400/413 when it is not one."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise UploadRefused(413, f"a correction is a small JSON object (at most {MAX_BODY // 1024} KB)")
    try:
        data: Any = json.loads(body or b"{}")
    except ValueError:
        raise UploadRefused(400, "the body is not JSON") from None
    if not isinstance(data, dict):
        raise UploadRefused(400, "the body must be a JSON object")
    kind, cls, names = data.get("kind"), data.get("class"), data.get("names")
    if kind not in KINDS:
        raise UploadRefused(400, f"'kind' must be one of {', '.join(KINDS)}")
    if not isinstance(cls, str) or not cls or not isinstance(names, list) or \
            not all(isinstance(n, str) and n.strip() for n in names) or not names:
        raise UploadRefused(400, "'class' (a string) and 'names' (a list of names) are needed")
    if kind in {"merge", "never"} and len(names) < 2:
        raise UploadRefused(400, f"'{kind}' needs two names or more")
    area, by = data.get("area"), data.get("by")
    rule = Rule(cls, [n.strip() for n in names], area if isinstance(area, str) else None,
                by if isinstance(by, str) else None, date.today().isoformat())
    return rule, kind


def apply_correction(kg: KnowledgeGraph, runner: Runner, lock: threading.Lock, rule: Rule, kind: str) -> None:
    """Write the rule, then settle the store (the SPARQL workers paused for the writes)."""
    with lock:
        try:
            Overrides.load_default().add(kind, rule, default_path())
        except OverridesError as err:
            raise UploadRefused(500, str(err)) from None
        with runner.writing():
            kg.settle()
            kg.refresh_derived()
