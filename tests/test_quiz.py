"""Quiz generators, quality rules and rendering, on small notes written to tempt each rule, and on the seed."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, SEED, mkdocs_build
from notemill import build_study
from notemill.quiz import (
    MAX_PER_TOPIC,
    TYPES,
    bank_of,
    build_bank,
    build_quizzes,
    candidates,
    gen_choose,
    gen_compare,
    gen_order,
    gen_terms,
    gen_topics,
    gen_values,
    notes_order,
    problems,
    quiz_stage,
    shown,
    summary,
)
from notemill.quiz.model import TYPE_LABELS
from notemill.quiz.quantities import find_quantities, option_key
from notemill.quiz.scope import build_scope
from notemill.quiz.text import norm

TEMPLATES = ROOT / "overrides"


def study_of(tmp_path: Path, text: str, name: str = "notes.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return build_study([path])


def ask(tmp_path: Path, text: str, gen):
    """The questions one generator makes from the notes, each checked against the quality rules."""
    study = study_of(tmp_path, text)
    scope = build_scope(study)
    out = [q for topic in study.topics for q in gen.questions(topic, scope)]
    for q in out:
        assert problems(q, scope.facts) == [], (q, problems(q, scope.facts))
    return out


API_LIST = """Widget Store

  • Operations
    • PutThing: create or replace a thing
    • GetThing: read one thing by its key
    • ListThings: page through every thing in a bucket
    • DropThing: remove one thing for good
"""


# ---- terms and definitions ----

def test_terms_both_ways_with_sibling_distractors(tmp_path):
    qs = ask(tmp_path, API_LIST, gen_terms)
    assert len(qs) == 4
    terms = {"PutThing", "GetThing", "ListThings", "DropThing"}
    defs = {"create or replace a thing", "read one thing by its key", "page through every thing in a bucket",
            "remove one thing for good"}
    assert {q.type for q in qs} <= {"term", "definition"}
    for q in qs:
        pool = terms if q.type == "term" else defs
        assert set(q.options) <= pool and len(q.options) == 4
        assert q.explanation.split(": ", 1)[1] in defs
        assert q.anchor.startswith("notes-L")


def test_term_without_siblings_asks_nothing(tmp_path):
    notes = "Widget Store\n\n  • PutThing: create or replace a thing\n  • Has a web console\n"
    assert ask(tmp_path, notes, gen_terms) == []


def test_duplicate_terms_are_not_asked(tmp_path):
    notes = API_LIST + "    • PutThing: upload a thing in parts\n"
    qs = ask(tmp_path, notes, gen_terms)
    assert qs and all("PutThing" not in q.options and "PutThing" not in q.stem for q in qs)


def test_definition_that_repeats_its_term_is_not_asked(tmp_path):
    notes = API_LIST.replace("read one thing by its key", "get a thing by its key")
    qs = ask(tmp_path, notes, gen_terms)
    assert not any("GetThing" in q.options and q.type == "term" and "get a thing" in q.stem for q in qs)
    assert not any(q.type == "definition" and "GetThing" in q.stem for q in qs)


def test_wrong_option_stated_true_elsewhere_is_dropped(tmp_path):
    # The notes define DropThing the same way in another list: it cannot be a wrong option.
    notes = API_LIST + "\n\nOld API\n\n  • Calls\n    • DropThing: read one thing by its key\n" \
        "    • Ping: check the store answers\n    • Stats: count things per bucket\n"
    qs = ask(tmp_path, notes, gen_terms)
    asked = [q for q in qs if q.type == "term" and "read one thing by its key" in q.stem]
    for q in asked:
        assert "DropThing" not in q.wrong_options


# ---- values ----

LIMITS = """Queue Service

  • Limits
    • Maximum message size is 256 KB
    • Visibility timeout default is 30 seconds
    • Retention: 1-14 days (4 days by default)
    • Receive up to 10 messages at a time
    • Long polling waits 0.5 minutes at most
"""


def test_values_with_unit_kinds_and_near_misses(tmp_path):
    qs = ask(tmp_path, LIMITS, gen_values)
    by_answer = {q.answer_texts[0]: q for q in qs}
    assert {"256 KB", "30 seconds", "1-14 days", "10"} <= set(by_answer)  # one per line: not "4 days" too
    size = by_answer["256 KB"]
    assert all(o.endswith(("KB", "MB", "GB", "bytes")) for o in size.options)
    assert "____" in size.stem and "256" not in size.stem
    # 0.5 minutes is 30 seconds: never offered as a wrong answer to it.
    timeout = by_answer["30 seconds"]
    keys = [option_key(o) for o in timeout.options]
    assert len(set(keys)) == len(keys)
    assert not any(norm(o) in ("0 5 minutes", "30 seconds") for o in timeout.wrong_options)
    # Ranges stay ranges; counts keep their noun in the sentence.
    assert all("-" in o for o in by_answer["1-14 days"].options)
    assert "messages" in by_answer["10"].stem and all(o.isdigit() for o in by_answer["10"].options)
    # Options in increasing order.
    for q in qs:
        values = [option_key(o)[1] for o in q.options]
        assert values == sorted(values)


def test_one_number_still_gets_near_misses(tmp_path):
    qs = ask(tmp_path, "Cache\n\n  • Items expire after 5 minutes\n", gen_values)
    assert len(qs) == 1
    assert qs[0].answer_texts == ("5 minutes",)
    assert len(qs[0].options) >= 3


def test_arithmetic_and_number_lists_are_not_values(tmp_path):
    notes = "Disks\n\n  • 16000 IOPS / 3 = 5334 GB\n  • Alarms can handle 10, 30 or 60 seconds\n"
    assert ask(tmp_path, notes, gen_values) == []
    assert find_quantities("S3 and EC2 v2 5xx errors") == []


# ---- order ----

def test_numbered_steps_become_an_order_question(tmp_path):
    notes = """Deploying

  • Release process
    1. Build the bundle
    2. Upload the bundle
    3. Run the smoke tests
    4. Shift the traffic
"""
    (q,) = ask(tmp_path, notes, gen_order)
    steps = ["Build the bundle", "Upload the bundle", "Run the smoke tests", "Shift the traffic"]
    assert [q.options[i] for i in q.answers] == steps
    assert list(q.options) != steps


def test_a_plain_list_is_not_an_order(tmp_path):
    notes = "Fruit\n\n  • Colours\n    • red\n    • green\n    • blue\n"
    assert ask(tmp_path, notes, gen_order) == []


# ---- choose N ----

CHOOSE = """Queue Service

  • Queue types
    • Standard
    • FIFO
    • Delay
  • Publish modes
    • Topic push
    • Direct push
  • Consumer kinds
    • Lambda pollers
    • Batch workers
"""


def test_choose_n_states_n_and_draws_wrong_options_from_other_lists(tmp_path):
    notes = CHOOSE + "\n\nStream Service\n\n  • Shard states\n    • Open shard\n    • Closed shard\n" \
        "    • Merged shard\n"
    qs = ask(tmp_path, notes, gen_choose)
    q = next(q for q in qs if "Queue types" in q.stem)
    assert "Choose 3" in q.stem and len(q.answers) == 3
    assert set(q.answer_texts) == {"Standard", "FIFO", "Delay"}
    assert not set(q.wrong_options) & {"Standard", "FIFO", "Delay"}


def test_choose_needs_a_list_heading(tmp_path):
    notes = "Store\n\n  • DeleteThing\n    • Delete one item\n    • Can be conditional\n"
    assert ask(tmp_path, notes, gen_choose) == []


# ---- comparisons ----

def test_compare_which_one_skips_shared_statements(tmp_path):
    notes = """Cache

  • Cluster modes
    • Sharded mode
      • Good for scaling writes
      • Has replicas in other zones
    • Single mode
      • Costs less to run
      • Has replicas in other zones
"""
    qs = ask(tmp_path, notes, gen_compare)
    stems = " ".join(q.stem for q in qs)
    assert "Good for scaling writes" in stems and "Costs less to run" in stems
    assert "replicas" not in stems
    for q in qs:
        assert set(q.options) == {"Sharded mode", "Single mode"}


# ---- which topic ----

def test_which_topic_hides_the_name_and_uses_named_topics(tmp_path):
    notes = """# Mitochondria

- Produces most of the cell's energy
- Has its own small genome

# Ribosome

- Builds proteins from messenger RNA

# Nucleus

- Holds the chromosomes behind a double membrane
"""
    qs = ask(tmp_path, notes, gen_topics)
    q = next(q for q in qs if q.topic == "mitochondria")
    assert q.answer_texts == ("Mitochondria",)
    assert set(q.wrong_options) == {"Ribosome", "Nucleus"}
    assert "Mitochondria" not in q.stem


# ---- hostile text ----

HOSTILE = """Tricky <b>Things</b>

  • Operations
    • <script>alert(1)</script>: runs a script {{ x }}
    • Pipe | Thing: splits a | b | c table
    • {{ config.site_name }}: a template expression {% raw %}
    • Under_score: *stars* and _under_ and __dunder__
  • Limits
    • Upload up to 5 GB per <i>file</i>
"""


def test_hostile_text_is_asked_and_rendered_literally(tmp_path):
    study = study_of(tmp_path, HOSTILE)
    quizzes = build_quizzes(study)
    questions = [q for qs in quizzes.values() for q in qs]
    assert questions
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))  # like MkDocs: no autoescape
    html = env.get_template("partials/notemill/quiz.html").render(
        questions=questions, slug="tricky", title="Tricky <b>", labels=TYPE_LABELS)
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ x }}" in html or "{{ config.site_name }}" in html
    assert html.count('data-search-exclude') == 1 and html.count("<aside") == 1


# ---- quality rules catch what they claim ----

def _one(tmp_path):
    study = study_of(tmp_path, API_LIST)
    scope = build_scope(study)
    q = next(q for q in gen_terms.questions(study.topics[0], scope))
    return q, scope


def test_quality_rules_reject_broken_questions(tmp_path):
    q, scope = _one(tmp_path)
    assert problems(q, scope.facts) == []
    dup = dataclasses.replace(q, options=(q.options[0], q.options[0], *q.options[2:]))
    assert "duplicate options" in problems(dup, scope.facts)
    given = dataclasses.replace(q, stem=q.stem + f" ({q.answer_texts[0]})")
    assert any("gives the answer away" in p for p in problems(given, scope.facts))
    moved = dataclasses.replace(q, id="0" * 12)
    assert any("id is not the hash" in p for p in problems(moved, scope.facts))
    unlinked = dataclasses.replace(q, anchor="", explanation=" ")
    assert {"no explanation", "no link to the notes line"} <= set(problems(unlinked, scope.facts))
    # A wrong option the notes state as true: point the question at what a wrong option answers.
    wrong = q.wrong_options[0]
    pairs = {"PutThing": "create or replace a thing", "GetThing": "read one thing by its key",
             "ListThings": "page through every thing in a bucket", "DropThing": "remove one thing for good"}
    subject = pairs[wrong] if q.type == "term" else next(t for t, d in pairs.items() if d == wrong)
    assert any("state the wrong option" in p for p in problems(dataclasses.replace(q, subject=subject), scope.facts))


def test_ids_survive_edits_elsewhere(tmp_path):
    before = {q.id for qs in build_quizzes(study_of(tmp_path, API_LIST)).values() for q in qs}
    edited = "Preface\n\n  • A line added before everything\n  • And another\n\n\n" + API_LIST
    after = {q.id for qs in build_quizzes(study_of(tmp_path, edited, "notes2.txt")).values() for q in qs}
    assert before and before <= after


# ---- the bundled notes ----

@pytest.fixture(scope="module")
def seed_quizzes():
    return build_quizzes(build_study([SEED]))


def test_seed_meets_targets_and_every_question_passes(seed_quizzes):
    study = build_study([SEED])
    scope = build_scope(study)
    total, topics, types = summary(seed_quizzes)
    # Fewer topics than before the defect rules: a topic whose only question gave its answer away (a word of
    # its name in the line) has none now; a match or which-two question takes all the lines it asks about;
    # a "which topic" question is not asked on its own page, whose title is the answer (it stays in the bank).
    assert total >= 150 and topics >= 20
    assert set(types) == set(TYPES) - {"topic"}
    assert all(q.type != "topic" for qs in seed_quizzes.values() for q in qs)
    ids = [q.id for qs in seed_quizzes.values() for q in qs]
    assert len(ids) == len(set(ids))
    for qs in seed_quizzes.values():
        for q in qs:
            assert problems(q, scope.facts) == [], q


def test_seed_is_deterministic(seed_quizzes):
    again = build_quizzes(build_study([SEED]))
    assert {k: [dataclasses.astuple(q) for q in v] for k, v in again.items()} == \
        {k: [dataclasses.astuple(q) for q in v] for k, v in seed_quizzes.items()}


def test_built_site_counts_questions_and_keeps_them_out_of_search(built_site):
    outline = json.loads((built_site / "outline.json").read_text())
    quizzed = [t for t in outline["topics"] if t["questions"]]
    assert len(quizzed) >= 20 and all(t["bank"] >= t["questions"] for t in outline["topics"])
    for t in outline["topics"]:
        assert isinstance(t["questions"], int)
        assert sum(t["question_types"].values()) == t["questions"]
        assert set(t["question_types"]) <= set(TYPES)
    index = (built_site / "search" / "search_index.json").read_text()
    page = (built_site / "topics" / f"{quizzed[0]['slug']}.html").read_text()
    assert "nm-quiz" in page and "Self-check" in page
    for marker in ("Self-check", "Show the answer and its source", "Fill the gap", "Which term matches",
                   "Check answer", "Review my mistakes"):
        assert marker not in index
    assert (built_site / "progress.html").is_file()
    # Every question links to a line that has that anchor on its page.
    links = 0
    for t in quizzed:
        html = (built_site / "topics" / f"{t['slug']}.html").read_text()
        hrefs = re.findall(r'class="nm-source" href="#([^"]+)"', html)
        assert len(hrefs) == t["questions"]
        for anchor in hrefs:
            assert f'id="{anchor}"' in html, (t["slug"], anchor)
        links += len(hrefs)
    assert links == sum(t["questions"] for t in quizzed)
    assert (built_site / "assets" / "notemill-quiz.js").is_file()


BANK_FIELDS = ["id", "topic", "topic_title", "category", "type", "context", "stem", "options", "answers",
               "explanation", "file", "line", "end_line", "url"]


def _bank_of_site(site: Path) -> list[dict]:
    items = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    script = (site / "assets" / "notemill-questions.js").read_text(encoding="utf-8")
    prefix = "window.notemillQuestions = "
    assert script.startswith(prefix) and script.rstrip().endswith(";")
    assert json.loads(script[len(prefix):].rstrip().rstrip(";")) == items  # the same data for file://
    return items


def test_built_site_writes_the_whole_question_bank(built_site):
    items = _bank_of_site(built_site)
    outline = json.loads((built_site / "outline.json").read_text())
    assert len(items) == sum(t["bank"] for t in outline["topics"]) > sum(t["questions"] for t in outline["topics"]) - 1
    ids = [q["id"] for q in items]
    assert len(ids) == len(set(ids))
    topics = {t["slug"]: t for t in outline["topics"]}
    for q in items:
        assert list(q)[: len(BANK_FIELDS)] == BANK_FIELDS
        assert q["topic"] in topics and q["topic_title"] == topics[q["topic"]]["title"]
        assert q["category"] == topics[q["topic"]]["category"]
        assert q["options"] and all(isinstance(i, int) and 0 <= i < len(q["options"]) for i in q["answers"])
        assert q["line"] <= q["end_line"] and q["file"] in outline["files"]
        page, _, anchor = q["url"].partition("#")
        assert page == f"topics/{q['topic']}.html" and anchor.endswith(f"-L{q['line']}")
    by_topic: dict[str, set] = {}
    for q in items:
        by_topic.setdefault(q["topic"], set()).add(q["id"])
    for t in outline["topics"]:
        html = (built_site / "topics" / f"{t['slug']}.html").read_text()
        on_page = set(re.findall(r'data-qid="([0-9a-f]+)"', html))
        assert len(on_page) == t["questions"] <= MAX_PER_TOPIC
        assert on_page <= by_topic.get(t["slug"], set()), t["slug"]  # every question shown is in the bank
        for q in items:
            if q["topic"] == t["slug"]:
                assert f'id="{q["url"].partition("#")[2]}"' in html  # the link lands on the line


def test_the_bank_keeps_the_notes_text_literal(tmp_path):
    notes = tmp_path / "tricky.txt"
    notes.write_text(HOSTILE, encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", notes=[notes])
    assert result.returncode == 0, result.stderr
    items = _bank_of_site(tmp_path / "site")
    text = json.dumps(items, ensure_ascii=False)
    assert "<script>alert(1)</script>" in text  # as written, not escaped as markup
    assert "&lt;" not in text and "&amp;" not in text
    script = (tmp_path / "site" / "assets" / "notemill-questions.js").read_text(encoding="utf-8")
    assert "<" not in script and ">" not in script  # nothing that could end or open an element
    assert any("{{ config.site_name }}" in o or "{{ x }}" in q["explanation"] for q in items for o in q["options"])


def test_example_values_are_not_asked(tmp_path):
    notes = "Scaling\n\n  • Target tracking: e.g. keep average CPU at 40%\n  • Cooldown default is 300 seconds\n"
    qs = ask(tmp_path, notes, gen_values)
    assert [q.answer_texts for q in qs] == [("5 minutes",)]  # 300 seconds, in its natural unit


@pytest.fixture(scope="module")
def big_study(tmp_path_factory):
    """Synthetic notes (the benchmark's generator) with the bundled notes, whose longest topics have more questions
    than the cap (the synthetic sections alone are short; a lost one is no longer merged on a keyword guess)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import notes_gen

    path = tmp_path_factory.mktemp("big") / "notes.txt"
    path.write_text(notes_gen.generate(notes_gen.seed_size() * 6), encoding="utf-8")
    return build_study([SEED, path], workers=1)


def _cap_of(questions, limit):
    """The cap as the rules state it: each type in turn, the first of each type first, one question per
    notes line (a line a type in turn asks about already is skipped)."""
    by_type = {}
    for q in questions:
        by_type.setdefault(q.type, []).append(q)
    chosen, lines = [], set()
    while len(chosen) < limit and any(by_type.values()):
        for t in TYPES:
            while by_type.get(t) and not lines.isdisjoint(by_type[t][0].lines):
                by_type[t].pop(0)
            if by_type.get(t) and len(chosen) < limit:
                chosen.append(by_type[t].pop(0))
                lines.update(chosen[-1].lines)
    return chosen


def test_the_bank_holds_every_candidate_once_and_pages_show_the_cap_of_it(big_study):
    scope = build_scope(big_study)
    bank = build_bank(big_study, workers=1)
    seen, over = set(), 0
    for topic in big_study.topics:
        every = [q for q in candidates(topic, scope)]
        mine = [q for q in dict((q.id, q) for q in every).values() if q.id not in seen]
        seen.update(q.id for q in mine)
        assert {q.id for q in bank.get(topic.slug, ())} == {q.id for q in mine}, topic.slug
        over += len(mine) > MAX_PER_TOPIC
    ids = [q.id for qs in bank.values() for q in qs]
    assert len(ids) == len(set(ids))
    assert over  # some topics have more questions than a page shows
    pages = shown(bank)
    for slug, qs in bank.items():
        page = pages.get(slug, ())  # a "which topic" question is never on its own page
        assert len(page) <= min(len(qs), MAX_PER_TOPIC)
        assert len({(q.file, q.line) for q in page}) == len(page)  # one per notes line
        assert {q.id for q in page} == {q.id for q in _cap_of([q for q in qs if q.type != "topic"], MAX_PER_TOPIC)}
        assert list(qs) == sorted(qs, key=notes_order) and list(page) == sorted(page, key=notes_order)


def test_a_question_two_topics_make_belongs_to_the_first(big_study):
    scope = build_scope(big_study)
    first, second = [t for t in big_study.topics if len(candidates(t, scope)) >= 4][:2]
    a, b = candidates(first, scope), candidates(second, scope)
    bank = bank_of([first, second], [a, [a[0], *b]])
    assert a[0].id in {q.id for q in bank[first.slug]}
    assert a[0].id not in {q.id for q in bank[second.slug]}
    assert {q.id for q in bank[second.slug]} == {q.id for q in b} - {q.id for q in a}


@pytest.mark.parametrize("text", [
    "Queue -> worker => DLQ →", "  (Optional) retries: 3 (max", "(whole line in brackets)", "5->x 10GB",
    "Straße …", "x (a) (b", "Price: $1 / 5% off;", "İstanbul 1–2 days", "", "a\u00a0b\tc",
])
def test_a_lines_normal_form_skips_tidy_only_where_tidy_changes_nothing_norm_reads(text):
    from notemill.model import Node, Source
    from notemill.quiz.lines import Lines
    from notemill.quiz.text import tidy

    node = Node(kind="item", text=text + "\nsecond line", source=Source("notes.txt", 1, 0))
    assert Lines().norm_first(node) == norm(tidy(text))


def test_every_seed_line_has_the_same_normal_form_either_way():
    from notemill.quiz.lines import Lines
    from notemill.quiz.text import tidy

    lines = Lines()
    nodes = [n for s in build_study([SEED]).sections for n in s.section.walk()]
    assert len(nodes) > 500
    assert [lines.norm_first(n) for n in nodes] == [norm(tidy(n.text.split("\n")[0])) for n in nodes]


# ---- coverage: fact lines and tested lines ----

FACT_SHAPES = """Widget Store

  • Key rotation
    • Managed keys: rotated automatically every year
    • Imported keys must be rotated by hand
  • State types:
    • Task
    • Choice
  • e.g. a widget with three knobs
  • (makes sense since you own the key)
  • Why does this fail?
  • Can have encryption at the group level
    • per group
  • Widgets: hold up to 5 knobs each
    • Knob: a round handle on a widget
  • Lonely
"""


def test_fact_lines_are_lines_that_state_something(tmp_path):
    from notemill.quiz.coverage import fact_lines

    study = study_of(tmp_path, FACT_SHAPES)
    scope = build_scope(study)
    found = {scope.lines.first(p.node) for t in study.topics for p in fact_lines(t, scope.lines)}
    assert found == {
        "Managed keys: rotated automatically every year", "Imported keys must be rotated by hand",
        "Task", "Choice",  # one-word entries of a list
        "Can have encryption at the group level",  # a statement with lines under it
        "per group", "Widgets: hold up to 5 knobs each", "Knob: a round handle on a widget",
    }  # not: labels over lists, "State types:", the example, the aside in brackets, the question, "Lonely"


def test_coverage_counts_the_lines_the_bank_asks_and_says_why_not_the_rest(tmp_path):
    # The first extra line gets a recall card (no other rule reads it); the second has only everyday
    # words, none worth hiding.
    study = study_of(tmp_path, API_LIST + "\n  • Buckets are billed per hour of storage used"
                               "\n  • Works well most of the time\n")
    made = quiz_stage(study)
    from notemill.quiz.coverage import fact_lines

    topic = study.topics[0]
    cover = made.coverage[topic.slug]
    asked = {n for q in made.bank[topic.slug] for n in q.tested_lines}
    facts = {p.node.source.line for p in fact_lines(topic, build_scope(study).lines)}
    assert cover.fact_lines == len(facts) == cover.tested_lines + len(cover.untested)
    assert cover.tested_lines == len(facts & asked) > 0
    assert {u.line for u in cover.untested}.isdisjoint(asked)
    assert all(u.reason and u.text for u in cover.untested)
    assert not any("Buckets are billed" in u.text for u in cover.untested)
    assert any(q.type == "recall" and "Buckets are billed" in q.explanation for q in made.bank[topic.slug])
    assert [u.reason for u in cover.untested if "Works well" in u.text] == [
        "no rule reads this shape (a statement without a defined term, a value or a list entry), and a recall "
        "card found no word worth hiding (only everyday words, or words the breadcrumb shows)"]


def test_built_site_reports_coverage_for_authors_only(built_site):
    outline = json.loads((built_site / "outline.json").read_text())
    facts = sum(t["fact_lines"] for t in outline["topics"])
    tested = sum(t["tested_lines"] for t in outline["topics"])
    assert 0 < tested <= facts and all(t["tested_lines"] <= t["fact_lines"] for t in outline["topics"])
    report = (built_site / "structure.html").read_text()
    assert 'id="quiz-coverage"' in report and f"{tested} of {facts} fact lines" in report
    untested = re.findall(r'<li><span class="nm-untested-where">', report)
    assert len(untested) == facts - tested
    for t in outline["topics"]:
        assert "Untested fact lines" not in (built_site / "topics" / f"{t['slug']}.html").read_text()


# ---- the defect patterns of issue 11: each test failed on the code before its rule ----

def bank_of_notes(tmp_path, text: str, name: str = "notes.txt") -> list:
    """Every question of the bank made from the notes."""
    return [q for qs in quiz_stage(study_of(tmp_path, text, name)).bank.values() for q in qs]


def test_p1_a_wrong_option_true_in_other_words_is_not_offered(tmp_path):
    notes = """Streams

  • Stream kinds
    • Data Stream
      • Needs shards provisioned by hand
    • Delivery Stream
      • Similar to the others but fully serverless
    • Query Stream
      • Fully managed Serverless
      • Runs SQL over the other streams
"""
    qs = bank_of_notes(tmp_path, notes)
    assert any("Runs SQL" in q.stem for q in qs)  # the group is asked
    for q in qs:
        if "Fully managed Serverless" in q.stem:
            assert "Delivery Stream" not in q.wrong_options, q
        if "fully serverless" in q.stem:
            assert "Query Stream" not in q.wrong_options, q


def test_p1_a_catalog_sub_entry_is_never_a_wrong_topic(seed_bank, seed_study):
    by_name = seed_study.catalog.by_name

    def related(a, b):
        ea, eb = by_name.get(a), by_name.get(b)
        return bool(ea and eb and (ea.parent == b or eb.parent == a or (ea.parent and ea.parent == eb.parent)))

    topic_qs = [q for q in seed_bank if q.type == "topic"]
    assert topic_qs
    for q in topic_qs:
        assert not any(related(q.answer_texts[0], w) for w in q.wrong_options), q


THRESHOLDS = """Limits

  • Messages smaller than 256 KB are sent directly
  • Retries happen within 30 seconds of a failure
  • A batch cannot be more than 10 MB in total
  • Calls take less than 10 ms at the edge
  • Default visibility timeout is 30 seconds
  • Messages are kept for 4 days by default
  • Long polling waits up to 20 seconds for a message
"""


def test_p2_no_value_gap_after_a_threshold(tmp_path):
    qs = [q for q in bank_of_notes(tmp_path, THRESHOLDS) if q.type == "value"]
    assert qs  # the plain values are still asked
    threshold = re.compile(r"(?:than|within|under|over|above|below|>|<)\s*____", re.I)
    assert not [q.stem for q in qs if threshold.search(q.stem)]


def test_p3_one_value_question_per_line(tmp_path):
    notes = """Batches

  • BatchGetItem returns up to 100 items or 16 MB of data
  • A record holds up to 1 MB and a shard takes 1000 records per second
  • Default visibility timeout is 30 seconds
  • Messages are kept for 4 days by default
"""
    lines = [q.line for q in bank_of_notes(tmp_path, notes) if q.type == "value"]
    assert lines and len(lines) == len(set(lines))


def test_p4_order_only_on_sequences_of_four_or_more(tmp_path):
    notes = """Releases

  • Release steps
    • Build the bundle
    • Upload it to the bucket
    • On success: mark the release as live
    • On error: roll back to the last one
  • Deployment process
    • Stop the old service
    • Copy the new files
    • Start the new service
    • Note: it may take a while
  • Install
    1. Download the package
    2. Unpack it
    3. Run the installer
  • Upgrade lifecycle
    1. Freeze writes
    2. Take a snapshot
    3. Swap the binaries
    4. Thaw writes
"""
    qs = [q for q in bank_of_notes(tmp_path, notes) if q.type == "order"]
    assert [q.subject for q in qs] == ["Upgrade lifecycle"]


KINDS_TWO_TOPICS = """Tables

  • Write types
    • Batch writes
    • Conditional writes
    • Transactional writes
  • Task placement
    • Strategies
      • BinPack
      • Random
      • Spread
    • Constraints
      • distinctInstance
      • memberOf
  • Placement Groups
    • Ways to control placement
    • Spread across racks
  • Standard vs Express
    • Standard
    • Express

Workflows

  • State types
    • Task state
    • Choice state
    • Pass state
"""


def test_p5_choose_takes_wrong_options_of_the_same_kind_or_asks_nothing(tmp_path):
    qs = {q.subject: q for q in bank_of_notes(tmp_path, KINDS_TWO_TOPICS) if q.type == "choose"}
    for heading in ("Write types", "State types"):  # "types" is generic: other topics' types are another kind
        assert heading not in qs or not {"Task state", "Batch writes"} & set(qs[heading].wrong_options)
    assert set(qs["Constraints"].wrong_options) <= {"BinPack", "Random", "Spread"}  # a sibling list
    assert "Placement Groups" not in qs  # a name, not a list of kinds
    assert "Standard vs Express" not in qs  # names its answers


def test_p6_which_topic_never_shares_a_word_with_the_answer(tmp_path):
    notes = """AWS Fault Injection Service

  • Run fault injection experiments (chaos engineering)
  • Stops an experiment when an alarm fires

Amazon SQS

  • Queue messages between services, polled by consumers
  • Messages are kept for days

Amazon API Gateway

  • Publish APIs with throttling and keys
  • Front door for backend services

Amazon SNS

  • Push notifications to many subscribers at once
  • Topics fan out to queues and functions
"""
    from notemill.quiz.text import echoes

    qs = [q for q in bank_of_notes(tmp_path, notes) if q.type == "topic"]
    assert qs
    for q in qs:
        shown = q.explanation
        name = q.answer_texts[0].removeprefix("AWS ").removeprefix("Amazon ")
        assert not echoes(shown, name), (name, shown)


def test_p7_term_and_definition_need_three_options_unless_a_pair_is_compared(tmp_path):
    notes = """Instances

  • Lifecycle
    • Stop: data on disk is kept
    • Terminate: data on disk is lost
  • Standard vs Express
    • Standard: runs for up to a year
    • Express: runs for a few minutes at most
"""
    qs = [q for q in bank_of_notes(tmp_path, notes) if q.type in ("term", "definition")]
    assert qs and all(len(q.options) >= 3 or " vs " in q.context for q in qs)
    assert not any("Stop" in q.options or "Stop" in q.stem for q in qs)


def test_p8_options_in_their_natural_unit(tmp_path):
    notes = """Retention

  • Records are kept for 48 hours by default
  • Records can be kept for at most 30 days
  • Tasks time out after 900 seconds
  • A volume holds up to 16 GiB
  • Objects larger than 100 MB use multipart upload
  • A message holds up to 512 KB
"""
    qs = [q for q in bank_of_notes(tmp_path, notes) if q.type == "value"]
    assert qs
    for q in qs:
        for o in q.options:
            n = float(o.split()[0].replace(",", "")) if o[0].isdigit() else 0
            unit = o.split()[-1]
            assert not (n >= 1024 and unit in ("KB", "MB", "GB", "KiB", "MiB", "GiB")), (o, q.stem)
            assert not (n > 100 and n % 24 == 0 and unit == "hours"), (o, q.stem)
            assert not (n > 100 and n % 60 == 0 and unit in ("seconds", "minutes")), (o, q.stem)
    gib = [q for q in qs if "16 GiB" in q.answer_texts]
    assert gib and all(o.endswith("GiB") for o in gib[0].options)  # kept as written


def test_p9_a_guessed_title_is_not_in_the_breadcrumb(seed_bank, seed_study):
    from notemill.quiz.gen_topics import _nameable

    guessed = {t.slug: t.title for t in seed_study.topics if not _nameable(t, seed_study.catalog)
               and all(s.title.method not in ("heading", "mapping") for s in t.sections)}
    assert guessed
    for q in seed_bank:
        if q.topic in guessed and q.type != "topic":
            assert not q.context.startswith(guessed[q.topic]), q.context


def test_p10_stems_are_not_cut_and_a_lone_dot_is_kept(tmp_path):
    from notemill.quiz.text import tidy

    assert tidy("docker build -t name .") == "docker build -t name ."
    assert tidy("The end.") == "The end"
    heading = "Deploy a container image to the cluster after the tests pass in this order"
    notes = f"""Containers

  • {heading}
    1. docker build -t name .
    2. docker tag name repo/name
    3. docker push repo/name
    4. aws ecs update-service --force-new-deployment
"""
    qs = [q for q in bank_of_notes(tmp_path, notes) if q.type == "order"]
    assert qs and heading in qs[0].stem and "…" not in qs[0].stem
    assert "docker build -t name ." in qs[0].options


def test_p11_contrasts_are_asked(tmp_path):
    notes = """Indexes

  • Local Secondary Index (LSI)
    • Adds another sort key to the table
    • Must be defined when the table is made
  • Global Secondary Index
    • Adds another partition key to the table
    • Has its own read and write capacity
  • Caching strategies
    • Lazy Loading / Cache-aside / Lazy population
      • Only writes to the cache on a miss
      • Stale data when the cache keeps missing
    • Write through
      • Updates the cache whenever the database changes
      • Wastes cache space on data never read
  • Queue A vs Queue B
    • Queue A: ordered delivery
      • Exactly once processing per group
      • Names end with a suffix
    • Queue B: best effort delivery
      • At least once delivery of each message
      • Nearly unlimited throughput per second
  • Deployment Configuration:
    • One at a time
    • Half at a time
    • All at once
    • Custom
  • Deployment type
    • In-place deployment
    • Blue/green deployment
"""
    qs = bank_of_notes(tmp_path, notes)
    compared = {frozenset(q.options) for q in qs if q.type == "compare"}
    assert {"Local Secondary Index (LSI)", "Global Secondary Index"} in [set(c) for c in compared]
    assert any("Lazy Loading / Cache-aside / Lazy population" in c for c in compared)
    assert any("Exactly once processing per group" in q.stem for q in qs if q.type == "compare")
    assert any(q.subject == "Deployment Configuration" for q in qs if q.type == "choose")


def test_p12_value_term_and_definition_stems_say_according_to_your_notes(seed_bank):
    for q in seed_bank:
        if q.type in ("value", "term", "definition"):
            assert "your notes" in q.stem, q.stem


@pytest.fixture(scope="module")
def seed_study():
    return build_study([SEED])


@pytest.fixture(scope="module")
def seed_bank(seed_study):
    return [q for qs in quiz_stage(seed_study).bank.values() for q in qs]


def test_compare_asks_side_by_side_entries_but_never_a_container_or_a_line_about_something_else(tmp_path):
    notes = """Tables

  • Read booster
    • Keeps hot items in memory for speed
    • Comparison to other caches:
      • Other caches keep whole query results
  • Mirror set
    • Replicated across several regions at once
    • Attribute projections
      • Every attribute of the base table can be read
  • Operations
    • PutThing: create or replace a thing
    • GetThing:
      • Reads one thing by its key quickly
    • ListThings:
      • Returns a token to page from there
"""
    qs = ask(tmp_path, notes, gen_compare)
    by_stem = {q.subject: q for q in qs}
    assert by_stem["Keeps hot items in memory for speed"].answer_texts == ("Read booster",)
    assert by_stem["Every attribute of the base table can be read"].answer_texts == ("Mirror set",)  # a plain label
    assert "Other caches keep whole query results" not in by_stem  # about the other caches, not the booster
    assert all("Operations" not in q.options for q in qs)  # a list of named things is a container
    assert "Returns a token to page from there" not in by_stem or by_stem[
        "Returns a token to page from there"].answer_texts == ("ListThings:",)


def test_a_typed_answer_is_not_asked_when_the_sentence_holds_a_word_of_it(tmp_path):
    notes = """Environments

  • Features
    • Cloning: Allow to clone the exact same environment for testing
    • Swapping: exchange the addresses of two environments quickly
    • Pinning: keep one version fixed for every instance
"""
    cloze = {q.answer_texts[0]: q for q in bank_of_notes(tmp_path, notes) if q.type == "cloze"}
    assert "Cloning" not in cloze  # "clone" is in the sentence
    assert {"Swapping", "Pinning"} & set(cloze)  # the others are asked
