"""Obsidian image embeds: a bare name is found anywhere in the notes folder, as Obsidian finds it in its vault."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import FIXTURES, mkdocs_build
from notemill import build_study

PNG = FIXTURES / "markdown" / "readme" / "img" / "placement.png"


def _vault(tmp_path: Path, files: dict[str, str], images: list[str]) -> Path:
    root = tmp_path / "vault"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for i, name in enumerate(images):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PNG, root / name)
        with (root / name).open("ab") as f:  # each image its own bytes, so the copy shows which was chosen
            f.write(bytes([i]))
    return root


NOTE = """# Queues

## Basics

- a queue holds messages
- ![[flow.png]]
- ![[shared.png|300]]
- ![[missing.png]]
- ![[secret.png]]
- ![[Other/shared.png|The other one]]
- ![[../outside.png]]
"""


def _item(study, text):
    return next(n for s in study.sections for n in s.section.walk() if n.text == text)


def test_a_bare_name_is_found_anywhere_in_the_notes_folder(tmp_path):
    root = _vault(tmp_path, {"Notes/Deep/Queues.md": NOTE},
                  ["attachments/flow.png", "attachments/shared.png", "Other/shared.png", ".obsidian/secret.png"])
    shutil.copyfile(PNG, tmp_path / "outside.png")
    study = build_study([root])
    media = dict(study.media)
    flow = _item(study, "flow")  # the note is two folders down, the image in another folder
    site = re.search(r"\(\.\./(media/[^)]+)\)", flow.markup).group(1)
    assert media[site] == (root / "attachments" / "flow.png").resolve()
    # "|300" is Obsidian's display width, not a description.
    assert "![shared](../media/" in _item(study, "shared").markup
    assert media[re.search(r"\(\.\./(media/[^)]+)\)", _item(study, "The other one").markup).group(1)] == (
        root / "Other" / "shared.png").resolve()
    warnings = [f"{d.file}:{d.line}: {d.message}" for d in study.diagnostics if d.level == "warning"]
    # Two images of one name: the nearest (a tie here, so the shorter then alphabetical path), with a warning
    # naming the file, the line and how to choose.
    ambiguous = [w for w in warnings if "shared.png" in w]
    assert len(ambiguous) == 1 and ambiguous[0].startswith("Queues.md:7: ")
    assert "showing attachments/shared.png" in ambiguous[0] and "![[Other/shared.png]]" in ambiguous[0]
    # Missing, in a hidden folder, or outside the notes folder: the description, and a warning with the fix.
    for line, name in ((8, "missing.png"), (9, "secret.png"), (11, "../outside.png")):
        said = [w for w in warnings if w.startswith(f"Queues.md:{line}: ")]
        assert len(said) == 1 and f"“{name}”" in said[0] and "Put the image inside the notes folder" in said[0], said
    assert _item(study, "missing").markup == "Image: missing"
    assert all(p.resolve().is_relative_to(root.resolve()) for p in media.values())
    assert len(media) == 3


def test_the_nearest_image_wins_whatever_order_the_files_were_made_in(tmp_path):
    note = {"Topics/Net/VPC.md": "# VPC\n\n## Subnets\n\n- ![[map.png]]\n"}
    chosen = []
    for k, images in enumerate((["Topics/Net/img/map.png", "Topics/Other/x/map.png", "Archive/old/map.png"],
                                ["Archive/old/map.png", "Topics/Other/x/map.png", "Topics/Net/img/map.png"])):
        root = _vault(tmp_path / str(k), note, images)
        study = build_study([root])
        (site, path), = study.media
        chosen.append(path.relative_to(root.resolve()).as_posix())
    assert chosen == ["Topics/Net/img/map.png"] * 2  # one folder from the note beats three or four


def test_a_note_beside_its_image_still_finds_it_first(tmp_path):
    root = _vault(tmp_path, {"a/Note.md": "# Note\n\n## Part\n\n- ![[pic.png]]\n"}, ["a/pic.png", "pic.png"])
    study = build_study([root / "a" / "Note.md"])  # a single file: its own folder is the notes folder
    (_, path), = study.media
    assert path == (root / "a" / "pic.png").resolve()
    assert not [d for d in study.diagnostics if d.level == "warning"]


def test_built_vault_copies_an_image_from_another_folder(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(site, notes=[FIXTURES / "markdown" / "vault"], strict=False)
    assert result.returncode == 0, result.stderr
    copied = list((site / "media").glob("*-queue-flow.png"))
    assert len(copied) == 1 and copied[0].read_bytes() == (FIXTURES / "markdown" / "vault" / "attachments" /
                                                           "queue-flow.png").read_bytes()
    page = next(p for p in (site / "topics").glob("*.html") if "queue-flow" in p.read_text(encoding="utf-8"))
    assert f'src="../media/{copied[0].name}"' in page.read_text(encoding="utf-8")
    assert "queue-flow.png" not in re.sub(r"WARNING.*Step Functions.*", "", result.stderr)


def test_a_link_out_of_the_notes_folder_is_never_followed(tmp_path):
    root = _vault(tmp_path, {"Note.md": "# Note\n\n## Part\n\n- ![[evil.png]]\n- ![](sub/evil.png)\n"}, [])
    shutil.copyfile(PNG, tmp_path / "outside.png")
    (root / "sub").mkdir()
    (root / "sub" / "evil.png").symlink_to(tmp_path / "outside.png")
    study = build_study([root])
    assert study.media == ()
    said = [d for d in study.diagnostics if d.level == "warning" and "evil.png" in d.message]
    assert [d.line for d in said] == [5, 6]
