"""Diagram detectors on small notes written here, and the Mermaid label rules."""

from __future__ import annotations

import re

from notemill import mermaid as mm
from notemill.diagrams import count_by_kind, find_diagrams
from notemill.model import NamedSection, Title, Topic
from notemill.parse import parse_notes

# Notes that exercise every escape: quotes, brackets, parentheses, '#', ';',
# '<', an arrow, unicode and a very long line. Shared with the browser parse test.
HOSTILE = """Release "v2" [beta] (final) #1; <b> --> steps:
  1. Say "hello" & <script>alert(1)</script>
  2. Use C#; F# {braces} | pipes `tick` %% not a comment
  3. ünïcödé 日本語 🚀 — “curly” ‹quotes›
  4. {long}
  5. end


Notes
  - Order states
    - "Quoted" state: goes --> next; #1
    - [Bracketed] state: (paren) <lt> &amp; finishes the order
    - style:#fff; state: classDef x fill:#f00;
    - click state: click s1 call alert()
  - Flow: A "x" → B [y] → C (z) → D;#
  - Cluster
    - one primary "main" <p> and one standby [backup]
    - when the primary fails; the standby takes over --> #2
  - "Tea" vs <Coffee>
    - "Tea" has less caffeine; #calm
    - <Coffee> is stronger --> awake
""".replace("{long}", "word " * 80 + "x" * 300)


def topic_from(notes: str, title: str = "Topic") -> Topic:
    sections, _ = parse_notes(notes, "notes.txt")
    named = tuple(NamedSection(s, Title(title, False, 1.0, "heading")) for s in sections)
    return Topic("topic", title, "general", "", named)


def kinds(notes: str) -> list[str]:
    return [d.kind for d in find_diagrams(topic_from(notes))]


def test_notes_without_a_pattern_give_no_diagram():
    notes = """Storage
  - keeps files
  - cheap
    - pay per use
  - durable
Queues
  - hold messages
"""
    assert find_diagrams(topic_from(notes)) == ()


def test_an_item_introducing_an_order_becomes_a_flowchart_in_that_order():
    notes = """Build
  - Phases (run in this order):
    - Fetch
    - Compile
    - Package: zip it
      - keeps the manifest
    - Publish
"""
    (d,) = find_diagrams(topic_from(notes))
    assert d.kind == "sequence" and d.mermaid.startswith("flowchart TB")
    names = re.findall(r'^  s\d+\["([^"<]+)', d.mermaid, re.M)
    assert names == ["Fetch", "Compile", "Package#58; zip it", "Publish"]
    assert "s1 --> s2" in d.mermaid and "s3 --> s4" in d.mermaid and "s4 --> s5" not in d.mermaid
    assert "zip it<br/>· keeps the manifest" in d.mermaid  # a step's note goes in its box
    assert (d.file, d.first_line, d.last_line, d.anchor) == ("notes.txt", 2, 7, "notes-L2")
    assert "4 steps" in d.caption


def test_numbered_items_are_an_order_unless_they_are_options():
    numbered = "    1. Take a snapshot\n    2. Restore it\n    3. Switch the endpoint\n"
    assert kinds("Migrate\n  - To move the database:\n" + numbered) == ["sequence"]
    options = "Migrate\n  - Two options:\n" + numbered
    assert kinds(options) == []
    assert kinds("Build\n  - Ordering options\n    - by name\n    - by date\n    - by size\n") == []
    two = "Migrate\n  - To move:\n    1. Take a snapshot\n    2. Restore it\n"
    assert kinds(two) == []  # two steps are a sentence, not a picture


def test_states_whose_notes_state_transitions_become_a_state_diagram():
    notes = """Orders
  - Order states
    - Pending state: waiting for payment, then goes to Paid
    - Paid state: money received; moves to Delivered or back to Pending
    - Cancelled or Delivered stae: ends the order
"""
    (d,) = find_diagrams(topic_from(notes))
    assert d.kind == "states" and d.mermaid.startswith("stateDiagram-v2") and d.table is None
    states = re.findall(r'state "([^"]+)" as', d.mermaid)
    assert states == ["Pending", "Paid", "Cancelled", "Delivered"]  # "stae" is the siblings' "state", misspelt
    assert re.findall(r"s(\d) --> s(\d)", d.mermaid) == [("1", "2"), ("2", "1"), ("2", "4")]
    assert d.mermaid.count("--> [*]") == 2  # the two that end the order
    assert "waiting for payment" in d.mermaid


def test_states_without_transitions_become_a_table_of_states():
    notes = """Orders
  - Order states
    - Pending state: waiting for payment
    - Paid state: money received
    - Cancelled or Delivered stae: ends the order
"""
    (d,) = find_diagrams(topic_from(notes))
    assert d.kind == "states" and d.mermaid == ""  # no arrows the notes do not state
    assert d.table.corner == "State" and d.table.columns == ("Description",)
    assert [r[0] for r in d.table.rows] == ["Pending", "Paid", "Cancelled", "Delivered"]
    assert d.table.rows[0][1] == (("waiting for payment",),)


def test_arrows_become_flows_but_ranges_do_not():
    chain = "Pipeline\n  - Source → Build -> Test => Deploy\n"
    (d,) = find_diagrams(topic_from(chain))
    assert d.kind == "flow"
    assert ["Source", "Build", "Test", "Deploy"] == re.findall(r'\["([^"]+)"\]', d.mermaid)
    mapping = "Tools\n  - Speech→Text\n  - Text→Speech\n  - Picture→Labels\n"
    (m,) = find_diagrams(topic_from(mapping))
    assert m.kind == "flow" and "3 arrows" in m.caption
    assert m.mermaid == "" and m.table.columns == ()  # term -> result pairs read down a table
    assert m.table.rows == (("Speech", (("Text",),)), ("Text", (("Speech",),)), ("Picture", (("Labels",),)))
    assert kinds("Limits\n  - Batch size: from 1 -> 10\n  - Retries 0 -> 5\n") == []
    assert kinds("Limits\n  - Cannot sleep more than→60 days\n  - Memory must be→small\n") == []


def test_primary_and_secondary_with_a_failure_become_a_failover():
    notes = ("Database\n  - Replica set:\n    - one master and one standby\n"
             "    - if the master is down, the standby serves\n")
    (d,) = find_diagrams(topic_from(notes))
    assert d.kind == "failover"
    assert '"Master"' in d.mermaid and '"Standby"' in d.mermaid and "Replica set" in d.mermaid
    assert kinds("Cache\n  - Writes\n    - write on primary and read on secondary\n") == []


def test_x_vs_y_becomes_a_side_by_side_table():
    notes = ("Drinks\n  - Tea vs coffee\n    - Tea has less caffeine\n    - Coffee is stronger\n"
             "    - Note: both are hot\n")
    (d,) = find_diagrams(topic_from(notes))
    assert d.kind == "comparison" and d.mermaid == ""
    assert d.table.columns == ("Tea", "Coffee")
    assert d.table.rows[0] == ("", (("Has less caffeine",), ("Stronger",)))  # the option's name is the column
    assert d.table.rows[1] == ("Note", (("Both are hot",),))


def test_options_with_parallel_sub_entries_line_up():
    notes = """Disks
  - Hot storage
    - fast
    - Price: high
  - Cold storage
    - slow
    - Price: low
"""
    (d,) = find_diagrams(topic_from(notes))
    assert d.kind == "comparison" and d.table.columns == ("Hot storage", "Cold storage")
    rows = dict(d.table.rows)
    assert rows["Price"] == (("high",), ("low",))
    assert rows[""] == (("fast",), ("slow",))


def test_terms_defined_under_several_entries_pivot_into_one_table():
    notes = """Plans
  - Pricing
    - Basic plan: $5
    - Pro plans: $20
  - Support
    - Basic plan: email
    - Pro plan: phone
"""
    (d,) = find_diagrams(topic_from(notes))
    assert d.table.columns == ("Basic plan", "Pro plans")
    assert d.table.rows == (("Pricing", (("$5",), ("$20",))), ("Support", (("email",), ("phone",))))


def test_sibling_names_alike_only_when_they_are_options():
    notes = """Logs
  - Log Metrics
    - counts
  - Log Alarms
    - notify
"""
    assert kinds(notes) == []  # a shared first word is a family, not options


def test_overview_tree_only_with_enough_structure():
    rich = "".join(f"  - Part {i}\n    - a{i}\n    - b{i}\n    - c{i}\n    - d{i}\n" for i in range(10))
    (d,) = find_diagrams(topic_from("Topic\n" + rich))
    assert d.kind == "overview" and d.mermaid == "" and d.tree.root == "Topic"
    assert [b.name for b in d.tree.branches] == [f"Part {i}" for i in range(8)] and d.tree.more == 2
    assert d.tree.branches[0].leaves == ("a0", "b0", "c0") and d.tree.branches[0].more == 1
    assert all(b.anchor for b in d.tree.branches)
    thin = "".join(f"  - Part {i}\n    - a{i}\n    - b{i}\n" for i in range(2))
    assert kinds("Topic\n" + thin) == []


def test_hostile_notes_give_every_kind_with_safe_labels():
    diagrams = find_diagrams(topic_from(HOSTILE))
    assert set(count_by_kind(diagrams)) == {"overview", "sequence", "states", "flow", "failover", "comparison"}
    for d in diagrams:
        for line in d.mermaid.splitlines()[1:]:
            quoted = re.findall(r'"([^"]*)"', line)
            outside = re.sub(r'"[^"]*"', "", line)
            for text in quoted + ([outside.split(" : ", 1)[1]] if " : " in outside else []):
                bare = re.sub(r"#(?:[a-z]+|\d+);", "", text.replace("<br/>", ""))  # entity codes are safe
                assert not re.search(r"[<>;#`{}\[\]()|%\\:-]", bare), line
            assert "<script" not in line


def test_labels_are_wrapped_and_cut():
    long = "word " * 80
    text = mm.text(long)
    lines = text.split("<br/>")
    assert all(len(line) <= mm.WRAP for line in lines)
    assert text.endswith(mm.ELLIPSIS) and len(text.replace("<br/>", " ")) <= mm.MAX_CHARS + 1
    assert mm.text("x" * 100).split("<br/>")[0] == "x" * mm.WRAP  # one long word is split too
    assert mm.label("") == f'"{mm.ELLIPSIS}"'
    assert mm.label('a "b" #c; <d>') == '"a #quot;b#quot; #35;c#59; #lt;d#gt;"'
    assert mm.clean("a\x00b\tc\n d") == "ab c d"


def test_a_page_outside_mermaid2_gets_the_local_loader_by_relative_path():
    from notemill_mermaid import script_tag

    assert script_tag("print.html") == '<script src="assets/javascripts/notemill-mermaid.js"></script>'
    assert script_tag("topics/x.html") == '<script src="../assets/javascripts/notemill-mermaid.js"></script>'
    assert script_tag("topics/x/") == '<script src="../../assets/javascripts/notemill-mermaid.js"></script>'
