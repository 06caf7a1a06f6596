"""Component `berita_scores`: values of named indices and rates, into ``doc.spans["scores"]``.

A score is a measured value of a named indicator: ``IKP ... mencapai 77,04``,
``inflasi 2,5 persen``, ``sewa rumah (40,33 persen)``. The work is in two steps:

1. **Values.** One compact pattern over the raw text finds numbers, with an
   optional unit (``persen``, ``%``, ``poin``). A value with a percent or point
   unit is a candidate; a bare number only when a unitless index (``kind=index``
   in ``models/indices.csv``: IKP, IPM, NTP, gini ratio) claims it.
   Set terms (fees, interest, quotas, targets, stakes, cuts, projections) and
   population groups ("20 persen teratas") are dropped by the cue words of
   ``models/score_cues.csv``.
2. **Names.** Known indicator names (a ``PhraseMatcher`` built from
   ``models/indices.csv``) win: the nearest one before the value in its
   sentence, else one shortly after it ("13% terhadap PDRB"). Otherwise the
   noun phrase the value measures: the one right after it ("44 persen devisa
   pariwisata"), else the one right before it ("listrik (12,46 persen)",
   "fisik mencapai 39.55 persen"). A change verb ("tumbuh", "naik": ``verb`` cues) names its
   subject even over a place or time between ("Ekonomi Kaltim triwulan II tumbuh 5,5 persen" is
   "pertumbuhan ekonomi"); a share of people is named with what they do ("54 persen responden
   memilih petahana"). Otherwise a known indicator of the two
   previous sentences ("Angka ini setara 8,47 persen", a quote giving the
   value of an index named just before it); across a paragraph break only
   when the sentence points back ("ini", "itu", "hasilnya") or the value is an
   index's bare number after a cue. "Indeks" with capitalized words ("Indeks
   Kota Toleran (IKT)") names an index the data does not list.

Links: ``region`` is the place right after the indicator's name ("IKP Kaltim",
"angka kemiskinan di Jakarta") or the nearest one in the value's sentence, read
from ``doc.spans["places"]``, falling back to ``models/regions.csv`` names when
no places component ran; ``source`` is an institution of
``doc.spans["institutions"]`` in that sentence, one a source cue introduces
first ("menurut BPS", "survei ... Bawaslu RI"), else the nearest.

>>> import spacy
>>> nlp = spacy.blank("id"); _ = nlp.add_pipe("berita_scores")
>>> doc = nlp("Inflasi tahunan pada Mei naik dari 2,1 persen menjadi 2,5 persen.")
>>> [(p["fields"]["index"], p["fields"]["value"]) for p in spans.payloads(doc, "scores")]
[('Inflasi tahunan', 2.1), ('Inflasi tahunan', 2.5)]
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .. import rx, spans
from ..errors import ModelDataError
from ..normalize.numbers import parse_decimal
from ..resources import read_table

GROUP = "scores"

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
# A number not glued to a word, a date ("25/7/2025") or a currency sign, with an optional unit;
# "15-20 persen" is a range whose low end shares the unit.
VALUE_RX = rx.compile(
    rf"(?<![\w.,/$€£¥-])(?P<a>{_NUM})(?:\s?[-–]\s?(?P<b>{_NUM}))?"
    r"(?P<unit>\s?%|\s+persen\b(?!tase)|\s+poin\b(?:\s+persen(?:tase)?\b)?)?(?![\w/%])"
)
# Paragraphs, and sentence ends inside them: ".", "!" or "?" (maybe closing a quote) before a capital.
PARA_RX = rx.compile(r"[^\n]+")
SENT_END_RX = rx.compile(r"[.!?][\"”’']?\s+(?=[\"“‘']?[A-Z])")
# An index the data does not list: "Indeks" and capitalized words, maybe its acronym in parentheses.
# A word with "&" may carry a number: "Indeks S&P 500".
GENERIC_INDEX_RX = rx.compile(r"\bIndeks(?P<name>(?:\s+(?:[A-Z][\w-]*|dan))*\s+(?:[A-Z]\w*&\w+\s+\d+|[A-Z][\w&-]*))(?:\s+\((?P<acr>[A-Z]{2,6})\))?")
WORD_RX = rx.compile(r"\w+(?:-\w+)*|[^\w\s]")
CURRENCY_BEFORE_RX = rx.compile(r"(?:\bRp\.?|\bUS\$|\$|\bUSD|\bIDR|€|£|\bdolar(?: AS)?|\bNo\.?|\bNomor|\bke-)\s*$", rx.regex.I)

_AMOUNT_WORDS = frozenset("ribu rb juta jt miliar milyar triliun rupiah dolar".split())
_FOLLOWERS_OF_BARE = frozenset(
    "pada dan atau di dari ke menjadi sedangkan sementara yang dengan untuk dibanding dibandingkan "
    "poin atau sehingga serta pun saja lalu kemudian secara".split()
)
_NP_LEN = 4
_ANAPHORS = frozenset("ini itu tersebut demikian".split())
_PLACE_PREPOSITIONS = frozenset("di ke dari pada".split())
_AFTER_WINDOW = 120  # chars after a value in which a known indicator may name it ("33% terhadap PDRB")
_NEAR_WORDS = 8  # words between a known indicator and its value for the indicator to win outright
_SET_WINDOW = 80  # chars before a value in which a set-term cue makes it a set term
_AFTER_SET_WINDOW = 25
_OWN_VALUE_WORDS = 6  # words after an indicator in which a number is its own value
_FILLER = 6  # names and time words between a subject and its change verb ("Ekonomi Kaltim triwulan II tumbuh")
# A change verb after a subject names the indicator by its noun: "ekonomi ... tumbuh" is "pertumbuhan ekonomi".
_NOMINAL = {"tumbuh": "pertumbuhan", "naik": "kenaikan", "turun": "penurunan", "meningkat": "peningkatan", "menurun": "penurunan"}


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Indicator:
    """One row of ``models/indices.csv``."""

    index: str
    full_name: str | None
    kind: str
    unit: str | None
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    """The word lists of ``models/score_cues.csv``, lower-cased, by role."""

    skip: frozenset[str]
    stop: frozenset[str]
    set: frozenset[str]
    after: frozenset[str]
    group: frozenset[str]
    noun: frozenset[str]
    source: frozenset[str]
    verb: frozenset[str]
    time: frozenset[str]
    people: frozenset[str]
    negation: frozenset[str]
    counted: frozenset[str]


@functools.lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """The indicators of ``models/indices.csv``.

    >>> ikp = next(i for i in indicators() if i.index == "IKP")
    >>> ikp.full_name, ikp.kind, "Indeks Kerawanan Pemilu" in ikp.forms
    ('Indeks Kerawanan Pemilu', 'index', True)
    """
    out = []
    for row in read_table("indices.csv"):
        forms = [row["index"], row["full_name"], *row["aliases"].split("|")]
        forms = tuple(dict.fromkeys(f.strip() for f in forms if f.strip()))
        if row["kind"] not in ("index", "rate"):
            raise ModelDataError(f"models/indices.csv: kind of {row['index']!r} must be index or rate")
        out.append(Indicator(row["index"], row["full_name"] or None, row["kind"], row["unit"] or None, forms))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue words of ``models/score_cues.csv``.

    >>> "mencapai" in cues().skip, "fee" in cues().set, "teratas" in cues().group
    (True, True, True)
    """
    by_role: dict[str, set[str]] = {r: set() for r in ("skip", "stop", "set", "after", "group", "noun", "source", "verb", "time", "people", "negation", "counted")}
    for row in read_table("score_cues.csv"):
        if row["role"] not in by_role:
            raise ModelDataError(f"models/score_cues.csv: unknown role {row['role']!r} (use {sorted(by_role)})")
        by_role[row["role"]].add(_fold(row["cue"]))
    return Cues(**{k: frozenset(v) for k, v in by_role.items()})


@functools.lru_cache(maxsize=1)
def _cue_patterns():
    c = cues()

    def alt(words):
        return "|".join(rx.regex.escape(w) for w in sorted(words, key=len, reverse=True))

    return (
        rx.compile(rf"(?<!\w)(?:{alt(c.set)})(?:nya)?(?!\w)", rx.regex.I),
        rx.compile(rf"(?<!\w)(?:{alt(c.after)})(?!\w)", rx.regex.I),
    )


@functools.lru_cache(maxsize=1)
def _region_names() -> dict[str, tuple[str, str]]:
    """Surface form -> (name, code) from ``models/regions.csv`` where another component built it."""
    try:
        rows = read_table("regions.csv")
    except ModelDataError:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for row in rows:
        name, code = row.get("name", ""), row.get("code", "")
        for form in [name, *(row.get("aliases") or "").split(";")]:
            form = form.strip()
            if form and form[0].isupper():
                out.setdefault(form, (form, code))
    return out


@dataclass
class _Known:
    start: int
    end: int
    text: str
    ind: Indicator


class _Ctx:
    """The doc with its text read once: ``Doc.text`` joins every token on each access."""

    __slots__ = ("doc", "text", "user_data")

    def __init__(self, doc: Doc):
        self.doc, self.text, self.user_data = doc, spans.doc_text(doc), doc.user_data


@dataclass
class _Sentence:
    start: int
    end: int
    para: int


class ScoresFinder:
    """Finds scores; see the module docstring for the rules."""

    def __init__(self, nlp: Language):
        self.cues = cues()
        self.indicators = indicators()
        self.by_form: dict[str, Indicator] = {}
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        for ind in self.indicators:
            for form in ind.forms:
                acronym = form.isupper() and " " not in form
                key = form if acronym else _fold(form)
                self.by_form.setdefault(key, ind)
                matcher = self.acronyms if acronym else self.names
                matcher.add(key, [nlp.make_doc(form)])
        self.set_rx, self.after_rx = _cue_patterns()

    # -- pieces of text -------------------------------------------------------------------
    def _sentences(self, doc: _Ctx) -> list[_Sentence]:
        out = []
        for p, para in enumerate(rx.finditer(PARA_RX, doc.text, doc=doc, name="scores.para")):
            start = para.start()
            for end in rx.finditer(SENT_END_RX, doc.text, doc=doc, name="scores.sent", pos=para.start(), endpos=para.end()):
                out.append(_Sentence(start, end.start() + 1, p))
                start = end.end()
            if start < para.end():
                out.append(_Sentence(start, para.end(), p))
        return out

    def _known(self, doc: _Ctx) -> list[_Known]:
        found = []
        for matcher in (self.names, self.acronyms):
            for match_id, s, e in matcher(doc.doc):
                found.append(doc.doc[s:e])
        out = []
        for span in sorted(filter_spans(found), key=lambda s: s.start_char):
            text = span.text
            ind = self.by_form.get(text) or self.by_form.get(_fold(text))
            if ind is not None:
                out.append(_Known(span.start_char, span.end_char, text, ind))
        return self._generic_indices(doc, out)

    def _generic_indices(self, doc: _Ctx, known: list[_Known]) -> list[_Known]:
        """Add indices the data does not list, by their form: "Indeks Kota Toleran (IKT)", later "IKT"."""
        text = doc.text
        taken = [(k.start, k.end) for k in known]
        regions = set(_region_names()) | {text[p["start"]:p["end"]] for p in spans.payloads(doc.doc, "places")}
        added: list[_Known] = []
        for m in rx.finditer(GENERIC_INDEX_RX, text, doc=doc, name="scores.generic"):
            words = list(rx.finditer(WORD_RX, m.group("name")))
            # A trailing region or acronym is where the index is measured, not its name ("... Kaltim").
            while len(words) > 1 and (words[-1].group() in regions or words[-1].group().isupper()):
                words.pop()
            start, end = m.start(), m.start("name") + words[-1].end()
            if any(s < end and start < e for s, e in taken):
                continue
            name = text[start:end]
            acr = m.group("acr")
            ind = Indicator(acr or name, name if acr else None, "index", None, (name,) + ((acr,) if acr else ()))
            added.append(_Known(start, end, name, ind))
            taken.append((start, end))
            if acr:
                for a in rx.finditer(rx.compile(rf"(?<!\w){rx.regex.escape(acr)}(?!\w)"), text, doc=doc, name="scores.acr"):
                    if not any(s < a.end() and a.start() < e for s, e in taken):
                        added.append(_Known(a.start(), a.end(), acr, ind))
                        taken.append((a.start(), a.end()))
        return sorted(known + added, key=lambda k: k.start) if added else known

    def _words(self, doc: _Ctx, start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in rx.finditer(WORD_RX, doc.text, doc=doc, name="scores.words", pos=start, endpos=end)]

    # -- noun phrases ---------------------------------------------------------------------
    def _is_boundary(self, word: str, first_in_sentence: bool) -> bool:
        low = word.casefold()
        if not word.replace("-", "").isalpha() or low in self.cues.stop or low in self.cues.skip or low in _AMOUNT_WORDS:
            return True
        # "hasilnya", "kontribusinya": a pronoun pointing back, not a name.
        if low.endswith("nya") and len(low) > 4:
            return True
        # me-/ber- verbs ("menyumbang", "berada") and ter- superlatives ("terbesar") end a name.
        if len(low) >= 6 and low.startswith(("me", "ber", "ter")) and low not in self.cues.noun:
            return True
        if len(low) >= 6 and low.startswith("di") and low not in self.cues.noun:
            return True  # passive verbs: "dihasilkan", "dirilis", "dinilai"
        # A capitalized word is a name (a place, a body), not part of an indicator; acronyms are.
        if word[0].isupper() and not word.isupper() and not first_in_sentence:
            return True
        return False

    def _strip_multi(self, words: list, vocab: frozenset[str], from_end: bool) -> list:
        """Drop cue words (one to three words long) from the end (or start) of ``words``."""
        changed = True
        while words and changed:
            changed = False
            for k in (3, 2, 1):
                part = words[-k:] if from_end else words[:k]
                if len(part) == k and _fold(" ".join(w[2] for w in part)) in vocab or k == 1 and part and part[0][2] in "(:":
                    words = words[:-k] if from_end else words[k:]
                    changed = True
                    break
        return words

    def _np_before(self, doc: _Ctx, sent: _Sentence, pos: int) -> tuple[int, int] | None:
        words = self._strip_multi(self._words(doc, sent.start, pos), self.cues.skip, from_end=True)
        picked = []
        while words and len(picked) < _NP_LEN:
            w = words[-1]
            first = all(not x[2][0].isalnum() for x in words[:-1])  # only an opening quote before it
            if len(words) >= 2 and _fold(words[-2][2] + " " + w[2]) in self.cues.stop:
                break
            if self._is_boundary(w[2], first):
                if w[2].casefold() in _PLACE_PREPOSITIONS:
                    return None  # "di desa turun 0,31 poin": a place or time, not an indicator
                break
            picked.insert(0, w)
            words = words[:-1]
            if first and w[2][0].isupper() and not w[2].isupper():
                break
        return (picked[0][0], picked[-1][1]) if picked else None

    def _np_subject(self, doc: _Ctx, sent: _Sentence, pos: int) -> tuple[int, int] | None:
        """The noun phrase after a sentence-opening cue ("Tercatat kunjungan wisatawan ...")."""
        all_words = self._words(doc, sent.start, pos)
        words = self._strip_multi(all_words, self.cues.skip, from_end=False)
        if len(words) == len(all_words) or not words or not words[0][2][0].islower():
            return None
        picked = []
        for w in words[:_NP_LEN]:
            if self._is_boundary(w[2], first_in_sentence=not picked):
                break
            picked.append(w)
        return (picked[0][0], picked[-1][1]) if picked else None

    def _np_subject_verb(self, doc: _Ctx, sent: _Sentence, pos: int):
        """The subject of a change verb, over a place or time between: "Ekonomi Kaltim tumbuh 5,5
        persen", "Penumpang di Bandara Sentosa pada Mei naik 3 persen". Returns ((start, end), the
        indicator the subject and verb name or None) or None.

        The words before the value must end in value cues ("tumbuh", "naik menjadi", "mencapai");
        between the subject and those cues only capitalized names, acronyms, numbers and time
        words (``time`` cues: "triwulan", "pada") may stand, at most ``_FILLER`` of them.
        """
        all_words = self._words(doc, sent.start, pos)
        words = self._strip_multi(all_words, self.cues.skip, from_end=True)
        cues_taken = all_words[len(words):]
        if not cues_taken:
            return None
        verb = next((w[2].casefold() for w in cues_taken if w[2].casefold() in self.cues.verb), None)
        if verb is None:
            return None  # "X Ibu Kota Nusantara yang mencapai 25%": without a change verb, too loose
        filler, filler_end = 0, words[-1][1] if words else 0
        while words and filler <= _FILLER:
            w = words[-1][2]
            low = w.casefold()
            first = len(words) == 1
            name = w[0].isupper() and not first
            if name or w.isdigit() or low in self.cues.time or (low == "di" and filler and words[-2:-1]):
                words, filler = words[:-1], filler + 1
                continue
            break
        if filler > _FILLER or not words:
            return None
        picked = []
        while words and len(picked) < _NP_LEN:
            w = words[-1]
            first = all(not x[2][0].isalnum() for x in words[:-1])
            if self._is_boundary(w[2], first):
                break
            picked.insert(0, w)
            words = words[:-1]
            if first:
                break
        if not picked or words and words[-1][2].casefold() in _PLACE_PREPOSITIONS:
            return None  # "harga X di lelang Kyoto naik": a place, not the subject
        if picked[-1][2].casefold() == "indeks" and filler:
            # "indeks Nasdaq Composite turun": the capitalized words are the index's name.
            rest = [w for w in all_words if picked[-1][1] < w[0] < filler_end]
            while rest and rest[0][2][0].isupper():
                picked.append(rest.pop(0))
        np_text = _fold(doc.text[picked[0][0]:picked[-1][1]])
        forms = [np_text] + ([f"{np_text} {verb}", f"{_NOMINAL.get(verb, verb)} {np_text}"] if verb else [])
        ind = next((self.by_form[f] for f in forms if f in self.by_form), None)
        return (picked[0][0], picked[-1][1]), ind

    def _np_after(self, doc: _Ctx, sent: _Sentence, pos: int) -> tuple[int, int] | None:
        words = self._words(doc, pos, sent.end)
        if words and words[0][2].casefold() in ("merupakan", "adalah", "ialah"):
            words = words[1:]
        picked = []
        for w in words[:_NP_LEN]:
            if self._is_boundary(w[2], first_in_sentence=not picked and w[2].isupper()):
                break
            picked.append(w)
        if len(picked) == 1 and picked[0][2].casefold() in self.cues.people:
            # "62 persen responden menyatakan puas": a share of people is named by what they say or
            # do; "responden" alone names nothing. The verb and its object up to a stop word join it.
            for w in words[1:1 + _NP_LEN]:
                low = w[2].casefold()
                if not w[2].isalpha() or low in self.cues.stop or low in self.cues.skip or w[2][0].isupper():
                    break
                picked.append(w)
        return (picked[0][0], picked[-1][1]) if picked else None

    # -- filters --------------------------------------------------------------------------
    def _is_set_term(self, doc: _Ctx, sent: _Sentence, start: int, end: int, known: list[_Known] = ()) -> bool:
        text = doc.text
        # The whole clause before the value, at least _SET_WINDOW chars: "Febrio mengatakan proyeksi
        # pertumbuhannya masih sesuai dengan yang disampaikan menteri yakni sebesar 5,5%".
        clause = max(text.rfind(",", sent.start, start), text.rfind(";", sent.start, start), sent.start)
        lo = max(sent.start, min(clause, start - _SET_WINDOW))
        for cue in rx.finditer(self.set_rx, text, doc=doc, name="scores.set", pos=lo, endpos=start):
            # A cue inside an indicator's own name ("Indeks Harga Saham Gabungan") sets nothing.
            if not any(k.start <= cue.start() and cue.end() <= k.end for k in known):
                return True
        clause_end = min(sent.end, end + _AFTER_SET_WINDOW)
        comma = text.find(",", end, clause_end)
        return rx.search(self.after_rx, text, end, comma if comma >= 0 else clause_end, doc=doc, name="scores.after") is not None

    def _is_negated(self, doc: _Ctx, sent: _Sentence, start: int) -> bool:
        """A value denied or bounded by a negation in the three words before it ("tidak sampai 5 persen")."""
        return any(w[2].casefold() in self.cues.negation for w in self._words(doc, max(sent.start, start - 40), start)[-3:])

    def _is_group(self, doc: _Ctx, sent: _Sentence, start: int, end: int) -> bool:
        after = self._words(doc, end, sent.end)[:3]
        before = self._words(doc, sent.start, start)[-1:]
        return any(w[2].casefold() in self.cues.group for w in after + before)

    def _bare_ok(self, doc: _Ctx, sent: _Sentence, start: int, end: int, value: float) -> bool:
        """A number without a unit may be an index value: not a year, money, count or ordinal."""
        text = doc.text
        if CURRENCY_BEFORE_RX.search(text[max(0, start - 8):start]):
            return False
        if value.is_integer() and 1900 <= value <= 2100:
            return False
        nxt = self._words(doc, end, min(sent.end, end + 30))[:1]
        follower = nxt[0][2].casefold() if nxt else ""
        if follower[:1].isalpha() and follower not in _FOLLOWERS_OF_BARE | self.cues.stop | self.cues.skip:
            return False
        return True

    # -- links ----------------------------------------------------------------------------
    def _region(self, doc: _Ctx, places: list[dict], sent: _Sentence, known: _Known | None, vstart: int):
        """(name, code) of the place the value measures, or (None, None)."""
        usable = [p for p in places if (p["fields"].get("level") or "") != "venue"]
        windows = []
        if known is not None:
            windows.append((known.end, known.end + 40))
        windows.append((sent.start, sent.end))
        for lo, hi in windows:
            inside = [p for p in usable if lo <= p["start"] and p["end"] <= hi]
            if inside:
                best = min(inside, key=lambda p: abs(p["start"] - (lo if hi - lo <= 40 else vstart)))
                return best["fields"].get("name"), best["fields"].get("code")
        if places:
            return None, None
        names = _region_names()
        for lo, hi in windows:
            words = self._words(doc, lo, min(hi, len(doc.text)))
            hits = []
            for i in range(len(words)):
                for k in (4, 3, 2, 1):
                    if i + k <= len(words):
                        form = doc.text[words[i][0]:words[i + k - 1][1]]
                        if form in names:
                            hits.append((words[i][0], names[form]))
                            break
            if hits:
                anchor = lo if hi - lo <= 40 else vstart
                return min(hits, key=lambda h: abs(h[0] - anchor))[1]
        return None, None

    def _source(self, doc: _Ctx, institutions: list[dict], sents: list[_Sentence], vstart: int) -> str | None:
        """The institution a value is attributed to: one a source cue introduces ("menurut BPS",
        "survei ... Bawaslu RI", "BPS mencatat") first, else the nearest one in the sentence."""
        for sent in sents:
            inside = [p for p in institutions if sent.start <= p["start"] and p["end"] <= sent.end]
            if not inside:
                continue
            cued = [p for p in inside if self._source_cued(doc, sent, p)]
            best = min(cued or inside, key=lambda p: abs(p["start"] - vstart))
            return best["fields"].get("name")
        return None

    def _source_cued(self, doc: _Ctx, sent: _Sentence, p: dict) -> bool:
        before = self._words(doc, max(sent.start, p["start"] - 40), p["start"])[-4:]
        after = self._words(doc, p["end"], min(sent.end, p["end"] + 20))[:1]
        return any(w[2].casefold() in self.cues.source for w in before + after)

    # -- the component --------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        real, doc = doc, _Ctx(doc)
        text = doc.text
        sents = self._sentences(doc)
        if not sents:
            return real
        known = self._known(doc)
        forms_in_doc: dict[str, list[str]] = {}
        for k in known:
            forms = forms_in_doc.setdefault(k.ind.index, [])
            if k.text not in forms:
                forms.append(k.text)
        places = spans.payloads(real, "places")
        institutions = spans.payloads(real, "institutions")
        si = 0
        last = None  # (sentence index, end of the value, resolution) of the previous score
        for m in rx.finditer(VALUE_RX, text, doc=doc, name="scores.value"):
            while si + 1 < len(sents) and sents[si].end <= m.start():
                si += 1
            sent = sents[si]
            if not sent.start <= m.start() < sent.end:
                continue
            unit_text = (m.group("unit") or "").strip().casefold()
            unit = "percent" if unit_text in ("%", "persen") else None
            try:
                values = [parse_decimal(m.group("a"))] + ([parse_decimal(m.group("b"))] if m.group("b") else [])
            except ValueError:
                continue
            if not unit_text and m.group("b"):
                continue
            if unit_text and CURRENCY_BEFORE_RX.search(text[max(0, m.start() - 8):m.start()]):
                continue
            if self._is_set_term(doc, sent, m.start(), m.end(), known) or self._is_group(doc, sent, m.start(), m.end()) \
                    or self._is_negated(doc, sent, m.start()):
                continue
            chained = None
            if last is not None and last[0] == si and self._only_cues(doc, last[1], m.start()):
                chained = last[2]  # "naik 0,07 poin menjadi 6,73 persen": the same indicator
            found = self._resolve(doc, sents, si, m.start(), m.end(), known, chained, bare=not unit_text,
                                  point=unit_text.startswith("poin") and "persen" not in unit_text)
            if found is None:
                continue
            rule, name_span, ind, idx_sent = found
            if not unit_text and not self._bare_ok(doc, sent, m.start(), m.end(), values[0]):
                continue
            last = (si, m.end(), found)
            written = text[name_span[0]:name_span[1]]
            index = name_span[2] if len(name_span) > 2 and name_span[2] else written
            name_span = name_span[:2]
            k = next((k for k in known if (k.start, k.end) == name_span), None)
            region, region_code = self._region(doc, places, idx_sent if k is not None else sent, k, m.start())
            if region is None and idx_sent is not sent:
                region, region_code = self._region(doc, places, sent, None, m.start())
            source = self._source(doc, institutions, [sent, idx_sent] if idx_sent is not sent else [sent], m.start())
            same = name_span[0] < m.start() and idx_sent is sent
            start = name_span[0] if same else m.start()
            canon = ind.index if ind is not None else _fold(index)
            # The low end of a range is its own mention ("4,6" of "4,6-5,4%"): span payloads are
            # keyed by their token cover, so two payloads on the same tokens would overwrite each other.
            bounds = [(m.start(), m.end("a")), (start, m.end())] if len(values) == 2 else [(start, m.end())]
            for value, (b0, b1) in zip(values, bounds):
                fields = {
                    "index": index,
                    "full_name": ind.full_name if ind is not None else None,
                    "aliases": [f for f in dict.fromkeys([*forms_in_doc.get(ind.index, []), written]) if f != index] if ind is not None else [],
                    "value": value,
                    "unit": unit,
                    "text": text[b0:b1],
                    "region": region,
                    "region_code": region_code,
                    "source": source,
                }
                spans.add(real, GROUP, b0, b1, rule=f"scores.{rule}", key=f"{canon}|{value:g}", fields=fields)
        return real

    def _resolve(self, doc: _Ctx, sents: list[_Sentence], si: int, vstart: int, vend: int, ks: list[_Known], chained=None, *, bare: bool, point: bool = False):
        """(rule, (start, end) of the name, Indicator or None, sentence of the name) for a value, or None."""
        sent = sents[si]
        before = [k for k in ks if sent.start <= k.start and k.end <= vstart]
        k = before[-1] if before else None
        gap = len([w for w in self._words(doc, k.end, vstart) if w[2][0].isalpha()]) if k else 0
        sv = self._np_subject_verb(doc, sent, vstart) if not bare and not point else None
        if sv is not None and (k is None or sv[0][0] >= k.end) and (sv[1] is not None or not self._np_before(doc, sent, vstart)):
            (s0, s1), ind = sv
            # Named through its verb ("Ekonomi Kaltim tumbuh"): the indicator's own name, the words as an alias.
            return "subject_verb", (s0, s1, ind.index if ind is not None and _fold(doc.text[s0:s1]) not in self.by_form else None), ind, sent
        if k is not None:
            near = gap <= _NEAR_WORDS
            if bare and k.ind.kind == "index" and (near or self._cue_before(doc, sent, vstart)):
                return "known_before", (k.start, k.end), k.ind, sent
            if not bare and near:
                return "known_before", (k.start, k.end), k.ind, sent
        if chained is not None and not bare:
            return chained
        # Not an indicator with a value of its own: "kawasan lindung 18%, lalu Indeks Risiko Bencana 71,2".
        after = [a for a in ks if vend <= a.start and a.end <= min(sent.end, vend + _AFTER_WINDOW)
                 and not any(w[2][0].isdigit() for w in self._words(doc, a.end, sent.end)[:_OWN_VALUE_WORDS])]
        if after and not bare:
            return "known_after", (after[0].start, after[0].end), after[0].ind, sent
        if not bare and not point:
            np = self._np_after(doc, sent, vend)
            if np is not None and _fold(doc.text[np[0]:np[1]]) in self.cues.counted:
                return None  # "30 persen warga", "52 persen suara": a share of a counted noun, no indicator
            np = np or self._np_before(doc, sent, vstart)
            if np is not None:
                return ("np_after" if np[0] >= vend else "np_before"), np, None, sent
        if k is not None and not bare:
            return "known_before", (k.start, k.end), k.ind, sent
        # A value whose sentence names nothing: the indicator of one of the two previous sentences,
        # across a paragraph break only when the sentence points back ("Angka ini", "Itu", "hasilnya").
        points_back = None
        for back in (1, 2):
            if si - back < 0:
                break
            prev = sents[si - back]
            if sent.para - prev.para > 1:
                break
            if prev.para != sent.para and not bare:  # a bare value already needs an index and a cue
                if points_back is None:
                    points_back = self._points_back(doc, sent, vstart)
                if not points_back:
                    break
            cands = [k for k in ks if prev.start <= k.start and k.end <= prev.end]
            if cands:
                k = cands[-1]
                if bare and not (k.ind.kind == "index" and self._cue_before(doc, sent, vstart)):
                    return None
                return "previous_sentence", (k.start, k.end), k.ind, prev
        if not bare and not point and self._cue_before(doc, sent, vstart):
            # "Tercatat kunjungan wisman ke Indonesia ... yaitu sebesar 46 persen": the sentence's subject.
            np = self._np_subject(doc, sent, vstart)
            if np is not None:
                return "np_subject", np, None, sent
        return None

    def _only_cues(self, doc: _Ctx, start: int, end: int) -> bool:
        """True when ``start:end`` holds only cue words and punctuation ("menjadi", ", naik dari")."""
        words = [w for w in self._words(doc, start, end) if w[2][0].isalnum()]
        vocab = self.cues.skip | self.cues.stop
        return len(self._strip_multi(words, vocab, from_end=True)) == 0 and len(words) <= 4

    def _points_back(self, doc: _Ctx, sent: _Sentence, vstart: int) -> bool:
        """True when the words before the value refer to something said before ("Angka ini", "hasilnya")."""
        for w in self._words(doc, sent.start, vstart):
            low = w[2].casefold()
            if low in _ANAPHORS or (len(low) > 4 and low.endswith("nya")):
                return True
        return False

    def _cue_before(self, doc: _Ctx, sent: _Sentence, vstart: int) -> bool:
        """True when a value cue word ("mencapai", "sebesar") comes right before the value."""
        words = self._words(doc, sent.start, vstart)
        if not words or not words[-1][2][0].isalpha():
            return False  # "TAS (22)": an age in parentheses, not a value after a cue
        return len(self._strip_multi(words, self.cues.skip, from_end=True)) < len(words)


@Language.factory("berita_scores")
def make_scores(nlp: Language, name: str) -> ScoresFinder:
    return ScoresFinder(nlp)
