"""notemill.reuse: a rebuild under `mkdocs serve` reuses the last build's values for the same keys only."""

from __future__ import annotations

from notemill.reuse import Reuse, file_stamp


def test_off_it_always_works_the_value_out():
    reuse, made = Reuse(), []
    for _ in range(2):
        reuse.next_build()
        assert reuse.get("k", lambda: made.append(1) or len(made)) == len(made)
    assert made == [1, 1]
    todo, merge = reuse.split(["a", "b"], str.upper)
    assert todo == ["a", "b"] and merge([1, 2]) == [1, 2]


def test_on_a_key_of_the_last_build_is_reused_and_unused_keys_are_dropped():
    reuse = Reuse()
    reuse.enabled = True
    reuse.next_build()
    assert reuse.get("a", lambda: 1) == 1 and reuse.get("b", lambda: 2) == 2
    reuse.next_build()
    assert reuse.get("a", lambda: 10) == 1  # the last build's
    assert (reuse.hits, reuse.misses) == (1, 0)
    reuse.next_build()
    assert reuse.get("b", lambda: 20) == 20  # unused by the build before: gone
    assert reuse.get("a", lambda: 30) == 1


def test_split_works_out_only_unknown_items_once_each_in_order():
    reuse = Reuse()
    reuse.enabled = True
    reuse.next_build()
    todo, merge = reuse.split(["x", "y"], lambda s: ("len", s))
    assert merge([len(s) * 10 for s in todo]) == [10, 10]
    reuse.next_build()
    todo, merge = reuse.split(["y", "zz", "zz", "x"], lambda s: ("len", s))
    assert todo == ["zz"]  # x and y are known, zz is asked for twice and worked out once
    assert merge([2]) == [10, 2, 2, 10]


def test_a_file_stamp_changes_with_the_file(tmp_path):
    f = tmp_path / "catalog.yml"
    f.write_text("a")
    before = file_stamp(f)
    f.write_text("ab")
    assert file_stamp(f) != before
    assert file_stamp(tmp_path / "missing.yml") is None
