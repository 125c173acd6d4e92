"""A serve rebuild keeps a topic's questions only when they are what a fresh build would make (quiz.reads).

Random edits of several kinds, each followed by a rebuild with reuse on and the same notes built from
scratch: the question banks, pages' questions, coverage and topic pages must be equal, and an edit must
leave most topics' questions kept (else the reuse would be doing nothing).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from notemill.enrich import enrich
from notemill.pipeline import build_study
from notemill.reuse import REUSE

ROOT = Path(__file__).resolve().parent.parent
SUBJECTS = [ROOT / "notes" / "aws-developer-associate.txt",
            ROOT / "tests" / "fixtures" / "notes" / "kubernetes_ckad.txt",
            ROOT / "tests" / "fixtures" / "markdown" / "vault"]
_NUMBER = re.compile(r"\d+")


def _edit(lines: list[str], rng: random.Random) -> str:
    """One edit a student might make, anywhere in the notes; returns what it did."""
    content = [i for i, line in enumerate(lines) if len(line.split()) >= 3]
    i, j = rng.choice(content), rng.choice(content)
    word = rng.choice(lines[j].split())
    # Most edits keep the line count: an added or removed line moves every line below it, and the topics
    # there are asked again whatever they read.
    kind = rng.choice(["append", "number", "copy", "copy", "term", "heading", "drop"])
    if kind == "append":  # a word another line uses: word counts, pools and claims change
        lines[i] += f" {word}"
    elif kind == "number" and _NUMBER.search(lines[i]):
        lines[i] = _NUMBER.sub(lambda m: str(int(m.group()) * 2 + 1), lines[i], count=1)
    elif kind == "copy":  # another line's text here: what one topic states, another now states too
        lines[i] = lines[i][: len(lines[i]) - len(lines[i].lstrip())] + lines[j].strip()
    elif kind == "term":
        lines[i] = lines[i][: len(lines[i]) - len(lines[i].lstrip())] + f"• {word.title()}: {lines[j].strip(' •-')}"
    elif kind == "drop":
        del lines[i]
    else:
        lines[i] = lines[i].rstrip() + " types"
    return f"{kind} at line {i + 1}"


def _enriched(paths):
    study = build_study(paths, workers=1)
    return enrich(study, workers=1)


def _same(a, b) -> None:
    assert a.bank == b.bank
    assert a.quizzes == b.quizzes
    assert a.coverage == b.coverage
    assert a.pages == b.pages


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda p: p.stem)
def test_kept_questions_are_those_a_fresh_build_makes(tmp_path, subject):
    if subject.is_dir():
        notes = tmp_path / "notes"
        for f in subject.rglob("*.md"):
            (notes / f.relative_to(subject)).parent.mkdir(parents=True, exist_ok=True)
            (notes / f.relative_to(subject)).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        files = sorted(notes.rglob("*.md"))
        paths = [notes]
    else:
        files = [tmp_path / subject.name]
        files[0].write_text(subject.read_text(encoding="utf-8"), encoding="utf-8")
        paths = files
    rng = random.Random(f"quiz-reuse {subject.name}")
    kept_share = []
    REUSE.enabled = True
    try:
        REUSE.next_build()
        _enriched(paths)
        for _ in range(20):
            target = rng.choice(files)
            lines = target.read_text(encoding="utf-8").split("\n")
            did = _edit(lines, rng)
            target.write_text("\n".join(lines), encoding="utf-8")
            REUSE.next_build()
            again = _enriched(paths)
            asked = [k for k in REUSE._now if k[0] == "questions"]
            kept = sum(1 for k in asked if REUSE._last.get(k) is REUSE._now[k])  # a kept entry is passed on as is
            kept_share.append(kept / max(1, len(asked)))
            REUSE.enabled = False
            try:
                fresh = _enriched(paths)
            finally:
                REUSE.enabled = True
            try:
                _same(again, fresh)
            except AssertionError:
                pytest.fail(f"after '{did}' in {target.name} the kept questions differ from a fresh build's")
    finally:
        REUSE.enabled = False
        REUSE.next_build()
        REUSE.next_build()
    assert max(kept_share) > 0.5, kept_share  # an edit asks again only part of the study


def test_every_kind_of_study_wide_look_up_is_recorded_and_checked():
    """Each look-up site records what it gave (a site left out would let an edit elsewhere go unseen), and a
    record whose answer no longer holds makes the topic be asked again."""
    from notemill.quiz import build_scope, screened, screened_reading

    study = build_study([SUBJECTS[0]], workers=1)
    scope = build_scope(study)
    seen: dict[str, int] = {}
    records = []
    for topic in study.topics:
        made, reads = screened_reading(topic, scope)
        assert made == screened(topic, scope)  # recording changes nothing
        records.append(reads)
        for fn, _ in reads.found:
            seen[fn.__name__] = seen.get(fn.__name__, 0) + 1
    assert set(seen) >= {"_stated_true", "_tiers", "_values_near", "_true_values", "_worth", "_studied",
                         "_nameable_by_category", "_far_entries"}, seen
    checked: dict = {}
    assert all(r.hold(scope, checked) for r in records)
    reads = next(r for r in records if any(fn.__name__ == "_stated_true" for fn, _ in r.found))
    key = next(k for k in reads.found if k[0].__name__ == "_stated_true")
    reads.found[key] = not reads.found[key]  # as if another topic now stated that wrong option
    assert not reads.hold(scope, {})
