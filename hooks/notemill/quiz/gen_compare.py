"""Comparison questions: which of two to four related things a statement is about.

Related things are the entries of a short list that each have notes of
their own ("Standard" / "FIFO" under "Queue type"), or sibling entries
whose names share a head word ("Local Secondary Index" / "Global
Secondary Index"). A statement made about more than one of them asks
nothing and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Topic
from .definitions import reads_as_remark
from .model import Question, make_question
from .scope import Scope, anchor
from .text import contains, norm, seeded, split_term, words

_BRACKETED = re.compile(r"\([^)]*\)")
MIN_GROUP = 2
MAX_GROUP = 4
MAX_PER_GROUP = 4
MAX_STATEMENT_CHARS = 120
DANGLING = frozenset("or and of to with for by the a an using use like than is are".split())


def _leaves(node) -> list:
    return [c for c in node.children if c.kind in ("item", "text") and not c.children and "\n" not in c.text]


def _groups(topic: Topic, lines):
    """(places of the compared entries) for each comparison in the topic."""
    item_label = lines.item_label
    lists: dict[int, list] = {}
    for place in lines.places(topic):
        lists.setdefault(id(place.siblings), []).append(place)
    for members in lists.values():
        named = [
            p
            for p in members
            if p.node.children and _leaves(p.node) and item_label(p.node) and not reads_as_remark(item_label(p.node))
        ]
        parent = members[0].parent
        listed = parent is not None and (lines.list_heading(parent) or " vs " in f" {norm(parent.text)} ")
        if listed and MIN_GROUP <= len(members) <= MAX_GROUP and len(named) == len(members):
            yield named
            continue
        by_head: dict[str, list] = {}
        for p in named:
            w = words(_BRACKETED.sub(" ", item_label(p.node)))  # "Local Secondary Index (LSI)" ends in "index"
            if len(w) >= 2:
                by_head.setdefault("last:" + w[-1], []).append(p)
                by_head.setdefault("first:" + " ".join(w[:2]), []).append(p)
        used: set[int] = set()
        for group in by_head.values():
            ids = {id(p) for p in group}
            if MIN_GROUP <= len(group) <= MAX_GROUP and not ids & used:
                used |= ids
                yield group


def _distinct_words(name: str, others: list[str]) -> set[str]:
    theirs = {w for o in others for w in words(o)}
    return {w for w in words(name) if w not in theirs and len(w) >= 3}


TYPES = ("compare",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    for group in _groups(topic, lines):
        if all(lines.definition(p.node) and not lines.split(p.node)[1] for p in group):
            continue  # one line each under a bare "Name:": the term questions ask these
        names = [lines.item_label(p.node) for p in group]
        if len({norm(n) for n in names}) != len(names):
            continue
        said: dict[str, list[str]] = {}
        for p, name in zip(group, names, strict=True):
            for leaf in _leaves(p.node):
                said.setdefault(norm(lines.first(leaf)), []).append(name)  # a leaf is one line
        made = []
        for p, name in zip(group, names, strict=True):
            others = [n for n in names if n != name]
            giveaway = _distinct_words(name, others)
            for leaf in _leaves(p.node):
                statement = lines.first(leaf)
                ws = words(statement)
                if len(ws) < 2 or len(statement) > MAX_STATEMENT_CHARS or len(said[norm(statement)]) > 1:
                    continue
                if ws[-1] in DANGLING or split_term(statement):
                    continue  # a cut-off line, or a definition of its own
                if any(contains(statement, n) for n in names) or giveaway & set(words(statement)):
                    continue
                if any(scope.facts.stated_true("compare", statement, o) for o in others):
                    continue
                stem = f"Which one do your notes describe with “{statement}”?"
                made.append(
                    make_question(
                        type="compare",
                        topic=topic.slug,
                        context=lines.context(p),
                        stem=stem,
                        options=tuple(names),
                        answers=(names.index(name),),
                        explanation=f"{name}: {statement}",
                        node=leaf,
                        anchor=anchor(leaf),
                        subject=statement,
                    )
                )
        rnd = seeded("compare", *names)
        if len(made) > MAX_PER_GROUP:
            made = sorted(rnd.sample(made, MAX_PER_GROUP), key=lambda q: q.line)
        yield from made
