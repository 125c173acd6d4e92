"""The quizzes in headless Chromium: answer, see why, keep the score, order by keyboard, accessibility."""

from __future__ import annotations

import json
import re

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RADIO = ".nm-q:has(.nm-options input[type=radio])"  # one-answer questions with options


def _quiz_topics(built_site) -> list[dict]:
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    return [t for t in topics if t["questions"]]


def _single_choice_page(built_site) -> str:
    """A topic whose quiz has at least two single-answer questions."""
    for t in _quiz_topics(built_site):
        types = t["question_types"]
        if sum(types.get(k, 0) for k in ("term", "definition", "value", "compare", "topic")) >= 2:
            return t["slug"]
    raise AssertionError("no topic with two single-answer questions")


def test_answer_right_and_wrong_and_score_survives_reload(page, site_url, built_site, artifacts):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    slug = _single_choice_page(built_site)
    page.goto(f"{site_url}topics/{slug}.html")
    quiz = page.locator(".nm-quiz")
    assert quiz.get_attribute("data-search-exclude") is not None
    singles = quiz.locator(RADIO)
    first, second = singles.nth(0), singles.nth(1)
    total = quiz.locator(".nm-q").count()

    right = int(first.get_attribute("data-answers"))
    first.locator(f"input[value='{right}']").check()
    first.locator(".nm-check").click()
    feedback = first.locator(".nm-feedback")
    assert feedback.get_attribute("role") == "status"
    assert feedback.inner_text().startswith("Right.")
    assert "Your notes say" in feedback.inner_text()
    # The explanation links to the notes line on this page.
    href = feedback.locator("a").get_attribute("href")
    assert re.fullmatch(r"#[a-z0-9-]+-L\d+", href)
    assert page.locator(href).count() == 1

    answer = int(second.get_attribute("data-answers"))
    wrong = next(i for i in range(second.locator(".nm-options input").count()) if i != answer)
    second.locator(f"input[value='{wrong}']").check()
    second.locator(".nm-check").click()
    text = second.locator(".nm-feedback").inner_text()
    assert text.startswith("Not quite. The answer is:")
    assert second.locator(".nm-options li.nm-wrong").count() == 1
    expected = f"Score: 1 right of {total} questions (2 answered)."
    assert quiz.locator("[data-nm-score]").inner_text() == expected
    page.screenshot(path=str(artifacts / "quiz-answered.png"), full_page=True)

    page.reload()
    assert page.locator(".nm-quiz [data-nm-score]").inner_text() == expected

    # The Progress page shows the topic's score and the mistake to review.
    page.goto(f"{site_url}progress.html")
    row = page.locator(f"tr[data-topic='{slug}']")
    assert row.locator("[data-nm-right]").inner_text() == f"1 of {total}"
    assert row.locator("[data-nm-answered]").inner_text() == "2"
    mistakes = page.locator(".nm-mistake-list > li")
    assert mistakes.count() == 1
    assert "Answer:" in mistakes.first.inner_text()
    page.screenshot(path=str(artifacts / "quiz-progress.png"), full_page=True)

    # Reset clears it (notemill-study.js's reset, with the review schedule).
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-nm-backup-reset]").click()
    assert row.locator("[data-nm-right]").inner_text() == "–"
    assert page.locator(".nm-mistake-list").count() == 0
    assert errors == []


def test_put_in_order_by_keyboard(page, site_url, built_site):
    slug = next(t["slug"] for t in _quiz_topics(built_site) if t["question_types"].get("order"))
    page.goto(f"{site_url}topics/{slug}.html")
    q = page.locator(".nm-q[data-type='order']").first
    answers = [int(a) for a in q.get_attribute("data-answers").split()]

    def current():
        return [int(li.get_attribute("data-option")) for li in q.locator(".nm-order-item").all()]

    # Selection sort with the Down/Up buttons, pressed with the keyboard only.
    for target, option in enumerate(answers):
        while current().index(option) > target:
            button = q.locator(f".nm-order-item[data-option='{option}'] button[data-move='-1']")
            button.focus()
            page.keyboard.press("Enter")
            # Focus stays on the moved item's button, so it can move again.
            assert page.evaluate("document.activeElement.closest('.nm-order-item').dataset.option") == str(option)
    assert current() == answers
    assert "to position" in q.locator(".nm-feedback").inner_text()
    q.locator(".nm-check").focus()
    page.keyboard.press("Enter")
    assert q.locator(".nm-feedback").inner_text().startswith("Right.")


def test_without_javascript_answers_are_in_details(browser, site_url, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    slug = _quiz_topics(built_site)[0]["slug"]
    page.goto(f"{site_url}topics/{slug}.html")
    q = page.locator(".nm-q").first
    assert not q.locator(".nm-check").is_visible()
    q.locator("details.nm-answer summary").click()
    assert q.locator(".nm-answer").inner_text().count("Answer") >= 1
    assert q.locator(".nm-answer a.nm-source").is_visible()
    context.close()


def test_quiz_page_has_no_serious_accessibility_violations(page, site_url, built_site):
    assert AXE.is_file(), "axe-core missing: run 'make' (npm ci)"
    slug = _single_choice_page(built_site)
    page.goto(f"{site_url}topics/{slug}.html")
    # Answer one question so the feedback and marks are checked too.
    q = page.locator(RADIO).first
    q.locator(f"input[value='{q.get_attribute('data-answers')}']").check()
    q.locator(".nm-check").click()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document.querySelector('.nm-quiz')).then(r => r.violations)")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result if v["impact"] in ("serious", "critical")]
    assert bad == []
    page.goto(f"{site_url}progress.html")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document.querySelector('[data-nm-progress]')).then(r => r.violations)")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_progress_is_kept_from_file_urls(page, built_site):
    slug = _single_choice_page(built_site)
    page.goto((built_site / "topics" / f"{slug}.html").as_uri())
    q = page.locator(RADIO).first
    q.locator(f"input[value='{q.get_attribute('data-answers')}']").check()
    q.locator(".nm-check").click()
    assert q.locator(".nm-feedback").inner_text().startswith("Right.")
    page.goto((built_site / "progress.html").as_uri())
    total = page.locator(f"tr[data-topic='{slug}'] td").first.inner_text()
    assert page.locator(f"tr[data-topic='{slug}'] [data-nm-right]").inner_text() == f"1 of {total}"
