"""Recall cards (quiz/gen_recall.py): the fact lines no other question asks, with their key words hidden and
graded by the student. Small notes written to tempt the rules: verbs, everyday words, words of the
breadcrumb, a phrase cut in half, a list whose cards would give each other away."""

from __future__ import annotations

from test_quiz import ask, study_of

from notemill.quiz import SELF_GRADED, gen_recall, quiz_stage, shown
from notemill.quiz.scope import build_scope

GADGETS = """Gadget Hub

  • Pairing
    • Put the new load balancer in front of the hub
    • Devices pair over Bluetooth Low Energy within 10 metres
    • Use something called a Session Token to join
  • Storage
    • Readings are kept for 30 days in the Archive
  • Modes
    • Eco
    • Turbo
    • Silent
"""


def cards(tmp_path, notes):
    return {q.explanation: q for q in ask(tmp_path, notes, gen_recall)}


def test_a_card_hides_a_whole_phrase_a_name_or_a_value_never_a_verb(tmp_path):
    made = cards(tmp_path, GADGETS)
    balancer = made["Put the new load balancer in front of the hub"]
    assert balancer.options == ("load balancer",)  # the whole phrase, not "load ____ in" or the verb "Put"
    assert balancer.stem == "Recall the missing words: “Put the new ____ in front of the hub”"
    ble = made["Devices pair over Bluetooth Low Energy within 10 metres"]
    assert ble.options[0] in ("Bluetooth Low Energy", "10 metres")
    token = made["Use something called a Session Token to join"]
    assert token.options == ("Session Token",)  # a name, not the verb "called"
    for q in made.values():
        assert q.type == "recall" and q.answers == (0,) and "____" in q.stem
        assert q.options[0] not in q.stem  # the answer is hidden, not shown beside its gap


def test_a_card_never_hides_what_the_breadcrumb_shows(tmp_path):
    made = cards(tmp_path, GADGETS)
    archive = made["Readings are kept for 30 days in the Archive"]
    assert archive.context == "Gadget Hub › Storage"
    assert "Storage" not in archive.options[0]
    # "Pairing" is in the breadcrumb: a phrase holding it ("Pairing Code") is not hidden.
    assert "Show the Pairing Code on the screen" not in cards(tmp_path, GADGETS.replace(
        "    • Use something", "    • Show the Pairing Code on the screen\n    • Use something"))


def test_a_short_entry_is_recalled_among_its_siblings_and_a_page_asks_one_of_the_list(tmp_path):
    made = cards(tmp_path, GADGETS)
    turbo = made["Turbo"]
    assert turbo.stem == "Recall the missing entry: “Eco · ____ · Silent”"
    assert turbo.tested_lines == (turbo.line,)  # it tests its own line, not the siblings it shows
    assert set(turbo.also) == {made["Eco"].line, made["Silent"].line}
    study = study_of(tmp_path, GADGETS)
    page = shown(quiz_stage(study, workers=1).bank)[study.topics[0].slug]
    assert sum(1 for q in page if q.stem.startswith("Recall the missing entry")) == 1  # each gives the others away


def test_everyday_words_and_a_line_other_questions_ask_get_no_card(tmp_path):
    notes = GADGETS + "  • Works well most of the time\n  • Limits\n    • Up to 16 devices per hub\n"
    study = study_of(tmp_path, notes)
    made = quiz_stage(study, workers=1)
    bank = made.bank[study.topics[0].slug]
    recalled = {q.explanation for q in bank if q.type == "recall"}
    assert "Works well most of the time" not in recalled
    others = {n for q in bank if q.type != "recall" for n in q.tested_lines}
    assert others and not any(n in others for q in bank if q.type == "recall" for n in q.tested_lines)


def test_recall_cards_raise_coverage_of_the_bundled_notes_and_the_exam_leaves_them_out(built_site):
    import json
    import re

    from conftest import ROOT
    from notemill import build_study

    study = build_study([ROOT / "notes" / "aws-developer-associate.txt"])
    made = quiz_stage(study)
    facts = sum(c.fact_lines for c in made.coverage.values())
    tested = sum(c.tested_lines for c in made.coverage.values())
    assert tested / facts >= 0.70  # the target; README states the figure
    bank = json.loads((built_site / "questions.json").read_text())
    recall = {q["id"] for q in bank if q["type"] in SELF_GRADED}
    assert recall
    exam = (built_site / "exam.html").read_text()
    drawn = set(re.findall(r"[0-9a-f]{12}", exam))
    assert drawn and not (drawn & recall)


def test_recall_cards_come_from_the_notes_of_other_subjects(tmp_path):
    from conftest import ROOT

    for name in ("networking_ccna", "non_aws_biology", "kubernetes_ckad"):
        study = study_of(tmp_path, (ROOT / "tests" / "fixtures" / "notes" / f"{name}.txt").read_text(), f"{name}.txt")
        scope = build_scope(study)
        made = [q for t in study.topics for q in gen_recall.questions(t, scope)]
        assert len(made) >= 10, name
        for q in made:
            assert q.options[0] and q.options[0] in q.explanation


def test_a_statement_its_term_says_hides_other_words_and_no_card_repeats_its_answer(tmp_path):
    notes = ("Gadget Hub\n\n  • Commands\n"
             "    • Target Revision: most recent revision you want to roll out on the Fleet Manager\n"
             "    • Default is 5 minutes: a reading sent twice within 5 minutes is dropped by the Archive\n")
    made = cards(tmp_path, notes)
    target = made["Target Revision: most recent revision you want to roll out on the Fleet Manager"]
    assert "revision" not in target.options[0].lower()  # "Target Revision: ____" would say half its answer
    assert target.options[0] != "want"  # a verb after "you"
    for q in made.values():
        assert q.options[0] not in ("5", "5 minutes")  # said again in the line


def test_no_card_hides_one_item_of_a_pair_a_piece_of_a_word_or_the_subjects_own_word(tmp_path):
    notes = ("Gadget Hub\n\n  • Limits\n    • Uses RCU and WCU for every read of the Vault\n"
             "    • The name has to end with .gadget in the Registry\n"
             "  • Conditional writes\n    • No performance impact\n")
    made = cards(tmp_path, notes)
    rcu = made.get("Uses RCU and WCU for every read of the Vault")
    assert rcu is None or rcu.options[0] not in ("RCU", "WCU")  # "RCU and ____" says WCU
    name = made.get("The name has to end with .gadget in the Registry")
    assert name is None or name.options[0] != "gadget"  # ".____" would hide half a word
    alone = made["No performance impact"]  # alone under its line: that line is the cue
    assert alone.stem == "Recall the missing entry: “Conditional writes: ____”"
    # A word in many lines of long notes is the subject's own ("Azure" in Azure notes): never hidden alone.
    many = "Gadget Hub\n\n" + "".join(f"  • Part {n}\n    • Gadget Hub item {n} stores Widgets\n" for n in range(30))
    assert all(q.options[0] != "Gadget" for q in cards(tmp_path, many).values())


def test_no_card_hides_an_everyday_word_a_sentence_opener_or_a_verb_after_its_subject(tmp_path):
    notes = ("Gadget Hub\n\n  • Cloning\n    • Copies the exact Hub settings. Good for staging the Vault\n"
             "    • Has the ability to mirror Widgets\n    • If you want Turbo Mode it can spin faster\n")
    made = cards(tmp_path, notes)
    answers = {q.options[0] for q in made.values()}
    assert not answers & {"Good", "ability", "want", "want Turbo Mode"}
    assert made["If you want Turbo Mode it can spin faster"].options == ("Turbo Mode",)
