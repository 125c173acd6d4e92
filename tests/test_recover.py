"""Heading recovery measured against truth files: the seed and notes the rules were not tuned on."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, SEED
from notemill import build_study
from notemill.catalog import load_catalog
from notemill.recover import match_heading

NOTES = FIXTURES / "notes"
_PREFIX = re.compile(r"^(aws|amazon)\s+", re.I)


def _norm(title: str) -> str:
    title = re.sub(r"\([^)]*\)", " ", title)
    return re.sub(r"[^a-z0-9]+", "", _PREFIX.sub("", title.strip()).lower())


def same_topic(given: str, truth: str, catalog) -> bool:
    """Usual short forms count: "DynamoDB" for "Amazon DynamoDB", "KMS" for "AWS KMS"."""
    if _norm(given) == _norm(truth):
        return True
    entry = match_heading(truth, catalog)
    return entry is not None and entry == match_heading(given, catalog)


def score(notes: Path, truth_path: Path):
    study = build_study([notes])
    catalog = study.catalog
    truth = {t["first_line"]: t for t in json.loads(truth_path.read_text())}
    lost = [s for s in study.sections if not s.section.heading]
    misses = [(s.section.first_line, s.title.text, truth[s.section.first_line]["topic"]) for s in lost
              if not same_topic(s.title.text, truth[s.section.first_line]["topic"], catalog)]
    return len(lost), misses


def test_seed_lost_headings_named():
    total, misses = score(SEED, NOTES / "aws-developer-associate.truth.json")
    assert total == 26
    assert total - len(misses) >= 25, misses


@pytest.mark.parametrize("name", ["aws_unseen_seedstyle", "aws_unseen_markdown", "non_aws_biology"])
def test_unseen_notes_lost_headings_named(name):
    total, misses = score(NOTES / f"{name}.txt", NOTES / f"{name}.truth.json")
    assert total and (total - len(misses)) / total >= 0.9, misses


def test_kept_headings_join_catalog_topics():
    catalog = load_catalog()
    assert match_heading("AWS Secret Manager", catalog) == "AWS Secrets Manager"
    assert match_heading("Step Function", catalog) == "AWS Step Functions"
    assert match_heading("Data Limitations", catalog) is None


def test_same_topic_in_two_places_is_one_page(tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_text("SQS\n\n  • visibility timeout 30 seconds\n\nKMS\n\n  • envelope encryption\n\n"
                     "Amazon SQS\n\n  • FIFO queues end with .fifo\n", encoding="utf-8")
    study = build_study([notes])
    sqs = [t for t in study.topics if t.title == "Amazon SQS"]
    assert len(sqs) == 1 and [s.section.first_line for s in sqs[0].sections] == [1, 9]


def test_notes_outside_the_catalog_get_their_dominant_term(tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_text("  • intro line\n\n\n  • Photosynthesis happens in the chloroplast\n"
                     "  • Light reactions of photosynthesis make ATP\n  • photosynthesis needs light\n",
                     encoding="utf-8")
    study = build_study([notes])
    titles = [s.title for s in study.sections]
    assert titles[1].text.lower() == "photosynthesis" and titles[1].inferred and titles[1].method == "term"


def test_grab_bag_cross_links(tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_text("Odds and Ends\n\n  • SQS: visibility timeout\n  • KMS: envelope encryption\n"
                     "  • DynamoDB: RCU\n\nSQS\n\n  • FIFO\n", encoding="utf-8")
    study = build_study([notes])
    sqs = next(t for t in study.topics if t.title == "Amazon SQS")
    bag = next(t for t in study.topics if t.title == "Odds and Ends")
    assert bag.grab_bag
    assert [(s.target_slug, s.anchor) for s in sqs.see_also] == [(bag.slug, "n-L3")]
