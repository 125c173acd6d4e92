"""The new kinds of question in headless Chromium, answered by keyboard only: typed answer, which is
NOT, true or false, matching, which two are true, recall card (self-graded). Each right and wrong, its
state after a reload, its answer without JavaScript, axe-core, and screenshots at phone and desktop widths."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
KINDS = ("cloze", "not", "truefalse", "match", "twotrue", "recall")
LETTERS = "abcdefghij"


def _page_with(built_site, kind: str) -> str:
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    found = [t["slug"] for t in topics if (t.get("question_types") or {}).get(kind)]
    assert found, f"no topic page asks a {kind} question"
    return found[0]


def _answers(q) -> list[int]:
    return [int(a) for a in q.get_attribute("data-answers").split()]


def _check_by_keyboard(page, q):
    q.locator(".nm-check").focus()
    page.keyboard.press("Enter")


def _tick(page, q, indexes):
    """Tick options with the keyboard: focus each input, Space."""
    for i in indexes:
        q.locator(f".nm-options input[value='{i}']").focus()
        page.keyboard.press("Space")


def _answer(page, q, kind: str, right: bool):
    """Answer one question by keyboard, right or wrong."""
    answers = _answers(q)
    if kind == "recall":  # Show answer, then say whether it was known: the focus moves to "I knew it"
        _check_by_keyboard(page, q)
        assert q.locator(".nm-feedback").inner_text().startswith("The answer is:")
        assert page.evaluate("document.activeElement.dataset.knew") == "1"
        if not right:
            page.keyboard.press("Tab")  # to "Not yet"
        page.keyboard.press("Enter")
        return
    if kind == "cloze":
        accept = json.loads(q.get_attribute("data-accept"))
        # Another case, extra spaces: still right. Something else: wrong.
        typed = f"  {accept[-1].upper()}  " if right else "certainly not this"
        q.locator(".nm-cloze-input").focus()
        page.keyboard.type(typed)
        page.keyboard.press("Enter")  # Enter in the field checks it
        return
    if kind == "match":
        n = q.locator(".nm-match-select").count()
        picks = answers if right else [answers[(i + 1) % n] for i in range(n)]
        for row, option in enumerate(picks):
            q.locator(f".nm-match-select >> nth={row}").focus()
            page.keyboard.press(LETTERS[option])  # a select takes the letter typed
        _check_by_keyboard(page, q)
        return
    n = q.locator(".nm-options input").count()
    if kind == "twotrue":
        wrong = [i for i in range(n) if i not in answers]
        _tick(page, q, answers if right else [answers[0], wrong[0]])
    else:
        _tick(page, q, answers if right else [next(i for i in range(n) if i not in answers)])
    _check_by_keyboard(page, q)


@pytest.mark.parametrize("kind", KINDS)
def test_kind_right_and_wrong_by_keyboard_and_after_reload(kind, page, site_url, built_site):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    slug = _page_with(built_site, kind)
    page.goto(f"{site_url}topics/{slug}.html")
    page.evaluate("window.seen = []; document.addEventListener('notemill:answered', e => window.seen.push(e.detail))")
    q = page.locator(f".nm-q[data-type='{kind}']").first
    qid = q.get_attribute("data-qid")
    _answer(page, q, kind, right=False)
    feedback = q.locator(".nm-feedback")
    assert feedback.inner_text().startswith("Not quite"), feedback.inner_text()
    assert "The answer is:" in feedback.inner_text()
    assert "Your notes say" in feedback.inner_text()  # the line, shown after
    assert q.locator(".nm-wrong").count() >= 1
    page.reload()
    q = page.locator(f".nm-q[data-qid='{qid}']")
    assert q.locator(".nm-feedback").inner_text().startswith("Not quite"), "the wrong answer is kept"
    assert q.locator(".nm-wrong").count() >= 1
    # Now right: clear what the reload put back, then answer again.
    page.evaluate(f"""(() => {{
      const q = document.querySelector('[data-qid="{qid}"]');
      q.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(i => i.checked = false);
      q.querySelectorAll('select').forEach(s => s.value = '');
      const t = q.querySelector('.nm-cloze-input'); if (t) t.value = '';
      delete q.dataset.knew;
    }})()""")
    page.evaluate("window.seen = []; document.addEventListener('notemill:answered', e => window.seen.push(e.detail))")
    _answer(page, q, kind, right=True)
    assert q.locator(".nm-feedback").inner_text().startswith("Right."), q.locator(".nm-feedback").inner_text()
    assert page.evaluate("window.seen") == [{"id": qid, "topic": slug, "type": kind, "correct": True}]
    page.reload()
    q = page.locator(f".nm-q[data-qid='{qid}']")
    assert q.locator(".nm-feedback").inner_text().startswith("Right.")
    if kind == "cloze":
        assert q.locator(".nm-cloze-input").input_value().strip() != ""
    elif kind == "recall":
        assert q.get_attribute("data-knew") == "1"
    elif kind == "match":
        assert [int(v) for v in q.locator(".nm-match-select").evaluate_all("s => s.map(x => x.value)")] == _answers(q)
    else:
        checked = q.locator(".nm-options input").evaluate_all(
            "xs => xs.filter(x => x.checked).map(x => Number(x.value))")
        assert sorted(checked) == sorted(_answers(q))
    assert errors == []


def test_twotrue_asks_for_exactly_two(page, site_url, built_site):
    page.goto(f"{site_url}topics/{_page_with(built_site, 'twotrue')}.html")
    q = page.locator(".nm-q[data-type='twotrue']").first
    _tick(page, q, [_answers(q)[0]])
    _check_by_keyboard(page, q)
    assert q.locator(".nm-feedback").inner_text() == "Choose exactly 2 (you chose 1)."


def test_match_asks_for_every_term(page, site_url, built_site):
    page.goto(f"{site_url}topics/{_page_with(built_site, 'match')}.html")
    q = page.locator(".nm-q[data-type='match']").first
    q.locator(".nm-match-select").first.focus()
    page.keyboard.press("a")
    _check_by_keyboard(page, q)
    assert q.locator(".nm-feedback").inner_text().startswith("Pick a letter for every term")


@pytest.mark.parametrize("kind", KINDS)
def test_kind_answer_without_javascript(kind, browser, site_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}topics/{_page_with(built_site, kind)}.html")
    q = page.locator(f".nm-q[data-type='{kind}']").first
    assert not q.locator(".nm-check").is_visible()
    q.locator("details.nm-answer summary").click()
    answer = q.locator(".nm-answer").inner_text()
    assert "Answer" in answer and "From your notes" in answer
    if kind == "match":
        assert q.locator(".nm-answer li").count() == q.locator(".nm-match-select").count()
    context.close()


def test_new_kinds_axe_clean_and_screenshots(page, site_url, built_site, artifacts):
    assert AXE.is_file(), "axe-core missing: run 'make' (npm ci)"
    # The page with the most of the new kinds.
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    best = max(topics, key=lambda t: sum(1 for k in KINDS if (t.get("question_types") or {}).get(k)))
    slug = best["slug"]
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site_url}topics/{slug}.html")
        for kind in KINDS:
            q = page.locator(f".nm-q[data-type='{kind}']")
            if q.count():
                _answer(page, q.first, kind, right=kind in ("cloze", "truefalse"))
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document.querySelector('.nm-quiz')).then(r => r.violations)")
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result if v["impact"] in ("serious", "critical")]
        assert bad == [], (width, bad)
        page.locator(".nm-quiz").screenshot(path=str(artifacts / f"quiz-kinds-{width}.png"))
        page.evaluate("localStorage.clear()")


def test_typed_key_is_the_same_in_python_and_in_the_browser(page, site_url, built_site):
    from notemill.quiz.gen_cloze import typed_key, typed_right

    samples = ["Dead-letter queues", "deadletter  QUEUE", "256 KB", "256kb", "10,000 items", "Policies", "Status",
               "1.5 GB", "“PutItem”", "Customer Managed Keys (CMK)", "SSE-KMS", "Ünïcode names", "x", "",
               "ReceiveMessageWaitTimeSeconds", "5%", "$1", "classes", "boxes", "buses"]
    page.goto(f"{site_url}topics/{_page_with(built_site, 'cloze')}.html")
    in_browser = page.evaluate("xs => xs.map(window.notemillQuiz.typedKey)", samples)
    assert in_browser == [typed_key(s) for s in samples]
    pairs = [["Target Revision", ["Target Revisision"]], ["GetItem", ["PutItem"]], ["265 KB", ["256 KB"]],
             ["ChangeMessageVisibilty", ["ChangeMessageVisibility"]], ["", ["x"]], ["sns", ["SQS", "SNS"]],
             ["Customer Managed Key", ["Customer Managed Keys (CMK)", "Customer Managed Keys", "CMK"]]]
    right = page.evaluate("ps => ps.map(p => window.notemillQuiz.typedRight(p[0], p[1]))", pairs)
    assert right == [typed_right(t, forms) for t, forms in pairs]
