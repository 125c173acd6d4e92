"""The question bank as data: one plain record per question, for ``questions.json`` and its script twin.

Review, exam and export features read the bank in the browser; the records
carry the notes' text as written (templates and the browser escape it where
they show it), so ``<script>`` in the notes stays text.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from .model import Question

SCRIPT_GLOBAL = "notemillQuestions"


def records(bank: dict[str, tuple[Question, ...]], topics, page_url: Callable[[str], str]) -> list[dict]:
    """Every question of the bank, in topic order then notes order, as a JSON-ready dict.

    ``page_url(slug)`` is the topic page's site-relative URL; each record links the page at the anchor
    of its source line.
    """
    out = []
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
            out.append(record)
    return out


def record_lines(items: list[dict]) -> list[str]:
    """Each record as its line of ``questions.json`` (a key for what is made from the record alone)."""
    return [json.dumps(r, ensure_ascii=False, sort_keys=False) for r in items]


def to_json(items: list[dict], lines: list[str] | None = None) -> str:
    """``questions.json``: the records, one per line inside the list, stable from build to build
    (``lines``: their ``record_lines`` when already made)."""
    return "[\n" + ",\n".join(record_lines(items) if lines is None else lines) + "\n]\n"


def to_script(items: list[dict]) -> str:
    """``notemill-questions.js``: the same records for pages opened from ``file://`` (no fetch there).

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text of the notes can end a script
    element or read as markup wherever the script is inlined; the values are unchanged."""
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{SCRIPT_GLOBAL} = {text};\n"
