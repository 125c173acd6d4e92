"""Independent per-item work spread over the machine's cores, for large notes.

Naming a section, or finding one topic's diagrams and questions, looks at that
item alone, so worker processes can share the items. Workers are forked: they
inherit the items and the function as they stand (nothing is pickled on the
way in) and send back only results, in order, so the output is exactly what
one process makes. Small notes stay in one process, where starting workers
would cost more than it saves.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager

AUTO = 0  # as many workers as the cores this process may use
MIN_ITEMS = 400  # fewer items than this: one process (forking costs tens of milliseconds)
CHUNKS_PER_WORKER = 8  # items differ in size: smaller shares even out the workers' loads

# Set only inside a worker process (by _start), never in the process that builds the site.
_task: tuple[Callable, Sequence] | None = None


def cores() -> int:
    return len(os.sched_getaffinity(0))  # the cores this process may use (Linux)


def worker_count(requested: int, items: int) -> int:
    """Processes to use: 1 unless there is enough work, several cores, and fork to start workers with."""
    # Forking is safe only where the system libraries expect it: Linux.
    if requested == 1 or items < MIN_ITEMS or not sys.platform.startswith("linux"):
        return 1
    return max(1, min(cores() if requested == AUTO else requested, items // (MIN_ITEMS // 4)))


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """Have the kernel end this worker when the build process ends, however it ends.

    A worker waits on a queue that it holds open itself (forked), so it never sees the build go: killed
    with SIGTERM or SIGKILL, the build would leave its workers waiting forever."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
        return  # not Linux after all: workers are forked only on Linux (worker_count)
    if os.getppid() != parent:  # the build ended before the request was made
        os._exit(1)


def _start(fn: Callable, items: Sequence, parent: int = 0) -> None:
    global _task
    _task = (fn, items)
    if parent:
        _die_with(parent)


def _run(bounds: tuple[int, int]) -> list:
    fn, items = _task
    return [fn(item) for item in items[bounds[0] : bounds[1]]]


def _bounds(count: int, workers: int) -> list[tuple[int, int]]:
    step = -(-count // (workers * CHUNKS_PER_WORKER))
    return [(lo, min(lo + step, count)) for lo in range(0, count, step)]


class WorkerError(RuntimeError):
    """A worker process died before it finished (killed, or out of memory)."""


@contextmanager
def started(fn: Callable, items: Sequence, workers: int = AUTO) -> Iterator[Callable[[], list]]:
    """Start ``[fn(item) for item in items]`` in workers when that pays, and go on with other work;
    the function yielded returns the results, in order. In one process the work runs when asked for."""
    n = worker_count(workers, len(items))
    if n == 1:
        yield lambda: [fn(item) for item in items]
        return
    # The study's objects, inherited by every worker, are left out of the cycle collector's passes while
    # workers run (gc.freeze, as Python's documentation advises before forking): a pass would write to
    # each object and so copy every inherited memory page into the worker.
    gc.freeze()
    # An executor rather than a Pool: a worker that dies raises here instead of leaving the build waiting.
    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"), initializer=_start,
                               initargs=(fn, items, os.getpid()))
    died = WorkerError(f"a worker process died while sharing the work on {len(items)} items (out of memory?); "
                       "set 'workers: 1' under extra.notemill in mkdocs.yml to build in one process")
    try:
        try:
            parts = pool.map(_run, _bounds(len(items), n))
        except BrokenProcessPool:  # it died before every share was handed out
            raise died from None

        def results() -> list:
            try:
                return [result for part in parts for result in part]
            except BrokenProcessPool:
                raise died from None

        yield results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def map_items(fn: Callable, items: Sequence, workers: int = AUTO) -> list:
    """``[fn(item) for item in items]``, in worker processes when that pays."""
    with started(fn, items, workers) as results:
        return results()
