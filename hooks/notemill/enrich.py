"""From a study to what each topic page shows: its diagrams, its questions and its Markdown.

On large notes the work is shared among worker processes (``notemill.workers``)
so that every core stays busy: workers find the diagrams while this process
builds the quizzes' study-wide tables, then workers make each topic's
questions and page together. Only the choice among all questions (one per id
across the study) needs every topic at once, and it is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagrams import Diagram, find_diagrams
from .memory import no_cycle_collection
from .quiz import MAX_PER_TOPIC, Capped, Question, build_scope, candidates, capped, select
from .render import render_topic
from .workers import AUTO, map_items, started

# The page slots the build fills with template output, in page order.
DIAGRAMS_SLOT = "diagrams"
QUIZ_SLOT = "quiz"


@dataclass(frozen=True)
class Enriched:
    diagrams: dict[str, tuple[Diagram, ...]]  # topic slug -> diagrams, topics without any left out
    quizzes: dict[str, tuple[Question, ...]]  # topic slug -> questions, topics without any left out
    pages: dict[str, str]  # topic slug -> the page's Markdown, with a slot for each of the above it has
    dropped: int  # Mermaid diagrams left out because nothing would draw them


def page_slots(diagrams: bool, quiz: bool) -> tuple[str, ...]:
    return (DIAGRAMS_SLOT,) * diagrams + (QUIZ_SLOT,) * quiz


def enrich(study, mermaid: bool = True, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> Enriched:
    """Diagrams (without the Mermaid ones unless ``mermaid``), at most ``limit`` questions per topic, and
    every topic page."""
    topics = study.topics
    titles = {c.id: c.title for c in study.categories}
    with no_cycle_collection():
        with started(find_diagrams, topics, workers) as found_diagrams:
            scope = build_scope(study)
            found = found_diagrams()
        kept = found if mermaid else [tuple(d for d in ds if not d.mermaid) for ds in found]

        def questions_and_page(i: int) -> tuple[Capped, str]:
            topic = topics[i]
            questions = capped(topic, scope, limit)
            # The quiz slot, if the choice across topics leaves the page a question (almost always).
            return questions, render_topic(topic, titles[topic.category],
                                           page_slots(bool(kept[i]), bool(questions.questions)), study.links)

        made = map_items(questions_and_page, range(len(topics)), workers)
        quizzes = select(topics, [questions for questions, _ in made], limit, lambda topic: candidates(topic, scope))
        pages = {}
        for i, (topic, (questions, page)) in enumerate(zip(topics, made, strict=True)):
            if bool(questions.questions) != (topic.slug in quizzes):  # all asked by an earlier topic
                page = render_topic(topic, titles[topic.category], page_slots(bool(kept[i]), False), study.links)
            pages[topic.slug] = page
    return Enriched(
        diagrams={topic.slug: ds for topic, ds in zip(topics, kept, strict=True) if ds},
        quizzes=quizzes,
        pages=pages,
        dropped=sum(len(a) - len(b) for a, b in zip(found, kept, strict=True)),
    )
