"""The question bank as data: one plain record per question, for ``questions.json`` and its script twin.

Review, exam and export features read the bank in the browser; the records
carry the notes' text as written (templates and the browser escape it where
they show it), so ``<script>`` in the notes stays text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from .model import Question

SCRIPT_GLOBAL = "notemillQuestions"


def records(bank: dict[str, tuple[Question, ...]], topics, page_url: Callable[[str], str]) -> Iterator[dict]:
    """Every question of the bank, in topic order then notes order, as a JSON-ready dict.

    ``page_url(slug)`` is the topic page's site-relative URL; each record links the page at the anchor
    of its source line.
    """
    for topic in topics:
        for q in bank.get(topic.slug, ()):
            record = {
                "id": q.id,
                "topic": topic.slug,
                "topic_title": topic.title,
                "category": topic.category,
                "type": q.type,
                "context": q.context,
                "stem": q.stem,
                "options": list(q.options),
                "answers": list(q.answers),
                "explanation": q.explanation,
                "file": q.file,
                "line": q.line,
                "end_line": q.last_line,
                "url": f"{page_url(topic.slug)}#{q.anchor}",
            }
            record.update(q.extra_fields())
            yield record


def record_lines(items: Iterable[dict]) -> list[str]:
    """Each record as its line of ``questions.json`` (a key for what is made from the record alone).

    The build keeps these lines, not the records: at 100 times the bundled notes the records as Python
    objects were 90 MB, the lines half that, and each file, card or markup is made from one line at a time."""
    return [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in items]


def write_json(lines: list[str], out: TextIO) -> None:
    """``questions.json``: the records, one per line inside the list, stable from build to build."""
    out.write("[\n")
    for i, line in enumerate(lines):
        out.write(",\n" + line if i else line)
    out.write("\n]\n")


def write_script(lines: list[str], out: TextIO) -> None:
    """``notemill-questions.js``: the same records for pages opened from ``file://`` (no fetch there).

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text of the notes can end a script
    element or read as markup wherever the script is inlined; the values are unchanged."""
    out.write(f"window.{SCRIPT_GLOBAL} = [")
    for i, line in enumerate(lines):
        line = line.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        out.write("," + line if i else line)
    out.write("];\n")
