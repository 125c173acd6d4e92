"""Values with units in a notes line, normalised so 30 seconds and 0.5 minutes compare equal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .text import has_digit

# unit spelling -> (kind, canonical singular, canonical plural, factor to the kind's base unit)
_UNITS: dict[str, tuple[str, str, str, float]] = {}


def _unit(kind: str, one: str, many: str, factor: float, *spellings: str) -> None:
    for s in (one, many, *spellings):
        _UNITS[s.lower()] = (kind, one, many, factor)


_unit("size", "byte", "bytes", 1)
_unit("size", "KB", "KB", 1024, "kbs")
_unit("size", "MB", "MB", 1024**2, "mbs")
_unit("size", "GB", "GB", 1024**3, "gbs")
_unit("size", "TB", "TB", 1024**4, "tbs")
# Binary units keep their spelling (the notes chose it); they compare equal to the others by value.
_unit("size", "KiB", "KiB", 1024)
_unit("size", "MiB", "MiB", 1024**2)
_unit("size", "GiB", "GiB", 1024**3)
_unit("size", "TiB", "TiB", 1024**4)
_unit("time", "ms", "ms", 0.001, "millisecond", "milliseconds")
_unit("time", "second", "seconds", 1, "sec", "secs")
_unit("time", "minute", "minutes", 60, "min", "mins")
_unit("time", "hour", "hours", 3600, "hr", "hrs")
_unit("time", "day", "days", 86400)
_unit("time", "week", "weeks", 7 * 86400)
_unit("time", "month", "months", 30 * 86400)
_unit("time", "year", "years", 365 * 86400)
_unit("percent", "%", "%", 1)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT_WORDS = sorted((u for u in _UNITS if u != "%"), key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNIT_WORDS) + "|%"
_RATE = r"(?:\s*/\s*(?:s|sec|second)\b|\s+per\s+sec(?:ond)?\b)"
_LIMIT_CUE = (
    r"(?:up\s+to|maximum(?:\s+of)?|max|minimum(?:\s+of)?|at\s+least|at\s+most|limited\s+to|default\s+is|capped\s+at)"
)
_NOUN_STOP = frozenset("a an the and or of to in on per for by is are be can will with from at as times time".split())

_UNIT_Q = re.compile(
    rf"(?<![\w.$/])(?P<lo>{_NUM})(?:\s*%?\s*(?:-|–|->|to)\s*(?P<hi>{_NUM}))?\s?(?P<unit>{_UNIT_RE})(?P<rate>{_RATE})?(?![\w/])",
    re.I,
)
_MONEY_Q = re.compile(rf"(?<![\w.])\$(?P<lo>{_NUM})(?![\w.,]*\d)")
_COUNT_Q = re.compile(
    rf"\b{_LIMIT_CUE}\s+(?P<lo>{_NUM})(?:\s*(?:-|–|to)\s*(?P<hi>{_NUM}))?\s+(?P<noun>[A-Za-z][A-Za-z-]{{1,30}})(?P<rate>{_RATE})?(?![\w/])",
    re.I,
)
_ARITHMETIC = re.compile(r"\d\s*[*×+]\s*\d|/\s*\d+\s*=|=.*=")
_NUMBER_LIST = re.compile(r"\d+(?:/\d+){2,}|\d,\s+\d|\d\s+or\s+\d")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    kind: str  # "size", "time", "percent", "money", "size/s", "count:<noun>"...
    lo: float  # in the kind's base unit
    hi: float  # == lo unless a range
    unit: str  # the canonical unit as written after the number ("KB", "minutes", "items")
    factor: float  # unit -> base
    rate: bool = False

    @cached_property  # compared against every nearby value for each question
    def key(self) -> tuple:
        return (self.kind, round(self.lo, 6), round(self.hi, 6))

    @property
    def is_range(self) -> bool:
        return self.hi != self.lo


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_quantities(text: str) -> list[Quantity]:
    """Values with units in a line; an arithmetic line or a number list gives none."""
    if not has_digit(text):
        return []  # every value starts with a number: most lines have none
    return list(_quantities_in(text))


@lru_cache(maxsize=1 << 16)  # scope, facts and generators each read the same lines
def _quantities_in(text: str) -> tuple[Quantity, ...]:
    return tuple(_scan(text))


def _maybe_arithmetic(text: str) -> bool:
    """False when _ARITHMETIC cannot match: it needs an operator or an equals sign."""
    return "=" in text or "*" in text or "+" in text or "×" in text


def _maybe_number_list(text: str) -> bool:
    """False when _NUMBER_LIST cannot match: it needs a slash, a comma or "or"."""
    return "/" in text or "," in text or "or" in text


def _maybe_count(text: str) -> bool:
    """False when _COUNT_Q cannot match: it starts with a limit cue. Only ASCII text is
    checked here (case-insensitive matching of other scripts has its own rules)."""
    if not text.isascii():
        return True
    low = text.lower()
    return "at" in low or "up" in low or "max" in low or "min" in low or "limited" in low or "default" in low


def _scan(text: str) -> list[Quantity]:
    # Each pattern is tried only when the line has the characters it needs.
    if (_maybe_arithmetic(text) and _ARITHMETIC.search(text)) or (
        _maybe_number_list(text) and _NUMBER_LIST.search(text)
    ):
        return []
    found: list[Quantity] = []
    for m in _UNIT_Q.finditer(text):
        kind, one, many, factor = _UNITS[m.group("unit").lower()]
        lo = _number(m.group("lo"))
        hi = _number(m.group("hi")) if m.group("hi") else lo
        if hi < lo:
            continue
        rate = bool(m.group("rate"))
        if rate and kind != "size":
            continue
        unit = one if (hi == 1 and kind == "time") else many
        if kind == "size" and unit == "bytes" and hi == 1:
            unit = "byte"
        found.append(
            Quantity(
                m.start(),
                m.end(),
                kind + ("/s" if rate else ""),
                lo * factor,
                hi * factor,
                unit + ("/s" if rate else ""),
                factor,
                rate,
            )
        )
    for m in _MONEY_Q.finditer(text) if "$" in text else ():
        lo = _number(m.group("lo"))
        found.append(Quantity(m.start(), m.end(), "money", lo, lo, "$", 1))
    for m in _COUNT_Q.finditer(text) if _maybe_count(text) else ():
        noun = m.group("noun")
        if noun.lower() in _UNITS or noun.lower() in _NOUN_STOP:
            continue
        start = m.start("lo")
        if any(q.start <= start < q.end for q in found):
            continue
        lo = _number(m.group("lo"))
        hi = _number(m.group("hi")) if m.group("hi") else lo
        if hi < lo:
            continue
        rate = "/s" if m.group("rate") else ""
        kind = f"count:{noun.lower().rstrip('s')}{rate}"
        # The gap covers the number only: the noun stays in the sentence.
        end = m.end("hi") if m.group("hi") else m.end("lo")
        found.append(Quantity(start, end, kind, lo, hi, "", 1, bool(rate)))
    found.sort(key=lambda q: q.start)
    return found


def _fmt_number(value: float, commas: bool) -> str:
    if abs(value - round(value)) < 1e-9:
        n = int(round(value))
        return f"{n:,}" if commas or n >= 10000 else str(n)
    return f"{value:g}"


def display(q: Quantity, lo: float | None = None, hi: float | None = None) -> str:
    """A quantity written the canonical way, optionally with other bounds (base units)."""
    lo = q.lo if lo is None else lo
    hi = q.hi if hi is None else hi
    a, b = lo / q.factor, hi / q.factor
    unit = q.unit
    if q.kind.startswith("time") and b == 1 and unit.endswith("s") and unit != "ms":
        unit = unit[:-1]
    elif q.kind.startswith("time") and b != 1 and unit in _SINGULAR_TIME:
        unit = _SINGULAR_TIME[unit]
    number = _fmt_number(a, False) if a == b else f"{_fmt_number(a, False)}-{_fmt_number(b, False)}"
    if q.kind == "money":
        return f"${number}"
    if q.kind == "percent":
        return f"{number}%"
    return f"{number} {unit}".strip()


_SINGULAR_TIME = {one: many for _, one, many, _ in _UNITS.values() if one != many}


def in_unit(q: Quantity, base: float) -> float | None:
    """``base`` expressed in q's unit when it is a whole number there."""
    v = base / q.factor
    if v <= 0 or v > 10**8:
        return None
    if abs(v - round(v)) < 1e-9:
        return float(round(v))
    return None


_PLAIN = re.compile(rf"^(?P<lo>{_NUM})(?:-(?P<hi>{_NUM}))?$")


def option_key(option: str) -> tuple | None:
    """(kind, low, high) in base units of an option as the value questions write it."""
    m = _PLAIN.match(option.strip())
    if m:  # a count: the noun stays in the sentence
        lo = _number(m.group("lo"))
        return ("count", lo, _number(m.group("hi")) if m.group("hi") else lo)
    found = find_quantities(option)
    if len(found) != 1:
        return None
    q = found[0]
    return (q.kind, round(q.lo, 6), round(q.hi, 6))


# Larger units a value may be written in, smallest first, per family of units.
_LADDERS = (
    ("bytes", "KB", "MB", "GB", "TB"),
    ("bytes", "KiB", "MiB", "GiB", "TiB"),
    ("ms", "seconds", "minutes", "hours", "days", "years"),
)
NATURAL_MAX = 100  # a number above this that is whole in a larger unit reads as converted ("720 hours")


def natural(q: Quantity, lo: float | None = None, hi: float | None = None) -> str:
    """``display``, in the largest unit of q's family where the value is whole when q's own unit would
    show a number above NATURAL_MAX: 1024 KB is 1 MB, 720 hours 30 days, so no option reads as converted."""
    lo = q.lo if lo is None else lo
    hi = q.hi if hi is None else hi
    unit, rate = (q.unit[:-2], "/s") if q.unit.endswith("/s") else (q.unit, "")
    if hi / q.factor > NATURAL_MAX:
        plural = _SINGULAR_TIME.get(unit, unit)
        ladder = next((ladder for ladder in _LADDERS if plural in ladder), ())
        for bigger in reversed(ladder[ladder.index(plural) + 1 :] if plural in ladder else ()):
            factor = _UNITS[bigger.lower()][3]
            a, b = lo / factor, hi / factor
            if a >= 1 and abs(a - round(a)) < 1e-9 and abs(b - round(b)) < 1e-9:
                return display(Quantity(0, 0, q.kind, lo, hi, bigger + rate, factor, q.rate), lo, hi)
    return display(q, lo, hi)
