"""Indonesian regions with their Kemendagri codes: look names up, resolve ambiguous ones.

Loaded once from ``models/regions.csv`` (provinces, regencies, cities with aliases),
``models/districts.csv`` and ``models/villages.csv`` (the four-level list), built by
``scripts/builders/regions.py``. Every component that needs a region code uses this
module; nothing here imports spaCy.

>>> [r.code for r in lookup("Kaltim")]
['64']
>>> sorted(r.level for r in lookup("Bandung"))
['city', 'regency']
>>> resolve("Bandung", level="regency").code
'32.04'
>>> resolve("Bupati Paser").code  # a title before the name says which level it is
'64.01'
>>> resolve("Kota Bogor").name, resolve("Kabupaten Bogor").level
('Bogor', 'regency')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .resources import read_table

LEVELS_1_2 = ("province", "regency", "city")


@dataclass(frozen=True)
class Region:
    """One administrative region."""

    code: str
    """Kemendagri code, dotted ("64.01"; a village "64.01.01.2001")."""
    level: str
    """province, regency, city, district or village."""
    name: str
    """Short name as news writes it, without Kabupaten/Kota ("Paser")."""
    province_code: Optional[str] = None
    """Code of the province it lies in (None for a province)."""
    official_name: str = ""
    """The name in the Kemendagri list ("Kabupaten Paser")."""

    @property
    def parent_code(self) -> Optional[str]:
        """Code one level up ("64.01" for "64.01.05"), None for a province."""
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    def within(self, code: str) -> bool:
        """True if this region is ``code`` or lies inside it.

        >>> regions()["64.01"].within("64"), regions()["64.01"].within("64.0")
        (True, False)
        """
        return self.code == code or self.code.startswith(code + ".")


_KEY_TABLE = str.maketrans({".": " ", "-": " ", "'": " ", "’": " "})


def _key(name: str) -> str:
    """Lookup form of a name: case-folded, dots and hyphens as spaces, single-spaced.

    >>> _key("Kab.  Toli-Toli")
    'kab toli toli'
    """
    key = name.translate(_KEY_TABLE).casefold()
    # split/join only when needed: the 91,000 names of the four-level list are already clean.
    if "  " in key or "\n" in key or "\t" in key or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    return key


@functools.lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Provinces, regencies and cities by code."""
    return {
        row["code"]: Region(row["code"], row["level"], row["name"], row["province_code"] or None, row["official_name"])
        for row in read_table("regions.csv")
    }


@functools.lru_cache(maxsize=1)
def alias_forms() -> dict[str, tuple[str, ...]]:
    """Every written form of a province, regency or city (name and aliases) -> codes, in file order."""
    out: dict[str, list[str]] = {}
    for row in read_table("regions.csv"):
        for form in [row["name"], *row["aliases"].split(";")]:
            if form:
                codes = out.setdefault(form, [])
                if row["code"] not in codes:
                    codes.append(row["code"])
    return {form: tuple(codes) for form, codes in out.items()}


@functools.lru_cache(maxsize=1)
def _alias_index() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for form, codes in alias_forms().items():
        lst = out.setdefault(_key(form), [])
        lst += [c for c in codes if c not in lst]
    return {k: tuple(v) for k, v in out.items()}


def _province_of(code: str) -> str:
    return code.split(".", 1)[0]


@functools.lru_cache(maxsize=1)
def _districts() -> dict[str, Region]:
    out = {}
    for row in read_table("districts.csv"):
        code = row["code"]
        out[code] = Region(code, "district", row["name"], _province_of(code), row["name"])
    return out


@functools.lru_cache(maxsize=1)
def _village_names() -> dict[str, str]:
    # 83,000 villages: plain code -> name strings; Region objects are made on demand.
    out = {}
    for row in read_table("villages.csv"):
        district = row["district"]
        for item in row["villages"].split(";"):
            suffix, _, name = item.partition(" ")
            out[f"{district}.{suffix}"] = name
    return out


def _village(code: str) -> Optional[Region]:
    name = _village_names().get(code)
    return Region(code, "village", name, _province_of(code), name) if name is not None else None


@functools.lru_cache(maxsize=1)
def _lower_index() -> dict[tuple[str, str], list[str]]:
    """(level, name key) -> codes of districts and villages (lists: read, never changed)."""
    out: dict[tuple[str, str], list[str]] = {}
    for code, reg in _districts().items():
        out.setdefault(("district", _key(reg.name)), []).append(code)
    for code, name in _village_names().items():
        out.setdefault(("village", _key(name)), []).append(code)
    return out


def lower_codes(name: str, level: str) -> tuple[str, ...]:
    """Codes of the districts or villages (``level``) named ``name``, without making Region objects.

    >>> "14.03.09" in lower_codes("Mandau", "district")
    True
    """
    return tuple(_lower_index().get((level, _key(name)), ()))


def districts() -> dict[str, Region]:
    """Every district (kecamatan, distrik) by code.

    >>> districts()["14.03.09"].name
    'Mandau'
    """
    return _districts()


def village_names() -> dict[str, str]:
    """Every village (desa, kelurahan) name by code; loaded on first use (83,000 names).

    >>> village_names()["64.72.05.1013"]
    'Sempaja Timur'
    """
    return _village_names()


def region(code: str) -> Optional[Region]:
    """The region with Kemendagri ``code`` at any level, or None.

    >>> region("64").name, region("64.01.01").level
    ('Kalimantan Timur', 'district')
    """
    if code.count(".") <= 1:
        return regions().get(code)
    if code.count(".") == 2:
        return _districts().get(code)
    return _village(code)


# ---------------------------------------------------------------- context words

@functools.lru_cache(maxsize=1)
def context_words() -> dict[str, str]:
    """Words written before a region name and the level they imply (models/sources/place_context.csv).

    ``any`` means "a province, regency or city" (``Polres``, ``DPRD``).

    >>> context_words()["bupati"], context_words()["kecamatan"], context_words()["polres"]
    ('regency', 'district', 'any')
    """
    return {_key(row["word"]): row["level"] for row in read_table("sources/place_context.csv")}


@functools.lru_cache(maxsize=1)
def common_names() -> frozenset[str]:
    """Region names that are also common words or person names: they need context.

    >>> "batu" in common_names(), "paser" in common_names()
    (True, False)
    """
    return frozenset(_key(row["name"]) for row in read_table("sources/place_common_names.csv"))


def is_common_name(name: str) -> bool:
    """True if the bare ``name`` is a common word that names a region only in context."""
    return _key(name) in common_names()


def split_context(name: str) -> tuple[Optional[str], str]:
    """Split a leading context word off ``name``: ``"Bupati Paser"`` -> ``("regency", "Paser")``.

    >>> split_context("Kec. Mandau"), split_context("Paser")
    (('district', 'Mandau'), (None, 'Paser'))
    """
    words = name.split()
    ctx = context_words()
    # Longest context first: "Wakil Bupati", "Wali Kota".
    for n in range(min(3, len(words) - 1), 0, -1):
        level = ctx.get(_key(" ".join(words[:n])))
        if level:
            return level, " ".join(words[n:])
    return None, name


# ---------------------------------------------------------------- lookup and resolve

def lookup(name: str) -> list[Region]:
    """Provinces, regencies and cities that ``name`` can denote (case-blind; prefixed forms narrow it).

    >>> [r.code for r in lookup("Kabupaten Paser")], [r.code for r in lookup("PPU")]
    (['64.01'], ['64.09'])
    >>> lookup("Atlantis")
    []
    """
    regs = regions()
    return [regs[c] for c in _alias_index().get(_key(name), ())]


def lookup_lower(name: str, level: str, within: Iterable[str] = ()) -> list[Region]:
    """Districts (``level="district"``) or villages (``"village"``) named ``name``.

    ``within``: codes of regions the text mentions; when given, candidates inside them
    come first (all others follow).

    >>> [r.code for r in lookup_lower("Mandau", "district")]
    ['14.03.09']
    """
    found = [region(c) for c in lower_codes(name, level)]
    within = [w for w in within if w]
    if within:
        found.sort(key=lambda r: not any(r.within(w) for w in within))
    return found


def resolve(name: str, *, level: Optional[str] = None, within: Iterable[str] = ()) -> Optional[Region]:
    """The one region ``name`` most likely denotes, or None.

    ``name`` may carry a context word ("Kota Malang", "Bupati Malang", "Kecamatan Mandau");
    ``level`` forces a level; ``within`` lists codes of regions the text mentions (used to choose
    between namesakes in different provinces, and for districts and villages). Without any
    hint a province beats a namesake city (Jambi, Bengkulu) and a city beats a namesake
    regency (Bandung, Malang), as news use them.

    >>> resolve("Jambi").level, resolve("Kota Jambi").level
    ('province', 'city')
    >>> resolve("Mura", within=["62"]).name
    'Murung Raya'
    >>> resolve("Desa Muntai", within=["14.03"]).code.startswith("14.03")
    True
    >>> resolve("Ketua DPRD Kota Bogor").code, resolve("Kepala Dinas Pendidikan Ponorogo").code
    ('32.71', '35.02')
    >>> resolve("Sekretaris Daerah Kabupaten Bogor").code, resolve("Wakil Bupati Bogor").code
    ('32.01', '32.01')
    """
    within = [w for w in within if w]
    ctx_level, bare = split_context(name)
    level = level or ctx_level
    if level in ("district", "village"):
        found = lookup_lower(bare, level, within)
        if not found:
            return None
        if len(found) == 1 or (within and any(found[0].within(w) for w in within)):
            return found[0]
        return None
    found = lookup(name) or lookup(bare)
    if not found:
        # A longer phrase ending in the region: "Ketua DPRD Kota Bogor", "Kepala Dinas Pendidikan Paser".
        words = name.split()
        for i in range(1, len(words)):
            found = lookup(" ".join(words[i:]))
            if found:
                ctx = context_words()
                before = [ctx.get(_key(" ".join(words[i - n:i]))) for n in (3, 2, 1) if i - n >= 0]
                level = level or next((lv for lv in before if lv), None)
                break
    return choose(found, level=level, within=within)


def choose(cands: list[Region], *, level: Optional[str] = None, within: Iterable[str] = (),
           prefer: Iterable[str] = ()) -> Optional[Region]:
    """Pick one of the provinces, regencies or cities ``cands`` (see :func:`resolve`).

    ``prefer``: codes the text already names unambiguously ("Kabupaten Bandung" written
    elsewhere makes a bare "Bandung" the regency).

    >>> choose(lookup("Bandung"), prefer=["32.04"]).code
    '32.04'
    """
    within = [w for w in within if w]
    if level in LEVELS_1_2:
        narrowed = [r for r in cands if r.level == level]
        cands = narrowed or ([r for r in cands if r.level != "province"] if level in ("regency", "city") else cands)
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    preferred = [r for r in cands if r.code in set(prefer)]
    if len(preferred) == 1:
        return preferred[0]
    if within:
        inside = [r for r in cands if any(r.within(w) or (r.province_code or r.code) == w for w in within)]
        if inside:
            cands = inside
    order = {"province": 0, "city": 1, "regency": 2}
    return min(cands, key=lambda r: order[r.level])


__all__ = [
    "Region", "regions", "districts", "village_names", "lower_codes", "region", "alias_forms", "lookup", "choose", "lookup_lower", "resolve",
    "context_words", "common_names", "is_common_name", "split_context", "LEVELS_1_2",
]
