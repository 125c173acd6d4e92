"""Worker processes share large notes' work and change nothing in the result."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "bench"))
import notes_gen  # noqa: E402

import notemill.enrich  # noqa: E402
from notemill import build_study  # noqa: E402
from notemill.enrich import enrich, page_slots  # noqa: E402
from notemill.quiz import build_quizzes  # noqa: E402
from notemill.render import render_topic  # noqa: E402
from notemill.workers import MIN_ITEMS, WorkerError, map_items, worker_count  # noqa: E402


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


def test_a_worker_that_dies_stops_the_work_with_a_clear_error():
    def die_on_five(i):
        if i == 5:
            os._exit(1)  # as the system's out-of-memory killer would end it
        return i

    with pytest.raises(WorkerError, match="workers: 1"):
        map_items(die_on_five, range(2 * MIN_ITEMS), workers=2)


def test_study_is_the_same_with_and_without_workers(big_notes):
    serial = build_study([big_notes], workers=1)
    assert len(serial.sections) >= MIN_ITEMS and len(serial.topics) >= MIN_ITEMS
    parallel = build_study([big_notes], workers=2)
    assert repr(parallel) == repr(serial)


def test_pages_diagrams_and_quizzes_are_the_same_with_and_without_workers(big_notes):
    study = build_study([big_notes], workers=1)
    serial, parallel = enrich(study, workers=1), enrich(study, workers=2)
    assert repr(parallel) == repr(serial)
    assert serial.diagrams and serial.quizzes  # there was work to share
    titles = {c.id: c.title for c in study.categories}
    assert serial.pages == {t.slug: render_topic(t, titles[t.category],
                                                 page_slots(t.slug in serial.diagrams, t.slug in serial.quizzes))
                            for t in study.topics}


def test_a_page_has_a_quiz_slot_only_when_it_keeps_a_question(monkeypatch):
    # Questions are asked once across the study: a topic whose only question an earlier topic already
    # asked keeps none, and its page (rendered before the choice) loses the quiz slot.
    study = build_study([SEED])
    first = study.topics[0]
    one = next(q for t in study.topics for q in build_quizzes(study).get(t.slug, ()))
    monkeypatch.setattr(notemill.enrich, "screened", lambda topic, scope: ([one], []))
    made = enrich(study)
    assert list(made.quizzes) == [first.slug]
    for topic in study.topics:
        assert ("<!-- notemill:quiz -->" in made.pages[topic.slug]) == (topic is first)


_SLOW_BUILD = """
import os, sys, time
sys.path.insert(0, {hooks!r})
from notemill.workers import MIN_ITEMS, map_items

def slow(i):
    open(os.path.join({out!r}, str(os.getpid())), "w").close()
    time.sleep(0.05)
    return i

map_items(slow, range(4 * MIN_ITEMS), workers=2)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_workers_end_when_the_build_is_killed(tmp_path, sig):
    """Killing the build while workers run (Ctrl-C in a terminal that dies, a CI timeout) leaves none behind."""
    import signal
    import subprocess
    import time

    out = tmp_path / "pids"
    out.mkdir()
    build = subprocess.Popen([sys.executable, "-c", _SLOW_BUILD.format(hooks=str(ROOT / "hooks"), out=str(out))])
    try:
        deadline = time.monotonic() + 60
        while len(list(out.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name) for p in out.iterdir()]
        assert len(workers) == 2 and build.pid not in workers and all(_alive(w) for w in workers)
        build.send_signal(getattr(signal, sig))
        build.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [w for w in workers if _alive(w)] == []
    finally:
        build.kill()
        for p in out.iterdir():
            if _alive(int(p.name)):
                os.kill(int(p.name), 9)
