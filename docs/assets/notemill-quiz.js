/* notemill self-check quizzes: check answers, say why, keep each answer per question.
 * Progress lives in localStorage (it works from file:// too); the Progress
 * page lists it, replays mistakes, lists hidden questions, resets, exports
 * and imports it. No framework, no request to any host.
 *
 * The contract other pages build on (Review, Exam):
 *   window.notemillQuiz.bind(rootEl, options)  wires every .nm-q under rootEl
 *     (markup: overrides/partials/notemill/question.html). options:
 *       deferFeedback: true  no Check buttons, no answers shown, no feedback
 *                            until the page calls reveal (exam mode);
 *       restore: bool        show each question's last saved answer
 *                            (default: true unless deferFeedback).
 *   window.notemillQuiz.grade(questionEl) -> {answered, correct, choice}
 *     reads the question's current answer; shows, records and sends nothing.
 *   window.notemillQuiz.setChoice(questionEl, choice) puts a choice (as grade
 *     returns it) back into the inputs; marks and records nothing.
 *   window.notemillQuiz.reveal(questionEl) -> the same, and marks the
 *     options, shows the feedback, records the answer and sends the event.
 * Every checked answer (Check button or reveal) dispatches on document:
 *   new CustomEvent("notemill:answered", {detail: {id, topic, type, correct}})
 */
(function () {
  "use strict";

  var KEY = "notemill-quiz-v1";
  var LETTERS = "abcdefghij";
  var memory = null; // used when localStorage is unavailable (private mode, blocked storage)

  function empty() {
    return { version: 1, answers: {}, mistakes: {}, hidden: {} };
  }

  function valid(data) {
    return data && typeof data === "object" && data.answers && typeof data.answers === "object" &&
      data.mistakes && typeof data.mistakes === "object";
  }

  function load() {
    var data;
    try {
      data = JSON.parse(window.localStorage.getItem(KEY) || "null");
    } catch (err) {
      data = memory;
    }
    data = valid(data) ? data : empty();
    if (!data.hidden || typeof data.hidden !== "object") data.hidden = {}; // progress saved before hiding existed
    return data;
  }

  function save(data) {
    memory = data;
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
    } catch (err) {
      /* storage full or blocked: the score lasts for this page view */
    }
  }

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function numbers(value) {
    return (value || "").split(" ").filter(Boolean).map(Number);
  }

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  /* ---- typed answers: case, spacing, punctuation and plurals do not count ---- */

  function singular(word) {
    if (/\d/.test(word) || word.length <= 3) return word;
    if (/ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/(ss|us|is)$/.test(word)) return word;
    if (/(x|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
    if (/s$/.test(word)) return word.slice(0, -1);
    return word;
  }

  function typedKey(value) {
    var s = String(value || "").normalize("NFKC").toLowerCase()
      .replace(/[\u2018\u2019'`\u201c\u201d"]/g, "")
      .replace(/(\d),(?=\d{3}\b)/g, "$1") // 10,000 = 10000
      .replace(/[^a-z0-9%$.]+/g, " ")
      .replace(/\.(?!\d)/g, " ")
      .trim();
    return s ? s.split(/\s+/).map(singular).join("") : "";
  }

  /* Right when the key is an accepted form's, or, for a long name without digits, a letter or two off
     (gen_cloze.typed_right takes the same steps). */
  function forgiven(want) {
    return want.length < 8 ? 0 : want.length < 14 ? 1 : 2;
  }

  function distance(a, b) {
    var row = [], i, j;
    for (j = 0; j <= b.length; j += 1) row.push(j);
    for (i = 1; i <= a.length; i += 1) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j += 1) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }

  function typedRight(typed, forms) {
    var key = typedKey(typed);
    if (!key) return false;
    return forms.some(function (form) {
      var want = typedKey(form);
      return key === want || (!/\d/.test(want) && distance(key, want) <= forgiven(want));
    });
  }

  function accepted(q) {
    try {
      var forms = JSON.parse(q.dataset.accept || "[]");
      return Array.isArray(forms) ? forms.map(String) : [];
    } catch (err) {
      return [];
    }
  }

  /* ---- one question ---- */

  function kind(q) {
    return q.dataset.type;
  }

  function chosen(q) {
    var type = kind(q);
    if (type === "order") {
      return Array.prototype.map.call(q.querySelectorAll(".nm-order-item"), function (li) {
        return Number(li.dataset.option);
      });
    }
    if (type === "cloze") {
      var input = q.querySelector(".nm-cloze-input");
      return input && input.value.trim() ? [input.value.trim()] : [];
    }
    if (type === "recall") { // self-graded: 1 "I knew it", 0 "Not yet"
      return q.dataset.knew === undefined ? [] : [Number(q.dataset.knew)];
    }
    if (type === "match") {
      return Array.prototype.map.call(q.querySelectorAll(".nm-match-select"), function (select) {
        return select.value === "" ? -1 : Number(select.value);
      });
    }
    return Array.prototype.filter.call(q.querySelectorAll(".nm-options input"), function (input) {
      return input.checked;
    }).map(function (input) { return Number(input.value); });
  }

  function same(a, b, ordered) {
    if (a.length !== b.length) return false;
    if (!ordered) {
      a = a.slice().sort();
      b = b.slice().sort();
    }
    return a.every(function (v, i) { return v === b[i]; });
  }

  /* What the reader has given, whether it is an answer at all, and whether it is right. */
  function grade(q) {
    var type = kind(q);
    var choice = chosen(q);
    var answers = numbers(q.dataset.answers);
    if (type === "cloze") {
      return { answered: choice.length > 0, correct: choice.length > 0 && typedRight(choice[0], accepted(q)), choice: choice };
    }
    if (type === "recall") {
      return { answered: choice.length > 0, correct: choice[0] === 1, choice: choice };
    }
    if (type === "match") {
      return {
        answered: choice.some(function (v) { return v >= 0; }),
        correct: same(choice, answers, true),
        choice: choice
      };
    }
    return { answered: choice.length > 0, correct: choice.length > 0 && same(choice, answers, type === "order"), choice: choice };
  }

  function optionText(q, index) {
    var type = kind(q);
    if (type === "order") {
      return text(q.querySelector('.nm-order-item[data-option="' + index + '"] .nm-order-text'));
    }
    if (type === "match") {
      var li = q.querySelector('.nm-match-options li[data-option="' + index + '"]');
      return li ? text(li) : "";
    }
    var input = q.querySelector('.nm-options input[value="' + index + '"]');
    return input ? text(input.parentNode) : "";
  }

  function answerText(q) {
    var type = kind(q);
    if (type === "cloze") return accepted(q)[0] || "";
    if (type === "recall") return text(q.querySelector(".nm-answer-text"));
    var answers = numbers(q.dataset.answers);
    if (type === "match") {
      var terms = q.querySelectorAll(".nm-match-term");
      return answers.map(function (i, row) { return text(terms[row]) + " → " + optionText(q, i); }).join("; ");
    }
    var joiner = type === "order" ? " → " : "; ";
    return answers.map(function (i) { return optionText(q, i); }).join(joiner);
  }

  function clearMarks(q) {
    each(q, ".nm-right, .nm-wrong", function (el) { el.classList.remove("nm-right", "nm-wrong"); });
  }

  function mark(q, picked, answers, correct) {
    var type = kind(q);
    clearMarks(q);
    if (type === "cloze" || type === "recall") {
      q.querySelector(type === "cloze" ? ".nm-cloze" : ".nm-recall").classList.add(correct ? "nm-right" : "nm-wrong");
      return;
    }
    if (type === "match") {
      each(q, ".nm-match-row", function (row, i) {
        row.classList.add(picked[i] === answers[i] ? "nm-right" : "nm-wrong");
      });
      return;
    }
    var order = type === "order";
    each(q, order ? ".nm-order-item" : ".nm-options li", function (li, pos) {
      var index = order ? Number(li.dataset.option) : pos;
      if (order) {
        li.classList.add(answers[pos] === index ? "nm-right" : "nm-wrong");
      } else if (answers.indexOf(index) >= 0) {
        li.classList.add("nm-right");
      } else if (picked.indexOf(index) >= 0) {
        li.classList.add("nm-wrong");
      }
    });
  }

  function why(q) {
    return Array.prototype.map.call(q.querySelectorAll(".nm-why q"), text).join(" ");
  }

  /* A wrong match says how many pairs were right and the right letter of each term, not every
     description again (they are on screen, lettered). */
  function matchVerdict(q, picked) {
    var answers = numbers(q.dataset.answers);
    var terms = q.querySelectorAll(".nm-match-term");
    var good = answers.filter(function (a, i) { return picked[i] === a; }).length;
    return "Not quite: " + good + " of " + answers.length + " matched. The answer is: " +
      answers.map(function (a, i) { return text(terms[i]) + " " + LETTERS[a]; }).join(", ") + ".";
  }

  function verdictText(q, right, picked) {
    var type = kind(q);
    if (type === "recall") {
      if (picked === null) return "The answer is: " + answerText(q) + ". Did you know it?";
      return (right ? "Right. You knew it: " : "Not quite. It comes back until you know it. The answer is: ") +
        answerText(q) + ".";
    }
    if (right) return "Right.";
    return type === "match" ? matchVerdict(q, picked || []) : "Not quite. The answer is: " + answerText(q) + ".";
  }

  function feedback(q, right, before, picked) {
    var box = q.querySelector(".nm-feedback");
    var source = q.querySelector(".nm-source");
    box.textContent = "";
    var verdict = document.createElement("p");
    // A recall card's answer before the student grades it is neither right nor wrong yet.
    verdict.className = picked === null ? "nm-verdict" : right ? "nm-verdict nm-verdict-right" :
      "nm-verdict nm-verdict-wrong";
    verdict.textContent = verdictText(q, right, picked) + (before ? " (Your answer from an earlier visit.)" : "");
    box.appendChild(verdict);
    var lines = Array.prototype.map.call(q.querySelectorAll(".nm-why q"), text);
    var explain = document.createElement("p");
    explain.className = "nm-explain";
    explain.appendChild(document.createTextNode(lines.length > 1 ? "Your notes say: " : "Your notes say: “" + lines[0] + "” "));
    if (source) {
      var link = document.createElement("a");
      link.href = source.getAttribute("href");
      link.textContent = "(" + text(source) + ")";
      explain.appendChild(link);
    }
    box.appendChild(explain);
    if (lines.length > 1) { // several lines (a list, four statements): one under the other
      var list = document.createElement("ul");
      list.className = "nm-explain-lines";
      lines.forEach(function (line) {
        var li = document.createElement("li");
        li.textContent = "“" + line + "”";
        list.appendChild(li);
      });
      box.appendChild(list);
    }
  }

  function titleOf(q) {
    var holder = q.closest("[data-title]");
    return holder ? holder.dataset.title : q.dataset.topic;
  }

  function record(q, result) {
    var data = load();
    var id = q.dataset.qid;
    var topic = q.dataset.topic;
    var previous = data.answers[id];
    data.answers[id] = {
      topic: topic, right: result.correct, tries: (previous ? previous.tries : 0) + 1,
      type: kind(q), choice: result.choice
    };
    if (result.correct) {
      delete data.mistakes[id];
    } else {
      var source = q.querySelector(".nm-source");
      data.mistakes[id] = {
        topic: topic,
        title: titleOf(q),
        context: text(q.querySelector(".nm-q-context")),
        stem: text(q.querySelector(".nm-q-stem")),
        answer: answerText(q),
        why: why(q),
        question: new URL("#" + q.id, window.location.href).href,
        source: source ? new URL(source.getAttribute("href"), window.location.href).href : ""
      };
    }
    save(data);
  }

  function announce(q, correct) {
    document.dispatchEvent(new CustomEvent("notemill:answered", {
      detail: { id: q.dataset.qid, topic: q.dataset.topic, type: kind(q), correct: correct }
    }));
  }

  /* Mark, explain, record and announce the question's current answer. */
  function reveal(q) {
    var result = grade(q);
    mark(q, result.choice, numbers(q.dataset.answers), result.correct);
    feedback(q, result.correct, false, result.choice);
    q.classList.add("nm-revealed");
    record(q, result);
    announce(q, result.correct);
    var root = q.closest(".nm-js");
    if (root) score(root);
    return result;
  }

  function score(root) {
    var el = root.querySelector("[data-nm-score]");
    if (!el) return;
    var data = load();
    var right = 0, answered = 0, hidden = 0;
    var questions = root.querySelectorAll(".nm-q");
    Array.prototype.forEach.call(questions, function (q) {
      var a = data.answers[q.dataset.qid];
      if (a) {
        answered += 1;
        if (a.right) right += 1;
      }
      if (data.hidden[q.dataset.qid]) hidden += 1;
    });
    el.textContent = (answered
      ? "Score: " + right + " right of " + questions.length + " questions (" + answered + " answered)."
      : "Score: none of " + questions.length + " questions answered yet.") +
      (hidden ? " " + hidden + " hidden (listed on the Progress page)." : "");
  }

  function move(button) {
    var li = button.closest(".nm-order-item");
    var list = li.parentNode;
    var step = Number(button.dataset.move);
    var other = step < 0 ? li.previousElementSibling : li.nextElementSibling;
    var q = li.closest(".nm-q");
    var box = q.querySelector(".nm-feedback");
    if (!other) {
      box.textContent = "Already " + (step < 0 ? "first." : "last.");
      return;
    }
    list.insertBefore(li, step < 0 ? other : other.nextElementSibling);
    Array.prototype.forEach.call(list.children, function (item) { item.classList.remove("nm-right", "nm-wrong"); });
    button.focus(); // the moved item keeps the focus, so it can move again
    var items = Array.prototype.indexOf.call(list.children, li) + 1;
    box.textContent = "Moved “" + text(li.querySelector(".nm-order-text")) + "” to position " + items +
      " of " + list.children.length + ".";
  }

  /* A recall card: show the answer and ask whether the student knew it (nothing is recorded yet). */
  function showRecall(q) {
    feedback(q, false, false, null);
    var grade = q.querySelector(".nm-recall-grade");
    grade.hidden = false;
    grade.querySelector(".nm-knew").focus();
  }

  function selfGrade(button) {
    var q = button.closest(".nm-q");
    q.dataset.knew = button.dataset.knew;
    q.querySelector(".nm-recall-grade").hidden = true;
    reveal(q);
    var check = q.querySelector(".nm-check");
    if (check) check.focus(); // the grade buttons are gone: keep the focus in the question
  }

  function check(q) {
    if (kind(q) === "recall") {
      showRecall(q);
      return;
    }
    var result = grade(q);
    var answers = numbers(q.dataset.answers);
    var box = q.querySelector(".nm-feedback");
    var type = kind(q);
    if (!result.answered) {
      box.textContent = type === "cloze" ? "Type an answer first." :
        type === "match" ? "Pick a letter for each term first." : "Choose an answer first.";
      return;
    }
    if (type === "match" && result.choice.indexOf(-1) >= 0) {
      box.textContent = "Pick a letter for every term (" + result.choice.filter(function (v) { return v < 0; }).length +
        " left).";
      return;
    }
    if ((type === "choose" || type === "twotrue") && result.choice.length !== answers.length) {
      box.textContent = "Choose exactly " + answers.length + " (you chose " + result.choice.length + ").";
      return;
    }
    reveal(q);
  }

  /* Set a question's inputs to a choice (as grade reads it back); nothing is marked or recorded. */
  function setChoice(q, choice) {
    if (!Array.isArray(choice) || !choice.length) return false; // saved before choices were kept
    var type = kind(q);
    if (type === "order") {
      var list = q.querySelector(".nm-order");
      choice.forEach(function (option) {
        var li = list.querySelector('.nm-order-item[data-option="' + Number(option) + '"]');
        if (li) list.appendChild(li);
      });
    } else if (type === "cloze") {
      q.querySelector(".nm-cloze-input").value = String(choice[0]);
    } else if (type === "recall") {
      q.dataset.knew = String(Number(choice[0]) === 1 ? 1 : 0);
    } else if (type === "match") {
      each(q, ".nm-match-select", function (select, i) {
        select.value = choice[i] >= 0 ? String(choice[i]) : "";
      });
    } else {
      each(q, ".nm-options input", function (input) {
        input.checked = choice.indexOf(Number(input.value)) >= 0;
      });
    }
    return true;
  }

  /* Put a saved answer back: the inputs as they were, marked, with the feedback. */
  function restore(q, saved) {
    if (!setChoice(q, saved.choice)) return;
    var result = grade(q);
    if (!result.answered) return;
    mark(q, result.choice, numbers(q.dataset.answers), result.correct);
    feedback(q, result.correct, true, result.choice);
  }

  /* ---- hiding a question (a wrong or stale one): kept in this browser, undone here or on Progress ---- */

  function number(q) {
    var n = q.querySelector(".nm-q-num");
    return n ? text(n) : "This question";
  }

  function setHidden(q, hidden, focus) {
    var note = q.querySelector(".nm-hidden-note");
    q.classList.toggle("nm-hidden", hidden);
    if (hidden && !note) {
      note = document.createElement("p");
      note.className = "nm-hidden-note";
      note.appendChild(document.createTextNode(number(q) + " is hidden in this browser. "));
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "nm-unhide";
      undo.textContent = "Show it again";
      note.appendChild(undo);
      q.insertBefore(note, q.firstChild);
    } else if (!hidden && note) {
      note.remove();
    }
    if (focus) {
      var target = q.querySelector(hidden ? ".nm-unhide" : ".nm-hide");
      if (target) target.focus();
    }
  }

  function hide(q, hidden) {
    var data = load();
    var id = q.dataset.qid;
    if (hidden) {
      data.hidden[id] = {
        topic: q.dataset.topic,
        title: titleOf(q),
        stem: text(q.querySelector(".nm-q-stem")),
        question: new URL("#" + q.id, window.location.href).href
      };
    } else {
      delete data.hidden[id];
    }
    save(data);
    setHidden(q, hidden, true);
    var root = q.closest(".nm-js");
    if (root) score(root);
  }

  /* ---- binding a set of questions ---- */

  function bind(root, options) {
    options = options || {};
    if (!root || root.dataset.nmBound) return root;
    root.dataset.nmBound = "1";
    var defer = !!options.deferFeedback;
    var restoring = options.restore === undefined ? !defer : !!options.restore;
    root.classList.add("nm-js");
    if (defer) root.classList.add("nm-defer");
    root.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !root.contains(button)) return;
      var q = button.closest(".nm-q");
      if (!q) return;
      if (button.classList.contains("nm-move")) move(button);
      else if (button.classList.contains("nm-check") && !defer) check(q);
      else if (button.classList.contains("nm-knew")) selfGrade(button);
      else if (button.classList.contains("nm-hide")) hide(q, true);
      else if (button.classList.contains("nm-unhide")) hide(q, false);
    });
    root.addEventListener("keydown", function (event) {
      // Enter in a typed answer checks it, as in any one-field form.
      if (event.key === "Enter" && event.target.classList.contains("nm-cloze-input") && !defer) {
        event.preventDefault();
        check(event.target.closest(".nm-q"));
      }
    });
    var data = load();
    each(root, ".nm-q", function (q) {
      var id = q.dataset.qid;
      if (restoring && data.answers[id]) restore(q, data.answers[id]);
      if (data.hidden[id]) setHidden(q, true, false);
    });
    score(root);
    return root;
  }

  /* ---- the Progress page ---- */

  function setUpProgress(page) {
    var status = page.querySelector("[data-nm-status]");

    function render() {
      var data = load();
      var total = 0, right = 0, answered = 0;
      var known = {};
      each(page, "tr[data-topic]", function (row) {
        var ids = idsOf(row.dataset.ids);
        var r = 0, a = 0;
        ids.forEach(function (id) {
          known[id] = row;
          var entry = data.answers[id];
          if (entry) {
            a += 1;
            if (entry.right) r += 1;
          }
        });
        total += ids.length;
        right += r;
        answered += a;
        row.querySelector("[data-nm-right]").textContent = a ? r + " of " + ids.length : "–";
        row.querySelector("[data-nm-answered]").textContent = a ? String(a) : "–";
      });
      page.querySelector("[data-nm-total]").textContent = "Overall: " + right + " right, " + answered +
        " answered, of " + total + " questions.";
      renderMistakes(data, known);
      renderHidden(data, known);
    }

    function renderMistakes(data, known) {
      var box = page.querySelector("[data-nm-mistakes]");
      box.textContent = "";
      var ids = Object.keys(data.mistakes).filter(function (id) { return known[id] && !data.hidden[id]; });
      if (!ids.length) {
        var none = document.createElement("p");
        none.textContent = "No mistakes recorded in this browser.";
        box.appendChild(none);
        return;
      }
      var list = document.createElement("ol");
      list.className = "nm-mistake-list";
      ids.forEach(function (id) {
        var m = data.mistakes[id];
        var li = document.createElement("li");
        var head = document.createElement("p");
        var strong = document.createElement("strong");
        strong.textContent = m.title || m.topic;
        head.appendChild(strong);
        head.appendChild(document.createTextNode(" · " + (m.context || "")));
        var stem = document.createElement("p");
        stem.textContent = m.stem;
        var answer = document.createElement("p");
        answer.textContent = "Answer: " + m.answer;
        var said = document.createElement("p");
        said.textContent = "Your notes say: “" + m.why + "” ";
        var links = document.createElement("p");
        links.appendChild(link(m.question, "Try it again"));
        if (m.source) {
          links.appendChild(document.createTextNode(" · "));
          links.appendChild(link(m.source, "Read the notes line"));
        }
        [head, stem, answer, said, links].forEach(function (el) { li.appendChild(el); });
        list.appendChild(li);
      });
      box.appendChild(list);
    }

    function renderHidden(data, known) {
      var box = page.querySelector("[data-nm-hidden]");
      if (!box) return;
      box.textContent = "";
      var ids = Object.keys(data.hidden).filter(function (id) { return known[id]; });
      if (!ids.length) {
        var none = document.createElement("p");
        none.textContent = "No hidden questions.";
        box.appendChild(none);
        return;
      }
      var list = document.createElement("ul");
      list.className = "nm-hidden-list";
      ids.forEach(function (id) {
        var h = data.hidden[id];
        var li = document.createElement("li");
        var strong = document.createElement("strong");
        strong.textContent = h.title || h.topic;
        li.appendChild(strong);
        li.appendChild(document.createTextNode(" · " + (h.stem || "") + " "));
        li.appendChild(link(h.question, "See it"));
        li.appendChild(document.createTextNode(" "));
        var undo = document.createElement("button");
        undo.type = "button";
        undo.className = "nm-button nm-unhide-id";
        undo.dataset.qid = id;
        undo.textContent = "Show it again";
        undo.setAttribute("aria-label", "Show it again: " + (h.stem || id));
        li.appendChild(undo);
        list.appendChild(li);
      });
      box.appendChild(list);
    }

    function idsOf(value) {
      return (value || "").split(" ").filter(Boolean);
    }

    function link(href, label) {
      var a = document.createElement("a");
      // Only links this site wrote: same scheme as the page (http(s) or file).
      try {
        var url = new URL(href, window.location.href);
        if (url.protocol === window.location.protocol) a.href = url.href;
      } catch (err) {
        /* a bad link in imported data is shown as text */
      }
      a.textContent = label;
      return a;
    }

    page.addEventListener("click", function (event) {
      var button = event.target.closest(".nm-unhide-id");
      if (!button) return;
      var data = load();
      delete data.hidden[button.dataset.qid];
      save(data);
      render();
      status.textContent = "The question is shown again on its topic page.";
    });

    page.querySelector("[data-nm-reset]").addEventListener("click", function () {
      if (!window.confirm("Reset all quiz progress kept in this browser?")) return;
      save(empty());
      render();
      status.textContent = "Progress reset.";
    });

    page.querySelector("[data-nm-export]").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "notemill-progress.json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      status.textContent = "Progress exported to notemill-progress.json.";
    });

    page.querySelector("[data-nm-import]").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        try {
          var data = JSON.parse(String(reader.result));
          if (!valid(data)) throw new Error("not a notemill progress file");
          var hidden = data.hidden && typeof data.hidden === "object" ? data.hidden : {};
          save({ version: 1, answers: data.answers, mistakes: data.mistakes, hidden: hidden });
          render();
          status.textContent = "Progress imported from " + file.name + ".";
        } catch (err) {
          status.textContent = "Could not import " + file.name + ": it is not a progress file exported here.";
        }
        event.target.value = "";
      };
      reader.readAsText(file);
    });

    render();
  }

  window.notemillQuiz = { bind: bind, grade: grade, reveal: reveal, setChoice: setChoice, typedKey: typedKey,
    typedRight: typedRight };

  function start() {
    each(document, ".nm-quiz", function (quiz) { bind(quiz); });
    var progress = document.querySelector("[data-nm-progress]");
    if (progress) setUpProgress(progress);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
