"""Results of the last build, for the next build in the same process (`mkdocs serve` rebuilds in one).

An edit to the notes changes a few sections, yet a rebuild would read every section and render every
question again. A ``Reuse`` hands back what the previous build computed for the same key, so only the
changed items are worked out again. The key must hold everything the value depends on: a hit is then the
very value the work would give, and the site is the same as a clean build's. What one build does not ask
for is dropped at the start of the next one, so memory stays that of one build. Off by default: a single
``mkdocs build`` would only keep things it never reads again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Sequence
from functools import partial
from typing import TypeVar

T = TypeVar("T")
_MISSING = object()


class Reuse:
    def __init__(self) -> None:
        self.enabled = False
        self._last: dict = {}
        self._now: dict = {}
        self.hits = 0
        self.misses = 0

    def next_build(self) -> None:
        """Start a build: what the previous one used is what this one may reuse."""
        self._last, self._now = (self._now or self._last), {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, or the value the previous build (or this one) made for ``key``."""
        if not self.enabled:
            return make()
        value = self._now.get(key, _MISSING)
        if value is _MISSING:
            value = self._last.get(key, _MISSING)
            if value is _MISSING:
                self.misses += 1
                value = make()
            else:
                self.hits += 1
            self._now[key] = value
        return value

    def last(self, key: Hashable, default=None):
        """What the previous build (or this one) kept under ``key``, for a caller that checks it still holds
        before using it (the quiz does: ``quiz.reads``); ``default`` when nothing is kept or reuse is off."""
        if not self.enabled:
            return default
        value = self._now.get(key, _MISSING)
        if value is _MISSING:
            value = self._last.get(key, _MISSING)
        return default if value is _MISSING else value

    def keep(self, key: Hashable, value) -> None:
        """Keep ``value`` under ``key`` for the next build."""
        if self.enabled:
            self._now[key] = value

    def known(self, key: Hashable) -> bool:
        return self.enabled and (key in self._now or key in self._last)

    def split(self, items: Sequence, key: Callable) -> tuple[list, Callable[[list], list]]:
        """The items whose value is not known yet, and a function that takes their values (in that order,
        worked out however the caller likes: in workers, say) and gives every item's value."""
        if not self.enabled:
            return list(items), lambda values: values
        keys = [key(item) for item in items]
        todo: dict = {}
        for k, item in zip(keys, items, strict=True):
            if not self.known(k):
                todo.setdefault(k, item)

        def merge(values: list) -> list:
            fresh = dict(zip(todo, values, strict=True))
            return [self.get(k, partial(fresh.__getitem__, k)) for k in keys]

        return list(todo.values()), merge


def file_stamp(path) -> tuple | None:
    """What tells a file's content has changed (path, size, change time); None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime_ns)


# The one instance the build uses; the MkDocs hooks switch it on for `mkdocs serve`.
REUSE = Reuse()
