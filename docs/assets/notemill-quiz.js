/* notemill self-check quizzes: check answers, say why, keep a score per topic.
 * Progress lives in localStorage (it works from file:// too); the Progress
 * page lists it, replays mistakes, resets, exports and imports it.
 * No framework, no request to any host. */
(function () {
  "use strict";

  var KEY = "notemill-quiz-v1";
  var memory = null; // used when localStorage is unavailable (private mode, blocked storage)

  function empty() {
    return { version: 1, answers: {}, mistakes: {} };
  }

  function valid(data) {
    return data && typeof data === "object" && data.answers && typeof data.answers === "object" &&
      data.mistakes && typeof data.mistakes === "object";
  }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return valid(data) ? data : empty();
    } catch (err) {
      return memory || empty();
    }
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

  /* ---- one question ---- */

  function chosen(q) {
    if (q.dataset.type === "order") {
      return Array.prototype.map.call(q.querySelectorAll(".nm-order-item"), function (li) {
        return Number(li.dataset.option);
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

  function optionText(q, index) {
    if (q.dataset.type === "order") {
      return text(q.querySelector('.nm-order-item[data-option="' + index + '"] .nm-order-text'));
    }
    var input = q.querySelector('.nm-options input[value="' + index + '"]');
    return input ? text(input.parentNode) : "";
  }

  function answerText(q) {
    var answers = numbers(q.dataset.answers);
    var joiner = q.dataset.type === "order" ? " → " : "; ";
    return answers.map(function (i) { return optionText(q, i); }).join(joiner);
  }

  function mark(q, picked, answers) {
    var order = q.dataset.type === "order";
    Array.prototype.forEach.call(q.querySelectorAll(order ? ".nm-order-item" : ".nm-options li"), function (li, pos) {
      var index = order ? Number(li.dataset.option) : pos;
      li.classList.remove("nm-right", "nm-wrong");
      if (order) {
        li.classList.add(answers[pos] === index ? "nm-right" : "nm-wrong");
      } else if (answers.indexOf(index) >= 0) {
        li.classList.add("nm-right");
      } else if (picked.indexOf(index) >= 0) {
        li.classList.add("nm-wrong");
      }
    });
  }

  function feedback(q, right) {
    var box = q.querySelector(".nm-feedback");
    var source = q.querySelector(".nm-source");
    var why = Array.prototype.map.call(q.querySelectorAll(".nm-why q"), text).join(" ");
    box.textContent = "";
    var verdict = document.createElement("p");
    verdict.className = right ? "nm-verdict nm-verdict-right" : "nm-verdict nm-verdict-wrong";
    verdict.textContent = right ? "Right." : "Not quite. The answer is: " + answerText(q) + ".";
    box.appendChild(verdict);
    var explain = document.createElement("p");
    explain.className = "nm-explain";
    explain.appendChild(document.createTextNode("Your notes say: “" + why + "” "));
    if (source) {
      var link = document.createElement("a");
      link.href = source.getAttribute("href");
      link.textContent = "(" + text(source) + ")";
      explain.appendChild(link);
    }
    box.appendChild(explain);
  }

  function record(q, quiz, right) {
    var data = load();
    var id = q.dataset.qid;
    var topic = quiz.dataset.topic;
    var previous = data.answers[id];
    data.answers[id] = { topic: topic, right: right, tries: (previous ? previous.tries : 0) + 1 };
    if (right) {
      delete data.mistakes[id];
    } else {
      var source = q.querySelector(".nm-source");
      data.mistakes[id] = {
        topic: topic,
        title: quiz.dataset.title,
        context: text(q.querySelector(".nm-q-context")),
        stem: text(q.querySelector(".nm-q-stem")),
        answer: answerText(q),
        why: Array.prototype.map.call(q.querySelectorAll(".nm-why q"), text).join(" "),
        question: new URL("#" + q.id, window.location.href).href,
        source: source ? new URL(source.getAttribute("href"), window.location.href).href : ""
      };
    }
    save(data);
  }

  function score(quiz) {
    var data = load();
    var right = 0, answered = 0;
    var questions = quiz.querySelectorAll(".nm-q");
    Array.prototype.forEach.call(questions, function (q) {
      var a = data.answers[q.dataset.qid];
      if (a) {
        answered += 1;
        if (a.right) right += 1;
      }
    });
    var el = quiz.querySelector("[data-nm-score]");
    el.textContent = answered
      ? "Score: " + right + " right of " + questions.length + " questions (" + answered + " answered)."
      : "Score: none of " + questions.length + " questions answered yet.";
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

  function check(q, quiz) {
    var picked = chosen(q);
    var answers = numbers(q.dataset.answers);
    var box = q.querySelector(".nm-feedback");
    if (!picked.length) {
      box.textContent = "Choose an answer first.";
      return;
    }
    if (q.dataset.type === "choose" && picked.length !== answers.length) {
      box.textContent = "Choose exactly " + answers.length + " (you chose " + picked.length + ").";
      return;
    }
    var right = same(picked, answers, q.dataset.type === "order");
    mark(q, picked, answers);
    feedback(q, right);
    record(q, quiz, right);
    score(quiz);
  }

  function setUpQuiz(quiz) {
    quiz.classList.add("nm-js");
    quiz.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !quiz.contains(button)) return;
      if (button.classList.contains("nm-move")) move(button);
      if (button.classList.contains("nm-check")) check(button.closest(".nm-q"), quiz);
    });
    score(quiz);
  }

  /* ---- the Progress page ---- */

  function setUpProgress(page) {
    var status = page.querySelector("[data-nm-status]");

    function render() {
      var data = load();
      var total = 0, right = 0, answered = 0;
      var known = {};
      Array.prototype.forEach.call(page.querySelectorAll("tr[data-topic]"), function (row) {
        var ids = numbersOrIds(row.dataset.ids);
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
      var box = page.querySelector("[data-nm-mistakes]");
      box.textContent = "";
      var ids = Object.keys(data.mistakes).filter(function (id) { return known[id]; });
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
        var why = document.createElement("p");
        why.textContent = "Your notes say: “" + m.why + "” ";
        var links = document.createElement("p");
        links.appendChild(link(m.question, "Try it again"));
        if (m.source) {
          links.appendChild(document.createTextNode(" · "));
          links.appendChild(link(m.source, "Read the notes line"));
        }
        [head, stem, answer, why, links].forEach(function (el) { li.appendChild(el); });
        list.appendChild(li);
      });
      box.appendChild(list);
    }

    function numbersOrIds(value) {
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
          save({ version: 1, answers: data.answers, mistakes: data.mistakes });
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

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".nm-quiz"), setUpQuiz);
    var progress = document.querySelector("[data-nm-progress]");
    if (progress) setUpProgress(progress);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
