"""Links between records, filled after assembly from the records and the article text.

One pass over an assembled :class:`~berita_extract.records.Article` (records and character
offsets, not tokens) that fills:

- amounts: ``recipient`` (+ ``recipient_type``, ``recipient_key``), ``payer``, ``role`` and
  ``converted_from``; an amount record whose mentions name different recipients is split, one
  record per distinct sum and recipient;
- scores: ``area`` (perkotaan/perdesaan), ``region`` (clause, sentence, then the article's own
  place, ``Indonesia`` for national figures), ``period`` (ISO-like) and ``indicator`` (a key of
  ``models/indicators.csv``);
- officials: ``region`` from the institution, or from the article's place when the office is a
  regional one and the article has one dominant place of that level.

Word lists are data (``models/link_words.csv``, ``models/indicators.csv``). The rule that gave a
link is not stored per field; the functions are small and named after what they read.

>>> from berita_extract import extract
>>> art = extract("Pemkab Paser menyalurkan dana hibah Rp 5 miliar kepada Desa Sukamaju dari APBD.")
>>> a = art.amounts[0]
>>> a.recipient, a.recipient_type, a.payer, a.role
('Desa Sukamaju', 'place', 'APBD', 'grant')
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from .normalize.dates import month_number
from .records import Amount, Article, Score
from .resources import read_table

WORDS = "link_words.csv"
INDICATORS = "indicators.csv"
MAX_FREE_WORDS = 6
"""A free-text recipient longer than this is a clause, not a noun phrase."""
CLAUSE_BACK = 160
"""Characters looked at before a sum for its recipient, payer or role."""


# -- data ---------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def words() -> dict[str, dict[str, str]]:
    """``{kind: {form (case-folded): value}}`` of ``models/link_words.csv``."""
    out: dict[str, dict[str, str]] = {}
    for row in read_table(WORDS):
        out.setdefault(row["kind"], {})[row["form"].casefold()] = row["value"]
    return out


def _alt(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def _rx(kind: str) -> re.Pattern:
    """Whole-word, case-blind pattern of every form of one kind."""
    return re.compile(rf"(?<!\w)(?:{_alt(words()[kind])})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _indicator_table() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    quals, forms = set(), []
    for row in read_table(INDICATORS):
        if row["kind"] == "qualifier":
            quals.add(row["form"].casefold())
        else:
            forms.append((row["form"].casefold(), row["key"]))
    return frozenset(quals), tuple(sorted(forms, key=lambda f: -len(f[0])))


def indicator_key(index: str) -> Optional[str]:
    """The stable key of an indicator name, or None.

    >>> indicator_key("Inflasi"), indicator_key("angka inflasi tahunan"), indicator_key("inflasi bulanan")
    ('inflation', 'inflation', 'inflation_mtm')
    >>> indicator_key("sewa rumah") is None
    True
    """
    quals, forms = _indicator_table()
    text = " ".join(re.sub(r"[^\w\s-]", " ", index.casefold()).split())
    for q in sorted(quals, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(q)}(?!\w)", " ", text)
    text = " " + " ".join(text.split()) + " "
    for form, key in forms:
        if f" {form} " in text:
            return key
    return None


# -- the article's geometry -----------------------------------------------------------------

@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    name: str
    type: str  # institution, official, place
    level: str = ""
    code: Optional[str] = None
    written: str = ""


REGION_LEVELS = ("country", "province", "regency", "city")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”]?\s+(?=[\"'“A-Z0-9])|\n+")


class Text:
    """The article text with its sentences and the records' mentions as entities."""

    def __init__(self, article: Article, text: str):
        self.text = text
        self.article = article
        bounds = [0] + [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
        self.sentences = sorted(set(bounds))
        ents = []
        for kind, recs in (("institution", article.institutions), ("official", article.officials),
                           ("place", article.places)):
            for r in recs:
                for m in r.mentions:
                    if text[m.start:m.end] == m.text:
                        ents.append(Entity(m.start, m.end, r.name, kind, getattr(r, "level", ""),
                                           getattr(r, "code", None) or getattr(r, "region_code", None), m.text))
        self.entities = sorted(ents, key=lambda e: (e.start, -e.end))

    def sentence(self, pos: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(self.sentences, pos) - 1
        return self.sentences[max(i, 0)], self.sentences[min(i + 1, len(self.sentences) - 1)]

    def headline_end(self) -> int:
        nl = self.text.find("\n")
        return nl if 0 < nl < 200 else 0

    def ents_in(self, a: int, b: int, types=("institution", "official", "place")) -> list[Entity]:
        return [e for e in self.entities if a <= e.start and e.end <= b and e.type in types]

    @functools.cached_property
    def dominant(self) -> dict[str, Optional[Entity]]:
        """The article's own place per level group ("any", "province", "regency/city")."""
        weight: Counter = Counter()
        first: dict[str, Entity] = {}
        head = self.headline_end()
        for e in self.entities:
            if e.type != "place" or e.level not in REGION_LEVELS:
                continue
            if e.start < 40 and re.match(r"\s*(?:,|-|–|\()", self.text[e.end:e.end + 3]):
                continue  # a dateline ("JAKARTA, KOMPAS.com -") says where the desk is, not the story
            weight[e.name] += 3 if e.start < head else 1
            first.setdefault(e.name, e)
        title = self.article.title or ""
        for name, e in first.items():
            if title and re.search(rf"(?<!\w){re.escape(e.written or name)}(?!\w)", title, re.I):
                weight[name] += 3  # the caller's headline names the article's place
        out: dict[str, Optional[Entity]] = {}
        for group, levels in (("any", REGION_LEVELS), ("province", ("province",)),
                              ("regency/city", ("regency", "city"))):
            ranked = [(w, n) for n, w in weight.most_common() if first[n].level in levels]
            top = ranked[0] if ranked else None
            second = ranked[1][0] if len(ranked) > 1 else 0
            out[group] = first[top[1]] if top and top[0] >= 2 and top[0] >= 1.5 * second else None
        return out


def _words_of(s: str) -> list[re.Match]:
    return list(re.finditer(r"[\w][\w.\-/']*", s))


def _clause_start(t: Text, pos: int, back: int = CLAUSE_BACK) -> int:
    s0, _ = t.sentence(pos)
    return max(s0, pos - back)


# -- amounts --------------------------------------------------------------------------------

@dataclass
class Link:
    recipient: Optional[str] = None
    recipient_type: Optional[str] = None
    recipient_key: Optional[str] = None
    payer: Optional[str] = None
    payer_type: Optional[str] = None
    role: Optional[str] = None
    converted_from: Optional[str] = None


def _free_phrase(s: str, *, purpose_ok: bool = True) -> Optional[tuple[str, str]]:
    """The noun phrase at the start of ``s`` as (phrase, type), cut at a stop word."""
    w = words()
    out = []
    for m in _words_of(s):
        word = m.group().strip(".,")
        if word.casefold() in w["stop"] or s[:m.start()].rstrip().endswith((",", ";", ":", ".", '"', "”")) and out:
            break
        out.append(word)
    out = [x for x in out if x]
    # "TKD ditetapkan": lower-case words after the last capitalized one start the verb.
    caps = [i for i, x in enumerate(out) if x[:1].isupper()]
    if caps and caps[-1] < len(out) - 1 and re.match(r"(?:me|di|ber|ter)\w+", out[caps[-1] + 1].casefold()):
        out = out[:caps[-1] + 1]
    if any(x.casefold() in ("bahwa", "ia", "dia", "mereka", "kami") for x in out):
        return None
    if not out or len(out) > MAX_FREE_WORDS:
        return None
    first = out[0].casefold()
    if first[0].isdigit() or first in _number_words():
        return None  # "untuk dua unitnya", "untuk 2026"
    if first in w["purpose"] and purpose_ok:
        return " ".join(out), "purpose"
    if re.match(r"(?:me|di|ber|ter)\w+", first) and first not in w["money"] and first not in w["person"]:
        return None  # "untuk membayar gaji": a clause
    if len(out) == 1 and not out[0][:1].isupper() and first not in w["person"]:
        return None  # a lone common word ("single") names no one
    return " ".join(out), "text"


@functools.lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    return frozenset(r["word"].casefold() for r in read_table("number_words.csv"))


def _entity_at(t: Text, a: int, b: int) -> Optional[Entity]:
    """The record named at the start of ``text[a:b]`` (longest first), else one inside it."""
    lead = a + len(t.text[a:b]) - len(t.text[a:b].lstrip(" ("))
    ents = t.ents_in(lead, b)
    head = [e for e in ents if e.start == lead]
    if head:
        return max(head, key=lambda e: (e.end - e.start, e.type != "place"))
    inside = [e for e in ents if e.type != "place"] or [e for e in ents if e.level in REGION_LEVELS + ("venue",)]
    return inside[0] if inside else None


def _acronym_after(t: Text, a: int, b: int) -> Optional[str]:
    """An acronym in parentheses closing a phrase names it: "... Bengkalis (Durolis)"."""
    m = re.match(r"[^()\"”;.]*?\(([A-Z][A-Za-z]{2,12})\)", t.text[a:b])
    return m.group(1) if m and "Rp" not in m.group() else None


def _neutral_between(t: Text, a: int, b: int) -> bool:
    return bool(_rx("neutral").search(t.text, a, b)) if a < b else False


def _coordinated(t: Text, e: Entity, stop: int) -> Optional[tuple[str, str, str]]:
    """``X dan Y`` of two records of one kind: the pair as written ("Transjakarta dan Transjabodetabek")."""
    m = re.compile(r"\s+(?:dan|serta|&)\s+").match(t.text, e.end, stop)
    if not m:
        return None
    nxt = [o for o in t.ents_in(m.end(), stop) if o.start == m.end() and o.type == e.type]
    if nxt:
        end = max(o.end for o in nxt)
    else:
        cap = re.compile(r"(?:[A-Z][\w\-/]*)(?:\s+[A-Z][\w\-/]*){0,3}").match(t.text, m.end(), stop)
        if not cap or e.type == "place":
            return None
        end = cap.end()
    return " ".join(t.text[e.start:end].split()), e.type, e.name


def _from_entity(e: Entity) -> tuple[str, str, str]:
    # A place is named as written ("Kecamatan Mandau"), a body or person by its record's name.
    return (" ".join(e.written.split()) if e.type == "place" else e.name), e.type, e.name


def _after_link(t: Text, start: int, end: int, stop: int) -> Optional[tuple[str, str, Optional[str]]]:
    """``AMOUNT (per bulan)? untuk|bagi|kepada X``."""
    m = re.compile(rf"\s*(?:(?:per|setiap|tiap)\s+\w+\s+)?(?:{_alt(words()['link'])})\s+", re.I).match(t.text, end, stop)
    if not m:
        return None
    np_end = _phrase_end(t, m.end(), stop)
    head = _entity_at(t, m.end(), np_end)
    acr = _acronym_after(t, m.end(), min(stop, m.end() + 100))
    if acr and not (head and head.start == m.end()):
        return acr, "text", None
    # "Rp 35 miliar untuk bantuan hibah bagi partai politik": the second preposition names who.
    inner = re.compile(rf"\s(?:{_alt(words()['link'])})\s+", re.I).search(t.text, m.end(), np_end)
    if inner:
        hit = _after_np(t, inner.end(), np_end)
        if hit:
            return hit
    return _after_np(t, m.end(), np_end)


def _after_np(t: Text, a: int, np_end: int) -> Optional[tuple[str, str, Optional[str]]]:
    e = _entity_at(t, a, np_end)
    if e:
        pair = _coordinated(t, e, min(len(t.text), np_end + 80))
        if pair:
            return pair
        if e.type == "institution" and t.text[a:e.start].split()[:1] and \
                t.text[a:e.start].split()[0].casefold() in words()["purpose"]:
            return _from_entity(e)  # "layanan Transjakarta": the body the service is
    if e and e.start == a:
        return _from_entity(e)
    free = _free_phrase(t.text[a:np_end])
    if free:
        return free[0], free[1], None
    return _from_entity(e) if e else None


def _phrase_end(t: Text, a: int, stop: int) -> int:
    """Where a noun phrase starting at ``a`` ends: a clause mark or another sum."""
    m = re.compile(r"[,;:.!?\"”](?:\s|$)|\s(?:serta|sedangkan|sementara|namun|tetapi)\s|\bRp").search(t.text, a, stop)
    return m.start() if m else stop


def _before_link(t: Text, c0: int, start: int) -> Optional[tuple[str, str, Optional[str]]]:
    """``untuk|bagi|kepada X (dari Y)? sebesar|senilai|mencapai AMOUNT``: the nearest one."""
    seg = t.text[c0:start]
    pat = re.compile(rf"(?<!\w)(?:{_alt(words()['link'])})\s+(?P<np>[^,;\"”]*?)\s*"
                     rf"(?P<measure>(?<!\w)(?:{_alt(words()['measure'])}|bisa mencapai|adalah)\s*)?"
                     rf"(?:\(\w+\)\s*)?$", re.I)
    m = pat.search(seg)
    if not m:
        return None
    a, b = c0 + m.start("np"), c0 + m.end("np")
    if _neutral_between(t, a, b):
        return None
    inner = re.search(r"\s(?:dari|oleh)\s", t.text[a:b])
    b2 = a + inner.start() if inner else b
    e = _entity_at(t, a, b2)
    if e:
        return _from_entity(e)
    if not m.group("measure"):
        return None
    free = _free_phrase(t.text[a:b2])
    return (free[0], free[1], None) if free else None


_SUBJ_GAP = re.compile(r"^[\s,]*(?:\(\w[\w\s]*\)\s*)?(?:yang\s+)?(?:\w+\s+){0,8}?"
                       r"(?:(?:akan|telah|sudah|hanya|juga|pun|baru|masih|bisa|dapat|diketahui|disebut|diduga)\s+)*$")


def _subject_before(t: Text, c0: int, verb_start: int) -> Optional[tuple[str, str, Optional[str]]]:
    """The subject of a verb: the nearest record closing shortly before it, else a noun phrase."""
    inside = t.ents_in(c0, verb_start)
    cands = [e for e in inside if verb_start - e.end <= 70
             and not any(o is not e and o.start <= e.start and e.end <= o.end and (o.end - o.start) > (e.end - e.start)
                         for o in inside)
             and not re.search(r"(?<!\w)(?:di|ke|dari|oleh|pada|dengan|kepada)\s+$", t.text[max(0, e.start - 10):e.start])]
    for e in sorted(cands, key=lambda e: -e.end):
        gap = t.text[e.end:verb_start]
        if _SUBJ_GAP.match(gap) and not _neutral_between(t, e.end, verb_start) and "," not in gap.strip(", "):
            return _from_entity(e)
    seg = t.text[c0:verb_start]
    cut = max(seg.rfind(","), seg.rfind("."), seg.rfind('"'), seg.rfind("“"))
    seg_start = c0 + cut + 1
    m = re.search(rf"(?<!\w)(?:{_alt(words()['link'])})\s+(?=\S)", t.text[seg_start:verb_start], re.I)
    if m and m.start() < 3:
        seg_start += m.end()
    subject = " ".join(t.text[seg_start:verb_start].split())
    subject = _rx("opener").sub("", subject, count=1).strip() if _rx("opener").match(subject) else subject
    subject = re.sub(r"\s+(?:akan|telah|sudah|hanya|juga|pun|baru|masih|bisa|dapat)$", "", subject)
    free = _free_phrase(subject, purpose_ok=False)
    # A free-text subject must be the whole stretch before the verb ("partai politik mendapatkan").
    if free and free[0] != subject.strip(".,"):
        return None
    return (free[0], free[1], None) if free else None


def _verb_before(t: Text, kind: str, c0: int, start: int, span: int = 90) -> Optional[re.Match]:
    last = None
    for m in _rx(kind).finditer(t.text, max(c0, start - span), start):
        last = m
    if last and re.search(r"\bRp\b|[.;]", t.text[last.end():start - 0][:-1] if False else t.text[last.end():start]):
        # another sum or a clause break between the verb and this sum: not its verb
        other = re.search(r"\bRp", t.text[last.end():start])
        if other and not re.search(r"(?:dan|serta|,|dengan rincian|terdiri dari)\s*$",
                                   t.text[last.end():start].rstrip()):
            return None
    return last


def _receiver(t: Text, c0: int, start: int) -> Optional[tuple[str, str, Optional[str]]]:
    v = _verb_before(t, "receive", c0, start)
    if not v or _rx("report").search(t.text, v.end(), start):
        return None  # "menerima laporan ... Rp 1 juta": a report, not money
    return _subject_before(t, c0, v.start())


def _passive_to(t: Text, c0: int, start: int, end: int, stop: int) -> Optional[tuple[str, str, Optional[str]]]:
    pat = re.compile(rf"(?<!\w)(?:{_alt(words()['to'])})\s+(?:\w+\s+){{0,6}}?(?:{_alt(words()['link'])})\s+", re.I)
    for a, b in ((end, min(stop, end + 120)), (max(c0, start - 120), start)):
        m = pat.search(t.text, a, b)
        if m:
            np_end = _phrase_end(t, m.end(), b if a < start else stop)
            hit = _after_np(t, m.end(), np_end)
            if hit:
                return hit
    return None


def _listed(t: Text, c0: int, start: int) -> Optional[tuple[str, str, Optional[str]]]:
    """``X dengan Rp``, ``X dipotong Rp``, ``X menyumbang Rp``: a record right before."""
    m = re.search(rf"(?<!\w)(?P<v>{_alt(words()['cut'])}|dengan|menyumbang|{_alt(words()['measure'])})\s*"
                  rf"(?:(?:sebanyak|sebesar|hingga|mencapai|sekitar)\s+)?$", t.text[c0:start], re.I)
    if not m:
        return None
    verb, head = m.group("v").casefold(), c0 + m.start()
    for e in sorted(t.ents_in(c0, head), key=lambda e: -e.end):
        gap = t.text[e.end:head]
        before = t.text[max(c0, e.start - 30):e.start]
        if verb in words()["cut"] or verb in ("dengan", "menyumbang"):
            # "Bali dikurangi Rp", "Provinsi Jakarta dengan Rp", "Pemprov Jabar ... urutan kelima dengan Rp"
            ok = bool(_SUBJ_GAP.match(gap)) if verb == "dengan" else bool(re.fullmatch(r"[\s,]*(?:(?:yang|juga|pun|akan|telah)\s+)*", gap))
        else:
            # "Investasi Jateng capai Rp": a region as the complement of a money noun, not "di X".
            ok = not gap.strip() and bool(_rx("role").search(before) or _rx("money").search(before)) \
                and not re.search(r"(?<!\w)(?:di|ke|dari)\s+$", before)
        if ok and not _neutral_between(t, e.end, head) and e.type != "official":
            return _from_entity(e)
        break
    return None


def _money_noun(t: Text, c0: int, start: int) -> Optional[tuple[str, str, Optional[str]]]:
    """``dana|anggaran|hibah X ... sebesar AMOUNT``: the record inside the noun phrase."""
    seg = t.text[c0:start]
    m = re.search(rf"(?<!\w)(?:{_alt(words()['money'])})\s+(?P<np>[^,;.\"”]*?)\s*"
                  rf"(?:{_alt(words()['measure'])})\s*$", seg, re.I)
    if not m:
        return None
    a, b = c0 + m.start("np"), c0 + m.end("np")
    if _neutral_between(t, c0, start):
        return None
    # "dana hibah yang dikeluarkan oleh X", "bantuan dari Kementerian X": X pays, it does not receive.
    ents = [e for e in t.ents_in(a, b) if e.type in ("institution", "official")
            and not re.search(r"(?<!\w)(?:dari|oleh|melalui)\s+(?:\w+\s+)?$", t.text[a:e.start])]
    if ents:
        return _from_entity(ents[0])
    # "gaji pokok anggota dewan yang diberikan sebesar", "alokasi TKD ditetapkan sebesar"
    np = re.sub(r"(?:\s+yang)?(?:\s+(?:di|me|ter)\w+){0,2}(?:\s+yang)?$", "", t.text[a:b].strip())
    free = _free_phrase(np) if np and not re.search(r"(?<!\w)(?:yang|dari|oleh)(?!\w)", np) else None
    return (free[0], free[1], None) if free and free[0] == np else None


def _fronted(t: Text, c0: int, start: int) -> Optional[tuple[str, str, Optional[str]]]:
    """``untuk X, Pemkab mengalokasikan Rp ... untuk PURPOSE``: the fronted X receives."""
    m = re.search(rf"(?<!\w)(?:untuk|bagi|kepada)\s+(?P<np>[^,;.]{{2,60}}),\s*[^,;.]*$", t.text[c0:start], re.I)
    if not m or not _rx("give").search(t.text, c0 + m.end("np"), start):
        return None
    a, b = c0 + m.start("np"), c0 + m.end("np")
    e = _entity_at(t, a, b)
    if e and e.start == a and e.end == b:
        return _from_entity(e)
    free = _free_phrase(t.text[a:b], purpose_ok=False)
    return (free[0], free[1], None) if free else None


def _payer(t: Text, c0: int, start: int, end: int, stop: int) -> tuple[Optional[str], Optional[str]]:
    s0, s1 = t.sentence(start)
    m = re.compile(rf"(?<!\w)(?:dari|oleh|bersumber dari|melalui)\s+(?P<p>(?:{_alt(words()['payer'])})(?-i:\s+(?:Perubahan|Kabupaten|Kota|Provinsi|[A-Z][\w]+)){{0,3}})", re.I)
    best = None
    for mm in m.finditer(t.text, s0, s1):
        d = abs(mm.start() - start)
        if best is None or d < best[0]:
            best = (d, mm.group("p"))
    if best:
        return best[1].strip(), "text"
    after = re.compile(r"\s*(?:\w+\s+){0,6}?(?:dari|oleh)\s+").match(t.text, end, min(stop, end + 80))
    if after:
        e = _entity_at(t, after.end(), _phrase_end(t, after.end(), stop))
        if e and e.start == after.end():
            return e.name, e.type
    v = _verb_before(t, "give", c0, start)
    if v:
        subj = _subject_before(t, c0, v.start())
        if subj and subj[1] in ("institution", "official", "place"):
            return subj[0], subj[1]
    return None, None


def _role(t: Text, c0: int, start: int, end: int) -> Optional[str]:
    best = None
    for m in _rx("role").finditer(t.text, max(c0, start - 70), start):
        best = m
    if best is None:
        m = _rx("role").search(t.text, end, min(len(t.text), end + 25))
        best = m
    return words()["role"][best.group().casefold()] if best else None


def _converted(t: Text, start: int) -> Optional[str]:
    for fa in t.article.foreign_amounts:
        for m in fa.mentions:
            gap = t.text[m.end:start]
            if 0 <= start - m.end <= 30 and re.fullmatch(
                    rf"[\s,(]*(?:(?:{_alt(words()['convert'])})\s*)+[\s(]*", gap, re.I):
                return m.text
    return None


def amount_link(t: Text, start: int, end: int) -> Link:
    """The link of one amount mention at ``start:end``."""
    s0, s1 = t.sentence(start)
    c0 = _clause_start(t, start)
    nxt = re.compile(r"\bRp|US\$").search(t.text, end, s1)
    if nxt and re.fullmatch(r"\s*(?:hingga|sampai|s\.?d\.?|-|–|--)\s*", t.text[end:nxt.start()]):
        nxt = re.compile(r"\bRp|US\$").search(t.text, nxt.end(), s1)  # the other end of a range
    stop = nxt.start() if nxt else s1
    link = Link()
    after = _after_link(t, start, end, stop)
    if after and after[1] == "purpose":
        topic = _fronted(t, c0, start)
        if topic:
            after = topic
    for rule in (lambda: after, lambda: _before_link(t, c0, start),
                 lambda: _receiver(t, c0, start), lambda: _passive_to(t, c0, start, end, stop),
                 lambda: _listed(t, c0, start), lambda: _money_noun(t, c0, start)):
        hit = rule()
        if hit:
            link.recipient, link.recipient_type, link.recipient_key = hit
            break
    link.payer, link.payer_type = _payer(t, c0, start, end, stop)
    link.role = _role(t, c0, start, end)
    dom = t.dominant["any"]
    if link.recipient is None and link.role == "investment" and dom is not None and dom.level != "country":
        # Investment recorded in a region's story is money flowing into that region.
        link.recipient, link.recipient_type, link.recipient_key = dom.written or dom.name, "place", dom.name
    if link.payer and link.recipient and link.payer.casefold() == link.recipient.casefold():
        link.payer = link.payer_type = None
    link.converted_from = _converted(t, start)
    return link


def _same_recipient(a: Optional[str], b: Optional[str]) -> bool:
    if not a or not b:
        return False
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    return wa <= wb or wb <= wa


def link_amounts(t: Text) -> list[Amount]:
    """Amount records re-linked and split: one per distinct sum and recipient."""
    out: list[tuple[int, Amount]] = []
    for amt in t.article.amounts:
        groups: list[tuple[Link, list]] = []
        loose = []
        for m in amt.mentions:
            lk = amount_link(t, m.start, m.end)
            if not lk.recipient and amt.recipient_type in ("institution", "official", "place") and len(amt.mentions) == 1 \
                    and not _rx("report").search(t.text, *t.sentence(m.start)) \
                    and not _rx("neutral").search(t.text, *t.sentence(m.start)):
                # The component's record recipient, unless the sentence is one of reports or debate.
                lk.recipient, lk.recipient_type, lk.recipient_key = amt.recipient, amt.recipient_type, amt.recipient
            if not lk.recipient:
                loose.append((m, lk))
                continue
            g = next((g for g in groups if _same_recipient(g[0].recipient, lk.recipient)), None)
            if g is None:
                groups.append((lk, [m]))
            else:
                if len(lk.recipient) > len(g[0].recipient):
                    g[0].recipient, g[0].recipient_type, g[0].recipient_key = lk.recipient, lk.recipient_type, lk.recipient_key
                g[1].append(m)
                for f in ("payer", "payer_type", "role", "converted_from"):
                    if getattr(g[0], f) is None:
                        setattr(g[0], f, getattr(lk, f))
        if not groups:
            lk = Link()
            for _, x in loose:
                for f in ("payer", "payer_type", "role", "converted_from"):
                    if getattr(lk, f) is None:
                        setattr(lk, f, getattr(x, f))
            groups = [(lk, [])]
        # Mentions with no recipient (a headline, a recap) join the first record of the sum.
        groups[0][1].extend(m for m, _ in loose)
        for lk, ms in groups:
            ms = sorted(ms, key=lambda m: m.start)
            rec = amt.model_copy(update={
                "mentions": ms, "rule": ms[0].rule, "recipient": lk.recipient,
                "recipient_type": lk.recipient_type, "recipient_key": lk.recipient_key,
                "payer": lk.payer, "payer_type": lk.payer_type if lk.payer else None,
                "role": lk.role, "converted_from": lk.converted_from,
            })
            out.append((ms[0].start, rec))
    return [a for _, a in sorted(out, key=lambda x: x[0])]


# -- scores ---------------------------------------------------------------------------------

_PERIOD = re.compile(
    r"(?P<q>(?:triwulan|kuartal|tw|q)\s*(?P<qn>IV|III|II|I|[1-4])(?:\s+tahun)?\s+(?P<qy>(?:19|20)\d\d))"
    r"|(?P<h>semester\s+(?P<hn>II|I|[12])(?:\s+tahun)?\s+(?P<hy>(?:19|20)\d\d))"
    r"|(?P<m>(?<![\d/])(?P<mw>[A-Za-z]{3,9})\.?\s+(?P<my>(?:19|20)\d\d)(?!\d))"
    r"|(?P<y>(?:tahun|TA|APBD|APBN)\s+(?P<yy>(?:19|20)\d\d)(?!\d))"
    r"|(?P<r>(?<!\w)(?:REL)(?!\w))", re.I)


@functools.lru_cache(maxsize=1)
def _period_rx() -> re.Pattern:
    return re.compile(_PERIOD.pattern.replace("REL", _alt(words()["relative"])), re.I)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _period_value(m: re.Match, published) -> Optional[str]:
    if m.group("q"):
        n = m.group("qn").casefold()
        return f"{m.group('qy')}-Q{_ROMAN.get(n, n)}"
    if m.group("h"):
        n = m.group("hn").casefold()
        return f"{m.group('hy')}-H{_ROMAN.get(n, n)}"
    if m.group("m"):
        month = month_number(m.group("mw"))
        return f"{m.group('my')}-{month:02d}" if month else None
    if m.group("y"):
        return m.group("yy")
    if m.group("r") and published is not None:
        back = int(words()["relative"][m.group("r").casefold()])
        if "tahun" in m.group("r").casefold():
            return str(published.year - (1 if back else 0))
        y, mo = divmod(published.year * 12 + published.month - 1 - back, 12)
        return f"{y}-{mo + 1:02d}"
    return None


def _score_period(t: Text, sc: Score, others: list[tuple[int, int]]) -> Optional[str]:
    m0 = sc.mentions[0]
    s0, s1 = t.sentence(m0.start)
    best = None
    for m in _period_rx().finditer(t.text, s0, s1):
        value = _period_value(m, t.article.published)
        if not value:
            continue
        if m.start() >= m0.end:
            between, dist = (m0.end, m.start()), m.start() - m0.end
        elif m.end() <= m0.start:
            between, dist = (m.end(), m0.start), m0.start - m.end()
        else:
            between, dist = (0, 0), 0
        if any(between[0] <= a and b <= between[1] for a, b in others):
            continue  # another value lies between: the period is that value's
        if best is None or dist < best[0]:
            best = (dist, value)
    return best[1] if best else None


def _score_area(t: Text, sc: Score, c0: int) -> Optional[str]:
    m0 = sc.mentions[0]
    hit = None
    for m in _rx("area").finditer(t.text, c0, m0.end):
        if re.match(r"\s+[A-Z]", t.text[m.end():m.end() + 2]):
            continue  # "di Kota Bekasi": a place, not a stratum
        hit = m
    return words()["area"][hit.group().casefold()] if hit else None


def link_scores(t: Text) -> None:
    scores = t.article.scores
    spans = [(m.start, m.end) for s in scores for m in s.mentions[:1]]
    dom = t.dominant["any"]
    national_text = bool(_rx("national").search(t.text)) or any(
        e.level == "country" and e.name in ("Indonesia", "RI") for e in t.entities)
    prev: Optional[Score] = None
    for sc in scores:
        if not sc.mentions:
            continue
        m0 = sc.mentions[0]
        s0, s1 = t.sentence(m0.start)
        # The clause of this value: from the previous value of the sentence (or its start).
        c0 = max([s0] + [b for a, b in spans if b <= m0.start and a >= s0])
        same_sentence = prev is not None and prev.mentions and s0 <= prev.mentions[0].start < s1
        sc.indicator = indicator_key(sc.index)
        sc.period = _score_period(t, sc, [x for x in spans if x != (m0.start, m0.end)])
        if sc.period is None and same_sentence:
            sc.period = prev.period
        area = _score_area(t, sc, c0)
        if area is None and same_sentence and c0 > s0:
            area = prev.area
        if area:
            sc.area = area
            sc.region, sc.region_code = area, None
        elif _rx("national").search(sc.index) or _rx("national").search(t.text, c0, min(s1, m0.end + 20)):
            sc.region, sc.region_code = "Indonesia", None
        elif sc.region is None:
            near = [e for e in t.ents_in(c0, min(s1, m0.end + 40), ("place",)) if e.level in REGION_LEVELS]
            if near:
                sc.region, sc.region_code = near[-1].name, near[-1].code
            elif same_sentence and prev.region:
                sc.region, sc.region_code = prev.region, prev.region_code
            elif dom is not None:
                sc.region, sc.region_code = dom.name, dom.code
            elif national_text and sc.indicator:
                # Only an indicator of official statistics is national by default: a survey share
                # or a company's growth in a story that mentions Indonesia is not.
                sc.region, sc.region_code = "Indonesia", None
        prev = sc


# -- officials ------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _title_scopes() -> dict[str, str]:
    return {r["form"].casefold(): r["scope"] for r in read_table("titles.csv")}


_REGIONAL_OFFICE = re.compile(
    r"^(?:plt\.?\s+|plh\.?\s+|pj\.?\s+|wakil\s+)*(?:kepala\s+(?:dinas|badan|bagian|bidang|seksi|sub\w*|bapenda|bappeda|"
    r"bpbd|satpol|kantor)|kadis|kaban|kabag|kabid|asisten|sekretaris\s+daerah|sekda|camat|lurah|bupati|wabup|"
    r"wali\s*kota|walkot|gubernur|wagub|kapolres|kapolresta|dandim|kajari|kapolda|kajati|danrem)(?!\s+manajer)", re.I)
_NATIONAL_BODY = re.compile(r"(?<!\w)(?:KPK|BPS|Kementerian|Kemen\w*|RI|Bank|PT|CV|Polri|TNI|DPR|Mahkamah|BPK|Bawaslu RI|"
                            r"KPU RI|DKPP|Komnas\w*|Dirjen|Deputi|Menteri|Presiden)(?!\w)")


def _level_group(title: str) -> str:
    scope = _title_scopes().get(title.casefold(), "")
    if re.match(r"^(?:wakil\s+)?(?:gubernur|wagub|kapolda|kajati|danrem)", title, re.I) or scope == "province":
        return "province"
    if scope in ("regency/city", "regency", "city", "district", "village") or re.match(
            r"^(?:wakil\s+)?(?:bupati|wabup|wali\s*kota|walkot|camat|lurah|kapolres|dandim|kajari)", title, re.I):
        return "regency/city"
    return "any"


def link_officials(t: Text) -> None:
    places = {p.name.casefold(): p for p in t.article.places if p.level in REGION_LEVELS}
    insts = {i.name: i for i in t.article.institutions}
    for off in t.article.officials:
        if off.region:
            continue
        inst = insts.get(off.institution or "")
        if inst is not None and inst.region:
            off.region, off.region_code = inst.region, inst.region_code
            continue
        if off.institution and not (inst is not None and inst.kind == "company"):
            named = [p for name, p in places.items() if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", off.institution.casefold())]
            if named:
                off.region, off.region_code = named[0].name, named[0].code
                continue
        title = off.title or ""
        if not _REGIONAL_OFFICE.match(title) or _NATIONAL_BODY.search(f"{title} {off.institution or ''}"):
            continue
        dom = t.dominant[_level_group(title)]
        if dom is not None:
            off.region, off.region_code = dom.name, dom.code


# -- the pass -------------------------------------------------------------------------------

def link(article: Article, text: Optional[str] = None) -> Article:
    """Fill the link fields of ``article``'s records from its ``text``; returns the article.

    The amounts list is rebuilt (split by recipient); scores and officials are updated in place.
    """
    text = text if text is not None else article.source_text()
    if not text or article.error:
        return article
    t = Text(article, text)
    link_officials(t)
    t = Text(article, text)
    article.amounts = link_amounts(t)
    link_scores(t)
    return article


__all__ = ["link", "indicator_key", "amount_link"]
