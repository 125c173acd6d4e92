async () => {
  // Every figure's labels: smallest rendered size, cut labels, node labels crossed by a line, contrast.
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
    let smallest = Infinity, cut = [], crossed = [], lowContrast = [];
    const paths = svg ? [...svg.querySelectorAll("path.flowchart-link, path.transition, .edgePaths path, path[class*='edge']")] : [];
    const points = [];
    for (const p of paths) {
      const len = p.getTotalLength(), m = p.getScreenCTM();
      for (let d = 0; d <= len; d += 2) { const q = p.getPointAtLength(d); points.push([q.x * m.a + q.y * m.c + m.e, q.x * m.b + q.y * m.d + m.f]); }
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
      if (svg && !el.closest(".edgeLabel")) {
        const r = el.getBoundingClientRect();
        if (points.some(([x, y]) => x > r.left + 1 && x < r.right - 1 && y > r.top + 1 && y < r.bottom - 1)) crossed.push(text);
      }
      const c = ratio(over(rgb(getComputedStyle(el).color), bgOf(el)), bgOf(el));
      if (c < 4.5) lowContrast.push([text, Math.round(c * 100) / 100]);
    }
    const canvas = fig.querySelector(".nm-mermaid-canvas, .nm-compare, .nm-tree");
    out.push({n, kind, labels: labels.length, smallest: Math.round(smallest * 10) / 10, cut, crossed, lowContrast,
              drawn: !fig.querySelector(".nm-mermaid") || fig.querySelector(".nm-mermaid").dataset.state === "drawn",
              overflowsPage: fig.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
              scrolls: canvas ? canvas.scrollWidth > canvas.clientWidth + 1 : false});
  }
  return out;
}
