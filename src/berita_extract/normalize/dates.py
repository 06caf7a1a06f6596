"""Indonesian calendar dates: our own grammar, text in, ISO values out.

The vocabulary (month and weekday names, abbreviations, number words, the
words of relative expressions) is data in ``models/dates.csv``. This module
builds a few patterns from it, finds date expressions in a text
(:func:`candidates`) and reads them against a base date (:func:`resolve`):

- ``6 Februari 2024``, ``Selasa, 6 Feb. 2024``, ``6-8 Februari 2024`` (both ends);
- ``Selasa (6/2/2024)``, ``6/2/2024``: numeric dates are always day/month/year;
- ``Februari 2024`` is ``2024-02`` (never a made-up day); ``Februari--Maret 2025``;
- ``Rabu (7/2)``, ``6 Februari``: the year comes from the base (``year_inferred``);
- ``kemarin``, ``dua hari lalu``, ``Selasa lalu``, ``pekan depan``, ``akhir Februari``:
  resolved against the base and marked relative; without a base they are dropped;
- a bare year (``Pemilu 2024``) and decimals (``77,04``, ``6,7``) are never dates.

>>> [(r.value, r.relative) for r in read("rapat Selasa 6 Februari 2024 dan kemarin", base=_dt.date(2024, 2, 6))]
[('2024-02-06', False), ('2024-02-05', True)]
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Optional

import regex

from .. import rx
from ..resources import read_table

VOCABULARY = "dates.csv"


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, str]]:
    """``kind -> {form: value}`` from ``models/dates.csv``.

    >>> vocabulary()["month"]["pebruari"], vocabulary()["weekday"]["jumat"]
    ('2', '4')
    """
    out: dict[str, dict[str, str]] = {}
    for row in read_table(VOCABULARY):
        out.setdefault(row["kind"], {})[row["form"].strip().lower()] = row["value"].strip()
    return out


def month_number(word: str) -> Optional[int]:
    """The month (1-12) a name or abbreviation stands for, else None.

    >>> month_number("Feb."), month_number("Nopember"), month_number("Pemilu")
    (2, 11, None)
    """
    w = word.strip().rstrip(".").lower()
    voc = vocabulary()
    value = voc["month"].get(w) or voc["month_abbr"].get(w)
    return int(value) if value else None


def weekday_number(word: str) -> Optional[int]:
    """0 for Senin .. 6 for Minggu, else None.

    >>> weekday_number("Jum'at"), weekday_number("Minggu"), weekday_number("besok")
    (4, 6, None)
    """
    value = vocabulary()["weekday"].get(word.strip().lower())
    return int(value) if value else None


def number_value(word: str) -> Optional[int]:
    """A small count written in digits or words ("dua" is 2).

    >>> number_value("dua"), number_value("3"), number_value("banyak")
    (2, 3, None)
    """
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    value = vocabulary()["number"].get(w)
    return int(value) if value else None


def read_year(text: str) -> Optional[int]:
    """A written year, 1900-2099; repairs the typo "20205" (2020 typed before the 5) to 2025.

    Two digits are 2000-2068 or 1969-1999 (the POSIX ``%y`` pivot).

    >>> read_year("2024"), read_year("20205"), read_year("24"), read_year("3024"), read_year("98")
    (2024, 2025, 2024, None, 1998)
    """
    t = text.strip()
    if len(t) == 2 and t.isdigit():
        return (2000 if int(t) < 69 else 1900) + int(t)
    if len(t) == 5 and t.startswith("2020") and t.isdigit():
        t = "202" + t[4]
    if len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2099:
        return int(t)
    return None


def iso(year: int, month: int, day: Optional[int] = None) -> Optional[str]:
    """ISO value of a date, or None if there is no such day.

    >>> iso(2024, 2, 29), iso(2023, 2, 29), iso(2025, 3)
    ('2024-02-29', None, '2025-03')
    """
    if not (1 <= month <= 12 and 1900 <= year <= 2099):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, spaces as any white space."""
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, regex.Pattern]:
    """The grammar's patterns by rule name, built from the vocabulary; they run over lowercased text.

    Speed (../shared/PERFORMANCE.md): ``regex`` scans fast only for a pattern that opens
    with a small set of characters, and never under IGNORECASE. So the numeric patterns open
    on a digit; "Februari 2024" is found from its year, looking back for the month; a weekday
    before a date is found by looking back from the date (:func:`_weekday_before`); and the
    relative patterns are tried only where one of their words occurs (:func:`anchors`),
    matching at that word (``\\G``), looking back for the rest.
    """
    voc = vocabulary()
    wd = _alt(voc["weekday"])
    mfull = _alt(voc["month"])
    mabbr = _alt(voc["month_abbr"])
    # A month name, or an abbreviation (with its optional dot).
    # (not after a letter, so fused to a day: "28feb"); an abbreviation's dot belongs to it
    # only before a year: "28 feb." at a sentence's end leaves the full stop to the sentence
    mon = rf"(?:(?<!\p{{L}})(?:{mfull})\b|(?<!\p{{L}})(?:{mabbr})\b(?:\.(?=\s*,?\s*\d))?)"
    day = r"(?:0?[1-9]|[12]\d|3[01])"
    year = r"(?:1[89]\d\d|20\d\d)(?!\d)"
    conn = r"(?:-{1,2}|–|—|s\.\s?d\.?|s/d|hingga|sampai(?:\s+dengan)?|dan|&)"
    nums = _alt(voc["number"])
    direction = _alt(list(voc["past"]) + list(voc["future"]) + list(voc["current"]))
    parts = _alt(voc["part"])
    units = _alt(voc["unit"])
    within = _alt(voc["within"])
    span_end = _alt(voc["span_end"])
    day_offsets = _alt(voc["day_offset"])
    src = {
        # 6 Februari 2024 | 6-8 Februari 2024 | 30 Januari hingga 2 Februari 2024 | 6 Feb. 2024
        "textual": (
            rf"(?=[\d(])(?P<open>\(\s*)?(?<![\d.,/])(?:(?P<more>{day})\s*,\s*)*(?P<d1>{day})"
            rf"(?:\s+(?P<m1>{mon})(?:\s*,?\s*(?P<y1>{year}))?)?"
            rf"(?:\s*(?P<conn>{conn})\s*(?:\b(?:{wd})\s*,?\s*)?(?P<d2>{day}))?"
            # "28 feb", "28feb", "28-feb", "28/feb"; "8-mei-2011"; "28 jun 11" (two digits: a year only
            # when no word, clock time or other number follows)
            # no year we read: then no other number right after ("2 Juli 1582" is not 2 July of this year)
            rf"(?:\s*|[-/])(?P<m>{mon})(?:(?:\s*,?\s*|[-/])(?P<y>{year})|(?:\s|[-/])(?P<yy>\d\d)(?![\d.,:]|\s*\p{{L}})"
            rf"|(?!\s*,?\s*\d{{3}}))(?(open)\s*\)|)"
        ),
        # Februari 2024 | Februari--Maret 2025 | akhir Februari 2024 (the part word is left out of the mention)
        "month_year": (
            rf"(?=[12])(?<=(?P<m1>{mon})(?:\s*(?P<conn>{conn})\s*(?:bulan\s+)?(?P<m2>{mon}))?(?:\s*,?\s*|-))(?P<y>{year})"
        ),
        # 6/2/2024 | (7/2) | (20/10) | (16-17/6/2025), a weekday before it found apart: always day/month/year
        "numeric": (
            rf"(?=[\d(])(?P<open>\(\s*)?(?<![\w/.,\-])(?:(?P<d0>{day})\s?[-–]\s?(?=\d\d?\s?/))?"
            rf"(?P<d>{day})\s?(?P<sep>[/\-.])\s?(?P<mo>0?[1-9]|1[0-2])"
            rf"(?:(?P=sep)(?P<y>\d{{5}}|\d{{4}}|\d{{2}}))?(?![\d/])"
            rf"(?(open)\s*\)|(?![\-]\d))"
        ),
        # 2024-02-06
        "iso": rf"(?=[12])(?<![\w/\-])(?P<y>{year})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d\-])",
        # kemarin | hari ini | besok | lusa; not "tahun kemarin", "beberapa hari ini" or "dua hari ini"
        # (these past days), nor "kemarin-kemarin" (in the past)
        "relative_day": (
            rf"\G\b(?P<w>{day_offsets})\b(?!-)"
            rf"(?<!\b(?:tahun|bulan|pekan|minggu|malam|yang|beberapa|belakangan|{nums}|\d+)\s+(?:{day_offsets})"
            rf"|-(?:{day_offsets}))"
        ),
        # dua hari lalu | 3 pekan lagi | sebulan silam | pekan depan | bulan ini (matched at the unit word)
        "relative_unit": (
            rf"\G(?:(?<=(?P<head>\b(?P<n>\d{{1,2}}|{nums}))\s+)|(?<=(?P<se>\bse))"
            rf"|(?<!\b(?:beberapa|sekian|\d+|{nums})\s+)\b)"
            rf"(?P<u>{units})\s+(?P<dir>{direction})\b"
        ),
        # dalam 3 hari | dlm 2 bln (not "dalam 3 hari terakhir": a stretch of time)
        "relative_within": (
            rf"\G\b(?:{within})\s+(?P<n>\d{{1,2}}|{nums})\s+(?P<u>{units})\b(?!\s+(?:{span_end})\b)"
        ),
        # Selasa lalu | Jumat kemarin | Senin depan | Rabu pekan lalu | Jumat ini | Senin pekan ini
        "relative_weekday": rf"\G\b(?P<wd>{wd})\s+(?:(?P<wk>pekan|minggu)\s+)?(?P<dir>{direction})\b",
        # akhir Februari | awal bulan ini | pertengahan bulan depan
        "relative_part": (
            rf"\G\b(?P<part>{parts})\s+(?:bulan\s+)?(?:(?P<m>\b(?:{mfull})\b)(?!\s*,?\s*(?:{year}|\d))"
            rf"|(?<=bulan\s+)(?P<rel>ini|depan|lalu)\b)"
        ),
    }
    return {name: rx.compile(p) for name, p in src.items()}


@functools.lru_cache(maxsize=1)
def anchors() -> dict[str, tuple[str, ...]]:
    """For each relative pattern, the words at which it is tried (first words of its anchor phrases)."""
    voc = vocabulary()
    first = lambda words: tuple(sorted({w.split()[0] for w in words}))  # noqa: E731
    return {
        "relative_day": first(voc["day_offset"]),
        "relative_unit": first(voc["unit"]),
        "relative_weekday": first(voc["weekday"]),
        "relative_within": first(voc["within"]),
        "relative_part": first(voc["part"]),
    }


def _lower(text: str) -> str:
    """``text`` in lower case with the same length (a character whose lower case is longer stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@functools.lru_cache(maxsize=1)
def _weekday_before_pattern() -> regex.Pattern:
    wd = _alt(vocabulary()["weekday"])
    # "Selasa, " / "Selasa malam " / "Rabu kemarin " / "Senin-Selasa (" right before a date belongs to its mention
    return rx.compile(
        rf"\b(?P<w1>{wd})(?:\s*(?:[-–]|s/d|s\.d\.|hingga|sampai|dan)\s*(?P<w2>{wd}))?"
        rf"(?:\s+(?:pagi|siang|sore|malam|dini\s+hari|lalu|kemarin))?\s*,?\s*\Z"
    )


def _weekday_before(text: str, pos: int) -> tuple[Optional[int], Optional[int]]:
    """Where a weekday that introduces the date at ``pos`` starts, and which day it names
    (None for two: "Senin-Selasa"); ``(None, None)`` if there is none."""
    m = _weekday_before_pattern().search(text, max(0, pos - 40), pos)
    if not m:
        return None, None
    return m.start(), None if m.group("w2") else weekday_number(m.group("w1"))


@dataclass(frozen=True)
class Part:
    """One date a candidate stands for, before a base date is known."""

    year: Optional[int]
    month: int
    day: Optional[int]
    range: Optional[str] = None
    relative: Optional[tuple] = None  # (kind, *args) resolved against the base
    start: Optional[int] = None  # where this date's own mention starts, if not where the candidate does
    weekday: Optional[int] = None  # the weekday written with it (0 = Senin), which helps place a missing year


@dataclass(frozen=True)
class Candidate:
    """A date expression found in a text: its span, the rule, and the date(s) it stands for."""

    start: int
    end: int
    rule: str
    parts: tuple[Part, ...]
    weekday: bool = False


@dataclass(frozen=True)
class Reading:
    """A resolved date mention: offsets into the text and the record fields."""

    start: int
    end: int
    value: str
    rule: str
    relative: bool = False
    range: Optional[str] = None
    year_inferred: bool = False
    weekday: bool = False


def _month(m: regex.Match, group: str) -> Optional[int]:
    return month_number(m.group(group)) if m.group(group) else None


def _textual(m: regex.Match, wd: Optional[int]) -> Optional[tuple[int, int, tuple[Part, ...]]]:
    month = _month(m, "m")
    if month is None:
        return None
    written = m.group("y") or m.group("yy")
    year = read_year(written) if written else None
    y1 = read_year(m.group("y1")) if m.group("y1") else None
    d2 = int(m.group("d2")) if m.group("d2") else None
    d1 = int(m.group("d1"))
    m1 = _month(m, "m1") or month
    start = m.start() if wd is None else wd
    end = m.end()
    # "5, 6 dan 7 Juni 2025": the listed days before the last two, each its own date
    listed = tuple(Part(year or y1, m1, int(d), start=None if i == 0 else s)
                   for i, (d, s) in enumerate(zip(m.captures("more"), m.starts("more"))))
    if listed:
        d1_part = Part(year or y1, m1, d1, start=m.start("d1"))
    else:
        d1_part = Part(year or y1, m1, d1)
    if d2 is None:
        return start, end, listed + (replace(d1_part, month=month, year=year),)
    conn = m.group("conn").lower()
    is_range = conn not in ("dan", "&")
    first_year = y1 or year
    last_year = year or y1
    if is_range and first_year and last_year and m1 > month and first_year == last_year and not y1:
        first_year -= 1  # "28 Desember-3 Januari 2025" starts in 2024
    return start, end, listed + (
        replace(d1_part, year=first_year, range="start" if is_range and not listed else None),
        # The second date's own mention runs from its day to the end ("23 November 2025").
        Part(last_year, month, d2, "end" if is_range and not listed else None, start=m.start("d2")),
    )


def _month_year(m: regex.Match, wd=None) -> Optional[tuple[int, int, tuple[Part, ...]]]:
    year = read_year(m.group("y"))
    month = _month(m, "m1")
    if year is None or month is None:
        return None
    m2 = _month(m, "m2")
    if m2 is None:
        return m.start("m1"), m.end(), (Part(year, month, None),)
    is_range = m.group("conn").lower() not in ("dan", "&")
    y1 = year - 1 if m2 < month else year
    return m.start("m1"), m.end(), (
        Part(y1, month, None, "start" if is_range else None),
        Part(year, m2, None, "end" if is_range else None, start=m.start("m2")),
    )


def _numeric(m: regex.Match, wd: Optional[int]) -> Optional[tuple[int, int, tuple[Part, ...]]]:
    has_wd = wd is not None
    has_paren = bool(m.group("open"))
    if _word_before(m) in vocabulary()["number_cue"]:
        return None  # "RT 03/02/01", "No. 5/3/24": numbers, not a date
    raw_year = m.group("y")
    if m.group("sep") == "." and (raw_year is None or len(raw_year) != 4):
        return None  # "25.7" is a number; "25.7.2025" a date
    if raw_year is None:
        # "(7/2)", "Rabu (7/2)", "Rabu, 7/2": in parentheses or after a weekday; "-" only after a
        # weekday ("(2-1)" is a score); "2/1" bare only after a date word ("tanggal 2/1") or alone
        # on its line (a list or table of dates), since "1/3" in running text is a fraction.
        if m.group("sep") == "-" and not has_wd:
            return None
        if not (has_paren or has_wd or (m.group("sep") == "/" and _bare_day_month(m))):
            return None
        year = None
    else:
        # "8/5/11": a two-digit year; with "-" only alone on its line or after a date word
        # ("2-7-12 Shinonome" is an address)
        if len(raw_year) == 2 and (m.group("sep") == "." or (m.group("sep") == "-" and not has_wd and not _bare_day_month(m))):
            return None
        year = read_year(raw_year)
        if year is None:
            return None
    start = m.start() if wd is None else wd
    month, day = int(m.group("mo")), int(m.group("d"))
    if m.group("d0"):  # "(16-17/6/2025)": both ends; the end's own mention runs from its day
        return start, m.end(), (Part(year, month, int(m.group("d0")), "start"),
                                Part(year, month, day, "end", start=m.start("d")))
    return start, m.end(), (Part(year, month, day),)


def _bare_day_month(m: regex.Match) -> bool:
    """A bare "d/m" is a date after a date word ("tanggal 2/1", "sejak 28/2") or alone on its line."""
    text = m.string
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:m.start()].strip(" \t-•*:") and not text[m.end():line_end].strip(" \t.,;"):
        return True
    return _word_before(m) in vocabulary()["date_cue"]


def _word_before(m: regex.Match) -> str:
    words = m.string[max(0, m.start() - 20):m.start()].split()
    return words[-1].rstrip(".:") if words else ""


def _iso(m: regex.Match, wd=None) -> Optional[tuple[int, int, tuple[Part, ...]]]:
    return m.start(), m.end(), (Part(int(m.group("y")), int(m.group("mo")), int(m.group("d"))),)


def _relative_day(m: regex.Match, wd=None):
    offset = int(vocabulary()["day_offset"][" ".join(m.group("w").lower().split())])
    return m.start(), m.end(), (Part(None, 0, None, relative=("days", offset)),)


def _direction(word: str) -> int:
    w = " ".join(word.lower().split())
    voc = vocabulary()
    if w in voc["past"]:
        return -1
    if w in voc["future"]:
        return 1
    return 0


def _unit_offset(unit: str, n: int) -> tuple:
    """The relative value of ``n`` units ("hari", "bln", "tahun"...) from the base."""
    kind = vocabulary()["unit"][" ".join(unit.lower().split())]
    if kind == "year":
        return ("years", n)
    if kind == "month":
        return ("months", n)
    return ("days", n * (1 if kind == "day" else 7))


def _relative_unit(m: regex.Match, wd=None):
    unit = m.group("u")
    n = number_value(m.group("n")) if m.group("n") else 1
    sign = _direction(m.group("dir"))
    if n is None or (sign == 0 and (m.group("n") or m.group("se"))):
        return None  # "dua hari ini" is "these two days", not a date
    if vocabulary()["unit"][unit.lower()] == "day" and not (m.group("n") or m.group("se")):
        return None  # "hari ini" is relative_day's; "hari lalu" alone is no date
    rel = _unit_offset(unit, sign * n)
    start = m.start("head") if m.group("n") else m.start("se") if m.group("se") else m.start("u")
    return start, m.end(), (Part(None, 0, None, relative=rel),)


def _relative_within(m: regex.Match, wd=None):
    n = number_value(m.group("n"))
    if n is None:
        return None
    return m.start(), m.end(), (Part(None, 0, None, relative=_unit_offset(m.group("u"), n)),)


def _relative_weekday(m: regex.Match, wd=None):
    sign = _direction(m.group("dir"))
    wd = m.group("wd").lower()
    if wd == "minggu" and not m.group("wk"):
        rel = ("days", 7 * sign)  # "minggu lalu" is last week more often than last Sunday
    elif m.group("wk") or sign == 0:
        # "Rabu pekan lalu", "Jumat ini", "Senin pekan ini": that day of the week named
        rel = ("weekday_in_week", weekday_number(wd), sign)
    else:
        rel = ("weekday", weekday_number(wd), sign)
    return m.start(), m.end(), (Part(None, 0, None, relative=rel),)


def _relative_part(m: regex.Match, wd=None):
    if m.group("m"):
        rel = ("month_named", month_number(m.group("m")))
    else:
        rel = ("months", _direction(m.group("rel")))
    return m.start(), m.end(), (Part(None, 0, None, relative=rel),)


_READERS = {
    "textual": _textual, "month_year": _month_year, "numeric": _numeric, "iso": _iso,
    "relative_day": _relative_day, "relative_unit": _relative_unit,
    "relative_weekday": _relative_weekday, "relative_part": _relative_part,
    "relative_within": _relative_within,
}


def _anchored(pattern: regex.Pattern, text: str, words: tuple[str, ...], doc, name: str) -> Iterator[regex.Match]:
    """Matches of ``pattern`` (which opens with ``\\G`` and checks word boundaries itself) at each
    occurrence of ``words`` in ``text``."""
    for word in words:
        i = text.find(word)
        while i >= 0:
            m = rx.search(pattern, text, i, min(len(text), i + 80), doc=doc, name=name)
            if m:
                yield m
            i = text.find(word, i + 1)


def candidates(text: str, *, doc=None) -> list[Candidate]:
    """Date expressions in ``text``, non-overlapping (the longest wins), in text order.

    >>> text = "Pemilu 2024, Senin (16/6/2025) dan 6-8 Feb. 2024"
    >>> [(text[c.start:c.end], c.rule) for c in candidates(text)]
    [('Senin (16/6/2025)', 'dates.numeric'), ('6-8 Feb. 2024', 'dates.textual')]
    """
    found: list[Candidate] = []
    text = _lower(text)
    anchored = anchors()
    for name, pattern in patterns().items():
        reader = _READERS[name]
        with_weekday = name in ("textual", "numeric")
        rule = f"dates.{name}"
        if name in anchored:
            matches = _anchored(pattern, text, anchored[name], doc, rule)
        else:
            matches = rx.finditer(pattern, text, doc=doc, name=rule)
        for m in matches:
            wd, wd_number = _weekday_before(text, m.start()) if with_weekday else (None, None)
            got = reader(m, wd)
            if got is None:
                continue
            start, end, parts = got
            if wd_number is not None and len(parts) == 1:
                parts = (replace(parts[0], weekday=wd_number),)
            found.append(Candidate(start, end, rule, parts, weekday=wd is not None))
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def resolve_relative(rel: tuple, base: _dt.date) -> Optional[str]:
    """The ISO value of a relative expression against ``base``.

    >>> b = _dt.date(2024, 2, 6)  # a Tuesday
    >>> resolve_relative(("days", -2), b), resolve_relative(("weekday", 1, -1), b), resolve_relative(("weekday", 4, 1), b)
    ('2024-02-04', '2024-01-30', '2024-02-09')
    >>> resolve_relative(("months", 1), b), resolve_relative(("month_named", 2), b), resolve_relative(("weekday_in_week", 0, 1), b)
    ('2024-03', '2024-02', '2024-02-12')
    >>> resolve_relative(("years", -1), b), resolve_relative(("weekday_in_week", 4, 0), b)
    ('2023', '2024-02-09')
    """
    kind = rel[0]
    if kind == "years":
        year = base.year + rel[1]
        return f"{year:04d}" if 1900 <= year <= 2099 else None
    if kind == "days":
        return (base + _dt.timedelta(days=rel[1])).isoformat()
    if kind == "months":
        y, m = _add_months(base.year, base.month, rel[1])
        return iso(y, m)
    if kind == "month_named":
        return iso(infer_year(base, rel[1]), rel[1])
    if kind == "weekday":
        wd, sign = rel[1], rel[2]
        delta = (wd - base.weekday()) % 7
        if sign < 0:
            delta = delta - 7 if delta else -7
        elif delta == 0:
            delta = 7
        return (base + _dt.timedelta(days=delta)).isoformat()
    if kind == "weekday_in_week":
        monday = base - _dt.timedelta(days=base.weekday()) + _dt.timedelta(days=7 * rel[2])
        return (monday + _dt.timedelta(days=rel[1])).isoformat()
    return None


def infer_year(base: _dt.date, month: int, day: Optional[int] = None, weekday: Optional[int] = None) -> int:
    """The year of a date written without one: the base's, except across a new year.

    A date more than 300 days after the base in its year is read in the year before
    ("Sabtu (28/12)" in an article of 3 January 2025), and one more than 300 days before
    it in the year after ("Jumat (2/1)" in an article of 30 December 2025), unless a
    written weekday fits the base's year and not the other.

    >>> b = _dt.date(2025, 1, 3)
    >>> infer_year(b, 12, 28), infer_year(b, 2, 14), infer_year(_dt.date(2025, 12, 30), 1, 2), infer_year(b, 8, 17)
    (2024, 2025, 2026, 2025)
    >>> infer_year(_dt.date(2025, 12, 9), 2, 1, weekday=0)  # no "Senin 1/2" near: keep the base's year
    2025
    """
    clipped = min(day or 1, calendar.monthrange(base.year, month)[1])
    delta = (_dt.date(base.year, month, clipped) - base).days
    years = [base.year]
    if delta > 300:
        years.insert(0, base.year - 1)
    elif delta < -300:
        years.insert(0, base.year + 1)
    if weekday is None or day is None:
        return years[0]
    for year in years:
        if iso(year, month, day) and _dt.date(year, month, day).weekday() == weekday:
            return year
    return base.year


def resolve(found: list[Candidate], base: Optional[_dt.date] = None, *,
            context_years: bool = True) -> list[Reading]:
    """Readings of ``found`` against ``base``: relative expressions resolved, missing years filled.

    A missing year comes from ``base``; without a base (``context_years``) from the
    nearest date before it in the text that writes its year, else the nearest after.
    Relative expressions and yearless dates with no year to take are dropped.

    >>> c = candidates("Rabu (7/2) dan kemarin")
    >>> [(r.value, r.relative, r.year_inferred) for r in resolve(c, _dt.date(2024, 2, 8))]
    [('2024-02-07', False, True), ('2024-02-07', True, False)]
    >>> resolve(c)
    []
    """
    explicit = [(c.start, p.year) for c in found for p in c.parts if p.relative is None and p.year]
    out: list[Reading] = []
    for c in found:
        for p in c.parts:
            inferred = False
            if p.relative is not None:
                if base is None:
                    continue
                value = resolve_relative(p.relative, base)
            else:
                year = p.year
                if year is None:
                    inferred = True
                    if base is not None:
                        year = infer_year(base, p.month, p.day, p.weekday)
                    elif context_years:
                        before = [y for s, y in explicit if s < c.start]
                        after = [y for s, y in explicit if s > c.start]
                        year = before[-1] if before else after[0] if after else None
                    if year is None:
                        continue
                value = iso(year, p.month, p.day)
            if value is None:
                continue
            out.append(Reading(c.start if p.start is None else p.start, c.end, value, c.rule, relative=p.relative is not None,
                               range=p.range, year_inferred=inferred, weekday=c.weekday))
    return out


def read(text: str, base: Optional[_dt.date] = None) -> list[Reading]:
    """Every date in ``text`` read against ``base`` (see the module docstring).

    >>> [r.value for r in read("Senin (5/2/2024), 77,04 persen, Rp 6,7 miliar, Pemilu 2024")]
    ['2024-02-05']
    >>> [(r.value, r.range) for r in read("Februari-Maret 2025 dan 6-8 Februari 2024")]
    [('2025-02', 'start'), ('2025-03', 'end'), ('2024-02-06', 'start'), ('2024-02-08', 'end')]
    """
    return resolve(candidates(text), base)


def read_one(text: str, base: Optional[_dt.date] = None) -> Optional[str]:
    """The value of the first date in ``text``, or None.

    >>> read_one("Selasa, 6 Februari 2024 10:15 WITA"), read_one("tahun 2024"), read_one("dua hari lalu", _dt.date(2024, 2, 6))
    ('2024-02-06', None, '2024-02-04')
    """
    got = read(text, base)
    return got[0].value if got else None


@functools.lru_cache(maxsize=1)
def _loose() -> regex.Pattern:
    # A day, a word that begins like a month, and a year, joined by any of " ./-":
    # spans our grammar may fail to read ("06-Feb-2024", "6 Febuari 2024").
    return rx.compile(
        r"(?=\d)(?<![\w.,/])(?P<d>0?[1-9]|[12]\d|3[01])[\s./\-]+(?P<w>\p{L}{3,10})\.?[\s./\-]+(?P<y>(?:19|20)\d\d)(?!\d)"
    )


def loose_spans(text: str, *, doc=None) -> list[tuple[int, int]]:
    """Spans that look like a day-month-year date with a month word our vocabulary does not know as written.

    >>> t = "dibuka 06-Feb-2024 dan 6 Februari 2024 oleh 5 orang 2024"
    >>> [t[s:e] for s, e in loose_spans(t)]
    ['06-Feb-2024']
    """
    voc = vocabulary()
    prefixes = {w[:3] for w in voc["month"]}
    out = []
    text = _lower(text)
    for m in rx.finditer(_loose(), text, doc=doc, name="dates.loose"):
        word = m.group("w").lower()
        if word[:3] not in prefixes:
            continue
        sep_ok = regex.fullmatch(r"\s+", text[m.end("d"):m.start("w")]) and regex.fullmatch(r"\.?\s*,?\s*", text[m.end("w"):m.start("y")])
        if month_number(word) is not None and sep_ok:
            continue  # the grammar reads this form itself
        out.append((m.start(), m.end()))
    return out


def parse_fallback(span: str, base: Optional[_dt.date] = None) -> Optional[str]:
    """Read a date span the grammar could not, with ``dateparser`` (imported here, strictly set).

    Day-month-year order, Indonesian (and English) names, and day, month and
    year all required: a number on its own is never read as a date.

    >>> parse_fallback("06-Feb-2024"), parse_fallback("77,04")
    ('2024-02-06', None)
    """
    import dateparser  # lazy: heavy, and needed only for spans the grammar cannot read

    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
        "PREFER_DATES_FROM": "past",
        "RETURN_TIME_AS_PERIOD": False,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = _dt.datetime.combine(base, _dt.time())
    got = dateparser.parse(span, languages=["id", "en"], settings=settings)
    if got is None:
        return None
    return iso(got.year, got.month, got.day)


# --- the dateline: the article's own publication date ---------------------------------------

@functools.lru_cache(maxsize=1)
def _dateline_patterns() -> dict[str, regex.Pattern]:
    voc = vocabulary()
    tz = _alt(voc["timezone"])
    marker = _alt(voc["dateline"])
    return {
        # what may follow a dateline date on its line: a clock time, a time zone, a separator
        "tail": rx.compile(rf"[\s,|]*(?:(?:pukul|jam)\s*)?(?:\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:{tz})?\b)?[\s|]*$",
                           regex.IGNORECASE),
        # a line opening with "Diterbitkan: " / "Published on" just before the date
        "marker": rx.compile(rf"^\s*(?:{marker})\b(?:\s+(?:pada|on|tanggal))?\s*[:\-]?\s*$", regex.IGNORECASE),
        # "Jakarta, " / "SAMARINDA (ANTARA), " opening a paragraph just before the date ...
        "city": rx.compile(r"^\s*\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}\s*(?:\([^()\n]{1,40}\)\s*)?,\s*$"),
        # ... and a dash after it ("Jakarta, Senin (16/6/2025) - "), not a comma ("Melansir The Spruce, Senin (2/6/2025), ...")
        "city_tail": rx.compile(r"\s*(?:[-–—]|$)"),
        "clock": rx.compile(r"\d{1,2}[:.]\d{2}"),
        # an outlet's credit before a dated line: "Kompas.com - 06/02/2024, 10:15 WIB"
        "credit": rx.compile(r"^\s*[\p{L}\d.'’ ]{2,40}\s[-–—|]\s*$"),
    }


def dateline(text: str, found: list[Candidate], *, head_lines: int = 8, head_chars: int = 1500) -> Optional[_dt.date]:
    """The article's publication date from its dateline, if it has one.

    A dateline is a full date (day, month and written year) that opens a line
    after a word like "Diterbitkan"; or is the text's first date and sits alone on
    one of its first lines with a weekday or a clock time ("Selasa, 6 Februari 2024
    10:15 WITA"), or after an outlet's credit with a clock time ("Kompas.com -
    06/02/2024, 10:15 WIB"); or sits between the city that opens a paragraph and a
    dash ("Jakarta, Senin (16/6/2025) - ...").

    >>> t = "Judul berita\\nSelasa, 6 Februari 2024 10:15 WITA\\nIsi berita pada Senin (5/2/2024)."
    >>> dateline(t, candidates(t))
    datetime.date(2024, 2, 6)
    >>> t = "Rapat digelar Senin (5/2/2024)."
    >>> dateline(t, candidates(t)) is None
    True
    """
    pats = _dateline_patterns()
    head_end = 0
    for _ in range(head_lines):
        nl = text.find("\n", head_end)
        if nl < 0:
            head_end = len(text)
            break
        head_end = nl + 1
    head_end = min(max(head_end, 1), head_chars) if head_end else head_chars
    for i, c in enumerate(found):
        if len(c.parts) != 1:
            continue
        part = c.parts[0]
        if part.relative is not None or part.year is None or part.day is None:
            continue
        value = iso(part.year, part.month, part.day)
        if value is None:
            continue
        line_start = text.rfind("\n", 0, c.start) + 1
        line_end = text.find("\n", c.end)
        line_end = len(text) if line_end < 0 else line_end
        before = text[line_start:c.start]
        after = text[c.end:line_end]
        if pats["marker"].search(before[-40:]):
            return _dt.date.fromisoformat(value)
        if c.start >= head_end:
            continue
        first = all(f.parts[0].relative is not None for f in found[:i])
        if first and pats["tail"].match(after) and (
                (not before.strip() and (c.weekday or pats["clock"].search(after)))
                or (pats["credit"].match(before) and pats["clock"].search(after))):
            return _dt.date.fromisoformat(value)
        if pats["city"].match(before) and pats["city_tail"].match(after):
            return _dt.date.fromisoformat(value)
    return None
