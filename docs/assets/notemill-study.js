/* notemill study loop: every answered question becomes a card scheduled with FSRS (npm ts-fsrs,
 * served by the site itself), due counts in the navigation, on the home page and on each topic,
 * the Review page (due questions one at a time, replay of mistakes) and the home page's panel.
 *
 * It builds on notemill-quiz.js: it listens to "notemill:answered" and reuses
 * window.notemillQuiz.bind for the questions it shows. Everything is kept in this browser's
 * localStorage under its own key; nothing is sent anywhere, and it works from file:// too.
 */
(function () {
  "use strict";

  var KEY = "notemill-study-v1";
  var QUIZ_KEY = "notemill-quiz-v1"; // notemill-quiz.js: answers, mistakes, hidden questions
  var VERSION = 1;
  var HOUR = 3600 * 1000;
  var RATINGS = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };
  var memory = null; // the data when storage fails, for this page view
  var storageFailed = false;

  var script = document.currentScript;
  // The site's root, from this script's own address (assets/notemill-study.js): links and ts-fsrs.
  var ROOT = script ? script.src.replace(/assets\/notemill-study\.js(\?.*)?$/, "") : "";

  function empty() {
    return { version: VERSION, cards: {}, exams: [], last: null };
  }

  function valid(data) {
    return !!data && typeof data === "object" && data.version === VERSION && data.cards &&
      typeof data.cards === "object" && Array.isArray(data.exams);
  }

  function load() {
    var data = memory;
    try {
      data = JSON.parse(window.localStorage.getItem(KEY) || "null") || memory;
    } catch (err) {
      storageProblem();
    }
    return valid(data) ? data : empty();
  }

  function save(data) {
    memory = data;
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
    } catch (err) {
      storageProblem();
    }
  }

  function quizData() {
    var data = null;
    try {
      data = JSON.parse(window.localStorage.getItem(QUIZ_KEY) || "null");
    } catch (err) {
      data = null;
    }
    data = data && typeof data === "object" ? data : {};
    return { answers: data.answers || {}, mistakes: data.mistakes || {}, hidden: data.hidden || {} };
  }

  /* Storage that fails (private mode, quota, blocked) is said once, visibly; the page keeps working. */
  function storageProblem() {
    if (storageFailed) return;
    storageFailed = true;
    var show = function () {
      if (document.querySelector(".nm-storage-notice")) return;
      var box = document.createElement("p");
      box.className = "nm-storage-notice";
      box.setAttribute("role", "alert");
      box.textContent = "This browser is not keeping your progress for this site (private mode, storage " +
        "full or blocked): your answers and review schedule last only until you leave this page.";
      var main = document.querySelector(".md-content__inner") || document.body;
      main.insertBefore(box, main.firstChild);
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
    else show();
  }

  function probeStorage() {
    try {
      var probe = KEY + "-probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
    } catch (err) {
      storageProblem();
    }
  }

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  /* ---- FSRS (ts-fsrs, loaded only when a card is scheduled) ---- */

  var scheduler = null;

  function withFsrs(callback) {
    if (window.FSRS) return callback(window.FSRS);
    var tag = document.querySelector("script[data-nm-fsrs]");
    if (!tag) {
      tag = document.createElement("script");
      tag.src = ROOT + "assets/javascripts/ts-fsrs.js";
      tag.dataset.nmFsrs = "1";
      document.head.appendChild(tag);
    }
    tag.addEventListener("load", function () { callback(window.FSRS); });
  }

  function fsrsOf(F) {
    // No fuzz: the same answers at the same times give the same schedule (and testable due dates).
    if (!scheduler) scheduler = F.fsrs(F.generatorParameters({ enable_fuzz: false }));
    return scheduler;
  }

  function revive(F, stored, now) {
    if (!stored) return F.createEmptyCard(now);
    var card = {};
    Object.keys(stored).forEach(function (k) { card[k] = stored[k]; });
    card.due = new Date(stored.due);
    if (stored.last_review) card.last_review = new Date(stored.last_review);
    return card;
  }

  function plain(card) {
    var out = {};
    Object.keys(card).forEach(function (k) {
      var v = card[k];
      out[k] = v instanceof Date ? v.toISOString() : v;
    });
    return out;
  }

  /* Schedule question ``id`` from its card before this answer (``prev``), as of ``at``. */
  function rate(id, topic, rating, callback) {
    withFsrs(function (F) {
      var data = load();
      var entry = data.cards[id];
      var now = new Date();
      var base = entry && entry.pending ? entry.prev : entry ? entry.card : null;
      var at = entry && entry.pending ? new Date(entry.answered) : now;
      var next = fsrsOf(F).next(revive(F, base, at), at, rating).card;
      data.cards[id] = {
        topic: topic, card: plain(next), prev: base, answered: at.toISOString(), rating: rating,
        pending: true // the rating may still change until the next answer of this card
      };
      save(data);
      refreshCounts();
      if (callback) callback(data.cards[id]);
    });
  }

  /* A new answer of the card: the last one's rating is final. */
  function answered(id, topic, correct, callback) {
    var data = load();
    if (data.cards[id]) {
      data.cards[id].pending = false;
      save(data);
    }
    rate(id, topic, correct ? 3 : 1, callback);
  }

  function dueOf(entry) {
    return new Date(entry.card.due).getTime();
  }

  /* The ids the schedule knows that are still questions of the site and not hidden. */
  function liveIds(known) {
    var data = load();
    var hidden = quizData().hidden;
    return Object.keys(data.cards).filter(function (id) {
      return (!known || known[id]) && !hidden[id];
    });
  }

  /* Questions whose id disappeared (notes edited) leave the schedule quietly. */
  function prune(known) {
    var data = load();
    var gone = Object.keys(data.cards).filter(function (id) { return !known[id]; });
    if (!gone.length) return;
    gone.forEach(function (id) { delete data.cards[id]; });
    save(data);
  }

  function dueIds(known, topic) {
    var data = load();
    var now = Date.now();
    return liveIds(known).filter(function (id) {
      return dueOf(data.cards[id]) <= now && (!topic || data.cards[id].topic === topic);
    }).sort(function (a, b) { return dueOf(data.cards[a]) - dueOf(data.cards[b]); });
  }

  function endOfDay(offset) {
    var d = new Date();
    d.setHours(24 * (offset + 1), 0, 0, 0);
    return d.getTime();
  }

  function forecast(known) {
    var data = load();
    var now = Date.now();
    var out = { today: 0, tomorrow: 0, week: 0 };
    liveIds(known).forEach(function (id) {
      var due = dueOf(data.cards[id]);
      if (due <= now) return;
      if (due < endOfDay(0)) out.today += 1;
      else if (due < endOfDay(1)) out.tomorrow += 1;
      else if (due < endOfDay(6)) out.week += 1;
    });
    return out;
  }

  function when(entry) {
    var ms = dueOf(entry) - Date.now();
    if (ms <= 60 * 1000) return "now";
    if (ms < HOUR) return "in " + Math.round(ms / 60000) + " minutes";
    if (ms < 24 * HOUR) return "in " + Math.round(ms / HOUR) + " hours";
    var days = Math.round(ms / (24 * HOUR));
    return days === 1 ? "tomorrow" : "in " + days + " days";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* ---- counts in the navigation and on topic pages ---- */

  function refreshCounts() {
    var due = dueIds(null).length;
    each(document, ".md-nav__link[href$='review.html']", function (link) {
      var badge = link.querySelector(".nm-due-badge");
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "nm-due-badge";
        link.appendChild(badge);
      }
      badge.textContent = due ? due + " due" : "";
      badge.hidden = !due;
    });
    each(document, ".nm-quiz[data-topic]", topicDue);
    var home = document.querySelector("[data-nm-home]");
    if (home) homeDue(home);
  }

  function topicDue(quiz) {
    if (quiz.closest("[data-nm-review]")) return;
    var slug = quiz.dataset.topic;
    var ids = {};
    each(quiz, ".nm-q", function (q) { ids[q.dataset.qid] = true; });
    var data = load();
    var due = dueIds(null, slug).length;
    var mistakes = Object.keys(quizData().mistakes).filter(function (id) {
      return quizData().mistakes[id].topic === slug && !quizData().hidden[id];
    }).length;
    var line = quiz.querySelector(".nm-topic-due");
    if (!line) {
      line = document.createElement("p");
      line.className = "nm-topic-due";
      var intro = quiz.querySelector(".nm-quiz-intro");
      quiz.insertBefore(line, intro ? intro.nextSibling : quiz.firstChild);
    }
    line.textContent = "";
    var scheduled = Object.keys(data.cards).filter(function (id) { return data.cards[id].topic === slug; }).length;
    if (!due && !mistakes) {
      line.hidden = !scheduled;
      line.textContent = scheduled ? "None of this topic's questions is due for review now." : "";
      return;
    }
    line.hidden = false;
    if (due) {
      line.appendChild(document.createTextNode(plural(due, "question", "questions") + " of this topic " +
        (due === 1 ? "is" : "are") + " due for review: "));
      line.appendChild(anchor(ROOT + "review.html?topic=" + encodeURIComponent(slug), "review them"));
      line.appendChild(document.createTextNode(". "));
    }
    if (mistakes) {
      line.appendChild(anchor(ROOT + "review.html?mode=mistakes&topic=" + encodeURIComponent(slug),
        "Replay my " + plural(mistakes, "mistake", "mistakes") + " here"));
      line.appendChild(document.createTextNode("."));
    }
  }

  function anchor(href, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    return a;
  }

  /* ---- rating after an answer on a topic page ---- */

  function rateBar(q, entry) {
    var bar = q.querySelector(".nm-rate-bar");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "nm-rate-bar";
      var label = document.createElement("p");
      label.className = "nm-rate-when";
      label.id = q.id + "-when";
      bar.appendChild(label);
      var group = document.createElement("p");
      group.className = "nm-rate";
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", label.id);
      [1, 2, 3, 4].forEach(function (r) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "nm-button nm-rate-button";
        b.dataset.nmRating = String(r);
        b.textContent = RATINGS[r];
        group.appendChild(b);
      });
      bar.appendChild(group);
      var feedback = q.querySelector(".nm-feedback");
      q.insertBefore(bar, feedback ? feedback.nextSibling : null);
      bar.addEventListener("click", function (event) {
        var b = event.target.closest("[data-nm-rating]");
        if (!b) return;
        rate(q.dataset.qid, q.dataset.topic, Number(b.dataset.nmRating), function (e) { rateBar(q, e); });
      });
    }
    bar.querySelector(".nm-rate-when").textContent = "Rated " + RATINGS[entry.rating] + ": it comes back for review " +
      when(entry) + ". Rate it yourself if you like:";
    each(bar, "[data-nm-rating]", function (b) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.nmRating) === entry.rating));
    });
  }

  document.addEventListener("notemill:answered", function (event) {
    var d = event.detail || {};
    if (!d.id) return;
    var q = document.getElementById("nm-q-" + d.id);
    var inReview = q && q.closest("[data-nm-review]");
    var inExam = q && q.closest("[data-nm-exam]");
    answered(d.id, d.topic, !!d.correct, function (entry) {
      if (q && !inReview && !inExam) rateBar(q, entry);
      if (inReview) review.after(entry);
    });
  });

  /* ---- the Review page ---- */

  var review = { after: function () {} };

  function topicList(root) {
    var out = {};
    each(root, ".nm-topic-data li", function (li) {
      out[li.dataset.slug] = { slug: li.dataset.slug, title: li.textContent, url: li.dataset.url, ids: words(li.dataset.ids) };
    });
    return out;
  }

  function setUpReview(root) {
    var markup = window.notemillQuestionMarkup || {};
    var known = {};
    Object.keys(markup).forEach(function (id) { known[id] = true; });
    prune(known);
    var topics = topicList(root);
    var params = new URLSearchParams(window.location.search);
    var mode = params.get("mode") === "mistakes" ? "mistakes" : "due";
    var topic = topics[params.get("topic")] ? params.get("topic") : "";
    var status = root.querySelector("[data-nm-review-status]");
    var holder = root.querySelector("[data-nm-review-card]");
    var after = root.querySelector("[data-nm-review-after]");
    var queue = [];
    var current = null;
    var done = 0;
    var dataTitle = function (slug) { return topics[slug] ? topics[slug].title : slug; };

    each(root, "[data-nm-mode]", function (a) {
      if (a.dataset.nmMode === mode) a.setAttribute("aria-current", "page");
    });

    function mistakeIds() {
      var quiz = quizData();
      return Object.keys(quiz.mistakes).filter(function (id) {
        return known[id] && !quiz.hidden[id] && (!topic || quiz.mistakes[id].topic === topic);
      });
    }

    function fill() {
      queue = mode === "mistakes" ? mistakeIds() : dueIds(known, topic);
    }

    function scope() {
      return topic ? " in " + dataTitle(topic) : "";
    }

    function show() {
      holder.textContent = "";
      after.hidden = true;
      current = queue.shift() || null;
      renderForecast();
      renderReplay();
      if (!current) {
        status.textContent = mode === "mistakes"
          ? (done ? "Every mistake" + scope() + " is now answered right once. Well done." : "No mistakes to replay" + scope() + ".")
          : (done ? "That was the last question due" + scope() + ". " : "Nothing is due" + scope() + " now. ") + nextDue();
        return;
      }
      var left = queue.length + 1;
      status.textContent = (mode === "mistakes" ? "Replaying mistakes" : "Due now") + scope() + ": " +
        plural(left, "question", "questions") + " left.";
      var wrap = document.createElement("div");
      var slug = (load().cards[current] || quizData().mistakes[current] || {}).topic || "";
      wrap.className = "nm-quiz nm-review-quiz";
      wrap.dataset.title = dataTitle(slug);
      var list = document.createElement("ol");
      list.className = "nm-quiz-questions";
      list.innerHTML = markup[current]; // rendered by the build from question.html, text escaped there
      wrap.appendChild(list);
      var asked = list.querySelector(".nm-q");
      // A "which topic" question asks for the topic: naming it above the question would give the answer.
      if (!asked || asked.dataset.type !== "topic") {
        var title = document.createElement("p");
        title.className = "nm-review-topic";
        title.appendChild(document.createTextNode("From "));
        if (topics[slug]) title.appendChild(anchor(topics[slug].url, topics[slug].title));
        holder.appendChild(title);
      }
      holder.appendChild(wrap);
      window.notemillQuiz.bind(wrap, { restore: false });
      var first = wrap.querySelector("input, select, button");
      if (first && started) first.focus();
    }

    function nextDue() {
      var f = forecast(known);
      var total = f.today + f.tomorrow + f.week;
      return total ? "Coming up: " + f.today + " later today, " + f.tomorrow + " tomorrow, " + f.week +
        " later this week." : "Answer questions on the topic pages to add them to your review.";
    }

    function renderForecast() {
      var f = forecast(known);
      each(root, "[data-nm-f]", function (el) { el.textContent = String(f[el.dataset.nmF]); });
    }

    function renderReplay() {
      var box = root.querySelector("[data-nm-replay-topics]");
      var quiz = quizData();
      var counts = {};
      Object.keys(quiz.mistakes).forEach(function (id) {
        if (!known[id] || quiz.hidden[id]) return;
        var slug = quiz.mistakes[id].topic;
        counts[slug] = (counts[slug] || 0) + 1;
      });
      var slugs = Object.keys(topics).filter(function (s) { return counts[s]; });
      box.textContent = "";
      if (!slugs.length) {
        var none = document.createElement("p");
        none.textContent = "No mistakes recorded in this browser.";
        box.appendChild(none);
        return;
      }
      var ul = document.createElement("ul");
      var all = document.createElement("li");
      all.appendChild(anchor("review.html?mode=mistakes", "All topics"));
      all.appendChild(document.createTextNode(": " + plural(Object.keys(counts).reduce(function (n, s) {
        return n + counts[s];
      }, 0), "mistake", "mistakes")));
      ul.appendChild(all);
      slugs.forEach(function (s) {
        var li = document.createElement("li");
        li.appendChild(anchor("review.html?mode=mistakes&topic=" + encodeURIComponent(s), topics[s].title));
        li.appendChild(document.createTextNode(": " + plural(counts[s], "mistake", "mistakes")));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }

    review.after = function (entry) {
      if (!current) return;
      var q = holder.querySelector(".nm-q");
      if (!q || q.dataset.qid !== current) return;
      var first = after.hidden;
      after.hidden = false;
      root.querySelector("[data-nm-review-when]").textContent = "Rated " + RATINGS[entry.rating] +
        ": it comes back " + when(entry) + ".";
      each(after, "[data-nm-rating]", function (b) {
        b.setAttribute("aria-pressed", String(Number(b.dataset.nmRating) === entry.rating));
      });
      if (first) {
        done += 1;
        // A mistake replayed wrong comes back at the end of this round, until it is right once.
        if (mode === "mistakes" && entry.rating === 1 && queue.indexOf(current) < 0) queue.push(current);
        q.querySelector(".nm-check").disabled = true;
        root.querySelector("[data-nm-review-next]").focus();
      }
    };

    after.addEventListener("click", function (event) {
      var b = event.target.closest("[data-nm-rating]");
      if (b && current) {
        rate(current, (load().cards[current] || {}).topic, Number(b.dataset.nmRating), review.after);
      }
      if (event.target.closest("[data-nm-review-next]")) {
        started = true;
        show();
      }
    });

    var started = false;
    fill();
    show();
    started = true;
  }


  /* ---- the mock exam ---- */

  /* A small seeded generator (mulberry32): the same seed, the same draw, in any browser. */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(list, random) {
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(random() * (i + 1));
      var tmp = out[i]; out[i] = out[j]; out[j] = tmp;
    }
    return out;
  }

  /* Each topic's quota (fixed by the build) of its questions, picked and ordered by the seed. */
  function draw(topics, seed) {
    var random = seeded(seed);
    var ids = [];
    topics.forEach(function (t) {
      ids = ids.concat(shuffled(t.ids, random).slice(0, t.quota));
    });
    return shuffled(ids, random);
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" + two(m) : String(m)) + ":" + two(sec);
  }

  function setUpExam(root) {
    var markup = window.notemillQuestionMarkup || {};
    var minutes = Number(root.dataset.minutes);
    var passMark = Number(root.dataset.pass);
    var topics = [];
    var topicOf = {};
    each(root, ".nm-topic-data li", function (li) {
      var t = { slug: li.dataset.slug, title: li.textContent, url: li.dataset.url, category: li.dataset.category,
        quota: Number(li.dataset.quota), ids: words(li.dataset.ids).filter(function (id) { return markup[id]; }) };
      topics.push(t);
      t.ids.forEach(function (id) { topicOf[id] = t; });
    });
    var start = root.querySelector("[data-nm-exam-start]");
    var run = root.querySelector("[data-nm-exam-run]");
    var result = root.querySelector("[data-nm-exam-result]");
    var holder = root.querySelector("[data-nm-exam-questions]");
    var grid = root.querySelector("[data-nm-exam-grid]");
    var timer = root.querySelector("[data-nm-exam-timer]");
    var status = root.querySelector("[data-nm-exam-status]");
    var body = root.querySelector("[data-nm-exam-body]");
    var pausedBox = root.querySelector("[data-nm-exam-paused]");
    var pauseButton = root.querySelector("[data-nm-exam-pause]");
    var flagButton = root.querySelector("[data-nm-exam-flag]");
    var wrap = null;
    var ticking = null;

    function exam() { return load().exam || null; }
    function keep(state) {
      var data = load();
      data.exam = state;
      save(data);
    }
    function questions() { return wrap ? wrap.querySelectorAll(".nm-q") : []; }
    function used(state) { return state.elapsed + (state.paused ? 0 : Date.now() - state.resumed); }

    function begin(seed) {
      var ids = draw(topics, seed);
      keep({ seed: seed, ids: ids, choices: {}, flags: {}, current: 0, elapsed: 0, resumed: Date.now(),
        paused: false, started: new Date().toISOString() });
      show(true);
    }

    function show(focus) {
      var state = exam();
      if (!state) return;
      // A question whose id left the site since the exam began is left out quietly.
      state.ids = state.ids.filter(function (id) { return markup[id]; });
      start.hidden = true;
      result.hidden = true;
      run.hidden = false;
      holder.textContent = "";
      wrap = document.createElement("div");
      wrap.className = "nm-quiz nm-exam-quiz";
      var list = document.createElement("ol");
      list.className = "nm-quiz-questions";
      list.innerHTML = state.ids.map(function (id) { return markup[id]; }).join("");
      wrap.appendChild(list);
      holder.appendChild(wrap);
      each(wrap, ".nm-q", function (q, i) {
        var head = q.querySelector(".nm-q-head");
        var num = document.createElement("span");
        num.className = "nm-q-num";
        num.textContent = "Question " + (i + 1) + " of " + state.ids.length;
        head.insertBefore(document.createTextNode(" · "), head.firstChild);
        head.insertBefore(num, head.firstChild);
        window.notemillQuiz.setChoice(q, state.choices[q.dataset.qid]);
        var hide = q.querySelector(".nm-hide");
        if (hide) hide.remove(); // hiding belongs to topic pages, not to a sitting
      });
      window.notemillQuiz.bind(wrap, { deferFeedback: true, restore: false });
      wrap.addEventListener("change", remember);
      wrap.addEventListener("input", remember);
      wrap.addEventListener("click", function (event) { if (event.target.closest(".nm-move")) remember(event); });
      root.querySelector("[data-nm-exam-seed-shown]").textContent = "Seed " + state.seed;
      buildGrid();
      go(state.current, focus);
      paused(state.paused);
      if (!ticking) ticking = window.setInterval(tick, 1000);
      tick();
    }

    function remember(event) {
      var q = event.target.closest(".nm-q");
      if (!q) return;
      var state = exam();
      state.choices[q.dataset.qid] = window.notemillQuiz.grade(q).choice;
      keep(state);
      markGrid();
    }

    function buildGrid() {
      grid.textContent = "";
      var state = exam();
      state.ids.forEach(function (id, i) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "nm-exam-cell";
        b.dataset.index = String(i);
        b.textContent = String(i + 1);
        grid.appendChild(b);
      });
      markGrid();
    }

    function answeredIn(state, id) {
      var c = state.choices[id];
      // Kept only once the reader touched the question (an order question always has an order).
      return Array.isArray(c) && c.some(function (v) { return v !== -1 && v !== ""; });
    }

    function markGrid() {
      var state = exam();
      each(grid, ".nm-exam-cell", function (b, i) {
        var id = state.ids[i];
        var done = answeredIn(state, id);
        b.classList.toggle("nm-exam-done", done);
        b.classList.toggle("nm-exam-flagged", !!state.flags[id]);
        b.setAttribute("aria-label", "Question " + (i + 1) + (done ? ", answered" : ", not answered") +
          (state.flags[id] ? ", flagged" : ""));
        if (i === state.current) b.setAttribute("aria-current", "step");
        else b.removeAttribute("aria-current");
      });
      var answered = state.ids.filter(function (id) { return answeredIn(state, id); }).length;
      var flagged = state.ids.filter(function (id) { return state.flags[id]; }).length;
      status.textContent = answered + " of " + state.ids.length + " answered" + (flagged ? ", " + flagged + " flagged" : "") + ".";
    }

    function go(index, focus) {
      var state = exam();
      var qs = questions();
      index = Math.max(0, Math.min(qs.length - 1, index));
      state.current = index;
      keep(state);
      each(wrap, ".nm-q", function (q, i) { q.hidden = i !== index; });
      var q = qs[index];
      flagButton.setAttribute("aria-pressed", String(!!state.flags[q.dataset.qid]));
      flagButton.textContent = state.flags[q.dataset.qid] ? "Flagged (unflag)" : "Flag for review";
      markGrid();
      if (focus) {
        var first = q.querySelector("input, select, .nm-move");
        if (first) first.focus();
      }
    }

    function paused(on) {
      pausedBox.hidden = !on;
      body.hidden = on;
      pauseButton.textContent = on ? "Resume" : "Pause";
      pauseButton.setAttribute("aria-pressed", String(on));
    }

    function togglePause() {
      var state = exam();
      if (state.paused) {
        state.paused = false;
        state.resumed = Date.now();
      } else {
        state.elapsed = used(state);
        state.paused = true;
      }
      keep(state);
      paused(state.paused);
      tick();
      (state.paused ? root.querySelector("[data-nm-exam-resume]") : pauseButton).focus();
    }

    function tick() {
      var state = exam();
      if (!state) return;
      var left = minutes * 60000 - used(state);
      timer.textContent = clock(left) + (state.paused ? " (paused)" : "");
      if (left <= 0) submit(true);
    }

    function submit(timeUp) {
      var state = exam();
      if (!state) return;
      if (!timeUp) {
        var open = state.ids.filter(function (id) { return !answeredIn(state, id); }).length;
        var flagged = state.ids.filter(function (id) { return state.flags[id]; }).length;
        var ask = "Submit the exam now?" + (open ? " " + open + " not answered." : "") +
          (flagged ? " " + flagged + " flagged." : "");
        if (!window.confirm(ask)) return;
      }
      window.clearInterval(ticking);
      ticking = null;
      var per = {};
      var right = 0;
      var qs = questions();
      Array.prototype.forEach.call(qs, function (q) {
        q.hidden = false;
        var r = window.notemillQuiz.reveal(q); // marks it, shows the answer and the notes line, feeds the schedule
        var t = topicOf[q.dataset.qid];
        var cat = t ? t.category : "";
        per[cat] = per[cat] || [0, 0];
        per[cat][1] += 1;
        if (r.correct) {
          per[cat][0] += 1;
          right += 1;
        }
      });
      var total = qs.length;
      var percent = total ? Math.round(100 * right / total) : 0;
      var attempt = { date: new Date().toISOString(), seed: state.seed, right: right, total: total, percent: percent,
        passed: percent >= passMark, pass_mark: passMark, minutes: Math.round(used(state) / 60000), categories: per,
        time_up: !!timeUp };
      var data = load();
      data.exams.push(attempt);
      data.exam = null;
      save(data);
      showResult(attempt);
    }

    function showResult(attempt) {
      run.hidden = true;
      result.hidden = false;
      root.querySelector("[data-nm-exam-score]").textContent = (attempt.time_up ? "Time is up. " : "") +
        attempt.right + " of " + attempt.total + " right (" + attempt.percent + "%): " +
        (attempt.passed ? "a pass" : "not a pass yet") + " (pass mark " + attempt.pass_mark + "%). Seed " + attempt.seed +
        ", " + plural(attempt.minutes, "minute", "minutes") + ".";
      var rows = root.querySelector("[data-nm-exam-breakdown]");
      rows.textContent = "";
      Object.keys(attempt.categories).sort().forEach(function (cat) {
        var c = attempt.categories[cat];
        var tr = document.createElement("tr");
        [cat, c[0] + " of " + c[1], Math.round(100 * c[0] / c[1]) + "%"].forEach(function (v, i) {
          var cell = document.createElement(i ? "td" : "th");
          if (!i) cell.scope = "row";
          cell.textContent = v;
          tr.appendChild(cell);
        });
        rows.appendChild(tr);
      });
      var answers = root.querySelector("[data-nm-exam-answers]");
      answers.textContent = "";
      if (wrap) {
        answers.appendChild(wrap);
        each(wrap, ".nm-check", function (b) { b.remove(); });
      }
      root.querySelector("#nm-exam-result-title").focus();
      lastSeed = attempt.seed;
    }

    var lastSeed = null;

    root.addEventListener("click", function (event) {
      var b = event.target.closest("button");
      if (!b) return;
      var state = exam();
      if (b.matches("[data-nm-exam-begin]")) {
        var typed = root.querySelector("[data-nm-exam-seed]").value.trim();
        begin(/^\d+$/.test(typed) ? Number(typed) % 4294967296 : Math.floor(Math.random() * 1000000));
      } else if (b.matches("[data-nm-exam-again]") && lastSeed !== null) {
        begin(lastSeed);
      } else if (b.matches("[data-nm-exam-new]")) {
        begin(Math.floor(Math.random() * 1000000));
      } else if (!state) {
        return;
      } else if (b.matches("[data-nm-exam-cell], .nm-exam-cell")) {
        go(Number(b.dataset.index), true);
      } else if (b.matches("[data-nm-exam-prev]")) {
        go(state.current - 1, true);
      } else if (b.matches("[data-nm-exam-next]")) {
        go(state.current + 1, true);
      } else if (b.matches("[data-nm-exam-flag]")) {
        var id = state.ids[state.current];
        if (state.flags[id]) delete state.flags[id]; else state.flags[id] = true;
        keep(state);
        go(state.current, false);
      } else if (b.matches("[data-nm-exam-pause], [data-nm-exam-resume]")) {
        togglePause();
      } else if (b.matches("[data-nm-exam-submit]")) {
        submit(false);
      }
    });

    var seedParam = new URLSearchParams(window.location.search).get("seed");
    if (seedParam && /^\d+$/.test(seedParam)) root.querySelector("[data-nm-exam-seed]").value = seedParam;
    if (exam()) show(false); // reloaded mid-exam: carry on where it was
  }

  /* ---- the Progress page: mock exams ---- */

  function setUpHistory(box) {
    var exams = load().exams;
    if (!exams.length) return;
    box.textContent = "";
    var table = document.createElement("table");
    table.innerHTML = "<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Score</th><th scope=\"col\">Result</th>" +
      "<th scope=\"col\">By category</th><th scope=\"col\">Seed</th></tr></thead>";
    var tbody = document.createElement("tbody");
    exams.slice().reverse().forEach(function (a) {
      var tr = document.createElement("tr");
      var cats = Object.keys(a.categories || {}).sort().map(function (c) {
        return c + " " + a.categories[c][0] + "/" + a.categories[c][1];
      }).join("; ");
      [new Date(a.date).toLocaleString(), a.right + " of " + a.total + " (" + a.percent + "%)",
        a.passed ? "pass" : "not a pass", cats].forEach(function (v) {
        var td = document.createElement("td");
        td.textContent = v;
        tr.appendChild(td);
      });
      var td = document.createElement("td");
      td.appendChild(anchor(ROOT + "exam.html?seed=" + encodeURIComponent(String(a.seed)), "Sit seed " + a.seed + " again"));
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    box.appendChild(table);
  }


  /* ---- all study data in one file (Progress page) ---- */

  var BACKUP = "notemill-study-data";

  function readQuizRaw() {
    try {
      return JSON.parse(window.localStorage.getItem(QUIZ_KEY) || "null");
    } catch (err) {
      return null;
    }
  }

  function describe(quiz, study) {
    var n = function (o) { return o && typeof o === "object" ? Object.keys(o).length : 0; };
    return plural(n(quiz && quiz.answers), "answer", "answers") + ", " +
      plural(n(quiz && quiz.hidden), "hidden question", "hidden questions") + ", " +
      plural(n(study && study.cards), "card", "cards") + " in the review schedule, " +
      plural(((study && study.exams) || []).length, "mock exam", "mock exams");
  }

  /* What a file holds, or why it cannot be read: this version's file, or an older quiz-only export. */
  function parseBackup(text) {
    var data = JSON.parse(text);
    if (data && data.format === BACKUP) {
      if (data.version !== VERSION) throw new Error("it was written by another version of this site (version " +
        data.version + "); export it again from that site");
      if (!valid(data.study)) throw new Error("its review schedule is damaged");
      return { quiz: data.quiz || null, study: data.study, older: false };
    }
    if (data && data.answers && typeof data.answers === "object" && data.mistakes && typeof data.mistakes === "object") {
      return { quiz: data, study: null, older: true }; // the Progress page's own export: quiz answers only
    }
    throw new Error("it is not a notemill progress file");
  }

  function setUpBackup(box) {
    var status = box.querySelector("[data-nm-backup-status]");
    box.querySelector("[data-nm-backup-export]").addEventListener("click", function () {
      var payload = { format: BACKUP, version: VERSION, exported: new Date().toISOString(),
        quiz: readQuizRaw(), study: load() };
      var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "notemill-study-data.json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      status.textContent = "Exported " + describe(payload.quiz, payload.study) + " to notemill-study-data.json.";
    });
    box.querySelector("[data-nm-backup-import]").addEventListener("change", function (event) {
      var input = event.target;
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var found;
        try {
          found = parseBackup(String(reader.result));
        } catch (err) {
          status.textContent = "Nothing imported from " + file.name + ": " +
            (err instanceof SyntaxError ? "it is not a JSON file" : err.message) + ".";
          input.value = "";
          return;
        }
        var now = describe(readQuizRaw(), found.older ? null : load());
        var incoming = describe(found.quiz, found.study);
        var ask = "Replace what this browser keeps (" + now + ") with " + file.name + " (" + incoming + ")?" +
          (found.older ? " It is an older file with quiz answers only: your review schedule and exams stay as they are." : "");
        if (!window.confirm(ask)) {
          status.textContent = "Nothing imported.";
          input.value = "";
          return;
        }
        try {
          if (found.quiz) window.localStorage.setItem(QUIZ_KEY, JSON.stringify(found.quiz));
        } catch (err) {
          storageProblem();
        }
        if (found.study) save(found.study);
        status.textContent = "Imported " + incoming + " from " + file.name + ". Reload the page to see them everywhere.";
        input.value = "";
        var history = document.querySelector("[data-nm-exam-history]");
        if (history) setUpHistory(history);
        refreshCounts();
      };
      reader.readAsText(file);
    });
  }

  /* ---- the home page ---- */

  function homeDue(home) {
    var known = {};
    each(home, ".nm-topic-data li", function (li) {
      words(li.dataset.ids).forEach(function (id) { known[id] = true; });
    });
    var due = dueIds(known).length;
    var f = forecast(known);
    var box = home.querySelector("[data-nm-home-due]");
    var scheduled = liveIds(known).length;
    if (!scheduled) return;
    box.textContent = (due ? due + (due === 1 ? " question is" : " questions are") + " due for review now. "
      : "Nothing is due for review now. ") + "Coming up: " + f.today + " later today, " + f.tomorrow +
      " tomorrow, " + f.week + " later this week.";
  }

  function setUpHome(home) {
    var known = {};
    var topics = [];
    each(home, ".nm-topic-data li", function (li) {
      var t = { title: li.textContent, url: li.dataset.url, ids: words(li.dataset.ids) };
      t.ids.forEach(function (id) { known[id] = true; });
      topics.push(t);
    });
    prune(known);
    var quiz = quizData();
    each(home, ".nm-bars li", function (li) {
      var ids = words(li.dataset.ids);
      var right = ids.filter(function (id) { return quiz.answers[id] && quiz.answers[id].right; }).length;
      li.querySelector("progress").value = right;
      li.querySelector("[data-nm-bar-text]").textContent = right + " of " + ids.length;
    });
    var scored = topics.map(function (t) {
      var answered = t.ids.filter(function (id) { return quiz.answers[id]; });
      var wrong = answered.filter(function (id) { return !quiz.answers[id].right; }).length;
      return { t: t, answered: answered.length, wrong: wrong, rate: answered.length ? (answered.length - wrong) / answered.length : 1 };
    }).filter(function (s) { return s.wrong > 0; }).sort(function (a, b) {
      return a.rate - b.rate || b.wrong - a.wrong;
    }).slice(0, 5);
    var weak = home.querySelector("[data-nm-weakest]");
    if (scored.length) {
      weak.textContent = "";
      var ol = document.createElement("ol");
      scored.forEach(function (s) {
        var li = document.createElement("li");
        li.appendChild(anchor(s.t.url, s.t.title));
        li.appendChild(document.createTextNode(": " + (s.answered - s.wrong) + " right of " + s.answered + " answered"));
        ol.appendChild(li);
      });
      weak.appendChild(ol);
    }
    var last = load().last;
    var cont = home.querySelector("[data-nm-continue]");
    if (last && last.href) {
      try {
        var url = new URL(last.href, window.location.href);
        if (url.protocol === window.location.protocol) {
          cont.textContent = "Continue where you left off: ";
          cont.appendChild(anchor(url.href, last.title || url.pathname));
          cont.hidden = false;
        }
      } catch (err) {
        /* a stored address that is no URL is ignored */
      }
    }
    homeDue(home);
  }

  /* A topic page visited: "continue where you left off" on the home page. */
  function rememberTopic(quiz) {
    var data = load();
    var title = document.querySelector(".md-content h1");
    data.last = { href: window.location.href.split("#")[0], title: title ? title.textContent.replace(/¶$/, "").trim() : "" };
    save(data);
  }

  window.notemillStudy = {
    load: load, save: save, empty: empty, valid: valid, dueIds: dueIds, forecast: forecast, rate: rate,
    refresh: refreshCounts, key: KEY
  };

  function start() {
    probeStorage();
    var quiz = document.querySelector(".nm-quiz[data-topic]");
    if (quiz) rememberTopic(quiz);
    var home = document.querySelector("[data-nm-home]");
    if (home) setUpHome(home);
    var root = document.querySelector("[data-nm-review]");
    if (root) setUpReview(root);
    var examRoot = document.querySelector("[data-nm-exam]");
    if (examRoot) setUpExam(examRoot);
    var history = document.querySelector("[data-nm-exam-history]");
    if (history) setUpHistory(history);
    var backup = document.querySelector("[data-nm-backup]");
    if (backup) setUpBackup(backup);
    refreshCounts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
