"""Print the study guide page of a built site (print.html) to one PDF with headless Chromium.

``make pdf`` runs it; by hand: ``.venv/bin/python tools/print_pdf.py --site site --out build/study-guide.pdf``.
Chromium is Debian's (``apt-get install -y chromium``) driven by Playwright
with ``executable_path``: Playwright's own browser download is not needed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL = ("no Chromium found at {path}. Install Debian's Chromium with 'sudo apt-get install -y chromium' "
           "(or set CHROMIUM to a Chromium or Chrome binary), then run 'make pdf' again.")
# notemill-mermaid.js draws diagrams as they come near the viewport; a print draws them all first.
DRAW_ALL = "async () => { if (window.notemillMermaid) await window.notemillMermaid.drawAll(); }"
DIAGRAMS_DRAWN = "!document.querySelector('.nm-mermaid:not([data-state=drawn]), pre.mermaid')"
# Chromium's footer template is drawn at about three quarters of its CSS size: 13px prints as 9.75 pt.
FOOTER = ('<div style="width:100%;text-align:center;font-size:13px;color:#333;font-family:sans-serif">'
          '<span class="pageNumber"></span></div>')
# Page numbers in the contents and the answer pointers: Chromium has no target-counter(), so the guide is
# printed, the page of each link target read back from the PDF's named destinations, written into the
# page's reserved slots (same width, so nothing moves), and printed again.
FILL_PAGES = """(pages) => {
  for (const el of document.querySelectorAll('[data-nm-page-of]')) {
    const n = pages[el.dataset.nmPageOf];
    if (n) { el.querySelector('.nm-page-n').textContent = n; el.dataset.filled = ''; }
  }
}"""
MAX_PASSES = 3


def find_chromium() -> str | None:
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which(CHROMIUM) or shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdf(page_file: Path, out: Path, chromium: str) -> list[str]:
    """Print ``page_file`` to ``out``; returns the problems the page reported (console errors, outside requests)."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []

    def route(r):
        if re.match(r"(file|data|blob|about):", r.request.url):
            r.continue_()
        else:  # the guide is self-contained: a request to another host is a bug, and is not made
            problems.append(f"blocked request to {r.request.url}")
            r.abort()

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.goto(page_file.resolve().as_uri(), wait_until="load")
            page.evaluate(DRAW_ALL)
            page.wait_for_function(DIAGRAMS_DRAWN, timeout=120_000)
            page.emulate_media(media="print")
            epoch = page.get_attribute(".nm-book", "data-epoch")
            pages: dict[str, int] = {}
            for _ in range(MAX_PASSES):
                data = page.pdf(prefer_css_page_size=True, print_background=True, outline=True, tagged=True,
                                display_header_footer=True, header_template="<div></div>", footer_template=FOOTER)
                found = destination_pages(data)
                if found == pages:
                    break  # the numbers written are the pages the targets are on
                pages = found
                page.evaluate(FILL_PAGES, pages)
            else:
                problems.append("page numbers did not settle in the contents after "
                                f"{MAX_PASSES} prints (a number's width moved a page)")
            out.write_bytes(data)
        finally:
            browser.close()
    if epoch and epoch.isdigit():
        stamp_dates(out, int(epoch))
    return problems


def destination_pages(data: bytes) -> dict[str, int]:
    """{element id: its page number, from 1} for every named destination of a printed PDF."""
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    index = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    out = {}
    for name, dest in reader.named_destinations.items():
        ref = dest.page
        number = index.get(getattr(ref, "idnum", None))
        if number is not None:
            out[name.lstrip("/")] = number + 1
    return out


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}([^)]*)\)")


def stamp_dates(pdf: Path, epoch: int) -> None:
    """Date the PDF by the notes, not the clock: the only bytes that differ between two prints.

    The stamp has the printed one's length, so the file's offsets stay right.
    """
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("%Y%m%d%H%M%S").encode()
    data = pdf.read_bytes()
    fixed = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + m.group(2) + b")", data)
    if len(fixed) == len(data):
        pdf.write_bytes(fixed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=Path("site"), help="a built site (default: site)")
    ap.add_argument("--out", type=Path, default=Path("build/study-guide.pdf"), help="the PDF to write")
    args = ap.parse_args(argv)
    page_file = args.site / "print.html"
    if not page_file.is_file():
        print(f"print_pdf: {page_file} not found: build the site first ('make site' or 'mkdocs build')",
              file=sys.stderr)
        return 2
    chromium = find_chromium()
    if chromium is None:
        print("print_pdf: " + INSTALL.format(path=CHROMIUM), file=sys.stderr)
        return 2
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("print_pdf: Playwright for Python is missing: '.venv/bin/pip install -r requirements-dev.txt' "
              "('make pdf' does it)", file=sys.stderr)
        return 2
    start = time.monotonic()
    problems = print_pdf(page_file, args.out, chromium)
    for problem in problems:
        print(f"print_pdf: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"print_pdf: wrote {args.out} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
