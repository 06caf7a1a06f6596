"""Component `berita_amounts`: sums of money, with qualifier, range and recipient.

How it reads a text (word lists in ``models/money.csv``, values by
:mod:`berita_extract.normalize.money`):

1. A cheap prefilter: plain substring search (``str.find``) for the first
   word of every currency form gives the places a sum may start; a text with
   none is skipped. (One regex alternation of all the forms, run over the whole
   text, cost about as much as tokenizing it.)
2. At each of those places, one anchored, bounded pattern (via
   :mod:`berita_extract.rx`) for amounts whose currency comes first
   ("Rp 6,7 miliar", "US$ 3", "Rp 4-6 ribu", "Rp 1 miliar hingga Rp 2
   miliar"); for a currency word written after a number ("2,5 miliar
   rupiah", "6,85 dolar AS"), a look back of at most 80 characters for the
   number. A number with no currency cue is never money ("1.200 personel",
   "77,04", a year), and a rupiah sum with a fraction of a rupiah ("Rp 2,4
   per tahun") has lost its scale word and is not read.
3. Lines that link to another article ("Simak juga Video ...") are skipped.
4. A hedge just before the amount ("sekitar", "lebih dari", "hampir") goes to
   the ``qualifier`` field and is *not* part of the mention's text or offsets:
   the mention is the amount as a reader would quote it ("Rp 6,7 miliar"),
   the same whether or not it was hedged.
5. A range gives two mentions, ``range="low"`` and ``"high"``. When the two
   ends share one currency and scale ("Rp 4-6 ribu") both mentions cover the
   whole range, since "Rp 4" alone is not what the text says.
6. The recipient, tried in this order, the first slot that names a record of
   an earlier component winning over free text:
   ``untuk|bagi|kepada X (sebesar) AMOUNT``; ``X menerima (uang) AMOUNT``
   (records only); ``AMOUNT untuk|bagi|kepada X``. Within a slot, a record
   (institution, official or place) starting at X's first word wins, then an
   institution or official anywhere in X, else X itself as text.

Identity (the payload key) is currency, value, range end and recipient (not
one record per mention: an article repeats its sums, and the guidelines list
each distinct sum once; the mentions keep every place it is written). The
same sum for the same recipient is one record however often it is written
("Rp 417 juta" and "Rp 417.000.000"), the same sum for two recipients is two.
A mention with no recipient joins the record of the same sum that has one
(the title and a recap usually repeat the sum without saying for whom), and a
recipient whose words are all in a fuller one joins it ("Mandau" in the title,
"Kecamatan Mandau" in the body); the fullest name is the record's recipient.

>>> import spacy
>>> nlp = spacy.blank("id"); _ = nlp.add_pipe("berita_amounts")
>>> doc = nlp("Pemkab mengalokasikan sekitar Rp 6,7 miliar untuk Desa Sukamaju, dan 1.200 personel.")
>>> [(p["fields"]["value"], p["fields"]["qualifier"], p["fields"]["recipient"]) for p in spans.payloads(doc, "amounts")]
[(6700000000, 'sekitar', 'Desa Sukamaju')]
"""

from __future__ import annotations

import bisect
import functools
from decimal import Decimal
from typing import NamedTuple

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import rx, spans
from ..normalize import money
from ..normalize.money import NUM, alternation, exact_value, number_pattern, number_value

GROUP = "amounts"
ENTITY_GROUPS = (("institutions", "institution"), ("officials", "official"), ("places", "place"))
"""Earlier groups whose records can be a recipient, in order of preference."""
WINDOW = 160
"""Characters looked at before an amount for its recipient or qualifier."""
MAX_TEXT_WORDS = 6
"""A free-text recipient longer than this is not a noun phrase we trust."""


class Entity(NamedTuple):
    start: int
    end: int
    name: str
    type: str


class Intervals:
    """Sorted character intervals answering "does any overlap [a, b)?" in log time."""

    def __init__(self, pairs):
        self.pairs = sorted(pairs)
        self.starts = [a for a, _ in self.pairs]
        self.longest = max((b - a for a, b in self.pairs), default=0)

    def overlaps(self, a: int, b: int) -> bool:
        lo = bisect.bisect_left(self.starts, a - self.longest)
        hi = bisect.bisect_left(self.starts, b)
        return any(s < b and a < e for s, e in self.pairs[lo:hi])

    def next_start(self, pos: int, default: int) -> int:
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else default


class Entities:
    """Records of earlier components, indexed by start and by end."""

    def __init__(self, items: list[Entity]):
        self.by_start = sorted(items)
        self.starts = [e.start for e in self.by_start]
        self.by_end = sorted(items, key=lambda e: e.end)
        self.ends = [e.end for e in self.by_end]

    def starting_in(self, a: int, b: int) -> list[Entity]:
        return self.by_start[bisect.bisect_left(self.starts, a):bisect.bisect_right(self.starts, b)]

    def ending_in(self, a: int, b: int) -> list[Entity]:
        return self.by_end[bisect.bisect_left(self.ends, a):bisect.bisect_right(self.ends, b)]


class Found(NamedTuple):
    start: int
    end: int
    value: int | Decimal
    """Whole rupiah, or the exact sum in another currency."""
    currency: str
    rule: str
    range: str | None = None
    approx: bool = False
    """Written with the "-an" of a round figure ("Rp1 jutaan")."""


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, regex.Pattern]:
    """Every pattern, compiled once (the word lists are data, read on first use)."""
    prefix, suffix, fused = alternation("prefix"), alternation("suffix"), alternation("suffix_fused")
    sep = alternation("range")
    link, measure, qual = alternation("link"), alternation("measure"), alternation("qualifier")
    receive = alternation("receive")
    L = r"\p{L}"
    not_link = rf"(?!(?<!{L})(?:{link}|{measure})(?!{L}))"
    flags = regex.I
    return {
        "prefix": rx.compile(
            rf"\G(?<![{L}\d])(?P<cur>{prefix})\s{{0,3}}{number_pattern()}(?P<dash>,-)?"
            rf"(?:\s?(?P<sep>{sep})\s?(?:(?P<cur2>{prefix})\s{{0,3}})?{number_pattern('2')})?",
            flags,
        ),
        # after a digit too: "20€", "10$", "20Rp"
        "suffix_cue": rx.compile(rf"\G(?:(?<!{L})|(?=\P{{L}}))(?:(?P<cur>{suffix})|(?P<fused>{fused}))(?!{L})", flags),
        "suffix_number": rx.compile(
            rf"(?:(?P<num1>{NUM})(?:\s?(?P<scale1>{alternation('scale')})(?!{L}))?\s?(?P<sep>{sep})\s?)?"
            rf"{number_pattern()}\s?\Z",
            flags,
        ),
        "skip_line": rx.compile(rf"(?m)^[ \t]*{alternation('skip_line')}(?!{L})[^\n]*", flags),
        "qualifier": rx.compile(rf"(?<!{L})(?P<q>{qual})\s*\Z", flags),
        # "minus seribu rupiah", "-Rp 1.000", "2ribu seratus rupiah", "seribu koma lima puluh rupiah":
        # a sign, or the rest of a figure, before the number: it is not the sum written there
        "not_whole": rx.compile(
            rf"(?:(?<!{L})(?=\p{{L}})(?:{alternation('negative')}|{alternation('partial')}|{alternation('scale')}|{_number_words()})\s*"
            rf"|(?<![{L}\d]){alternation('negative')}|\d\s*)\Z", flags),
        # a word ("minus") before the number, or a sign against it ("-Rp"); "- Rp 5 juta" opens a list item
        "negative": rx.compile(rf"(?:(?<!{L})(?=\p{{L}})(?:{alternation('negative')})\s+|(?<![{L}\d])(?:{alternation('negative')}))\Z", flags),
        "same_figure": rx.compile(r"\G\s*\(\s*"),
        "close": rx.compile(r"\G\s*\)"),
        "range_between": rx.compile(rf"\s*(?:{sep})\s*"),
        "after": rx.compile(r"\G(?:(?P<an>-an)(?!\p{L})|\s*(?P<lebih>lebih)(?=\s*(?:[.,;:!?)\"”]|\n|\Z)))", flags),
        "pre_slot": rx.compile(
            rf"(?<!{L})(?P<link>{link})\s+(?P<np>(?:{not_link}(?:[^\n.,;:!?\"“”]|(?<=\d)[.,](?=\d))){{1,120}}?)"
            rf"\s+(?:(?P<measure>{measure})\s+)?(?:{qual}\s+)?\Z",
            flags,
        ),
        "receive": rx.compile(rf"(?<!{L})(?P<verb>{receive})(?:\s+\p{{Ll}}+){{0,4}}?\s+\Z", flags),
        "post_slot": rx.compile(
            rf"\G(?:\s*(?:lebih|(?:per|setiap|tiap)\s+{L}+))?\s+(?P<link>{link})\s+(?P<np>(?:[^\n.,;:!?\"“”(]|(?<=\d)[.,](?=\d)){{1,120}})",
            flags,
        ),
        "inner_link": rx.compile(rf"(?<!{L})(?:{link})\s+", flags),
        "gap": rx.compile(r"(?:\s+\p{Ll}+){0,2}\s+"),
    }


def _number_words() -> str:
    from ..normalize.numbers import number_words

    return "|".join(regex.escape(w) for w in number_words())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
"""Lower-cases ASCII only, so offsets into the lowered copy are offsets into the text."""
SPAN_LIMIT = 800
LOOK_BACK = 80
"""The first look-back for the number before a currency word; longer only when the number fills it."""
"""No amount, range included, is longer than this many characters."""


@functools.lru_cache(maxsize=None)
def _needles(kind: str) -> tuple[tuple[str, bool], ...]:
    """First word of every currency form of ``kind``, and whether it is matched as written."""
    out = set()
    for form, _ in money.table(kind) + (money.table("suffix_fused") if kind == "suffix" else ()):
        word = form.split()[0]
        exact = money.is_exact(form)
        out.add((word if exact else word.translate(_ASCII_LOWER), exact))
    return tuple(sorted(out))


def _cue_positions(text: str, lowered: str, kind: str) -> list[int]:
    """Where a currency form of ``kind`` may start: plain substring search, the cheap prefilter.

    ``str.find`` per form is far faster than one regex alternation over the whole
    text; the full pattern then runs only at these positions.
    """
    found = set()
    for needle, exact in _needles(kind):
        hay = text if exact else lowered
        i = hay.find(needle)
        while i != -1:
            found.add(i)
            i = hay.find(needle, i + 1)
    return sorted(found)


_VERB = regex.compile(r"(?:me(?:m|n|ng|ny)?|ber|di|ter)\p{Ll}{4,}\Z")
"""A lower-case word with a verb prefix (meN-, ber-, di-, ter-) heads a clause, not a noun phrase."""


def _words(kind: str) -> frozenset[str]:
    return frozenset(form.casefold() for form, _ in money.table(kind))


def _entities(doc: Doc) -> list[Entity]:
    out = []
    text = spans.doc_text(doc)
    for group, kind in ENTITY_GROUPS:
        for p in spans.payloads(doc, group):
            name = (p.get("fields") or {}).get("name")
            if kind == "place":
                # A place recipient is named as written ("Kecamatan Mandau"), not by its bare name.
                name = " ".join(text[p["start"]:p["end"]].split())
            if name:
                out.append(Entity(p["start"], p["end"], name, kind))
    return out


def _value(num: str, scale: str | None, currency: str = "") -> int | Decimal | None:
    """The sum, or None; a rupiah sum must be whole (nobody writes fractions of a rupiah), any other is exact."""
    try:
        return number_value(num, scale, whole=True) if currency == "IDR" else exact_value(num, scale)
    except ValueError:
        return None


class AmountsFinder:
    """Finds sums of money in ``doc.text`` and writes ``doc.spans["amounts"]``."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        text = spans.doc_text(doc)
        pats = _patterns()
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets
            lowered = text.translate(_ASCII_LOWER)
        prefix_at, suffix_at = _cue_positions(text, lowered, "prefix"), _cue_positions(text, lowered, "suffix")
        if not prefix_at and not suffix_at:
            return doc  # the prefilter: no currency cue, no money
        skipped = Intervals((m.start(), m.end()) for m in rx.finditer(pats["skip_line"], text, doc=doc, name="amounts.skip"))
        prefixed = self._prefixed(doc, text, prefix_at)
        # "Rp 5 juta rupiah": the suffix cue repeats a sum already read from its prefix.
        read = Intervals((f.start, f.end) for f in prefixed)
        suffixed = [f for f in self._suffixed(doc, text, suffix_at) if not read.overlaps(f.start, f.end)]
        found = [f for f in prefixed + suffixed if not skipped.overlaps(f.start, f.start + 1)]
        found.sort(key=lambda f: (f.start, f.range == "high"))
        found = self._merge(doc, text, found)
        entities = Entities(_entities(doc))
        records = []
        for f in found:
            end = f.end
            after = rx.search(pats["after"], text, end, min(len(text), end + 40), doc=doc, name="amounts.after")
            qualifier = dict(money.table("after"))["-an"] if f.approx else None
            if after and after["an"]:
                end, qualifier = after.end(), dict(money.table("after"))["-an"]
            elif after and after["lebih"]:
                qualifier = dict(money.table("after"))["lebih"]
            q = rx.search(pats["qualifier"], text, max(0, f.start - 40), f.start, doc=doc, name="amounts.qualifier")
            if q:
                qualifier = " ".join(q["q"].lower().split())
            records.append((f, end, qualifier))
        taken = Intervals((f.start, end) for f, end, _ in records)
        recipients = {}
        for f, end, _ in records:
            if (f.start, end) not in recipients:
                following = taken.next_start(end, len(text))
                recipients[(f.start, end)] = self._recipient(doc, text, f.start, end, following, entities, taken)
        self._write(doc, text, records, recipients)
        return doc

    # -- finding ------------------------------------------------------------

    def _prefixed(self, doc: Doc, text: str, positions: list[int]) -> list[Found]:
        out = []
        pattern, done = _patterns()["prefix"], 0
        for pos in positions:
            if pos < done:
                continue
            m = rx.search(pattern, text, pos, min(len(text), pos + SPAN_LIMIT), doc=doc, name="amounts.prefix")
            if m is None:
                continue
            done = m.end()
            if self._negative(doc, text, m.start(), m.end()):
                continue
            cur = money.currency(m["cur"], "prefix")
            words = not m["num"][:1].isdigit()
            rule = "amounts.prefix_words" if words else "amounts.prefix"
            approx = bool(m["an"] or (m["num2"] and m["an2"]))
            end1 = m.end("dash") if m["dash"] else max(m.end("num"), m.end("scale"), m.end("an"))
            low = _value(m["num"], m["scale"], cur)
            if m["num2"]:
                cur2 = money.currency(m["cur2"], "prefix") if m["cur2"] else cur
                shared = not m["scale"] and not m["cur2"]
                # A bare second number ("Rp 4-6") is a range end only after a dash.
                dash = not any(c.isalnum() for c in m["sep"])
                ok = cur2 == cur and (m["cur2"] or m["scale2"] or (dash and not m["scale"]))
                high = _value(m["num2"], m["scale2"] or (m["scale"] if not m["cur2"] else None), cur)
                if not m["scale"] and m["scale2"]:
                    # "Rp 4-6 ribu", "Rp 60 sampai Rp 80 juta": the scale is written once, at the end.
                    scaled = _value(m["num"], m["scale2"], cur)
                    if scaled is not None and high is not None and scaled < high:
                        low = scaled
                if ok and low is not None and high is not None and low < high:
                    end2 = max(m.end("num2"), m.end("scale2"), m.end("an2"))
                    if shared:
                        out.append(Found(m.start(), end2, low, cur, rule + "_range", "low", approx))
                    else:
                        out.append(Found(m.start(), end1, low, cur, rule + "_range", "low", bool(m["an"])))
                    start2 = m.start("cur2") if m["cur2"] else m.start("num2")
                    out.append(Found(m.start() if shared else start2, end2, high, cur, rule + "_range", "high", bool(m["an2"])))
                    continue
                if m["cur2"] and high is not None:  # two sums side by side, not a range
                    out.append(Found(m.start("cur2"), max(m.end("num2"), m.end("scale2"), m.end("an2")),
                                     high, cur2, rule, None, bool(m["an2"])))
                low = _value(m["num"], m["scale"], cur)
            if low is not None:
                out.append(Found(m.start(), end1, low, cur, rule, None, bool(m["an"])))
        return out

    def _suffixed(self, doc: Doc, text: str, positions: list[int]) -> list[Found]:
        out: list[Found] = []
        pats = _patterns()
        for pos in positions:
            c = rx.search(pats["suffix_cue"], text, pos, min(len(text), pos + 40), doc=doc, name="amounts.suffix")
            if c is None or (c["fused"] and not text[c.start() - 1:c.start()].isalnum()):
                continue
            # The look-back is bounded by the number grammar, not by a count of words: a short
            # window first (most numbers are short), the long one only if the number reaches its edge.
            lo = max(0, c.start() - LOOK_BACK)
            m = rx.search(pats["suffix_number"], text, lo, c.start(), doc=doc, name="amounts.suffix_number")
            if m is not None and lo > 0 and m.start() - lo < LOOK_BACK // 2:
                m = rx.search(pats["suffix_number"], text, max(0, c.start() - SPAN_LIMIT), c.start(),
                              doc=doc, name="amounts.suffix_number")
            if m is None or (c["fused"] and m.end() != c.start()):
                continue  # "20Rp": a prefix sign after the number only written against it
            if rx.search(pats["not_whole"], text, max(0, m.start() - 40), m.start(), doc=doc, name="amounts.not_whole"):
                continue
            if self._negative(doc, text, m.start(), c.end()):
                continue
            cur = money.currency(c["cur"] or c["fused"], "suffix")
            rule = "amounts.suffix" if m["num"][:1].isdigit() else "amounts.suffix_words"
            high = _value(m["num"], m["scale"], cur)
            if high is None:
                continue
            if m["num1"]:
                low = _value(m["num1"], m["scale1"] or m["scale"], cur)
                if low is not None and low < high:
                    out.append(Found(m.start(), c.end(), low, cur, rule + "_range", "low"))
                    out.append(Found(m.start("num"), c.end(), high, cur, rule + "_range", "high"))
                    continue
            out.append(Found(m.start("num"), c.end(), high, cur, rule, None, bool(m["an"])))
        return out

    @staticmethod
    def _negative(doc, text, start, end) -> bool:
        """A sum written negative: after a minus sign or word, or as an accounting
        figure in parentheses ("(Rp 1.000,00)": cents, and nothing else inside)."""
        pats = _patterns()
        if rx.search(pats["negative"], text, max(0, start - 20), start, doc=doc, name="amounts.negative"):
            return True
        before, after = text[:start].rstrip(), text[end:].lstrip()
        return before.endswith("(") and after.startswith(")") and bool(regex.search(r",\d\d\Z", text[start:end]))

    @staticmethod
    def _merge(doc, text, found: list[Found]) -> list[Found]:
        """One amount for a figure restated in words ("Rp 1.234.567 (satu juta ... rupiah)"),
        and one range for two sums of one currency joined by a range word
        ("dari 1.000 rupiah hingga 10.000 rupiah")."""
        pats = _patterns()
        out: list[Found] = []
        for f in found:
            prev = out[-1] if out else None
            if prev is not None and prev.range is None and f.range is None and prev.currency == f.currency:
                gap = pats["same_figure"].match(text, prev.end, f.start, timeout=rx.DEFAULT_TIMEOUT)
                if gap and gap.end() == f.start and prev.value == f.value:
                    close = pats["close"].match(text, f.end, min(len(text), f.end + 5), timeout=rx.DEFAULT_TIMEOUT)
                    out[-1] = prev._replace(end=close.end() if close else f.end)
                    continue
                between = pats["range_between"].fullmatch(text, prev.end, f.start, timeout=rx.DEFAULT_TIMEOUT)
                if between and prev.value < f.value and prev.rule.startswith("amounts.suffix") and f.rule.startswith("amounts.suffix"):
                    out[-1] = prev._replace(rule=prev.rule + "_range", range="low")
                    out.append(f._replace(rule=f.rule + "_range", range="high"))
                    continue
            out.append(f)
        return out

    # -- recipient ----------------------------------------------------------

    def _recipient(self, doc, text, start, end, following, entities, taken) -> tuple[str | None, str | None]:
        pats = _patterns()
        slots = []  # (np_start, np_end, free text allowed: None, "whole" phrase only, or its "head")
        m = rx.search(pats["pre_slot"], text, max(0, start - WINDOW), start, doc=doc, name="amounts.pre_slot")
        if m:
            # Free text before the amount only with a measure word ("untuk X sebesar Rp"):
            # without one, "untuk X ... Rp" is too often a clause, not a recipient.
            np_start, np_end = m.start("np"), m.end("np")
            hit = self._entity_in(np_start, np_end, entities)
            # The record must close the phrase: in "untuk Desa A dan Rp 5 juta untuk Desa B"
            # the second sum is not for Desa A.
            if hit is None or not text[hit.end:np_end].strip(" )"):
                slots.append((np_start, np_end, "whole" if m["measure"] else None))
        v = rx.search(pats["receive"], text, max(0, start - WINDOW), start, doc=doc, name="amounts.receive")
        if v:
            for e in reversed(entities.ending_in(v.start() - 40, v.start())):
                if pats["gap"].fullmatch(text, e.end, v.start(), timeout=rx.DEFAULT_TIMEOUT):
                    slots.append((e.start, e.end, None))
                    break
        m = rx.search(pats["post_slot"], text, end, min(following, end + WINDOW), doc=doc, name="amounts.post_slot")
        if m:
            # "Rp 35 miliar untuk bantuan hibah bagi partai politik": the second
            # preposition names who the money goes to, the first what it is for.
            inner = rx.search(pats["inner_link"], text, m.start("np"), m.end("np"), doc=doc, name="amounts.inner_link")
            if inner:
                slots.append((inner.end(), m.end("np"), "head"))
            slots.append((m.start("np"), m.end("np"), "head"))
        fallback = (None, None)
        for np_start, np_end, free in slots:
            if taken.overlaps(np_start, np_end):
                continue  # another amount inside the slot: the slot belongs to it
            hit = self._entity_in(np_start, np_end, entities)
            if hit:
                return hit.name, hit.type
            if free and fallback == (None, None):
                phrase = self._phrase(text[np_start:np_end], whole=free == "whole")
                if phrase:
                    fallback = (phrase, "text")
        return fallback

    @staticmethod
    def _entity_in(start: int, end: int, entities: Entities) -> Entity | None:
        rank = {kind: i for i, (_, kind) in enumerate(ENTITY_GROUPS)}
        candidates = entities.starting_in(start, end)
        head = [e for e in candidates if e.start == start]
        if head:
            return min(head, key=lambda e: (-(e.end - e.start), rank[e.type]))
        inside = [e for e in candidates if e.end <= end and e.type != "place"]
        if inside:
            return min(inside, key=lambda e: (rank[e.type], e.start))
        return None

    @staticmethod
    def _phrase(np: str, whole: bool = False) -> str | None:
        """The noun phrase at the start of ``np``: cut at a stop word, at most a few words.

        With ``whole``, all of ``np`` must be that phrase (no stop word in it).
        """
        stops = _words("stop")
        words = []
        for w in np.split():
            if w.casefold() in stops:
                if whole:
                    return None
                break
            words.append(w)
        # "Bali dipotong": lower-case words after the last capitalized one are the
        # start of the clause's verb, not part of the name.
        capital = [i for i, w in enumerate(words) if w[:1].isupper()]
        if capital and capital[-1] < len(words) - 1 and any(w[:1].islower() for w in words[capital[-1] + 1:]):
            words = words[:capital[-1] + 1]
        if not words or len(words) > MAX_TEXT_WORDS or (
                _VERB.match(words[0]) and words[0].casefold() not in _words("noun")):
            return None  # "untuk membayar gaji": a purpose clause, not a noun phrase
        if all(not any(c.isalpha() for c in w) for w in words):
            return None  # "untuk 2026": a number is not a recipient
        phrase = " ".join(words).strip("()[]'\"")
        return phrase or None

    # -- output -------------------------------------------------------------

    @staticmethod
    def _write(doc, text, records, recipients) -> None:
        # Recipients of one sum, fullest first: "Mandau" (title) is "Kecamatan Mandau" (body).
        named: dict[tuple, list[str]] = {}
        for f, end, _ in records:
            who, _kind = recipients[(f.start, end)]
            if who and who.casefold() not in named.setdefault((f.currency, f.value, f.range), []):
                named[(f.currency, f.value, f.range)].append(who.casefold())
        for names in named.values():
            names.sort(key=lambda n: -len(n.split()))

        def ident(sum_key: tuple, who: str | None) -> str:
            names = named.get(sum_key, [])
            if who is None:
                return names[0] if names else ""
            words = set(who.casefold().split())
            return next((n for n in names if words <= set(n.split())), who.casefold())

        for f, end, qualifier in records:
            who, kind = recipients[(f.start, end)]
            who_key = ident((f.currency, f.value, f.range), who)
            fields = {
                # A foreign sum as its decimal string ("2.75"): payloads stay plain JSON.
                "value": f.value if isinstance(f.value, int) else str(f.value), "currency": f.currency, "text": " ".join(text[f.start:end].split()),
                "qualifier": qualifier, "range": f.range, "recipient": who, "recipient_type": kind,
            }
            spans.add(doc, GROUP, f.start, end, rule=f.rule, key=f"{f.currency}|{f.value}|{f.range or ''}|{who_key}",
                      fields=fields, primary=who is not None and who.casefold() == who_key)


@Language.factory("berita_amounts")
def make_amounts(nlp: Language, name: str) -> AmountsFinder:
    return AmountsFinder()
