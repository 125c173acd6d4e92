async (options) => {
  // Every figure's labels: smallest rendered size, cut labels, labels and boxes crossed by a line, contrast.
  // Lines are measured in the drawn SVG: each edge path sampled every 2 px (its screen bounding box first,
  // to skip the labels it cannot reach); a sample strictly inside a label's box is a line through it.
  // options.grey: contrast as printed in greyscale (each colour to its Rec. 601 luma first).
  if (window.notemillMermaid) await window.notemillMermaid.drawAll();
  const rgb = (c) => { const m = c.match(/[\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, under) => { const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const pageBg = rgb(getComputedStyle(document.body).backgroundColor);
  function bgOf(el) {
    // The first opaque-ish background up the tree, SVG shapes of the label's node included.
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const bg = rgb(getComputedStyle(e).backgroundColor);
      if (bg.length > 3 ? bg[3] > 0 : true) layers.push(bg);
      if (e.matches && e.matches("g.node, g.statediagram-state, g[id*='state-']")) {
        const shape = e.querySelector("rect, polygon, circle, ellipse, path");
        if (shape) { const f = getComputedStyle(shape).fill; if (f && f.startsWith("rgb")) layers.push(rgb(f)); }
      }
      if (layers.length && (layers[layers.length - 1].length < 4 || layers[layers.length - 1][3] === 1)) break;
    }
    let c = pageBg;
    for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
    return c;
  }
  const out = [];
  for (const [n, fig] of [...document.querySelectorAll("figure.nm-diagram")].entries()) {
    const kind = [...fig.classList].find((c) => c.startsWith("nm-diagram--")).slice(12);
    const svg = fig.querySelector(".nm-mermaid-canvas svg");
    let labels;
    if (svg) labels = [...svg.querySelectorAll(".nodeLabel, .edgeLabel, text")].filter((e) => e.textContent.trim() && !e.querySelector(".nodeLabel, .edgeLabel"));
    else labels = [...fig.querySelectorAll(".nm-tree-root, .nm-tree-branch, .nm-tree-leaves li, .nm-tree-more, th, td")].filter((e) => e.textContent.trim());
    const scale = svg ? svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width || svg.getBoundingClientRect().width) : 1;
    let smallest = Infinity;
    const cut = [], crossed = [], lowContrast = [];
    // Each edge: its id (an edge label carries its edge's id: the edge meets its own label by design),
    // its sampled points on screen and their bounding box.
    const edges = (svg ? [...svg.querySelectorAll("path.flowchart-link, path.transition, .edgePaths path, path[class*='edge']")] : [])
      .filter((p) => p.getTotalLength() > 0).map((p) => {
        const len = p.getTotalLength(), m = p.getScreenCTM(), pts = [];
        for (let d = 0; d <= len; d += 2) { const q = p.getPointAtLength(d); pts.push([q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f]); }
        const q = p.getPointAtLength(len); pts.push([q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f]);
        const xs = pts.map((t) => t[0]), ys = pts.map((t) => t[1]);
        return {id: p.dataset.id || p.id, pts, box: {left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys)}};
      });
    // A tree's lines are CSS: the trunk and the leaves' rules (left borders) and each branch's connector (::before).
    const segment = (id, x0, y0, x1, y1) => {
      const pts = [], n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 2));
      for (let i = 0; i <= n; i++) pts.push([x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n]);
      edges.push({id, pts, box: {left: Math.min(x0, x1), right: Math.max(x0, x1), top: Math.min(y0, y1), bottom: Math.max(y0, y1)}});
    };
    for (const el of fig.querySelectorAll("ul.nm-tree-branches, .nm-tree-leaves > li")) {
      const r = el.getBoundingClientRect(), w = parseFloat(getComputedStyle(el).borderLeftWidth);
      if (w > 0) segment(`rule of ${el.className || "a leaf"}`, r.left + w / 2, r.top, r.left + w / 2, r.bottom);
    }
    for (const li of fig.querySelectorAll(".nm-tree-branches > li")) {
      const cs = getComputedStyle(li, "::before");
      if (cs.content === "none" || cs.display === "none") continue;
      const r = li.getBoundingClientRect(), x = r.left + parseFloat(cs.left), y = r.top + parseFloat(cs.top) + parseFloat(cs.borderTopWidth) / 2;
      segment(`connector of ${(li.firstElementChild || li).textContent.trim()}`, x, y, x + parseFloat(cs.width), y);
    }
    const meets = (b, r) => b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom;
    const inside = (r, inset) => ([x, y]) => x > r.left + inset && x < r.right - inset && y > r.top + inset && y < r.bottom - inset;
    const crossing = (r, skip) => edges.find((e) => !skip(e) && meets(e.box, r) && e.pts.some(inside(r, 1)));
    // A node's box crossed by an edge that neither starts nor ends at it (an edge ends on its node's border).
    if (svg) for (const node of svg.querySelectorAll("g.node, g.statediagram-state")) {
      const r = node.getBoundingClientRect();
      const end = (e) => [e.pts[0], e.pts[e.pts.length - 1]].some(inside({left: r.left - 8, right: r.right + 8, top: r.top - 8, bottom: r.bottom + 8}, 0));
      const e = crossing(r, end);
      if (e) crossed.push(`box of ${node.textContent.trim()} (by ${e.id})`);
    }
    for (const el of labels) {
      const size = parseFloat(getComputedStyle(el).fontSize) * scale;
      smallest = Math.min(smallest, size);
      const text = el.textContent.trim();
      const fo = el.closest("foreignObject");
      const clipped = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible"
        || (fo && (fo.firstElementChild.scrollWidth > fo.getBoundingClientRect().width / scale + 2
                   || fo.firstElementChild.scrollHeight > fo.getBoundingClientRect().height / scale + 2));
      if (text.endsWith("…") || clipped) cut.push(text);
      // An SVG label's box; an HTML label's text itself (a leaf's rule is its own box's border).
      const range = document.createRange();
      range.selectNodeContents(el);
      const own = svg && el.closest("[data-id]");
      const e = crossing(svg ? el.getBoundingClientRect() : range.getBoundingClientRect(), (x) => own && x.id === own.dataset.id);
      if (e) crossed.push(`${text} (by ${e.id})`);
      const grey = (v) => { if (!(options && options.grey)) return v; const y = 0.299 * v[0] + 0.587 * v[1] + 0.114 * v[2]; return [y, y, y]; };
      const c = ratio(grey(over(rgb(getComputedStyle(el).color), bgOf(el))), grey(bgOf(el)));
      if (c < 4.5) lowContrast.push([text, Math.round(c * 100) / 100]);
    }
    const canvas = fig.querySelector(".nm-mermaid-canvas, .nm-compare, .nm-tree");
    out.push({n, kind, labels: labels.length, lines: edges.length, smallest: Math.round(smallest * 10) / 10, cut, crossed, lowContrast,
              drawn: !fig.querySelector(".nm-mermaid") || fig.querySelector(".nm-mermaid").dataset.state === "drawn",
              overflowsPage: fig.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
              scrolls: canvas ? canvas.scrollWidth > canvas.clientWidth + 1 : false,
              mermaid: !!svg, hint: !!fig.querySelector(".nm-mermaid[data-scrolls]"),
              direction: fig.querySelector(".nm-mermaid[data-direction]")?.dataset.direction || null});
  }
  return out;
}
