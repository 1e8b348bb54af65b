"""The one error type ingestion raises for a file it cannot take."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested; `reason` is one sentence a user can act on.

    Raised before anything is written, so a failed file never leaves part of itself in the
    store and the other files of the same run carry on.
    """

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason

    def __reduce__(self) -> tuple:  # rebuilt from both fields when sent from a worker process
        return (IngestError, (self.file, self.reason))
