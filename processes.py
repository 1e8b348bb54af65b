"""Worker processes that cannot take the machine or outlive their parent.

Both kinds of worker - the ingest's extraction workers and the server's query workers - run
what a user sent (a file, a SPARQL query) and may meet something that runs away. Each is
started with `bound_worker`: Ctrl+C is left to the parent (which stops its workers), the
worker is killed when the process that started it dies (Linux), and its memory may grow by at
most a budget, so a hostile input fails alone instead of swapping the machine to death.
The pools themselves are pebble's, which kill a task that runs past its time.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import resource
import signal
import sys

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent thread exits


def bound_worker(memory_mb: int = 0) -> None:
    """Called first in every worker process (pebble's `initializer`). SIGTERM is put back to
    its default: pebble catches it to tidy up, which waits for native code (a parser, a query
    in Oxigraph) to come back to Python and delays a timed-out task's end by seconds."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()
    if memory_mb:
        limit_memory(memory_mb)


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (a `kill -9` of the ingest
    leaves no worker running). Linux only; elsewhere the worker ends when its pipe closes."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def limit_memory(memory_mb: int) -> None:
    """Let this process's address space grow by at most `memory_mb` beyond what it holds now
    (a forked worker starts with its parent's libraries mapped; only growth is the input's)."""
    with contextlib.suppress(ValueError, OSError):
        now = _address_space()
        limit = now + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
