"""Synthetic study notes in the bundled notes' format, at any size, deterministic.

The same seed and size give the same bytes: the RNG is seeded once and every
choice draws from it in order, so a larger file starts with the smaller one.
Topics come from the catalog (so heading recovery can match them) and from
invented names the catalog cannot know (so recovery falls back to the
section's own terms). Every section shape of the seed appears: kept headings
(plain and "Name:"), lost headings (two or more blank lines, bullets only),
bullets nested by two spaces, numbered steps, "Term: definition" bullets,
numbers with units, prose continuation lines and pasted JSON fragments.

    python bench/notes_gen.py --factor 10 -o notes-10x.txt
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "hooks" / "notemill" / "data" / "catalog.yaml"
SEED_NOTES = ROOT / "notes" / "aws-developer-associate.txt"
SEED = 6
BULLET = "•"

_PREFIX = """Quantum Orbital Nimbus Cobalt Vector Prism Helix Zephyr Aurora Summit Harbor Ember Lattice Meridian
Atlas Beacon Cascade Delta Falcon Granite Horizon Indigo Juniper Kestrel Lumen Mosaic Nova Onyx Pulsar Quartz Raven
Sierra Tundra Umbra Vertex Willow Xenon Yarrow Zenith""".split()
_CORE = """Ledger Relay Cache Broker Vault Mesh Pipeline Registry Scheduler Gateway Index Catalog Stream Queue Router
Monitor Forge Archive Shard Beacon Tracker Compiler Notebook Planner Sync Proxy Lens Switch Loom Signal""".split()
_SUFFIX = ["", "", "Service", "Engine", "Manager", "Studio", "Hub", "Console", "Insights", "Connect"]
_NOUNS = """request record object table index partition shard replica snapshot backup policy role token key secret
certificate bucket queue message event trigger function container image cluster node instance volume endpoint
route listener target rule alarm metric log trace dashboard stack template parameter deployment pipeline artifact
build branch commit schema stream consumer producer topic subscription filter quota limit region zone account
user group session cookie header payload response cache layer runtime version alias environment""".split()
_VERBS = """stores replicates encrypts decrypts caches throttles retries batches streams routes filters scales
monitors rotates signs validates deploys reverts archives compresses indexes queries publishes subscribes
invokes schedules tags audits exports imports mirrors""".split()
_ADJ = """managed serverless regional global durable eventual strong synchronous asynchronous encrypted private
public cross-account multi-region on-demand provisioned reserved standard advanced dedicated shared""".split()
_UNITS = ["KB", "MB", "GB", "TB", "ms", "seconds", "minutes", "hours", "days", "requests per second",
          "per month", "% of traffic", "GB per month", "concurrent executions"]
_STEP_VERBS = """Create Configure Upload Attach Enable Deploy Verify Point Delete Tag Restore Register Grant
Rotate Validate""".split()
_ASIDES = ["(makes sense since it is managed)", "(exam favourite)", "(not the same as the older one)",
           "(cheaper at scale)", "(only within one region)", "(check the quotas page)"]


def _catalog_topics(path: Path) -> list[dict]:
    """(name, keywords) of every catalog entry; a missing catalog leaves only invented topics."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError:
        return []
    out = []
    for entry in data.get("topics") or ():
        names = [entry.get("name"), entry.get("short"), *(entry.get("aliases") or ())]
        names = [str(n) for n in names if n]
        out.append({"names": names, "keywords": [str(k) for k in entry.get("keywords") or ()]})
    return out


class _Writer:
    def __init__(self, rng: random.Random, catalog: list[dict]) -> None:
        self.rng = rng
        self.catalog = catalog
        self.order: list[int] = []
        self.invented: list[dict] = []
        self.lines: list[str] = []

    # -- vocabulary ------------------------------------------------------
    def noun(self) -> str:
        return self.rng.choice(_NOUNS)

    def phrase(self, words: int = 6) -> str:
        r = self.rng
        parts = [r.choice(_VERBS), "the", r.choice(_ADJ), self.noun()]
        while len(parts) < words:
            parts += [r.choice(["for", "per", "across", "with", "before", "after"]), "each", self.noun()]
        return " ".join(parts)

    def number(self) -> str:
        r = self.rng
        value = r.choice([r.randint(1, 15), r.randint(16, 999), r.choice([1000, 4096, 10000, 65536])])
        unit = r.choice(_UNITS)
        text = f"{value:,}" if value >= 1000 else str(value)
        return f"${value} {unit}" if unit == "per month" else f"{text} {unit}"

    def topic(self) -> dict:
        """A catalog topic (all of them in turn, reshuffled each round) or an invented one."""
        r = self.rng
        if self.catalog and r.random() < 0.5:
            if not self.order:
                self.order = list(range(len(self.catalog)))
                r.shuffle(self.order)
            entry = self.catalog[self.order.pop()]
            return {"name": r.choice(entry["names"]), "keywords": entry["keywords"] or [self.noun()], "known": True}
        if self.invented and r.random() < 0.15:
            return r.choice(self.invented)  # a topic seen before: its sections merge into one page
        name = " ".join(w for w in (r.choice(_PREFIX), r.choice(_CORE), r.choice(_SUFFIX)) if w)
        keywords = [f"{r.choice(_ADJ)} {self.noun()}" for _ in range(4)]
        topic = {"name": name, "keywords": keywords, "known": False}
        self.invented.append(topic)
        return topic

    # -- lines -----------------------------------------------------------
    def bullet(self, depth: int, text: str) -> None:
        self.lines.append(f"{'  ' * (depth + 1)}{BULLET} {text}")

    def entry(self, topic: dict, depth: int) -> None:
        """One bullet, and sometimes an outline under it."""
        r = self.rng
        kw = r.choice(topic["keywords"])
        shape = r.random()
        if shape < 0.25:
            self.bullet(depth, f"{kw[:1].upper()}{kw[1:]}: {self.phrase(r.randint(3, 8))}")
        elif shape < 0.4:
            self.bullet(depth, f"Maximum {self.noun()} size: {self.number()}, default {self.number()}")
        elif shape < 0.5:
            self.bullet(depth, f"{topic['name']} {self.phrase(r.randint(4, 9))}")
        elif shape < 0.55:
            self.bullet(depth, f"{self.phrase(r.randint(8, 14))} {r.choice(_ASIDES)}")
        elif shape < 0.6:
            # A long bullet wrapped by the copy: the next line continues it.
            self.bullet(depth, f"The {kw} {self.phrase(r.randint(8, 12))}")
            self.lines.append(f"{'  ' * (depth + 2)}and {self.phrase(r.randint(4, 8))}")
        else:
            self.bullet(depth, f"{self.phrase(r.randint(3, 10))} {kw}")
        if depth >= 4 or r.random() > 0.3:
            return
        if r.random() < 0.3:
            self.bullet(depth + 1, f"Steps to {r.choice(_VERBS).rstrip('s')} a {self.noun()}")
            for n in range(1, r.randint(3, 6)):
                self.lines.append(f"{'  ' * (depth + 3)}{n}. {r.choice(_STEP_VERBS)} the {self.noun()} "
                                  f"{self.phrase(r.randint(2, 6))}")
            return
        for _ in range(r.randint(1, 3)):
            self.entry(topic, depth + 1)

    def section(self) -> None:
        r = self.rng
        topic = self.topic()
        style = r.random()
        if style < 0.45:  # kept plain heading, one or two blank lines before
            self.lines += [""] * r.randint(1, 2) + [topic["name"], ""]
        elif style < 0.55:  # kept "Name:" heading
            self.lines += [""] * r.randint(1, 2) + [f"{topic['name']}:"]
        else:  # lost heading: the copy left two or three blank lines
            self.lines += [""] * r.randint(2, 3)
            self.bullet(0, f"{topic['name']} {self.phrase(r.randint(3, 7))}")
        for _ in range(r.randint(2, 8)):
            self.entry(topic, 0)
        if r.random() < 0.04:  # a JSON fragment pasted at column 0 under a bullet
            self.bullet(0, f"Deny the {self.noun()} when")
            self.lines += ['"Condition": {', '\t"Bool": {', f'\t\t"{self.noun()}:Secure": "false"']


def generate(size: int, seed: int = SEED, catalog: Path = CATALOG) -> str:
    """Notes of at least ``size`` bytes (UTF-8), whole sections only."""
    writer = _Writer(random.Random(seed), _catalog_topics(catalog))
    total = 0
    while total < size:
        start = len(writer.lines)
        writer.section()
        total += sum(len(line.encode("utf-8")) + 1 for line in writer.lines[start:])
    return "\n".join(writer.lines).lstrip("\n") + "\n"


def tiny(count: int) -> str:
    """``count`` tiny sections, one topic each: a heading standing apart and one entry (the worst case for
    anything that grows with the number of topics, such as each page's navigation)."""
    return "".join(f"Tiny topic {i:05d}\n\n  • fact {i}: value {i % 97} units\n\n" for i in range(1, count + 1))


def seed_size() -> int:
    return SEED_NOTES.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factor", type=float, default=1.0, help="size as a multiple of the bundled notes")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--tiny", type=int, help="instead: this many tiny sections, one topic each")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    text = tiny(args.tiny) if args.tiny else generate(int(args.factor * seed_size()), args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
