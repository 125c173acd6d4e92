"""The topic catalog: known topics, their names, category and keywords (data in YAML)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import NotesError
from .terms import PhraseIndex, phrase_key, stems

BUILTIN = Path(__file__).parent / "data" / "catalog.yaml"
GENERAL = "general"
_REQUIRED = ("name", "category", "description")


@dataclass(frozen=True)
class Entry:
    name: str
    full: str
    short: str
    aliases: tuple[str, ...]
    category: str
    kind: str
    parent: str | None
    description: str
    keywords: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for form in (self.name, self.full, self.short, *self.aliases):
            if form:
                seen.setdefault(form, None)
        return tuple(seen)


@dataclass(frozen=True)
class Catalog:
    categories: tuple[tuple[str, str], ...]  # (id, title) in navigation order
    entries: tuple[Entry, ...]

    def __post_init__(self) -> None:
        by_name = {e.name: e for e in self.entries}
        names, keywords = PhraseIndex(), PhraseIndex()
        for entry in self.entries:
            for form in entry.names:
                names.add(form, entry.name)
            for kw in entry.keywords:
                keywords.add(kw, entry.name, plain=False)
        # "Public subnet" with the subject left out: a "Public:" entry under a lost heading.
        elided: dict[tuple[str, ...], set[str]] = {}
        for entry in self.entries:
            subject = phrase_key(entry.short)[-1:] if phrase_key(entry.short) else ()
            for form in (*entry.aliases, *entry.keywords):
                key = phrase_key(form)
                if len(key) >= 2 and key[-1:] == subject:
                    elided.setdefault(key[:-1], set()).add(entry.name)
        # A prefix shared by many entries ("AWS") says nothing.
        elided = {k: v for k, v in elided.items() if len(v) <= 2 and k[0] not in ("aws", "amazon")}
        object.__setattr__(self, "elided_subject", elided)
        # Frozen, but the indexes are derived once here rather than on every look-up.
        object.__setattr__(self, "description_index", DescriptionIndex(self.entries))
        object.__setattr__(self, "by_name", by_name)
        object.__setattr__(self, "concepts", frozenset(e.name for e in self.entries if e.kind == "concept"))
        # Names the catalog writes only as an acronym ("SCP"): written in lower case in notes ("scp file host:")
        # they are a command or a file name, not the name.
        # Names the catalog writes only in lower case ("storage classes", an alias of "S3 Storage Classes") are
        # everyday phrases: any notes may say them of their own subject.
        spelled: dict[tuple[str, ...], set[str]] = {}
        for entry in self.entries:
            for form in entry.names:
                spelled.setdefault(phrase_key(form), set()).add(
                    "acronym" if form.isupper() and " " not in form else "lower" if form.islower() else "name")
        object.__setattr__(self, "acronyms", frozenset(k for k, ways in spelled.items() if ways == {"acronym"}))
        object.__setattr__(self, "generic_names", frozenset(k for k, ways in spelled.items() if ways == {"lower"}))
        object.__setattr__(self, "name_index", names)
        object.__setattr__(self, "keyword_index", keywords)

    def category_title(self, category: str) -> str:
        return dict(self.categories).get(category, category.replace("-", " ").title())


class DescriptionIndex:
    """TF-IDF vectors of each entry's words (names, description, keywords) for a cosine look-up."""

    def __init__(self, entries) -> None:
        docs = {e.name: Counter(stems(" ".join((*e.names, e.description, *e.keywords)))) for e in entries}
        df = Counter(term for terms in docs.values() for term in terms)
        n = len(docs)
        self.idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}
        # Entries by position: a query adds up its dot products in lists, quicker than in dicts.
        self.names: list[str] = list(docs)
        self.position = position = {name: i for i, name in enumerate(self.names)}
        self.postings: dict[str, list[tuple[int, float]]] = {}
        self.norms: list[float] = []
        self.vectors: dict[str, dict[str, float]] = {}  # one entry's weights, to score it alone
        for name, terms in docs.items():
            weights = {t: (1 + math.log(c)) * self.idf[t] for t, c in terms.items()}
            self.vectors[name] = weights
            self.norms.append(math.sqrt(sum(w * w for w in weights.values())) or 1.0)
            for term, w in weights.items():
                self.postings.setdefault(term, []).append((position[name], w))

    def query(self, text: str) -> Counter[str]:
        """The known terms of a text, counted."""
        return Counter(t for t in stems(text) if t in self.idf)

    def _weights(self, counts: Counter[str]) -> tuple[dict[str, float], float]:
        idf = self.idf
        query = {t: (1 + math.log(c)) * idf[t] for t, c in counts.items() if c > 0}
        return query, math.sqrt(sum(w * w for w in query.values())) or 1.0

    def cosine(self, counts: Counter[str], name: str) -> tuple[float, int]:
        """One entry's cosine and shared terms with a counted text (``query``)."""
        query, qnorm = self._weights(counts)
        vector = self.vectors[name]
        shared = [t for t in query if t in vector]
        norm = self.norms[self.position[name]]
        return sum(query[t] * vector[t] for t in shared) / (qnorm * norm), len(shared)

    def similar(self, text: str) -> dict[str, tuple[float, int]]:
        """Cosine similarity of a text to each entry, with the number of terms they share."""
        query, qnorm = self._weights(self.query(text))
        dots = [0.0] * len(self.names)
        shared = [0] * len(self.names)
        touched: list[int] = []  # the entries sharing a term, in the order first met
        postings = self.postings
        for term, qw in query.items():
            for i, w in postings[term]:
                if not shared[i]:
                    touched.append(i)
                dots[i] += qw * w
                shared[i] += 1
        names, norms = self.names, self.norms
        return {names[i]: (dots[i] / (qnorm * norms[i]), shared[i]) for i in touched}


_FORMAT = ("Each topic is a mapping, as '- {name: Amazon SQS, category: integration, description: Message queues}'; "
           "see the README for the catalog format")


def _line_of(where: str, key: str, n: int) -> int:
    """The line of entry ``n`` of the ``key:`` list, for a message (only ever asked on the way to an error)."""
    try:
        root = yaml.compose(Path(where).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        items = next(v for k, v in root.value if k.value == key).value
        return items[n - 1].start_mark.line + 1
    except Exception:  # the message still names the entry by number
        return 0


class _EntryError(NotesError):
    """A catalog entry that cannot be used; the loader adds its line."""


def _text_list(raw: dict, key: str, where: str, label: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if isinstance(value, str):  # "aliases: WS" would otherwise be read letter by letter
        raise _EntryError(where, 0, f"{label} has {key}: {value!r}, a single text, not a list",
                         f"Write a list: '{key}: [{value}]'")
    if not isinstance(value, (list, tuple)) or any(isinstance(v, (dict, list)) or v is None for v in value):
        raise _EntryError(where, 0, f"{label} has {key} that is not a list of texts", f"Write '{key}: [one, two]'")
    return tuple(str(v) for v in value)


def _entry(raw: object, where: str, categories: set[str], n: int) -> Entry:
    label = f"topics entry {n}"
    if not isinstance(raw, dict):
        raise _EntryError(where, 0, f"{label} is {type(raw).__name__} {raw!r}, not a mapping", _FORMAT)
    if raw.get("name"):
        label += f" ({raw['name']!r})"
    missing = [k for k in _REQUIRED if not raw.get(k)]
    if missing:
        raise _EntryError(where, 0, f"{label} lacks {', '.join(missing)}",
                         "Give every catalog entry a name, a category and a description")
    if raw["category"] not in categories:
        raise _EntryError(where, 0, f"{label} has unknown category {raw['category']!r}",
                         f"Use one of: {', '.join(sorted(categories))}, or add it under 'categories:'")
    name = str(raw["name"])
    return Entry(
        name=name,
        full=str(raw.get("full") or name),
        short=str(raw.get("short") or name),
        aliases=_text_list(raw, "aliases", where, label),
        category=str(raw["category"]),
        kind=str(raw.get("kind") or "service"),
        parent=str(raw["parent"]) if raw.get("parent") else None,
        description=str(raw["description"]),
        keywords=_text_list(raw, "keywords", where, label),
    )


def _categories(data: dict, where: str) -> list[tuple[str, str]]:
    raw = data.get("categories") or []
    if not isinstance(raw, list):
        raise NotesError(where, 0, "'categories:' is not a list",
                         "Write '- {id: my-category, title: My category}' for each category")
    out = []
    for n, c in enumerate(raw, 1):
        if not isinstance(c, dict) or not c.get("id") or not c.get("title"):
            raise NotesError(where, _line_of(where, "categories", n),
                             f"categories entry {n} is {c!r}, not an id with a title",
                             "Write '- {id: my-category, title: My category}' for each category")
        out.append((str(c["id"]), str(c["title"])))
    return out


def _read(path: Path) -> dict:
    try:
        # The C loader, where PyYAML has it, reads the catalog ten times faster.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not UTF-8"
        raise NotesError(str(path), 0, f"cannot read the catalog ({reason})",
                         "Check the catalog path, and save the file as UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise NotesError(str(path), mark.line + 1 if mark else 0, f"the catalog is not valid YAML ({problem})",
                         "Fix the YAML syntax there") from None
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise NotesError(str(path), 0, "the catalog has no 'topics:' list", "See the README for the catalog format")
    return data


def load_catalog(extra: Path | None = None) -> Catalog:
    """The built-in catalog, extended (and overridden by name) by an optional user catalog."""
    data = _read(BUILTIN)
    categories = _categories(data, str(BUILTIN))
    raw_entries = [(e, str(BUILTIN), n) for n, e in enumerate(data["topics"], 1)]
    if extra is not None:
        more = _read(extra)
        known = {c for c, _ in categories}
        categories += [c for c in _categories(more, str(extra)) if c[0] not in known]
        raw_entries += [(e, str(extra), n) for n, e in enumerate(more["topics"], 1)]
    ids = {c for c, _ in categories}
    entries: dict[str, Entry] = {}
    where_of: dict[str, tuple[str, int]] = {}
    for raw, where, n in raw_entries:
        try:
            entry = _entry(raw, where, ids, n)
        except _EntryError as err:
            raise NotesError(where, _line_of(where, "topics", n), err.message, err.fix) from None
        entries[entry.name] = entry  # a user entry replaces a built-in one of the same name
        where_of[entry.name] = (where, n)
    for entry in entries.values():
        if entry.parent is not None and entry.parent not in entries:
            where, n = where_of[entry.name]
            raise NotesError(where, _line_of(where, "topics", n),
                             f"topics entry {n} ({entry.name!r}) has parent {entry.parent!r}, "
                             "which is no topic of the catalog",
                             "Write the parent's name exactly as its own entry names it, or remove the parent")
    if GENERAL not in ids:
        categories.append((GENERAL, "General"))
    return Catalog(tuple(categories), tuple(entries.values()))
