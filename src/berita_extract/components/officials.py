"""Component `berita_officials`: named people with a position, written to ``doc.spans["officials"]``.

How it reads "Penjabat (Pj) Pj Gubernur Kaltim Akmal Malik":

1. Words are cut from ``doc.text`` with one ``regex`` pattern (cheap, and dotted honorifics and
   degrees like "S.Sos." stay one word). A position is found by longest match against the tables
   in ``models/`` (titles.csv, title_modifiers.csv): former-office words, modifiers, the head.
2. The words after the head that belong to the position are taken while they are position words
   (title_words.csv: units, portfolios, acronyms, parties), region names (office_regions.csv, or a
   place the places component found) or common words; the first other capitalised word starts the
   name. A rank or honorific also ends the position ("Polda Kalteng Komisaris Besar Polisi Erlan").
3. The name runs over capitalised words up to a lower-case word or punctuation; honorifics, rank and
   degrees are split off by :func:`berita_extract.normalize.names.split_name`.
4. Where no name follows: a name after a comma ("Bupati Paser, Fahmi Fadli"), a list after
   "yakni/yaitu/adalah/:" ("anggota DPRD ... adalah A, B dan C"), or a name before the position
   ("Fahmi Fadli, Bupati Paser", "X selaku Tenaga Ahli").
5. Later mentions by part of a name ("Fahmi") join the official with the same key.

Region codes come from ``doc.spans["places"]`` payloads overlapping the region (else from
office_regions.csv when the form names one region); the institution from ``doc.spans["institutions"]``
payloads overlapping the position, else from the office (Kapolres Paser -> Polres Paser).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from .. import rx, spans
from ..normalize.names import (expand_title, is_degree, is_honorific, modifier_table, rank_table,
                               split_name, title_table)
from ..normalize.numbers import parse_words
from ..resources import read_table

GROUP = "officials"

@functools.lru_cache(maxsize=256)
def _is_number_word(word: str) -> bool:
    """True for a count written in words ("lima", "sepuluh")."""
    try:
        parse_words(word)
    except ValueError:
        return False
    return True


def _word_classes() -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for row in read_table("official_words.csv"):
        classes.setdefault(row["class"], set()).add(row["word"])
    return {name: frozenset(words) for name, words in classes.items()}


TOKEN = rx.compile(
    # Dotted abbreviations stay one word ("S.Sos.", "M.Si", "Ph.D"); then ordinary words.
    r"(?P<w>\p{L}{1,4}(?:\.\p{L}{1,4})+\.?(?![\p{L}\p{N}])"
    r"|\p{L}(?:[\p{L}\p{M}\p{N}+\-]|['’](?=\p{L}))*\.?)"
    # A numbered unit keeps its slash name whole, hyphenated too ("0818/Malang-Batu", "V/Brawijaya").
    r"|(?P<n>\p{N}+(?:[.,/\-–]+\p{N}+)*(?:/\p{L}+(?:-\p{L}+)*)?)"
    r"|(?P<p>\S)"
)

# Word classes (models/official_words.csv): see the header of that file for what each means.
_WORDS = _word_classes()
LIST_WORDS = _WORDS["list_words"]
APPOSITION = _WORDS["apposition"]
INITIALS_WORDS = _WORDS["initials_words"]
INNER_LOWER = _WORDS["inner_lower"]
REGION_PREFIX = _WORDS["region_prefix"]
BALINESE = _WORDS["balinese"]
ABBREV_KEEP = _WORDS["abbrev_keep"]
COMPASS = _WORDS["compass"]
BODY_WORDS = _WORDS["body_words"]
UNIT_NOUNS = _WORDS["unit_nouns"]
NAMED_AFTER = _WORDS["named_after"]
CHAIRED_BY = _WORDS["chaired_by"]
HEADLINE_LOWER = _WORDS["headline_lower"]
PLACE_HEADS = _WORDS["place_heads"]
ORG_NOUNS = _WORDS["org_nouns"]
# Nouns formed with pe(r)-/ke- ... -an name bodies and fields ("Perhimpunan", "Pemeriksaan", "Kehutanan"),
# never people.
BODY_NOUN = re.compile(r"(?:Per|Pen|Pem|Peng|Peny|Ke)[a-z]{3,}an")
MONTHS = frozenset(r["form"].capitalize() for r in read_table("dates.csv") if r["kind"] == "month")
MODIFIER_SHORT = {"Penjabat": "Pj", "Pelaksana Tugas": "Plt", "Pelaksana Harian": "Plh",
                  "Penjabat Sementara": "Pjs", "Wakil": "Wakil"}


MAX_POSITION_TOKENS = 25
"""Longest stretch of unit, region and title words a position is extended over."""

class Tok:
    """One word, number or punctuation mark of the text, with its offsets."""

    __slots__ = ("text", "start", "end", "kind", "low", "cap")

    def __init__(self, text: str, start: int, end: int, kind: str):
        self.text, self.start, self.end, self.kind = text, start, end, kind  # kind: w, n or p
        self.low = text.lower()
        self.cap = kind == "w" and text[0].isupper()

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start})"


@dataclass
class Found:
    """One official mention being built."""

    start: int  # token index of the first word of the phrase
    end: int  # token index one past the last
    name: list[int] = field(default_factory=list)  # token indices of the written name
    title: list[int] = field(default_factory=list)
    region: list[int] = field(default_factory=list)
    former: bool = False
    modifier: str | None = None
    row: dict | None = None
    rule: str = "officials.title_name"
    head_end: int = 0  # token index one past the head ("Direktur Utama")
    title_text: str | None = None  # a title not written as such ("anggotanya" -> "Anggota KPU RI")


# ---------------------------------------------------------------- data


@functools.lru_cache(maxsize=1)
def _words() -> tuple[frozenset, frozenset, frozenset, frozenset, frozenset]:
    titlew = frozenset(r["word"] for r in read_table("title_words.csv"))
    units = frozenset(r["word"] for r in read_table("title_words.csv") if r["unit"] == "1")
    names = frozenset(r["word"] for r in read_table("name_words.csv"))
    common = frozenset(r["word"] for r in read_table("common_words.csv"))
    stop = frozenset(r["word"] for r in read_table("not_names.csv"))
    return titlew, units, names, common, stop


@functools.lru_cache(maxsize=1)
def _named_bodies() -> frozenset[str]:
    return frozenset(r["word"] for r in read_table("named_bodies.csv"))


@functools.lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Lower-cased first words of every position, modifier and former-office word."""
    keys = list(title_table()) + list(modifier_table())
    return frozenset(k[0] for k in keys) | {"mantan", "eks", "bekas"}


@functools.lru_cache(maxsize=1)
def _regions() -> dict[tuple[str, ...], tuple[str, str]]:
    return {tuple(r["form"].replace(".", " .").split()): (r["code"], r["level"]) for r in read_table("office_regions.csv")}


def _longest(table: dict, toks: list[Tok], i: int, key, maxlen: int = 5):
    for n in range(min(maxlen, len(toks) - i), 0, -1):
        if any(t.kind == "p" and t.text not in ".-" for t in toks[i:i + n]):
            continue
        row = table.get(tuple(key(t) for t in toks[i:i + n]))
        if row is not None:
            return n, row
    return 0, None


# ---------------------------------------------------------------- the finder


class OfficialsFinder:
    """Find officials in a doc; see the module docstring for the reading order."""

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        text = spans.doc_text(doc)
        toks = self._tokens(text, doc)
        if not toks:
            return doc
        ctx = _Context(doc, text, toks)
        found = ctx.scan()
        ctx.write(found)
        return doc

    @staticmethod
    def _tokens(text: str, doc: Doc) -> list[Tok]:
        out: list[Tok] = []
        for m in rx.finditer(TOKEN, text, doc=doc, name="officials.tokens"):
            kind = m.lastgroup or "p"
            s, e = m.span()
            word = m.group()
            if kind == "w" and word.endswith(".") and word.count(".") == 1:
                base = word[:-1]
                keep = (len(base) == 1 or base.lower() in ABBREV_KEEP or is_honorific(word)
                        or is_degree(word) or (base.lower(),) in modifier_table())
                if not keep:
                    out.append(Tok(base, s, e - 1, "w"))
                    out.append(Tok(".", e - 1, e, "p"))
                    continue
            out.append(Tok(word, s, e, kind))
        return out


class _Context:
    def __init__(self, doc: Doc, text: str, toks: list[Tok]):
        self.doc, self.text, self.toks = doc, text, toks
        self.titlew, self.units, self.namew, self.common, self.stop = _words()
        self.titles, self.mods, self.ranks, self.regions = title_table(), modifier_table(), rank_table(), _regions()
        self.claimed: set[int] = set()
        self.headline = self._headline_tokens()
        self.places = [p for p in spans.payloads(doc, "places")]
        self.insts = [p for p in spans.payloads(doc, "institutions")]

    # ---- word classes

    def _headline_tokens(self) -> set[int]:
        """Tokens on title-cased lines (headlines), where a capital does not mark a name."""
        out: set[int] = set()
        line: list[int] = []
        last_nl = 0

        def flush():
            words = [i for i in line if self.toks[i].kind == "w"]
            # A headline is title-cased and has no closing full stop (a paragraph listing names has one).
            ends = [self.toks[i].text for i in line if self.toks[i].text != "\\"]
            # Title case keeps its function words in lower case ("di", "dan"): they are not counted.
            words = [i for i in words if self.toks[i].low not in HEADLINE_LOWER] or words
            if len(words) >= 4 and sum(self.toks[i].cap for i in words) >= 0.85 * len(words) \
                    and ends and ends[-1] != "." and len(words) <= 20 \
                    and sum(self.toks[i].text == "," for i in line) <= 1:
                out.update(line)

        outer: list[int] = []
        for i, t in enumerate(self.toks):
            # Lines are judged apart, and so is a stretch inside quote marks ("Tonton juga video
            # \"Mensos: Strategi ...\""); the words around a quote stay one line.
            if "\n" in self.text[last_nl:t.start]:
                flush()
                line = []
                outer = []
            if t.text in {'"', "“", "”"}:
                if outer:  # closing mark: judge the quoted stretch, go back to the line around it
                    flush()
                    line, outer = outer, []
                else:
                    outer, line = line, []
                last_nl = t.end
                continue
            line.append(i)
            last_nl = t.end
        flush()
        return out

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def is_acronym(self, t: Tok) -> bool:
        letters = [c for c in t.text if c.isalpha()]
        return t.kind == "w" and len(letters) >= 2 and sum(c.isupper() for c in letters) >= len(letters) - 1 \
            and t.text[:2].isupper()

    def is_title_word(self, t: Tok) -> bool:
        return t.kind == "w" and (t.text in self.titlew or t.text.rstrip(".") in self.titlew
                                  or bool(BODY_NOUN.fullmatch(t.text)))

    def is_common(self, t: Tok) -> bool:
        return t.kind == "w" and t.low in self.common and t.text not in self.namew

    def title_at(self, i: int):
        """(length, row) of a position starting at token i, longest first."""
        toks = self.toks
        t = self.tok(i)
        if t is None or t.kind != "w":
            return 0, None
        for n in range(min(4, len(toks) - i), 0, -1):
            row = self.titles.get(tuple(x.low for x in toks[i:i + n]))
            if row is None:
                continue
            # A lower-case head counts only for words that introduce officials in lower case too.
            if t.cap or row.get("lower") == "1" or self.titles.get((t.low,), {}).get("lower") == "1" and n > 1:
                return n, row
        return 0, None

    def modifier_at(self, i: int):
        return _longest(self.mods, self.toks, i, lambda t: t.low.rstrip("."), 2)

    def rank_at(self, i: int) -> int:
        t = self.tok(i)
        if t is None or not t.cap:
            return 0
        n, row = _longest(self.ranks, self.toks, i, lambda t: t.low.replace(".", ""), 4)
        if not n or row["service"] == "corps":
            return 0
        c = self.tok(i + n)
        if c is not None and c.text == "(" and self.tok(i + n + 2) and self.toks[i + n + 2].text == ")":
            crow = self.ranks.get((self.toks[i + n + 1].low.replace(".", ""),))
            if crow and crow["service"] == "corps":
                n += 3  # "Brigjen (Pol)"
                c = None
        if c is not None:
            crow = self.ranks.get((c.low.replace(".", ""),))
            if crow and crow["service"] == "corps":
                n += 1
        nxt = self.tok(i + n)
        return n if nxt is not None and nxt.cap else 0

    def region_at(self, i: int, district_ok: bool = False) -> int:
        """Length of a region name at i ("Kota Bogor", "Jawa Barat", "Kalteng"), 0 if none."""
        t = self.tok(i)
        if t is None or t.kind != "w":
            return 0
        pre = 0
        if t.low in REGION_PREFIX:
            nxt = self.tok(i + 1)
            if nxt is None or not nxt.cap:
                return 0
            pre = 1
        elif not t.cap:
            return 0
        n, row = _longest(self.regions, self.toks, i + pre, lambda t: t.text, 4)
        # A district name ("Jaya", "Mandau") counts bare only after an office of a district or village.
        if n and row[1] in {"district", "mixed"} and not pre and not district_ok:
            n = 0 if row[1] == "district" or self.is_common(self.toks[i]) else n
        if n:
            # "Kota Bogor" and "Kabupaten X" are forms of their own; count the prefix with them.
            return pre + n
        for p in self.places:
            if p["start"] == self.toks[i].start:
                end = next((k for k in range(i, min(i + 6, len(self.toks))) if self.toks[k].end >= p["end"]), None)
                if end is not None:
                    return end - i + 1
        if pre:
            return 2  # "Kecamatan Mandau", "Desa Selatbaru": a prefixed word is a region
        return 0

    def honorific_at(self, i: int) -> int:
        t, nxt = self.tok(i), self.tok(i + 1)
        if t is None or nxt is None or not nxt.cap:
            return 0
        if not t.cap:
            return self.lower_honorific(i)
        if nxt.kind == "w" and is_honorific(t.text + " " + nxt.text) and "." not in t.text:
            return 2
        if is_honorific(t.text):
            # A bare "H" or "Dr" is an honorific only before a capitalised word.
            return 1
        return 0

    def lower_honorific(self, i: int) -> int:
        """"dr." and "drg." are written in lower case before a name."""
        t, nxt = self.tok(i), self.tok(i + 1)
        if t is not None and nxt is not None and nxt.cap and t.text in {"dr.", "drg.", "drh.", "dr", "drg"}:
            return 1
        return 0

    # ---- the scan

    def scan(self) -> list[Found]:
        found: list[Found] = []
        i = 0
        toks = self.toks
        while i < len(toks):
            f = self.position(i) if toks[i].low not in CHAIRED_BY else self.chaired(i)
            if f is None:
                i += 1
                continue
            got = self.attach(f)
            found.extend(got)
            i = max(f.end, i + 1) if got else i + 1
        return found

    def position(self, i: int) -> Found | None:
        """A position phrase starting at token i (former word, modifiers, head, complement)."""
        toks = self.toks
        if toks[i].low not in _first_words() and toks[i].low.rstrip(".") not in _first_words():
            return None  # the cheap test that turns away almost every word
        j = i
        former = False
        mods: list[tuple[int, str]] = []
        while j < len(toks):
            t = toks[j]
            if t.low in {"mantan", "eks", "bekas"} or t.low.startswith("eks-"):
                if t.low.startswith("eks-"):
                    break
                former = True
                j += 1
                continue
            n, row = self.title_at(j)
            if n:
                break
            n, mrow = self.modifier_at(j)
            if n and mrow["role"] == "modifier" and (toks[j].cap or mods or former):
                mods.append((j, n, mrow["full_form"]))
                j += n
                # "Penjabat (Pj)": the abbreviation in brackets repeats the modifier; the title keeps
                # the short form, as news and the gold write it ("Plt Sekda").
                if self.tok(j) and toks[j].text == "(":
                    k = j + 1
                    n2, _ = self.modifier_at(k)
                    if n2 and self.tok(k + n2) and toks[k + n2].text == ")":
                        mods[-1] = (k, n2, mrow["full_form"])
                        j = k + n2 + 1
                continue
            break
        n, row = self.title_at(j)
        if not n or self.rank_at(j):  # "Komisaris Polisi" is a rank, not a company's commissioner
            return None
        if j == i and not toks[i].cap and i in self.claimed:
            return None
        # "Pj Gubernur" is itself a title: a bracketed "(Pj)" before it is the same modifier.
        head_full = row["full_form"]
        mods = [m for m in mods if not head_full.startswith(m[2] + " ")]
        f = Found(start=i, end=j + n, former=former, row=row, head_end=j + n)
        # The written title: modifiers without repeats ("Penjabat (Pj) Pj" -> "Pj"), then the head.
        if mods:
            last = {}
            for k, m, full in mods:
                last[full] = range(k, k + m)
            f.title = sorted(x for r in last.values() for x in r)
            full0 = mods[0][2]
            f.modifier = MODIFIER_SHORT.get(full0, full0)
        if former:
            f.title = [k for k in range(i, j) if toks[k].low in {"mantan", "eks", "bekas"}][:1] + f.title
        f.title += list(range(j, j + n))
        if f.modifier is None:
            f.modifier = next((short for full, short in MODIFIER_SHORT.items() if head_full.startswith(full + " ")), None)
        self.complement(f)
        return f

    def chaired(self, i: int) -> Found | None:
        """"majelis hakim yang diketuai Dr. X": the chair of the body named before the verb, when
        "Ketua" and that body make a known position ("Ketua Majelis Hakim")."""
        toks = self.toks
        b = i - 1 if i > 0 and toks[i - 1].low == "yang" else i
        for n in range(min(3, b), 0, -1):
            body = toks[b - n:b]
            if any(t.kind != "w" for t in body):
                continue
            row = self.titles.get(("ketua",) + tuple(t.low for t in body))
            if row is not None:
                return Found(start=b - n, end=i + 1, row=row, head_end=i + 1, rule="officials.chaired_by",
                             title_text=row["form"])
        return None

    def newline_between(self, a: int, b: int) -> bool:
        return "\n" in self.text[self.toks[a].end:self.toks[b].start]

    def org_ahead(self, k: int) -> int:
        """End of a capitalised run from k that reaches a unit, an acronym in brackets or a region:
        the run is the name of a body ("Ikatan Pemuda Peduli (IPP)", "Banggar DPRD"), 0 if none."""
        toks = self.toks
        q = k
        while q < len(toks) and q - k < 7 and toks[q].cap and not self.newline_between(k, q):
            t = toks[q]
            if self.rank_at(q) or self.honorific_at(q):
                return q if q > k else 0  # "Rektor Unair Prof Muhammad": the words before the title are the body
            if t.text in self.stop:
                return 0
            if q > k and (t.text in self.units or self.is_acronym(t) and len(t.text) > 2 and t.text not in self.namew):
                return q
            # "Pengurus Rumpun Melayu Kecamatan Mandau X", "DPD GRIB Jaya Kalteng, X": a region ends the body.
            if q > k:
                n = self.region_at(q)
                if n:
                    return q  # "DPD GRIB Jaya Kalteng", "Poltracking Indonesia Hanta Yuda": a region ends the body
            nxt = self.tok(q + 1)
            if nxt is not None and nxt.text == "(":
                inner = self.tok(q + 2)
                if inner is not None and self.is_title_word(inner) and not self.is_acronym(inner):
                    return q + 1  # "BP Tapera (Badan Pengelola ...)": an expansion in brackets
                close = self.tok(q + 3)
                if (inner is not None and inner.cap and close is not None and close.text == ")"
                        and inner.text not in self.namew and k > 0 and self.is_title_word(toks[k - 1])
                        and inner.low[0] == toks[k - 1].low[0]):
                    return q + 1  # "Universitas Mulawarman (Unmul)": the short form of the body's name
                if inner is not None and self.is_acronym(inner):
                    # A person's alias in brackets follows a name ("Soesilo Bambang Yudhoyono (SBY)"):
                    # the run is a body only if it has more body words than name words.
                    run = toks[k:q + 1]
                    body = sum(self.is_title_word(x) or self.is_common(x) for x in run)
                    if body and body > sum(x.text in self.namew for x in run):
                        return q + 1
                return 0
            q += 1
        return 0

    def company(self, k: int) -> int:
        """End of a company name after PT/CV: capitalised words up to a bracket, comma or "Tahun"."""
        toks = self.toks
        q = k
        while q < len(toks) and toks[q].cap and toks[q].text not in self.stop and q - k < 7 \
                and not self.newline_between(k, q):
            q += 1
        if q < len(toks) and toks[q].text not in {",", "(", ";"} and toks[q].text != "Tahun" and q - k > 1:
            # No comma after the run: the name is its tail; keep two words for the firm at most.
            return min(q, k + 3) if q - k >= 4 else k + 1
        return q

    def complement(self, f: Found) -> None:
        """Extend the position over unit words, regions and brackets; stop where a name starts."""
        toks = self.toks
        k = f.end
        region_seen = False
        cut: int | None = None  # title length before a body introduced by "dari"
        # No real position runs longer than this; the cap keeps a wall of title words linear.
        limit = min(len(toks), f.end + MAX_POSITION_TOKENS)
        while k < limit:
            t = toks[k]
            if k > 0 and self.newline_between(k - 1, k):
                break
            if t.kind == "p":
                if t.text == "(":
                    close = next((m for m in range(k + 1, min(k + 8, len(toks))) if toks[m].text == ")"), None)
                    inner = toks[k + 1:close] if close else []
                    if close and inner and all(x.kind != "n" for x in inner) and (
                            self.is_acronym(inner[0]) or self.is_title_word(inner[0]) or self.modifier_at(k + 1)[0]
                            or self.title_at(k + 1)[0] or self.region_at(k + 1) == close - k - 1
                            or len(inner) == 1 and inner[0].cap and inner[0].text not in self.namew):
                        if close == k + 2 and not region_seen:
                            self.abbreviate(f, k + 1)
                        k = close + 1
                        continue
                if t.text in "/&" and k + 1 < len(toks) and toks[k + 1].cap and not region_seen:
                    f.title.append(k)
                    k += 1
                    n, _ = self.title_at(k)
                    if n:
                        f.title += list(range(k, k + n))
                        k += n
                    continue
                break
            if t.kind == "n":
                prev = toks[k - 1]
                if prev.low in {"periode", "tahun"} or (self.is_title_word(prev) or self.is_acronym(prev)) \
                        and not re.fullmatch(r"(19|20)\d\d", t.text):
                    if prev.low not in {"periode", "tahun"}:
                        f.title.append(k)
                    k += 1
                    continue
                break
            if self.rank_at(k) or self.honorific_at(k):
                break
            if t.cap and toks[k - 1].kind == "n" and "/" in toks[k - 1].text and k - 1 in f.title:
                f.title.append(k)  # "Danramil 0904-01/Tanah Grogot": the unit's name runs to the rank
                k += 1
                continue
            if t.low in {"periode", "masa", "tahun"} and self.tok(k + 1) and toks[k + 1].kind == "n":
                k += 1
                continue
            if not t.cap:
                if t.low in {"dan", "&"} and not region_seen and k + 1 < len(toks):
                    nxt = toks[k + 1]
                    if nxt.cap and (self.is_title_word(nxt) or self.is_common(nxt) or self.is_acronym(nxt)) \
                            and not self.title_at(k + 1)[0] or (nxt.cap and self.title_at(k + 1)[0] and k > f.end):
                        f.title.append(k)
                        k += 1
                        continue
                if t.low == "dari" and self.tok(k + 1) and (
                        toks[k + 1].low in {"fraksi", "partai", "dapil", "komisi", "tim"}
                        or toks[k + 1].text in self.units or toks[k + 1].text in BODY_WORDS):
                    if toks[k + 1].low not in {"fraksi", "partai", "dapil", "komisi", "tim"}:
                        # "Jaksa Penuntut Umum dari Kejaksaan Negeri Karanganyar": the office's body is
                        # said, not part of the title; its region still counts.
                        cut = len(f.title)
                    k += 1
                    if toks[k].low == "fraksi":
                        k += 1
                    continue
                if t.low in {"nonaktif", "terpilih", "definitif", "sementara"}:
                    k += 1
                    continue
                if t.low in REGION_PREFIX and not region_seen:
                    n = self.region_at(k)
                    if n:
                        f.region = list(range(k, k + n))
                        region_seen = True
                        k += n
                        continue
                break
            if t.text in self.stop and not self.is_title_word(t) and not (
                    t.text in COMPASS and f.region and f.region[-1] == k - 1):  # "Sungai Pinang Dalam"
                break
            if t.text.rstrip(".") in {"PT", "CV"}:
                f.title.append(k)
                end = self.company(k + 1)
                f.title += list(range(k + 1, end))
                k = end
                continue
            local = bool(f.row and f.row["scope"] in {"district", "village"})
            n = self.region_at(k, local) if not self.is_acronym(t) or t.text in {"DKI", "NTB", "NTT", "DIY", "NAD"} else 0
            if n and not (region_seen and not toks[k].low in REGION_PREFIX):
                if not f.region:
                    f.region = list(range(k, k + n))
                region_seen = True
                k += n
                continue
            if f.region and f.region[-1] == k - 1 and t.text in COMPASS and not self.is_acronym(t):
                f.region.append(k)  # "Kapolsek Lubuklinggau Utara": a district named after its town
                k += 1
                continue
            if n and f.region and f.region[-1] == k - 1:
                f.region += list(range(k, k + n))  # "Polres Metro Jakarta Barat": one region after another
                k += n
                continue
            if t.text == "I" and self.tok(k + 1) and toks[k + 1].low in BALINESE:
                break
            if self.title_at(k)[0] and not self.is_title_word(t):
                break
            nxt = self.tok(k + 1)
            if t.text in self.namew and nxt is not None and nxt.cap and not self.is_title_word(nxt) \
                    and not self.is_acronym(nxt) and not self.newline_between(k, k + 1) and k > f.end:
                break  # "Kementerian Pertanian Agung Suganda": a name word before a name word
            if region_seen and f.region and f.region[-1] == k - 1 and self.is_title_word(t) \
                    and not self.is_acronym(t) and t.text not in self.units \
                    and t.text != "Kota" and not (self.tok(k + 1) and (toks[k + 1].text in self.units
                                                                        or self.is_title_word(toks[k + 1]))):
                break  # "Gubernur NTB Lalu Muhamad Iqbal": after the region a lone office word is a name
            if self.is_title_word(t) or self.is_acronym(t) and not (region_seen and len(t.text) <= 3
                                                                       and t.text not in self.units):
                if t.text in {"Kota"} and region_seen:
                    k += 1
                    continue
                f.title.append(k)
                k += 1
                continue
            if len(t.text) == 1 and t.text.isupper() and toks[k - 1].text in {"Komisi", "Seksi", "Bidang"}:
                f.title.append(k)
                k += 1
                continue
            if not region_seen and self.is_common(t) and k in self.headline:
                break
            # Only an office of no fixed body takes plain words as its portfolio ("Menteri Keuangan",
            # "Kepala Dinas Pendidikan"); "Wabup Bagus Santoso" does not.
            if not region_seen and self.is_common(t) and not (f.row and f.row.get("institution")):
                f.title.append(k)
                k += 1
                continue
            # Offices of a district or village take a place here, not a body (see attach).
            ahead = self.org_ahead(k) if not region_seen and not local else 0
            if ahead:
                f.title += list(range(k, ahead))
                k = ahead
                continue
            break
        if cut is not None:
            f.title = f.title[:cut]
        f.end = k

    def abbreviate(self, f: Found, a: int) -> None:
        """Write the position with the abbreviation the text gives in brackets, as news and the gold
        do: "Menteri Dalam Negeri (Mendagri)" -> "Mendagri", "Ketua Komisi Pemilihan Umum (KPU)" ->
        "Ketua KPU". The spelled-out form is recovered by expand_title."""
        toks = self.toks
        abbr = toks[a]
        n, _ = self.title_at(a)
        if n == 1:
            # A whole title: it replaces everything after the former-office word and modifiers.
            keep = [k for k in f.title if toks[k].low in {"mantan", "eks", "bekas"}
                    or self.modifier_at(k)[0] and k < f.end and not self.title_at(k)[0]]
            f.title = keep + [a]
            return
        if not self.is_acronym(abbr):
            return
        letters = abbr.text.lower()
        words = [k for k in f.title if k < a]
        for size in range(len(words) - 1, 0, -1):
            tail = [k for k in words[-size:] if toks[k].low not in {"dan", "&"}]
            # A known body ("Ketua KPU") or one named in office words ("Ketua TAPD") is written short;
            # an association's own name ("Ikatan Pemuda Melayu Peduli Lingkungan") stays.
            if "".join(toks[k].low[0] for k in tail) == letters and (
                    abbr.text in self.units or all(self.is_title_word(toks[k]) for k in tail)):
                f.title = words[:-size] + [a]
                return

    # ---- names

    def name_at(self, k: int, *, loose: bool = False) -> tuple[int, list[int], int]:
        """(first token, name tokens, end) of a name starting at k after honorifics and a rank."""
        toks = self.toks
        start = k
        guard = 0
        while guard < 4:
            guard += 1
            n = self.honorific_at(k) or self.rank_at(k)
            if n:
                k += n
                continue
            break
        names: list[int] = []
        m = k
        while m < len(toks) and len(names) < 6:
            t = toks[m]
            if t.kind != "w" or (names and self.newline_between(m - 1, m)):
                break
            if not t.cap:
                if t.low in {"bin", "binti"} and names and self.tok(m + 1) and toks[m + 1].cap:
                    names.append(m)
                    m += 1
                    continue
                break
            if any(c.isdigit() for c in t.text):
                break
            if t.text in self.stop or t.text.endswith(".") and t.text[:-1] in self.stop:  # "No."
                # A month inside a name ("Raja Juli Antoni") stays; one next to a number is a date.
                nxt, prv = self.tok(m + 1), self.tok(m - 1)
                if not (names and t.text in MONTHS and nxt is not None and nxt.cap and nxt.kind == "w"
                        and prv is not None and prv.kind != "n"):
                    break
            if names and (self.title_at(m)[0] and (self.title_at(m)[1]["lower"] == "1" or len(t.text) > 4)
                          and not (t.text in self.namew)):
                break
            if names and (t.text in self.units or self.is_title_word(t) and t.text not in self.namew
                          and self.tok(m + 1) is not None and (self.is_title_word(toks[m + 1])
                                                               or toks[m + 1].text in self.units)):
                break
            if m in self.headline and self.is_common(t):
                break
            if names and is_degree(t.text) and "." in t.text:
                break
            if names and self.rank_at(m):
                break
            names.append(m)
            m += 1
        # A trailing degree list: ", S.T., S.H., M.Si."
        end = m
        q = m
        while q + 1 < len(toks) and toks[q].text == "," and is_degree(toks[q + 1].text):
            q += 2
            end = q
        while end < len(toks) and toks[end].kind == "w" and is_degree(toks[end].text) and "." in toks[end].text:
            end += 1
        return start, names, end

    def plausible(self, names: list[int]) -> bool:
        if not names:
            return False
        toks = self.toks
        first = toks[names[0]]
        if first.text == "I" and len(names) > 1 and toks[names[1]].low in BALINESE:
            return True
        if any(toks[k].text in self.stop or toks[k].text.rstrip(".") in self.stop or toks[k].text in self.units
               for k in names):
            return False
        if any(k in self.headline for k in names) and not self.in_body(names):
            return False
        if self.title_at(names[0])[0] or first.low in REGION_PREFIX or self.modifier_at(names[0])[0]:
            return False
        if first.text in self.units or (self.is_title_word(first) and first.text not in self.namew
                                        and not any(toks[k].text in self.namew or not self.is_title_word(toks[k])
                                                    and not self.is_common(toks[k]) for k in names[1:])):
            return False  # "Lalu Muhamad Iqbal" is a name: an office word followed by name words
        words = [toks[i] for i in names]
        if len(words) == 1 and first.text.isupper() and len(first.text) > 2:
            return False  # initials stand for a name only in twos ("SR"); "PHE" is a body
        if (first.low.replace(".", ""),) in self.ranks:
            return False
        if all(is_degree(w.text) or is_honorific(w.text) for w in (toks[i] for i in names)):
            return False  # "M.T selaku ...": a degree, not a name
        if any(w.text.count(".") > 1 and not is_degree(w.text) for w in words):
            return False  # "M.EC.DEV"
        if any(w.low.endswith("nya") and len(w.text) > 6 for w in words):
            return False  # "Dilanjutkannya, Ketua ...": a verb with its pronoun, not a name
        for w in words:
            parts = w.text.split("-")
            if len(parts) > 1 and any(p in self.titlew or (p.lower(),) in self.titles for p in parts):
                return False  # "Pangan-Mendagri"
        if all(self.is_common(w) or self.is_title_word(w) for w in words):
            return False
        if len(words) == 1 and self.is_acronym(first) and len(first.text) > 3:
            return False
        if self.region_at(names[0]) >= len(names):
            return False
        return True

    @functools.cached_property
    def body_words(self) -> set[str]:
        return {t.text for i, t in enumerate(self.toks) if i not in self.headline and t.cap}

    def in_body(self, names: list[int]) -> bool:
        """A name on a headline counts only if the body repeats its first word."""
        first = self.toks[names[0]]
        return first.text in self.body_words and not self.is_common(first)

    def trim_headline(self, names: list[int]) -> list[int]:
        """On a headline, keep the start of the name whose words the body repeats ("Bagus Santoso Ajak")."""
        if not names or names[0] not in self.headline:
            return names
        out = []
        for k in names:
            if self.toks[k].text not in self.body_words:
                break
            out.append(k)
        return out

    def attach(self, f: Found) -> list[Found]:
        """Find the name (or names) for the position f."""
        toks = self.toks
        k = f.end
        # Village and district offices: "Kepala Desa Sumberejo Dwi Minarto" - the first word is the place.
        if not f.region and f.row and f.row["scope"] in {"village", "district"} and k == f.end \
                and len(f.title) == len([i for i in f.title if i < f.end]):
            t = self.tok(k)
            if t is not None and t.cap and not self.rank_at(k) and not self.honorific_at(k):
                nxt = self.tok(k + 1)
                if nxt is not None and (nxt.cap or nxt.text == ","):
                    f.region = [k]
                    k += 1
                    if t.text in PLACE_HEADS and nxt.cap and not self.rank_at(k) and not self.honorific_at(k):
                        f.region.append(k)  # "Lurah Sungai Siring": a geographic noun starts a longer name
                        k += 1
                    # "Kapolsek Gunung Putri AKP Anton": a rank marks where the place ends.
                    for q in range(k, min(k + 3, len(toks))):
                        if not toks[q].cap or self.honorific_at(q):
                            break
                        if self.rank_at(q):
                            f.region += list(range(k, q))
                            k = q
                            break
                    else:
                        # "Camat Bandar Laksmana Acil Esyno": the place runs up to the first name word.
                        q = k
                        while (q + 1 < len(toks) and q - k < 2 and toks[q].cap and toks[q + 1].cap
                               and toks[q].text not in self.namew and toks[q + 1].text in self.namew
                               and not self.newline_between(q, q + 1)):
                            q += 1
                            break
                        if q > k:
                            f.region += list(range(k, q))
                            k = q
                    while self.tok(k) and toks[k].text in COMPASS:
                        f.region.append(k)  # "Desa Prapag Lor"
                        k += 1
                    f.end = k
        start, names, end = self.name_at(k) if k >= len(toks) or not self.newline_between(k - 1, k) else (k, [], k)
        if (len(names) >= 3 and f.region and f.region[-1] == names[0] - 1 and f.row
                and f.row["scope"] in {"village", "district"} and toks[names[0]].text not in self.namew
                and toks[names[1]].text in self.namew):
            f.region.append(names.pop(0))  # "Camat Bandar Laksmana Acil Esyno": the place runs to the name
        if (names and len(names) == 1 and not f.region and f.row and f.row["scope"] in {"village", "district"}
                and names[0] == f.end and (self.tok(end) is None or not toks[end].cap)):
            return []  # "Kepala Desa Gebyog": the one word is the place
        if names and names[0] == f.end and self.lower_honorific(end):
            # "Direktur RSUD Abdul Wahab Sjahranie dr David": the run before "dr" names the body.
            f.title += names
            f.end = end
            start, names, end = self.name_at(end)
        if (len(names) >= 3 and names[0] == f.end and toks[f.end - 1].text in NAMED_AFTER
                and toks[names[0]].text not in self.namew):
            # "Direktur RSUD Kanjuruhan Bobi Prabowo": the word after the kind of body is its name.
            f.title.append(names.pop(0))
            f.end += 1
        if (len(names) == 1 and names[0] == f.end and end == names[0] + 1 and end < len(toks)
                and toks[end].text in BODY_WORDS and self.tok(end + 1) and toks[end + 1].cap):
            # "Direktur Penyidikan Jampidsus Kejaksaan Agung, X": one word before a body is a unit of it.
            f.title.append(names[0])
            f.end = end
            self.complement(f)
            return self.attach(f)
        if names and names[0] == f.end and end < len(toks) and toks[end].text in ORG_NOUNS:
            # "Ketua Umum White Car Community, Syaiful": the run names the body; the name comes after.
            f.title += names + [end]
            f.end = end + 1
            return self.after_body(f)
        trimmed = self.trim_headline(names)
        if trimmed != names:
            names, end = trimmed, (trimmed[-1] + 1 if trimmed else end)
        if names and self.plausible(names):
            # An office that needs its unit ("Kadis Dagprin Indra") takes an unknown first word.
            if (len(names) >= 3 and f.row and f.row["full_form"].split()[-1] in UNIT_NOUNS and len(f.title) == 1
                    and names[0] == f.end and toks[names[0]].text not in self.namew and not f.region):
                f.title.append(names.pop(0))
            if f.row and f.row.get("complement") == "1" and f.end == f.head_end and names[0] == f.end:
                # "Direktur Pertamina", "CEO Google Larry Page": an office named before its body.
                first = toks[names[0]]
                if len(names) == 1 and first.text not in self.namew or all(
                        toks[k].text not in self.namew for k in names):
                    # The run is the body ("Direktur Utama Telkomsel, Nugroho"): look past it.
                    f.title += names
                    f.end = names[-1] + 1
                    return self.after_body(f)
                lead = next((i for i, k in enumerate(names) if toks[k].text in self.namew), 0)
                if len(names) >= 3 and first.text not in self.namew and not (0 < lead and len(names) - lead >= 2):
                    lead = 1  # "CEO Nvidia Jensen Huang": an unknown word, then a two-word name
                if 0 < lead and len(names) - lead >= 2:
                    # "Menko Kumham Imipas Yusril Ihza Mahendra": the words before the first name word
                    # are the portfolio.
                    f.title += names[:lead]
                    names = names[lead:]
            prev = toks[names[0] - 1]
            if (all(toks[k].text not in self.namew for k in names) and names[0] == f.end
                    and prev.text in _named_bodies() and names[0] - 1 in f.title and not f.region):
                # "Ketua Majelis Syura", "Presiden Partai Keadilan Sejahtera": an unknown word after a
                # body's plain name is more of that name, not a person.
                after = self.tok(end)
                if after is None or not after.cap:
                    return []
            f.name, f.end = names, end
            return [f] + self.members(f) + self.and_name(f)
        return self.after_body(f)

    def after_body(self, f: Found) -> list[Found]:
        """The name where none follows the position directly: after a comma, a list word or before it."""
        toks = self.toks
        k = f.end
        t = self.tok(k)
        if t is None:
            return []
        # "Kepala Desa Sumberejo, Kecamatan Sine, Dwi Minarto": skip a region in commas.
        if t.text == "," and self.tok(k + 1) and toks[k + 1].low in REGION_PREFIX:
            n = self.region_at(k + 1)
            if n and self.tok(k + 1 + n) and toks[k + 1 + n].text == ",":
                if not f.region:
                    f.region = list(range(k + 1, k + 1 + n))
                k = k + 1 + n
                t = toks[k]
        if t.text == ",":
            start, names, end = self.name_at(k + 1)
            after = self.tok(end)
            ok_after = after is None or bool(names) and end > names[-1] + 1 or after.text in {",", ".", "(", ";", ":", ")", "\"", "”"} or not after.cap \
                or "\n" in self.text[toks[end - 1].end:after.start]
            if names and ok_after and self.plausible(names) and not self._list_start(names):
                f.name, f.end = names, end
                f.rule = "officials.title_comma_name"
                return [f] + self.members(f)
        if t.low in INITIALS_WORDS:
            nxt = self.tok(k + 1)
            if nxt is not None and nxt.cap and nxt.text.isupper() and len(nxt.text) <= 4:
                f.name, f.end = [k + 1], k + 2
                f.rule = "officials.title_initials"
                return [f]
        listed = self.name_list(f, k)
        if listed:
            return listed
        return self.name_before(f)

    def _list_start(self, names: list[int]) -> bool:
        return False

    def and_name(self, f: Found) -> list[Found]:
        """"Wakil Ketua A dan B." - a second name joined by "dan" that ends the clause holds the office too."""
        toks = self.toks
        m = f.end
        if not (self.tok(m) and toks[m].low == "dan") or self.title_at(m + 1)[0] or self.modifier_at(m + 1)[0]:
            return []
        start, names, end = self.name_at(m + 1)
        after = self.tok(end)
        if not names or start != names[0] or not self.plausible(names) or (after is not None and after.text not in {".", ","}):
            return []
        if any(k in self.headline for k in names):
            return []
        return [Found(start=start, end=end, name=names, title=f.title, region=f.region, former=f.former,
                      modifier=f.modifier, row=f.row, rule="officials.title_and_name", title_text=f.title_text)]

    def members(self, f: Found) -> list[Found]:
        """"Ketua KPU X, beserta lima anggotanya, yaitu: A, B": the members of f's body."""
        toks = self.toks
        m = f.end
        if self.tok(m) and toks[m].text == ",":
            m += 1
        if not (self.tok(m) and toks[m].low in {"beserta", "bersama", "dan"}):
            return []
        m += 1
        if self.tok(m) and (toks[m].kind == "n" or _is_number_word(toks[m].low)):
            m += 1
        if not (self.tok(m) and toks[m].low == "anggotanya"):
            return []
        body = [k for k in f.title if toks[k].text in self.units or self.is_acronym(toks[k])]
        if not body:
            return []
        g = Found(start=m, end=m + 1, title=[m], region=f.region, row=f.row)
        g.title_text = "Anggota " + self._join([k for k in f.title if k >= body[0]])
        m += 1
        if self.tok(m) and toks[m].text == ",":
            m += 1
        return self.name_list(g, m)

    def name_list(self, f: Found, k: int) -> list[Found]:
        """Names listed after the position: "... adalah A, B, C dan D", "yakni: A, B"."""
        toks = self.toks
        m = k
        if f.start in self.headline:
            return []
        # "anggota DPRD yang ikut menghadiri adalah ...": up to 5 lower-case words before the list word.
        if self.tok(m) and toks[m].low == "yang":
            q = m + 1
            while q < len(toks) and q - m <= 6 and toks[q].kind == "w" and not toks[q].cap \
                    and toks[q].low not in LIST_WORDS:
                q += 1
            m = q
        t = self.tok(m)
        if t is not None and t.text == "," and self.tok(m + 1) and toks[m + 1].low in LIST_WORDS:
            m += 1  # "anggota DPRD, yakni A, B dan C"
            t = toks[m]
        if t is None:
            return []
        if t.low in {"antara", "di"}:
            if self.tok(m + 1) and toks[m + 1].low in {"lain", "antaranya"}:
                m += 2
            else:
                return []
        elif t.low in LIST_WORDS or t.text == ":":
            m += 1
        else:
            return []
        if self.tok(m) and toks[m].text in {":", ","}:
            m += 1
        out: list[Found] = []
        while m < len(toks):
            start, names, end = self.name_at(m)
            if not names or not self.plausible(names):
                break
            g = Found(start=start, end=end, name=names, title=f.title, region=f.region, former=f.former,
                      modifier=f.modifier, row=f.row, rule="officials.title_list", title_text=f.title_text)
            out.append(g)
            m = end
            sep = self.tok(m)
            if sep is None:
                break
            if sep.text == "," and self.tok(m + 1) and toks[m + 1].low == "dan":
                m += 2
            elif sep.text == "," or sep.low == "dan":
                m += 1
            else:
                break
        if len(out) >= 1:
            if out:
                out[0].start = f.start  # the first item's mention carries the position
            return out
        return []

    def name_before(self, f: Found) -> list[Found]:
        """A name before the position: "Fahmi Fadli, Bupati Paser", "X selaku Tenaga Ahli"."""
        toks = self.toks
        i = f.start - 1
        if i < 0:
            return []
        bare = False
        if toks[i].text == "," or toks[i].low in APPOSITION:
            i -= 1
        elif not toks[i].cap or not toks[f.start].cap:
            return []
        else:
            bare = True  # "temuan Akmal Ketua Posyantek": the name must follow a lower-case word
        # Walk back over the degrees and name.
        while i >= 0 and toks[i].kind == "w" and is_degree(toks[i].text) and "." in toks[i].text:
            i -= 1
            if i >= 0 and toks[i].text == ",":
                i -= 1
        end = i + 1
        names: list[int] = []
        while i >= 0 and toks[i].cap and len(names) < 5 and i not in self.claimed:
            if self.title_at(i)[0] or self.is_title_word(toks[i]) and toks[i].text not in self.namew:
                break
            names.insert(0, i)
            i -= 1
        # Drop words that start a sentence ("Menurut X, CEO ..."), honorifics and rank at the front.
        while names and toks[names[0]].text in self.stop:
            names = names[1:]
        while names and (is_honorific(toks[names[0]].text) or self.rank_at(names[0])):
            r = self.rank_at(names[0]) or 1
            names = names[r:]
        if not names or not self.plausible(names):
            return []
        prev = self.tok(names[0] - 1)
        if prev is not None and prev.cap and not is_honorific(prev.text) and not self.rank_at(names[0] - 1):
            return []
        if bare and (prev is None or prev.kind != "w" or prev.cap or self.newline_between(names[0] - 1, names[0])
                     or toks[names[0]].text not in self.namew and f.end == f.head_end):
            return []  # "sesuai Protap Kapolri", "Piala Presiden": a bare word before an office is rarely a name
        starts_sentence = prev is None or prev.text in {".", "\n", "!", "?", "\""} or self.newline_between(names[0] - 1, names[0])
        if starts_sentence and len(names) == 1 and toks[names[0]].text not in self.namew:
            return []  # "Misal, kepala dinas ...": a sentence's first word before a comma
        if any(k in self.headline for k in names) and any(self.is_common(toks[k]) for k in names):
            return []
        f.name = names
        f.start = names[0]
        f.rule = "officials.name_title"
        return [f]

    # ---- output

    def write(self, found: list[Found]) -> None:
        toks, text = self.toks, self.text
        records = []
        for f in found:
            if not f.name:
                continue
            raw = text[toks[f.name[0]].start:toks[f.name[-1]].end]
            parts = split_name(raw)
            name = parts.name.strip(" ,")
            if not name:
                continue
            title_txt = f.title_text or self._join(f.title)
            region_txt = self._join(f.region) if f.region else None
            # The gold writes "Bengkalis" for "Kabupaten Bengkalis" but keeps "Kota Bogor" (a city apart
            # from the regency of the same name) and "Kecamatan Mandau".
            if region_txt and len(region_txt.split()) > 1 and region_txt.split()[0].lower() in {
                    "provinsi", "prov", "prov.", "kabupaten", "kab", "kab."}:
                region_txt = " ".join(region_txt.split()[1:])
            honor = []
            # Honorifics and rank written before the name (between the position and the name).
            lead = self._lead(f)
            rank = parts.rank or lead[1]
            honor = [h for h in lead[0] + parts.honorifics if h not in ADDRESS]
            for k in range(toks[f.name[-1]].end, 0):
                pass
            tail = text[toks[f.name[-1]].end:toks[f.end - 1].end] if f.end - 1 > f.name[-1] else ""
            honor += [d.strip() for d in tail.split(",") if d.strip() and is_degree(d.strip())]
            records.append((f, name, title_txt, region_txt, rank, honor))
        # One key per person: a name that is part of a longer found name is that person.
        names = [r[1] for r in records]
        keys = {n: _key(n) for n in names}
        titles: dict[str, set[str]] = {}
        for r in records:
            words = expand_title(r[2]).lower().split() if r[2] else []
            titles.setdefault(r[1], set()).update(w for w in words if w not in {"mantan", "eks", "bekas"})
        for n in names:
            # "Presiden Prabowo" is not "Kapolri Listyo Sigit Prabowo": join only offices that agree.
            longer = [m for m in names if m != n and _contains(m, n)
                      and (not titles[n] or not titles[m] or titles[n] <= titles[m] or titles[m] <= titles[n])]
            if len({_key(m) for m in longer}) == 1:
                keys[n] = _key(longer[0])
        done: dict[str, list[str]] = {}
        for f, name, title_txt, region_txt, rank, honor in records:
            key = keys[name]
            start = toks[min(f.start, f.name[0])].start
            end = toks[f.end - 1].end
            region_code = self._region_code(f)
            fields = {
                "name": name, "aliases": [name],
                "title": title_txt or None,
                "title_canonical": expand_title(title_txt) if title_txt else None,
                "modifier": f.modifier, "former": f.former,
                "region": region_txt, "region_code": region_code,
                "institution": self._institution(f, region_txt), "rank": rank,
                "honorifics": honor,
            }
            written = text[toks[f.name[0]].start:toks[f.name[-1]].end]
            if written != name:
                fields["aliases"].append(written)
            # A headline's wording ("Eks Gubernur X Diperiksa") yields to the body's.
            spans.add(self.doc, GROUP, start, end, rule=f.rule, key=key, fields=fields,
                      primary=f.name[0] not in self.headline)
            self.claimed.update(range(min(f.start, f.name[0]), f.end))
            done.setdefault(key, []).append(name)
        self._short_mentions(done, keys)

    def _short_mentions(self, done: dict[str, list[str]], keys: dict[str, str]) -> None:
        """Later mentions by part of a name ("Fahmi" for Fahmi Fadli) join that official."""
        toks = self.toks
        by_words: dict[tuple[str, ...], set[str]] = {}
        for key, names in done.items():
            for name in names:
                words = name.split()
                for a in range(len(words)):
                    for b in range(a + 1, len(words) + 1):
                        by_words.setdefault(tuple(words[a:b]), set()).add(key)
        i = 0
        while i < len(toks):
            if i in self.claimed or not toks[i].cap:
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j].cap and j not in self.claimed and j - i < 4:
                j += 1
            s = i
            while s < j and (is_honorific(toks[s].text) or toks[s].text in self.stop
                             or self.is_common(toks[s]) and (toks[s].text,) not in by_words):
                s += 1
            run = tuple(t.text for t in toks[s:j])
            keys_hit = by_words.get(run) if run else None
            if keys_hit and len(keys_hit) == 1 and not (len(run) == 1 and (
                    self.is_common(toks[s]) or self.is_title_word(toks[s]) or len(run[0]) < 3)):
                key = next(iter(keys_hit))
                written = self.text[toks[s].start:toks[j - 1].end]
                # The payload names the whole person, so a later component (quotes) reading this
                # mention gets "Fahmi Fadli" for "Fahmi"; the written form is an alias.
                full = max(done[key], key=len)
                spans.add(self.doc, GROUP, toks[s].start, toks[j - 1].end, rule="officials.name_part",
                          key=key, fields={"name": full, "aliases": [written]})
            i = j if j > i else i + 1

    def _lead(self, f: Found) -> tuple[list[str], str | None]:
        """Honorifics and rank written between the position and the name."""
        toks = self.toks
        first = f.name[0]
        k = first - 1
        lead: list[int] = []
        while k >= 0 and k >= f.start and toks[k].kind == "w" and (toks[k].cap or self.lower_honorific(k)) \
                and k not in f.title and k not in f.region:
            lead.insert(0, k)
            k -= 1
        honor, rank = [], None
        q = 0
        while q < len(lead):
            n = self.rank_at(lead[q])
            if n:
                rank = self._join(lead[q:q + n])
                q += n
                continue
            if is_honorific(toks[lead[q]].text):
                honor.append(toks[lead[q]].text)
            q += 1
        return honor, rank

    def _join(self, idx: list[int]) -> str:
        out = ""
        prev = None
        for k in sorted(idx):
            t = self.toks[k]
            if prev is not None and (t.start == self.toks[prev].end):
                out += t.text
            else:
                out += (" " if out else "") + t.text
            prev = k
        return out.strip()

    def _region_code(self, f: Found) -> str | None:
        if not f.region:
            return None
        s, e = self.toks[f.region[0]].start, self.toks[f.region[-1]].end
        for p in self.places:
            if p["start"] < e and s < p["end"]:
                code = p.get("fields", {}).get("code")
                if code:
                    return code
        form = tuple(self.toks[k].text for k in f.region)
        row = (self.regions.get(form) or self.regions.get(form[1:])) if form else None
        return row[0] if row and row[0] else None

    def _institution(self, f: Found, region: str | None) -> str | None:
        toks = self.toks
        span = f.title + f.region
        if span:
            s, e = toks[min(span)].start, toks[max(span)].end
            for p in self.insts:
                if p["start"] < e and s < p["end"]:
                    name = p.get("fields", {}).get("name")
                    if name:
                        return name
        unit = next((k for k in f.title if toks[k].text in self.units), None)
        if unit is None:
            unit = next((k for k in f.title[1:] if toks[k].text in BODY_WORDS), None)
        if unit is not None:
            words = [k for k in f.title if k >= unit] + [k for k in f.region if k > unit]
            return self._join(words)
        if f.row and f.row.get("institution"):
            return f.row["institution"] + (" " + region if region else "")
        return None


@functools.lru_cache(maxsize=1)
def _address() -> frozenset[str]:
    return frozenset(r["form"] for r in read_table("honorifics.csv") if r["kind"] == "address")


class _Address:
    def __contains__(self, word: str) -> bool:
        return word in _address()


ADDRESS = _Address()
"""Forms of address ("Bapak", "Ibu") are split off a name but are not the person's honorifics."""


def _key(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def _contains(longer: str, shorter: str) -> bool:
    a, b = _key(longer).split(), _key(shorter).split()
    return len(b) < len(a) and any(a[i:i + len(b)] == b for i in range(len(a) - len(b) + 1))


@Language.factory("berita_officials")
def make_officials(nlp: Language, name: str) -> OfficialsFinder:
    return OfficialsFinder()
