"""MkDocs hooks: translate build events into notemill calls.

All the work is in the ``notemill`` package beside this file; what a build
computes lives on the build's own config object. Under ``mkdocs serve`` a
rebuild also reuses the previous build's values for unchanged inputs
(``notemill.reuse``: each keyed by everything it depends on).
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import CountHandler
from notemill_study import (
    EXAM_PAGE,
    EXAM_SOURCE,
    HOME_SLOT,
    PROGRESS_EXTRA,
    REVIEW_PAGE,
    REVIEW_SOURCE,
    build_deck,
    write_markup,
)
from notemill_study import SLOT_RENDERERS as STUDY_SLOTS
from notemill_study import VENDORED as STUDY_VENDORED

from notemill import NotesError, Study, build_study
from notemill.enrich import enrich
from notemill.navigation import NavLink, site_navigation
from notemill.outline import outline
from notemill.render import render_home, render_structure
from notemill.reuse import REUSE
from notemill.workers import WorkerError
from notemill_book import (
    BOOK_PAGE,
    _notes_epoch,
    add_pdf,
    book_context,
    book_source,
    link_pdf,
    quiet_book_notice,
    write_book_page,
)
from notemill_mermaid import diagrams_for_build, mermaid_enabled, render_diagrams
from notemill_mermaid2_scripts import mermaid2_scripts, wrap_mermaid2
from notemill_pages import PageCache, compiled_templates, search_plugin, templates_stamp
from notemill_quiz_pages import (
    COVERAGE_SOURCE,
    PROGRESS_PAGE,
    PROGRESS_SOURCE,
    bank_lines,
    quizzes_for_build,
    render_coverage,
    render_progress,
    render_quiz,
    write_bank,
)
from notemill_settings import load_settings, notes_formats, notes_paths

log = get_plugin_logger("notemill")

TITLES_HINT = "# titles.yml (set extra.notemill.titles: titles.yml)\n- file: {file}\n  line: {line}\n  title: {title}"


@dataclass
class BuildState:
    """What one build derived from the notes; kept on that build's config."""

    study: Study
    pages: dict[str, str] = field(default_factory=dict)  # src path -> Markdown
    env: object = None
    # Per topic slug, what the enrich step made for that page; a page has a
    # slot only for what it has.
    diagrams: dict[str, tuple] = field(default_factory=dict)
    quizzes: dict[str, tuple] = field(default_factory=dict)  # what each topic page shows
    bank: dict[str, tuple] = field(default_factory=dict)  # every question, for questions.json
    coverage: dict[str, object] = field(default_factory=dict)  # topic slug -> quiz coverage (authors' report)
    # src path -> (page, its HTML before slots are filled): the study guide reuses it.
    rendered: dict[str, tuple] = field(default_factory=dict)
    pdf: str | None = None  # site path of the PDF study guide, when one has been built
    paths: tuple = ()  # the notes files this build read
    date: str = ""  # the notes' date (YYYY-MM-DD): every page's update date in the sitemap
    exam: object = None  # extra.notemill.exam (count, minutes, pass_mark)
    topics_by_slug: dict = field(default_factory=dict)
    # The generated pages on disk, so that a dirty build (`make serve`) rebuilds only the changed ones.
    cache: PageCache | None = None
    files: Files | None = None
    search: dict[str, list] = field(default_factory=dict)  # src path -> its search entries, this build
    search_seen: int = 0  # search entries already attributed to a page
    record_lines: list = field(default_factory=list)  # every bank question's record as JSON (questions.json)
    templates: str = ""  # a stamp of the theme overrides' files, for output reused from the last build


def _state(config) -> BuildState:
    return config.notemill_state


# Problems in the user's notes (a stray byte, an empty file, deep nesting) are logged as warnings and the
# site is built with them: `--strict` is there to catch the project's own faults (a broken link, a missing
# template), and a notes problem aborting the build would leave the student with no site at all.
NOTES_PROBLEM = "notemill_notes_problem"


class _NotesProblemsDoNotAbort(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, NOTES_PROBLEM, False)


def _strict_counts_only_project_problems() -> None:
    """Keep notes warnings out of the counter ``mkdocs build --strict`` aborts on (one per build)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and not any(isinstance(f, _NotesProblemsDoNotAbort)
                                                         for f in handler.filters):
            handler.addFilter(_NotesProblemsDoNotAbort())


def on_startup(command, dirty):
    """`mkdocs serve` rebuilds in this process after each edit: keep what the next rebuild can reuse."""
    REUSE.enabled = command == "serve"


# MkDocs' server looks for changed files every 0.5 s and has no setting for it: a saved line waited a
# quarter of a second on average before its rebuild began. Looking every 0.1 s costs an idle server 4.5%
# of a core instead of 1% (measured on the 10x bench notes).
POLL_SECONDS = 0.1


def on_serve(server, config, builder):
    """Poll the watched files every ``POLL_SECONDS``: the watches made so far (docs, mkdocs.yml) and those
    MkDocs adds after this event (``watch:`` in mkdocs.yml, the notes)."""
    observer = server.observer
    if not hasattr(observer, "_timeout"):  # where watchdog (up to 7.x at least) keeps the interval
        log.info("file polling left at MkDocs' 0.5 s: this watchdog version keeps it elsewhere")
        return server
    for emitter in [observer, *observer.emitters]:
        emitter._timeout = POLL_SECONDS
    return server


def on_config(config):
    REUSE.next_build()
    wrap_mermaid2(config)
    quiet_book_notice()
    return _derive(config)


def _derive(config):
    settings = load_settings(config)
    paths = notes_paths(settings)
    try:
        study = build_study(
            paths,
            catalog_path=Path(settings.catalog) if settings.catalog else None,
            titles_path=Path(settings.titles) if settings.titles else None,
            workers=settings.workers,
            formats=notes_formats(settings, config),
        )
    except (NotesError, WorkerError) as err:
        raise PluginError(str(err)) from None
    _strict_counts_only_project_problems()
    for d in study.diagnostics:
        (log.warning if d.level == "warning" else log.info)(str(d), extra={NOTES_PROBLEM: True})
    problems = sum(1 for d in study.diagnostics if d.level == "warning")
    if problems:
        log.info(f"{problems} problem{'s' if problems > 1 else ''} in the notes (warnings above); the site is "
                 "built with them, each shown as described in the README")
    inferred = sum(1 for s in study.sections if s.title.inferred)
    log.info(f"{len(study.sections)} sections, {len(study.topics)} topics, {inferred} headings recovered "
             f"from {', '.join(study.files)}")

    state = BuildState(study, paths=tuple(paths), topics_by_slug={t.slug: t for t in study.topics})
    # The sitemap's dates are the notes' date, as on the PDF: builds on different days give the same site.
    state.date = datetime.fromtimestamp(_notes_epoch(paths), UTC).strftime("%Y-%m-%d")
    try:
        enriched = enrich(study, mermaid=mermaid_enabled(config), workers=settings.workers)
    except WorkerError as err:
        raise PluginError(str(err)) from None
    state.diagrams = diagrams_for_build(config, enriched, log)
    state.quizzes = quizzes_for_build(study, enriched, log)
    state.bank = enriched.bank
    state.coverage = enriched.coverage
    for topic in study.topics:
        state.pages[f"topics/{topic.slug}.md"] = enriched.pages[topic.slug]
    state.pages["index.md"] = render_home(config.site_name, study.categories, {
        "topics": len(study.topics),
        "sections": len(study.sections),
        "lines": study.line_count,  # outline entries (a wrapped entry spans several lines)
        "inferred": inferred,
    }, slots=(HOME_SLOT,))
    first = next((s for s in study.sections if s.title.inferred), study.sections[0] if study.sections else None)
    # JSON strings are valid YAML, whatever the title holds.
    hint = TITLES_HINT.format(file=json.dumps(first.section.file), line=first.section.first_line,
                              title=json.dumps(first.title.text)) if first \
        else TITLES_HINT.format(file='"notes.txt"', line=1, title='"My title"')
    slug_of = {id(s.section): t.slug for t in study.topics for s in t.sections}
    state.pages["structure.md"] = render_structure(study.sections, slug_of, hint) + COVERAGE_SOURCE
    state.pages[BOOK_PAGE] = book_source(config.site_name)
    state.pages[PROGRESS_PAGE] = PROGRESS_SOURCE + PROGRESS_EXTRA
    state.pages[REVIEW_PAGE] = REVIEW_SOURCE
    state.pages[EXAM_PAGE] = EXAM_SOURCE
    state.exam = settings.exam

    config.nav = [{"Home": "index.md"}] + [_nav_entry(c) for c in site_navigation(study.categories)] + [
        {"Review": REVIEW_PAGE}, {"Mock exam": EXAM_PAGE}, {"Progress": PROGRESS_PAGE},
        {"Structure report": "structure.md"}]
    config.watch.extend(str(p) for p in paths if str(p) not in config.watch)
    config.notemill_state = state
    return config


def _nav_entry(item):
    """A navigation entry as mkdocs.yml writes it; titles are inserted into HTML unescaped by the theme."""
    if isinstance(item, NavLink):
        return {html.escape(item.title): item.path}
    return {html.escape(item.title): [_nav_entry(child) for child in item.children]}


# Third-party browser code the site serves itself (site path -> installed file),
# never committed and never loaded from a CDN.
VENDORED = {
    "assets/javascripts/iframe-worker-shim.js": "node_modules/iframe-worker/shim/index.js",  # search from file://
    **STUDY_VENDORED,  # the review schedule (FSRS)
}


def on_files(files: Files, config) -> Files:
    state = _state(config)
    for src in state.pages:
        existing = files.get_file_from_path(src)
        if existing is not None:
            log.warning(f"docs/{src} is replaced by the page generated from the notes; rename or remove it")
            files.remove(existing)
    for dest, source in state.study.media:  # local images of Markdown notes
        files.append(File.generated(config, dest, abs_src_path=str(source)))
    root = Path(config.config_file_path).parent
    for dest, source in VENDORED.items():
        if not (root / source).is_file():
            raise PluginError(f"{source} is missing: run 'make site' (or 'npm ci') to install the browser libraries")
        files.append(File.generated(config, dest, abs_src_path=str(root / source)))
    state.record_lines = bank_lines(config, state.study, state.bank)
    state.templates = templates_stamp(config)
    state.pdf = add_pdf(files, config)
    state.cache = PageCache(config)
    state.cache.add_pages(config, state, files)
    return files


def on_env(env, config, files):
    _state(config).env = env
    compiled_templates(env)
    _state(config).files = files
    return env


# Slot name -> function(state, page) returning the HTML that replaces
# ``<!-- notemill:NAME -->`` on a page.
SLOT_RENDERERS = {"diagrams": render_diagrams, "quiz": render_quiz, "progress": render_progress,
                  "coverage": render_coverage, **STUDY_SLOTS}
_SLOT = re.compile(r"<!-- notemill:([a-z-]+) -->")


def on_pre_page(page, config, files):
    page.update_date = _state(config).date
    return page


def on_page_content(html_text, page, config, files):
    state = _state(config)
    if state.env is None:  # on_env comes after the pages' content: the theme's own env renders the slots
        state.env = compiled_templates(config.theme.get_env())
    state.rendered[page.file.src_uri] = (page, html_text)
    state.cache.save_html(page.file.src_uri, html_text)

    def fill(match):
        render = SLOT_RENDERERS.get(match.group(1))
        return render(state, page) if render else ""

    return _SLOT.sub(fill, html_text)


def on_page_context(context, page, config, nav):
    state = _state(config)
    _keep_search_entries(state, config, page.file.src_uri)
    if page.file.src_uri == "index.md" and state.pdf:
        link_pdf(state, page)
    if page.file.src_uri == BOOK_PAGE:
        _cached_topic_html(state)
        return book_context(state, context, config, _SLOT, SLOT_RENDERERS)
    return context


@event_priority(50)  # before mermaid2's handler, which gets an empty page (nothing to add to)
def on_post_page(output, page, config):
    if page.file.src_uri != BOOK_PAGE:
        # MkDocs writes the page next and nothing reads its HTML again (the study guide has its own copy,
        # search its entries): left, every page's HTML stays in memory to the end of the build.
        page.content = None
        return output
    wrapped = mermaid2_scripts(config)
    scripts = wrapped.scripts_for(output, page=page, config=config) if wrapped else ""
    if scripts is None:
        return output  # mermaid2 must parse the page itself; MkDocs writes it
    return write_book_page(output, page, scripts)


def _keep_search_entries(state, config, src):
    """The entries Material's search made for this page (its handler runs before this one), kept so that a
    dirty build, which renders only changed pages, can still write the whole index."""
    search = search_plugin(config)
    if search is None:
        return
    entries = search.search_index.entries
    state.search[src] = entries[state.search_seen:]
    state.search_seen = len(entries)
    state.cache.save_search(src, state.search[src])


def _cached_topic_html(state):
    """Topic pages a dirty build skipped: their HTML as last rendered, for the study guide's chapters."""
    for src in state.pages:
        if src.startswith("topics/") and src not in state.rendered:
            page = state.files.get_file_from_path(src).page
            if not isinstance(page.toc, TableOfContents):
                page.toc = TableOfContents([])  # never written: the slots' renderers may add to it
            state.rendered[src] = (page, state.cache.load_html(src))


@event_priority(100)  # before Material's search writes its index
def on_post_build(config):
    state = _state(config)
    search = search_plugin(config)
    if search is not None and state.files is not None:
        pages = [f.src_uri for f in state.files.documentation_pages()]
        if any(src not in state.search for src in pages):
            # A dirty build: the index in page order, as a clean build writes it, skipped pages from the cache.
            entries = []
            for src in pages:
                found = state.search[src] if src in state.search else state.cache.load_search(src)
                if found is None:
                    log.warning(f"the search index leaves out {src} until it is rebuilt (its cached entries are gone)")
                entries += found or []
            search.search_index.entries = entries
        # The index is whole now. Under `mkdocs serve --dirty` Material would merge it into the last build's,
        # keeping the entries of pages now gone and doubling the rest (its merge assumes one page changed).
        search.search_index_prev = None
    study = _state(config).study
    quizzes = _state(config).quizzes
    data = outline(study, diagrams={slug: len(found) for slug, found in _state(config).diagrams.items()},
                   questions={slug: len(qs) for slug, qs in quizzes.items()},
                   question_types={slug: Counter(q.type for q in qs) for slug, qs in quizzes.items()},
                   bank={slug: len(qs) for slug, qs in _state(config).bank.items()}, coverage=_state(config).coverage)
    out = Path(config.site_dir) / "outline.json"
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_bank(config.site_dir, state.record_lines)
    build_deck(_state(config), config, _notes_epoch(_state(config).paths), log)
    write_markup(_state(config), config)
