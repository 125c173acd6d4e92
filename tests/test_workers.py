"""Worker processes share large notes' work and change nothing in the result."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import notes_gen  # noqa: E402

from notemill import build_study  # noqa: E402
from notemill.diagrams import diagrams_by_topic  # noqa: E402
from notemill.quiz import build_quizzes  # noqa: E402
from notemill.render import render_topics  # noqa: E402
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


@pytest.fixture(scope="module")
def big_notes(tmp_path_factory):
    """Synthetic notes with enough sections and topics for workers to start."""
    path = tmp_path_factory.mktemp("big") / "notes.txt"
    path.write_text(notes_gen.generate(notes_gen.seed_size() * 12), encoding="utf-8")
    return path


def test_study_is_the_same_with_and_without_workers(big_notes):
    serial = build_study([big_notes], workers=1)
    assert len(serial.sections) >= MIN_ITEMS and len(serial.topics) >= MIN_ITEMS
    parallel = build_study([big_notes], workers=2)
    assert repr(parallel) == repr(serial)


def test_pages_diagrams_and_quizzes_are_the_same_with_and_without_workers(big_notes):
    study = build_study([big_notes], workers=1)
    titles = {c.id: c.title for c in study.categories}
    made = {}
    for workers in (1, 2):
        diagrams = diagrams_by_topic(study.topics, workers)
        quizzes = build_quizzes(study, workers=workers)
        slots = {slug: ("quiz",) for slug in quizzes}
        made[workers] = (repr(diagrams), repr(quizzes), render_topics(study.topics, titles, slots, workers))
    assert made[1] == made[2]
    assert "<!-- notemill:quiz -->" in "".join(made[1][2]) and made[1][0] != "{}"  # there was work to share
