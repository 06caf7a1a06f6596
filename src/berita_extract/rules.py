"""Rules as values, and the one engine that runs them.

A rule is a :class:`Rule` value: a literal ``id`` ("<group>.<name>", so ``grep`` finds its one
definition), a short ``doc``, a ``pattern`` that says *where* it may fire, and an ``action`` that
says *what* it builds there. The :class:`Engine` of a component runs every pattern of its rules
over a doc, calls each action on each match, puts what the actions built through one overlap
policy (:func:`resolve`) and hands the survivors to the one writer, :func:`berita_extract.spans.add`.

Patterns (all read the doc's shared :mod:`~berita_extract.tokens` view or its text):

- :class:`Tokens`: spaCy ``Matcher`` token patterns (``[{"LOWER": "rp"}, {"LIKE_NUM": True}]``);
- :class:`Phrases`: a ``PhraseMatcher`` over a word list (keep lists in ``models/``);
- :class:`Regex`: a regex, time-limited; with ``anchor`` flag bits it is tried only at the
  tokens carrying them (``regex.match`` at the token, no full-text scan), else it scans the text
  once through :func:`berita_extract.rx.finditer`;
- :class:`Classes`: a sequence over word classes, each step ``(bits, min, max)``, greedy.

An action is a small pure function ``action(m: Match) -> Hit | None``; ``None`` rejects the
match (the place for a check no pattern expresses: write it as a short named function).

Writing a rule, a worked example (the rule and the component are invented for the example)::

    from berita_extract import rules, tokens
    from berita_extract.normalize.numbers import parse_words

    def _days(m: rules.Match) -> rules.Hit | None:
        \"\"\"A count of days written in words: "lima hari" -> {"days": 5}.\"\"\"
        try:
            n = parse_words(m.text.split()[0])
        except ValueError:
            return None
        return rules.Hit(m.start, m.end, key=str(n), fields={"days": n})

    DAYS = rules.Rule(
        id="demo.days_in_words",
        doc="A number word followed by 'hari' ('lima hari').",
        pattern=rules.Tokens([[{"LOWER": {"IN": ["lima", "tujuh"]}}, {"LOWER": "hari"}]]),
        action=_days,
    )
    rules.register(DAYS)                      # once, at import: ids are unique

    engine = rules.Engine([DAYS], nlp=nlp)    # a component's rules, in priority order
    doc = engine(nlp("Libur lima hari."))     # finds, resolves, writes doc.spans["demo"]

A rule's examples live in ``corpus/examples/<group>.yaml`` with ``rule: <id>``; ``docs/rules.md``
is generated from :func:`registry` by ``scripts/rules_doc.py``.

>>> import spacy
>>> from berita_extract import tokens
>>> title = Rule(id="demo.title_then_cap", doc="A title word, then one to three capitalised words.",
...              pattern=Classes((tokens.TITLE, 1, 1), (tokens.CAP, 1, 3)),
...              action=lambda m: Hit(m.start, m.end, key=m.text.lower(), fields={"text": m.text}))
>>> doc = Engine([title])(spacy.blank("id")("Kemarin Bupati Paser Fahmi hadir."))
>>> [(s.text, s._.berita["rule"]) for s in doc.spans["demo"]]
[('Bupati Paser Fahmi', 'demo.title_then_cap')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Union

import regex
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from . import rx, spans, tokens

# ------------------------------------------------------------------ patterns


@dataclass(frozen=True)
class Tokens:
    """spaCy ``Matcher`` token patterns; every pattern of the list is an alternative."""

    patterns: tuple
    greedy: str | None = "LONGEST"

    def __init__(self, patterns: Iterable[list[dict]], greedy: str | None = "LONGEST"):
        object.__setattr__(self, "patterns", tuple(tuple(p) for p in patterns))
        object.__setattr__(self, "greedy", greedy)


@dataclass(frozen=True)
class Phrases:
    """A ``PhraseMatcher`` over ``phrases`` compared on ``attr`` (``LOWER`` by default)."""

    phrases: tuple[str, ...]
    attr: str = "LOWER"

    def __init__(self, phrases: Iterable[str], attr: str = "LOWER"):
        object.__setattr__(self, "phrases", tuple(phrases))
        object.__setattr__(self, "attr", attr)


@dataclass(frozen=True)
class Regex:
    """A time-limited regex; tried only at tokens with ``anchor`` bits when ``anchor`` is set."""

    pattern: regex.Pattern
    anchor: int = 0

    def __init__(self, pattern: str | regex.Pattern, anchor: int = 0):
        object.__setattr__(self, "pattern", rx.compile(pattern) if isinstance(pattern, str) else pattern)
        object.__setattr__(self, "anchor", anchor)


@dataclass(frozen=True)
class Classes:
    """A sequence of steps over word classes: ``(bits, min, max)``, a token matches a step when
    it carries any bit of ``bits``; each step takes as many tokens as it can (greedy, no
    backtracking), so write steps whose classes do not overlap."""

    steps: tuple[tuple[int, int, int], ...]

    def __init__(self, *steps: tuple[int, int, int]):
        for bits, lo, hi in steps:
            if not (bits and 0 <= lo <= hi and hi >= 1):
                raise ValueError(f"bad step {(bits, lo, hi)}: need bits, 0 <= min <= max, max >= 1")
        object.__setattr__(self, "steps", tuple(steps))


Pattern = Union[Tokens, Phrases, Regex, Classes]


# ------------------------------------------------------------------ rules and matches


@dataclass(frozen=True)
class Match:
    """Where a rule's pattern matched: characters ``start:end``, tokens ``first:last`` (exclusive)."""

    rule: "Rule"
    doc: Doc
    view: tokens.TokenView
    start: int
    end: int
    first: int
    last: int
    groups: regex.Match | None = None  # the regex match, for Regex patterns

    @property
    def text(self) -> str:
        return self.view.text[self.start:self.end]


@dataclass
class Hit:
    """What an action built: one mention for ``doc.spans`` (see :mod:`berita_extract.spans`)."""

    start: int
    end: int
    key: str
    fields: dict
    primary: bool = False
    label: str | None = None
    rule: str = ""  # filled in by the engine from the rule that built it


Action = Callable[[Match], Union[Hit, None]]

_ID = re.compile(r"[a-z]+\.[a-z0-9_]+\Z")


@dataclass(frozen=True)
class Rule:
    """One rule: literal ``id`` ("group.name"), short ``doc``, ``pattern``, ``action``."""

    id: str
    doc: str
    pattern: Pattern
    action: Action = field(compare=False)

    def __post_init__(self):
        if not _ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must look like 'group.name' (lower case, digits, _)")
        if not self.doc.strip():
            raise ValueError(f"rule {self.id} needs a docstring")

    @property
    def group(self) -> str:
        """The record type (``doc.spans`` group) the rule writes: the id before the dot."""
        return self.id.split(".", 1)[0]


_REGISTRY: dict[str, Rule] = {}


def register(*rules: Rule) -> tuple[Rule, ...]:
    """Add ``rules`` to the registry that tests and ``docs/rules.md`` enumerate; ids are unique."""
    for rule in rules:
        old = _REGISTRY.get(rule.id)
        if old is not None and old is not rule:
            raise ValueError(f"two rules have the id {rule.id!r}")
        _REGISTRY[rule.id] = rule
    return rules


def registry(group: str | None = None) -> list[Rule]:
    """Every registered rule (of ``group``), sorted by id; importing the components registers theirs."""
    from . import components  # noqa: F401 - registers every component's rules

    return sorted((r for r in _REGISTRY.values() if group in (None, r.group)), key=lambda r: r.id)


# ------------------------------------------------------------------ overlap policy


def resolve(hits: list[Hit], order: dict[str, int]) -> list[Hit]:
    """The one overlap policy: longest hit first, then the rule listed first; a hit overlapping
    a kept one is dropped. Returns the kept hits in text order.

    >>> a, b, c = Hit(0, 10, "a", {}, rule="x.a"), Hit(5, 8, "b", {}, rule="x.b"), Hit(10, 12, "c", {}, rule="x.b")
    >>> [h.key for h in resolve([b, c, a], {"x.a": 0, "x.b": 1})]
    ['a', 'c']
    """
    ranked = sorted(hits, key=lambda h: (h.start - h.end, order.get(h.rule, len(order)), h.start))
    taken: list[tuple[int, int]] = []
    kept = []
    for h in ranked:
        if all(h.end <= s or h.start >= e for s, e in taken):
            taken.append((h.start, h.end))
            kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.end))


# ------------------------------------------------------------------ the engine


class Engine:
    """Run a component's rules over a doc: match, act, :func:`resolve`, write ``doc.spans``.

    Rules are listed in priority order (ties of the overlap policy go to the earlier rule).
    Matchers are built lazily for the vocab of the first doc.
    """

    def __init__(self, rules: Iterable[Rule], group: str | None = None, nlp=None):
        self.rules = list(rules)
        # Phrases are cut into tokens by the pipeline's tokenizer when one is given (the
        # component factory's ``nlp``), else on white space.
        self._make_doc = nlp.make_doc if nlp is not None else None
        groups = {r.group for r in self.rules}
        self.group = group or (groups.pop() if len(groups) == 1 else None)
        if self.group is None:
            raise ValueError(f"rules of several groups {sorted({r.group for r in self.rules})}: pass group=")
        self.order = {r.id: i for i, r in enumerate(self.rules)}
        self._vocab = None
        self._matcher: Matcher | None = None
        self._phrases: dict[str, PhraseMatcher] = {}

    def _build(self, vocab) -> None:
        self._vocab = vocab
        self._matcher, self._phrases = Matcher(vocab), {}
        for rule in self.rules:
            p = rule.pattern
            if isinstance(p, Tokens):
                self._matcher.add(rule.id, [list(x) for x in p.patterns], greedy=p.greedy)
            elif isinstance(p, Phrases):
                pm = self._phrases.setdefault(p.attr, PhraseMatcher(vocab, attr=p.attr))
                make = self._make_doc or (lambda s: Doc(vocab, words=s.split()))
                pm.add(rule.id, [make(s) for s in p.phrases])

    def matches(self, doc: Doc) -> Iterator[Match]:
        """Every match of every rule's pattern, rule by rule in priority order."""
        if self._vocab is not doc.vocab:
            self._build(doc.vocab)
        tv = tokens.view(doc)
        by_rule: dict[str, list[tuple[int, int]]] = {}
        strings = doc.vocab.strings
        found = list(self._matcher(doc)) if len(self._matcher) else []
        for pm in self._phrases.values():
            found += pm(doc)
        for match_id, first, last in found:
            by_rule.setdefault(strings[match_id], []).append((first, last))
        for rule in self.rules:
            p = rule.pattern
            if isinstance(p, (Tokens, Phrases)):
                for first, last in sorted(by_rule.get(rule.id, ())):
                    yield Match(rule, doc, tv, tv.start[first], tv.end[last - 1], first, last)
            elif isinstance(p, Regex):
                yield from _regex_matches(rule, p, doc, tv)
            else:
                yield from _class_matches(rule, p, doc, tv)

    def hits(self, doc: Doc) -> list[Hit]:
        """What the actions built, after the overlap policy."""
        out = []
        for m in self.matches(doc):
            hit = m.rule.action(m)
            if hit is not None:
                hit.rule = hit.rule or m.rule.id
                out.append(hit)
        return resolve(out, self.order)

    def write(self, doc: Doc, hits: Iterable[Hit]) -> None:
        """The one writer: each hit becomes a span of ``doc.spans[group]`` with its payload."""
        spans.ensure_group(doc, self.group)
        for h in hits:
            spans.add(doc, self.group, h.start, h.end, rule=h.rule, key=h.key, fields=h.fields,
                      primary=h.primary, label=h.label)

    def __call__(self, doc: Doc) -> Doc:
        self.write(doc, self.hits(doc))
        return doc


def _regex_matches(rule: Rule, p: Regex, doc: Doc, tv: tokens.TokenView) -> Iterator[Match]:
    text = tv.text
    if not p.anchor:
        for m in rx.finditer(p.pattern, text, doc=doc, name=rule.id):
            if m.end() > m.start():
                yield _char_match(rule, doc, tv, m)
        return
    last_end = -1
    for i in tv.having(p.anchor):
        if tv.start[i] < last_end:
            continue  # inside the previous match
        try:
            m = p.pattern.match(text, tv.start[i], timeout=rx.DEFAULT_TIMEOUT)
        except TimeoutError:
            rx.warn(doc, f"pattern {rule.id!r} timed out after {rx.DEFAULT_TIMEOUT}s")
            return
        if m is not None and m.end() > m.start():
            last_end = m.end()
            yield _char_match(rule, doc, tv, m)


def _char_match(rule: Rule, doc: Doc, tv: tokens.TokenView, m: regex.Match) -> Match:
    first = tv.index_at(m.start())
    last = max(first + 1, tv.index_at(m.end() - 1) + 1)
    return Match(rule, doc, tv, m.start(), m.end(), first, last, m)


def _class_matches(rule: Rule, p: Classes, doc: Doc, tv: tokens.TokenView) -> Iterator[Match]:
    flags, n = tv.flags, len(tv)
    # A compulsory first step filters start positions cheaply.
    must = p.steps[0][0] if p.steps[0][1] else 0
    i = 0
    while i < n:
        if must and not flags[i] & must:
            i += 1
            continue
        j = i
        ok = True
        for bits, lo, hi in p.steps:
            k = j
            while k < n and k - j < hi and flags[k] & bits:
                k += 1
            if k - j < lo:
                ok = False
                break
            j = k
        if ok and j > i:
            yield Match(rule, doc, tv, tv.start[i], tv.end[j - 1], i, j)
            i = j
        else:
            i += 1
