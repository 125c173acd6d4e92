"""Shared fixtures: paths, one real site build, a local web server and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shlex
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKS = ROOT / "hooks"
SEED = ROOT / "notes" / "aws-developer-associate.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))


def mkdocs_build(site_dir: Path, notes: list[Path] | None = None, config: Path | None = None,
                 strict: bool = True, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """A real ``mkdocs build`` in a subprocess, as a user runs it."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTES", None)
    if notes is not None:
        env["NOTES"] = " ".join(shlex.quote(str(n)) for n in notes)
    env.update(extra_env or {})
    # No -q: MkDocs' quiet mode hides warnings from --strict as well.
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir), "-f", str(config or ROOT / "mkdocs.yml")]
    if strict:
        cmd.insert(4, "--strict")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The bundled notes built once with ``mkdocs build --strict``."""
    site = tmp_path_factory.mktemp("seed") / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve_dir(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(built_site):
    server = serve_dir(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; a missing browser fails with the fix."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with 'apt-get install -y chromium' "
                    "(or set CHROMIUM to its path)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
