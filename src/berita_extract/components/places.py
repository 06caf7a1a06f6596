"""Component `berita_places`: finds places and writes ``doc.spans["places"]``.

What counts as a place (../shared/corpus/GUIDELINES.md), and how each is found:

- provinces, regencies and cities: a PhraseMatcher (attr LOWER) over every form in
  ``models/regions.csv``, kept only where the text capitalizes the name ("Paser", "Bupati Paser",
  "KALTIM"; not "paser"). Names shared by several regions are resolved by a prefix or title
  ("Kota", "Bupati", ``models/sources/place_context.csv``), by a region of the same name named
  unambiguously elsewhere, by the provinces the text names, else province > city > regency
  (:func:`berita_extract.gazetteer.choose`). Common-word names ("Batu", "Bone",
  ``place_common_names.csv``) need such context; ``place_stop_phrases.csv`` lists phrases that
  are no region ("Polda Metro Jaya"); names inside company names ("PT Bumi Asri Pasaman") and in
  "Baca juga" link lines are skipped;
- districts and villages: after a marker ("Kecamatan Mandau", "Desa Muntai", "Camat Mandau",
  "Kampung Melayu"), or bare when they lie in a regency or city the text names ("di Bantan");
  their code only when the text places them (a village name repeats across Indonesia);
- areas named after a region ("Malang Raya"; "Denpasar Utara" is a district);
- countries and large areas (``models/sources/countries.csv``), not inside a longer proper
  name ("Bank Indonesia", "Warga Negara Indonesia");
- venues opened by a head word (``models/sources/venue_heads.csv``): "Novotel Balikpapan"
  (from "Ballroom Novotel Balikpapan", kept as an alias), "Gedung Bathin Betuah", "Kantor Camat
  Mandau" (Kantor only after di/ke/dari...);
- the dateline place ("BALIKPAPAN, NOMORSATUKALTIM -", "DURI -"), title-cased, even when no
  gazetteer has it.

Every mention of one region shares one key, its Kemendagri code, so "Kaltim" and "Kalimantan
Timur" become one record; other places are keyed by level and normalized name. A record's name
is the fullest form written, without an administrative prefix unless two records would share it
("Kota Cirebon" and "Kabupaten Cirebon").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional

import regex
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from .. import gazetteer as gz
from .. import rx, spans
from ..resources import read_table

GROUP = "places"

# Words before a country name that make it part of a proper name ("Bank Indonesia") are
# capitalized; these capitalized function words do not.
_FUNCTION_WORDS = frozenset(
    "di ke dari dan untuk bagi pada seluruh se antara oleh dengan atas dalam luar asal wilayah "
    "kawasan daerah masyarakat warga rakyat bangsa timnas tim atau yang ini itu".split()
)
_LANGUAGE_WORDS = frozenset("bahasa suku orang etnis budaya".split())
# A venue-like name after these words names a programme ("program Taman Asuh Anak"), not a place.
_PROGRAMME_WORDS = frozenset("program gerakan aplikasi inovasi".split())
_COUNT = regex.compile(r"[ ]+(?P<word>[a-z]+)")
# "Jalan Bundo Kanduang No. 20", "Dusun Krajan RT 03": the name ends before a house or block number.
_HOUSE_NUMBER = frozenset(("no", "nomor", "no.", "rt", "rw", "rt.", "rw.", "rt/rw", "lantai", "lt."))
# A street, hamlet or open-air spot ends before its town: "Jl. Dahlia Kota Samarinda" is Jl. Dahlia in
# Samarinda (a building may carry its town in its name: "Pendopo Kabupaten Bangkalan").
# Stations and ports keep theirs ("Stasiun Jakarta Kota").
_STREET_HEADS = frozenset("jalan jl. jln. dusun pantai pulau gunung sungai danau".split())
_TOWN_MARKERS = frozenset(("kota", "kabupaten", "kab.", "provinsi"))
# A line holding nothing but a venue-like name is a subheading or a list item ("Hotel Berbintang").
# "Dusun Krajan Desa Waung": a village or district marker inside a venue's name starts the next place
# (but "Kantor Kepala Desa X", "Balai Desa X" keep it).
_LOWER_MARKERS = frozenset(("desa", "kelurahan", "kecamatan", "kec.", "kel."))
_KEEP_MARKER_AFTER = frozenset(("kepala", "balai", "kantor", "aula", "lurah", "camat"))
# Before a capitalized word that merely opens a sentence ("Tinggi Gunung Kelud ...").
_SENTENCE_START = regex.compile(r"(?:^|[.!?]\s|\n\s*)$")
_NUMBER = regex.compile(r"\d[\d.,]*")
_LINE_START = regex.compile(r"(?:^|\n)[ \t]*(?:[-•*·–][ \t]*|\d+[.)][ \t]*)?$")
_LINE_END = regex.compile(r"[ \t]*(?:\n|$)")
# Words that stop a venue or district name: days, months, times.
_STOP_WORDS = frozenset(
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari maret april mei juni juli "
    "agustus september oktober november desember pukul wib wita wit tahun sejak pada saat".split()
)
_COMPANY_WORDS = frozenset(("PT", "CV", "UD", "PD", "Perumda", "Perseroda"))
# Lower-case words between a room head and its name: "ruang sidang DPRD Bangli", "Ruang rapat Wali Kota".
_ROOM_WORDS = "rapat|sidang|utama|kerja|pertemuan|paripurna|tunggu|serbaguna"
_ACRONYM = regex.compile(r"[A-Z]{2,6}")
_COMPANY = regex.compile(r"\b(?:PT|CV|UD|PD|Perumda|Perseroda|BUMD|BUMDes)(?: [A-Z][\w&.-]*)*[ ]$")
_ROMAN = regex.compile(r"[IVX]+|[A-Z]")
_LOCATIVE = frozenset("di ke dari depan halaman menuju dalam lokasi sekitar area kawasan seputaran "
                      "belakang samping".split())
_ADMIN_PREFIX = rx.compile(
    r"^(?i:provinsi|prov\.?|kabupaten|kab\.?|kota|kecamatan|kec\.?|kelurahan|kel\.|desa)\s+(?=\S)"
)
_ADMIN_MARKERS = frozenset(("kecamatan", "kec", "desa", "kelurahan", "kel"))
_PREFIX_OF_LEVEL = {"province": "Provinsi", "regency": "Kabupaten", "city": "Kota",
                    "district": "Kecamatan", "village": "Desa"}
_NAME_WORD = r"(?:[A-Z](?:\.[A-Z])*\.(?= [A-Z])|[A-Z0-9][\w'’]*(?:[.\-/][\w'’]+)*)"
_TOWN = rx.compile(r"\b(?:di|ke|dari) (?P<town>Kota (?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?))(?![\w])")
# Links to other articles ("Baca juga: ...") name places of other stories.
_BOILERPLATE = rx.compile(r"(?im)^[ \t]*(?:baca|lihat|simak|tonton)(?:[ \t]+juga)?[ \t]*:?[^\n]*")
_CAP_WORD = rx.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’]*(?![\w'’-])")
_AREA_SUFFIX = regex.compile(r" (?:Raya|Timur|Barat|Utara|Selatan|Tengah)(?![\w-])")
_CONTINUES = regex.compile(r" [A-Z]")
_LAST_WORD = regex.compile(r"\w+")
_DATELINE = rx.compile(
    r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'’]+(?:[ ][A-Z][A-Z'’]+){0,2})[ \t]*"
    r"(?:,[ \t]*(?P<outlet>[^\n,]{2,40}?)[ \t]*)?[-–—]{1,2}[ \t]"
)


def _key(text: str) -> str:
    return " ".join(text.replace(".", " ").replace("-", " ").casefold().split())


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _capitalized(text: str) -> bool:
    """Every word of the name part starts with a capital ("Paser", "kota Bandung" yes; "paser" no)."""
    words = _ADMIN_PREFIX.sub("", text).replace("-", " ").split()
    return bool(words) and _is_cap(words[0]) and all(_is_cap(w) or w in ("dan", "di") for w in words)


def bare(text: str) -> str:
    """``text`` without an administrative prefix.

    >>> bare("Kabupaten Paser"), bare("Kec. Mandau"), bare("Kota")
    ('Paser', 'Mandau', 'Kota')
    """
    return _ADMIN_PREFIX.sub("", text)


@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    level: str
    code: Optional[str] = None
    province_code: Optional[str] = None
    name: str = ""
    key: str = ""
    forms: list[str] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """Lower-case form -> (name, level): countries.csv, then places abroad (foreign_places.csv)."""
    out = {}
    for row in [*read_table("sources/countries.csv"), *read_table("sources/foreign_places.csv")]:
        for form in [row["name"], *filter(None, row["aliases"].split(";"))]:
            out.setdefault(form.lower(), (row["name"], row["level"]))
    return out


@functools.lru_cache(maxsize=1)
def _foreign_titles() -> frozenset[str]:
    """Offices and bodies written before a country's name ("Presiden AS", "Kedubes Jepang"), case-folded."""
    return frozenset(_key(r["form"]) for r in read_table("sources/foreign_titles.csv"))


def _after_foreign_title(doc: Doc, i: int) -> bool:
    """True if the 1-4 words before token ``i`` end in an office or body of foreign_titles.csv."""
    for n in (4, 3, 2, 1):
        words = doc[max(0, i - n):i]
        if len(words) == n and all(t.is_alpha for t in words) and _key(words.text) in _foreign_titles():
            return True
    return False


@functools.lru_cache(maxsize=1)
def _ranks() -> frozenset[str]:
    """Single-word police and military ranks: a rank ends a venue ("Pelabuhan X AKP Budi")."""
    return frozenset(r["form"] for r in read_table("ranks.csv") if " " not in r["form"] and r["service"] != "corps")


@functools.lru_cache(maxsize=1)
def _stop_phrases() -> tuple[str, ...]:
    return tuple(_key(r["phrase"]) for r in read_table("sources/place_stop_phrases.csv"))


def _starts_stop_phrase(text: str, start: int) -> bool:
    """True if ``text`` at ``start`` opens a phrase of place_stop_phrases.csv ("Metro Jaya")."""
    head = _key(text[start:start + 40])
    return any(head.startswith(p) and (len(head) == len(p) or not head[len(p)].isalnum()) for p in _stop_phrases())


@functools.lru_cache(maxsize=1)
def _venue_heads() -> tuple[regex.Pattern, dict[str, str]]:
    rows = read_table("sources/venue_heads.csv")
    kinds = {_key(r["head"]): r["kind"] for r in rows}
    kinds.update({"!" + _key(r["head"]): "" for r in rows if r["after_capital"] == "no"})
    alts = []
    for r in sorted(rows, key=lambda r: -len(r["head"])):
        head = regex.escape(r["head"])
        if r["lower"] == "yes":
            head = f"(?:{head}|{regex.escape(r['head'].lower())})"
        alts.append(head)
    # A head that opens a venue of its own ends the name before it ("Ruang Pola X Kantor Gubernur Y");
    # heads that also occur inside names ("Stasiun Tugu", "Gedung Graha Bhakti") do not.
    capital = "|".join(regex.escape(r["head"]) for r in sorted(rows, key=lambda r: -len(r["head"]))
                       if r["after_capital"] == "yes")
    word = rf"(?!(?:{capital})(?![\w]))(?:{_NAME_WORD})"
    pattern = rx.compile(
        rf"(?<![\w-])(?P<head>{'|'.join(alts)})(?:[ ](?:{_ROOM_WORDS}))?(?P<name>(?:[ ]{word}){{1,7}})"
    )
    return pattern, kinds


@functools.lru_cache(maxsize=1)
def _marker_pattern() -> regex.Pattern:
    words = sorted((w for w, lvl in _context_words_written().items() if lvl in ("district", "village")),
                   key=len, reverse=True)
    alts = "|".join(regex.escape(w) for w in words)
    admin = "|".join(regex.escape(w) for w in sorted(
        (w for w, lvl in _context_words_written().items() if lvl != "any"), key=len, reverse=True))
    word = rf"(?!(?:{admin})(?![\w]))(?:{_NAME_WORD})"
    return rx.compile(rf"(?<![\w-])(?P<marker>(?i:{alts}))[ ]+(?P<name>{word}(?:[ ]{word}){{0,3}})")


@functools.lru_cache(maxsize=1)
def _context_words_written() -> dict[str, str]:
    return {row["word"]: row["level"] for row in read_table("sources/place_context.csv")}


class PlacesFinder:
    """Finds regions, districts, villages, countries, venues and the dateline place."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.forms: dict[str, tuple[str, ...]] = {}
        for form, codes in gz.alias_forms().items():
            low = form.lower()
            merged = self.forms.setdefault(low, ())
            self.forms[low] = merged + tuple(c for c in codes if c not in merged)
        for low in _countries():
            self.forms.setdefault(low, ())
        for low, docs in zip(self.forms, nlp.tokenizer.pipe(self.forms)):
            self.matcher.add(low, [docs])
        self.common = gz.common_names()
        self.ctx = gz.context_words()

    # ------------------------------------------------------------ helpers
    def _context_before(self, doc: Doc, i: int) -> Optional[str]:
        """Level implied by the 1-3 words before token ``i`` ("Bupati", "Wali Kota"), else None."""
        for n in (3, 2, 1):
            if i - n < 0:
                continue
            words = doc[i - n:i]
            if any(t.is_punct and t.text != "." for t in words):
                continue
            level = self.ctx.get(_key(words.text))
            if level:
                return level
        return None

    def __call__(self, doc: Doc) -> Doc:
        spans.ensure_group(doc, GROUP)
        text = spans.doc_text(doc)
        cands: list[_Cand] = []

        def free(s: int, e: int) -> bool:
            return not any(mask[s:e])

        def take(items) -> None:
            for c in items:
                mask[c.start:c.end] = b"\x01" * (c.end - c.start)

        mask = bytearray(len(text))

        # Districts and villages marked by a word ("Kecamatan Mandau") come first: they win over a
        # namesake regency ("Kecamatan Bengkalis" is not the regency Bengkalis).
        lower_marked = list(rx.finditer(_marker_pattern(), text, doc=doc, name="places.marker"))

        # Regions and countries: longest non-overlapping matches.
        region_hits = []
        areas = []
        for sp in filter_spans(self.matcher(doc, as_spans=True)):
            written = sp.text
            if not _capitalized(written):
                continue
            codes = self.forms.get(sp.label_, ())
            if not codes:
                if self._country_ok(doc, sp):
                    name, level = _countries()[sp.label_]
                    if written.isupper() and len(written) <= 3 and not _after_foreign_title(doc, sp.start) \
                            and name.casefold() not in text.casefold():
                        continue  # "AS" alone is as often a person's initials ("tersangka AS")
                    cands.append(_Cand(sp.start_char, sp.end_char, "places.country", level, name=name,
                                       key=f"{level}|{_key(name)}", forms=[written]))
                continue
            if _in_company_name(doc, sp.start) or _starts_stop_phrase(text, sp.start_char) \
                    or _in_foreign_name(doc, sp):
                continue
            area = _AREA_SUFFIX.match(text, sp.end_char)
            if area and not gz.split_context(written)[0]:
                # "Malang Raya", "Bali Timur": an area named after the region, not the region itself.
                areas.append((sp.start_char, area.end(), _display(written) + area.group(0), codes))
                continue
            ctx_in = gz.split_context(written)[0]
            ctx_before = self._context_before(doc, sp.start)
            region_hits.append((sp, written, codes, ctx_in or ctx_before))

        anchors, explicit = set(), set()
        for sp, written, codes, ctx in region_hits:
            if len(codes) == 1 and (ctx or _key(bare(written)) not in self.common and not _acronym_alias(written, codes)):
                anchors.add(codes[0])
                if ctx:
                    explicit.add(codes[0])
            elif len(codes) > 1 and ctx in gz.LEVELS_1_2:
                reg = gz.choose([gz.regions()[c] for c in codes], level=ctx)
                if reg:
                    explicit.add(reg.code)
        within = sorted(anchors | {c.split(".")[0] for c in anchors})

        title_end = _title_line_end(text)
        # Districts first: "Kelurahan Kelapa Dua, Kecamatan Cimanggis" finds the village in the district.
        marked = sorted(lower_marked, key=lambda m: self.ctx.get(_key(m.group("marker"))) != "district")
        lower_within = list(within)
        for m in marked:
            cand = self._lower(m, lower_within)
            if cand and (cand.code or m.start() >= title_end) and free(cand.start, cand.end):
                cands.append(cand)
                take([cand])
                if cand.code and cand.level == "district":
                    lower_within.append(cand.code)

        for start, end, name, codes in areas:
            if not free(start, end):
                continue
            # "Denpasar Utara" is a district of Denpasar; "Malang Raya" an area (level other).
            inside = [r for r in gz.lookup_lower(name, "district") if any(r.within(c) for c in codes)]
            if inside:
                reg = inside[0]
                cand = _Cand(start, end, "places.area", "district", reg.code, reg.province_code, key=reg.code,
                             forms=[name])
            else:
                cand = _Cand(start, end, "places.area", "other", name=name, key=f"other|{_key(name)}", forms=[name])
            cands.append(cand)
            take([cand])

        regs = gz.regions()
        deferred, acronyms = [], []
        for sp, written, codes, ctx in region_hits:
            if not free(sp.start_char, sp.end_char):
                continue
            if ctx in ("district", "village"):
                ctx = None
            reg = gz.choose([regs[c] for c in codes], level=ctx if ctx in gz.LEVELS_1_2 else None,
                            within=within, prefer=explicit)
            if reg is None:
                continue
            cand = _Cand(sp.start_char, sp.end_char, "places.region", reg.level, reg.code, reg.province_code,
                         key=reg.code, forms=[written])
            if _key(bare(written)) in self.common and not ctx:
                deferred.append(cand)  # a common word: a place only if the region has context elsewhere
            elif _acronym_alias(written, codes) and not ctx:
                acronyms.append(cand)  # "KTT" of "KTT APEC": the regency only if the text names it otherwise
            else:
                cands.append(cand)
        sure = {c.code for c in cands if c.code}
        joined = {(c.start, c.end) for c in cands if c.code}
        cands += [c for c in deferred
                  if (c.code in sure and _after_function_word(text, c.start)) or _joined(text, c, joined)]
        cands += [c for c in acronyms if c.code in sure]
        take(cands)

        venues = self._venues(doc, text)
        cands += self._known_districts(doc, anchors, free, {v.end for v in venues}, text)
        take(cands)
        cands += self._dateline(doc, text, within, free)
        cands += self._other_towns(doc, text, free)
        # A venue head that also opens a region's or country's name ("Gunung Putri", "Sungai Penuh",
        # "Pantai Gading U17") is that place.
        cands += [v for v in venues if not all(mask[v.start:v.start + len(" ".join(text[v.start:v.end].split(" ")[:2]))])]
        skip = [m.span() for m in rx.finditer(_BOILERPLATE, text, doc=doc, name="places.boilerplate")]
        self._emit(doc, [c for c in cands if not any(a <= c.start < b for a, b in skip)])
        return doc

    def _country_ok(self, doc: Doc, sp) -> bool:
        """A country or area name that is not part of a longer proper name ("Bank Indonesia")."""
        prev = doc[sp.start - 1] if sp.start > 0 else None
        nxt = doc[sp.end] if sp.end < len(doc) else None
        if prev is not None and prev.is_alpha and prev.lower_ in _LANGUAGE_WORDS:
            return False
        if _after_foreign_title(doc, sp.start):
            return True  # "Presiden AS Donald Trump", "Kedubes Jepang": a place inside a title or body
        if prev is not None and prev.is_alpha and _is_cap(prev.text) and prev.lower_ not in _FUNCTION_WORDS \
                and prev.idx + len(prev.text) == sp.start_char - 1 and "\n" not in prev.whitespace_:
            return False
        if nxt is not None and nxt.is_alpha and _is_cap(nxt.text) and nxt.idx == sp.end_char + 1:
            return False
        return True

    def _lower(self, m, within) -> Optional[_Cand]:
        """A district or village after its marker word, resolved in the regions the text names."""
        marker = m.group("marker")
        level = gz.context_words().get(_key(marker))
        words = m.group("name").split(" ")
        cut = len(words)
        for i, w in enumerate(words):
            # "Desa Yeh Kuning 10 jiwa", "Kampung Naringgul RT 03": numbers and acronyms end the name.
            if _key(w) in _STOP_WORDS or _key(w) in self.ctx or (i and (w[:1].isdigit() or w.isupper())):
                cut = i
                break
        words = [w.rstrip(".,") if j == cut - 1 else w for j, w in enumerate(words[:cut])]
        if not words or not words[0]:
            return None
        if words[0] == "Adat" and len(words) > 1:
            words = words[1:]  # "Desa Adat Gumantar"
        if _starts_stop_phrase(m.string, m.start()):
            return None  # "Kampung Pancasila" is a programme
        before = m.string[max(0, m.start() - 12):m.start()]
        if before.endswith("/") or before.rstrip().endswith("Koperasi"):
            return None  # "Koperasi Desa/Kelurahan Merah Putih" is a programme, not a village
        tries = []
        if marker.lower() in ("kampung", "gampong", "nagari"):
            tries += [(f"{marker.capitalize()} {' '.join(words[:n])}", n) for n in range(len(words), 0, -1)]
        tries += [(" ".join(words[:n]), n) for n in range(len(words), 0, -1)]
        keep_marker = _key(marker) in _ADMIN_MARKERS or marker.lower() in ("kampung", "gampong", "nagari")
        offset = m.string.index(words[0], m.start("name"))

        def cand(n: int, reg: Optional[gz.Region], name: str) -> _Cand:
            end = offset + len(" ".join(words[:n]))
            written = m.string[offset:end]
            start = offset
            if keep_marker:
                written, start = marker + " " + " ".join(words[:n]), m.start()
            if reg is not None:
                return _Cand(start, end, "places.lower_marked", level, reg.code, reg.province_code,
                             key=reg.code, forms=[written])
            return _Cand(start, end, "places.lower_marked", level, key=f"{level}|{_key(name)}", forms=[written])

        unique_full = None
        for name, n in tries:
            found = gz.lookup_lower(name, level, within)
            inside = [r for r in found if any(r.within(w) for w in within)]
            if inside:
                return cand(n, inside[0], name)
            if found and n == len(words) and unique_full is None:
                unique_full = (n, found[0] if len(found) == 1 and not within else None, name)
        if unique_full:
            return cand(*unique_full)
        if marker[:1].isupper() and keep_marker and _key(marker) not in _ADMIN_MARKERS:
            # "Kampung Ambon, Cengkareng": a neighbourhood named after a region, not the region.
            for name, n in tries:
                if n == len(words) and gz.lookup(name):
                    return cand(n, None, f"{marker} {name}")
        # Not in the list (or not where the text is): a strong marker still names a place.
        if _key(marker) in _ADMIN_MARKERS:
            n = min(len(words), 3)
            return cand(n, None, " ".join(words[:n]))
        return None

    def _other_towns(self, doc: Doc, text: str, free) -> list[_Cand]:
        """"di Kota Duri": a town that is no city of the gazetteer (level other)."""
        out = []
        for m in rx.finditer(_TOWN, text, doc=doc, name="places.town"):
            name = m.group("name")
            s, e = m.span("town")
            if free(s, e) and not gz.lookup(name) and _key(name) not in _STOP_WORDS:
                out.append(_Cand(s, e, "places.town", "other", name=name, key=f"other|{_key(name)}",
                                 forms=[m.group("town")]))
        return out

    def _known_districts(self, doc: Doc, anchors, free, venue_ends=frozenset(), text=None) -> list[_Cand]:
        """Bare capitalized names of districts and villages inside regions the text names ("di Bantan").

        Districts of a named regency or city count after a locative or function word, a comma, or at
        the end of a venue's name ("Rutan Kelas II B Manna"); villages of a named regency or city and
        districts of a named province count only right after di/ke/dari/kawasan...
        """
        regencies = {c for c in anchors if "." in c}
        provinces = {c for c in anchors if "." not in c}
        if not anchors:
            return []

        def lookup(k: str, weak: bool) -> Optional[str]:
            for code in gz.lower_codes(k, "district"):
                if code.rsplit(".", 1)[0] in regencies or (weak and code.split(".", 1)[0] in provinces):
                    return code
            if weak:
                for code in gz.lower_codes(k, "village"):
                    if code.rsplit(".", 2)[0] in regencies or code.split(".", 1)[0] in provinces:
                        return code
            return None

        text = spans.doc_text(doc) if text is None else text
        words = [(m.start(), m.end()) for m in rx.finditer(_CAP_WORD, text, doc=doc, name="places.cap_words")]
        out = []
        i = 0
        while i < len(words):
            hit = None
            start = words[i][0]
            before = text[max(0, start - 25):start]
            prev = "," if before.rstrip().endswith(",") else (_LAST_WORD.findall(before) or [""])[-1].lower()
            loose = prev in _LOCATIVE or prev in _FUNCTION_WORDS or prev == ","
            for n in (3, 2, 1):
                if i + n > len(words) or any(words[j + 1][0] != words[j][1] + 1 for j in range(i, i + n - 1)):
                    continue
                end = words[i + n - 1][1]
                k = _key(text[start:end])
                if k in self.common or not free(start, end) or _CONTINUES.match(text, end):
                    continue  # "Selat Bali" is not the district Selat
                code = lookup(k, weak=prev in _LOCATIVE) if loose or end in venue_ends else None
                if code is not None:
                    hit = (n, end, gz.region(code))
                    break
            if hit:
                n, end, reg = hit
                out.append(_Cand(start, end, "places.known_lower", reg.level, reg.code, reg.province_code,
                                 key=reg.code, forms=[text[start:end]]))
                i += n
            else:
                i += 1
        return out

    def _dateline(self, doc: Doc, text: str, within, free) -> list[_Cand]:
        """The all-caps place before the outlet and dash at the start of the body."""
        m = rx.search(_DATELINE, text, 0, min(len(text), 600), doc=doc, name="places.dateline")
        if not m:
            return []
        s, e = m.span("place")
        if not free(s, e):
            return []
        written = m.group("place")
        name = " ".join(w.capitalize() for w in written.split())
        found = gz.lookup_lower(name, "district", within) or gz.lookup_lower(name, "village", within)
        if not m.group("outlet") and not found:
            return []  # "PENGUMUMAN -" is a label, not a place
        # A district or village code only where it lies in a region the text names ("DURI" is no code).
        reg = found[0] if found and any(found[0].within(w) for w in within) else None
        if reg is not None:
            return [_Cand(s, e, "places.dateline", reg.level, reg.code, reg.province_code, name=name, key=reg.code,
                          forms=[name])]
        return [_Cand(s, e, "places.dateline", "other", name=name, key=f"other|{_key(name)}", forms=[name])]

    def _venues(self, doc: Doc, text: str) -> list[_Cand]:
        """Venues opened by a head word of venue_heads.csv ("Gedung Bathin Betuah")."""
        pattern, kinds = _venue_heads()
        title_end = _title_line_end(text)
        out = []
        last_end = None
        for m in rx.finditer(pattern, text, doc=doc, name="places.venue"):
            if m.start() < title_end:
                continue
            head = m.group("head")
            kind = kinds[_key(head)]
            words = m.group("name").split(" ")[1:]
            cut = len(words)
            for i, w in enumerate(words):
                if _key(w.rstrip(".,")) in _STOP_WORDS or (i and w.lower() in _HOUSE_NUMBER):
                    cut = i
                    break
                if i and (w.lower() in _TOWN_MARKERS and head.lower() in _STREET_HEADS or w in _ranks()):
                    cut = i
                    break
                if i and w.lower() in _LOWER_MARKERS and words[i - 1].lower() not in _KEEP_MARKER_AFTER \
                        and head.lower() not in _KEEP_MARKER_AFTER:
                    cut = i
                    break
            words = words[:cut]
            count = _COUNT.match(text, m.start("name") + 1 + len(" ".join(words)))
            if len(words) > 1 and _NUMBER.fullmatch(words[-1]) and count and count.group("word") not in _FUNCTION_WORDS:
                words = words[:-1]  # "Bandara Juanda 42 orang": a count ("Jalan Melati 2 dan ..." is a street)
            if words and words[-1].endswith((".", ",")) and len(words[-1]) > 3:
                words[-1] = words[-1].rstrip(".,")
            if not words or not any(w[:1].isupper() for w in words):
                continue
            if all(_ROMAN.fullmatch(w) or w.isdigit() for w in words):
                continue  # "Pura II": no name
            before = text[max(0, m.start() - 30):m.start()].split()
            prev = before[-1] if before else ""
            after_room = _key(prev) in kinds and kinds[_key(prev)] == "room"
            apposition = last_end is not None and text[last_end:m.start()].strip() in (",", "")
            if "!" + _key(head) in kinds and prev[:1].isupper() and prev.lower() not in _FUNCTION_WORDS | _LOCATIVE \
                    and not _SENTENCE_START.search(text, max(0, m.start() - len(prev) - 4), m.start() - len(prev) - 1):
                continue  # inside a longer name: "Dinas Penataan Ruang", "Tinjauan Lapangan"
            if prev.lower() in _PROGRAMME_WORDS or _starts_stop_phrase(text, m.start()):
                continue
            if kind == "locative" and prev.lower() not in _LOCATIVE and not apposition and not after_room:
                continue
            if prev == "dan" and len(before) > 1 and _key(before[-2]) in kinds:
                continue  # "UPTD Jalan dan Jembatan Dinas PU" is one body's name
            if _COMPANY.search(text[max(0, m.start() - 40):m.start()]):
                continue  # "PT Orbit Terminal Merak" is a company
            start = m.start()
            end = m.start("name") + 1 + len(" ".join(words))
            if _LINE_START.search(text, max(0, start - 12), start) and _LINE_END.match(text, end):
                continue  # a subheading or list item, not a mention in a sentence
            name = text[start:end]
            forms = [name]
            if kind in ("room", "host"):
                # "Posko Induk Banjir Lapangan Helipad X": the venue is the one named inside (a head
                # that may follow a capital word, so the pattern ran on through it); the whole is an alias.
                inner = next((i for i, w in enumerate(words[:-1]) if kinds.get(_key(w)) == "venue"), None)
                if inner is not None:
                    start = m.start("name") + 1 + len(" ".join(words[:inner])) + (1 if inner else 0)
                    name = text[start:end]
                    words = words[inner:]
                elif kind == "host":
                    continue  # "Posko Induk Banjir" alone names no venue
            if kind == "venue" and len(words) >= 3 and _ACRONYM.fullmatch(words[-1]) \
                    and not any(_ACRONYM.fullmatch(w) for w in words[:-1]):
                name = text[start:end - len(words[-1]) - 1]  # "Gedung Merah Putih KPK" is Gedung Merah Putih
            if after_room and out and out[-1].end == start - 1:
                room = out.pop()  # "Ballroom Novotel Balikpapan": the venue is Novotel Balikpapan
                forms.append(text[room.start:end])
            elif after_room:
                forms.append(text[start - 1 - len(prev):end])
            out.append(_Cand(start, end, "places.venue", "venue", name=name, key=f"venue|{_key(name)}", forms=forms))
            last_end = end
        return out

    def _emit(self, doc: Doc, cands: list[_Cand]) -> None:
        """One record per key: name = fullest bare written form; namesakes keep their prefix."""
        by_key: dict[str, list[_Cand]] = {}
        for c in sorted(cands, key=lambda c: c.start):
            by_key.setdefault(c.key, []).append(c)
        names = {}
        for key, group in by_key.items():
            names[key] = _record_name(group)
        clash: dict[str, list[str]] = {}
        for key, name in names.items():
            clash.setdefault(_key(bare(name)), []).append(key)
        for keys in clash.values():
            if len(keys) > 1:
                for key in keys:
                    c = by_key[key][0]
                    if c.level in _PREFIX_OF_LEVEL and c.code:
                        names[key] = f"{_PREFIX_OF_LEVEL[c.level]} {bare(names[key])}"
        for key, group in by_key.items():
            forms = []
            for c in group:
                forms += [_display(f) for f in c.forms if _display(f) not in forms]
            first = group[0]
            fields = {"name": names[key], "aliases": forms, "level": first.level, "code": first.code,
                      "province_code": first.province_code}
            for i, c in enumerate(group):
                spans.add(doc, GROUP, c.start, c.end, rule=c.rule, key=key, fields=fields, primary=i == 0)


def _display(form: str) -> str:
    """All-caps forms longer than an acronym read as title case ("BALIKPAPAN" -> "Balikpapan")."""
    if form.isupper() and len(form.replace(" ", "")) > 4:
        return " ".join(w.capitalize() for w in form.split())
    return form


def _record_name(group: list[_Cand]) -> str:
    if group[0].name and group[0].level in ("venue", "country", "other") \
            and group[0].rule not in ("places.dateline", "places.country"):
        return group[0].name
    # Regions and countries: the fullest form written ("AS" alone stays "AS", as the text has it).
    forms = [_display(bare(f)) for c in group for f in c.forms]
    forms = [f for f in forms if f] or [group[0].name]
    # Fullest form: most words, then longest; a written name beats an all-caps or acronym one.
    return max(forms, key=lambda f: (not f.isupper(), len(f.split()), len(f)))


def _in_foreign_name(doc: Doc, sp) -> bool:
    """True for a region's name between a foreign country or area and a capitalized word: a foreign
    person's name ("Komisioner Uni Eropa Maros Sefcovic", "Menlu Jepang Sorong Takeshi")."""
    nxt = doc[sp.end] if sp.end < len(doc) else None
    if nxt is None or not (nxt.is_alpha and nxt.text[:1].isupper()) or "\n" in doc[sp.end - 1].whitespace_:
        return False
    for n in (3, 2, 1):
        before = doc[max(0, sp.start - n):sp.start]
        if len(before) == n and all(t.is_alpha and "\n" not in t.whitespace_ for t in before) \
                and before.text.lower() in _countries() and before.text.lower() != "indonesia":
            return True
    return False


def _acronym_alias(written: str, codes: tuple[str, ...]) -> bool:
    """True for an all-caps alias of a regency or city ("KTT", "PPU", "HSU"): such letters also abbreviate
    other things ("KTT" is a summit), so they name the region only with a title or prefix before them or
    where the text names the region in another form. Province acronyms ("NTB", "DIY") name theirs.

    >>> _acronym_alias("KTT", ("65.04",)), _acronym_alias("NTB", ("52",)), _acronym_alias("Paser", ("64.01",))
    (True, False, False)
    """
    return written.isupper() and len(written) <= 5 and all("." in c for c in codes) \
        and all(gz.regions()[c].name.casefold() != written.casefold() for c in codes if c in gz.regions())


def _in_company_name(doc: Doc, i: int) -> bool:
    """True if token ``i`` ends a capitalized run opened by PT/CV/UD ("PT Bumi Asri Pasaman")."""
    for j in range(i - 1, max(-1, i - 6), -1):
        tok = doc[j]
        if tok.text in _COMPANY_WORDS:
            return True
        if not (tok.is_alpha and tok.text[:1].isupper()):
            return False
    return False


def _joined(text: str, cand: _Cand, regions: set[tuple[int, int]]) -> bool:
    """True if ``cand`` is joined by "-" or "/" to a sure region: "Kodim 0818/Malang-Batu" names Batu."""
    ends = {e for _, e in regions}
    starts = {s for s, _ in regions}
    before = cand.start > 0 and text[cand.start - 1] in "-/" and cand.start - 1 in ends
    after = text[cand.end:cand.end + 1] in ("-", "/") and cand.end + 1 in starts
    return bool(before or after)


def _after_function_word(text: str, start: int) -> bool:
    before = text[max(0, start - 20):start].split()
    return bool(before) and before[-1].lower() in _FUNCTION_WORDS | _LOCATIVE


def _title_line_end(text: str) -> int:
    """End of the first line if it reads as a Title-Cased headline, else 0."""
    end = text.find("\n")
    if end <= 0:
        return 0
    words = [w for w in text[:end].split() if w[:1].isalpha()]
    # A headline is short; a whole first paragraph in a title-casing house style is body text.
    if 4 <= len(words) <= 30 and sum(w[:1].isupper() for w in words) / len(words) >= 0.6:
        return end
    return 0


@Language.factory("berita_places")
def make_places(nlp: Language, name: str) -> PlacesFinder:
    return PlacesFinder(nlp)
