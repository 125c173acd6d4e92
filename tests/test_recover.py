"""Heading recovery measured against truth files: the seed and notes the rules were not tuned on."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEED
from notemill import build_study
from notemill.catalog import load_catalog
from notemill.outline import outline
from notemill.recover import match_heading
from notemill.render import render_structure

NOTES = FIXTURES / "notes"
_PREFIX = re.compile(r"^(aws|amazon)\s+", re.I)


def _norm(title: str, vendor: bool = True) -> str:
    """A title folded for comparison; ``vendor`` drops an "AWS"/"Amazon" prefix (for AWS notes only)."""
    title = re.sub(r"\([^)]*\)", " ", title).strip()
    return re.sub(r"[^a-z0-9]+", "", (_PREFIX.sub("", title) if vendor else title).lower())


def same_topic(given: str, truth: str, catalog) -> bool:
    """Usual short forms count: "DynamoDB" for "Amazon DynamoDB", "KMS" for "AWS KMS"."""
    if _norm(given) == _norm(truth):
        return True
    entry = match_heading(truth, catalog)
    return entry is not None and entry == match_heading(given, catalog)


def acceptable(given: str, row: dict, catalog) -> bool:
    """A title a reader accepts for a section: the truth file's name, or one of its ``accept`` list.

    A truth row with an ``accept`` list (the fixtures on subjects off the catalog's ground) is judged by that
    list alone (a title in the singular or plural of one it names, too): the catalog's aliases would call
    "NAT Gateway" right for a networking section on NAT, and "Amazon VPC" is no title for Google Cloud's VPC.
    Rows without one (AWS notes) also accept the catalog's forms of the truth's name.
    """
    if "accept" in row:
        # One thing or several of it is the same title: "Thread" for "Threads", "Tags" for "Tag".
        folded = _norm(given, False)
        return any(folded in (ok, ok + "s") or ok == folded + "s"
                   for ok in (_norm(t, False) for t in (row["topic"], *row["accept"])))
    return same_topic(given, row["topic"], catalog)


@dataclass(frozen=True)
class Score:
    lost: int
    misses: tuple[tuple[int, str, str], ...]  # (first line, title given, truth)
    wrong_merges: tuple[tuple[str, tuple[str, ...]], ...]  # (page title, the truth topics it joins)

    @property
    def named(self) -> int:
        return self.lost - len(self.misses)


def score(notes: Path, truth_path: Path) -> Score:
    study = build_study([notes])
    catalog = study.catalog
    truth = {t["first_line"]: t for t in json.loads(truth_path.read_text())}
    lost = [s for s in study.sections if not s.section.heading]
    misses = tuple((s.section.first_line, s.title.text, truth[s.section.first_line]["topic"]) for s in lost
                   if not acceptable(s.title.text, truth[s.section.first_line], catalog))
    # A page joining sections the truth names differently: a student finds one topic where there are two.
    wrong = []
    for topic in study.topics:
        rows = [truth[s.section.first_line] for s in topic.sections]
        if any(not acceptable(r["topic"], rows[0], catalog) for r in rows[1:]):
            wrong.append((topic.title, tuple(r["topic"] for r in rows)))
    return Score(len(lost), misses, tuple(wrong))


def test_seed_lost_headings_named():
    result = score(SEED, NOTES / "aws-developer-associate.truth.json")
    assert result.lost == 26
    assert result.named >= 25, result.misses
    assert not result.wrong_merges


@pytest.mark.parametrize("name", ["aws_unseen_seedstyle", "aws_unseen_markdown", "non_aws_biology"])
def test_unseen_notes_lost_headings_named(name):
    result = score(NOTES / f"{name}.txt", NOTES / f"{name}.truth.json")
    assert result.lost and result.named / result.lost >= 0.9, result.misses
    assert not result.wrong_merges


# Notes on subjects that share words with the catalog (clusters, queues, secrets, subnets, replicas) but are not
# on its ground: written fresh, truth files first, never tuned on line by line.
NEIGHBOURS = ["azure_developer", "kubernetes_ckad", "networking_ccna", "postgresql_dba"]


# Held out: written (truth first) after the rules were tuned on the files above, and first run on the rules as
# they stood (linux_admin at c996dae, python_programming at eb0dfdf, Google Cloud and Git at c0e618e, Docker and
# Terraform at d556042; later rules were tuned on the first four, not on Docker and Terraform). They say how far
# the own-term rules carry to a subject nobody tuned them on: held to no target, only to their floor.
HELD_OUT = ["linux_admin", "python_programming", "gcp_associate_engineer", "git_version_control",
            "docker_containers", "terraform"]

# What the rules reach today on each (named acceptably, of the lost headings): a floor, so no change loses ground.
NEIGHBOUR_FLOOR = {"azure_developer": 6, "kubernetes_ckad": 7, "networking_ccna": 8, "postgresql_dba": 7,
                   "linux_admin": 4, "python_programming": 3, "gcp_associate_engineer": 5, "git_version_control": 6,
                   "docker_containers": 3, "terraform": 4}


@pytest.mark.parametrize("name", NEIGHBOURS + HELD_OUT)
def test_neighbour_subjects_are_never_merged_or_named_on_a_guess(name):
    study = build_study([NOTES / f"{name}.txt"])
    result = score(NOTES / f"{name}.txt", NOTES / f"{name}.truth.json")
    assert result.lost >= 6
    assert not result.wrong_merges, result.wrong_merges
    # Off the catalog's ground, a catalog title only where the section names the entry itself.
    assert all(s.title.basis in ("heading", "named", "term") for s in study.sections)
    assert result.named >= NEIGHBOUR_FLOOR[name], result.misses


@pytest.mark.parametrize("name", NEIGHBOURS)
def test_neighbour_subjects_named_from_their_own_notes(name):
    result = score(NOTES / f"{name}.txt", NOTES / f"{name}.truth.json")
    assert result.named / result.lost >= 0.85, result.misses


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


FIXTURE_TABLE = ["aws-developer-associate", "aws_unseen_seedstyle", "aws_unseen_markdown", "non_aws_biology",
                 *NEIGHBOURS, *HELD_OUT]


# Measured by this table at commit 29eb306 (the new fixtures and this test, the rules as they were before issue 14).
BEFORE = {"aws-developer-associate": "25/26", "aws_unseen_seedstyle": "15/15", "aws_unseen_markdown": "5/5",
          "non_aws_biology": "6/6", "azure_developer": "0/7", "kubernetes_ckad": "3/8, 1 wrong merge",
          "networking_ccna": "1/9", "postgresql_dba": "2/8", "linux_admin": "2/9", "python_programming": "3/9",
          "gcp_associate_engineer": "0/9, 1 wrong merge", "git_version_control": "1/8, 1 wrong merge",
          "docker_containers": "1/7, 1 wrong merge", "terraform": "1/7"}


def main() -> None:
    """Print the README's table: ``.venv/bin/python tests/test_recover.py``."""
    print("| notes | catalog fit | lost headings named acceptably | before issue 14 | wrong merges | misses |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in FIXTURE_TABLE:
        notes = SEED if name == "aws-developer-associate" else NOTES / f"{name}.txt"
        result = score(notes, NOTES / f"{name}.truth.json")
        fit = dict(build_study([notes]).catalog_fit)[notes.name]
        misses = "; ".join(f"L{line} “{given}” (truth: {truth})" for line, given, truth in result.misses)
        label = f"{name} (held out)" if name in HELD_OUT else name
        print(f"| {label} | {fit:.2f} | {result.named}/{result.lost} | {BEFORE[name]} | {len(result.wrong_merges)} "
              f"| {misses or '-'} |")
        for title, topics in result.wrong_merges:
            print(f"|  | wrong merge: “{title}” joins {', '.join(topics)} | | |", file=sys.stderr)


if __name__ == "__main__":
    main()


def test_a_service_mentioned_in_passing_does_not_name_the_section(tmp_path):
    # The subject is described by its neighbours: a console for three services that "has" a fourth.
    notes = tmp_path / "n.txt"
    notes.write_text("SQS\n\n  • visibility timeout\n\n\n  • One dashboard for Lambda, SNS, EventBridge\n"
                     "  • Has Cloud9 IDE inside\n", encoding="utf-8")
    title = build_study([notes]).sections[1].title
    assert title.entry not in ("AWS Cloud9", "AWS Lambda", "Amazon SNS", "Amazon EventBridge"), title


def _firm_and_guessed(tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_text("SQS\n\n  • short polling\n\n\n  • SQS keeps messages up to 14 days\n  • pay per request\n"
                     "\n\n  • visibility timeout, dead letter queue, long polling\n  • DelaySeconds up to 15 minutes\n"
                     "\n\n  • dead letter queue after maxReceiveCount\n  • visibility timeout 30 seconds default\n"
                     "\nKMS\n\n  • envelope encryption\n", encoding="utf-8")
    return build_study([notes])


def test_only_titles_that_say_the_topic_join_a_page(tmp_path):
    study = _firm_and_guessed(tmp_path)
    bases = {s.section.first_line: s.title.basis for s in study.sections}
    pages = {s.section.first_line: t.slug for t in study.topics for s in t.sections}
    assert bases[1] == "heading" and bases[6] == "named"
    assert pages[1] == pages[6]  # a kept heading and a section naming SQS: one page
    guesses = [line for line, basis in bases.items() if basis in ("keywords", "description")]
    assert len(guesses) == 2, bases
    # Two keyword guesses, both "Amazon SQS": neither joins the other nor the named page.
    assert len({pages[1], *(pages[line] for line in guesses)}) == 3


def test_structure_report_says_why_sections_joined(tmp_path):
    study = _firm_and_guessed(tmp_path)
    slug_of = {id(s.section): t.slug for t in study.topics for s in t.sections}
    report = render_structure(study.sections, slug_of, "hint")
    joined = report.split("## Sections joined on one page", 1)[1]
    line = next(row for row in joined.splitlines() if row.startswith("- [Amazon SQS]"))
    assert "kept heading “SQS”" in line and "the section names it" in line
    assert "lines 10" not in line and "lines 14" not in line  # the guesses are not in it


def test_outline_reports_catalog_fit_and_evidence(tmp_path):
    study = build_study([SEED, NOTES / "networking_ccna.txt"])
    data = outline(study)
    assert data["catalog_fit"]["aws-developer-associate.txt"] >= 0.5
    assert data["catalog_fit"]["networking_ccna.txt"] < 0.3
    kinds = {src["evidence"] for t in data["topics"] for src in t["sources"]}
    assert {"heading", "named", "keywords", "description", "own term"} <= kinds
    for topic in data["topics"]:
        for src in topic["sources"]:
            if src["file"] == "networking_ccna.txt":
                assert src["evidence"] in ("heading", "named", "own term"), (topic["title"], src)


EXAMPLE_CATALOG = ROOT / "examples" / "docker-catalog.yml"
DOCKER_NOTES = ("Docker Compose\n\n  • docker compose up starts every service\n  • depends_on sets the order\n\n\n"
                "  • Docker volumes outlive the container\n  • named volume or bind mount\n\n\n"
                "  • bridge network by default, port mapping with -p 8080:80\n"
                "  • embedded DNS finds containers by name\n"
                "  • overlay network spans hosts\n")


def test_a_user_catalog_names_sections_of_its_subject(tmp_path):
    notes = tmp_path / "docker.txt"
    notes.write_text(DOCKER_NOTES, encoding="utf-8")
    study = build_study([notes], catalog_path=EXAMPLE_CATALOG)
    titles = [(s.title.text, s.title.basis) for s in study.sections]
    assert titles[0] == ("Docker Compose", "heading")
    assert titles[1] == ("Docker volume", "named")
    # The file is on the catalog's ground (its other sections name entries): keyword evidence is trusted.
    assert titles[2] == ("Docker network", "keywords")
    assert dict(study.catalog_fit)["docker.txt"] >= 0.6
    # Without the catalog, no AWS entry takes the keyword-only section.
    plain = build_study([notes]).sections[2].title
    assert plain.basis == "term", plain


def test_a_user_catalog_is_used_with_the_same_care(tmp_path):
    # Notes on another subject: the Docker catalog's keywords (DNS, bridge, port mapping) do not name them.
    with_catalog = build_study([NOTES / "networking_ccna.txt"], catalog_path=EXAMPLE_CATALOG)
    without = build_study([NOTES / "networking_ccna.txt"])
    assert [s.title for s in with_catalog.sections] == [s.title for s in without.sections]


def _own_titles(tmp_path, *sections: str) -> list[str]:
    """The own-term titles of headless sections (bullets, two blank lines apart) in notes off the catalog."""
    notes = tmp_path / "n.txt"
    notes.write_text("\n\n\n".join(sections) + "\n", encoding="utf-8")
    study = build_study([notes])
    assert all(s.title.method == "term" for s in study.sections), [s.title for s in study.sections]
    return [s.title.text for s in study.sections]


def test_a_phrase_of_names_qualifying_a_noun_outranks_a_plain_word(tmp_path):
    # "record" is on most lines; "Ledger Vault" once, but as the owner of its parts: "Ledger Vault journal".
    titles = _own_titles(
        tmp_path,
        "  • Tamper-proof storage, Ledger Vault journal keeps each change\n"
        "  • each record is hashed\n  • a record can be verified\n  • record export to stores",
        "  • Gardens need water\n  • gardens need sun", "  • Bread needs flour\n  • bread needs yeast",
        "  • Kites need wind\n  • kites need string")
    assert titles[0] == "Ledger Vault", titles


def test_the_first_lines_subject_names_a_section_though_the_file_says_it_elsewhere(tmp_path):
    # "KDC" is all over the file, "ticket" all over this section; the first line says what the section is.
    titles = _own_titles(
        tmp_path,
        "  • KDC issues tickets to clients\n  • ticket lifetime 10 hours\n  • ticket renewal\n  • ticket cache",
        "  • Realm trusts\n  • KDC of each realm\n  • cross-realm KDC keys",
        "  • Clock skew\n  • KDC rejects skew over 5 minutes\n  • clock sync")
    assert titles[0] == "KDC", titles


def test_one_item_of_a_list_counts_half(tmp_path):
    # "Alpha" is listed twice among others; "Widget Store" opens the section's lines.
    titles = _own_titles(
        tmp_path,
        "  • Widget Store sells widgets\n  • Flavours: Alpha, Beta, Gamma, Delta\n  • Regions: Alpha, North, South",
        "  • Gardens need water\n  • gardens need sun")
    assert titles[0] == "Widget Store", titles


@pytest.mark.parametrize("section, subject", [
    # "TLS" is said twice, but as the contrast ("TLS instead: ...") and after a cue word ("like TLS"); QUIC is the
    # subject a line states something of ("QUIC header is ...").
    ("  • Handshake folded into the first packet\n  • QUIC header is encrypted\n"
     "  • TLS instead: one more exchange\n  • streams multiplexed like TLS records", "QUIC"),
    # "distance of OSPF is 110": the line says something of OSPF; Ethernet and RIP are said as often, in passing.
    ("  • Areas connect to a backbone\n  • hello packets every 10 seconds on Ethernet\n"
     "  • Administrative distance of OSPF is 110\n  • RIP counts hops", "OSPF"),
    # A command opening the first line with its verb, options between ("crontab -e edits ..."), is the subject.
    ("  • crontab -e edits the user's jobs\n  • five fields then the command\n  • jobs run in a shell\n"
     "  • system jobs in another folder", "Crontab"),
    # The first line defines a kind ("Lightweight tag = ...") of what the section says more often alone.
    ("  • Lightweight tag = a name for a commit, annotated tag has a message\n  • tag pushes need a flag\n"
     "  • a tag marks a release", "Tag"),
], ids=["passing-and-contrast", "of-x-is", "command", "kind-of"])
def test_a_term_weighs_where_it_stands(tmp_path, section, subject):
    titles = _own_titles(tmp_path, section, "  • Gardens need water\n  • gardens need sun",
                         "  • Bread needs flour\n  • bread needs yeast")
    assert titles[0] == subject, titles


@pytest.mark.parametrize("lines, entry", [
    # "scp" copies files; the catalog's "SCP" is AWS's Service Control Policies. Written in capitals it is the name.
    ("  • scp and rsync copy files between hosts\n  • scp -r copies a directory", None),
    ("  • SCP limits what member accounts may do\n  • SCP never grants permissions", "Service Control Policies"),
    # "storage classes" is an alias of S3's storage classes, but any object store has them (notes on another cloud).
    ("  • Object store of another cloud, buckets\n  • Storage classes differ in price per month", None),
], ids=["lower-case-acronym", "acronym", "everyday-phrase"])
def test_a_catalog_name_said_as_a_command_or_an_everyday_phrase_is_no_naming(tmp_path, lines, entry):
    notes = tmp_path / "n.txt"
    notes.write_text(f"{lines}\n\n\n  • Gardens need water\n  • gardens need sun\n", encoding="utf-8")
    assert build_study([notes]).sections[0].title.entry == entry


def test_off_the_catalogs_ground_a_named_section_keeps_the_notes_name(tmp_path):
    # Notes on another cloud name "VPC" as their subject: the catalog's "Amazon VPC" is another vendor's.
    notes = tmp_path / "n.txt"
    notes.write_text("  • VPC spans every region of the project\n  • VPC firewall rules target tags\n\n\n"
                     "  • Gardens need water\n  • gardens need sun\n\n\n  • Bread needs flour\n  • bread needs yeast\n"
                     "\n\n  • Kites need wind\n  • kites need string\n", encoding="utf-8")
    title = build_study([notes]).sections[0].title
    assert (title.text, title.entry, title.basis) == ("VPC", None, "named"), title
    # On the catalog's ground (its other sections name AWS topics) the catalog's name and topic stand.
    notes.write_text("  • VPC spans every region of the project\n  • VPC firewall rules target tags\n\n\n"
                     "  • SQS keeps messages 4 days\n  • SQS long polling\n\n\n  • KMS rotates keys\n  • KMS quotas\n",
                     encoding="utf-8")
    title = build_study([notes]).sections[0].title
    assert (title.text, title.entry) == ("Amazon VPC", "Amazon VPC"), title
