"""Indonesian numerals: "6,7" is 6.7, "1.550.000" is 1550000.

Indonesian writes ``.`` between thousands and ``,`` before decimals. A lone
``.`` followed by other than exactly three digits ("1.5") is read as a decimal
point: the common English-style misuse.
"""

from __future__ import annotations

import functools
import re

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_decimal(text: str) -> float:
    """The value of a written number, Indonesian convention first.

    >>> parse_decimal("77,04"), parse_decimal("1.550.000"), parse_decimal("1.550.000,50")
    (77.04, 1550000.0, 1550000.5)
    >>> parse_decimal("1.5"), parse_decimal("12"), parse_decimal("0,431")
    (1.5, 12.0, 0.431)
    """
    s = text.strip()
    if not s or not any(c.isdigit() for c in s):
        raise ValueError(f"not a number: {text!r}")
    if _GROUPED.fullmatch(s):
        whole, _, frac = s.partition(",")
        return float(whole.replace(".", "") + ("." + frac if frac else ""))
    if "," in s and "." not in s:
        if s.count(",") == 1:
            return float(s.replace(",", "."))
        if _EN_GROUPED.fullmatch(s):
            return float(s.replace(",", ""))
    if "." in s and "," not in s and s.count(".") == 1:
        return float(s)
    if _EN_GROUPED.fullmatch(s):
        return float(s.replace(",", ""))
    if s.isdigit():
        return float(s)
    raise ValueError(f"not a number: {text!r}")


# ---------------------------------------------------------------------------
# Number words ("dua ratus ribu", "setengah") and ranges ("4-6").


@functools.lru_cache(maxsize=1)
def _word_table() -> dict[str, tuple[str, float]]:
    from ..resources import read_table

    return {row["word"]: (row["kind"], float(row["value"])) for row in read_table("number_words.csv")}


def number_words(*kinds: str) -> tuple[str, ...]:
    """The number words of ``models/number_words.csv`` (of the given kinds), longest first.

    >>> "setengah" in number_words() and "ratus" in number_words()
    True
    >>> "ratus" in number_words("unit", "half")
    False
    """
    table = _word_table()
    return tuple(sorted((w for w in table if not kinds or table[w][0] in kinds), key=lambda w: (-len(w), w)))


def word_value(word: str) -> float:
    """The value of one number word of ``models/number_words.csv``.

    >>> word_value("ratus"), word_value("tiga")
    (100.0, 3.0)
    """
    return _word_table()[word][1]


def parse_words(text: str) -> float:
    """The value of a number written in Indonesian words.

    Groups are built left to right: units, ``belas`` (+10), ``puluh``/``ratus``
    (multiply the group), then a scale word (``ribu``, ``juta``...) closes the
    group. ``setengah`` is one half on its own or before a scale, and adds a
    half after a unit ("satu setengah" is 1.5). A leading "se" fused to a word
    is "satu" ("seratus", "sejuta", "sepuluh").

    >>> parse_words("dua ratus ribu"), parse_words("setengah miliar"), parse_words("satu setengah juta")
    (200000.0, 500000000.0, 1500000.0)
    >>> parse_words("seratus dua puluh lima"), parse_words("dua belas juta lima ratus ribu"), parse_words("sejuta")
    (125.0, 12500000.0, 1000000.0)
    >>> parse_words("dua setengah miliar"), parse_words("sebelas"), parse_words("seratus ribu")
    (2500000000.0, 11.0, 100000.0)
    >>> parse_words("ratusan")
    Traceback (most recent call last):
    ...
    ValueError: not a number in words: 'ratusan'

    Words out of the grammar's order are no number: two units in a row ("satu nol",
    digit by digit), "ratus" after "puluh" in one group, or a scale word not smaller
    than one before it ("dua juta tiga juta").

    >>> parse_words("satu nol satu")
    Traceback (most recent call last):
    ...
    ValueError: not a number in words: 'satu nol satu'
    """
    table = _word_table()
    words = text.lower().split()
    if not words:
        raise ValueError(f"not a number in words: {text!r}")
    total = 0.0   # closed groups (before the last scale word)
    group = 0.0   # hundreds and tens already closed inside the current group
    cur: float | None = None  # the small number being built, None before its first word
    last_mult = None  # the last "puluh"/"ratus" of the current group
    last_scale = None  # the last scale word closed
    for word in words:
        entry = table.get(word)
        if entry is None and word.startswith("se") and word[2:] in table and table[word[2:]][0] != "unit":
            if cur is not None:
                raise ValueError(f"not a number in words: {text!r}")
            cur = 1.0  # "seratus" is "satu ratus"
            entry = table[word[2:]]
        if entry is None:
            raise ValueError(f"not a number in words: {text!r}")
        kind, value = entry
        if kind == "unit" and cur is not None:
            raise ValueError(f"not a number in words: {text!r}")
        if kind == "unit":
            cur = value
        elif kind == "half":
            cur = 0.5 if cur is None else cur + 0.5
        elif kind in ("teen", "mult") and cur is None:
            raise ValueError(f"not a number in words: {text!r}")
        elif kind == "teen":
            cur += value
        elif kind == "mult":
            if last_mult is not None and value >= last_mult:
                raise ValueError(f"not a number in words: {text!r}")
            group += cur * value
            cur, last_mult = None, value
        else:  # scale
            if last_scale is not None and value >= last_scale:
                raise ValueError(f"not a number in words: {text!r}")
            total += ((group + (cur or 0.0)) or 1.0) * value
            group, cur, last_mult, last_scale = 0.0, None, None, value
    return total + group + (cur or 0.0)


_RANGE = re.compile(r"\s*([\d.,]+)\s*(?:-{1,2}|–|—|s\.?d\.?|s/d|hingga|sampai(?: dengan)?)\s*([\d.,]+)\s*")


def parse_range(text: str) -> tuple[float, float]:
    """Both ends of a range of numerals ("4-6", "1,5 hingga 2", "10 s.d. 20").

    >>> parse_range("4-6"), parse_range("1,5 hingga 2,5"), parse_range("10 s.d. 20")
    ((4.0, 6.0), (1.5, 2.5), (10.0, 20.0))
    """
    m = _RANGE.fullmatch(text)
    if not m:
        raise ValueError(f"not a range of numbers: {text!r}")
    return parse_decimal(m.group(1)), parse_decimal(m.group(2))
