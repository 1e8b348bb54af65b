"""What the pages keep between requests, per store version: whole-store results built once, and
the most recently asked answers of each kind (an LRU). One cache per store, owned here."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from cachetools import LRUCache

from plangraph.knowledge import KnowledgeGraph

T = TypeVar("T")

# -- per-version caches ------------------------------------------------------------------------
RECENT_SIZE = 512  # answers kept per kind (entity pages, named queries, and their JSON)


class WebCache:
    """What the pages keep for one store: whole-store results by key, and the most recently
    asked answers of each kind (a cachetools LRU). Each entry carries the store version it was
    built at, so a change to the store retires it. Owned by this module, one per store (a weak
    map: nothing is hung on the KnowledgeGraph from outside)."""

    def __init__(self) -> None:
        self.whole: dict[str, tuple[Any, Any]] = {}
        self.recent: dict[str, LRUCache] = {}


_caches: WeakKeyDictionary[KnowledgeGraph, WebCache] = WeakKeyDictionary()
_cache_lock = threading.Lock()
_build_locks: dict[str, threading.Lock] = {}


def _cache_of(kg: KnowledgeGraph) -> WebCache:
    with _cache_lock:
        cache = _caches.get(kg)
        if cache is None:
            cache = _caches[kg] = WebCache()
        return cache


_MISSING = object()


def _fresh(kept: Any, key: Hashable, version: Any) -> Any:
    """The entry kept under `key` if it was built at `version`, else `_MISSING` (lock held)."""
    hit = kept.get(key)
    return hit[1] if hit is not None and hit[0] == version else _MISSING


def _kept_or_built(kept: Any, key: Hashable, version: Any, build: Callable[[], T]) -> T:
    """The entry kept under `key` at `version`, or `build()` kept there now."""
    with _cache_lock:
        if (value := _fresh(kept, key, version)) is not _MISSING:
            return value
    value = build()
    with _cache_lock:
        kept[key] = (version, value)
    return value


def cached(kg: KnowledgeGraph, key: str, build: Callable[[], T]) -> T:
    """`build()` once per store version; concurrent first requests wait for one build."""
    version = kg.version()
    store = _cache_of(kg).whole
    with _cache_lock:
        if (value := _fresh(store, key, version)) is not _MISSING:
            return value
        building = _build_locks.setdefault(key, threading.Lock())
    with building:  # whoever waited here finds the first build kept
        return _kept_or_built(store, key, version, build)


def recent(kg: KnowledgeGraph, kind: str, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, or its answer kept from an earlier call in the same store version: the
    `RECENT_SIZE` most recently asked keys of each kind are kept. Answers are shared between
    requests: callers read them, never change them."""
    version = kg.version()
    cache = _cache_of(kg)
    with _cache_lock:
        kept = cache.recent.setdefault(kind, LRUCache(maxsize=RECENT_SIZE))
    return _kept_or_built(kept, key, version, build)
