"""The structure report as data: what the build writes to ``site/outline.json``."""

from __future__ import annotations

from .pipeline import Study

# What each section's title rests on (``Title.basis``), as the report spells it.
EVIDENCE = {"heading": "heading", "mapping": "titles file", "named": "named", "keywords": "keywords",
            "description": "description", "term": "own term"}


def outline(study: Study, diagrams: dict[str, int] | None = None, questions: dict[str, int] | None = None,
            question_types: dict[str, dict[str, int]] | None = None, bank: dict[str, int] | None = None,
            coverage: dict | None = None) -> dict:
    """``questions`` is the count of questions a topic page shows; ``question_types`` splits it by type (see
    ``quiz.TYPES``); ``bank`` is the topic's count in the question bank (``questions.json``); ``coverage``
    its fact lines and tested lines (``quiz.coverage``)."""
    diagrams = diagrams or {}
    bank = bank or {}
    coverage = coverage or {}
    questions = questions or {}
    question_types = question_types or {}
    topics = []
    for topic in study.topics:
        topics.append({
            "title": topic.title,
            "slug": topic.slug,
            "category": topic.category,
            "inferred": topic.inferred,
            "confidence": topic.confidence,
            "sources": [
                {"file": s.section.file, "first_line": s.section.first_line, "last_line": s.section.last_line,
                 "evidence": EVIDENCE.get(s.title.basis, s.title.basis)}
                for s in topic.sections
            ],
            "headings": [s.section.heading.text if s.section.heading else None for s in topic.sections],
            "grab_bag": topic.grab_bag,
            "diagrams": diagrams.get(topic.slug, 0),
            "questions": questions.get(topic.slug, 0),
            "question_types": dict(sorted(question_types.get(topic.slug, {}).items())),
            "bank": bank.get(topic.slug, 0),
            "fact_lines": coverage[topic.slug].fact_lines if topic.slug in coverage else 0,
            "tested_lines": coverage[topic.slug].tested_lines if topic.slug in coverage else 0,
        })
    return {"files": list(study.files), "catalog_fit": dict(study.catalog_fit), "sections": len(study.sections),
            "topics": topics}
