"""Component `berita_quotes`: direct quotations and who said them.

Quote marks are paired in one pass per paragraph (a line of the text), by
context: a mark after a space that a word follows opens, a mark after a word
that a space or punctuation follows closes; curly marks break ties. A quote
left open at the end of a paragraph continues when the next paragraph opens
with a mark again (the news convention for a quote over several paragraphs);
otherwise it ends with its paragraph, so a missing closing mark never
swallows the rest of the article. Every step looks at a bounded window, so
the work is linear in the length of the text.

Only quotations attributed to a speaker become records: a reporting verb
after the closing mark (``"...," kata Akmal Malik``; ``"...," tuturnya``), a
speech verb or *menurut* before the opening mark (``Akmal mengatakan, "..."``),
or a quote that directly continues an attributed one. Titles and scare
quotes (``"hoaks"``) have no attribution and are dropped. Pronoun forms
(``tuturnya``, ``ujar dia``) name the person last named as speaking: the
speaker of the previous attribution or the subject of a narrative speech verb
(``Bupati Paser Fahmi Fadli ... menyatakan``). Speakers are linked to the
``officials`` records written earlier in the pipeline (by mention offsets,
then by name or alias, then by title), which gives the official's full name.

Each quote is one record (its key is its first offset); its mentions are the
quoted words inside the marks, one per paragraph.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .. import rx, spans
from regex import escape as regex_escape
from ..resources import read_table

GROUP = "quotes"

OPEN_ONLY = "“„"
CLOSE_ONLY = "”"
MARKS = '"“”„'
_OPEN_PREV = set(" \t\n([{/:;—–-")  # characters after which a mark opens a quote
_CLOSE_NEXT = set(" \t\n,.;:!?)]}…—–-")  # characters before which a mark closes one

WINDOW = 220
"""Characters looked at around a quote for its attribution or a narrative speaker."""
MIN_WORDS = 3
"""A quote shorter than this must end in punctuation inside the marks ("Siap," kata Fahmi)."""

_MARK_RE = rx.compile(r'["“”„]')
_NAME_TOKEN = r"\p{Lu}[\p{L}\p{M}'’\-]*\.?"
_NAME_RUN_RE = rx.compile(
    rf"(?<![\p{{L}}\d'’])(?:{_NAME_TOKEN})(?:[ ](?:(?:bin|binti|van|der|de|da|al|el|dos)[ ])?(?:{_NAME_TOKEN}))*"
)
_INITIAL_RE = rx.compile(r"\p{Lu}\.?")
_AGED_RE = rx.compile(rf"(?<![\p{{L}}\d'’])(?:{_NAME_TOKEN})(?:[ ]{_NAME_TOKEN}){{0,4}}(?= ?\(\d{{1,3}}(?: tahun)?\))")
_LOWER_WORD_RE = rx.compile(r"(?<![\p{L}\d'’.-])\p{Ll}[\p{Ll}\-]+(?![\p{L}\d'’])")
_CLAUSE_END_RE = rx.compile(r"(?<=[\p{Ll}\d)]{2})\.(?=\s)|[\n\"“”]")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class Lexicon:
    """The word lists of models/reporting_verbs.csv and models/quote_name_words.csv."""

    after: frozenset[str]
    before: frozenset[str]
    passive: frozenset[str]
    according: frozenset[str]
    pronoun: frozenset[str]
    suffixes: tuple[str, ...]
    lead: frozenset[str]
    titles: frozenset[str]  # positions and bodies: stripped from the front of a name
    bodies: frozenset[str]
    stops: frozenset[str]
    place_cues: frozenset[str]
    place_preps: frozenset[str]
    place_tails: frozenset[str]


def _alternation(words) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The quote lexicon, read once."""
    verbs: dict[str, set[str]] = {}
    for row in read_table("reporting_verbs.csv"):
        verbs.setdefault(row["kind"].strip(), set()).add(row["word"].strip().lower())
    names: dict[str, set[str]] = {}
    for row in read_table("quote_name_words.csv"):
        names.setdefault(row["kind"].strip(), set()).add(row["word"].strip().lower())
    get = lambda d, k: frozenset(d.get(k, ()))  # noqa: E731
    return Lexicon(
        after=get(verbs, "after"), before=get(verbs, "before"), passive=get(verbs, "passive"),
        according=get(verbs, "according"), pronoun=get(verbs, "pronoun"),
        suffixes=tuple(sorted(verbs.get("suffix", ()), key=len, reverse=True)), lead=get(verbs, "lead"),
        titles=get(names, "title") | get(names, "body"), bodies=get(names, "body"), stops=get(names, "stop"),
        place_cues=get(names, "place_cue"),
        place_preps=get(names, "place_prep"), place_tails=get(names, "place_tail"),
    )


@dataclass(frozen=True)
class Patterns:
    after: object  # attribution right after a closing mark
    inline: object  # attribution inside an unclosed quote: `..., kata Fahmi`
    before: object  # attribution right before an opening mark
    narrative: object  # speech verbs in the running text
    place: object  # a capitalised word after a place cue ("Kota Paser", "di Paser")
    source: object  # `"...," demikian tertulis dalam laman resmi DKPP`


@functools.lru_cache(maxsize=1)
def patterns() -> Patterns:
    lx = lexicon()
    after = _alternation(lx.after)
    suffix = _alternation(lx.suffixes) or "(?!)"
    speech = _alternation(lx.before | lx.after)
    cues_lower = _alternation(lx.place_preps)
    cues_upper = "|".join(f"(?i:{w[0]}){w[1:]}" for w in sorted(lx.place_cues, key=len, reverse=True))
    return Patterns(
        source=rx.compile(
            rf"\G[ \t]*[,.]?[ \t]*(?i:demikian)[ \t]+(?P<verb>{_alternation(lx.passive)})(?:[ \t]+oleh)?"
            rf"(?P<lower>(?:[ \t]+\p{{Ll}}+){{0,4}})[ \t]+(?P<name>{_NAME_TOKEN}(?:[ ]{_NAME_TOKEN})*)"
        ),
        # "di Paser", "Kota Paser", "Provinsi Jawa Tengah": a place word and its tails.
        place=rx.compile(
            rf"(?<![\p{{L}}\d])(?:{cues_lower}|{cues_upper})(?:[ ]|-)(\p{{Lu}}[\p{{L}}\-]+"
            rf"(?:[ ](?i:{_alternation(lx.place_tails)})(?![\p{{L}}]))*)"
        ),
        after=rx.compile(
            rf"\G[ \t]*[,.]?[ \t]*(?:[-–—][ \t]*)?(?P<verb>(?i:{after}))(?P<nya>{suffix})?(?![\p{{L}}\d-])"
        ),
        inline=rx.compile(rf"[,.][ \t]+(?P<verb>{after})(?P<nya>{suffix})?(?![\p{{L}}\d-])"),
        before=rx.compile(  # searched in reverse from the opening mark: (?r)
            rf"(?r)(?:(?P<verb>(?i:{speech}))(?P<nya>{suffix})?|(?P<acc>(?i:{_alternation(lx.according)}))"
            rf"(?P<accnya>{suffix})?(?:[ \t]+(?P<accname>[^,:\n\"“”]{{1,80}}))?)[ \t]*[,:]?[ \t]*(?:bahwa[ \t]*)?\Z"
        ),
        narrative=rx.compile(
            rf"(?<![\p{{L}}\d-])(?:(?P<verb>{_alternation(lx.before)})|(?P<passive>{_alternation(lx.passive)})"
            rf"|(?P<acc>(?i:{_alternation(lx.according)})))(?![\p{{L}}\d-])"
        ),
    )


# --------------------------------------------------------------------------- quote marks


@dataclass
class RawQuote:
    """Quoted words found by the mark scan: ``segments`` are (start, end) inside the marks."""

    segments: list[tuple[int, int]]
    open_at: int  # offset of the opening mark (or of the paragraph start when it had none)
    close_at: int | None  # offset of the closing mark, None when the quote was left open
    attribution_at: int | None = None  # where an attribution found inside an unclosed quote starts


def _can_open(text: str, i: int, start: int, end: int) -> bool:
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    return (prev in _OPEN_PREV or prev in MARKS) and not nxt.isspace() and nxt not in MARKS


def _can_close(text: str, i: int, start: int, end: int) -> bool:
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    return not prev.isspace() and (nxt in _CLOSE_NEXT or nxt in MARKS)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        if text[pos:end].strip():
            out.append((pos, end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _opens_paragraph(text: str, start: int, end: int) -> int | None:
    """Offset of the opening mark a paragraph starts with, if it does."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i < end and text[i] in MARKS and _can_open(text, i, start, end):
        return i
    return None


def find_quote_marks(text: str, doc=None) -> list[RawQuote]:
    """Quoted stretches of ``text``, paired paragraph by paragraph.

    >>> text = 'A "satu dua," kata X. “Tiga'
    >>> [text[a:b] for q in find_quote_marks(text) for a, b in q.segments]
    ['satu dua,', 'Tiga']
    >>> q = find_quote_marks('“Satu.\\n\\n“Dua,” kata X.')[0]
    >>> len(q.segments), q.close_at
    (2, 13)
    """
    paras = _paragraphs(text)
    marks_by_para: list[list[int]] = [[] for _ in paras]
    if paras:
        pi = 0
        for m in rx.finditer(_MARK_RE, text, doc=doc, name="quote marks"):
            while pi < len(paras) and m.start() >= paras[pi][1]:
                pi += 1
            if pi < len(paras) and m.start() >= paras[pi][0]:
                marks_by_para[pi].append(m.start())
    out: list[RawQuote] = []
    carry: RawQuote | None = None  # a quote continuing from the previous paragraph
    for pi, (pstart, pend) in enumerate(paras):
        marks = marks_by_para[pi]
        current = carry
        carry = None
        open_at = None
        mi = 0
        if current is not None:
            # The paragraph's first mark re-opens the continuing quote.
            open_at = marks[0]
            mi = 1
        elif marks:
            first = marks[0]
            if (text[first] not in OPEN_ONLY and _can_close(text, first, pstart, pend)
                    and not _can_open(text, first, pstart, pend)):
                # A closing mark with no opening one: the quote runs from the paragraph start.
                s = pstart
                while text[s].isspace():
                    s += 1
                if s < first:
                    out.append(RawQuote([(s, first)], s, first))
                mi = 1
        for i in marks[mi:]:
            ch = text[i]
            co, cc = _can_open(text, i, pstart, pend), _can_close(text, i, pstart, pend)
            if open_at is None:
                if co or (not cc and ch not in CLOSE_ONLY):
                    open_at = i
            elif cc or (not co and ch not in OPEN_ONLY):
                seg = (open_at + 1, i)
                if current is not None:
                    current.segments.append(seg)
                    current.close_at = i
                    out.append(current)
                    current = None
                else:
                    out.append(RawQuote([seg], open_at, i))
                open_at = None
            else:
                # An opening mark inside an open quote: the earlier one was never closed.
                if current is None:
                    out.append(RawQuote([(open_at + 1, i)], open_at, None))
                open_at = i
        if open_at is None:
            continue
        seg = (open_at + 1, pend)
        nxt = _opens_paragraph(text, *paras[pi + 1]) if pi + 1 < len(paras) else None
        if current is None:
            current = RawQuote([seg], open_at, None)
        else:
            current.segments.append(seg)
        if nxt is not None:
            carry = current
        else:
            out.append(current)
    if carry is not None:
        out.append(carry)
    return out


# --------------------------------------------------------------------------- speakers


@dataclass(frozen=True)
class Speaker:
    name: str
    official: bool = False
    title_only: bool = False  # "Ketua DKPP", "Wabup": a position, no personal name


@dataclass
class OfficialIndex:
    """The officials written earlier in the pipeline, looked up by offset, name or title."""

    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, official name)
    names: dict[str, str] = field(default_factory=dict)  # normalized name or alias -> official name
    tokens: dict[str, set[str]] = field(default_factory=dict)  # official name -> its name tokens
    titles: dict[str, set[str]] = field(default_factory=dict)  # normalized title (+ region) -> names

    @classmethod
    def from_doc(cls, doc: Doc) -> "OfficialIndex":
        idx = cls()
        records: dict[str, dict] = {}
        for p in spans.payloads(doc, "officials"):
            rec = records.setdefault(p["key"], {"name": None, "aliases": set(), "titles": set(), "mentions": []})
            f = p.get("fields") or {}
            if f.get("name") and (rec["name"] is None or p.get("primary")):
                rec["name"] = f["name"]
            rec["aliases"].update(a for a in f.get("aliases") or [] if a)
            for t in (f.get("title"), f.get("title_canonical")):
                if t:
                    rec["titles"].add(_norm(t))
                    if f.get("region"):
                        rec["titles"].add(_norm(f"{t} {f['region']}"))
                    if f.get("institution"):
                        rec["titles"].add(_norm(f"{t} {f['institution']}"))
            rec["mentions"].append((p["start"], p["end"]))
        for rec in records.values():
            name = rec["name"]
            if not name:
                continue
            for form in {name, *rec["aliases"]}:
                idx.names.setdefault(_norm(form), name)
            idx.tokens[name] = set(_norm(" ".join([name, *rec["aliases"]])).split())
            for t in rec["titles"]:
                idx.titles.setdefault(t, set()).add(name)
            idx.mentions += [(s, e, name) for s, e in rec["mentions"]]
        idx.mentions.sort()
        return idx

    def __bool__(self) -> bool:
        return bool(self.names)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Official mentions overlapping ``start:end``, in text order."""


        i = bisect.bisect_left(self.mentions, (start - 200,))
        out = []
        while i < len(self.mentions) and self.mentions[i][0] < end:
            s, e, name = self.mentions[i]
            if e > start:
                out.append(self.mentions[i])
            i += 1
        return out

    def lookup(self, written: str) -> str | None:
        """The official a name as written refers to: exact name or alias, else a unique token match."""
        key = _norm(written)
        if not key:
            return None
        if key in self.names:
            return self.names[key]
        words = set(key.split())
        hits = [n for n, toks in self.tokens.items() if words <= toks]
        return hits[0] if len(hits) == 1 else None

    def by_title(self, written: str) -> str | None:
        hits = self.titles.get(_norm(written), set())
        return next(iter(hits)) if len(hits) == 1 else None


def _norm(s: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in s.casefold()).split())


class Context:
    """What the speaker finder needs about one doc: its text, officials and place/institution spans."""

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.text = spans.doc_text(doc) if text is None else text
        self.lx = lexicon()
        self.officials = OfficialIndex.from_doc(doc)
        covered: list[tuple[int, int]] = []
        for group in ("places", "institutions"):
            covered += [(p["start"], p["end"]) for p in spans.payloads(doc, group)]
        self.covered = sorted(covered)
        self._holders: dict[str, list[tuple[int, Speaker]]] = {}
        # Words the text writes after a place cue ("Polda Kalteng", "di Jakarta"): places, not names.
        self.placelike = {w.casefold() for m in rx.finditer(patterns().place, self.text, doc=doc, name="place cues")
                          for w in m.group(1).split(" ")}
        # Words the text also writes in lower case are common words ("Langkah ini", "Bank Dunia").
        self.common = {m.group() for m in rx.finditer(_LOWER_WORD_RE, self.text, doc=doc, name="lower words")}

    def _is_covered(self, start: int, end: int) -> bool:


        i = bisect.bisect_right(self.covered, (start, len(self.text)))
        for s, e in self.covered[max(0, i - 8):i]:
            if s <= start and end <= e:
                return True
        return False

    def person(self, start: int, end: int) -> Speaker | None:
        """The speaker named by the capitalised run ``text[start:end]`` (titles stripped)."""
        text = self.text
        hits = self.officials.overlapping(start, end) if self.officials else []
        if hits:
            return Speaker(hits[-1][2], official=True)
        run_words = text[start:end].split(" ")
        if len(run_words) <= 2 and run_words[0].rstrip(".").casefold() in self.lx.bodies:
            return Speaker(text[start:end].rstrip("."), title_only=True)  # "Bank Dunia", "Dinas PU"
        tokens = [(m.start() + start, m.end() + start) for m in rx.finditer(
            rx.compile(r"[^ ]+"), text[start:end], doc=self.doc, name="name tokens")]
        words = []
        for s, e in tokens:
            w = text[s:e]
            bare = w.rstrip(".")
            low = bare.casefold()
            is_acronym = len(bare) > 1 and bare.isupper()
            is_degree = "." in bare  # "S.Sos", "M.Si"
            if low in self.lx.titles or is_acronym or is_degree or low in self.lx.stops or self._is_covered(s, e):
                words = []  # the name is what follows the last title, rank, region or acronym
                continue
            words.append(w if _INITIAL_RE.fullmatch(w) else bare)
        while words and (words[0].casefold() in self.placelike
                         or (len(words) > 1 and words[0].casefold().endswith("nya"))):
            words = words[1:]  # "Polda Kalteng Edy" gives "Edy"; "Awalnya Purbaya" gives "Purbaya"
        while words and words[-1].casefold() in self.common:
            words = words[:-1]  # "Bagus Santoso Ajak Kerjasama" in a headline
        if all(w.casefold() in self.common for w in words):
            words = []
        if not any(len(w.rstrip(".")) > 1 for w in words):
            words = []  # initials alone ("Asisten I.") name nobody
        if not words:
            run = text[start:end].rstrip(".")
            first = run.split(" ")[0].casefold()
            if first in self.lx.stops or first.rstrip(".") in self.lx.stops:
                return None
            name = self.officials.by_title(run) if self.officials else None
            if name:
                return Speaker(name, official=True)
            return Speaker(run, title_only=True)
        name = " ".join(words)
        if self.officials:
            linked = self.officials.lookup(name)
            if linked:
                return Speaker(linked, official=True)
        return Speaker(name)

    def name_after(self, pos: int, limit: int, resolve: bool = True) -> tuple[Speaker | None, int, str]:
        """The speaker named right after a verb: ``(speaker, end, pronoun)``; pronoun is "dia" etc.

        The clause after the verb is read run by run: capitalised runs separated only by
        lead words, commas and bracketed acronyms ("kata Kepala BPS DKI, Nurul Hasanudin";
        "ujar Plt Deputi Penindakan dan Eksekusi KPK Asep"). A run naming an official wins,
        else the last run that is a personal name, else a position as written ("Ketua DKPP").
        """
        text = self.text
        i = pos
        while i < limit and text[i] in " \t":
            i += 1
        j = i
        while j < limit and text[j].isalpha():
            j += 1
        if text[i:j].casefold() in self.lx.pronoun:
            return None, j, text[i:j].casefold()
        end_m = rx.search(_CLAUSE_END_RE, text, i, limit, doc=self.doc, name="clause end")
        stop = end_m.start() if end_m else limit
        best: Speaker | None = None
        fallback: Speaker | None = None
        best_end = pos
        prev = i
        for m in rx.finditer(_NAME_RUN_RE, text, pos=i, endpos=stop, doc=self.doc, name="speaker name"):
            if not self._joins(text[prev:m.start()]):
                break
            if m.start() > 0 and text[m.start() - 1] == "(":
                continue  # an expansion or acronym in brackets: "(Perseroda)", "(Gus Ipul)"
            prev = m.end()
            sp = self.person(m.start(), m.end())
            if sp is None and m.start() == i and " " not in m.group():
                sp = Speaker(m.group().rstrip("."))  # "ujar Lalu.": a name that is also a word
            if sp is None:
                break  # "kata Fahmi, Senin": a weekday ends the clause
            if sp.official:
                return sp, m.end(), ""
            if sp.title_only:
                fallback = fallback or sp
            else:
                best, best_end = sp, m.end()
        if (best or fallback) is not None and text.startswith((" ini", " itu", " tersebut"), prev):
            return None, prev, "ini"  # "terang putra Desa Muntai ini": a description
        if best is None and fallback is None:
            clause = text[i:stop].split(",")[0].split()
            if clause and clause[-1].rstrip(".") in ("tersebut", "itu", "ini"):
                return None, stop, "itu"  # "ujar kiper berumur 28 tahun tersebut": a description
        if best is None and fallback is not None:
            return (self.resolve_title(fallback, pos) if resolve else fallback), prev, ""
        return best, best_end, ""

    def is_position(self, written: str) -> bool:
        """True for a position named without its holder ("Kasatreskrim Polres Bangkalan")."""
        first = written.split(" ")[0].rstrip(".").casefold()
        return first in self.lx.titles and first not in self.lx.bodies

    def _joins(self, gap: str) -> bool:
        """True when ``gap`` only holds lead words, commas and bracketed acronyms."""
        depth, kept = 0, []
        for ch in gap:
            depth += ch == "("
            if depth == 0:
                kept.append(ch)
            depth -= ch == ")" and depth > 0
        for w in "".join(kept).replace(",", " ").split():
            if w.strip("().-–—").casefold() not in self.lx.lead and w.strip("().-–—"):
                return False
        return True

    def resolve_title(self, sp: Speaker, pos: int) -> Speaker:
        """A position named alone ("harap Wabup") is the person the text earlier named with it.

        The last earlier mention of the position's first word followed by a name wins
        ("Wabup Bagus Santoso"; "Asisten Pemerintahan Umum, Hj Umi Kalsum").
        """
        text = self.text
        words = sp.name.split(" ")
        # "Ketua DKPP" must be written in full before a name; "Wabup", "Asisten I" by their head.
        head = sp.name if any(len(w) > 1 and w.isupper() for w in words) else words[0]
        if words[0].casefold() not in self.lx.titles:
            return sp
        holders = self._holders.get(head)
        if holders is None:
            # Every "<title> <name>" in the text, found once per title.
            pattern = rx.compile(rf"(?<![\p{{L}}])(?i:{regex_escape(head)})(?![\p{{L}}])")
            holders = []
            for m in rx.finditer(pattern, text, doc=self.doc, name="title holder"):
                cand, _, pronoun = self.name_after(m.end(), min(len(text), m.end() + 160), resolve=False)
                if cand is not None and not cand.title_only and not pronoun:
                    holders.append((m.start(), cand))
            self._holders[head] = holders


        i = bisect.bisect_left(holders, (pos,), key=lambda h: (h[0],)) - 1
        if i >= 0 and holders[i][0] >= pos - 4000:
            return holders[i][1]
        return sp

    def subject_before(self, pos: int) -> tuple[Speaker | None, bool]:
        """The subject of a speech verb at ``pos``: ``(speaker, is_pronoun)`` from its sentence start."""
        text = self.text
        lo = max(0, pos - WINDOW)
        seg = text[lo:pos]
        cut = max(seg.rfind("\n"), seg.rfind(". "), seg.rfind("? "), seg.rfind("! "),
                  seg.rfind('"'), seg.rfind("“"), seg.rfind("”"))
        start = lo + cut + 1
        if self.officials:
            hits = self.officials.overlapping(start, pos)
            if hits:
                s, e, name = hits[-1]
                between = text[e:pos].casefold().split()
                if not any(w.strip(",") in self.lx.pronoun for w in between):
                    return Speaker(name, official=True), False
        runs = list(rx.finditer(_NAME_RUN_RE, text, pos=start, endpos=pos, doc=self.doc, name="subject"))
        last = runs[-1] if runs else None
        between = text[last.end() if last else start:pos].casefold().replace(",", " ").split()
        lead = [w for w in between[:2] if not w.startswith("(")][:1]
        if any(w in self.lx.pronoun for w in between) or lead in (["itu"], ["ini"], ["tersebut"]):
            return None, True  # "Ia menilai"; "Eks Kepala Lembaga Penjamin Simpanan (LPS) itu juga menyebut"
        if last is None:
            return None, False
        first = text[last.start():last.end()].split(" ")[0].casefold()
        if first in self.lx.pronoun or text.startswith((" ini", " itu", " tersebut"), last.end()):
            return None, True  # "Ia menilai"; "Warga Kopo, Bandung ini mengapresiasi"
        if len(runs) > 1:
            before = text[max(start, last.start() - 12):last.start()].split()
            if before and before[-1].casefold() in self.lx.place_cues | self.lx.place_preps:
                runs = runs[:-1]  # "Rachel (39), pelatih asal Kanada mengatakan": Rachel
        run = runs[-1]
        sp = self.person(run.start(), run.end())
        if sp is not None and sp.title_only and not sp.official:
            sp = self.resolve_title(sp, run.start())  # "Wali Kota Samarinda menekankan"
            if sp.title_only and not self.is_position(sp.name):
                sp = None  # "DKPP menilai", "Bank Dunia memperkenalkan": a body, not a person
        return sp, False


# --------------------------------------------------------------------------- finder


@dataclass
class Found:
    quote: RawQuote
    text: str
    speaker: Speaker | None
    verb: str | None
    rule: str
    pronoun: bool = False
    at: int = 0  # where the attribution is, for "last named as speaking"


def _quote_text(text: str, segments: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], str]:
    """Segments trimmed of white space, and the quote's words joined (a final comma dropped)."""
    trimmed = []
    for a, b in segments:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    words = " ".join(" ".join(text[a:b].split()) for a, b in trimmed)
    return trimmed, words.rstrip(",").rstrip()


class QuotesFinder:
    """Writes one ``quotes`` span per paragraph of each attributed quotation."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        text = spans.doc_text(doc)  # a property that joins every token: read it once
        if not any(m in text for m in MARKS):
            return doc
        official_keys = {p["fields"]["name"]: p["key"] for p in spans.payloads(doc, "officials")
                         if p["fields"].get("name")}
        for f in find_quotes(doc, text):
            segments, words = _quote_text(text, f.quote.segments)
            self._mention_speaker(doc, text, f, official_keys)
            fields = {
                "text": words,
                "speaker": f.speaker.name if f.speaker else None,
                "speaker_official": bool(f.speaker and f.speaker.official),
                "verb": f.verb,
            }
            key = f"quote|{segments[0][0]}"
            for n, (a, b) in enumerate(segments):
                spans.add(doc, GROUP, a, b, rule=f"quotes.{f.rule}", key=key,
                          fields=fields if n == 0 else {}, primary=n == 0)
        return doc

    @staticmethod
    def _mention_speaker(doc: Doc, text: str, f: Found, official_keys: dict[str, str]) -> None:
        """A pronoun form of a reporting verb ("tuturnya") is a mention of the official it resolves to."""
        if not (f.pronoun and f.speaker and f.speaker.official and f.verb and f.verb.casefold().endswith("nya")):
            return
        key = official_keys.get(f.speaker.name)
        end = f.at + len(f.verb)
        if key and text[f.at:end].casefold() == f.verb.casefold():
            spans.add(doc, "officials", f.at, end, rule="quotes.pronoun_speaker", key=key, fields={})


def _worth_keeping(words: str) -> bool:
    if not words:
        return False
    if len(words.split()) >= MIN_WORDS:
        return True
    return words[-1] in ",.!?"


def find_quotes(doc: Doc, text: str | None = None) -> list[Found]:
    """Every attributed quotation in ``doc`` with its speaker resolved (``text`` is ``doc.text``)."""
    text = spans.doc_text(doc) if text is None else text
    ctx = Context(doc, text)
    text = ctx.text
    pats = patterns()
    raw = find_quote_marks(text, doc)
    inside = [(q.open_at, (q.close_at if q.close_at is not None else q.segments[-1][1])) for q in raw]

    found: list[Found] = []
    for q in raw:
        words = _quote_text(text, q.segments)[1]
        if not _worth_keeping(" ".join(text[a:b] for a, b in q.segments).strip()):
            continue
        f = _attribute(ctx, pats, q, words)
        if f is not None:
            found.append(f)
        elif q.close_at is None:
            # An unclosed quote may hold its own attribution: `"Kami siap, kata Fahmi.`
            a, b = q.segments[-1]
            m = rx.search(pats.inline, text, a, b, doc=doc, name="inline attribution")
            if m is not None:
                cut = RawQuote(q.segments[:-1] + [(a, m.start() + 1)], q.open_at, None, attribution_at=m.start())
                f = _after(ctx, pats, cut, _quote_text(text, cut.segments)[1], m.start())
                if f is not None:
                    found.append(f)
                    continue
            found.append(Found(q, words, None, None, "unattributed"))
        else:
            found.append(Found(q, words, None, None, "unattributed"))

    # A quotation holds at least one word: `" , kata Fahmi` quotes nothing.
    found = [f for f in found if any(c.isalnum() for c in f.text)]
    events = _narrative_events(ctx, pats, inside)
    starts = [a for a, _ in inside]
    out = _resolve(found, events, text, lambda pos: _last_person(ctx, inside, starts, pos))
    _fullest_names(out, [sp for _, sp in events])
    return out


def _fullest_names(found: list[Found], others: list[Speaker]) -> None:
    """A speaker named in part ("Sigit") takes the fullest form the text gave ("Sigit Imam Basuki")."""
    names = {sp.name for sp in others if not sp.official and not sp.title_only}
    names |= {f.speaker.name for f in found if f.speaker and not f.speaker.official and not f.speaker.title_only}
    by_token: dict[str, list[str]] = {}
    for n in sorted(names):  # sorted: ties between fullest forms resolve the same way every run
        words = n.split()
        if len(words) > 1:
            for w in words:
                by_token.setdefault(w, []).append(n)
    for f in found:
        sp = f.speaker
        if sp is None or sp.official or sp.title_only or " " in sp.name:
            continue
        longer = by_token.get(sp.name)
        if longer:
            f.speaker = Speaker(max(longer, key=len))


def _after(ctx: Context, pats: Patterns, q: RawQuote, words: str, pos: int) -> Found | None:
    text = ctx.text
    end = min(len(text), pos + WINDOW)
    nl = text.find("\n", pos, end)
    end = end if nl < 0 else nl
    m = rx.search(pats.after, text, pos, end, doc=ctx.doc, name="attribution after")
    if m is None:
        src = rx.search(pats.source, text, pos, end, doc=ctx.doc, name="attribution source")
        if src is None:
            return None
        if not src.group("lower").strip():
            # `demikian disampaikan Fahmi`: a person
            sp = ctx.person(src.start("name"), src.end("name"))
        else:
            # `demikian tertulis di laman SiRUP LKPP Sumut`: a document or body, named as written
            sp = Speaker(src.group("name").rstrip("."))
        if sp is None:
            return None
        return Found(q, words, sp, src.group("verb"), "after_source", at=src.start("verb"))
    verb = m.group("verb")
    if verb[0].isupper() and not (words.endswith(",") or m.group("nya") or text[pos:m.start("verb")].strip(" \t") == ","):
        return None  # "...". Jelas ini ... starts a new sentence
    if m.group("nya"):
        return Found(q, words, None, verb + m.group("nya"), "after_pronoun", pronoun=True, at=m.start("verb"))
    speaker, _, pronoun = ctx.name_after(m.end(), end)
    if pronoun:
        return Found(q, words, None, verb, "after_pronoun", pronoun=True, at=m.start("verb"))
    if speaker is None:
        return None
    return Found(q, words, speaker, verb, "after_named", at=m.start("verb"))


def _attribute(ctx: Context, pats: Patterns, q: RawQuote, words: str) -> Found | None:
    text = ctx.text
    if q.close_at is not None:
        f = _after(ctx, pats, q, words, q.close_at + 1)
        if f is not None:
            return f
    # Before the opening mark, in the same paragraph: `Akmal mengatakan, "` / `Menurut Fahmi, "`.
    if len(words.split()) < MIN_WORDS:
        return None  # `menanyakan "kenapa?"`: a word quoted in a sentence, not a quotation
    lo = max(0, q.open_at - 100)
    nl = text.rfind("\n", lo, q.open_at)
    lo = lo if nl < 0 else nl + 1
    if not _may_attribute_before(ctx.lx, text[lo:q.open_at]):
        return None
    m = rx.search(pats.before, text, lo, q.open_at, doc=ctx.doc, name="attribution before")
    if m is None:
        return None
    if m.group("acc"):
        if m.group("accnya"):
            return Found(q, words, None, m.group("acc"), "according", pronoun=True, at=m.start())
        name = m.group("accname") or ""
        nm = rx.search(_NAME_RUN_RE, text, m.start("accname"), m.end("accname"), doc=ctx.doc, name="according") \
            if name else None
        if name.strip().casefold() in ctx.lx.pronoun:
            return Found(q, words, None, m.group("acc"), "according", pronoun=True, at=m.start())
        if nm is None:
            return None
        sp = ctx.person(nm.start(), nm.end())
        return Found(q, words, sp, m.group("acc"), "according", at=m.start()) if sp else None
    verb = m.group("verb") + (m.group("nya") or "")
    if m.group("nya"):
        return Found(q, words, None, verb, "before_pronoun", pronoun=True, at=m.start())
    if verb.casefold() in ctx.lx.after:
        # `kata Fahmi, "...` is rare; `kata dia: "` is a pronoun form.
        return None
    speaker, is_pronoun = ctx.subject_before(m.start())
    if is_pronoun or speaker is None:
        return Found(q, words, None, verb, "before_pronoun", pronoun=True, at=m.start())
    return Found(q, words, speaker, verb, "before", at=m.start())


def _may_attribute_before(lx: Lexicon, tail: str) -> bool:
    """Cheap test that ``tail`` (the text before an opening mark) can end in an attribution."""
    words = tail.casefold().replace(",", " ").replace(":", " ").split()
    if words and words[-1] == "bahwa":
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last in lx.before or last in lx.after:
        return True
    if any(last.endswith(x) and last[: -len(x)] in (lx.before | lx.after | lx.according) for x in lx.suffixes):
        return True
    return any(a in tail.casefold() for a in lx.according)


def _narrative_events(ctx: Context, pats: Patterns, inside: list[tuple[int, int]]) -> list[tuple[int, Speaker]]:
    """(offset, speaker) of every person named as speaking in the running text."""


    text = ctx.text
    events: list[tuple[int, Speaker]] = []
    starts = [a for a, _ in inside]
    for m in rx.finditer(pats.narrative, text, doc=ctx.doc, name="speech verbs"):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and inside[i][0] <= m.start() < inside[i][1]:
            continue  # inside a quotation
        if m.group("verb"):
            sp, _ = ctx.subject_before(m.start())
        else:
            pos = m.end()
            if text.startswith(" oleh", pos):
                pos += 5
            if m.group("acc") and text.startswith("nya", pos):
                continue
            end = min(len(text), pos + 120)
            sp, _, _ = ctx.name_after(pos, end)
        if sp is not None and not (sp.title_only and not sp.official and not ctx.is_position(sp.name)):
            events.append((m.start(), sp))
    # A person given with an age, "Sudi (53)", is being introduced to speak.
    for m in rx.finditer(_AGED_RE, text, doc=ctx.doc, name="aged person"):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and inside[i][0] <= m.start() < inside[i][1]:
            continue
        sp = ctx.person(m.start(), m.end())
        if sp is not None and not sp.title_only:
            events.append((m.start(), sp))
    events.sort(key=lambda e: e[0])
    return events


def _last_person(ctx: Context, inside: list[tuple[int, int]], starts: list[int], pos: int) -> Speaker | None:
    """The person last named before ``pos`` outside quotes: an official, or a name after a title."""


    text = ctx.text
    lo = max(0, pos - 2 * WINDOW)

    def quoted(at: int) -> bool:
        i = bisect.bisect_right(starts, at) - 1
        return i >= 0 and inside[i][0] <= at < inside[i][1]

    if ctx.officials:
        hits = [h for h in ctx.officials.overlapping(lo, pos) if h[1] <= pos and not quoted(h[0])]
        if hits:
            return Speaker(hits[-1][2], official=True)
    best = None
    for m in rx.finditer(_NAME_RUN_RE, text, pos=lo, endpos=pos, doc=ctx.doc, name="last person"):
        words = m.group().split(" ")
        if quoted(m.start()) or len(words) < 2 or words[0].casefold() not in ctx.lx.titles:
            continue  # only a name that follows a title ("Kepala Dinas PUPR Rudi Hartono")
        sp = ctx.person(m.start(), m.end())
        if sp is not None and not sp.title_only:
            best = sp
    return best


def _resolve(found: list[Found], events: list[tuple[int, Speaker]], text: str, last_person=None) -> list[Found]:
    """Give pronoun forms and continuing quotes the person last named as speaking; drop the rest.

    With nobody named as speaking before a pronoun form, the person last named before it
    (``last_person(offset)``) is taken.
    """
    timeline = sorted(
        [(pos, 1, sp) for pos, sp in events]
        + [(f.at, 0, f) for f in found if f.speaker is not None and not f.pronoun]
    , key=lambda t: (t[0], t[1]))
    out: list[Found] = []
    ti = 0
    last: Speaker | None = None
    previous: Found | None = None
    ordered = sorted(found, key=lambda f: f.quote.open_at)
    forward: list[tuple[Found, Found]] = []  # a quote and the attributed quote right after it
    for n, f in enumerate(ordered):
        anchor = f.quote.open_at
        while ti < len(timeline) and timeline[ti][0] < anchor:
            item = timeline[ti][2]
            last = item.speaker if isinstance(item, Found) else item
            ti += 1
        if f.pronoun and f.speaker is None:
            f.speaker = last if last is not None or last_person is None else last_person(anchor)
        elif f.rule == "unattributed":
            if previous is not None and previous.speaker is not None and _continues(text, previous, f):
                f.speaker, f.rule, f.verb = previous.speaker, "continued", None
            else:
                nxt = next((g for g in ordered[n + 1:n + 2] if g.rule != "unattributed"), None)
                if nxt is not None and not text[_quote_end(f):nxt.quote.open_at].strip():
                    f.rule, f.verb = "continued", None
                    forward.append((f, nxt))
        if f.speaker is not None:
            last = f.speaker
            out.append(f)
            previous = f
        elif f.rule != "unattributed":
            previous = None
    for f, nxt in forward:
        if nxt.speaker is not None:
            f.speaker = nxt.speaker
            out.append(f)
    return sorted(out, key=lambda f: f.quote.open_at)


def _quote_end(f: Found) -> int:
    q = f.quote
    return q.close_at + 1 if q.close_at is not None else q.segments[-1][1]


def _continues(text: str, previous: Found, f: Found) -> bool:
    """True when nothing but the previous quote's attribution stands between it and ``f``."""
    gap = text[_quote_end(previous):f.quote.open_at]
    if len(gap) > WINDOW:
        return False
    if previous.rule.startswith("before") or previous.rule in ("according", "continued"):
        return not gap.strip()
    # the attribution clause ends at the first sentence end; after it only white space may follow
    ends = [k for k in (gap.find(". "), gap.find(".\n")) if k >= 0]
    if not ends:
        return gap.endswith((".", ". ")) or not gap.strip()
    return not gap[min(ends) + 1:].strip()


@Language.factory("berita_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesFinder:
    return QuotesFinder()
