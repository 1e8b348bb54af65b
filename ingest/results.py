"""`IngestResult`: what happened to one file, in the words the CLI, the API and the web show."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IngestResult:
    """What happened to one file: ingested, replaced, unchanged, skipped (a folder's file that is
    not a document) or failed (with the reason)."""

    file: str
    status: str
    triples: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "failed"
