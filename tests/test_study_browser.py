"""The study loop in headless Chromium: due counts with a fake clock, Review, replaying mistakes, the home
panel, a storage failure, keyboard only, axe-core; from file:// with other hosts blocked and over http."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from urllib.parse import urlparse

import pytest

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
START = datetime(2026, 3, 2, 9, 0, 0)  # a Monday morning, local time of the browser


def _guarded(browser, scheme, viewport=None):
    """A context where any request to another host fails the test."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    outside = []

    def guard(route):
        target = urlparse(route.request.url)
        if target.scheme == "file" or target.hostname in ("127.0.0.1", "localhost"):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", guard)
    return context, outside


def _url(built_site, site_url, scheme, path):
    return (built_site / path).as_uri() if scheme == "file" else site_url + path


def _bank(built_site):
    return json.loads((built_site / "questions.json").read_text())


def _topic_with_radios(built_site, n=2):
    """A topic page whose quiz has ``n`` one-answer questions with radio options."""
    outline = json.loads((built_site / "outline.json").read_text())["topics"]
    for t in outline:
        page = (built_site / "topics" / f"{t['slug']}.html").read_text()
        if len(re.findall(r'data-type="(?:term|definition|value|compare|topic|not|truefalse)"', page)) >= n:
            return t["slug"]
    raise AssertionError("no topic with two radio questions")


def _answer(q, right: bool):
    answer = int(q.get_attribute("data-answers").split()[0])
    count = q.locator(".nm-options input").count()
    pick = answer if right else next(i for i in range(count) if i != answer)
    q.locator(f".nm-options input[value='{pick}']").focus()
    q.page.keyboard.press("Space")
    q.locator(".nm-check").focus()
    q.page.keyboard.press("Enter")


def _badge(page):
    badge = page.locator(".md-nav__link[href$='review.html'] .nm-due-badge").first
    return badge.inner_text() if badge.count() and badge.is_visible() else ""


def _shot(page, path):
    """A full-page screenshot from the top: Material's header shows the site's name there, not a title
    caught half-way through its scroll transition."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)


def _axe(page, selector):
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(f"axe.run(document.querySelector({json.dumps(selector)})).then(r => r.violations)")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_answers_become_cards_due_with_a_fake_clock_and_review_them(browser, built_site, site_url, scheme, artifacts):
    context, outside = _guarded(browser, scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    slug = _topic_with_radios(built_site)
    page.goto(_url(built_site, site_url, scheme, f"topics/{slug}.html"))
    radios = page.locator(".nm-quiz .nm-q:has(.nm-options input[type=radio])")
    first, second = radios.nth(0), radios.nth(1)
    _answer(first, right=True)
    _answer(second, right=False)
    second_id = second.get_attribute("data-qid")
    # Each answer is a card: the rating offered after it, with when it comes back.
    expect_bar = second.locator(".nm-rate-bar")
    expect_bar.wait_for()
    assert "Rated Again" in expect_bar.inner_text()
    assert first.locator(".nm-rate-bar").inner_text().startswith("Rated Good")
    assert _badge(page) == ""  # nothing due yet: Again comes back in a minute
    page.clock.fast_forward("05:00")
    page.reload()
    assert _badge(page) == "1 due"
    assert "1 question of this topic is due" in page.locator(".nm-topic-due").inner_text()

    # Review: the due card, answered right; then what comes next.
    page.goto(_url(built_site, site_url, scheme, "review.html"))
    status = page.locator("[data-nm-review-status]")
    assert "1 question left" in status.inner_text()
    q = page.locator("[data-nm-review-card] .nm-q")
    assert q.get_attribute("data-qid") == second_id
    # The card names its topic, unless the question asks which topic it is.
    assert page.locator(".nm-review-topic").count() == (0 if q.get_attribute("data-type") == "topic" else 1)
    if scheme == "http":
        _shot(page, artifacts / "study-review-question-1280.png")
    _answer(q, right=True)
    after = page.locator("[data-nm-review-after]")
    after.wait_for()
    assert "Rated Good" in after.inner_text()
    assert q.locator(".nm-feedback a").count() == 1  # the source line after the answer
    # Easy instead, by keyboard: a later due date.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Easy"
    page.keyboard.press("Enter")
    assert "Rated Easy" in after.inner_text()
    page.locator("[data-nm-review-next]").focus()
    page.keyboard.press("Enter")
    assert "last question due" in status.inner_text()
    counts = [int(page.locator(f"[data-nm-f='{k}']").inner_text()) for k in ("today", "tomorrow", "week")]
    assert sum(counts) == 2 and counts[0] == 1  # Good on a new card: back in ten minutes
    if scheme == "http":
        _shot(page, artifacts / "study-review-done-1280.png")
    # A week later both cards are due again.
    page.clock.fast_forward(int(timedelta(days=30).total_seconds() * 1000))
    page.reload()
    assert "2 questions left" in status.inner_text()
    assert _badge(page) == "2 due"
    assert outside == [] and errors == []
    context.close()


def test_replay_mistakes_until_each_is_right_once(browser, built_site, site_url):
    context, outside = _guarded(browser, "file")
    page = context.new_page()
    slug = _topic_with_radios(built_site)
    page.goto(_url(built_site, site_url, "file", f"topics/{slug}.html"))
    radios = page.locator(".nm-quiz .nm-q:has(.nm-options input[type=radio])")
    wrong_ids = []
    for i in range(2):
        _answer(radios.nth(i), right=False)
        wrong_ids.append(radios.nth(i).get_attribute("data-qid"))
    line = page.locator(".nm-topic-due")
    assert "Replay my 2 mistakes here" in line.inner_text()
    line.locator("a", has_text="Replay").click()
    status = page.locator("[data-nm-review-status]")
    # The click navigates: until Review has loaded, the topic page (no status line) may still be the one asked.
    page.wait_for_function("(() => { const s = document.querySelector('[data-nm-review-status]');"
                           " return s !== null && !s.textContent.startsWith('Loading'); })()")
    assert "Replaying mistakes" in status.inner_text() and "2 questions left" in status.inner_text()
    seen = []
    # Wrong once more: it comes back at the end of the round.
    q = page.locator("[data-nm-review-card] .nm-q")
    seen.append(q.get_attribute("data-qid"))
    _answer(q, right=False)
    page.locator("[data-nm-review-next]").click()
    for _ in range(2):
        q = page.locator("[data-nm-review-card] .nm-q")
        seen.append(q.get_attribute("data-qid"))
        _answer(q, right=True)
        page.locator("[data-nm-review-next]").click()
    assert sorted(set(seen)) == sorted(wrong_ids) and seen[0] == seen[2]
    assert "Every mistake" in status.inner_text()
    assert outside == []
    context.close()


def test_home_panel_and_storage_failure_notice(browser, built_site, site_url, artifacts):
    context, outside = _guarded(browser, "http")
    page = context.new_page()
    page.clock.install(time=START)
    slug = _topic_with_radios(built_site)
    page.goto(site_url + f"topics/{slug}.html")
    radios = page.locator(".nm-quiz .nm-q:has(.nm-options input[type=radio])")
    _answer(radios.nth(0), right=True)
    _answer(radios.nth(1), right=False)
    radios.nth(1).locator(".nm-rate-bar").wait_for()
    page.clock.fast_forward("05:00")  # Again is due after a minute, a new card's Good after ten
    page.goto(site_url + "index.html")
    home = page.locator("[data-nm-home]")
    assert "1 question is due for review now" in home.locator("[data-nm-home-due]").inner_text()
    assert home.locator("[data-nm-continue] a").count() == 1
    assert home.locator("[data-nm-weakest] li").count() == 1
    assert any(v > 0 for v in page.eval_on_selector_all(".nm-bars progress", "els => els.map(e => e.value)"))
    assert home.locator("a[href$='notemill-deck.apkg']").count() == 1
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        _shot(page, artifacts / f"study-home-{width}.png")
    assert _axe(page, "[data-nm-home]") == []
    page.goto(site_url + "review.html")
    page.set_viewport_size({"width": 390, "height": 900})
    _shot(page, artifacts / "study-review-390.png")
    assert _axe(page, "article") == []
    page.goto(site_url + "progress.html")
    assert page.locator("a[href$='notemill-deck.apkg']").count() == 1
    assert _axe(page, "article") == []
    context.close()

    # Storage that throws: a visible notice, and the page still answers.
    context, outside = _guarded(browser, "http")
    context.add_init_script("Storage.prototype.setItem = function () { throw new Error('QuotaExceededError'); };")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + f"topics/{slug}.html")
    notice = page.locator(".nm-storage-notice")
    assert notice.is_visible() and "not keeping your progress" in notice.inner_text()
    q = page.locator(".nm-quiz .nm-q:has(.nm-options input[type=radio])").first
    _answer(q, right=True)
    assert q.locator(".nm-feedback").inner_text().startswith("Right.")
    assert errors == [] and outside == []
    context.close()


# ---- the mock exam, on a fixture's notes with a short exam ----

EXAM_NOTES = ROOT / "tests" / "fixtures" / "notes" / "aws_unseen_seedstyle.txt"


@pytest.fixture(scope="module")
def exam_site(tmp_path_factory):
    from conftest import mkdocs_build

    site = tmp_path_factory.mktemp("exam") / "site"
    text = (ROOT / "mkdocs.yml").read_text()
    text = re.sub(r"  notemill:\n(?:    .*\n|\n)*", "  notemill:\n    notes: [" + str(EXAM_NOTES) + "]\n"
                  "    exam: {count: 5, minutes: 2, pass_mark: 60}\n", text, count=1)
    config = ROOT / f".test-mkdocs-exam-{site.parent.name}.yml"
    config.write_text(text)
    try:
        result = mkdocs_build(site, config=config)
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    return site


def _answer_any(q, right: bool):
    """Answer any kind of question by keyboard, right or wrong."""
    page = q.page
    kind = q.get_attribute("data-type")
    answers = [int(a) for a in q.get_attribute("data-answers").split()]
    if kind == "cloze":
        q.locator(".nm-cloze-input").focus()
        accept = json.loads(q.get_attribute("data-accept"))
        page.keyboard.type(accept[0] if right else "zzz wrong")
    elif kind == "match":
        for row, a in enumerate(answers):
            select = q.locator(".nm-match-select").nth(row)
            select.select_option(str(a if right else (a + 1) % len(answers)))
    elif kind == "order":
        q.locator(".nm-move[data-move='1']").first.focus()
        page.keyboard.press("Enter")
    else:
        count = q.locator(".nm-options input").count()
        picks = answers if right else [next(i for i in range(count) if i not in answers)]
        for p in picks:
            q.locator(f".nm-options input[value='{p}']").focus()
            page.keyboard.press("Space")


def _key(locator):
    """Press a control with the keyboard: focus it, then Enter."""
    locator.focus()
    locator.page.keyboard.press("Enter")


def _timer(page):
    return page.locator("[data-nm-exam-timer]").inner_text()


def test_mock_exam_timer_flags_grid_reload_submit_and_history(browser, exam_site, artifacts):
    context, outside = _guarded(browser, "file")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    now = [START]

    def later(seconds, expect=None):
        # Date.now() is fixed (the timers still run): the exam's clock moves only when the test moves it.
        now[0] += timedelta(seconds=seconds)
        page.clock.set_fixed_time(now[0])
        if expect:
            page.wait_for_function(f"document.querySelector('[data-nm-exam-timer]').textContent.startsWith({expect!r})")

    page.clock.set_fixed_time(START)
    page.goto((exam_site / "exam.html").as_uri())
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        _shot(page, artifacts / f"study-exam-start-{width}.png")
    assert _axe(page, "article") == []
    page.locator("[data-nm-exam-seed]").focus()
    page.keyboard.type("42")
    page.locator("[data-nm-exam-begin]").focus()
    page.keyboard.press("Enter")
    cells = page.locator(".nm-exam-cell")
    assert cells.count() == 5
    assert _timer(page) == "2:00"
    ids = [q.get_attribute("data-qid") for q in page.locator(".nm-exam-quiz .nm-q").all()]
    bank = {q["id"]: q for q in _bank(exam_site)}
    assert set(ids) <= set(bank) and len(set(ids)) == 5
    # Only the current question shows, with no answer and no Check button until the submit.
    assert page.locator(".nm-exam-quiz .nm-q:visible").count() == 1
    first = page.locator(".nm-exam-quiz .nm-q").nth(0)
    assert first.locator(".nm-answer").is_hidden()
    _answer_any(first, right=True)
    # Keyboard only: Tab from the answer reaches Flag, then Next; Enter on Next moves into question 2.
    passed = []
    for _ in range(20):
        page.keyboard.press("Tab")
        passed.append(page.evaluate("document.activeElement.textContent.trim()"))
        if passed[-1] == "Next":
            break
    assert passed[-1] == "Next" and "Flag for review" in passed, passed
    page.keyboard.press("Enter")
    second = page.locator(".nm-exam-quiz .nm-q").nth(1)
    assert second.is_visible() and page.evaluate("document.activeElement.closest('.nm-q') !== null")
    _key(page.locator("[data-nm-exam-flag]"))
    assert "nm-exam-flagged" in cells.nth(1).get_attribute("class")
    assert "flagged" in cells.nth(1).get_attribute("aria-label")
    assert "nm-exam-done" in cells.nth(0).get_attribute("class")
    later(30, "1:30")
    _key(page.locator("[data-nm-exam-pause]"))
    later(60)
    page.wait_for_timeout(1500)
    assert _timer(page) == "1:30 (paused)"
    assert page.locator("[data-nm-exam-body]").is_hidden()
    # Pausing moved the focus to Resume: Enter resumes.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Resume"
    page.keyboard.press("Enter")
    later(10, "1:20")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        _shot(page, artifacts / f"study-exam-during-{width}.png")
    assert _axe(page, "article") == []

    # Left half-way, the exam is offered on the home page.
    page.goto((exam_site / "index.html").as_uri())
    under = page.locator(".nm-home-exam")
    assert "A mock exam is under way (seed 42, 5 questions)" in under.inner_text()
    under.locator("a").click()
    page.wait_for_function("document.querySelector('.nm-exam-quiz .nm-q') !== null")
    # Back on the exam page, then reloaded: the same questions, the answer, the flag and the time carry on.
    page.reload()
    assert [q.get_attribute("data-qid") for q in page.locator(".nm-exam-quiz .nm-q").all()] == ids
    assert "nm-exam-flagged" in page.locator(".nm-exam-cell").nth(1).get_attribute("class")
    assert "nm-exam-done" in page.locator(".nm-exam-cell").nth(0).get_attribute("class")
    assert _timer(page) == "1:20"
    # Answer the rest wrong by the grid, then submit once.
    for i in range(1, 5):
        _key(page.locator(".nm-exam-cell").nth(i))
        _answer_any(page.locator(".nm-exam-quiz .nm-q").nth(i), right=False)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    _key(page.locator("[data-nm-exam-submit]"))
    assert "1 flagged" in asked[0]
    score = page.locator("[data-nm-exam-score]").inner_text()
    assert score.startswith("1 of 5 right (20%): not a pass yet (pass mark 60%). Seed 42")
    rows = page.locator("[data-nm-exam-breakdown] tr")
    assert rows.count() >= 1
    assert sum(int(r.locator("td").first.inner_text().split(" of ")[1]) for r in rows.all()) == 5
    answered = page.locator("[data-nm-exam-answers] .nm-q")
    assert answered.count() == 5
    for q in answered.all():
        assert q.locator(".nm-feedback a").count() == 1 and q.locator(".nm-answer").is_visible()
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        _shot(page, artifacts / f"study-exam-after-{width}.png")
    assert _axe(page, "article") == []
    # The exam fed the review schedule and the history.
    cards = page.evaluate("Object.keys(JSON.parse(localStorage.getItem('notemill-study-v1')).cards)")
    assert sorted(cards) == sorted(ids)
    page.goto((exam_site / "progress.html").as_uri())
    history = page.locator("[data-nm-exam-history] tbody tr")
    assert history.count() == 1 and "1 of 5 (20%)" in history.inner_text()

    # The same seed draws the same exam; the time running out submits it.
    page.goto((exam_site / "exam.html").as_uri() + "?seed=42")
    page.locator("[data-nm-exam-begin]").click()
    assert [q.get_attribute("data-qid") for q in page.locator(".nm-exam-quiz .nm-q").all()] == ids
    later(121)
    page.locator("[data-nm-exam-score]").wait_for()
    assert page.locator("[data-nm-exam-score]").inner_text().startswith("Time is up. 0 of 5 right")
    assert errors == [] and outside == []
    context.close()


def _compare(page):
    """The import panel's table: part -> (in this browser now, in the file)."""
    rows = page.locator("[data-nm-import-compare] tr").all()
    return {r.locator("th").inner_text(): tuple(td.inner_text() for td in r.locator("td").all()) for r in rows}


def _wait_status(page, start):
    page.wait_for_function(f"document.querySelector('[data-nm-backup-status]').textContent"
                           f".startsWith({json.dumps(start)})")
    return page.locator("[data-nm-backup-status]").inner_text()


def _stored(page, key):
    return page.evaluate(f"JSON.parse(localStorage.getItem({json.dumps(key)}) || 'null')")


def test_export_import_and_reset_carry_everything(browser, built_site, site_url, tmp_path, artifacts):
    context, outside = _guarded(browser, "http")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    slug = _topic_with_radios(built_site)
    page.goto(site_url + f"topics/{slug}.html")
    radios = page.locator(".nm-quiz .nm-q:has(.nm-options input[type=radio])")
    _answer(radios.nth(0), right=False)
    radios.nth(0).locator(".nm-rate-bar").wait_for()
    wrong = radios.nth(0).get_attribute("data-qid")
    hidden = radios.nth(1).get_attribute("data-qid")
    radios.nth(1).locator(".nm-hide").click()
    # A mock exam in the history, written as the exam page keeps it.
    page.evaluate("""() => { const d = JSON.parse(localStorage.getItem('notemill-study-v1'));
      d.exams.push({date: '2026-03-01T10:00:00.000Z', seed: 7, right: 3, total: 5, percent: 60, passed: false,
                    pass_mark: 70, minutes: 9, categories: {Storage: [3, 5]}, time_up: false});
      localStorage.setItem('notemill-study-v1', JSON.stringify(d)); }""")
    page.goto(site_url + "progress.html")
    assert page.locator("[data-nm-exam-history] tbody tr").count() == 1
    with page.expect_download() as download:
        page.locator("[data-nm-backup-export]").click()
    saved = tmp_path / "backup.json"
    download.value.save_as(saved)
    data = json.loads(saved.read_text())
    assert data["format"] == "notemill-study-data" and data["version"] == 1
    assert wrong in data["study"]["cards"] and wrong in data["quiz"]["answers"] and wrong in data["quiz"]["mistakes"]
    assert hidden in data["quiz"]["hidden"] and data["study"]["exams"][0]["seed"] == 7
    assert "1 card in the review schedule" in _wait_status(page, "Exported")

    # Reset removes everything, after asking; the page shows it at once.
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.locator("[data-nm-backup-reset]").focus()
    page.keyboard.press("Enter")
    for part in ("1 answer,", "1 hidden question", "1 card in the review schedule", "1 mock exam sat"):
        assert part in asked[0], asked[0]
    _wait_status(page, "Progress reset")
    assert _stored(page, "notemill-study-v1")["cards"] == {} and _stored(page, "notemill-study-v1")["exams"] == []
    assert _stored(page, "notemill-quiz-v1")["answers"] == {} and _stored(page, "notemill-quiz-v1")["hidden"] == {}
    assert page.locator("[data-nm-exam-history] tbody tr").count() == 0
    assert page.locator(".nm-mistake-list").count() == 0
    assert page.locator(f"tr[data-topic='{slug}'] [data-nm-answered]").inner_text() == "–"

    # Import shows what it would replace beside what the file holds, and replaces only when asked.
    page.locator("[data-nm-backup-import]").set_input_files(str(saved))
    panel = page.locator("[data-nm-import-confirm]")
    panel.wait_for()
    assert "backup.json" in panel.locator("h3").inner_text()
    table = _compare(page)
    assert table["Answers"] == ("0", "1") and table["Hidden questions"] == ("0", "1")
    assert table["Cards in the review schedule"] == ("0", "1") and table["Mock exams sat"] == ("0", "1")
    page.set_viewport_size({"width": 390, "height": 900})
    panel.screenshot(path=str(artifacts / "study-import-confirm-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    assert _axe(page, "article") == []
    page.locator("[data-nm-import-cancel]").click()
    assert _wait_status(page, "Nothing imported") and _stored(page, "notemill-study-v1")["cards"] == {}
    page.locator("[data-nm-backup-import]").set_input_files(str(saved))
    panel.wait_for()
    page.locator("[data-nm-import-replace]").focus()
    page.keyboard.press("Enter")
    assert "Imported" in _wait_status(page, "Imported")
    assert wrong in _stored(page, "notemill-study-v1")["cards"] and _stored(page, "notemill-study-v1")["exams"]
    assert hidden in _stored(page, "notemill-quiz-v1")["hidden"]
    # The page redraws: the exam history, the mistakes and the hidden question are back without a reload.
    assert page.locator("[data-nm-exam-history] tbody tr").count() == 1
    assert page.locator(".nm-mistake-list > li").count() == 1
    assert page.locator(".nm-hidden-list > li").count() == 1
    _shot(page, artifacts / "study-progress-1280.png")

    # An older file (the quiz answers alone) is read, saying the schedule and exams stay.
    older = tmp_path / "older.json"
    older.write_text(json.dumps({"version": 1, "answers": {}, "mistakes": {}}))
    page.locator("[data-nm-backup-import]").set_input_files(str(older))
    panel.wait_for()
    assert "older file" in panel.inner_text()
    assert _compare(page)["Cards in the review schedule"] == ("1", "not in the file: yours stay")
    page.locator("[data-nm-import-replace]").click()
    _wait_status(page, "Imported")
    assert _stored(page, "notemill-quiz-v1")["answers"] == {}
    assert wrong in _stored(page, "notemill-study-v1")["cards"]  # the schedule stayed
    # A file from a newer version, or no progress file at all, is refused, clearly, and changes nothing.
    for name, text, reason in (("bad.json", "{not json", "it is not a JSON file"),
                               ("other.json", '{"hello": 1}', "it is not a progress file"),
                               ("future.json", json.dumps({**data, "version": 2}), "newer version of notemill"),
                               ("damaged.json", json.dumps({**data, "study": {"cards": 3}}), "damaged")):
        bad = tmp_path / name
        bad.write_text(text)
        page.locator("[data-nm-backup-import]").set_input_files(str(bad))
        said = _wait_status(page, f"Nothing imported from {name}")
        assert reason in said, said
        assert panel.is_hidden()
    assert wrong in _stored(page, "notemill-study-v1")["cards"]
    assert outside == [] and errors == []
    context.close()


def _stale_schedule(real_id, slug, stale_id="0000deadbeef"):
    """A stored schedule, as the study script keeps it, with one real and one vanished question due."""
    card = {"due": "2026-03-01T09:00:00.000Z", "stability": 1, "difficulty": 5, "elapsed_days": 0,
            "scheduled_days": 0, "reps": 1, "lapses": 0, "state": 1, "last_review": "2026-03-01T08:59:00.000Z"}
    entry = {"topic": slug, "card": card, "prev": None, "answered": "2026-03-01T08:59:00.000Z", "rating": 1,
             "pending": False}
    return {"version": 1, "cards": {real_id: entry, stale_id: entry}, "exams": [], "last": None}, stale_id


@pytest.mark.parametrize("scheme", ["file", "http"])
def test_a_vanished_question_leaves_every_count_at_once(browser, built_site, site_url, scheme):
    context, outside = _guarded(browser, scheme)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    slug = _topic_with_radios(built_site)
    page.goto(_url(built_site, site_url, scheme, "progress.html"))
    real = next(q["id"] for q in _bank(built_site) if q["topic"] == slug)
    schedule, stale = _stale_schedule(real, slug)
    mistake = {"topic": slug, "title": "t", "stem": "s", "answer": "a", "why": "w"}
    quiz = {"version": 1, "answers": {}, "hidden": {}, "mistakes": {real: mistake, stale: mistake}}
    page.evaluate("([s, q]) => { localStorage.setItem('notemill-study-v1', JSON.stringify(s));"
                  " localStorage.setItem('notemill-quiz-v1', JSON.stringify(q)); }", [schedule, quiz])
    # A topic page, the first visited: neither Review nor home has run, yet the count is right.
    page.goto(_url(built_site, site_url, scheme, f"topics/{slug}.html"))
    page.wait_for_function("document.querySelector('.md-nav__link[href$=\"review.html\"] .nm-due-badge') !== null")
    assert _badge(page) == "1 due"
    line = page.locator(".nm-topic-due").inner_text()
    assert "1 question of this topic is due" in line and "Replay my 1 mistake here" in line
    kept = page.evaluate("Object.keys(JSON.parse(localStorage.getItem('notemill-study-v1')).cards)")
    assert kept == [real]  # dropped from the stored schedule too
    assert page.locator(".nm-storage-notice").count() == 0  # quietly
    # Another page without a quiz (Progress) says the same.
    page.goto(_url(built_site, site_url, scheme, "progress.html"))
    page.wait_for_function("document.querySelector('.md-nav__link[href$=\"review.html\"] .nm-due-badge') !== null")
    assert _badge(page) == "1 due"
    assert outside == [] and errors == []
    context.close()


def test_storage_that_fails_mid_visit_keeps_review_and_exam_working(browser, exam_site):
    """Quota reached: what was stored stays readable, every save fails. Review and a whole mock exam
    still work for the visit, and a notice says progress is not kept."""
    context, outside = _guarded(browser, "file")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    page.goto((exam_site / "exam.html").as_uri())
    bank = [q for q in _bank(exam_site) if q["type"] != "recall"]
    schedule, _ = _stale_schedule(bank[0]["id"], bank[0]["topic"])
    page.evaluate("s => localStorage.setItem('notemill-study-v1', JSON.stringify(s))", schedule)
    context.add_init_script("Storage.prototype.setItem = function () {"
                            " throw new DOMException('full', 'QuotaExceededError'); };")
    page.goto((exam_site / "review.html").as_uri())
    notice = page.locator(".nm-storage-notice")
    assert notice.is_visible() and "not keeping your progress" in notice.inner_text()
    q = page.locator("[data-nm-review-card] .nm-q")
    assert q.get_attribute("data-qid") == bank[0]["id"]
    _answer_any(q, right=True)
    if q.locator(".nm-check").is_enabled():
        q.locator(".nm-check").click()
    page.locator("[data-nm-review-after]").wait_for()
    assert "Rated Good" in page.locator("[data-nm-review-after]").inner_text()

    page.goto((exam_site / "exam.html").as_uri())
    assert page.locator(".nm-storage-notice").is_visible()
    page.locator("[data-nm-exam-begin]").click()
    cells = page.locator(".nm-exam-cell")
    assert cells.count() == 5
    _answer_any(page.locator(".nm-exam-quiz .nm-q").nth(0), right=True)
    assert "nm-exam-done" in cells.nth(0).get_attribute("class")
    cells.nth(2).click()
    page.locator("[data-nm-exam-flag]").click()
    assert "nm-exam-flagged" in cells.nth(2).get_attribute("class")
    page.once("dialog", lambda d: d.accept())
    page.locator("[data-nm-exam-submit]").click()
    assert page.locator("[data-nm-exam-score]").inner_text().startswith("1 of 5 right")
    assert errors == [] and outside == []
    context.close()


# ---- the loop on notes of other subjects ----

OTHER_NOTES = ["non_aws_biology", "kubernetes_ckad", "postgresql_dba"]


@pytest.fixture(scope="module", params=OTHER_NOTES)
def other_site(request, tmp_path_factory):
    from conftest import FIXTURES, mkdocs_build

    site = tmp_path_factory.mktemp(request.param) / "site"
    result = mkdocs_build(site, notes=[FIXTURES / "notes" / f"{request.param}.txt"])
    assert result.returncode == 0, result.stderr
    return site


def test_the_loop_works_on_other_subjects(browser, other_site):
    """Deck, ids, exam draw and Review built from other subjects' notes, then used in the browser."""
    from test_study import _collection

    bank = _bank(other_site)
    ids = [q["id"] for q in bank]
    assert len(ids) >= 10 and len(set(ids)) == len(ids)
    guids = [g for (g,) in _collection((other_site / "notemill-deck.apkg").read_bytes())
             .execute("select guid from notes order by id")]
    assert guids == ids
    listed = re.search(r'window\.notemillQuestionIds = "([^"]*)";', (other_site / "assets" /
                                                                    "notemill-question-ids.js").read_text())
    assert listed.group(1).split() == ids
    exam = (other_site / "exam.html").read_text()
    quotas = [int(n) for n in re.findall(r'data-quota="(\d+)"', exam)]
    scored = [q for q in bank if q["type"] != "recall"]  # a self-graded card is no exam question
    assert sum(quotas) == min(65, len(scored)) and f'data-count="{sum(quotas)}"' in exam

    context, outside = _guarded(browser, "file", viewport={"width": 390, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    outline = json.loads((other_site / "outline.json").read_text())["topics"]
    asked = re.compile(r'class="nm-q"[^>]*data-type="(?!recall)')
    slug = next(t["slug"] for t in outline if (other_site / "topics" / f"{t['slug']}.html").exists()
                and asked.search((other_site / "topics" / f"{t['slug']}.html").read_text()))
    page.goto((other_site / "topics" / f"{slug}.html").as_uri())
    q = page.locator(".nm-quiz .nm-q:not([data-type='recall'])").first
    _answer_any(q, right=False)
    q.locator(".nm-check").click()
    q.locator(".nm-rate-bar").wait_for()
    qid = q.get_attribute("data-qid")
    page.clock.fast_forward("05:00")
    page.goto((other_site / "index.html").as_uri())
    assert "1 question is due" in page.locator("[data-nm-home-due]").inner_text()
    page.goto((other_site / "review.html").as_uri())
    assert page.locator("[data-nm-review-card] .nm-q").get_attribute("data-qid") == qid
    page.goto((other_site / "exam.html").as_uri())
    page.locator("[data-nm-exam-begin]").click()
    assert page.locator(".nm-exam-cell").count() == sum(quotas)
    assert errors == [] and outside == []
    context.close()


def test_a_self_graded_card_on_review(browser, built_site):
    """A recall card due: Show answer, "I knew it", rated Good; "Coming up" counts it at once."""
    bank = _bank(built_site)
    recall = next((q for q in bank if q["type"] == "recall"), None)
    assert recall, "the bundled notes give recall cards"
    context, outside = _guarded(browser, "file")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.clock.install(time=START)
    page.goto((built_site / "review.html").as_uri())
    schedule, _ = _stale_schedule(recall["id"], recall["topic"])
    page.evaluate("s => localStorage.setItem('notemill-study-v1', JSON.stringify(s))", schedule)
    page.reload()
    q = page.locator("[data-nm-review-card] .nm-q")
    assert q.get_attribute("data-qid") == recall["id"]
    assert page.locator("[data-nm-f='today']").inner_text() == "0"
    _key(q.locator(".nm-check"))
    _key(q.locator(".nm-knew[data-knew='1']"))
    after = page.locator("[data-nm-review-after]")
    after.wait_for()
    assert "Rated Good" in after.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Next question"
    assert page.locator("[data-nm-f='today']").inner_text() == "1"
    assert errors == [] and outside == []
    context.close()
