"""The ``extra.notemill`` settings of mkdocs.yml, validated with MkDocs' own Config classes."""

from __future__ import annotations

import difflib
import json
import os
import shlex
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

NOTES_ENV = "NOTES"


class ExamSettings(base.Config):
    """The mock exam (``extra.notemill.exam``)."""

    count = c.Type(int, default=65)
    """Questions per exam, drawn across topics in proportion to their facts."""
    minutes = c.Type(int, default=130)
    """Time allowed; the timer can be paused."""
    pass_mark = c.Type(int, default=70)
    """Percent of right answers needed to pass."""


class NotemillSettings(base.Config):
    notes = c.ListOfItems(c.FilesystemObject(exists=True))
    """Notes files or folders of them (plain text or Markdown), merged into one site. ``NOTES`` overrides
    for one build."""
    formats = c.DictOfItems(c.Choice(("markdown", "text")), default={})
    """Per notes file, relative to mkdocs.yml: "markdown" or "text", where its extension says otherwise."""
    titles = c.Optional(c.File(exists=True))
    """A YAML list of {file, line, title} renaming sections."""
    catalog = c.Optional(c.File(exists=True))
    """A YAML topic catalog extending the built-in one."""
    exam = c.SubConfig(ExamSettings)
    """The mock exam: count, minutes, pass_mark."""
    workers = c.Type(int, default=0)
    """Processes sharing the work on large notes: 0 = one per core, 1 = none (all in the build's process)."""


def load_settings(config) -> NotemillSettings:
    """Validate ``extra.notemill``; every problem names the setting and stops the build."""
    raw = config.extra.get("notemill")
    if not isinstance(raw, dict):
        raise PluginError("mkdocs.yml: 'extra.notemill' is missing; add 'extra: {notemill: {notes: [your-notes.txt]}}'")
    settings = NotemillSettings(config_file_path=config.config_file_path)
    # 'exam:' with nothing under it means the defaults (MkDocs' SubConfig would make it None).
    settings.load_dict({k: v for k, v in raw.items() if not (k == "exam" and v is None)})
    errors, warnings = settings.validate()
    # An unknown key is a typo that would silently do nothing: treat it as an error.
    problems = [f"extra.notemill.{key}: {err}" for key, err in errors + warnings if key != "exam"]
    # MkDocs' own words for the exam's values ("Sub-option 'count': Expected type: <class 'int'>") name
    # neither the fix nor the default: the same checks, said for a student's mkdocs.yml.
    problems += exam_problems(raw.get("exam"))
    # bool is an int to Python: 'workers: true' would be taken as 1.
    if not problems and (isinstance(settings.workers, bool) or settings.workers < 0):
        problems.append(f"extra.notemill.workers: {raw.get('workers')!r} is not a count; use 0 (one per core) or more")
    if not problems and not settings.notes and not os.environ.get(NOTES_ENV, "").strip():
        problems.append("extra.notemill.notes: the list is empty, so the site would have no notes; "
                        "list at least one notes file (notes: [my-notes.txt])")
    root = Path(config.config_file_path or ".").parent
    for name in settings.formats if not problems else ():
        if not (root / name).is_file():
            problems.append(f"extra.notemill.formats: no notes file '{name}' (paths are relative to mkdocs.yml)")
    if problems:
        raise PluginError("mkdocs.yml: " + "; ".join(problems))
    return settings


def notes_formats(settings: NotemillSettings, config) -> dict[str, str]:
    """The per-file formats, keyed by resolved path (as ``build_study`` takes them)."""
    root = Path(config.config_file_path or ".").parent
    return {str((root / name).resolve()): fmt for name, fmt in settings.formats.items()}


def notes_paths(settings: NotemillSettings) -> list[Path]:
    """The notes files: ``NOTES`` (space-separated paths) when set, else the configured ones."""
    value = os.environ.get(NOTES_ENV, "").strip()
    if not value:
        return [Path(p) for p in settings.notes]
    try:
        words = shlex.split(value)
    except ValueError as err:  # an unclosed quote
        raise PluginError(f"{NOTES_ENV}: cannot split {value!r} into paths ({err}). Close the quote: "
                          f"NOTES='\"my notes.txt\" other.txt'") from None
    paths = [Path(p).resolve() for p in words]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        hint = ""
        if Path(value).exists() or any(Path(" ".join(words[i:j])).exists()
                                       for i in range(len(words)) for j in range(i + 2, len(words) + 1)):
            hint = (" A path with spaces must be quoted inside NOTES, as in "
                    "NOTES='\"my notes.txt\" other.txt'.")
        raise PluginError(f"{NOTES_ENV}: no such notes file: {', '.join(missing)}.{hint} "
                          f"Set {NOTES_ENV} to existing notes files or folders, separated by spaces")
    return paths


EXAM_LIMITS = {  # setting -> (what it is, lowest, highest)
    "count": ("a number of questions", 1, None),
    "minutes": ("a time in minutes", 1, None),
    "pass_mark": ("a percentage of right answers", 1, 100),
}


def exam_problems(raw) -> list[str]:
    """What is wrong with ``extra.notemill.exam`` as written, each naming the setting and the fix."""
    if raw is None:
        return []
    example = "exam: {count: 65, minutes: 130, pass_mark: 70}"
    if not isinstance(raw, dict):
        return [f"extra.notemill.exam: {_yaml(raw)} is not a set of settings; write it as {example}"]
    out = []
    defaults = {key: option.default for key, option in ExamSettings._schema}
    for key, value in raw.items():
        if key not in EXAM_LIMITS:
            near = difflib.get_close_matches(str(key), EXAM_LIMITS, n=1)
            out.append(f"extra.notemill.exam.{key}: no such setting" + (f" (did you mean '{near[0]}'?)" if near else "")
                       + f"; the exam takes {', '.join(EXAM_LIMITS)}, as in {example}")
            continue
        what, low, high = EXAM_LIMITS[key]
        span = f"{low} to {high}" if high else f"{low} or more"
        # bool is an int to Python: 'pass_mark: true' would be taken as 1.
        if isinstance(value, bool) or not isinstance(value, int):
            out.append(f"extra.notemill.exam.{key}: {_yaml(value)} is not {what}; use a whole number, {span} "
                       f"(default {defaults[key]})")
        elif value < low or (high is not None and value > high):
            out.append(f"extra.notemill.exam.{key}: {value} is out of range for {what}; use {span} "
                       f"(default {defaults[key]})")
    return out


def _yaml(value) -> str:
    """A value as mkdocs.yml spells it (true, "many"), not as Python does (True, 'many')."""
    return json.dumps(value, default=str, ensure_ascii=False)
