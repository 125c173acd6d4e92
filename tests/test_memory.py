"""The pipeline makes no reference cycles, so pausing the cycle collector while it runs frees nothing late."""

from __future__ import annotations

import gc

from conftest import SEED
from notemill import build_study
from notemill.enrich import enrich
from notemill.memory import no_cycle_collection
from notemill.outline import outline


def test_a_build_leaves_no_cyclic_garbage():
    gc.collect()
    with no_cycle_collection():
        study = build_study([SEED], workers=1)
        enriched = enrich(study, workers=1)
        outline(study)
        # Everything the steps made and dropped must already be gone: a cycle (a closure that
        # calls itself, a parent and child pointing at each other) would still be waiting here.
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            found = gc.collect()
            kinds = sorted({type(o).__name__ for o in gc.garbage})
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    assert enriched.pages and study.topics
    assert found == 0, f"reference cycles left by the pipeline: {kinds}"
