"""Which files a list of paths names: files given directly, the documents under folders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from plangraph.ingest.readers import supported_suffixes
from plangraph.ingest.results import IngestResult

NOT_FETCHED = "fetching from the network is off: download the file and ingest it from disk"


def collect_files(paths: Iterable[Path | str]) -> Iterator[Path | IngestResult]:
    """Files given directly, and the documents found (sorted, recursively) under folders.

    A file named directly is read whatever it is (so its error says why it cannot be). In a
    folder, what is plainly not a document - a picture, an editor's lock file (`~$plan.docx`),
    a hidden file - is skipped with a note rather than failed: a folder of plans with a logo in
    it is a folder of plans. An address (http://...) is refused: nothing is fetched.
    """
    suffixes = set(supported_suffixes())
    for given in paths:
        if isinstance(given, str) and given.startswith(("http://", "https://", "ftp://")):
            yield IngestResult(given, "failed", message=NOT_FETCHED)
            continue
        path = Path(given)
        if not path.is_dir():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            if child.name.startswith("~$"):
                yield IngestResult(child.name, "skipped", message="an editor's lock file, not a document")
            elif child.suffix.lower() not in suffixes:
                kind = child.suffix or "no suffix"
                yield IngestResult(child.name, "skipped", message=f"not a document plangraph reads ({kind})")
            else:
                yield child
