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
from .quiz import MAX_PER_TOPIC, Question, TopicCoverage, assemble, build_scope, screened, screened_reading
from .quiz.reads import Reads
from .render import render_topic
from .reuse import REUSE
from .workers import AUTO, map_items, started

# The page slots the build fills with template output, in page order.
DIAGRAMS_SLOT = "diagrams"
QUIZ_SLOT = "quiz"


@dataclass(frozen=True)
class Enriched:
    diagrams: dict[str, tuple[Diagram, ...]]  # topic slug -> diagrams, topics without any left out
    quizzes: dict[str, tuple[Question, ...]]  # topic slug -> the questions its page shows, topics without any left out
    bank: dict[str, tuple[Question, ...]]  # topic slug -> every question of the topic (each id once in the study)
    coverage: dict[str, TopicCoverage]  # topic slug -> its fact lines, tested lines and why the rest are not
    pages: dict[str, str]  # topic slug -> the page's Markdown, with a slot for each of the above it has
    dropped: int  # Mermaid diagrams left out because nothing would draw them


def page_slots(diagrams: bool, quiz: bool) -> tuple[str, ...]:
    return (DIAGRAMS_SLOT,) * diagrams + (QUIZ_SLOT,) * quiz


def enrich(study, mermaid: bool = True, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> Enriched:
    """Diagrams (without the Mermaid ones unless ``mermaid``), at most ``limit`` questions per topic, and
    every topic page."""
    topics = study.topics
    titles = {c.id: c.title for c in study.categories}
    # A topic's diagrams depend on its notes alone: those of an unchanged topic are the last build's.
    todo, merge = REUSE.split(topics, lambda topic: ("diagrams", topic))
    with started(find_diagrams, todo, workers) as found_diagrams:
        scope = build_scope(study)
        found = merge(found_diagrams())
    kept = found if mermaid else [tuple(d for d in ds if not d.mermaid) for ds in found]
    # A topic's questions are the last build's when its notes and the catalog are the same and every
    # look-up they made of the rest of the study gives the same again (quiz.reads).
    last = [REUSE.last(("questions", topic)) for topic in topics]
    checked: dict = {}
    held = [k is not None and k[2] is study.catalog and k[1].hold(scope, checked) for k in last]
    recording = REUSE.enabled

    def questions_and_page(i: int) -> tuple[tuple[list[Question], list] | None, Reads | None, str]:
        topic = topics[i]
        reads = None
        if held[i]:
            questions = last[i][0]
        elif recording:
            questions, reads = screened_reading(topic, scope)
        else:
            questions = screened(topic, scope)
        # The quiz slot, if the bank leaves the page a question (almost always).
        page = render_topic(topic, titles[topic.category], page_slots(bool(kept[i]), bool(questions[0])),
                            study.links)
        return None if held[i] else questions, reads, page  # kept questions need not come back from a worker

    made = [(last[i][0] if q is None else q, reads, page)
            for i, (q, reads, page) in enumerate(map_items(questions_and_page, range(len(topics)), workers))]
    for i, (topic, (questions, reads, _)) in enumerate(zip(topics, made, strict=True)):
        REUSE.keep(("questions", topic), last[i] if held[i] else (questions, reads, study.catalog))
    quizzes = assemble(topics, scope, [questions for questions, _, _ in made], limit)
    pages = {}
    for i, (topic, (questions, _, page)) in enumerate(zip(topics, made, strict=True)):
        if bool(questions[0]) != (topic.slug in quizzes.shown):  # all asked by an earlier topic
            page = render_topic(topic, titles[topic.category], page_slots(bool(kept[i]), False), study.links)
        pages[topic.slug] = page
    return Enriched(
        diagrams={topic.slug: ds for topic, ds in zip(topics, kept, strict=True) if ds},
        quizzes=quizzes.shown,
        bank=quizzes.bank,
        coverage=quizzes.coverage,
        pages=pages,
        dropped=sum(len(a) - len(b) for a, b in zip(found, kept, strict=True)),
    )
