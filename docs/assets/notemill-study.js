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
      var title = document.createElement("p");
      title.className = "nm-review-topic";
      title.appendChild(document.createTextNode("From "));
      if (topics[slug]) title.appendChild(anchor(topics[slug].url, topics[slug].title));
      holder.appendChild(title);
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
    refreshCounts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
