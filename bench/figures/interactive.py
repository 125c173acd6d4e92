"""Figure: time to interactive of a topic page with diagrams and of one without, on a desktop profile and
with the CPU throttled 4x (bench/tti.py does the measuring), on the site built from the bundled notes."""

from __future__ import annotations

import tti
from common import mkdocs_build

KEY = "time_to_interactive"
TARGET_MS = {"desktop": 1000, "CPU 4x": 2000}  # issue 13: quiz and search answer within 1 s / 2 s


def measure(ctx) -> dict:
    try:
        import playwright  # noqa: F401  (a test dependency: requirements-dev.txt)
    except ImportError:
        return {"skipped": "Playwright is not installed (.venv/bin/pip install -r requirements-dev.txt)"}
    site = ctx.work / "site-tti"
    mkdocs_build(site)
    return tti.bench_tti(site, repeat=ctx.repeat)


def targets(result: dict) -> list[dict]:
    page = result.get("diagrams")
    return [{"target": f"a diagram page is interactive within {ms / 1000:g} s ({profile})",
             "value": f"{page[profile]['this']['tti_ms']} ms" if page else "–",
             "met": page[profile]["this"]["tti_ms"] <= ms if page else None}
            for profile, ms in TARGET_MS.items()]


def report(result: dict, ctx) -> list[str]:
    out = ["## Time to interactive (end of the last main-thread task over 50 ms after DOMContentLoaded)", ""]
    if "skipped" in result:
        return out + [f"Not measured: {result['skipped']}."]
    return out + tti.markdown(result).splitlines()
