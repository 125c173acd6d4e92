"""The mock exam's draw: how many questions each topic gives, in proportion to the facts it holds.

The browser draws which questions (seeded, so an exam can be sat again); the build fixes how many per
topic, the same for every seed: largest remainders of ``count`` shared by weight, no topic giving more
questions than its bank holds (what it cannot give goes to the others, again by weight).
"""

from __future__ import annotations

from collections.abc import Mapping


def quotas(weights: Mapping[str, int], available: Mapping[str, int], count: int) -> dict[str, int]:
    """Topic -> questions to draw. ``weights``: a topic's facts (fact lines); ``available``: its bank size.

    The result sums to ``min(count, total available)``; topics with no weight or no question give none,
    unless only those are left."""
    room = {t: n for t, n in available.items() if n > 0}
    want = min(count, sum(room.values()))
    out = dict.fromkeys(room, 0)
    while sum(out.values()) < want:
        open_ = [t for t in room if out[t] < room[t]]
        left = want - sum(out.values())
        weight = {t: max(weights.get(t, 0), 0) for t in open_}
        total = sum(weight.values())
        if not total:  # no facts counted anywhere still open: share evenly
            weight, total = dict.fromkeys(open_, 1), len(open_)
        shares = {t: left * weight[t] / total for t in open_}
        given = {t: min(int(shares[t]), room[t] - out[t]) for t in open_}
        rest = left - sum(given.values())
        # Largest remainders first; ties by name, so the same notes give the same quotas.
        for t in sorted(open_, key=lambda t: (-(shares[t] - int(shares[t])), t)):
            if rest <= 0:
                break
            if given[t] < room[t] - out[t]:
                given[t] += 1
                rest -= 1
        for t, n in given.items():
            out[t] += n
    return {t: n for t, n in out.items() if n}
