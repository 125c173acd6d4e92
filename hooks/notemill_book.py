"""The MkDocs side of the study guide: one page holding every topic as a chapter, printed by `make pdf`."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from mkdocs.structure.files import File

from notemill.book import drop_title, plan_book, relink

BOOK_PAGE = "print.md"
BOOK_SOURCE = "---\ntemplate: notemill/print.html\nsearch:\n  exclude: true\ntitle: {title}\n---\n"
PDF_BUILT = "build/study-guide.pdf"  # what `make pdf` writes, relative to mkdocs.yml
PDF_SITE = "study-guide.pdf"  # where the site serves it
# Set by `make pdf`: link the PDF although it is printed only after this build
# (tools/print_pdf.py then copies it into the site), so one build is enough.
PDF_PENDING = "NOTEMILL_PDF_PENDING"
_SLICE = 1 << 20  # characters of the study guide's page written at a time
# What MkDocs logs for a page whose output is empty: the study guide's page, written by write_book_page.
_EMPTY_NOTICE = f"Page skipped: '{BOOK_PAGE}'. Generated empty output."


def book_source(site_name: str) -> str:
    return BOOK_SOURCE.format(title=json.dumps(site_name))


def add_pdf(files, config) -> str | None:
    """Serve the PDF when `make pdf` has printed it; the site path to link, or None."""
    built = Path(config.config_file_path).parent / PDF_BUILT
    if built.is_file():
        files.append(File.generated(config, PDF_SITE, abs_src_path=str(built)))
        return PDF_SITE
    return PDF_SITE if os.environ.get(PDF_PENDING) else None


def link_pdf(state, page) -> None:
    """The home page offers the PDF under its title."""
    link = state.env.get_template("partials/notemill/pdf-link.html").render(href=state.pdf)
    page.content = page.content.replace("</h1>", "</h1>" + link, 1)


def _print_quiz(state, page, chapter) -> str:
    return state.env.get_template("partials/notemill/print-quiz.html").render(chapter=chapter)


# Slot name -> function(state, page, chapter) giving a slot's HTML in the study guide,
# where it differs from the page's (a quiz prints as questions, answers at the end).
PRINT_SLOT_RENDERERS = {"quiz": _print_quiz}


def _notes_epoch(paths) -> int:
    """The notes' date for the cover: SOURCE_DATE_EPOCH, else the newest notes file's change."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if value.isdigit():
        return int(value)
    return max((int(Path(p).stat().st_mtime) for p in paths), default=0)


def book_context(state, context, config, slot, slot_renderers) -> dict:
    """Every topic page's HTML as a chapter, links rewritten to stay inside the book."""
    book = plan_book(state.study, config.site_name, _notes_epoch(state.paths), state.quizzes, state.diagrams)
    urls = {state.rendered[f"topics/{c.slug}.md"][0].url: c.slug for c in book.chapters}
    chapters = {}
    for chapter in book.chapters:
        topic_page, html_text = state.rendered[f"topics/{chapter.slug}.md"]

        def fill(match, topic_page=topic_page, chapter=chapter):
            name = match.group(1)
            if name in PRINT_SLOT_RENDERERS:
                return PRINT_SLOT_RENDERERS[name](state, topic_page, chapter)
            render = slot_renderers.get(name)
            return relink(render(state, topic_page), chapter.slug, topic_page.url, urls) if render else ""

        html_text = relink(drop_title(html_text), chapter.slug, topic_page.url, urls)
        chapters[chapter.slug] = slot.sub(fill, html_text)
    context["book"] = book
    context["chapters"] = chapters
    return context


class _BookWritten(logging.Filter):
    """Drops MkDocs' notice that the study guide's page came out empty: it was written (write_book_page)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != _EMPTY_NOTICE


def quiet_book_notice() -> None:
    """Once per process (`mkdocs serve` configures every rebuild)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _BookWritten) for f in logger.filters):
        logger.addFilter(_BookWritten())


def write_book_page(output: str, page, before_body_end: str = "") -> str:
    """Write the study guide's page (every chapter: tens of megabytes at 100 times the bundled notes) a
    slice at a time, as MkDocs would write it (UTF-8, characters it cannot encode as references), with
    ``before_body_end`` (mermaid2's scripts) put before its ``</body>``, and hand MkDocs an empty page,
    which it does not write. The whole text copied to insert the scripts, stripped and encoded by MkDocs
    was four copies of it at once: the build's peak memory."""
    end = output.rfind("</body>") if before_body_end else len(output)
    path = Path(page.file.abs_dest_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="") as out:
        _write_slices(out, output, 0, end)
        out.write(before_body_end)
        _write_slices(out, output, end, len(output))
    return ""


def _write_slices(out, text: str, start: int, stop: int) -> None:
    for at in range(start, stop, _SLICE):
        out.write(text[at:min(at + _SLICE, stop)])
