/* notemill: draws a page's Mermaid diagrams when they come near the viewport.
 *
 * mkdocs-mermaid2-plugin adds this small file (its `javascript:` setting) and
 * `window.mermaidConfig` (its `arguments:`) to every page holding a
 * <pre class="mermaid">. The 3.5 MB Mermaid library is fetched only when the
 * first diagram comes within a screen of the viewport, asynchronously, so the
 * page (quiz, search) answers at once; each diagram is drawn in its own task.
 *
 * Drawn here rather than by Material: Material draws every diagram at load, in
 * a closed shadow root, fitted to the column (labels shrink to 5 px on a
 * phone). Here a diagram keeps Mermaid's text size and scrolls sideways inside
 * its figure when wider than the column, its colours follow the page's light
 * or dark scheme and are redrawn when the reader toggles it.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var library = script ? script.src.replace(/[^/]*$/, "mermaid.min.js") : "mermaid.min.js";
  var loading = null;
  var queue = Promise.resolve();
  var count = 0;

  // Text and lines at least 4.5:1 against their fills in both schemes; greyscale keeps the contrast.
  var SCHEMES = {
    light: {
      background: "#ffffff", primaryColor: "#eef2f8", primaryTextColor: "#1a1a1a",
      primaryBorderColor: "#44546a", lineColor: "#333333", textColor: "#1a1a1a",
      secondaryColor: "#f6f1e6", tertiaryColor: "#ffffff", edgeLabelBackground: "#ffffff",
      noteBkgColor: "#f6f1e6", noteTextColor: "#1a1a1a"
    },
    dark: {
      background: "#1e2129", primaryColor: "#2b3242", primaryTextColor: "#f2f2f2",
      primaryBorderColor: "#aab6cc", lineColor: "#d5dbe6", textColor: "#f2f2f2",
      secondaryColor: "#3a3426", tertiaryColor: "#1e2129", edgeLabelBackground: "#1e2129",
      noteBkgColor: "#3a3426", noteTextColor: "#f2f2f2"
    }
  };

  // The direction line of a flowchart or state diagram drawn left to right (the group keeps the keyword).
  var LEFT_TO_RIGHT = /^(\s*(?:flowchart|graph|direction)\s+)LR\b/m;

  function scheme() {
    return document.body && document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark" : "light";
  }

  function config() {
    var base = (window.mermaidConfig && window.mermaidConfig.default) || {};
    var vars = Object.assign({fontSize: "16px", fontFamily: "inherit"}, SCHEMES[scheme()]);
    return Object.assign({}, base, {
      startOnLoad: false, theme: "base", themeVariables: vars,
      // Same notes, same drawing: rough.js curves (rounded shapes) draw from a fixed seed, ids are counted.
      handDrawnSeed: 1, deterministicIds: true,
      // Natural size: a wide diagram scrolls in its figure instead of shrinking its text.
      flowchart: {useMaxWidth: false, htmlLabels: true, wrappingWidth: 260},
      state: {useMaxWidth: false}
    });
  }

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.mermaid && window.mermaid.render) { resolve(window.mermaid); return; }
        var s = document.createElement("script");
        s.src = library;
        s.async = true;
        s.onload = function () { resolve(window.mermaid); };
        s.onerror = function () { reject(new Error("cannot load " + library)); };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  function draw(box) {
    var want = scheme();
    if (box.nmPending && box.nmPending.scheme === want) return box.nmPending.promise;
    if (box.getAttribute("data-state") !== "drawn") box.setAttribute("data-state", "drawing");
    // One diagram after another, each in its own task, so input is handled between them.
    queue = queue.then(load).then(function (mermaid) {
      return new Promise(function (r) { setTimeout(r, 0); }).then(function () {
        if (box.getAttribute("data-scheme") === scheme() && box.getAttribute("data-state") === "drawn") return null;
        mermaid.initialize(config());
        var source = box.querySelector("pre code").textContent;
        var canvas = box.querySelector(".nm-mermaid-canvas");
        var across = LEFT_TO_RIGHT.test(source);
        if (across && box.getAttribute("data-direction") === "down") source = source.replace(LEFT_TO_RIGHT, "$1TB");
        return mermaid.render("nm-mermaid-" + (++count), source).then(function (out) {
          canvas.innerHTML = out.svg;
          // A left-to-right chain wider than the column is drawn again top-down (in its own task) when that
          // fits better: a reader then scrolls the page, not the figure, and sees the whole chain at once.
          if (!across || box.hasAttribute("data-direction") || canvas.scrollWidth <= canvas.clientWidth + 1) {
            return out;
          }
          var wide = canvas.scrollWidth;
          return new Promise(function (r) { setTimeout(r, 0); }).then(function () {
            return mermaid.render("nm-mermaid-" + (++count), source.replace(LEFT_TO_RIGHT, "$1TB"));
          }).then(function (down) {
            canvas.innerHTML = down.svg;
            if (canvas.scrollWidth < wide) { box.setAttribute("data-direction", "down"); return down; }
            box.setAttribute("data-direction", "across");
            canvas.innerHTML = out.svg;
            return out;
          });
        });
      });
    }).then(function (out) {
      if (!out) return;
      var canvas = box.querySelector(".nm-mermaid-canvas");
      box.setAttribute("data-state", "drawn");
      // Wider than the column: say so, or a reader on a phone sees half a decision and no hint of the rest.
      box.toggleAttribute("data-scrolls", canvas.scrollWidth > canvas.clientWidth + 1);
      box.setAttribute("data-scheme", scheme());
    }).catch(function (err) {
      box.setAttribute("data-state", "failed");
      var p = box.querySelector(".nm-mermaid-placeholder");
      if (p) p.textContent = "This diagram could not be drawn (" + (err && err.message || err) + ").";
    });
    var mine = queue;
    box.nmPending = {scheme: want, promise: mine};
    mine.then(function () { if (box.nmPending && box.nmPending.promise === mine) box.nmPending = null; });
    return mine;
  }

  var boxes = [];
  function prepare() {
    // Take the blocks before Material's bundle mounts (at DOMContentLoaded) and draws them its own way.
    var pres = document.querySelectorAll("pre.mermaid");
    for (var i = 0; i < pres.length; i++) {
      var pre = pres[i];
      pre.classList.remove("mermaid");
      pre.classList.add("nm-mermaid-source");
      var box = pre.closest(".nm-mermaid");
      if (!box) {
        box = document.createElement("div");
        box.className = "nm-mermaid";
        pre.parentNode.insertBefore(box, pre);
        box.appendChild(pre);
      }
      if (!box.querySelector(".nm-mermaid-canvas")) {
        var canvas = document.createElement("div");
        canvas.className = "nm-mermaid-canvas";
        // A wide diagram scrolls: the keyboard must reach it too.
        canvas.tabIndex = 0;
        canvas.setAttribute("role", "group");
        canvas.setAttribute("aria-label", "Diagram (scrolls sideways when wider than the page)");
        box.appendChild(canvas);
      }
      box.setAttribute("data-state", "waiting");
      boxes.push(box);
    }
  }

  function drawAll() {
    return Promise.all(boxes.map(draw));
  }

  prepare();
  window.notemillMermaid = {drawAll: drawAll, draw: draw};
  if (!boxes.length) return;
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { seen.unobserve(e.target); draw(e.target); }
      });
    }, {rootMargin: "100% 0px"});  // a screen ahead, so the diagram is there when the reader arrives
    boxes.forEach(function (b) { seen.observe(b); });
  } else {
    drawAll();
  }
  // A reader switching the palette gets the diagrams already drawn redrawn in the new colours.
  new MutationObserver(function () {
    boxes.forEach(function (b) { if (b.getAttribute("data-state") === "drawn") draw(b); });
  }).observe(document.body, {attributes: true, attributeFilter: ["data-md-color-scheme"]});
  window.addEventListener("beforeprint", drawAll);
  window.addEventListener("resize", function () {
    boxes.forEach(function (b) {
      var c = b.querySelector(".nm-mermaid-canvas");
      if (b.getAttribute("data-state") === "drawn") b.toggleAttribute("data-scrolls", c.scrollWidth > c.clientWidth + 1);
    });
  });
})();
