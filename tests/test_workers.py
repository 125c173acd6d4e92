"""Worker processes share large notes' work and change nothing in the result."""

from __future__ import annotations

import os
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import notes_gen  # noqa: E402

from notemill import build_study  # noqa: E402
from notemill.workers import MIN_ITEMS, map_items, worker_count  # noqa: E402


def test_small_work_stays_in_this_process():
    assert worker_count(0, MIN_ITEMS - 1) == 1
    assert worker_count(1, 10 * MIN_ITEMS) == 1  # workers: 1 turns them off
    pids = map_items(lambda _: os.getpid(), range(MIN_ITEMS - 1), workers=2)
    assert set(pids) == {os.getpid()}


def test_workers_keep_order_and_results():
    items = list(range(3 * MIN_ITEMS))
    pids = map_items(lambda _: os.getpid(), items, workers=2)
    assert os.getpid() not in pids and 1 <= len(set(pids)) <= 2  # in other processes
    assert map_items(lambda i: (i, str(i) * 2), items, workers=2) == [(i, str(i) * 2) for i in items]


def test_study_is_the_same_with_and_without_workers(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(notes_gen.generate(notes_gen.seed_size() * 10), encoding="utf-8")
    serial = build_study([path], workers=1)
    assert len(serial.sections) >= MIN_ITEMS  # enough sections for workers to start
    parallel = build_study([path], workers=2)
    assert repr(parallel) == repr(serial)
