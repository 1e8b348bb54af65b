"""`KnowledgeGraph`: the public API - a plangraph store that also ingests, settles identity,
derives and answers named queries.

The plain `graph.store.Store` holds documents and answers SPARQL; it knows nothing of reading
files. This facade wires it to the ingest pipeline (`ingest/`), the named queries (`queries/`)
and the analyses, so the layers below it point one way (see the import-linter contract in
pyproject.toml).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from plangraph.graph.alignment import refresh_alignments
from plangraph.graph.analytics import analyse
from plangraph.graph.namespaces import graph_iri
from plangraph.graph.store import Store, StoreError
from plangraph.ingest.errors import IngestError
from plangraph.ingest.files import collect_files
from plangraph.ingest.overrides import Overrides
from plangraph.ingest.pipeline import Extracted, Loaded, extract_all, extraction_workers, sha256
from plangraph.ingest.readers import load_bytes
from plangraph.ingest.resolver import Resolver
from plangraph.ingest.results import IngestResult
from plangraph.ingest.settle import settle
from plangraph.queries import keep_reports, run_named


class Finding(NamedTuple):
    """What `doctor` found, and whether it repaired it."""

    message: str
    repaired: bool


class KnowledgeGraph(Store):
    """A plangraph store: ingest documents, query, export, validate."""

    # -- ingest ------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
        area: str | None = None,
        on_result: Callable[[IngestResult], None] | None = None,
        refresh: bool = True,
        on_progress: Callable[[str, int, int], None] | None = None,
    ) -> list[IngestResult]:
        """Ingest files and folders; one result per file, failures do not stop the others.
        `on_progress(stage, done, total)` hears of each file read ("reading") and then of the
        settling and writing ("settling", "deriving"), for a progress display.

        Files are read and extracted in worker processes when there are many (see
        `extraction_workers`). Identity is then settled for the whole set of documents (see
        `settle`), so the graph does not depend on the order files arrive in, and each file's
        graph is written in one transaction. When anything changed, the derived graphs
        (cross-plan alignment) are recomputed once for the whole batch; `refresh=False` leaves
        that to a later `refresh_derived()`.
        """
        if isinstance(paths, str | os.PathLike):  # one file or folder, not the characters of its name
            paths = [paths]
        found = list(collect_files(p if isinstance(p, str) else Path(p) for p in paths))
        files = [f for f in found if isinstance(f, Path)]
        results = [f for f in found if isinstance(f, IngestResult)]
        for note in results:
            if on_result:
                on_result(note)
        batch: list[Extracted] = []
        loaded = (self._load(path, area) for path in files)
        for done, item in enumerate(extract_all(loaded, area, extraction_workers(len(files))), 1):
            if on_progress:
                on_progress("reading", done, len(files))
            if isinstance(item, IngestError):
                item = IngestResult(item.file, "failed", message=item.reason)
            if isinstance(item, IngestResult):
                results.append(item)
                if on_result:
                    on_result(item)
            else:
                batch.append(item)
        return results + self.ingest_extracted(batch, on_result, refresh, on_progress)

    def ingest_extracted(self, batch: list[Extracted],
                         on_result: Callable[[IngestResult], None] | None = None,
                         refresh: bool = True,
                         on_progress: Callable[[str, int, int], None] | None = None,
                         ) -> list[IngestResult]:
        """Write files already read and extracted (the web's upload comes in here too): identity
        settled for the whole set, then the derived graphs, when anything changed."""
        if on_progress:
            on_progress("settling", 0, len(batch))
        results = self.settle(batch, on_result) if batch or not self.is_settled() else []
        if refresh and (results or not self.is_settled()):
            if on_progress:
                on_progress("deriving", len(batch), len(batch))
            self.refresh_derived()
        return results

    def _load(self, path: Path, area: str | None) -> Loaded | IngestResult:
        """The file's bytes to extract, or its result when there is nothing to extract."""
        try:
            data = load_bytes(path)
        except IngestError as err:
            return IngestResult(err.file, "failed", message=err.reason)
        if area is None and self.document_hash(path.name) == sha256(data):
            return IngestResult(path.name, "unchanged", self.graph_size(graph_iri(path.name)),
                                "unchanged since last ingest")
        return Loaded(path.name, data)

    def settle(self, batch: list[Extracted] = (), on_result: Callable[[IngestResult], None] | None = None,
               ) -> list[IngestResult]:
        """Decide identity for every document in the store and the `batch` together (see
        `ingest.replay`), then write the batch's graphs and those of stored documents whose
        identity changed, each in one transaction. One result per file of the batch."""
        return settle(self, batch, on_result)

    def resolver(self) -> Resolver:
        """The identity resolver, which looks up nodes already in this store."""
        return Resolver(self)

    def remove(self, doc: str) -> bool:
        """Remove one document (by file name or document IRI) and exactly its graph; identity
        and the derived graphs are settled again without it."""
        if not self.drop_document(doc):
            return False
        self.settle()
        self.refresh_derived()
        return True

    # -- derived graphs ----------------------------------------------------------------------
    def is_settled(self) -> bool:
        """Whether identity and the derived graphs were settled for exactly the documents held
        now (not so when a run stopped between its writes and the end of its batch)."""
        return self.settled_state() == self._set_digest()

    def refresh_derived(self) -> None:
        """Recompute what is derived from all documents together: cross-plan alignment, and the
        whole-store reports kept in the store (see `queries.reports`)."""
        refresh_alignments(self)
        keep_reports(self)
        self.mark_settled(self._set_digest(), self.derived_quads())

    def _set_digest(self) -> str:
        """The documents held (name and hash) and the overrides in force, as one digest."""
        state = [*self.document_hashes(), f"overrides {Overrides.load_default().digest()}"]
        return hashlib.sha256("\n".join(state).encode()).hexdigest()

    def doctor(self, repair: bool = True) -> list[Finding]:
        """Check the store as `plangraph doctor` does, repairing what can be: the union default
        graph holds exactly the documents' statements, identity and the derived graphs were
        settled for exactly the documents held (a run that stopped between its writes and the
        end of its batch) and are still as large as then, every document graph has its source
        node. None when it is sound."""
        findings = []
        if not self.union_matches():
            if repair:
                self.rebuild_union()
            findings.append(Finding("the union default graph differs from the documents' statements"
                                    + (": rebuilt" if repair else ""), repair))
        if not self.is_settled():
            if repair:
                self.settle()
                self.refresh_derived()
            findings.append(Finding("identity and cross-plan alignment were not settled for the documents "
                                    "held" + (": settled again" if repair else ""), repair))
        elif self.settled_derived_quads() not in (None, self.derived_quads()):
            if repair:
                self.refresh_derived()
            findings.append(Finding("the cross-plan alignment is not what was computed for the documents "
                                    "held (a derived graph was dropped or cut)"
                                    + (": computed again" if repair else ""), repair))
        findings += [Finding(f"the graph <{g}> holds no source document: remove it, or ingest its file "
                             "again", False) for g in self.graphs_without_source()]
        return findings

    # -- answers -----------------------------------------------------------------------------
    def query(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query from `queries/` (see `plangraph queries`)."""
        return run_named(self, name, params)

    def analyse(self, name: str, **options: int) -> pd.DataFrame:
        """Run a network analysis (see `plangraph.graph.analytics.ANALYSES`)."""
        return analyse(self, name, **options)


__all__ = ["IngestResult", "KnowledgeGraph", "StoreError"]
