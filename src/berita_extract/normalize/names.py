"""People's names and positions: split honorifics, ranks and degrees off a name; spell out a title.

Pure functions over strings; the word lists come from ``models/`` (honorifics.csv, degrees.csv,
ranks.csv, titles.csv, title_modifiers.csv, built by scripts/builders/people.py).

>>> split_name("Dr. H. Andi Harun, S.T., S.H., M.Si.")
NameParts(name='Andi Harun', honorifics=['Dr.', 'H.', 'S.T.', 'S.H.', 'M.Si.'], rank=None)
>>> expand_title("Pj Gubernur")
'Penjabat Gubernur'
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..resources import read_table

_SPLIT = re.compile(r"\s*,\s*|\s+")


class NameParts(NamedTuple):
    """A name with what was split off it."""

    name: str
    honorifics: list[str]
    rank: str | None


def fold(text: str) -> str:
    """Lower case without dots or spaces: the form degrees and honorifics are compared in.

    >>> fold("S. Sos."), fold("M.Si")
    ('ssos', 'msi')
    """
    return re.sub(r"[.\s]", "", text).lower()


@functools.lru_cache(maxsize=1)
def honorific_forms() -> frozenset[str]:
    """Folded honorifics ("h", "hj", "dr", "bapak", "datuk")."""
    return frozenset(fold(r["form"]) for r in read_table("honorifics.csv"))


@functools.lru_cache(maxsize=1)
def degree_forms() -> frozenset[str]:
    """Folded degrees ("ssos", "msi", "sh", "phd")."""
    return frozenset(fold(r["form"]) for r in read_table("degrees.csv"))


@functools.lru_cache(maxsize=1)
def rank_table() -> dict[tuple[str, ...], dict]:
    """Lower-cased word tuples of each rank (and corps word) -> its row."""
    return {tuple(r["form"].lower().replace(".", "").split()): r for r in read_table("ranks.csv")}


@functools.lru_cache(maxsize=1)
def title_table() -> dict[tuple[str, ...], dict]:
    """Lower-cased word tuples of each position -> its row (form, full_form, scope, institution, lower)."""
    return {tuple(r["form"].lower().split()): r for r in read_table("titles.csv")}


@functools.lru_cache(maxsize=1)
def modifier_table() -> dict[tuple[str, ...], dict]:
    """Lower-cased word tuples of each modifier or former-office word -> its row (role, full_form)."""
    return {tuple(r["form"].lower().rstrip(".").split()): r for r in read_table("title_modifiers.csv")
            if r["role"] in {"modifier", "former"}}


def is_degree(word: str) -> bool:
    """True for an academic degree however dotted.

    >>> is_degree("S.Sos."), is_degree("M. Si"), is_degree("Sosro")
    (True, True, False)
    """
    return fold(word) in degree_forms()


def is_honorific(word: str) -> bool:
    """True for an honorific or form of address ("H.", "Hj", "Bapak").

    >>> is_honorific("Hj."), is_honorific("Hasan")
    (True, False)
    """
    return fold(word) in honorific_forms()


def _rank_prefix(words: list[str]) -> int:
    """How many leading words form a rank (with a corps word after a TNI rank), 0 if none."""
    table = rank_table()
    best = 0
    for n in range(min(4, len(words)), 0, -1):
        row = table.get(tuple(w.lower().replace(".", "") for w in words[:n]))
        if row and row["service"] != "corps":
            best = n
            break
    if best and best < len(words):
        corps = table.get((words[best].lower().replace(".", ""),))
        if corps and corps["service"] == "corps":
            best += 1
    return best


def split_name(text: str) -> NameParts:
    """Split leading honorifics and rank and trailing degrees off a written name.

    >>> split_name("H. Abdul Wahid, S.Sos., M.Si.")
    NameParts(name='Abdul Wahid', honorifics=['H.', 'S.Sos.', 'M.Si.'], rank=None)
    >>> split_name("AKBP Novy Adi Wibowo")
    NameParts(name='Novy Adi Wibowo', honorifics=[], rank='AKBP')
    >>> split_name("Letkol Inf Budi Raharjo")
    NameParts(name='Budi Raharjo', honorifics=[], rank='Letkol Inf')
    >>> split_name("Bapak Dr. Hj. Siti Aminah")
    NameParts(name='Siti Aminah', honorifics=['Bapak', 'Dr.', 'Hj.'], rank=None)
    """
    head, _, tail = text.partition(",")
    words = head.split()
    honorifics: list[str] = []
    rank = None
    changed = True
    while changed and len(words) > 1:
        changed = False
        n = _rank_prefix(words)
        if n and n < len(words) and rank is None:
            rank = " ".join(words[:n])
            words = words[n:]
            changed = True
        elif len(words) > 1 and is_honorific(words[0]):
            # "Datuk Seri" is one honorific in two words.
            if len(words) > 2 and "." not in words[0] and is_honorific(words[0] + " " + words[1]):
                honorifics.append(words[0] + " " + words[1])
                words = words[2:]
            else:
                honorifics.append(words.pop(0))
            changed = True
    while len(words) > 1 and is_degree(words[-1]) and "." in words[-1]:
        honorifics.append(words.pop())
    for part in (p.strip() for p in tail.split(",")):
        if part and is_degree(part):
            honorifics.append(part)
    return NameParts(" ".join(words), honorifics, rank)


def _expand_words(words: list[str]) -> list[str]:
    titles, mods = title_table(), modifier_table()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):
            key = tuple(w.lower().rstrip(".") for w in words[i:i + n])
            row = mods.get(key) or titles.get(key) or titles.get(tuple(w.lower() for w in words[i:i + n]))
            if row and row.get("role") != "former":
                out.append(row["full_form"])
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def expand_title(title: str) -> str:
    """The position spelled out: modifiers and contracted titles expanded, the rest kept.

    >>> expand_title("Kapolres")
    'Kepala Kepolisian Resor'
    >>> expand_title("Plt. Kadis Dagprin")
    'Pelaksana Tugas Kepala Dinas Dagprin'
    >>> expand_title("Wabup")
    'Wakil Bupati'
    >>> expand_title("mantan Ketua KPU")
    'mantan Ketua Komisi Pemilihan Umum'
    """
    words = [w for w in re.split(r"\s+", title.strip()) if w]
    return " ".join(_expand_words(words))


__all__ = ["NameParts", "split_name", "expand_title", "is_degree", "is_honorific", "fold"]
