"""MkDocs hooks: translate build events into notemill calls.

All the work is in the ``notemill`` package beside this file; what a build
computes lives on the build's own config object, so nothing survives from
one ``mkdocs serve`` rebuild to the next.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from notemill import NotesError, Study, build_study
from notemill.book import drop_title, plan_book, relink
from notemill.outline import outline
from notemill.quiz import TYPE_LABELS, TYPES, build_quizzes
from notemill.quiz import summary as quiz_summary
from notemill.render import render_home, render_structure, render_topic
from notemill_mermaid import diagrams_for_build, render_diagrams
from notemill_settings import load_settings, notes_paths

log = get_plugin_logger("notemill")

TITLES_HINT = "# titles.yml (set extra.notemill.titles: titles.yml)\n- file: {file}\n  line: {line}\n  title: {title}"


@dataclass
class BuildState:
    """What one build derived from the notes; kept on that build's config."""

    study: Study
    pages: dict[str, str] = field(default_factory=dict)  # src path -> Markdown
    env: object = None
    # Per topic slug, what the enrich steps made for that page; a page gets a
    # slot only for what it has.
    diagrams: dict[str, tuple] = field(default_factory=dict)
    quizzes: dict[str, tuple] = field(default_factory=dict)
    # src path -> (page, its HTML before slots are filled): the study guide reuses it.
    rendered: dict[str, tuple] = field(default_factory=dict)
    pdf: str | None = None  # site path of the PDF study guide, when one has been built

    def slots(self, slug: str) -> tuple[str, ...]:
        return tuple(name for name, made in (("diagrams", self.diagrams), ("quiz", self.quizzes)) if made.get(slug))


def _state(config) -> BuildState:
    return config.notemill_state


def on_config(config):
    settings = load_settings(config)
    paths = notes_paths(settings)
    try:
        study = build_study(
            paths,
            catalog_path=Path(settings.catalog) if settings.catalog else None,
            titles_path=Path(settings.titles) if settings.titles else None,
        )
    except NotesError as err:
        raise PluginError(str(err)) from None
    for d in study.diagnostics:
        (log.warning if d.level == "warning" else log.info)(str(d))
    inferred = sum(1 for s in study.sections if s.title.inferred)
    log.info(f"{len(study.sections)} sections, {len(study.topics)} topics, {inferred} headings recovered "
             f"from {', '.join(study.files)}")

    state = BuildState(study)
    state.diagrams = diagrams_for_build(config, study, log)
    state.quizzes = build_quizzes(study)
    total, quizzed, types = quiz_summary(state.quizzes)
    log.info(f"quizzes: {total} questions on {quizzed} of {len(study.topics)} topics ("
             + ", ".join(f"{t} {types[t]}" for t in TYPES if types[t]) + ")")
    titles = {c.id: c.title for c in study.categories}
    for topic in study.topics:
        state.pages[f"topics/{topic.slug}.md"] = render_topic(topic, titles[topic.category], state.slots(topic.slug))
    state.pages["index.md"] = render_home(config.site_name, study.categories, {
        "topics": len(study.topics),
        "sections": len(study.sections),
        "lines": study.line_count,  # outline entries (a wrapped entry spans several lines)
        "inferred": inferred,
    })
    first = next((s for s in study.sections if s.title.inferred), study.sections[0] if study.sections else None)
    # JSON strings are valid YAML, whatever the title holds.
    hint = TITLES_HINT.format(file=json.dumps(first.section.file), line=first.section.first_line,
                              title=json.dumps(first.title.text)) if first \
        else TITLES_HINT.format(file='"notes.txt"', line=1, title='"My title"')
    slug_of = {id(s.section): t.slug for t in study.topics for s in t.sections}
    state.pages["structure.md"] = render_structure(study.sections, slug_of, hint)
    state.pages[BOOK_PAGE] = BOOK_SOURCE.format(title=json.dumps(config.site_name))
    state.pages[PROGRESS_PAGE] = PROGRESS_SOURCE

    # Nav titles are inserted into HTML unescaped by the theme.
    config.nav = [{"Home": "index.md"}] + [
        {html.escape(c.title): [{html.escape(t.title): f"topics/{t.slug}.md"} for t in c.topics]}
        for c in study.categories
    ] + [{"Progress": PROGRESS_PAGE}, {"Structure report": "structure.md"}]
    config.watch.extend(str(p) for p in paths if str(p) not in config.watch)
    config.notemill_state = state
    return config


# Third-party browser code the site serves itself (site path -> installed file),
# never committed and never loaded from a CDN.
VENDORED = {
    "assets/javascripts/iframe-worker-shim.js": "node_modules/iframe-worker/shim/index.js",  # search from file://
}


def on_files(files: Files, config) -> Files:
    for src, content in _state(config).pages.items():
        existing = files.get_file_from_path(src)
        if existing is not None:
            log.warning(f"docs/{src} is replaced by the page generated from the notes; rename or remove it")
            files.remove(existing)
        files.append(File.generated(config, src, content=content))
    root = Path(config.config_file_path).parent
    for dest, source in VENDORED.items():
        if not (root / source).is_file():
            raise PluginError(f"{source} is missing: run 'make site' (or 'npm ci') to install the browser libraries")
        files.append(File.generated(config, dest, abs_src_path=str(root / source)))
    if (root / PDF_BUILT).is_file():
        files.append(File.generated(config, PDF_SITE, abs_src_path=str(root / PDF_BUILT)))
        _state(config).pdf = PDF_SITE
    elif os.environ.get(PDF_PENDING):
        _state(config).pdf = PDF_SITE
    return files


def on_env(env, config, files):
    _state(config).env = env
    return env


# Slot name -> function(state, page) returning the HTML that replaces
# ``<!-- notemill:NAME -->`` on a topic page.
SLOT_RENDERERS: dict = {"diagrams": render_diagrams}
_SLOT = re.compile(r"<!-- notemill:([a-z-]+) -->")


def on_page_content(html_text, page, config, files):
    state = _state(config)
    if state.env is None:  # on_env comes after the pages' content: the theme's own env renders the slots
        state.env = config.theme.get_env()
    state.rendered[page.file.src_uri] = (page, html_text)

    def fill(match):
        render = SLOT_RENDERERS.get(match.group(1))
        return render(state, page) if render else ""

    return _SLOT.sub(fill, html_text)


# The study guide: one page holding every topic as a chapter, printed to PDF by `make pdf`.
BOOK_PAGE = "print.md"
BOOK_SOURCE = "---\ntemplate: notemill/print.html\nsearch:\n  exclude: true\ntitle: {title}\n---\n"
PDF_BUILT = "build/study-guide.pdf"  # what `make pdf` writes, relative to mkdocs.yml
PDF_SITE = "study-guide.pdf"  # where the site serves it
# Set by `make pdf`: link the PDF although it is printed only after this build
# (tools/print_pdf.py then copies it into the site), so one build is enough.
PDF_PENDING = "NOTEMILL_PDF_PENDING"
# Slot name -> function(state, page) giving a slot's HTML in the study guide,
# where it differs from the page's (a quiz prints as questions, answers at the end).
PRINT_SLOT_RENDERERS: dict = {}


def _print_quiz(state, page, chapter):
    return state.env.get_template("partials/notemill/print-quiz.html").render(chapter=chapter)


PRINT_SLOT_RENDERERS["quiz"] = _print_quiz


def _notes_epoch(config) -> int:
    """The notes' date for the cover: SOURCE_DATE_EPOCH, else the newest notes file's change."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if value.isdigit():
        return int(value)
    return max((int(Path(p).stat().st_mtime) for p in notes_paths(load_settings(config))), default=0)


def on_page_context(context, page, config, nav):
    state = _state(config)
    if page.file.src_uri == "index.md" and state.pdf:
        link = state.env.get_template("partials/notemill/pdf-link.html").render(href=state.pdf)
        page.content = page.content.replace("</h1>", "</h1>" + link, 1)
    if page.file.src_uri != BOOK_PAGE:
        return context
    study = state.study
    book = plan_book(study, config.site_name, _notes_epoch(config), state.quizzes, state.diagrams)
    urls = {state.rendered[f"topics/{c.slug}.md"][0].url: c.slug for c in book.chapters}
    chapters = {}
    for chapter in book.chapters:
        topic_page, html_text = state.rendered[f"topics/{chapter.slug}.md"]

        def fill(match, topic_page=topic_page, chapter=chapter):
            name = match.group(1)
            if name in PRINT_SLOT_RENDERERS:
                return PRINT_SLOT_RENDERERS[name](state, topic_page, chapter)
            render = SLOT_RENDERERS.get(name)
            return relink(render(state, topic_page), chapter.slug, topic_page.url, urls) if render else ""

        html_text = relink(drop_title(html_text), chapter.slug, topic_page.url, urls)
        chapters[chapter.slug] = _SLOT.sub(fill, html_text)
    context["book"] = book
    context["chapters"] = chapters
    return context


# The quiz slot of a topic page and the Progress page, from templates.
PROGRESS_PAGE = "progress.md"
PROGRESS_SOURCE = (
    "---\nsearch:\n  exclude: true\n---\n# Progress\n\n"
    "Your self-check scores per topic, kept in this browser (nothing is sent anywhere). "
    "Answer questions at the end of each topic page; come back here to review your mistakes.\n\n"
    "<!-- notemill:progress -->\n"
)


def _topic_url(page, slug: str) -> str:
    target = File(f"topics/{slug}.md", None, "", page.file.use_directory_urls)
    return get_relative_url(target.url, page.url)


def _render_quiz(state, page):
    slug = page.file.src_uri.removeprefix("topics/").removesuffix(".md")
    topic = next((t for t in state.study.topics if t.slug == slug), None)
    return state.env.get_template("partials/notemill/quiz.html").render(
        questions=state.quizzes.get(slug, ()), slug=slug, title=topic.title if topic else slug, labels=TYPE_LABELS)


def _render_progress(state, page):
    topics = [{"slug": t.slug, "title": t.title, "url": _topic_url(page, t.slug),
               "ids": [q.id for q in state.quizzes[t.slug]]}
              for t in state.study.topics if state.quizzes.get(t.slug)]
    return state.env.get_template("partials/notemill/progress.html").render(
        topics=topics, total=sum(len(t["ids"]) for t in topics))


SLOT_RENDERERS["quiz"] = _render_quiz
SLOT_RENDERERS["progress"] = _render_progress


def on_post_build(config):
    study = _state(config).study
    quizzes = _state(config).quizzes
    data = outline(study, diagrams={slug: len(found) for slug, found in _state(config).diagrams.items()},
                   questions={slug: len(qs) for slug, qs in quizzes.items()},
                   question_types={slug: Counter(q.type for q in qs) for slug, qs in quizzes.items()})
    out = Path(config.site_dir) / "outline.json"
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
