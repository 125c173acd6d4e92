"""Hosting: `mkdocs gh-deploy` as the README documents it, into a local stand-in for GitHub."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from urllib.parse import urlsplit

import yaml

from conftest import ROOT, mkdocs_build

# What a build reads from the project (node_modules is linked, not copied).
BUILD_INPUTS = ("mkdocs.yml", "hooks", "overrides", "docs", "notes")


def _git(*args, cwd):
    return subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", *args],
                          cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_gh_deploy_pushes_the_site_to_gh_pages(tmp_path):
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    _git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    work.mkdir()
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, work / name)
    (work / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    _git("init", "-q", cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "notes", cwd=work)
    _git("remote", "add", "origin", str(remote), cwd=work)

    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "-q"], cwd=work,
                            # gh-deploy commits: name a committer, whatever git config the machine has.
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", GIT_COMMITTER_NAME="test",
                                     GIT_COMMITTER_EMAIL="test@example.invalid"), capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr

    files = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert {".nojekyll", "index.html", "404.html", "sitemap.xml", "search/search_index.js"} <= files
    assert any(f.startswith("topics/") and f.endswith(".html") for f in files)
    site_url = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["site_url"]
    locations = re.findall(r"<loc>([^<]*)</loc>", _git("show", "gh-pages:sitemap.xml", cwd=remote))
    assert locations and all(loc.startswith(site_url) for loc in locations)
    assert {f"{site_url}{f}" for f in files if f.startswith("topics/") and f.endswith(".html")} <= set(locations)
    page404 = _git("show", "gh-pages:404.html", cwd=remote)
    assert f'href="{urlsplit(site_url).path}assets/' in page404  # absolute: works at any depth


def test_home_links_the_pdf_once_built(built_site, tmp_path):
    """A build serves and links build/study-guide.pdf when it exists; `make pdf`'s own build links the one to come."""
    printed = (ROOT / "build" / "study-guide.pdf").is_file()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert ('href="study-guide.pdf"' in home) == printed
    assert (built_site / "study-guide.pdf").is_file() == printed
    site = tmp_path / "site"
    result = mkdocs_build(site, extra_env={"NOTEMILL_PDF_PENDING": "1"})
    assert result.returncode == 0, result.stderr
    assert 'href="study-guide.pdf"' in (site / "index.html").read_text(encoding="utf-8")
