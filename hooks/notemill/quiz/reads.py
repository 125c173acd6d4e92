"""What one topic's questions read of the rest of the study, so a serve rebuild can keep them.

A topic's questions draw on the whole study: wrong options from other topics, checks that no wrong option
is stated true elsewhere, how rare a word is in all the notes. One edited line can change another topic's
questions, so a rebuild cannot keep a topic's questions just because its own notes are the same.

While a topic's questions are made, every look-up of study-wide data goes through ``Scope.read`` (or
records itself there, as ``Facts.stated_true`` does) and lands in a ``Reads``: the function, its
arguments and what it gave. The next build keeps the topic's questions when its own notes are the same
and every recorded look-up gives the same again on the new study (``Reads.hold``); the questions are then
the very ones the generators would make. A look-up that bypasses ``Scope.read`` would break that
promise: `tests/test_quiz_reuse.py` edits notes at random and compares kept questions with fresh ones.
"""

from __future__ import annotations

from collections.abc import Callable

_MISSING = object()


class Reads:
    """Look-ups of study-wide data, each ``(function, arguments) -> result``; replayed by ``hold``."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: dict[tuple[Callable, tuple], object] = {}

    def note(self, fn: Callable, args: tuple, result):
        self.found.setdefault((fn, args), result)
        return result

    def hold(self, scope, checked: dict) -> bool:
        """Whether every look-up gives the same on ``scope`` (``checked``: the build's answers so far, shared
        by every topic, since topics look up much the same things)."""
        for key, result in self.found.items():
            now = checked.get(key, _MISSING)
            if now is _MISSING:
                fn, args = key
                now = checked[key] = fn(scope, *args)
            if now != result:
                return False
        return True
