"""Server settings, read once from the environment so tests can pass their own.

Every limit that protects the server has a name a deployer can find in the README and the
`/docs` page: the SPARQL timeout and row cap, the number of query workers, the upload token
and size limit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from plangraph.ingest.readers import max_bytes


def _number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    """Limits and secrets of one running server."""

    query_timeout: float = 10.0  # seconds a SPARQL query may run before its worker is killed
    max_rows: int = 10_000  # rows (or triples) a SPARQL answer holds at most
    query_workers: int = 2  # worker processes answering /sparql at once
    queries_per_client: int = 1  # of them, how many one client address may hold at once
    worker_memory_mb: int = 4096  # address-space limit of one query worker (0: none)
    token: str | None = None  # PLANGRAPH_TOKEN: uploads need it; unset disables uploads
    upload_max_bytes: int = 20 * 1024 * 1024
    max_query_chars: int = 100_000  # longer query texts are refused before they run
    cors_origins: tuple[str, ...] = ()  # PLANGRAPH_CORS_ORIGINS: sites whose pages may read answers

    @classmethod
    def from_env(cls) -> Settings:
        """PLANGRAPH_QUERY_TIMEOUT, PLANGRAPH_MAX_ROWS, PLANGRAPH_QUERY_WORKERS,
        PLANGRAPH_QUERIES_PER_CLIENT (default: all workers but one), PLANGRAPH_WORKER_MEMORY_MB,
        PLANGRAPH_TOKEN, PLANGRAPH_UPLOAD_MAX_BYTES, PLANGRAPH_CORS_ORIGINS (comma-separated
        origins, or *)."""
        workers = max(int(_number("PLANGRAPH_QUERY_WORKERS", 2)), 1)
        return cls(
            query_timeout=max(_number("PLANGRAPH_QUERY_TIMEOUT", 10.0), 0.1),
            max_rows=max(int(_number("PLANGRAPH_MAX_ROWS", 10_000)), 1),
            query_workers=workers,
            queries_per_client=max(int(_number("PLANGRAPH_QUERIES_PER_CLIENT", workers - 1)), 1),
            worker_memory_mb=max(int(_number("PLANGRAPH_WORKER_MEMORY_MB", 4096)), 0),
            token=os.environ.get("PLANGRAPH_TOKEN") or None,
            upload_max_bytes=int(_number("PLANGRAPH_UPLOAD_MAX_BYTES",
                                         min(20 * 1024 * 1024, max_bytes()))),
            cors_origins=tuple(o.strip() for o in os.environ.get("PLANGRAPH_CORS_ORIGINS", "").split(",")
                               if o.strip()),
        )
