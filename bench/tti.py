"""Time to interactive of a topic page with diagrams, on a desktop profile and with the CPU throttled 4x.

    python bench/tti.py --site site [--before OTHER_SITE] [--repeat 3]

Chromium (Debian's, through Playwright) opens the page from a local web server
(``--file``: from disk, where the search index is built by the iframe shim on
the page's own thread instead of a worker); a
PerformanceObserver records every long task (a main-thread task over 50 ms,
during which a click or a key waits). Time to interactive = the end of the
last long task after the page's DOMContentLoaded, or DOMContentLoaded itself,
watched for 4 s after the load event. "4x" throttles the CPU through the
Chrome DevTools Protocol (Emulation.setCPUThrottlingRate), as a mid-range phone.
Median of --repeat runs, runs of the two sites alternating. From run.py:
``results["tti"] = tti.bench_tti(site, repeat)``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
PAGES = {"diagrams": "topics/codedeploy.html", "no diagrams": "topics/codebuild.html"}
RATES = {"desktop": 1, "CPU 4x": 4}
WATCH_MS = 4000

OBSERVE = """
window.__longTasks = [];
new PerformanceObserver(l => l.getEntries().forEach(e => window.__longTasks.push([e.startTime, e.duration])))
  .observe({type: 'longtask', buffered: true});
"""
READ = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const dcl = nav.domContentLoadedEventEnd;
  const ends = window.__longTasks.map(([s, d]) => s + d).filter(e => e > dcl);
  return {dcl, tti: Math.max(dcl, ...ends), longTasks: window.__longTasks.length,
          blocked: window.__longTasks.reduce((a, [s, d]) => a + Math.max(0, d - 50), 0)};
}"""


def _one(browser, url: str, rate: int) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
        page.goto(url, wait_until="load")
        page.wait_for_timeout(WATCH_MS)
        return page.evaluate(READ)
    finally:
        context.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _served(root: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def bench_tti(site: Path, repeat: int = 3, before: Path | None = None, from_disk: bool = False) -> dict:
    """{page: {profile: {site: {"tti_ms", "dcl_ms", "blocked_ms", "runs"}}}}, medians of ``repeat`` runs."""
    from playwright.sync_api import sync_playwright

    sites = {"this": site} | ({"before": before} if before else {})
    out: dict = {}
    with contextlib.ExitStack() as stack, sync_playwright() as p:
        bases = {k: (root.resolve().as_uri() + "/" if from_disk else stack.enter_context(_served(root)))
                 for k, root in sites.items()}
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for name, rel in PAGES.items():
                for profile, rate in RATES.items():
                    runs: dict[str, list[dict]] = {k: [] for k in sites}
                    for _ in range(repeat):
                        for key in sites:  # alternating, so a slower minute hits both
                            runs[key].append(_one(browser, bases[key] + rel, rate))
                    out.setdefault(name, {})[profile] = {
                        key: {"tti_ms": round(statistics.median(r["tti"] for r in rs)),
                              "dcl_ms": round(statistics.median(r["dcl"] for r in rs)),
                              "blocked_ms": round(statistics.median(r["blocked"] for r in rs)),
                              "runs": [round(r["tti"]) for r in rs]}
                        for key, rs in runs.items()}
        finally:
            browser.close()
    return out


def markdown(results: dict) -> str:
    lines = ["| page | profile | site | time to interactive | DOMContentLoaded | blocking time | runs (ms) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, profiles in results.items():
        for profile, sites in profiles.items():
            for key, r in sites.items():
                lines.append(f"| {name} | {profile} | {key} | {r['tti_ms']} ms | {r['dcl_ms']} ms | "
                             f"{r['blocked_ms']} ms | {', '.join(map(str, r['runs']))} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=Path("site"))
    ap.add_argument("--before", type=Path, help="another build of the same notes to compare with")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--file", action="store_true", help="open the pages from disk instead of a local server")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = bench_tti(args.site, args.repeat, args.before, args.file)
    print(json.dumps(results, indent=1) if args.json else markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
