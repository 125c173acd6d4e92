"""What the notes state, indexed so a question can check that no wrong option is also true."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .lines import Lines
from .quantities import display, find_quantities
from .text import norm, tidy

BLANK = "____"


def cloze(text: str, start: int, end: int) -> str:
    return tidy(text[:start] + BLANK + text[end:])


def option_quantity(option: str):
    """The quantity an option names ("400 KB", "25 items"), or None."""
    found = find_quantities(option) or find_quantities("up to " + option)
    return found[0] if len(found) == 1 else None


@dataclass
class Facts:
    definitions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # term -> definitions
    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # list heading -> entries
    under: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # line -> headings over it
    values: dict[str, set] = field(default_factory=lambda: defaultdict(set))  # gap sentence -> values and texts
    lines: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # line -> topic slugs
    slugs: dict[str, str] = field(default_factory=dict)  # topic title -> slug

    def stated_true(self, qtype: str, subject: str, option: str) -> bool:
        """True when the notes state ``option`` as a right answer to a question about ``subject``."""
        s, o = norm(subject), norm(option)
        if qtype == "term":
            return s in self.definitions.get(o, ())
        if qtype == "definition":
            return o in self.definitions.get(s, ())
        if qtype == "choose":
            return o in self.members.get(s, ())
        if qtype == "compare":
            return o in self.under.get(s, ())
        if qtype == "value":
            q = option_quantity(option)
            known = self.values.get(s, ())
            return o in known or (q is not None and q.key in known)
        if qtype == "topic":
            slug = self.slugs.get(o)
            return slug is not None and any(slug in self.lines.get(norm(part), ()) for part in subject.split("\n"))
        return False


def build_facts(topics, lines: Lines | None = None) -> Facts:
    lines = lines or Lines()
    facts = Facts()
    first, norm_first, item_label = lines.first, lines.norm_first, lines.item_label
    # Each index reads only the lines that can add to it (the readers' own subsets, shared with the generators).
    for topic in topics:
        slug = topic.slug
        facts.slugs[norm(topic.title)] = slug
        for place in lines.places(topic):
            facts.lines[norm_first(place.node)].add(slug)
        for _, term, definition in lines.defined(topic):
            facts.definitions[norm(term)].add(norm(definition))
        for place in lines.parents(topic):
            heading = norm(lines.label(place.node))
            members = facts.members[heading]
            for child in place.node.children:
                # The entry as written and as named (often the same text, normalised once).
                text = first(child)
                forms = {norm_first(child)} if text else set()
                named = item_label(child)
                if named:
                    forms.add(norm_first(child) if named == text else norm(named))
                for form in forms:
                    members.add(form)
                    facts.under[form].add(heading)
        for place in lines.with_digits(topic):
            node = place.node
            for q in lines.quantities(node):
                text = first(node)
                gap = norm(cloze(text, q.start, q.end))
                facts.values[gap].add(q.key)
                facts.values[gap].add(norm(display(q)))
    return facts
