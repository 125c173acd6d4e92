"""`make serve` (`mkdocs serve --dirty`) rebuilds the site when a notes file changes."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from conftest import ROOT, SEED


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _outline(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url + "outline.json", timeout=5) as r:
            return json.loads(r.read())
    except (OSError, ValueError):
        return None


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


def test_serve_rebuilds_when_notes_change(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTES=str(notes))
    log = (tmp_path / "serve.log").open("w")  # a file, not a pipe: a full pipe would stall serve
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],  # as the Makefile runs it
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    # serve mounts the site at site_url's path.
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M)
    url = f"http://127.0.0.1:{port}{urllib.parse.urlsplit(site_url.group(1) if site_url else '/').path}"
    try:
        first = _wait_for(lambda: _outline(url), 120)
        assert first, "serve did not come up"
        assert not any(t["title"] == "Zebra Fixtures" for t in first["topics"])
        with notes.open("a", encoding="utf-8") as f:
            f.write("\n\nZebra Fixtures\n\n  • stripes: black and white\n")
        changed = _wait_for(
            lambda: (o := _outline(url)) and any(t["title"] == "Zebra Fixtures" for t in o["topics"]), 120)
        assert changed, "no rebuild after the notes changed"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_serve_polls_the_watched_files_every_tenth_of_a_second(tmp_path):
    """MkDocs polls every 0.5 s with no setting; the hooks' on_serve shortens it for the watches made
    before the event and after it (the notes are watched after)."""
    from mkdocs.livereload import LiveReloadServer
    from notemill_hooks import POLL_SECONDS, on_serve

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=_free_port(), root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "notes").mkdir()
    server.watch(str(tmp_path / "docs"))
    assert server.observer.timeout == 0.5  # MkDocs' own
    assert on_serve(server, None, None) is server
    server.watch(str(tmp_path / "notes"))
    emitters = list(server.observer.emitters)
    assert len(emitters) == 2
    assert POLL_SECONDS == 0.1 and all(e.timeout == POLL_SECONDS for e in emitters)
