"""Figure: `mkdocs build` of the bundled notes against a plain MkDocs + Material build of the same pages.

The generated pages are written once as ordinary docs (each slot replaced by the HTML the hooks put there)
and built with the project's mkdocs.yml minus the hooks, so Material, search, offline and mermaid2 run in
both builds; in a child process and in-process, with the time per plugin event handler.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import time
from pathlib import Path

from common import CONFIG, ROOT, handler_module, in_process_config, median_run, mkdocs_build, time_handlers

KEY = "build"
OVERHEAD = 1.25  # full build of the seed / plain build of the same pages

_TEMPLATE_LINE = re.compile(rb"^template:.*\n", re.M)
_SLOT = re.compile(r"<!-- notemill:([a-z-]+) -->")
HOOKS_KEY = "hooks/notemill_hooks.py"  # the hooks file as mkdocs.yml names it


def _filled_pages(work: Path) -> dict[str, bytes]:
    """Each generated page as a reader gets it, written as ordinary Markdown: the hooks' Markdown with every
    slot replaced by the HTML the hooks put there, and the study guide's body (which the hooks assemble in
    a template) as HTML. One in-process full build, with the slot renderers recorded."""
    from mkdocs.commands.build import build

    cfg = in_process_config(work / "capture-site")
    hooks = cfg.plugins[HOOKS_KEY]
    renderers = dict(hooks.SLOT_RENDERERS)
    filled: dict[tuple[str, str], str] = {}

    def recording(name, render):
        def record(state, page):
            filled[(page.file.src_uri, name)] = out = render(state, page)
            return out
        return record

    hooks.SLOT_RENDERERS.update({name: recording(name, fn) for name, fn in renderers.items()})
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        build(cfg)
    finally:
        hooks.SLOT_RENDERERS.update(renderers)
        os.chdir(cwd)
    pages = {}
    for src, markdown_text in cfg.notemill_state.pages.items():
        # Blank lines around the HTML: Markdown passes it through as a raw block.
        text = _SLOT.sub(lambda m, src=src: "\n\n" + filled.get((src, m.group(1)), "") + "\n\n", markdown_text)
        pages[src] = text.encode("utf-8")
    book = (work / "capture-site" / "print.html").read_text(encoding="utf-8")
    start, end = book.find('<div class="nm-book"'), book.rfind("</article>")
    if start < 0 or end < start:
        raise RuntimeError("the study guide page has no body to copy: has overrides/notemill/print.html changed?")
    head = _TEMPLATE_LINE.sub(b"", pages[hooks.BOOK_PAGE], count=1)
    pages[hooks.BOOK_PAGE] = head + b"\n" + book[start:end].strip().encode("utf-8") + b"\n"
    return pages


def write_plain_project(work: Path, filled: bool = True) -> tuple[Path, int]:
    """The pages and assets the hooks give MkDocs, written once as ordinary docs, with the project's
    mkdocs.yml minus the hooks (its plugins, mermaid2 among them, stay). With ``filled`` the pages hold
    what the hooks add to them (diagrams, quizzes, the study guide); without, their slots stay empty
    comments. Returns the plain config and the number of pages."""
    from mkdocs.structure.files import get_files

    final = _filled_pages(work) if filled else {}
    cfg = in_process_config(work / "unused-site")
    cfg = cfg.plugins.on_config(cfg)
    files = get_files(cfg)
    env = cfg.theme.get_env()
    files.add_files_from_theme(env, cfg)
    files = cfg.plugins.on_files(files, config=cfg)
    theme_dirs = [str(Path(d).resolve()) for d in cfg.theme.dirs]
    docs = work / "docs"
    pages = 0
    for f in files:
        src = f.abs_src_path and str(Path(f.abs_src_path).resolve())
        if f.generated_by is None and src and any(src.startswith(d + os.sep) for d in theme_dirs):
            continue  # comes with the theme in the plain build too
        out = docs / f.src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        data = final.get(f.src_uri, f.content_bytes)
        if f.src_uri.endswith(".md"):
            pages += 1
            # A page template fed by the hooks (the print page) cannot render without them:
            # the plain build gives that page the theme's default template.
            data = _TEMPLATE_LINE.sub(b"", data, count=1) if data.startswith(b"---") else data
        out.write_bytes(data)

    # The project's config, inherited, with the hooks taken out and the written pages as docs_dir.
    raw = {"INHERIT": str(CONFIG), "docs_dir": str(docs), "hooks": [], "watch": [], "nav": cfg.nav}
    theme = cfg.theme
    custom = [d for d in theme.dirs if Path(d).resolve().is_relative_to(ROOT)]
    if custom:
        raw["theme"] = {"name": theme.name, "custom_dir": str(Path(custom[0]).resolve())}
    plain = work / "mkdocs.yml"
    plain.write_text(json.dumps(raw, indent=1), encoding="utf-8")  # JSON is YAML
    return plain, pages


def bench_build(work: Path, repeat: int, warm: bool = True) -> dict:
    plain_config, pages = write_plain_project(work / "plain")
    empty_config, _ = write_plain_project(work / "plain-empty", filled=False)
    full, plain, empty = [], [], []
    site_full, site_plain, site_empty = work / "site-full", work / "site-plain", work / "site-plain-empty"
    if warm:  # byte-compiled imports, files in the page cache
        mkdocs_build(site_full, CONFIG)
        mkdocs_build(site_plain, plain_config)
        mkdocs_build(site_empty, empty_config)
    for _ in range(repeat):  # interleaved, so drift in the machine's load hits all alike
        full.append(mkdocs_build(site_full, CONFIG)["seconds"])
        plain.append(mkdocs_build(site_plain, plain_config)["seconds"])
        empty.append(mkdocs_build(site_empty, empty_config)["seconds"])
    f, p, e = statistics.median(full), statistics.median(plain), statistics.median(empty)

    # The same builds in-process, where the interpreter start and imports no longer count.
    from mkdocs.commands.build import build

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        if warm:
            build(in_process_config(work / "site-full-ip"))
            build(in_process_config(work / "site-plain-ip", plain_config))
        full_ip, plain_ip = [], []
        for _ in range(repeat):
            full_ip.append(median_run(lambda: build(in_process_config(work / "site-full-ip")), 1)[0])
            plain_ip.append(median_run(lambda: build(in_process_config(work / "site-plain-ip", plain_config)), 1)[0])
    finally:
        os.chdir(cwd)
    fi, pi = statistics.median(full_ip), statistics.median(plain_ip)
    os.chdir(ROOT)
    try:
        events_full = _event_times(work / "site-full-ip", CONFIG, repeat)
        events_plain = _event_times(work / "site-plain-ip", plain_config, repeat)
    finally:
        os.chdir(cwd)
    return {
        "pages": pages,
        "full_seconds": round(f, 3), "plain_seconds": round(p, 3), "ratio": round(f / p, 3),
        "full_runs": [round(x, 3) for x in full], "plain_runs": [round(x, 3) for x in plain],
        # The same pages with their slots left empty: no diagrams, so mermaid2 has no page to work on.
        "plain_empty_seconds": round(e, 3), "ratio_empty": round(f / e, 3),
        "plain_empty_runs": [round(x, 3) for x in empty],
        "in_process": {"full_seconds": round(fi, 3), "plain_seconds": round(pi, 3), "ratio": round(fi / pi, 3),
                       "full_runs": [round(x, 3) for x in full_ip], "plain_runs": [round(x, 3) for x in plain_ip]},
        "events_full": events_full, "events_plain": events_plain,
        "site": site_full,
    }


def _label(fn, event) -> str:
    return f"{handler_module(fn).split('.')[0].replace('hooks/', '')} {event}"


def _event_times(site: Path, config: Path, repeat: int) -> dict[str, float]:
    """Median seconds spent in each plugin's (and the hooks') event handlers over in-process builds;
    "mkdocs, Markdown, theme" is the rest of the build."""
    from mkdocs.commands.build import build

    totals: list[dict[str, float]] = []
    for _ in range(repeat):
        cfg = in_process_config(site, config)
        spent = time_handlers(cfg, _label)
        start = time.perf_counter()
        build(cfg)
        total = time.perf_counter() - start
        spent["mkdocs, Markdown, theme (the rest)"] = total - sum(spent.values())
        spent["total"] = total
        totals.append(spent)
    keys = sorted({k for t in totals for k in t}, key=lambda k: -statistics.median(t.get(k, 0.0) for t in totals))
    return {k: round(statistics.median(t.get(k, 0.0) for t in totals), 3) for k in keys}


def measure(ctx) -> dict:
    result = bench_build(ctx.work, ctx.repeat, warm=not ctx.quick)
    result.pop("site")
    return result


def targets(b: dict) -> list[dict]:
    return [{"target": "full build of the seed at most 1.25x the plain build (mkdocs build)", "value": b["ratio"],
             "met": b["ratio"] <= OVERHEAD},
            {"target": "same, against plain pages with empty slots (mermaid2 idle there)", "value": b["ratio_empty"],
             "met": b["ratio_empty"] <= OVERHEAD},
            {"target": "same, in-process (no interpreter start or imports)", "value": b["in_process"]["ratio"],
             "met": b["in_process"]["ratio"] <= OVERHEAD}]


def report(b: dict, ctx) -> list[str]:
    ip = b["in_process"]
    return [
        "## Full build of the seed against a plain MkDocs + Material build of the same pages", "",
        f"{b['pages']} Markdown pages, written once from what the hooks generate (each slot replaced by the "
        "HTML the hooks put there: diagrams, quizzes, the study guide's chapters), built as ordinary docs with "
        "the project's mkdocs.yml minus the hooks: Material, search, offline and mermaid2 run in both builds. "
        "The last row is the earlier measure, the same pages with their slots left empty: without diagrams "
        "mermaid2 skips every page, so that ratio also counts mermaid2's work on the diagrams.", "",
        "| Build | Full (hooks) | Plain | Ratio |", "| --- | --- | --- | --- |",
        f"| `mkdocs build --strict` (child process) | {b['full_seconds']:.3f} s | {b['plain_seconds']:.3f} s | "
        f"{b['ratio']:.3f} |",
        f"| in-process `build(load_config())` | {ip['full_seconds']:.3f} s | {ip['plain_seconds']:.3f} s | "
        f"{ip['ratio']:.3f} |",
        f"| child process, plain pages with empty slots | {b['full_seconds']:.3f} s | "
        f"{b['plain_empty_seconds']:.3f} s | {b['ratio_empty']:.3f} |",
        "", "Where the in-process time goes (median seconds per plugin event handler; the rest is MkDocs, "
        "Markdown and the theme):", "",
        "| Part | Full | Plain |", "| --- | --- | --- |",
        *[f"| {k} | {v:.3f} | {b['events_plain'].get(k, 0.0):.3f} |" for k, v in b["events_full"].items()
          if v >= 0.005 or b["events_plain"].get(k, 0.0) >= 0.005],
    ]
