"""The question contract in headless Chromium: window.notemillQuiz (bind, grade), the
notemill:answered event, each question's state after a reload, hiding a question and
the Progress page's undo, the quiz in the page's contents, the notes line under the header."""

from __future__ import annotations

import json

SINGLE = ".nm-q:not([data-type='order']):not([data-type='choose']):not([data-type='twotrue'])" \
         ":not([data-type='cloze']):not([data-type='match']):not([data-type='recall'])"


def _slug(built_site) -> str:
    """A topic whose quiz has at least two radio-button questions."""
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    for t in topics:
        types = t.get("question_types") or {}
        if sum(types.get(k, 0) for k in ("term", "definition", "value", "compare", "topic")) >= 2:
            return t["slug"]
    raise AssertionError("no topic with two single-answer questions")


def test_contract_bind_grade_and_answered_event(page, site_url, built_site):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}topics/{_slug(built_site)}.html")
    assert page.evaluate("typeof window.notemillQuiz.bind") == "function"
    assert page.evaluate("typeof window.notemillQuiz.grade") == "function"
    page.evaluate("window.seen = []; document.addEventListener('notemill:answered', e => window.seen.push(e.detail))")
    q = page.locator(SINGLE).first
    qid = q.get_attribute("data-qid")
    assert page.evaluate(f"notemillQuiz.grade(document.querySelector('[data-qid=\"{qid}\"]'))")["answered"] is False
    right = q.get_attribute("data-answers")
    q.locator(f"input[value='{right}']").check()
    graded = page.evaluate(f"notemillQuiz.grade(document.querySelector('[data-qid=\"{qid}\"]'))")
    assert graded["answered"] is True and graded["correct"] is True
    assert page.evaluate("window.seen.length") == 0  # grading alone announces nothing
    q.locator(".nm-check").click()
    seen = page.evaluate("window.seen")
    assert seen == [{"id": qid, "topic": q.get_attribute("data-topic"), "type": q.get_attribute("data-type"),
                     "correct": True}]
    assert errors == []


def test_defer_feedback_shows_nothing_until_revealed(page, site_url, built_site):
    page.goto(f"{site_url}topics/{_slug(built_site)}.html")
    # An exam-like copy of one question, bound with deferFeedback.
    page.evaluate("""() => {
      const src = document.querySelector('.nm-q');
      const box = document.createElement('ol');
      box.id = 'exam';
      const q = src.cloneNode(true);
      q.id = 'exam-q';
      q.querySelectorAll('.nm-right, .nm-wrong').forEach(el => el.classList.remove('nm-right', 'nm-wrong'));
      q.querySelector('.nm-feedback').textContent = '';
      box.appendChild(q);
      document.querySelector('.md-content').appendChild(box);
      notemillQuiz.bind(box, {deferFeedback: true});
    }""")
    q = page.locator("#exam-q")
    assert not q.locator(".nm-check").is_visible()
    assert not q.locator(".nm-answer").is_visible()
    assert q.locator(".nm-feedback").inner_text() == ""
    result = page.evaluate("notemillQuiz.reveal(document.querySelector('#exam-q'))")
    assert result["answered"] in (True, False)
    assert q.locator(".nm-answer").is_visible()
    assert q.locator(".nm-feedback").inner_text() != ""


def test_each_question_comes_back_after_reload(page, site_url, built_site):
    page.goto(f"{site_url}topics/{_slug(built_site)}.html")
    singles = page.locator(SINGLE)
    first, second = singles.nth(0), singles.nth(1)
    right = first.get_attribute("data-answers")
    first.locator(f"input[value='{right}']").check()
    first.locator(".nm-check").click()
    answer = int(second.get_attribute("data-answers"))
    wrong = next(i for i in range(second.locator(".nm-options input").count()) if i != answer)
    second.locator(f"input[value='{wrong}']").check()
    second.locator(".nm-check").click()
    page.reload()
    first, second = page.locator(SINGLE).nth(0), page.locator(SINGLE).nth(1)
    assert first.locator(f"input[value='{right}']").is_checked()
    assert first.locator(".nm-feedback").inner_text().startswith("Right.")
    assert first.locator(".nm-options li.nm-right").count() == 1
    assert second.locator(f"input[value='{wrong}']").is_checked()
    assert second.locator(".nm-feedback").inner_text().startswith("Not quite.")
    assert second.locator(".nm-options li.nm-wrong").count() == 1
    assert "earlier visit" in second.locator(".nm-feedback").inner_text()


def test_hide_a_question_and_undo_it_here_and_on_progress(page, site_url, built_site):
    slug = _slug(built_site)
    page.goto(f"{site_url}topics/{slug}.html")
    q = page.locator(".nm-q").nth(1)
    qid = q.get_attribute("data-qid")
    stem = q.locator(".nm-q-stem").inner_text()
    q.locator(".nm-hide").focus()
    page.keyboard.press("Enter")
    assert not q.locator(".nm-q-fieldset").is_visible()
    assert "hidden" in q.locator(".nm-hidden-note").inner_text()
    # Focus moves to the undo button, so a keyboard user can take it back at once.
    assert page.evaluate("document.activeElement.classList.contains('nm-unhide')")
    page.keyboard.press("Enter")
    assert q.locator(".nm-q-fieldset").is_visible()
    q.locator(".nm-hide").click()
    page.reload()
    q = page.locator(f".nm-q[data-qid='{qid}']")
    assert not q.locator(".nm-q-fieldset").is_visible()
    assert "1 hidden" in page.locator("[data-nm-score]").inner_text()
    page.goto(f"{site_url}progress.html")
    listed = page.locator(".nm-hidden-list li")
    assert listed.count() == 1 and stem[:30] in listed.first.inner_text()
    listed.first.locator("button").focus()
    page.keyboard.press("Enter")
    assert page.locator(".nm-hidden-list").count() == 0
    page.goto(f"{site_url}topics/{slug}.html")
    assert page.locator(f".nm-q[data-qid='{qid}'] .nm-q-fieldset").is_visible()


def test_self_check_in_contents_and_numbers_at_questions(page, site_url, built_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}topics/{_slug(built_site)}.html")
    assert page.locator("h2#self-check").count() == 1
    assert page.locator(".md-nav--secondary a[href='#self-check']").count() >= 1
    nums = page.locator(".nm-q .nm-q-num").all_text_contents()
    assert nums[:3] == ["Question 1", "Question 2", "Question 3"]
    # The number is inside the question's legend, not a list marker in the margin.
    assert page.evaluate("getComputedStyle(document.querySelector('.nm-quiz-questions')).listStyleType") == "none"


def test_notes_line_link_lands_below_the_header_highlighted(page, site_url, built_site, artifacts):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}topics/{_slug(built_site)}.html")
    q = page.locator(".nm-q").first
    q.locator("details.nm-answer summary").click()
    link = q.locator("a.nm-source")
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function(f"location.hash === '{target}'")
    page.wait_for_timeout(300)
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    line = page.evaluate(f"""(() => {{
      const a = document.getElementById('{target[1:]}');
      const box = a.closest('li, p, h1, h2, h3, h4, h5, h6, pre, td') || a;
      const r = box.getBoundingClientRect();
      return {{top: r.top, bg: getComputedStyle(box).backgroundColor}};
    }})()""")
    assert line["top"] >= header - 1, (line, header)
    assert line["top"] < 400
    assert line["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(artifacts / "quiz-notes-line-1280.png"))
