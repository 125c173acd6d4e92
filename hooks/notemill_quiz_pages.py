"""The MkDocs side of the quizzes: build them, log the summary, render the quiz and Progress slots."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from notemill.quiz import TYPE_LABELS, TYPES, coverage_totals
from notemill.quiz import summary as quiz_summary
from notemill.quiz.bank import record_lines, records, write_json, write_script

# The question bank, for review, exam and export features (the script twin for pages opened from file://).
BANK_JSON = "questions.json"
BANK_SCRIPT = "assets/notemill-questions.js"

PROGRESS_PAGE = "progress.md"
PROGRESS_SOURCE = (
    "---\nsearch:\n  exclude: true\n---\n# Progress\n\n"
    "Your self-check scores per topic, kept in this browser (nothing is sent anywhere). "
    "Answer questions at the end of each topic page; come back here to review your mistakes.\n\n"
    "<!-- notemill:progress -->\n"
)


# The authors' part of the Structure report: quiz coverage (a heading, so it is in the page's contents).
COVERAGE_SOURCE = "\n## Quiz coverage\n\n<!-- notemill:coverage -->\n"


def quizzes_for_build(study, enriched, log) -> dict[str, tuple]:
    quizzes = enriched.quizzes
    total, quizzed, types = quiz_summary(enriched.bank)
    on_pages = sum(len(qs) for qs in quizzes.values())
    names = [*TYPES, *sorted(t for t in types if t not in TYPES)]
    facts, tested = coverage_totals(enriched.coverage)
    log.info(f"quizzes: {total} questions on {quizzed} of {len(study.topics)} topics, {on_pages} on their pages ("
             + ", ".join(f"{t} {types[t]}" for t in names if types[t])
             + f"); {tested} of {facts} fact lines tested ({_percent(tested, facts)})")
    return quizzes


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "no fact lines"


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


def bank_lines(config, study, bank) -> list[str]:
    """Every bank question's record (a line of questions.json): the bank files, the deck and the question
    markup script are all made from them, once per build."""
    urls: dict[str, str] = {}

    def page_url(slug: str) -> str:
        if slug not in urls:
            urls[slug] = File(f"topics/{slug}.md", None, "", config.use_directory_urls).url
        return urls[slug]

    return record_lines(records(bank, study.topics, page_url))


def write_bank(site_dir: str, lines: list[str]) -> None:
    """The question bank's two files, written into the site after the pages (a line at a time: tens of
    megabytes at 100 times the bundled notes, not worth holding for the whole build)."""
    for dest, write in ((BANK_JSON, write_json), (BANK_SCRIPT, write_script)):
        path = Path(site_dir) / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            write(lines, out)


def render_coverage(state, page) -> str:
    """The Structure report's quiz coverage: per topic, fact lines and tested lines, and each untested fact
    line with the rule that left it out (for authors; students never see this)."""
    facts, tested = coverage_totals(state.coverage)
    topics = []
    for t in state.study.topics:
        cover = state.coverage.get(t.slug)
        if cover is None or not cover.fact_lines:
            continue
        topics.append({"title": t.title, "url": _topic_url(page, t.slug), "facts": cover.fact_lines,
                       "tested": cover.tested_lines, "questions": len(state.bank.get(t.slug, ())),
                       "untested": cover.untested})
    return state.env.get_template("partials/notemill/coverage.html").render(
        topics=topics, facts=facts, tested=tested, percent=_percent(tested, facts))
