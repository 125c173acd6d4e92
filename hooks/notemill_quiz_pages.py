"""The MkDocs side of the quizzes: build them, log the summary, render the quiz and Progress slots."""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from notemill.quiz import TYPE_LABELS, TYPES
from notemill.quiz import summary as quiz_summary

PROGRESS_PAGE = "progress.md"
PROGRESS_SOURCE = (
    "---\nsearch:\n  exclude: true\n---\n# Progress\n\n"
    "Your self-check scores per topic, kept in this browser (nothing is sent anywhere). "
    "Answer questions at the end of each topic page; come back here to review your mistakes.\n\n"
    "<!-- notemill:progress -->\n"
)


def quizzes_for_build(study, enriched, log) -> dict[str, tuple]:
    quizzes = enriched.quizzes
    total, quizzed, types = quiz_summary(quizzes)
    log.info(f"quizzes: {total} questions on {quizzed} of {len(study.topics)} topics ("
             + ", ".join(f"{t} {types[t]}" for t in TYPES if types[t]) + ")")
    return quizzes


def _topic_url(page, slug: str) -> str:
    target = File(f"topics/{slug}.md", None, "", page.file.use_directory_urls)
    return get_relative_url(target.url, page.url)


QUIZ_ID = "self-check"  # the quiz heading's id (overrides/partials/notemill/quiz.html)


def render_quiz(state, page) -> str:
    slug = page.file.src_uri.removeprefix("topics/").removesuffix(".md")
    topic = next((t for t in state.study.topics if t.slug == slug), None)
    questions = state.quizzes.get(slug, ())
    if questions:
        _add_to_toc(page, "Self-check", QUIZ_ID)
    return state.env.get_template("partials/notemill/quiz.html").render(
        questions=questions, slug=slug, title=topic.title if topic else slug, labels=TYPE_LABELS)


def _add_to_toc(page, title: str, anchor: str) -> None:
    """The quiz's heading in the page's table of contents: the slot is filled after MkDocs read the
    headings, so it is added here, under the page's first h1 when it starts with one, as Material shows it."""
    toc = getattr(page, "toc", None)
    if toc is None or any(link.id == anchor for link in _links(toc.items)):
        return
    items = toc.items
    parent = items[0].children if items and items[0].level == 1 else items  # Material shows the h1's children
    parent.append(AnchorLink(title, anchor, 2))


def _links(items):
    for link in items:
        yield link
        yield from _links(link.children)


def render_progress(state, page) -> str:
    topics = [{"slug": t.slug, "title": t.title, "url": _topic_url(page, t.slug),
               "ids": [q.id for q in state.quizzes[t.slug]]}
              for t in state.study.topics if state.quizzes.get(t.slug)]
    return state.env.get_template("partials/notemill/progress.html").render(
        topics=topics, total=sum(len(t["ids"]) for t in topics))
