"""Pure functions that turn names, titles and bodies into comparison keys.

>>> person_key("Dr. H. PRabowo  Subianto, S.H.")
'prabowo subianto'
>>> title_key("Pj. Gubernur")
'gubernur'
>>> body_key("Pemprov DKI Jakarta", "31"), body_key("Pemerintah Provinsi Jakarta", "31")
('pemerintah|31', 'pemerintah|31')

Level words ("provinsi", "kota") go with the region: the region code already says the level.
>>> body_key("Komisi Pemberantasan Korupsi Republik Indonesia", None)
'komisi pemberantasan korupsi|'
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .. import gazetteer
from ..resources import read_table

_NON_WORD = re.compile(r"[^\w]+")
# Words around a region name that say only which level it is ("Provinsi DKI Jakarta", "Kota Samarinda").
_LEVEL_WORDS = {"provinsi", "prov", "kabupaten", "kab", "kota", "dki", "daerah", "khusus", "ibukota", "se"}
_STATE_SUFFIXES = ("republik indonesia", "ri")
_TITLE_MODIFIERS = {"pj", "plt", "plh", "pjs", "mantan", "eks", "bekas"}


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed, single-spaced."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text.casefold().replace("_", " ")).split())


@functools.lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    # compared without dots and spaces, as the extractor matches them ("S.H." = "SH")
    forms = [r["form"] for r in read_table("honorifics.csv")] + [r["form"] for r in read_table("degrees.csv")]
    return frozenset(w for w in (fold(f).replace(" ", "") for f in forms) if w)


def person_key(name: str) -> str:
    """The name without case, punctuation, honorifics or degrees."""
    hon = _honorifics()
    words = [fold(t) for t in name.replace(",", " ").split()]
    core = [w for w in words if w and w.replace(" ", "") not in hon]
    return " ".join(core or words).strip()


def title_key(title: str | None) -> str:
    """A position without Pj/Plt/mantan and case ("Wakil" is kept: a deputy is another office)."""
    return " ".join(t for t in fold(title or "").split() if t not in _TITLE_MODIFIERS)


@functools.lru_cache(maxsize=1)
def _expansions() -> dict[str, str]:
    """Acronym or short form -> full form, from models/institutions.csv (gazetteer and curated lists)."""
    out: dict[str, str] = {}
    for row in read_table("institutions.csv"):
        full = fold(row["full_form"])
        if not full or row["kind"] == "drop":
            continue
        for form in [row["form"], *row["variants"].split("|")]:
            if form and fold(form) != full:
                out.setdefault(fold(form), full)
    return out


@functools.lru_cache(maxsize=1)
def _region_forms() -> dict[str, tuple[str, ...]]:
    """Region code -> its written forms (longest first), from the gazetteer."""
    out: dict[str, set[str]] = {}
    for form, codes in gazetteer.alias_forms().items():
        for code in codes:
            out.setdefault(code, set()).add(fold(form))
    return {c: tuple(sorted(f, key=len, reverse=True)) for c, f in out.items()}


def expand(form: str) -> str:
    """Replace a leading acronym by its full form ("pemprov x" -> "pemerintah provinsi x")."""
    words = form.split()
    table = _expansions()
    for n in range(min(3, len(words)), 0, -1):
        head = " ".join(words[:n])
        if head in table:
            return " ".join([table[head], *words[n:]])
    return form


def strip_region(form: str, code: str | None) -> str:
    """Remove the region's names and level words from a body's name (its region is kept in the code)."""
    if not code:
        return form
    codes = [code, code.split(".")[0]]
    for c in codes:
        for region in _region_forms().get(c, ()):
            form = re.sub(rf"(?:^| ){re.escape(region)}(?= |$)", " ", form)
    words = form.split()
    while words and words[-1] in _LEVEL_WORDS:
        words.pop()
    return " ".join(words)


def _strip_state(form: str) -> str:
    for suffix in _STATE_SUFFIXES:
        if form.endswith(" " + suffix):
            return form[: -len(suffix) - 1]
    return form


def body_key(form: str, region_code: str | None) -> str:
    """``name|region`` key of one written form of a body; equal keys are one body."""
    key = _strip_state(strip_region(expand(fold(form)), region_code))
    key = _strip_state(strip_region(expand(key), region_code))
    words = key.split()
    while words and words[-1] in _LEVEL_WORDS:
        words.pop()
    return f"{' '.join(words)}|{region_code or ''}"


def regions_compatible(a: str | None, b: str | None) -> bool:
    """Unknown, equal, or one region inside the other (province 31 and city 31.74)."""
    if not a or not b:
        return True
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")
