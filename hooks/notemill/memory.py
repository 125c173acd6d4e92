"""How the pipeline treats the interpreter's memory management while it runs."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector for one step of the pipeline.

    A build keeps hundreds of thousands of small objects (nodes, places, facts)
    and makes no reference cycles, so each automatic collection only rescans the
    whole study: at 3.7 MB of notes about a third of the quiz step and a sixth of
    parsing. In forked workers it would also touch, and so copy, every inherited
    page. Memory is still freed by reference counting; the collector resumes as
    it was, so a step inside another leaves it paused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
