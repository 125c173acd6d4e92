"""The new kinds of question on small notes written to tempt their rules: typed answer (cloze), which is
NOT, true or false, matching, which two are true; and the quality rules they add."""

from __future__ import annotations

import dataclasses
import html as htmllib
import json
import re

from test_quiz import API_LIST, ask, study_of

from notemill.quiz import gen_cloze, gen_match, gen_not, gen_truefalse, gen_twotrue, problems
from notemill.quiz.gen_cloze import typed_key, typed_right
from notemill.quiz.quality import alike, names_itself
from notemill.quiz.quantities import find_quantities
from notemill.quiz.scope import build_scope
from notemill.quiz.statements import statements

# ---- typed answers ----


def test_typed_key_ignores_case_spacing_punctuation_and_plural():
    assert typed_key("Dead-letter queues") == typed_key("deadletter  QUEUE")
    assert typed_key("256 KB") == typed_key("256kb") == typed_key(" 256  Kb ")
    assert typed_key("10,000 items") == typed_key("10000 item")
    assert typed_key("Policies") == typed_key("policy")
    assert typed_key("Status") == typed_key("status")  # not a plural
    assert typed_key("1.5 GB") != typed_key("15 GB")
    assert typed_key("PutItem") != typed_key("GetItem")


def test_typed_right_forgives_one_letter_in_a_long_name_only():
    assert typed_right("Target Revision", ["Target Revisision"])  # the notes misspell it
    assert typed_right("ChangeMessageVisibilty", ["ChangeMessageVisibility"])
    assert not typed_right("GetItem", ["PutItem"])  # short names are too close to forgive
    assert not typed_right("265 KB", ["256 KB"]) and not typed_right("2560 seconds", ["256 seconds"])
    assert not typed_right("", ["PutItem"]) and typed_right("put item", ["PutItem"])


def test_cloze_hides_an_api_name_once_and_accepts_it(tmp_path):
    notes = "Widget Store\n\n  • Call PutThing to create or replace a whole thing in the store\n"
    qs = ask(tmp_path, notes, gen_cloze)
    assert len(qs) == 1
    q = qs[0]
    assert q.type == "cloze" and q.options == ("PutThing",) and q.accept[0] == "PutThing"
    assert "____" in q.stem and "PutThing" not in q.stem
    assert q.explanation == "Call PutThing to create or replace a whole thing in the store"


def test_cloze_defined_term_accepts_its_short_form_but_not_an_aside(tmp_path):
    notes = ("Key Store\n\n  • Kinds\n    • Customer Managed Keys (CMK): keys you create, rotate and delete yourself\n"
             "    • Sort Key (optional): decides how the items of one partition are ordered\n")
    qs = {q.options[0]: q for q in ask(tmp_path, notes, gen_cloze)}
    cmk = qs["Customer Managed Keys (CMK)"]
    assert set(cmk.accept) == {"Customer Managed Keys (CMK)", "Customer Managed Keys", "CMK"}
    assert "optional" not in {typed_key(a) for a in qs["Sort Key (optional)"].accept}


def test_cloze_never_hides_a_term_that_names_nothing_or_half_a_name(tmp_path):
    notes = ("Key Store\n\n  • Rotation\n    • created: must enable auto rotation every year by hand\n"
             "    • Default is 5 minutes: if you send the same message again it is refused\n"
             "    • Next step reads the CodePipeline Artifact from the bucket\n"
             "    • Through CLI: just type the command and it will zip the code for you\n")
    for q in ask(tmp_path, notes, gen_cloze):
        assert q.options[0] not in ("created", "Default is 5 minutes", "Artifact", "Through CLI"), q


def test_cloze_value_accepts_other_spellings_of_its_unit(tmp_path):
    notes = "Queue Service\n\n  • Limits\n    • Messages wait in the delay queue for up to 15 minutes before delivery\n"
    q = next(q for q in ask(tmp_path, notes, gen_cloze) if q.options[0] == "15 minutes")
    assert {typed_key(a) for a in q.accept} >= {typed_key("15 minutes"), typed_key("15 min")}


def test_cloze_skips_a_line_that_says_the_answer_twice(tmp_path):
    notes = "Widget Store\n\n  • PutThing is slow, so batch your PutThing calls in the store\n"
    assert ask(tmp_path, notes, gen_cloze) == []


# ---- true or false, which two are true ----

BOUNDS = """Queue Service

  • Limits
    • Messages can be up to 256 KB in the queue
    • Retention lasts at least 60 seconds for each message
    • Cannot hibernate more than 60 days in a row
    • Visibility timeout default is 30 seconds
    • Receive 10 messages and 20 more at a time
"""


def _false_value(statement) -> float:
    return find_quantities(statement.false)[0].hi


def test_false_values_fall_on_the_side_the_bound_excludes(tmp_path):
    study = study_of(tmp_path, BOUNDS)
    scope = build_scope(study)
    found = {s.true: s for t in study.topics for s in statements(t, scope)}
    kb = 1024
    assert _false_value(found["Messages can be up to 256 KB in the queue"]) < 256 * kb  # up to: smaller only
    assert _false_value(found["Retention lasts at least 60 seconds for each message"]) > 60  # at least: larger
    assert _false_value(found["Cannot hibernate more than 60 days in a row"]) < 60 * 86400  # cannot ... more than
    assert found["Visibility timeout default is 30 seconds"].false is not None  # no bound: either side
    assert "Receive 10 messages and 20 more at a time" not in found  # two numbers: one tells the other


SERVICES = """Media Tools

  • Services
    • Speaker: turns text into speech for your app
    • Listener: turns speech into text for your app
    • Watcher: finds faces and objects in pictures
    • Reader: pulls printed text out of scanned forms
"""


def test_a_definition_is_never_swapped_for_one_that_says_the_same(tmp_path):
    study = study_of(tmp_path, SERVICES)
    scope = build_scope(study)
    found = {s.true.split(":")[0]: s for t in study.topics for s in statements(t, scope)}
    # "turns text into speech" and "turns speech into text" share every content word: never each other's.
    assert "turns speech into text" not in (found["Speaker"].false or "")
    assert "turns text into speech" not in (found["Listener"].false or "")
    assert alike("turns text into speech for your app", "turns speech into text for your app")
    assert not alike("finds faces and objects in pictures", "pulls printed text out of scanned forms")


def test_truefalse_questions_are_true_or_false_and_checked(tmp_path):
    qs = ask(tmp_path, SERVICES + BOUNDS.split("\n", 2)[2], gen_truefalse)
    assert qs and {q.answers for q in qs} <= {(0,), (1,)}
    for q in qs:
        assert q.options == ("True", "False")
        false = q.answers == (1,)
        assert bool(q.checks) == false  # a false statement says what it was made from
        assert (q.explanation in q.stem) != false


def test_a_false_statement_the_notes_state_as_true_is_rejected(tmp_path):
    study = study_of(tmp_path, SERVICES)
    scope = build_scope(study)
    q = next(q for t in study.topics for q in gen_truefalse.questions(t, scope) if q.answers == (1,))
    term = q.checks[0][1]
    told = dataclasses.replace(q, checks=(("definition", term, scope.facts.definitions and
                                            next(iter(scope.facts.definitions[term.lower()]))),))
    assert any("stated as true" in p for p in problems(told, scope.facts))


def test_twotrue_four_statements_two_true(tmp_path):
    notes = SERVICES + "    • Writer: drafts short replies to customer emails\n" + BOUNDS.split("\n", 2)[2]
    qs = ask(tmp_path, notes, gen_twotrue)
    assert qs
    for q in qs:
        assert len(q.options) == 4 and len(q.answers) == 2 and len(q.checks) == 2
        assert len(q.lines) == 4  # it asks about four lines: the page asks about none of them again


# ---- matching ----


def test_match_pairs_terms_never_in_their_own_order(tmp_path):
    qs = ask(tmp_path, API_LIST, gen_match)
    assert len(qs) == 1
    q = qs[0]
    assert q.prompts == ("PutThing", "GetThing", "ListThings", "DropThing")
    assert sorted(q.answers) == [0, 1, 2, 3] and list(q.answers) != [0, 1, 2, 3]
    for term, i in zip(q.prompts, q.answers, strict=True):
        assert f"{term}: {q.options[i]}" in q.explanation.split("\n")


def test_match_leaves_out_a_definition_that_names_its_term_and_splits_long_lists(tmp_path):
    extra = "".join(f"    • Thing{c}: does the {w} job for a store\n"
                    for c, w in zip("ABC", ("first", "second", "third"), strict=True))
    notes = API_LIST + extra + "    • Translate: translate the words\n"
    qs = ask(tmp_path, notes, gen_match)
    assert [len(q.prompts) for q in qs] == [4, 3]  # seven pairs in parts of 3-5
    assert all("Translate" not in q.prompts for q in qs)
    assert names_itself("Translate duh", "Amazon Translate", ["Amazon Transcribe", "Amazon Polly"])


def test_match_quality_rules(tmp_path):
    q = ask(tmp_path, API_LIST, gen_match)[0]
    study = study_of(tmp_path, API_LIST)
    facts = build_scope(study).facts
    assert problems(dataclasses.replace(q, answers=(0, 0, 1, 2)), facts)
    assert problems(dataclasses.replace(q, prompts=q.prompts[:3]), facts)


# ---- which is NOT ----

TOOLS = """Deploy Service

  • Update options
    • All at once
    • Rolling
    • Rolling with extra batch
    • Immutable
  • Environment types
    • Single instance
    • Load balanced
  • Tiers
    • Web server tier
    • Worker tier
"""


def test_not_takes_its_outsider_from_another_list_of_the_topic(tmp_path):
    qs = ask(tmp_path, TOOLS, gen_not)
    asked = {q.stem: q for q in qs}
    q = asked["Which of these is NOT listed under “Update options” in your notes?"]
    outsider = q.options[q.answers[0]]
    assert outsider in {"Single instance", "Load balanced", "Web server tier", "Worker tier"}
    assert {o for o in q.options if o != outsider} < {"All at once", "Rolling", "Rolling with extra batch", "Immutable"}
    assert q.checks == (("choose", "Update options", outsider),)


def test_not_never_offers_an_entry_of_a_list_nested_under_its_own(tmp_path):
    notes = """Stream Service

  • Consumers
    • Stream Lambda
    • Stream Analytics
    • Custom consumers
      • Shared fan-out consumer
      • Enhanced fan-out consumer
"""
    for q in ask(tmp_path, notes, gen_not):
        assert "fan-out" not in q.options[q.answers[0]]


def test_not_asks_nothing_without_an_outsider(tmp_path):
    notes = "Deploy Service\n\n  • Update options\n    • All at once\n    • Rolling\n    • Immutable\n"
    assert ask(tmp_path, notes, gen_not) == []


# ---- the one question template, for the topic quiz and for pages built on questions.json ----


def test_question_template_renders_a_question_and_its_dict_alike(tmp_path):
    import jinja2

    from conftest import ROOT
    from notemill.quiz import TYPE_LABELS, TYPES, build_quizzes

    notes = API_LIST + SERVICES.split("\n", 2)[2] + TOOLS.split("\n", 2)[2] + BOUNDS.split("\n", 2)[2] + \
        "\n  • Call PutThing to create or replace a whole thing in the store\n"
    quizzes = build_quizzes(study_of(tmp_path, notes), workers=1)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    template = env.get_template("partials/notemill/question.html")
    kinds = set()
    for qs in quizzes.values():
        for q in qs:
            kinds.add(q.type)
            html = template.render(q=q, labels=TYPE_LABELS, number=3)
            assert html == template.render(q=q.to_dict(), labels=TYPE_LABELS, number=3)
            assert f'data-type="{q.type}"' in html and "Question 3" in html and "<details" in html
            if q.type == "cloze":
                assert 'class="nm-cloze-input"' in html and "data-accept=" in html
            if q.type == "match":
                assert html.count('class="nm-match-select"') == len(q.prompts)
    assert kinds >= {"cloze", "not", "truefalse", "match", "twotrue"}
    assert set(TYPE_LABELS) == set(TYPES)


def test_question_template_escapes_the_notes(tmp_path):
    import jinja2

    from conftest import ROOT
    from notemill.quiz import TYPE_LABELS

    notes = ("Markup Store\n\n  • Kinds\n    • Bold <b> {{x}}: makes a thing <script>alert(1)</script> loud\n"
             "    • Quote \"q\" 'x': wraps a thing in quotes for the page\n"
             "    • Star *a* _b_: marks a thing as emphasised text here\n")
    study = study_of(tmp_path, notes)
    scope = build_scope(study)
    qs = [q for t in study.topics for gen in (gen_cloze, gen_match, gen_truefalse)
          for q in gen.questions(t, scope)]
    assert "cloze" in {q.type for q in qs}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    for q in qs:
        html = env.get_template("partials/notemill/question.html").render(q=q, labels=TYPE_LABELS)
        assert "<script>" not in html and "<b>" not in html
        if any("<" in t for t in (q.stem, q.explanation, *q.options)):
            assert "&lt;script&gt;" in html or "&lt;b&gt;" in html
        if q.type == "cloze":  # the accepted forms survive the attribute, quotes and all
            found = re.search(r'data-accept="([^"]*)"', html)
            assert json.loads(htmllib.unescape(found.group(1))) == list(q.accept)


def test_answer_key_of_a_typed_answer_and_a_match(tmp_path):
    from notemill.book import plan_book
    from notemill.quiz import build_quizzes

    notes = API_LIST + "\n  • Call PutThing to create or replace a whole thing in the store\n"
    study = study_of(tmp_path, notes)
    quizzes = build_quizzes(study, workers=1)
    book = plan_book(study, "Guide", 0, quizzes)
    keys = {q.type: k for c in book.chapters for q, k in zip(c.questions, c.key, strict=True)}
    assert keys["cloze"].letters == "" and keys["cloze"].answers == ("PutThing",)
    match = next(q for c in book.chapters for q in c.questions if q.type == "match")
    assert keys["match"].letters == ", ".join(f"{n}–{'abcd'[i]}" for n, i in enumerate(match.answers, 1))
    assert keys["match"].answers[0] == f"{match.prompts[0]} → {match.options[match.answers[0]]}"
