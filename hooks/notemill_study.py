"""The MkDocs side of the study loop: the home page's study panel, the Review page, the Anki deck files.

The browser side is ``docs/assets/notemill-study.js`` (schedule with npm's ts-fsrs, review, replay); the
questions it shows are rendered here by the same template as on topic pages
(``partials/notemill/question.html``) into a script, so Review works from ``file://`` too."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from notemill.anki import DECK_FILE, TEXT_FILE, Card, card_tags, write_apkg, write_text
from notemill.exam import quotas
from notemill.quiz import SELF_GRADED, TYPE_LABELS
from notemill.reuse import REUSE

REVIEW_PAGE = "review.md"
REVIEW_SOURCE = (
    "---\nsearch:\n  exclude: true\n---\n# Review\n\n"
    "The questions you have answered come back here when they are due, one at a time "
    "(spaced repetition with FSRS; kept in this browser).\n\n<!-- notemill:review -->\n"
)
# Appended to the Progress page: the deck links (and the exam history) under the quiz scores.
PROGRESS_EXTRA = "\n<!-- notemill:study-progress -->\n"
EXAM_PAGE = "exam.md"
EXAM_SOURCE = (
    "---\nsearch:\n  exclude: true\n---\n# Mock exam\n\n<!-- notemill:exam -->\n"
)
HOME_SLOT = "home"
_INDENT = re.compile(r"\n\s+")
MARKUP_SCRIPT = "assets/notemill-question-markup.js"
# Every question id of the site, loaded by notemill-study.js on pages without the markup: a stored card
# whose id is not in it (notes edited) drops out of every due count at once.
IDS_SCRIPT = "assets/notemill-question-ids.js"
FSRS_SCRIPT = "assets/javascripts/ts-fsrs.js"
# Third-party browser code for the study loop (site path -> installed file), copied by the build.
VENDORED = {FSRS_SCRIPT: "node_modules/ts-fsrs/dist/index.umd.js"}


def deck_cards(env, config, lines, templates) -> list[Card]:
    """Every bank question (``lines``: each one's record as JSON) as a card, both sides rendered by the
    theme's templates (``templates``: a stamp of them; under `mkdocs serve` a card made from the same record
    by the same templates is the last build's)."""
    front = env.get_template("partials/notemill/anki-front.html")
    back = env.get_template("partials/notemill/anki-back.html")
    base = (config.site_url or "").rstrip("/")

    def card(line: str) -> Card:
        q = json.loads(line)
        href = f"{base}/{q['url']}" if base else ""
        return Card(q["id"], front.render(q=q, labels=TYPE_LABELS).strip(), back.render(q=q, page_href=href).strip(),
                    card_tags(q["category"], q["topic"], q["type"]))

    return [REUSE.get(("card", templates, base, line), lambda line=line: card(line)) for line in lines]


def write_deck(site_dir: str, cards: list[Card], deck_name: str, epoch: int) -> None:
    out = Path(site_dir)
    write_apkg(cards, deck_name, epoch, out / DECK_FILE)
    with open(out / TEXT_FILE, "w", encoding="utf-8", newline="\n") as f:
        write_text(cards, deck_name, f)


def build_deck(state, config, epoch: int, log) -> None:
    """Write the deck's two files into the site; the build log says how many cards."""
    cards = deck_cards(state.env or config.theme.get_env(), config, state.record_lines, state.templates)
    write_deck(config.site_dir, cards, config.site_name, epoch)
    log.info(f"Anki deck: {len(cards)} cards in {DECK_FILE} and {TEXT_FILE}")


def _site_href(page, path: str) -> str:
    return get_relative_url(path, page.url)


def render_deck_links(state, page) -> str:
    count = sum(len(qs) for qs in state.bank.values())
    if not count:
        return ""
    return state.env.get_template("partials/notemill/deck-links.html").render(
        apkg=_site_href(page, DECK_FILE), text=_site_href(page, TEXT_FILE), count=count)


def write_markup(state, config) -> None:
    """Every bank question's markup (question.html) as a script: Review and Exam show any question of the
    site without a fetch (none works from file://). Links are relative to the site's root pages. Beside
    it, the ids alone (``IDS_SCRIPT``) for every other page's due counts."""
    env = state.env or config.theme.get_env()
    template = env.get_template("partials/notemill/question.html")
    def markup_of(line: str) -> tuple[str, str]:
        q = json.loads(line)
        # The template's indentation goes (no <pre> in a question): a third of the bytes.
        return q["id"], _INDENT.sub("\n", template.render(q=q, labels=TYPE_LABELS, source_href=q["url"]).strip())

    ids = []
    # Written an entry at a time, the same bytes as one json.dumps of the whole mapping: at 100 times the
    # bundled notes the script is over 80 MB, and the whole text and its escaped copies set the build's peak.
    with open(Path(config.site_dir) / MARKUP_SCRIPT, "w", encoding="utf-8", newline="\n") as out:
        out.write("window.notemillQuestionMarkup = {")
        for line in state.record_lines:
            qid, markup = REUSE.get(("markup", state.templates, line), lambda line=line: markup_of(line))
            out.write(("," if ids else "") + _script_json(qid) + ":" + _script_json(markup))
            ids.append(qid)
        out.write("};\n")
    # Ids are hex digits: one space-separated string is the smallest form.
    (Path(config.site_dir) / IDS_SCRIPT).write_text(
        f"window.notemillQuestionIds = {json.dumps(' '.join(ids))};\n", encoding="utf-8")


def _script_json(text: str) -> str:
    # The markup's text is escaped by the template; "</" written "<\/" (the same JSON string) means no
    # text can close a script element even if this is ever inlined.
    return (json.dumps(text, ensure_ascii=False)
            .replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _topics(state, page, scored_only: bool = False):
    """Each topic with questions: its page and its question ids (``scored_only``: none the student grades
    themselves, for the exam)."""
    out = []
    for t in state.study.topics:
        ids = [q.id for q in state.bank.get(t.slug, ()) if not (scored_only and q.type in SELF_GRADED)]
        if ids:
            url = _site_href(page, File(f"topics/{t.slug}.md", None, "", page.file.use_directory_urls).url)
            out.append({"slug": t.slug, "title": t.title, "url": url, "category": t.category, "ids": ids})
    return out


def _scripts(page) -> dict:
    return {"markup": _site_href(page, MARKUP_SCRIPT), "fsrs": _site_href(page, FSRS_SCRIPT)}


def render_home_panel(state, page) -> str:
    topics = _topics(state, page)
    categories = [{"title": c.title, "ids": [i for t in topics if t["category"] == c.id for i in t["ids"]]}
                  for c in state.study.categories]
    return state.env.get_template("partials/notemill/home.html").render(
        categories=[c for c in categories if c["ids"]], topics=topics,
        review=_site_href(page, "review.html"), exam=_site_href(page, "exam.html"),
        progress=_site_href(page, "progress.html"), deck=render_deck_links(state, page))


def render_review(state, page) -> str:
    return state.env.get_template("partials/notemill/review.html").render(
        topics=_topics(state, page), scripts=_scripts(page), labels=TYPE_LABELS)


def render_exam(state, page) -> str:
    """The exam page: settings, each topic's quota of the draw (notemill.exam.quotas) and its ids."""
    exam = state.exam
    topics = _topics(state, page, scored_only=True)  # a self-graded recall card is no exam question
    weights = {t.slug: (state.coverage[t.slug].fact_lines if t.slug in state.coverage else 0)
               for t in state.study.topics}
    quota = quotas(weights, {t["slug"]: len(t["ids"]) for t in topics}, exam.count)
    titles = {c.id: c.title for c in state.study.categories}
    for t in topics:
        t["quota"] = quota.get(t["slug"], 0)
        t["category_title"] = titles.get(t["category"], t["category"])
    return state.env.get_template("partials/notemill/exam.html").render(
        topics=topics, count=sum(quota.values()), wanted=exam.count, minutes=exam.minutes,
        pass_mark=exam.pass_mark, scripts=_scripts(page), labels=TYPE_LABELS)


def render_study_progress(state, page) -> str:
    return state.env.get_template("partials/notemill/exam-history.html").render(deck=render_deck_links(state, page))


SLOT_RENDERERS = {HOME_SLOT: render_home_panel, "review": render_review, "exam": render_exam,
                  "study-progress": render_study_progress}
