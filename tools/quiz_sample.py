"""Print randomly chosen quiz questions with their answers, to read them as a student would.

    .venv/bin/python tools/quiz_sample.py [-n 10] [--seed 4] [--type value,term] [--pages] [notes.txt ...]
    .venv/bin/python tools/quiz_sample.py --coverage [notes.txt ...]

Questions are drawn from the whole question bank (``--pages``: only those the
topic pages show). The choice is seeded, so the same notes and seed print the
same questions. With no notes files, the bundled notes are used.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from notemill import build_study  # noqa: E402
from notemill.quiz import TYPES, coverage_totals, quiz_stage, shown, summary  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", nargs="*", type=Path, default=[ROOT / "notes" / "aws-developer-associate.txt"])
    parser.add_argument("-n", type=int, default=10, help="how many questions (default 10)")
    parser.add_argument("--seed", type=int, default=4, help="random seed (default 4)")
    parser.add_argument("--type", default="", help=f"comma-separated types among {', '.join(TYPES)}")
    parser.add_argument("--pages", action="store_true", help="only the questions the topic pages show")
    parser.add_argument("--coverage", action="store_true",
                        help="print fact lines and tested lines per topic, and the issue's targets, instead")
    args = parser.parse_args()
    study = build_study(args.notes)
    made = quiz_stage(study)
    if args.coverage:
        return _coverage(study, made)
    quizzes = made.bank
    if args.pages:
        quizzes = shown(quizzes)
    total, topics, types = summary(quizzes)
    names = [*TYPES, *sorted(t for t in types if t not in TYPES)]
    print(f"{total} questions on {topics} topics: " + ", ".join(f"{t} {types[t]}" for t in names if types[t]))
    wanted = set(filter(None, args.type.split(",")))
    pool = [q for qs in quizzes.values() for q in qs if not wanted or q.type in wanted]
    for n, q in enumerate(random.Random(args.seed).sample(pool, min(args.n, len(pool))), 1):
        print(f"\n{n}. [{q.type}] {q.context}\n   {q.stem}")
        for i, option in enumerate(q.options):
            print(f"   {'*' if i in q.answers else ' '} {chr(97 + i)}) {option}")
        if q.type == "order":
            print("   order: " + " → ".join(q.options[i] for i in q.answers))
        print(f"   source: {q.file}, line {q.line}" + (f"-{q.last_line}" if q.last_line > q.line else "")
              + f"  [{q.id}]")
    return 0


def _coverage(study, made) -> int:
    facts, tested = coverage_totals(made.coverage)
    print(f"{tested} of {facts} fact lines tested ({100 * tested / max(facts, 1):.0f}%)")
    short = []
    for t in study.topics:
        c, n = made.coverage[t.slug], len(made.bank.get(t.slug, ()))
        print(f"  {t.title}: {c.tested_lines} of {c.fact_lines} fact lines, {n} questions in the bank")
        if c.fact_lines >= 3 and n < 3:
            short.append(t.title)
    named = f" ({', '.join(short)})" if short else ""
    print(f"topics with 3+ fact lines and fewer than 3 questions: {len(short)}{named}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
