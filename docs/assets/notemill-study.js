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
  var saveFailed = false;

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
      // Once a save has failed (quota), storage holds older data than this page view: keep to memory.
      if (!saveFailed) data = JSON.parse(window.localStorage.getItem(KEY) || "null") || memory;
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
      saveFailed = true;
      storageProblem();
    }
  }

  function quizData() {
    var data = null;
    try {
      // notemill-quiz.js's own view of it (its memory, when storage fails), else what storage holds.
      data = window.notemillQuiz && window.notemillQuiz.progress ? window.notemillQuiz.progress()
        : JSON.parse(window.localStorage.getItem(QUIZ_KEY) || "null");
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

  /* ---- the site's questions: an id that left the notes drops out everywhere at once ---- */

  var IDS_SCRIPT = "assets/notemill-question-ids.js"; // written by the build: every question id of the site
  var known = null; // id -> true, once the list is here
  var idsFailed = false;
  var waiting = [];

  function knownFrom(ids) {
    known = {};
    ids.forEach(function (id) { known[id] = true; });
    prune(known);
    return known;
  }

  /* Call back with the site's ids (null if the list cannot be loaded: then nothing is pruned). Review
     and Exam have every question's markup already; other pages load the small list of ids. */
  function withKnown(callback) {
    if (known || idsFailed) return callback(known);
    if (typeof window.notemillQuestionIds === "string") return callback(knownFrom(words(window.notemillQuestionIds)));
    if (window.notemillQuestionMarkup) return callback(knownFrom(Object.keys(window.notemillQuestionMarkup)));
    // Nothing stored to count or prune (a first visit): no need for the list yet.
    if (!size(load().cards) && !size(quizData().mistakes)) return callback(null);
    waiting.push(callback);
    if (waiting.length > 1) return undefined;
    var tag = document.createElement("script");
    tag.src = ROOT + IDS_SCRIPT;
    var done = function () {
      if (typeof window.notemillQuestionIds === "string") knownFrom(words(window.notemillQuestionIds));
      else idsFailed = true;
      var calls = waiting;
      waiting = [];
      calls.forEach(function (call) { call(known); });
    };
    tag.addEventListener("load", done);
    tag.addEventListener("error", done);
    document.head.appendChild(tag);
    return undefined;
  }

  /* ---- counts in the navigation and on topic pages ---- */

  function refreshCounts() {
    withKnown(drawCounts);
  }

  function drawCounts() {
    var due = dueIds(known).length;
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
    var data = load();
    var due = dueIds(known, slug).length;
    var stored = quizData();
    var mistakes = Object.keys(stored.mistakes).filter(function (id) {
      return stored.mistakes[id].topic === slug && !stored.hidden[id] && (!known || known[id]);
    }).length;
    var line = quiz.querySelector(".nm-topic-due");
    if (!line) {
      line = document.createElement("p");
      line.className = "nm-topic-due";
      var intro = quiz.querySelector(".nm-quiz-intro");
      quiz.insertBefore(line, intro ? intro.nextSibling : quiz.firstChild);
    }
    line.textContent = "";
    var scheduled = liveIds(known).filter(function (id) { return data.cards[id].topic === slug; }).length;
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
      renderForecast(); // this card's new due date counts in "Coming up" at once
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
    box.textContent = "";
    if (!exams.length) {
      var none = document.createElement("p");
      none.textContent = "No mock exam sat in this browser yet.";
      box.appendChild(none);
      return;
    }
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


  /* ---- everything in one file (Progress page): export, import, reset ---- */

  var BACKUP = "notemill-study-data";

  function isMap(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function size(value) {
    return isMap(value) ? Object.keys(value).length : 0;
  }

  /* The quizzes' data (answers, mistakes, hidden questions) as notemill-quiz.js sees it. */
  function quizNow() {
    return window.notemillQuiz && window.notemillQuiz.progress ? window.notemillQuiz.progress() : quizData();
  }

  /* A file's quiz part, or null when it is not one; fields this version does not know are kept. */
  function quizPart(quiz) {
    if (!isMap(quiz) || !isMap(quiz.answers) || !isMap(quiz.mistakes)) return null;
    var out = {};
    Object.keys(quiz).forEach(function (k) { out[k] = quiz[k]; });
    out.hidden = isMap(quiz.hidden) ? quiz.hidden : {};
    return out;
  }

  /* A file's schedule and exams, or null; a card without a due date or an attempt without a score is
     left out rather than breaking the counts. */
  function studyPart(study) {
    if (!valid(study)) return null;
    var out = empty();
    Object.keys(study.cards).forEach(function (id) {
      var entry = study.cards[id];
      if (isMap(entry) && isMap(entry.card) && !isNaN(new Date(entry.card.due).getTime())) out.cards[id] = entry;
    });
    out.exams = study.exams.filter(function (a) {
      return isMap(a) && typeof a.right === "number" && typeof a.total === "number";
    });
    out.last = isMap(study.last) ? study.last : null;
    out.exam = isMap(study.exam) && Array.isArray(study.exam.ids) ? study.exam : null;
    return out;
  }

  /* What is kept, part by part: [label, count or null when a file does not carry it, one, many]. */
  function parts(quiz, study) {
    var n = function (v) { return study ? v : null; };
    return [
      ["Answers", size(quiz.answers), "answer", "answers"],
      ["Mistakes to replay", size(quiz.mistakes), "mistake to replay", "mistakes to replay"],
      ["Hidden questions", size(quiz.hidden), "hidden question", "hidden questions"],
      ["Cards in the review schedule", n(study && size(study.cards)), "card in the review schedule",
        "cards in the review schedule"],
      ["Mock exams sat", n(study && study.exams.length), "mock exam sat", "mock exams sat"],
      ["A mock exam under way", n(study && (study.exam ? 1 : 0)), "a mock exam under way", ""]
    ];
  }

  /* "3 answers, 1 mistake to replay, ..." (an exam under way only when there is one). */
  function describe(quiz, study) {
    return parts(quiz, study).filter(function (p) { return p[1] !== null && (p[3] || p[1]); }).map(function (p) {
      return p[3] ? plural(p[1], p[2], p[3]) : p[2];
    }).join(", ");
  }

  /* What a file holds, or why it cannot be read. This version's files (format notemill-study-data,
     version 1) and the older Progress export of quiz answers alone are read. */
  function parseBackup(text) {
    var data = JSON.parse(text);
    if (isMap(data) && data.format === BACKUP) {
      if (typeof data.version !== "number" || data.version < 1) {
        throw new Error("its version (" + JSON.stringify(data.version) + ") is not one this site can read");
      }
      if (data.version > VERSION) {
        throw new Error("it was written by a newer version of notemill (file version " + data.version +
          ", this site reads version " + VERSION + "); update this site or import it where it was exported");
      }
      var quiz = data.quiz == null ? { version: 1, answers: {}, mistakes: {}, hidden: {} } : quizPart(data.quiz);
      if (!quiz) throw new Error("its quiz answers are damaged");
      var study = studyPart(data.study);
      if (!study) throw new Error("its review schedule is damaged");
      return { quiz: quiz, study: study, older: false, exported: data.exported };
    }
    var older = quizPart(data);
    if (older) return { quiz: older, study: null, older: true }; // the Progress page's export before the study loop
    throw new Error("it is not a progress file exported from a notemill site's Progress page");
  }

  /* The file's copy of an exam under way is paused at the time of export: imported, it waits for Resume. */
  function pausedCopy(study) {
    var out = JSON.parse(JSON.stringify(study));
    var e = out.exam;
    if (e && !e.paused) {
      e.elapsed = (e.elapsed || 0) + Math.max(0, Date.now() - (e.resumed || Date.now()));
      e.paused = true;
    }
    return out;
  }

  function replaceQuiz(quiz) {
    if (window.notemillQuiz && window.notemillQuiz.replaceProgress) {
      window.notemillQuiz.replaceProgress(quiz);
      return;
    }
    try {
      window.localStorage.setItem(QUIZ_KEY, JSON.stringify(quiz));
    } catch (err) {
      storageProblem();
    }
  }

  function redrawProgress() {
    var history = document.querySelector("[data-nm-exam-history]");
    if (history) setUpHistory(history);
    withKnown(function () { refreshCounts(); });
  }

  function setUpBackup(box) {
    var status = box.querySelector("[data-nm-backup-status]");
    var input = box.querySelector("[data-nm-backup-import]");
    var panel = box.querySelector("[data-nm-import-confirm]");
    var pending = null;

    box.querySelector("[data-nm-backup-export]").addEventListener("click", function () {
      var payload = { format: BACKUP, version: VERSION, exported: new Date().toISOString(),
        quiz: quizNow(), study: pausedCopy(load()) };
      var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "notemill-progress.json";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      status.textContent = "Exported " + describe(payload.quiz, payload.study) + " to notemill-progress.json.";
    });

    function ask(found, name) {
      pending = found;
      panel.querySelector("[data-nm-import-name]").textContent = name;
      var rows = panel.querySelector("[data-nm-import-compare]");
      rows.textContent = "";
      var now = parts(quizNow(), load());
      var incoming = parts(found.quiz, found.study);
      now.forEach(function (part, i) {
        var tr = document.createElement("tr");
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = part[0];
        tr.appendChild(th);
        [String(part[1]), incoming[i][1] === null ? "not in the file: yours stay" : String(incoming[i][1])]
          .forEach(function (v) {
            var td = document.createElement("td");
            td.textContent = v;
            tr.appendChild(td);
          });
        rows.appendChild(tr);
      });
      panel.querySelector("[data-nm-import-note]").textContent = (found.older
        ? "An older file, from before the review schedule: it holds quiz answers only, so your review " +
          "schedule and mock exams stay as they are. "
        : (found.exported ? "Exported " + new Date(found.exported).toLocaleString() + ". " : "")) +
        "What this browser keeps now is replaced, not merged; export it first if you may want it back.";
      panel.hidden = false;
      panel.querySelector("#nm-import-title").focus();
    }

    function close(message) {
      pending = null;
      panel.hidden = true;
      input.value = "";
      status.textContent = message;
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        var found;
        try {
          found = parseBackup(String(reader.result));
        } catch (err) {
          close("Nothing imported from " + file.name + ": " +
            (err instanceof SyntaxError ? "it is not a JSON file" : err.message) + ".");
          return;
        }
        status.textContent = "";
        ask(found, file.name);
      };
      reader.readAsText(file);
    });

    panel.addEventListener("click", function (event) {
      if (event.target.closest("[data-nm-import-cancel]")) {
        close("Nothing imported: your progress is as it was.");
        input.focus();
      } else if (event.target.closest("[data-nm-import-replace]") && pending) {
        var found = pending;
        replaceQuiz(found.quiz);
        if (found.study) save(found.study);
        close("Imported " + describe(found.quiz, found.study) + "." +
          (found.older ? " Your review schedule and mock exams are as they were." : ""));
        redrawProgress();
        status.focus();
      }
    });

    box.querySelector("[data-nm-backup-reset]").addEventListener("click", function () {
      var now = describe(quizNow(), load());
      if (!window.confirm("Remove all progress this browser keeps for this site (" + now + ")? " +
        "It cannot be undone: export it first to keep a copy.")) {
        status.textContent = "Nothing reset.";
        return;
      }
      replaceQuiz(null);
      save(empty());
      close("Progress reset: answers, mistakes, hidden questions, review schedule and mock exams removed.");
      redrawProgress();
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
    // A mock exam left half-way (its time keeps running unless paused) comes first.
    var sitting = load().exam;
    var examLink = home.querySelector(".nm-home-links a[href$='exam.html']");
    if (sitting && Array.isArray(sitting.ids) && examLink) {
      var under = document.createElement("p");
      under.className = "nm-home-exam";
      under.appendChild(document.createTextNode("A mock exam is under way (seed " + sitting.seed + ", " +
        plural(sitting.ids.length, "question", "questions") + (sitting.paused ? ", paused" : "") + "): "));
      under.appendChild(anchor(examLink.href, "carry on with it"));
      under.appendChild(document.createTextNode("."));
      cont.parentNode.insertBefore(under, cont);
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
