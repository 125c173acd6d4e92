"""Name every section: keep its heading, or recover a lost one.

A kept heading is matched to the catalog so that "Secret Manager" and
"AWS Secrets Manager" become one topic. A lost heading is scored against the
catalog (names weigh most, then distinctive keywords); with no convincing
catalog match, the section's own dominant term names it.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .catalog import Catalog
from .model import Section, Title
from .terms import Token, is_plain_word, phrase_key, tokens

NAME_WEIGHT = 3.0
KEYWORD_WEIGHT = 1.5
LEAD_BONUS = 1.5  # the first lines usually say what the section is about
LEAD_LINES = 3
ENUMERATION = 3  # a line naming this many topics lists them, it is not about them
MIN_SCORE = 3.0  # one name, or two keywords
_PAREN = re.compile(r"\(([^()]*)\)")
_TERM_HEAD = re.compile(r"^([^:]{2,40}?)\s*:\s")
_STOP = frozenset(
    """a an and are as at be been but by can could do does doesn't don't each for from has have how if in
    into is it its it's of on one or our so such than that the their them then there these they this those to
    too up us use used using via was we were what when where which while who will with within without you your
    not no yes all any more most other some only also just like get gets got make makes need needs very much
    many same own way ways thing things stuff etc e.g i.e eg ie vs per default set first new old every""".split()
)


@dataclass(frozen=True)
class Mapping:
    """A user's rename of one section, found by file name and first line."""

    file: str
    line: int
    title: str


def _lines(section: Section) -> list[str]:
    return [node.text for node in section.walk()]


def _lines_with_part(section: Section) -> list[tuple[str, int, int]]:
    """Each line with its depth and the index of the part it belongs to.

    A part is a later top-level entry with its own outline ("Caching strategies"
    and what is under it); -1 for the lead entry and for childless lines.
    """
    out: list[tuple[str, int, int]] = []
    _visit(section.nodes, 0, -1, out)
    return out


def _visit(nodes, depth: int, part: int, out: list[tuple[str, int, int]]) -> None:
    # Not a closure calling itself: that is a reference cycle, kept until the next cycle collection.
    for i, node in enumerate(nodes):
        own = i if depth == 0 and i > 0 and node.children else part
        out.append((node.text, depth, own))
        _visit(node.children, depth + 1, own, out)


# A name right after one of these words is mentioned, not written about:
# "Has Cloud9", "using CodeDeploy", "resources in VPC", "like Jenkins".
_MENTION_CUES = frozenset(
    """has have had with using use uses used like than via into in within inside to from vs versus by behind
    through instead unlike integrates integrate integration supports support onto for""".split()
)
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\W+(?:(?:a|an|the|your|my|our|its|their|this|that)\W+)?$", re.I)
DEPTH_WEIGHT = (1.2, 1.0)  # top-level lines, their children; deeper lines weigh 0.8
DESCRIPTION_WEIGHT = 12.0  # cosine of the section's words to an entry's description and keywords
DESCRIPTION_SUPPORT = 3  # shared words that make a description match evidence on its own
SUBJECT_BONUS = 1.5  # a name opening a line is what the line is about
MENTION = 0.3
SUBTOPIC = 0.3
PARENT_TIE = 0.8
ELIDED = 0.7  # "Public:" under a lost heading reads as "Public subnet"
CONCEPT_PRIOR = 0.7  # exam notes are mostly about services; a concept is more often a part of one
PLAIN_WORD = 0.5  # "Artifact", "Config": everyday words make weak evidence
REPEAT_NAME = 1.0


def _name_weight(text: str, toks: list[Token], start: int, size: int) -> float:
    """How much a name counts where it stands: more as a line's subject, less in passing."""
    weight = 1.0
    before = text[: toks[start].start]
    after = text[toks[start + size - 1].start + len(toks[start + size - 1].raw):]
    if not re.search(r"[A-Za-z]", before):
        # The subject of the line, unless it is a term being defined ("ECR: ...").
        return weight if after.lstrip().startswith(":") else weight * SUBJECT_BONUS
    cue = _PREVIOUS_WORD.search(before + " ")
    if (cue and cue.group(1).lower() in _MENTION_CUES) or before.rstrip().endswith(("→", "->", "=>")):
        weight *= MENTION
    return weight


def _subject_or_passing(position: float, share: float, in_part: bool) -> str:
    """Where a name stands: the line's "subject", "passing" (a cue word before it, one of a list of topics,
    the heading of one part) or "plain" (mid-line, no cue)."""
    if position < 1.0 or share < 1.0 or in_part:
        return "passing"
    return "subject" if position > 1.0 else "plain"


@dataclass(frozen=True)
class Candidate:
    name: str
    score: float
    evidence: tuple[str, ...]
    named: bool  # its name (not only keywords) appears in the section
    support: int = 0  # words shared with the entry's description and keywords
    subject: bool = False  # its name opens a line of the section: the section says what it is about
    passing: bool = False  # named only in passing ("Has Cloud9", "UI for CodeCommit, CodeBuild, ...")
    parent: str | None = None  # the catalog entry this one is a feature of
    written: str = ""  # the entry's name as the notes first write it ("VPC" for "Amazon VPC")

    @property
    def kind(self) -> str:
        """The evidence a catalog title rests on: "named", "keywords" or "description"."""
        if self.subject:
            return "named"
        return "keywords" if self.named or len(self.evidence) >= 2 else "description"

    @property
    def convincing(self) -> bool:
        # A name in passing is no naming: "Has Cloud9" says what the subject has.
        return (self.named and not self.passing) or len(self.evidence) >= 2 or self.support >= DESCRIPTION_SUPPORT


def score_catalog(section: Section, catalog: Catalog) -> list[Candidate]:
    """The catalog entries that best fit a section, best first, with the evidence: the two best and the
    best one's parent (what naming weighs)."""
    scores: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {}
    named_entries: set[str] = set()
    places: dict[str, set[str]] = {}  # entry -> where its name stands: "subject", "plain", "passing"
    aside_lines: dict[str, set[int]] = {}  # entry -> the lines mentioning it in passing, and their sub-entries
    seen: Counter[tuple[str, str]] = Counter()
    written: dict[str, str] = {}
    lines = _lines_with_part(section)
    line_tokens = [tokens(text) for text, _, _ in lines]
    # The entry a part's heading names: evidence inside that part is about a part of the subject.
    part_entry: dict[int, str] = {}
    for (_, depth, part), toks in zip(lines, line_tokens, strict=True):
        if depth == 0 and part >= 0:
            found = [(size, value) for _, size, value in catalog.name_index.find(toks)]
            if found and max(found)[0] == len(toks):
                part_entry[part] = str(max(found)[1])
    asides: list[tuple[int, set[str]]] = []  # (depth, entries mentioned in passing) of the open ancestors
    for index, (text, depth, part) in enumerate(lines):
        while asides and asides[-1][0] >= depth:
            asides.pop()
        toks = line_tokens[index]
        line_weight = (LEAD_BONUS if index < LEAD_LINES else 1.0) * (
            DEPTH_WEIGHT[depth] if depth < len(DEPTH_WEIGHT) else 0.8)
        named = catalog.name_index.find(toks)
        distinct = {value for _, _, value in named}
        mentioned: set[str] = set().union(*(m for _, m in asides))
        share = 1.0 / len(distinct) if len(distinct) >= ENUMERATION else 1.0
        for start, size, value in named:
            phrase = _span(toks, start, size)
            seen[(value, "")] += 1
            base = NAME_WEIGHT if seen[(value, "")] == 1 else REPEAT_NAME
            plain = size == 1 and is_plain_word(toks[start].raw)
            position = _name_weight(text, toks, start, size)
            weight = base * line_weight * share * position * (PLAIN_WORD if plain else 1.0)
            if position < 1.0:
                mentioned.add(value)  # "Has Cloud9 web IDE": the line's other clues to it are asides too
            in_part = part_entry.get(part) == value
            where = _subject_or_passing(position, share, in_part)
            # "scp and rsync copy files": a command, not the catalog's "SCP"; "Storage classes: ..." in any notes.
            if where == "subject" and ((phrase.islower() and phrase_key(phrase) in catalog.acronyms)
                                       or phrase_key(phrase) in catalog.generic_names):
                where = "plain"
            places.setdefault(value, set()).add(where)
            if where == "passing":
                aside_lines.setdefault(value, set()).add(index)
            scores[value] += weight * (SUBTOPIC if in_part else 1.0)
            evidence.setdefault(value, []).append(phrase)
            written.setdefault(value, phrase)
            named_entries.add(value)
        for start, size, value in catalog.keyword_index.find(toks):
            phrase = _span(toks, start, size)
            seen[(value, phrase.lower())] += 1
            # A keyword counts fully once; repeats add a little.
            gain = KEYWORD_WEIGHT if seen[(value, phrase.lower())] == 1 else 0.25
            aside = MENTION if value in mentioned else 1.0
            scores[value] += gain * line_weight * aside * (SUBTOPIC if part_entry.get(part) == value else 1.0)
            evidence.setdefault(value, []).append(phrase)
        head = _TERM_HEAD.match(text)
        if head:
            for value in catalog.elided_subject.get(phrase_key(head.group(1)), ()):
                scores[value] += KEYWORD_WEIGHT * line_weight * ELIDED
                evidence.setdefault(value, []).append(head.group(1))
        for value in mentioned:
            aside_lines.setdefault(value, set()).add(index)
        asides.append((depth, mentioned))
    # A family of features ("Data Streams", "Firehose") points at its parent.
    for name, score in list(scores.items()):
        parent = catalog.by_name[name].parent
        if parent and parent in catalog.by_name:
            scores[parent] += 0.6 * score
            evidence.setdefault(parent, []).extend(evidence.get(name, ()))
            if name in named_entries:
                named_entries.add(parent)
                places.setdefault(parent, set()).update(places.get(name, ()))
                aside_lines.setdefault(parent, set()).update(aside_lines.get(name, ()))
    # Plain words shared with an entry's description: weak, but it needs no exact phrase.
    # An entry named only in passing ("Has Cloud9 web IDE") is a part or a neighbour of the subject: its
    # name is what its description shares with the section, so that match counts as little as the mention.
    passing = {name for name, where in places.items() if where == {"passing"}}
    texts = [text for text, _, _ in lines]
    similar = catalog.description_index.similar("\n".join(texts))
    for name in passing.intersection(similar):
        # Its description matched the lines that mention it: score it on the rest of the section.
        rest = "\n".join(text for i, text in enumerate(texts) if i not in aside_lines.get(name, ()))
        similar[name] = catalog.description_index.cosine(catalog.description_index.query(rest), name)
    support: dict[str, int] = {}
    for name, (cosine, shared) in similar.items():
        scores[name] += DESCRIPTION_WEIGHT * cosine
        support[name] = shared
    for name in catalog.concepts.intersection(scores):
        scores[name] *= CONCEPT_PRIOR
    # Naming reads the best two and the best one's parent: only those are ranked and spelled out.
    best = heapq.nsmallest(2, scores.items(), key=_rank)
    keep = dict(best)
    parent = catalog.by_name[best[0][0]].parent if best else None
    if parent in scores:
        keep[parent] = scores[parent]
    return [Candidate(name, score, _distinct(evidence.get(name, ())), name in named_entries, support.get(name, 0),
                      "subject" in places.get(name, ()), name in passing, catalog.by_name[name].parent,
                      written.get(name, ""))
            for name, score in sorted(keep.items(), key=_rank)]


def _rank(item: tuple[str, float]) -> tuple[float, str]:
    return -item[1], item[0]


def _distinct(phrases) -> tuple[str, ...]:
    seen: dict[tuple[str, ...], str] = {}
    for phrase in phrases:
        seen.setdefault(phrase_key(phrase), phrase)
    return tuple(seen.values())


def _span(toks: list[Token], start: int, size: int) -> str:
    return " ".join(t.raw for t in toks[start : start + size])


def match_heading(text: str, catalog: Catalog) -> str | None:
    """The catalog entry a kept heading names, if it mostly consists of that name."""
    candidates = [text, _PAREN.sub(" ", text)] + _PAREN.findall(text)
    for candidate in candidates:
        toks = tokens(candidate)
        if not toks:
            continue
        found = catalog.name_index.find(toks, overlapping=True)
        if not found:
            continue
        start, size, value = max(found, key=lambda f: (f[1], -f[0]))
        if size * 2 >= len(toks):
            return str(value)
    return None


# "Stages of mitosis", "Functions of the cell membrane": the notes name their subject.
_OF_SUBJECT = re.compile(
    r"\b(?:steps?|stages?|phases?|types?|kinds?|functions?|factors?|features?|components?|parts?|uses?|"
    r"advantages?|disadvantages?|benefits?|limitations?|limits?|properties|structure|examples?|role|process|"
    r"mechanism|regulation|control|products?|causes?|effects?|rate)\s+of\s+(?:the\s+|a\s+|an\s+)?"
    r"([A-Za-z][A-Za-z0-9'’-]*(?:\s+[A-Za-z][A-Za-z0-9'’-]*)?)",
    re.I,
)
OF_SUBJECT_BONUS = 6.0
# A section opening with "X = ...", "X is/are ..." or a name and its verb ("DNS resolves ...", "A Deployment
# keeps ..."): it says what its subject is. A parenthesis may stand between ("Entra ID (was Azure AD) is").
_WORD_RE = r"[A-Za-z][A-Za-z0-9'’-]*"
_DEFINES = re.compile(rf"^\W*(?:(?:an?|the|each|every|all|any)\s+)?(?P<subject>{_WORD_RE}(?:\s+{_WORD_RE}){{0,2}}?)"
                      r"(?:\s*\([^)]*\))?(?:\s+-{1,2}[A-Za-z][\w-]*)*\s*(?:(?P<be>=|\bis\b|\bare\b)|"
                      r"(?P<verb>\s[a-z]+[^s\W]s\b))", re.I)


def dominant_term(section: Section, document_frequency: TermCounts, sections: int) -> tuple[str, float]:
    """The term a section is most about, as written in the notes, and a confidence."""
    ranked = ranked_terms(section, document_frequency, sections)
    if not ranked:
        return "", 0.0
    best, _, raw = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    title = raw[:1].upper() + raw[1:]
    confidence = round(min(0.6, 0.3 + 0.3 * (1 - runner / (best or 1.0))), 2)
    return title, confidence


def ranked_terms(section: Section, document_frequency: TermCounts, sections: int) -> list[tuple[float, str, str]]:
    """The section's candidate terms, best first: (weight, normalised term, as most often written)."""
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    written_as_name: Counter[str] = Counter()
    lines_with: Counter[str] = Counter()
    first_subject: set[str] = set()  # what the first line defines: "DNS resolves ...", "Pod = ..."
    prefixes: set[str] = set()  # names standing before another noun: "Service Bus namespace"
    title_cased: set[str] = set()  # terms inside a run of four or more capitalised words: a sentence, not names
    for index, (text, depth, _) in enumerate(_lines_with_part(section)):
        weight = (1.5 if index == 0 else 1.0) * (1.2 if depth == 0 else 1.0 if depth == 1 else 0.8)
        opening = {m.group(1) for m in _SENTENCE_START.finditer(text)}
        found = _placed_terms(text)
        lines_with.update({term for term, _, _, _ in found})
        sentence_case = _title_cased_terms(text)
        title_cased.update(sentence_case)
        prefixes.update(_prefixing_names(text))
        listed = _listed_terms(text)
        # No bonus for a term a line defines ("Easy Auth: ...", "VLSM: ..."): under a lost heading it is one part
        # of the subject, as for catalog names.
        for term, raw, start, end in found:
            counts[term] += weight * (LISTED if term in listed else 1.0) * _term_position(text, start, end)
            surface.setdefault(term, Counter())[raw] += 1
            written_as_name[term] += term not in sentence_case and _written_as_name(raw, raw.split()[0] in opening)
        subjects = [m.group(1) for m in _OF_SUBJECT.finditer(text)]
        if index == 0:
            defined = _defined_subject(text)
            subjects += defined
            first_subject.update(t for d in defined for t, _ in _of_subject_terms(d))
        for subject in subjects:
            for term, raw in _of_subject_terms(subject):
                counts[term] += OF_SUBJECT_BONUS
                surface.setdefault(term, Counter())[raw] += 1
    if not counts:
        return []
    # "Lightweight tag = a name for a commit, annotated tag has ...": the first line defines one kind of what the
    # section says more often alone ("tag"); that is its subject, as "Static NAT" is a kind of NAT.
    for phrase in [t for t in first_subject if " " in t and not written_as_name[t]]:
        head = phrase.rsplit(" ", 1)[1]
        if lines_with[head] > lines_with[phrase]:
            first_subject.discard(phrase)
            first_subject.add(head)
            counts[phrase] -= OF_SUBJECT_BONUS
            counts[head] += OF_SUBJECT_BONUS

    def weight(term: str) -> float:
        # Smoothed IDF: a term in every section ("cell") says little about any one of them.
        idf = math.log((sections + 1) / (document_frequency.get(term, 0) + 0.5))
        # A term said all over the notes but most often here ("pod" in the section on pods) is still its subject.
        everywhere = document_frequency.lines.get(term, 0)
        if everywhere:
            idf = max(idf, CONCENTRATION * (lines_with[term] - 1) / everywhere)
        if term in first_subject:
            idf = max(idf, SUBJECT_IDF)
        # Names are written as names ("NAT", "ConfigMap", "Service Bus"); "access", "never" are plain words.
        # Half its uses written as a name make a name: notes lower-case names in passing ("the ingress controller").
        as_name = min(1.0, 2 * written_as_name[term] / sum(surface[term].values()))
        length = 1.0 + 0.15 * term.count(" ")
        # A phrase of names ("Service Bus", "Event Grid") is a proper noun: a topic, not a plain word.
        bonus = NAME_BONUS
        if " " in term and term not in title_cased and counts[term] >= counts[term.rsplit(" ", 1)[1]]:
            # Not a kind of a word the section says more often alone ("Static NAT", "Dynamic NAT").
            bonus = PHRASE_NAME_BONUS
            if term in prefixes:
                bonus *= PREFIX_BONUS
        return counts[term] * max(idf, 0.05) * length * (1.0 + bonus * as_name)

    return sorted(((weight(term), term, surface[term].most_common(1)[0][0]) for term in counts),
                  key=lambda item: (-item[0], item[1]))


def _term_position(text: str, start: int, end: int) -> float:
    """How much a term counts where it stands, as for catalog names (``_name_weight``): little in passing, after a
    cue word ("uses Dijkstra's ...", "like Jenkins") or as the line's contrast ("UDP instead: ...")."""
    if _INSTEAD.match(text, end):
        return MENTION
    before = text[:start]
    if not re.search(r"[A-Za-z]", before):
        # The subject of a line saying something of it ("TCP header is 20 bytes", "DNS resolves ..."); not a term
        # being defined ("VLSM: ...") nor one opening a phrase ("HTTP(S) routing from outside").
        stated = _DEFINES.match(text)
        return SUBJECT_BONUS if stated and end <= stated.end("subject") and _written_as_name(
            text[start:end], True) else 1.0
    # "Administrative distance of OSPF is 110": the line states something of it.
    if _OF_STATED.search(before) and _STATED.match(text, end) and _written_as_name(text[start:end], False):
        return SUBJECT_BONUS
    cue = _PREVIOUS_WORD.search(before + " ")
    # Fewer cues than for catalog names: in the notes' own words "to the index", "in the pod" place a term, they
    # do not make it an aside; nor does an arrow, which chains parts ("account → containers → blobs").
    return MENTION if cue and cue.group(1).lower() in _ASIDE_CUES else 1.0


_OF_STATED = re.compile(r"\w\s+of\s+(?:(?:the|a|an)\s+)?$", re.I)
_STATED = re.compile(r"\s*(?:=|\bis\b|\bare\b)", re.I)
_ASIDE_CUES = frozenset("use uses used using like unlike than vs versus via instead".split())
_INSTEAD = re.compile(r"\s+instead\b", re.I)
LISTED = 0.5  # one item of a list of three or more short items counts half
PHRASE_NAME_BONUS = 2.0  # a phrase of names ("Service Bus") weighs three times a plain word
PREFIX_BONUS = 2.0  # ... and twice that when it qualifies the next word ("Service Bus namespace")
SUBJECT_IDF = 2.0  # the first line's defined subject counts as said only here ("DNS resolves ..."): about the top IDF
NAME_BONUS = 1.0  # a term always written as a name weighs twice a plain word
CONCENTRATION = 3.0  # weight of a term's share of its lines in all notes, against the IDF (about 0 to 2.5)
_CAPITAL_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){3,}")


def _title_cased_terms(text: str) -> set[str]:
    """The terms in runs of four or more capitalised words ("Please Do Not Throw Sausage Pizza"): a sentence
    written in capitals, not names."""
    return {term for run in _CAPITAL_RUN.findall(text) for term, _ in _candidate_terms(run)}


_ITEM_SPLIT = re.compile(r"[,;:()]|\band\b|\bor\b")


def _listed_terms(text: str) -> set[str]:
    """Terms that are one item of a list of three or more short items ("APIs: NoSQL, MongoDB, Cassandra"):
    the line lists them, it is not about any one of them."""
    head = _TERM_HEAD.match(text)  # "Cosmos DB APIs: ..." heads the list, it is none of its items
    rest = text[head.end():] if head else text
    items = [item for item in _ITEM_SPLIT.split(rest) if 1 <= len(_CANDIDATE_WORD.findall(item)) <= 3]
    if len(items) < ENUMERATION:
        return set()
    return {term for item in items for term, _ in _candidate_terms(item)}


def _prefixing_names(text: str) -> set[str]:
    """Two-word names that qualify the next word ("Service Bus namespace", "App Service plan"): the notes speak
    of the name's parts, so the name is what they are about."""
    found = list(_CANDIDATE_WORD.finditer(text))
    out = set()
    for i in range(len(found) - 2):
        a, b, c = found[i], found[i + 1], found[i + 2]
        if (text[a.end():b.start()] != " " or text[b.end():c.start()] != " "
                or not (a.group()[:1].isupper() and b.group()[:1].isupper())
                or (i and found[i - 1].group()[:1].isupper() and text[found[i - 1].end():a.start()] == " ")):
            continue
        folded = [_content_word(w.group()) for w in (a, b, c)]
        if None not in folded:
            out.add(f"{folded[0]} {folded[1]}")
    return out


_INNER_CAPITAL = re.compile(r"^.+[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s)\W*([A-Za-z][A-Za-z0-9'’-]*)")


def _written_as_name(raw: str, opens_line: bool) -> bool:
    """Every word an acronym, a word with inner capitals, or capitalised ("NAT", "ConfigMap", "Event Grid");
    a capital that only opens the line says nothing."""
    words = raw.split()
    # In a phrase, capitals going on past the line's first word make the first one part of the name too
    # ("App Service plan sets ...", "Cosmos DB APIs: ...").
    opens_line = opens_line and len(words) == 1
    return all(_INNER_CAPITAL.match(w) or (w[:1].isupper() and not (opens_line and i == 0))
               for i, w in enumerate(words))


def _defined_subject(text: str) -> list[str]:
    """The subject a section's first line defines, if it reads as a definition (see ``_DEFINES``)."""
    match = _DEFINES.match(text)
    if not match:
        return []
    subject = match.group("subject")
    # "DNS resolves", "A Deployment keeps", not "Connection oriented": a verb after a name only (a capital that
    # opens the line, with no article before it, says nothing).
    opens = match.start("subject") == len(text) - len(text.lstrip(" \t•-*"))
    # A lower-case word opening the line is a command or a keyword, written as such ("yield turns a function
    # into a generator", "git add moves changes"): the section's subject as much as a name.
    command = opens and subject.islower() and (match.group("verb") or "").islower()
    if match.group("verb") and not command and not all(
            _written_as_name(w, opens and i == 0) for i, w in enumerate(subject.split())):
        return []
    return [" ".join(subject.split()[-2:])]  # the head of a longer name: "Entra ID" of "Microsoft Entra ID"


def _of_subject_terms(phrase: str) -> list[tuple[str, str]]:
    """The one- or two-word subject after "of", cut at the first joining word."""
    words = []
    for w in phrase.split():
        if w.lower() in _STOP:
            break
        words.append(w)
    return [t for t in _candidate_terms(" ".join(words)) if t[0].count(" ") == len(words) - 1]


_CANDIDATE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")


@lru_cache(maxsize=65536)  # a pure function of one word
def _content_word(word: str) -> str | None:
    """A word folded for counting ("Queues" -> "queue"), or None for a short or joining word."""
    lower = word.lower()
    if (len(word) < 3 and not (len(word) == 2 and word.isupper())) or lower in _STOP:
        return None  # short words say nothing, but two-letter acronyms ("DB", "ID") are names
    # One plural "s" off ("queues" -> "queue"), not the end of "access", "status" or "DNS".
    if len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and not word.isupper():
        return lower[:-1]
    return lower


def _candidate_terms(text: str) -> list[tuple[str, str]]:
    """(normalised term, as written) for each one- and two-word run of content words."""
    return [(term, raw) for term, raw, _, _ in _placed_terms(text)]


def _placed_terms(text: str) -> list[tuple[str, str, int, int]]:
    """(normalised term, as written, start, end) for each one- and two-word run of content words."""
    found = list(_CANDIDATE_WORD.finditer(text))
    words = [m.group() for m in found]
    folded = [_content_word(w) for w in words]
    out = [(f, m.group(), m.start(), m.end()) for f, m in zip(folded, found, strict=True) if f is not None]
    # A pair needs both words to be content words, with only a space between ("DNA (mtDNA)" is no term).
    out += [(f"{folded[i]} {folded[i + 1]}", f"{words[i]} {words[i + 1]}", found[i].start(), found[i + 1].end())
            for i in range(len(words) - 1) if folded[i] is not None and folded[i + 1] is not None
            and text[found[i].end():found[i + 1].start()] == " "]
    return out


class TermCounts(Counter):
    """Per term, the number of sections holding it; ``lines`` counts the lines holding it in all sections.
    Terms are counted line by line, so no two-word term spans two lines."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: Counter[str] = Counter()


def document_frequencies(sections: list[Section]) -> TermCounts:
    df = TermCounts()
    for section in sections:
        terms: set[str] = set()
        for line in _lines(section):
            folded = [_content_word(w) for w in _CANDIDATE_WORD.findall(line)]
            found = {f for f in folded if f is not None}
            found.update(f"{a} {b}" for a, b in zip(folded, folded[1:], strict=False)
                         if a is not None and b is not None)
            df.lines.update(found)
            terms |= found
        df.update(terms)
    return df


FIT_MIN = 0.3  # share of a file's sections a catalog name is the subject of: below, the catalog is not its ground


@dataclass(frozen=True)
class Reading:
    """What one section says about its name, before its file's catalog fit is known.

    ``title`` is set when nothing is left to decide (a user title, a kept heading); otherwise ``ranked`` holds
    the catalog's best candidates.
    """

    title: Title | None
    ranked: tuple[Candidate, ...] = ()
    lines: int = 0

    @property
    def on_catalog_ground(self) -> bool:
        """The section's subject is a catalog entry: its kept heading or user title, or a name opening lines."""
        if self.title is not None:
            return self.title.entry is not None
        return bool(self.ranked) and self.ranked[0].subject


def read_section(section: Section, catalog: Catalog, mappings: dict[tuple[str, int], str]) -> Reading:
    mapped = mappings.get((section.file, section.first_line))
    if mapped:
        entry = match_heading(mapped, catalog)
        return Reading(Title(mapped, inferred=False, confidence=1.0, method="mapping", entry=entry, basis="mapping"))
    if section.heading is not None:
        entry = match_heading(section.heading.text, catalog)
        if entry:
            return Reading(Title(entry, inferred=False, confidence=1.0, method="heading", entry=entry,
                                 evidence=(section.heading.text,), basis="heading"))
        return Reading(Title(section.heading.text, inferred=False, confidence=1.0, method="heading", basis="heading"))
    return Reading(None, tuple(score_catalog(section, catalog)), sum(1 for _ in section.walk()))


def catalog_fit(readings: list[Reading]) -> float:
    """How far a notes file is on the catalog's ground: the share of its sections whose subject is an entry."""
    return round(sum(r.on_catalog_ground for r in readings) / len(readings), 2) if readings else 0.0


def decide_title(reading: Reading, fit: float) -> Title | None:
    """The title of a section given its file's catalog fit, or None when the notes' own term must name it.

    A catalog title needs support from the notes: the section names the entry as the subject of its lines, or
    the file as a whole is on the catalog's ground and the keyword or description evidence is strong.
    """
    if reading.title is not None:
        return reading.title
    ranked = reading.ranked
    # A short section cannot pile up evidence: ask less of it.
    needed = min(MIN_SCORE, 1.5 + 0.5 * reading.lines)
    best = ranked[0] if ranked else None
    trusted = best is not None and (best.subject or fit >= FIT_MIN)
    # One clue is all a one-line section can give.
    if trusted and best.score >= needed and (best.convincing or (reading.lines <= 2 and best.evidence)):
        # A feature that nearly ties with its own parent: the section covers the parent.
        rival = next((c for c in ranked if c.name == best.parent), None)
        if rival is not None and rival.score >= PARENT_TIE * best.score:
            best = rival
        second = next((c.score for c in ranked if c.name != best.name), 0.0)
        confidence = round((best.score / (best.score + second)) * min(1.0, best.score / 6.0), 2)
        if fit < FIT_MIN:
            # Off the catalog's ground its full name may be another vendor's ("Amazon VPC" for Google Cloud's
            # VPC): the section keeps the name as its notes write it, and is no catalog topic.
            return Title(best.written or best.name, inferred=True, confidence=confidence, method="catalog",
                         evidence=best.evidence[:5], basis=best.kind)
        return Title(best.name, inferred=True, confidence=confidence, method="catalog", entry=best.name,
                     evidence=best.evidence[:5], basis=best.kind)
    return None


def term_title(term: str, confidence: float, first_line: int) -> Title:
    """A recovered title from the section's own dominant term (``dominant_term``)."""
    if not term:
        term = f"Notes from line {first_line}"
    return Title(term, inferred=True, confidence=confidence, method="term", evidence=(term,), basis="term")
