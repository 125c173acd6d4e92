"""Quiz generators, quality rules and rendering, on small notes written to tempt each rule, and on the seed."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import jinja2
import pytest

from conftest import ROOT, SEED
from notemill import build_study
from notemill.quiz import (
    MAX_PER_TOPIC,
    TYPES,
    Capped,
    build_quizzes,
    candidates,
    capped,
    gen_choose,
    gen_compare,
    gen_order,
    gen_terms,
    gen_topics,
    gen_values,
    problems,
    select,
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
    assert {"256 KB", "30 seconds", "1-14 days", "4 days", "10"} <= set(by_answer)
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
      • Cheaper to run
      • Has replicas in other zones
"""
    qs = ask(tmp_path, notes, gen_compare)
    stems = " ".join(q.stem for q in qs)
    assert "Good for scaling writes" in stems and "Cheaper to run" in stems
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
    assert total >= 200 and topics >= 35
    assert set(types) == set(TYPES)
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
    assert len(quizzed) >= 35
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


def test_example_values_are_not_asked(tmp_path):
    notes = "Scaling\n\n  • Target tracking: e.g. keep average CPU at 40%\n  • Cooldown default is 300 seconds\n"
    qs = ask(tmp_path, notes, gen_values)
    assert [q.answer_texts for q in qs] == [("300 seconds",)]


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
    """The cap as the rules state it: the first question of each id, then each type in turn, one question
    per notes line (a line a type in turn asks about already is skipped)."""
    by_type, seen = {}, set()
    for q in questions:
        if q.id not in seen:
            seen.add(q.id)
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


@pytest.mark.parametrize("limit", [3, 8, MAX_PER_TOPIC])
def test_capped_makes_what_the_cap_keeps_of_every_candidate(big_study, limit):
    # Questions are made lazily, only as far as the cap reads; the result must be what capping the full
    # list of candidates keeps, and "complete" may say so only when nothing was left unmade.
    scope = build_scope(big_study)
    cut = 0
    for topic in big_study.topics:
        every = candidates(topic, scope)
        made = capped(topic, scope, limit)
        assert made.questions == _cap_of(every, limit), topic.slug
        distinct = len(_cap_of(every, 10**6))  # every question the page could ask
        if made.complete:  # complete: nothing was left unmade
            assert distinct == len(made.questions), topic.slug
        if distinct < limit:  # fewer than the cap: every stream ran to its end
            assert made.complete, topic.slug
        cut += not made.complete
    assert cut  # some topics have more candidates than the cap keeps


def test_a_question_asked_before_is_replaced_by_the_topics_next_one(big_study):
    scope = build_scope(big_study)
    first, second = [t for t in big_study.topics if len(candidates(t, scope)) >= 4][:2]
    a, b = candidates(first, scope), candidates(second, scope)
    # The second topic's first question is one the first topic asks: it takes its next question instead.
    made = [Capped([a[0]], complete=True), Capped([a[0], b[1]], complete=False)]
    chosen = select([first, second], made, limit=2, remake=lambda topic: [a[0], *b] if topic is second else a)
    assert [q.id for q in chosen[first.slug]] == [a[0].id]
    assert {q.id for q in chosen[second.slug]} == {q.id for q in _cap_of(b, 2)}
    # A question the first topic's cap left out does not keep the second topic from asking it.
    made = [Capped([a[0]], complete=False), Capped([a[1]], complete=True)]
    chosen = select([first, second], made, limit=1, remake=lambda topic: a)
    assert [q.id for q in chosen[second.slug]] == [a[1].id]


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
