"""Component `berita_institutions`: finds named bodies and writes ``doc.spans["institutions"]``.

How a mention is found (the rule id names the way):

- ``institutions.gazetteer``: a known acronym, short name or full name from
  ``models/institutions.csv`` (one :class:`~spacy.matcher.PhraseMatcher`); extended by what the
  form takes into ``institutions.unit_region`` (``Polres Paser``, ``DPRD Kota Malang``,
  ``Bawaslu RI``), ``institutions.unit_number`` (``Kodim 0904/PSR``) or
  ``institutions.expansion``, its own expansion in parentheses, which joins the two forms
  (``Kepolisian Resort (Polres) Paser``);
- ``institutions.head_name``: a head word that starts a name: a proper name after PT, CV,
  Universitas, Yayasan (``PT Migas (Perseroda) Kota Bekasi``), unit-name words from
  ``models/institution_sector_words.csv`` after Dinas, Badan, Komisi (``Dinas Pendidikan
  Ponorogo``, ``Komisi II DPR RI``), so a person's name after the unit is left out;
- ``institutions.suffix_name``: an English name ending in its kind (``Harvard University``);
- ``institutions.parent``: a sub-unit followed by its parent body (``Satreskrim Polres Ngawi``);
  the parent is a record of its own too;
- ``institutions.acronym_def`` / ``institutions.acronym``: an acronym the text defines in
  parentheses after a name, and its later uses;
- ``institutions.dateline`` / ``institutions.media``: the outlet in a dateline
  (``BEKASI, KOMPAS.com -``) and outlet names glued to a word (``kepadadetikSulsel``).

Generic nouns (``pemerintah``, ``partai politik``) and places (``Kecamatan``) are rows of kind
``drop`` in the data: never matched, and they block longer forms (``BI Checking``).

Identity (the payload ``key``) is the body's full name plus its region's code (or the region's
words), so ``Polres Paser``, ``Kepolisian Resor Paser`` and a later bare ``Polres`` (when the text
names one Polres) become one record. Region codes in the output come from the ``places`` payloads
that overlap the region words.

>>> import spacy
>>> nlp = spacy.blank("id"); _ = nlp.add_pipe("berita_institutions")
>>> doc = nlp("Kepolisian Resort (Polres) Paser dan TNI-Polri menerima dana dari Pemkab Paser.")
>>> sorted({p["fields"]["name"] for p in spans.payloads(doc, "institutions")})
['Pemkab Paser', 'Polres Paser', 'Polri', 'TNI']
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .. import rx, spans
from ..resources import read_table

GROUP = "institutions"
ADMIN = ("Provinsi", "Prov.", "Kabupaten", "Kab.", "Kota", "Kecamatan", "Kec.", "Kelurahan", "Desa")
NATIONAL = ("RI", "Republik Indonesia", "Pusat")


@dataclass(frozen=True)
class Entry:
    """One row of models/institutions.csv."""

    form: str
    full: str
    kind: str
    scope: str
    takes: str
    standalone: bool
    variants: tuple[str, ...]
    context: bool = False
    """True for forms that name the body only in a political text (PPP, PAN, PSI)."""

    @property
    def acronym(self) -> str | None:
        return self.form if self.form != self.full else None


@dataclass
class Lexicon:
    entries: list[Entry]
    surface: dict[str, Entry]
    """Every written form (form, full form, variants, upper-case acronyms) -> its entry."""
    blocked: set[str]
    regions: dict[str, str]
    """Casefolded region form -> its codes (";"-joined)."""
    stop: set[str]
    sector: set[str]
    """Words of government unit names ("Pendidikan", "Perindustrian")."""
    common: set[str]
    """Region names that are also common words ("batu", "bone"): never read in lower case."""
    names: frozenset[str] = frozenset()
    """Words seen in person names (models/name_words.csv)."""
    honorifics: frozenset[str] = frozenset()
    """Academic and religious titles with a full stop ("dr.", "Ir."), from models/honorifics.csv."""


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Case-, accent- and punctuation-blind form used in keys.

    >>> _fold("Kepolisian Resort  Paser")
    'kepolisian resor paser'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = "".join(c if c.isalnum() else " " for c in text)
    words = ["resor" if w == "resort" else w for w in text.split()]
    return " ".join(words)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    entries, surface, blocked = [], {}, set()
    rows = read_table("institutions.csv")
    for row in rows:
        variants = tuple(v.strip() for v in row["variants"].split("|") if v.strip())
        if row["kind"] == "drop":
            blocked.update([row["form"], *variants])
            continue
        e = Entry(row["form"], row["full_form"], row["kind"], row["scope"], row["takes"], row["standalone"] in ("yes", "context"), variants,
                  row["standalone"] == "context")
        entries.append(e)
    # Own forms first, then full forms, then variants: a form names its own row before another's variant.
    for e in entries:
        surface.setdefault(e.form, e)
    for e in entries:
        surface.setdefault(e.full, e)
    for e in entries:
        for v in e.variants:
            surface.setdefault(v, e)
        if e.acronym and len(e.form) > 2 and e.form.upper() != e.form:
            surface.setdefault(e.form.upper(), e)
    for b in blocked:
        surface.pop(b, None)
    regions = {}
    for row in read_table("institution_regions.csv"):
        regions.setdefault(row["form"].casefold(), row["codes"])
    words = read_table("institution_stopwords.csv")
    stop = {row["word"] for row in words if row["why"] != "common word"}
    common = {row["word"].casefold() for row in words if row["why"] == "common word"}
    sector = {row["word"] for row in read_table("institution_sector_words.csv")}
    names = frozenset(row["word"] for row in read_table("name_words.csv"))
    honorifics = frozenset(row["form"] for row in read_table("honorifics.csv")
                           if row["kind"] in ("academic", "religious") and row["form"].endswith("."))
    return Lexicon(entries, surface, blocked, regions, stop, sector, common, names, honorifics)


# --- patterns over raw text -------------------------------------------------------------------
_SP = r"[ \t]+"
_WORD = r"[\p{Lu}](?:[\p{L}\p{N}'’&-]*[\p{L}\p{N}])?\.?"
RE_WORD = rx.compile(_SP + r"(" + _WORD + r"|\p{N}[\p{L}\p{N}/.-]*|\((?:Persero|Perseroda|Perum|Tbk)\)|dan|&)")
RE_PAREN = rx.compile(r"[ \t]*\([ \t]*([^()\n]{1,90}?)[ \t]*\)")
RE_NUMBER = rx.compile(_SP + r"((?:\p{N}{2,4}(?:-\p{N}{1,3})?|[IVXL]{1,5})(?:[ \t]*/[ \t]*[\p{Lu}][\p{L}]*(?:[ \t]+[\p{Lu}][\p{L}]*){0,2})?)\b")
RE_ACRONYM = rx.compile(r"^[\p{Lu}][\p{Lu}\p{Ll}\p{N}+-]{1,11}(?: [\p{Lu}][\p{L}\p{N}-]{1,11})?$")
RE_DATELINE = rx.compile(r"(?m)^[^\p{L}\n]{0,3}[\p{Lu}][\p{Lu}\p{N} .'’/-]{1,40},[ \t]*([\p{L}][\p{L}\p{N}.]*)[ \t]*[-–—]")
RE_JOIN = rx.compile(r"^[ \t]+$")
RE_DASHED = rx.compile(r"(?<![^\s])[-–—]([\p{Lu}][\p{L}]+)(?![\p{L}])")
RE_NAME_BEFORE = rx.compile(r"(?:[\p{Lu}][\p{L}&'’-]*[ \t]+){1,3}$")
RE_TOKEN = rx.compile(r"\S+")
RE_NATIONAL = rx.compile(r"[ \t]+(RI|Republik Indonesia)\b")
RE_LOWER_REGION = rx.compile(r"[ \t]+(se-)?(\p{L}+)(?![\p{L}\p{N}-])")
RE_SE = rx.compile(r"^se-")
RE_HONORIFIC = rx.compile(r"[ \t]+(\p{L}{1,4}\.)[ \t]+")
RE_CODE = rx.compile(r"^\d{2}(?:\.\d{2})*$")
RE_ROMAN = rx.compile(r"^[IVX]{1,4}$")
RE_TITLE_BEFORE = rx.compile(r"\bKepala[ \t]+$")
RE_PORTFOLIO = rx.compile(r"\b(?:Menteri|Menko|Wamen)[ \t]+$")
RE_PARTY_CONTEXT = rx.compile(r"(?i)\b(?:partai|fraksi|politisi|politikus|kader|parpol|koalisi|caleg|muktamar|ketum|sekjen|pemilu|pileg|pilkada|DPP|DPW|DPC|DPR|DPRD|MPR)\b")
RE_SENTENCE_START = rx.compile(r"(?:^|[.!?\n][\"'”’)]?)[ \t]*$")


@dataclass
class Cand:
    start: int
    end: int
    rule: str
    entry: Entry | None
    head: str
    """The unit as written, parentheses left out ("Kepolisian Resort")."""
    short: str | None = None
    """The unit's acronym when the text writes it ("Polres")."""
    tail: str = ""
    """What follows the unit in the name: region, number, "RI" ("Paser", "0904/PSR")."""
    region: str | None = None
    region_span: tuple[int, int] | None = None
    region_key: str = ""
    kind: str = "other"
    learned: str | None = None
    """An acronym the text defines in parentheses after a name."""
    parent: "Cand | None" = None
    priority: int = 0
    joined: str | None = None
    named: bool = False
    """True when a head word found a proper name after it ("Dinas Koperasi", "PT Pos")."""
    """The key of the record a bare or reused mention joins."""

    def base(self) -> str:
        """Identity of the unit without its region."""
        if self.entry is not None and _fold(self.head) in (_fold(self.entry.form), _fold(self.entry.full),
                                                           *map(_fold, self.entry.variants)):
            return _fold(self.entry.full)
        return _fold(self.head)

    def key(self) -> str:
        k = self.base() + "|" + self.region_key
        if self.parent is not None:
            k += "<" + self.parent.key()
        return k


class InstitutionsFinder:
    """Finds institutions; see the module docstring for the rules."""

    def __init__(self, nlp: Language):
        self.lex = lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for form in self.lex.surface:
            self.matcher.add(form, [nlp.make_doc(form)])
        # Outlet names glued to the word before or after ("kepadadetikSulsel", "detikJatengdi"):
        # the known channels, longest first, then any other capitalised channel name.
        glued = sorted((f for f in self.lex.surface if f.startswith("detik") and f != "detik"), key=len, reverse=True)
        self.re_media = rx.compile("(?:" + "|".join(rx.regex.escape(f) for f in glued)
                                   + r"|detik[\p{Lu}][\p{Ll}]+\b|\bTribun[\p{Lu}][\p{L}]+\b)")
        for form in self.lex.blocked:
            if " " in form:  # "BI Checking" is not Bank Indonesia
                self.matcher.add("!" + form, [nlp.make_doc(form)])

    # ---- reading what follows a unit ---------------------------------------------------------
    def _words(self, text: str, pos: int, limit: int = 8) -> list[tuple[str, int, int]]:
        out = []
        while len(out) < limit:
            m = RE_WORD.match(text, pos)
            if not m:
                break
            out.append((m.group(1), m.start(1), m.end(1)))
            pos = m.end()
        return out

    def _region_at(self, text: str, pos: int, places: dict[int, dict],
                   loose: bool = False, sub: bool = False) -> tuple[str, int, int, str] | None:
        """A region written right after ``pos``: (text, start, end, key) or None.

        Known province, regency and city names are read exactly; with ``loose`` (units below a
        regency: Polsek, Koramil) a single capitalised word is taken as the place; with ``sub``
        (district and village units) two ("Polsek Batu Sopang"), also over a shorter known region.
        """
        words = self._words(text, pos, 6)
        if not words:
            return None
        i, start = 0, words[0][1]
        if words[0][0].startswith("se-"):
            return None
        admin = words[0][0] in ADMIN
        if admin:
            i = 1
        # A place found by the places component wins.
        if i < len(words):
            p = places.get(words[i][1]) or places.get(start)
            after = next((j for j, w in enumerate(words) if w[1] >= (p or {}).get("end", 0)), len(words))
            if p is not None and p["end"] <= (words[-1][2]) and not (
                    sub and not admin and after <= 2 and self._name_goes_on(text, words, after)):
                end = p["end"]
                code = (p.get("fields") or {}).get("code") or ""
                return text[start:end], start, end, code or _fold(text[words[i][1]:end])
        # Longest known region name.
        for n in range(min(4, len(words) - i), 0, -1):
            chunk = words[i:i + n]
            if any(w[0] in ("dan", "&") for w in chunk):
                continue
            name = text[chunk[0][1]:chunk[-1][2]].rstrip(".")
            codes = self.lex.regions.get(name.casefold())
            if codes and sub and not admin and self._name_goes_on(text, words, i + n):
                continue  # "Polsek Batu Sopang" is in Batu Sopang, not in Kota Batu
            if codes:
                end = chunk[0][1] + len(name)
                ambiguous = ";" in codes
                key = _fold(name) if ambiguous else codes
                if ambiguous and admin:
                    key = _fold(text[start:end])
                return text[start:end], start, end, key
        run = []
        small = words[0][0] in ("Kecamatan", "Kec.", "Kelurahan", "Desa")
        for w in words[i:i + (2 if small else 3)]:
            if w[0] in self.lex.stop or w[0] in ("dan", "&") or w[0] in self.lex.surface or not w[0][0].isupper():
                break
            run.append(w)
        if admin and run:
            end = run[-1][2] - (1 if text[run[-1][2] - 1] == "." else 0)
            return text[start:end], start, end, _fold(text[run[0][1]:end])
        if admin or not loose:
            return None
        # Two capitalised words that no other capitalised word follows ("Polsek Batu Sopang").
        if sub and len(run) >= 2 and run[1][1] == run[0][2] + 1 and not self._name_goes_on(text, words, 2) \
                and all(len(w[0]) >= 3 and not w[0].isupper() and not w[0].endswith(".") for w in run[:2]):
            return text[run[0][1]:run[1][2]], run[0][1], run[1][2], _fold(text[run[0][1]:run[1][2]])
        # A single capitalised word that no other capitalised word follows ("DPRD Solo").
        if run and (len(words) == 1 or words[1][0] in ("dan", "&") or not words[1][0][0].isupper()
                    or words[1][1] > run[0][2] + 2 or words[1][0].rstrip(".") in self.lex.stop):
            w = run[0]
            if len(w[0]) >= 3 and not w[0].isupper() and w[0][0].isalpha():
                end = w[2] - (1 if text[w[2] - 1] == "." else 0)
                return text[w[1]:end], w[1], end, _fold(text[w[1]:end])
        return None

    def _name_goes_on(self, text: str, words: list, j: int) -> bool:
        """Whether ``words[j]`` continues a place name: capitalised, right after the word before,
        no title, rank or known body."""
        if j >= len(words) or j == 0 or words[j][1] != words[j - 1][2] + 1:
            return False
        w = words[j][0]
        return w[0].isupper() and w.rstrip(".") not in self.lex.stop and w not in self.lex.surface \
            and w not in ("dan", "&") and not w.isupper() and w not in ADMIN and w not in self.lex.blocked and w.casefold() not in self.lex.regions

    def _name_run(self, text: str, pos: int, sector: bool) -> list[tuple[str, int, int]]:
        """The proper name after a head word ("Pendidikan Kabupaten Ponorogo").

        With ``sector`` (Dinas, Badan, Komisi) only unit-name words, acronyms, letters and
        numerals, regions and known units may follow, so a person's name after the unit is left out.
        """
        run = []
        words = self._words(text, pos, 9)
        m = None if sector else RE_HONORIFIC.match(text, pos)
        if m and m.group(1) in self.lex.honorifics:
            # A body named after a person keeps the title: "RSUD dr. Soegiri", "RSUD Ir. Soekarno".
            rest = self._words(text, m.end(1), 8)
            if rest and rest[0][0][0].isupper() and rest[0][1] == m.end() and rest[0][0] not in self.lex.stop:
                words = [(m.group(1), m.start(1), m.end(1)), *rest]
                run.append(words.pop(0))
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        if _title_case(text[line_start:line_end if line_end >= 0 else len(text)]):
            words = words[:3 if sector else 2]  # a headline capitalises every word
        for i, w in enumerate(words):
            word = w[0].rstrip(".")
            if w[0] in self.lex.stop or word in self.lex.stop:
                break
            if w[0] in ("dan", "&"):
                nxt = words[i + 1][0].rstrip(".") if i + 1 < len(words) else ""
                if nxt in self.lex.surface or nxt in ADMIN or (i + 1 < len(words) and self._known_at(text, words, i + 1)):
                    break  # "Dinas X dan Komisi A", "Provinsi dan Kabupaten": two bodies
                run.append(w)
                continue
            known = self._known_at(text, words, i)
            if known is not None and not run and known[0].takes in ("sector", "name") \
                    and not (sector and self._sector_word(word, run)):
                break  # "Koperasi Dinas Koperasi": the head word belongs to the title before it
            if not run:
                known = None
            if known is not None and not (known[0].takes == "name" and not sector):
                # A known unit inside the name is its parent: "Komisi II DPR RI", "Rutan ... KPK";
                # the name ends with the parent's region. Another head word ends the name.
                e, end = known
                if e.takes == "sector" or e.takes == "name" and sector:
                    break
                parent = Cand(w[1], end, "", e, text[w[1]:end])
                self._paren(text, parent)
                if e.takes in ("region", "number"):
                    self._extend(text, parent, {})
                run.append((text[w[1]:parent.end], w[1], parent.end))
                break
            if sector and not self._sector_word(word, run):
                if word in ADMIN or word.casefold() in self.lex.regions:
                    reg = self._region_at(text, run[-1][2] if run else pos, {}) if run else None
                    if reg:
                        run.append((reg[0], reg[1], reg[2]))
                break
            if not sector and run and word in self.lex.names and i + 1 < len(words) \
                    and words[i + 1][0].rstrip(".,") in self.lex.names and words[i + 1][1] == w[2] + 1:
                break  # two person-name words after the name: "Bank Mega Syariah Eva Dahlia"
            if not sector and len(word) == 1 and word.isalpha() and not (
                    run and (RE_ROMAN.match(run[-1][0]) or run[-1][0] == "Kelas" and RE_ROMAN.match(word))):
                break  # an initial: "PT DNG M Akhirun", "Grup C"; not a class: "Rutan Kelas II B"
            if w[0].endswith(".") and word not in ("PT", "CV", "Tbk"):
                run.append((word, w[1], w[2] - 1))
                break  # the end of a sentence
            run.append(w)
            if w[0].startswith("(") or word == "Tbk":
                break
        while run and (run[-1][0] in ("dan", "&")):
            run.pop()
        return run

    def _known_at(self, text: str, words: list, i: int) -> tuple[Entry, int] | None:
        """The longest known form starting at ``words[i]``: (entry, end) or None."""
        for n in range(min(6, len(words) - i), 0, -1):
            form = text[words[i][1]:words[i + n - 1][2]]
            if form in self.lex.surface:
                return self.lex.surface[form], words[i + n - 1][2]
        return None

    def _defined_run(self, text: str, pos: int) -> list[tuple[str, int, int]] | None:
        """A capitalised run that the text defines with an acronym right after it:
        "Komisi Nasional Disabilitas (KND)"."""
        run = []
        for w in self._words(text, pos, 9):
            word = w[0]
            if word in self.lex.stop or word.endswith(".") or word.startswith("("):
                break
            run.append(w)
        while run and run[-1][0] in ("dan", "&"):
            run.pop()
        if not run:
            return None
        m = RE_PAREN.match(text, run[-1][2])
        if m and self._defines(text, pos, run, m.group(1)) and m.group(1) not in self.lex.surface:
            return run
        return None

    def _defines(self, text: str, head_end: int, run: list, inner: str) -> bool:
        """Whether ``(inner)`` after a head word and ``run`` is the body's acronym: it begins like
        the head or the name ("Universitas Trunojoyo Madura (UTM)", "PT Krakatau Steel (KRAS)"),
        and is no title ("Kepala Dinas Pemuda dan Olahraga (Kadispora)") or person's initials."""
        if not RE_ACRONYM.match(inner) or inner in self.lex.blocked or inner.split()[0] in self.lex.stop:
            return False
        head_start = text.rfind(" ", 0, max(0, head_end - 1)) + 1
        if inner.startswith("Ka") and RE_TITLE_BEFORE.search(text, max(0, head_start - 8), head_start):
            return False
        firsts = {text[head_start:head_start + 1].upper(), run[0][0][:1].upper()} if run else set()
        named = text[head_start:run[-1][2]] if run else ""
        return inner[0].upper() in firsts and len(inner) < len(named)

    def _sector_word(self, word: str, run: list) -> bool:
        if word in self.lex.sector:
            return True
        if len(word) >= 2 and word.replace("-", "").isupper() and word.casefold() not in self.lex.regions:
            return True  # an acronym: PUPR, UKM, PUPR-PKPP
        # A letter or Roman numeral right after the head: "Komisi A", "Komisi II".
        return not run and (len(word) == 1 and word.isupper() or bool(RE_ROMAN.match(word)) or word.isdigit())

    # ---- building candidates -----------------------------------------------------------------
    def _paren(self, text: str, c: Cand) -> int:
        """Take in a parenthesis right after ``c`` that holds its other form; returns the new end."""
        e = c.entry
        m = RE_PAREN.match(text, c.end)
        if m:
            inner = m.group(1)
            other = self.lex.surface.get(inner)
            if e is not None and other is e:
                if inner == e.form or len(inner) < len(c.head):
                    c.short = inner
                c.end = m.end()
                c.rule = "institutions.expansion"
            elif e is not None and other is None and c.head == e.full and e.acronym and " " in e.form \
                    and f" {inner} " in f" {e.form} " and f" {inner} " not in f" {e.full} ":
                # "Pengadilan Tindak Pidana Korupsi (Tipikor) Semarang": the parenthesis holds the part
                # of the short form that abbreviates; the short form is "Pengadilan Tipikor".
                c.short = e.form
                c.end = m.end()
                c.rule = "institutions.expansion"
            elif inner in self.lex.stop and e is not None and e.takes == "region":
                # "Kepala Kepolisian Daerah (Kapolda) Jawa Tengah": the title's short form sits inside
                # the body's name; step over it to the region.
                c.end = m.end()
            elif RE_ACRONYM.match(inner) and inner not in self.lex.blocked and other is None \
                    and inner not in self.lex.stop \
                    and len(inner) < len(c.head) and inner[0] == c.head[0] and " " in c.head:
                c.learned = c.short = inner
                c.end = m.end()
                c.rule = "institutions.acronym_def"
        return c.end

    def _extend(self, text: str, c: Cand, places: dict[int, dict]) -> Cand | None:
        e = c.entry
        pos = self._paren(text, c)
        takes = e.takes if e is not None else ""
        if takes == "number":
            m = RE_NUMBER.match(text, pos)
            if m:
                tail = m.group(1).split(" ")
                while len(tail) > 1 and tail[-1].rstrip(".") in self.lex.stop:
                    tail.pop()  # "Kodim 0303/Bengkalis Letkol Inf": a rank follows
                while len(tail) > 1 and any(w.rstrip(".") in self.lex.stop for w in tail[1:]):
                    tail.pop()
                c.tail = " ".join(tail)
                c.end = m.start(1) + len(c.tail)
                c.region_key = _fold(c.tail.split("/")[0])
                c.rule = c.rule if c.rule != "institutions.gazetteer" else "institutions.unit_number"
            else:  # "Koramil Adimulyo", "Kodim Bojonegoro": named by its place instead
                self._add_region(text, c, pos, places)
            return c
        if takes == "region" or (takes in ("name", "sector") and not c.named and not c.region):
            self._add_region(text, c, pos, places)
        elif takes == "" and c.entry is not None and c.entry.scope == "national":
            m = RE_NATIONAL.match(text, pos)
            if m:  # "KPK RI", "Kementerian Keuangan Republik Indonesia"
                c.tail, c.end = m.group(1), m.end(1)
                m = RE_PAREN.match(text, c.end)
                if m and self.lex.surface.get(m.group(1).split()[0]) is c.entry:
                    c.end = m.end()  # "... Republik Indonesia (KPK RI)"
        return c

    def _region_lower(self, text: str, pos: int) -> tuple[str, int, int, str] | None:
        """A region written in lower case or after "se-" ("Satpol PP paser", "Forkopimda se-Kaltim"),
        only when it is no common word ("batu", "bone")."""
        m = RE_LOWER_REGION.match(text, pos)
        if m is None:
            return None
        name = m.group(2)
        codes = self.lex.regions.get(name.casefold())
        if not codes or ";" in codes or name.casefold() in self.lex.common or (not m.group(1) and len(name) < 5):
            return None
        start = m.start(1) if m.group(1) else m.start(2)
        return text[start:m.end(2)], start, m.end(2), codes

    def _add_region(self, text: str, c: Cand, pos: int, places: dict[int, dict]) -> None:
        words = self._words(text, pos, 2)
        if words and (words[0][0] == "RI" or text.startswith(" Republik Indonesia", pos)):
            end = words[0][2] if words[0][0] == "RI" else pos + len(" Republik Indonesia")
            c.tail, c.end = text[words[0][1]:end], end
            return
        loose = c.entry is not None and c.entry.scope not in ("national", "any", "international", "regional")
        small = c.entry is not None and c.entry.scope in ("district", "village")
        reg = self._region_at(text, pos, places, loose, small) or self._region_lower(text, pos)
        if reg is not None:
            c.region, c.region_span, c.region_key = reg[0], (reg[1], reg[2]), reg[3]
            c.tail, c.end = reg[0], reg[2]
            se = RE_SE.match(reg[0])
            if se:  # "Forkopimda se-Kaltim": the region is Kaltim
                c.region, c.region_span = reg[0][se.end():], (reg[1] + se.end(), reg[2])
            if c.region.islower():  # "Satpol PP paser": the region is Paser
                c.region = c.region.title()
            # "Polresta Serang Kota"
            m = RE_WORD.match(text, c.end)
            if m and m.group(1) == "Kota" and not self._words(text, m.end(), 1):
                c.tail += " Kota"
                c.end = m.end(1)
            if c.rule == "institutions.gazetteer":
                c.rule = "institutions.unit_region"
            return
        if words and words[0][0] in ("Provinsi", "Kabupaten", "Kota") and not (
                len(words) > 1 and words[1][1] == words[0][2] + 1 and words[1][0][0].isupper()):
            c.tail, c.end = words[0][0], words[0][2]

    def _suffix_name(self, text: str, c: Cand) -> Cand | None:
        """A name that ends in its kind, as in English: "Harvard University", "Ford Foundation"."""
        m = rx.search(RE_NAME_BEFORE, text, max(0, c.start - 60), c.start)
        if m is None:
            return None
        kept = []
        for w in reversed(list(RE_TOKEN.finditer(text, m.start(), m.end()))):
            if w.group() in self.lex.stop or w.group() in self.lex.surface:
                break
            kept.insert(0, w)
        if len(kept) > 1 and RE_SENTENCE_START.search(text, 0, kept[0].start()):
            kept.pop(0)  # "Studi Harvard University": the sentence's first word is Indonesian
        if not kept:
            return None
        start = kept[0].start()
        return Cand(start, c.end, "institutions.suffix_name", c.entry, text[start:c.end], kind=c.entry.kind, named=True)

    def _head_name(self, text: str, c: Cand, places: dict[int, dict]) -> Cand | None:
        """A head word (Dinas, PT, Universitas) and the proper name after it."""
        sector = c.entry.takes == "sector"
        run = (sector and self._defined_run(text, c.end)) or self._name_run(text, c.end, sector)
        if not run or not run[0][0][0].isupper() and not run[0][0][0].isdigit() and not run[0][0].startswith("(") \
                and run[0][0] not in self.lex.honorifics:
            return None
        whole = text[run[0][1]:run[-1][2]].rstrip(".")
        court = self.lex.surface.get("Pengadilan Tinggi")
        if c.head == "PT" and court is not None and whole.casefold() in self.lex.regions:
            # "Hakim PT Jakarta": PT before a bare region is the high court, not a company.
            codes = self.lex.regions[whole.casefold()]
            return Cand(c.start, run[-1][2] - (len(run[-1][0]) - len(run[-1][0].rstrip("."))), "institutions.head_name",
                        court, "PT", short="PT", kind=court.kind, named=True, tail=whole, region=whole,
                        region_span=(run[0][1], run[0][1] + len(whole)), region_key=codes if ";" not in codes else _fold(whole))
        # Trailing region or "RI": split it off the name for identity.
        words = [w[0] for w in run]
        cut = len(run)
        tail_key, region, region_span = "", None, None
        for i in range(1, len(run)):
            if words[i] in ADMIN or words[i] in NATIONAL:
                reg = self._region_at(text, run[i - 1][2], places) if words[i] in ADMIN else None
                if words[i] in NATIONAL or (reg and reg[2] == run[-1][2]):
                    cut = i
                    if reg:
                        region, region_span, tail_key = reg[0], (reg[1], reg[2]), reg[3]
                    break
            codes = self.lex.regions.get(text[run[i][1]:run[-1][2]].rstrip(".").casefold())
            if codes and ";" not in codes and run[i][1] > run[0][1]:
                cut, region, region_span, tail_key = i, text[run[i][1]:run[-1][2]].rstrip("."), \
                    (run[i][1], run[-1][2]), codes
                break
        end = run[-1][2]
        if text[end - 1] == "." and not text[c.start:end].startswith(("PT.", "CV.")) and run[-1][0] != "Tbk.":
            end -= 1
        name_end = run[cut - 1][2] if cut < len(run) else end
        head = text[c.start:name_end].rstrip(".")
        # Bare head words, and names that are generic nouns, are not bodies.
        if head in self.lex.blocked or len(head.split()) < 2 and not head.startswith(("PT.", "CV.")):
            return None
        for j, w in enumerate(run[:cut]):
            known = self.lex.surface.get(text[c.start:w[2]])
            # A longer name goes on only with unit-name words or acronyms ("Dinas PUPR PKPP").
            goes_on = j + 1 < cut and self._sector_word(run[j + 1][0], [w]) and not all(
                x[0] in ("RI", "Republik", "Indonesia") for x in run[j + 1:cut])
            if known is not None and known is not c.entry and (known.takes and not goes_on or j == cut - 1):
                # "Dinas Pendidikan", "Bank Indonesia" are known units: read them as such.
                return None
            if known is not None and known is not c.entry and j + 1 < cut and run[j + 1][0] in self.lex.names:
                return None  # "Dosen Universitas Indonesia Rina Wati": a known name, then a person
        if RE_PORTFOLIO.search(text, max(0, c.start - 12), c.start):
            return None  # "Menteri Koperasi": a minister's portfolio, not a body
        short = None
        if c.short and c.end > c.start + len(c.head):
            name = text[c.end:name_end].strip()
            head = " ".join((c.head + " " + name).split())
            short = " ".join((c.short + " " + name).split())
        out = Cand(c.start, end, "institutions.head_name", c.entry, head, short=short, kind=c.entry.kind, named=True,
                   tail=text[name_end:end].strip(), region=region, region_span=region_span, region_key=tail_key)
        m = RE_PAREN.match(text, out.end)
        if m and self._defines(text, c.end, run, m.group(1)):
            out.learned = out.short = m.group(1)
            out.end = m.end()
            # The acronym stands for the whole name, region words included ("... Riau (SPR)").
            out.head, out.tail = " ".join(text[c.start:end].split()), ""
            out.region = out.region_span = None
            if not region:
                reg = self._region_at(text, out.end, places)
                if reg:
                    out.region, out.region_span, out.region_key = reg[0], (reg[1], reg[2]), reg[3]
                    out.tail, out.end = reg[0], reg[2]
        return out

    def candidates(self, doc: Doc, text: str, places: dict[int, dict]) -> list[Cand]:
        # ``doc.text`` is rebuilt from the tokens on every access: the caller reads it once.
        hits: list[tuple[int, int, str]] = []
        blocked = []
        for match_id, s, e in self.matcher(doc):
            span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc.vocab.strings[match_id])
            (blocked if span[2].startswith("!") else hits).append(span)
        hits = [h for h in hits if not any(b[0] <= h[0] and h[1] <= b[1] for b in blocked)]
        # A credit line glues a dash to the form: "-Prokopim Paser-".
        for m in rx.finditer(RE_DASHED, text, doc=doc, name="institutions.dashed"):
            if m.group(1) in self.lex.surface:
                hits.append((m.start(1), m.end(1), m.group(1)))
        out = []
        party_context = None
        for s, e, form in hits:
            entry = self.lex.surface[form]
            if entry.context and form == entry.form:
                # PPP, PAN, PSI are also common abbreviations: a party needs a political text.
                if party_context is None:
                    party_context = bool(RE_PARTY_CONTEXT.search(text))
                if not party_context:
                    continue
            if entry.kind == "media" and form.isalpha() and not form.isupper() and RE_SENTENCE_START.search(text, 0, s):
                continue  # "Antara Februari dan Maret": a word, not the agency
            c = Cand(s, e, "institutions.gazetteer", entry, form, kind=entry.kind)
            if form == entry.form or (entry.acronym and form == entry.form.upper()):
                c.short = form
            if entry.takes == "suffix":
                c = self._suffix_name(text, c)
                if c is not None:
                    out.append(c)
                continue
            if entry.takes in ("name", "sector"):
                self._paren(text, c)
                named = self._head_name(text, c, places)
                if named is None and not (entry.standalone and form != entry.full):
                    continue
                c = named or c
            c = self._extend(text, c, places)
            if c is not None:
                c.priority = 1 if c.rule == "institutions.head_name" else 0
                out.append(c)
        for m in rx.finditer(self.re_media, text, doc=doc, name="institutions.media"):
            entry = self.lex.surface.get(m.group())
            out.append(Cand(m.start(), m.end(), "institutions.media", entry, m.group(), kind="media", priority=2))
        for m in rx.finditer(RE_DATELINE, text, doc=doc, name="institutions.dateline"):
            outlet = m.group(1).rstrip(".")
            if outlet in self.lex.surface:
                continue  # the gazetteer already has it
            if outlet.isupper() and len(outlet) > 3 or ".com" in outlet.lower():
                out.append(Cand(m.start(1), m.start(1) + len(outlet), "institutions.dateline", None, outlet,
                                kind="media", priority=2))
        return out

    # ---- choosing and joining ----------------------------------------------------------------
    def resolve(self, text: str, cands: list[Cand]) -> list[Cand]:
        cands.sort(key=lambda c: (c.start, -c.end, c.priority))
        kept: list[Cand] = []
        # Candidates come in start order, so every kept one starts at or before ``c``: only those
        # still open at ``c.start`` can hold or cross it. Keeping just those (a stack as deep as
        # the nesting) makes this linear; scanning all of ``kept`` was quadratic ("TNI-TNI-...").
        open_: list[Cand] = []
        for c in cands:
            open_ = [k for k in open_ if k.end > c.start]
            inside = [k for k in open_ if c.end <= k.end]
            if len(inside) < len(open_):  # one crosses c
                continue
            if inside:
                # A parent body named inside a longer name is a record of its own ("DPRD Kota Malang"
                # in "Komisi A DPRD Kota Malang"); the same unit read twice is not.
                k = inside[-1]
                if c.start == k.start or c.entry is None or c.entry.takes in ("name", "sector") \
                        or not (c.entry.standalone or c.tail):
                    continue
                if c.entry is k.entry or k.entry is not None and k.entry.takes == "name" and \
                        text[k.start:c.start].strip().rstrip(".") in (k.entry.form, *k.entry.variants):
                    continue  # "Angkasa Pura II" in "PT Angkasa Pura II" is the name itself
            kept.append(c)
            open_.append(c)
        kept.sort(key=lambda c: c.start)
        # A sub-unit followed by its parent: "Satreskrim Polres Ngawi", "TAPD Pemkab Bone".
        for a, b in zip(kept, kept[1:]):
            if (a.entry is not None and a.entry.takes == "region" and not a.region and not a.tail
                    and b.entry is not None and b.entry is not a.entry and b.entry.takes == "region"
                    and (b.region or b.tail) and a.kind in (b.kind, "government", "legislature")
                    and RE_JOIN.match(text[a.end:b.start])):
                a.parent, a.end, a.tail = b, b.end, text[b.start:b.end]
                a.rule = "institutions.parent"
        return kept

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        text = spans.doc_text(doc)
        places = {}
        for p in spans.payloads(doc, "places"):
            places.setdefault(p["start"], p)
        region_codes = [(p["start"], p["end"], (p.get("fields") or {}).get("code")) for p in spans.payloads(doc, "places")]
        kept = self.resolve(text, self.candidates(doc, text, places))
        kept += self._learned(doc, text, kept)
        kept.sort(key=lambda c: c.start)
        self._join_bare(kept)
        self._write(doc, text, kept, region_codes)
        return doc

    def _learned(self, doc: Doc, text: str, kept: list[Cand]) -> list[Cand]:
        """Later uses of an acronym the text defined: "... Indonesia (APJII)", then "APJII"."""
        out = []
        taken = [(c.start, c.end) for c in kept]
        for c in kept:
            if not c.learned:
                continue
            pat = rx.compile(r"(?<![\p{L}\p{N}])" + rx.regex.escape(c.learned) + r"(?![\p{L}\p{N}])")
            for m in rx.finditer(pat, text, doc=doc, name="institutions.acronym"):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                out.append(Cand(m.start(), m.end(), "institutions.acronym", c.entry, c.learned, short=c.learned,
                                kind=c.kind, parent=c))
        return out

    def _join_bare(self, kept: list[Cand]) -> None:
        """A bare unit joins the one record of that unit with a region, if there is exactly one;
        a shorter form of a name joins the one longer name that contains it."""
        by_base: dict[str, set[str]] = {}
        for c in kept:
            if c.parent is None and (c.region_key or c.tail):
                by_base.setdefault(c.base(), set()).add(c.key())
        for c in kept:
            if c.rule == "institutions.acronym" and c.parent is not None:
                c.joined = c.parent.key()
                continue
            c.joined = None
            national = c.entry is not None and c.entry.scope in ("national", "any", "international")
            if c.parent is None and not c.region_key and not c.tail and not national:
                # A bare "BPS" or "KPU" may be the national body, so only regional units join.
                keys = by_base.get(c.base(), set())
                if len(keys) == 1:
                    c.joined = next(iter(keys))
        # A shorter form of one longer name joins it: "Ikatan Pemuda Melayu" after "Ikatan Pemuda Melayu
        # Peduli Lingkungan (IPMPL)", "Komisi II" after "Komisi II DPR RI".
        longer = {c.key(): f" {_fold(c.head + ' ' + c.tail)} " for c in kept if c.named}
        for c in kept:
            if c.joined is None and c.named and not c.tail and len(c.base().split()) >= 2:
                hits = {k for k, full in longer.items() if k != c.key() and f" {c.base()} " in full}
                if len(hits) == 1:
                    c.joined = hits.pop()

    def _write(self, doc: Doc, text: str, kept: list[Cand], region_codes: list) -> None:
        groups: dict[str, list[Cand]] = {}
        for c in kept:
            if c.joined is None and c.parent is None and not c.tail and not c.named and c.entry is not None \
                    and not c.entry.standalone:
                continue  # a bare "Puskesmas", "PN", "Pemerintah Provinsi": no specific body
            groups.setdefault(c.joined or c.key(), []).append(c)
        for key, cs in groups.items():
            fields = self._fields(text, cs, region_codes)
            for c in cs:
                spans.add(doc, GROUP, c.start, c.end, rule=c.rule, key=key, fields=fields)

    def _fields(self, text: str, cs: list[Cand], region_codes: list) -> dict:
        forms: dict[str, bool] = {}  # form -> carries a region or number
        full_name, acronym, region, code, kind = None, None, None, None, "other"
        for c in cs:
            tail = (" " + c.tail) if c.tail else ""
            written = " ".join((c.head + tail).split())
            if c.short and c.short != c.head:
                forms.setdefault(" ".join((c.short + tail).split()), bool(tail))
            forms.setdefault(written, bool(tail))
            if c.entry is not None and c.base() == _fold(c.entry.full):
                full_name = full_name or " ".join((c.entry.full + tail).split())
                acronym = acronym or c.entry.acronym
            elif c.learned:
                full_name = full_name or written
                acronym = acronym or c.learned
            if c.region and region is None:
                region = c.region
                for s, e, cd in region_codes:
                    if cd and c.region_span and s < c.region_span[1] and c.region_span[0] < e \
                            and e == c.region_span[1]:  # "Batu" is not "Polsek Batu Sopang"'s place
                        code = cd
                        break
                else:
                    # The places component reads capitalised names only; a region written in lower
                    # case ("Satpol PP paser") takes the one region the region table names.
                    if c.region_span and text[c.region_span[0]:c.region_span[1]].islower() \
                            and RE_CODE.match(c.region_key):
                        code = c.region_key
            if kind == "other":
                kind = c.kind
        # The most specific form: with its region, in the short form the text uses, longest.
        name = max(forms, key=lambda f: (forms[f], bool(acronym) and f.startswith(acronym), len(f)))
        return {"name": name, "acronym": acronym, "full_name": full_name,
                "aliases": [f for f in forms if f != name], "kind": kind,
                "region": region, "region_code": code}


def _title_case(line: str) -> bool:
    """True for a headline-style line where nearly every word is capitalised.

    >>> _title_case("PT Migas Bekasi Akhirnya Balik Modal dan Setor Dividen"), _title_case("Dinas Pendidikan menerima dana")
    (True, False)
    """
    words = [w for w in line.split() if w[:1].isalpha()]
    if not 4 <= len(words) <= 20 or line.rstrip().endswith((".", "!", "?", '"', "”", ":", ",")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


@Language.factory("berita_institutions")
def make_institutions(nlp: Language, name: str) -> InstitutionsFinder:
    return InstitutionsFinder(nlp)
