"""Sums of money: "Rp 6,7 miliar" is 6700000000 rupiah, "US$ 3" is 3 dollars.

The words come from ``models/money.csv`` (currency cues, scale words and
suffixes, qualifiers). A number is money only next to a currency cue: a
prefix ("Rp", "US$", "IDR") or a suffix ("rupiah", "dolar AS", "euro").

Reading rules, in order:

- the number is read by :func:`~berita_extract.normalize.numbers.parse_decimal`
  (``.`` groups thousands, ``,`` marks decimals; a lone ``.`` not followed by
  exactly three digits is a decimal point, so the misuse "Rp 1.5 miliar" is
  1500000000, while "Rp 1.500 miliar" is 1500000000000);
- numbers in words ("dua ratus ribu", "setengah miliar") by
  :func:`~berita_extract.normalize.numbers.parse_words`;
- with no scale word, "1,500" (one comma, exactly three digits after it) is
  English-style grouping, 1500: nobody writes fractions of a rupiah;
- the result is rounded to a whole number of units.

Forms written all in capitals ("M", "T", "K", "IDR", "USD") match only as
written (so the "m" of a word or "sar" of "tim SAR" never counts); every other
form matches case-blind.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

import regex

from ..resources import read_table
from .numbers import number_words, parse_decimal, parse_words

NUM = r"(?<!\d[.,]?)\d(?:[.,]?\d){0,24}(?![.,]?\d)"
"""A written numeral, at most 25 digits: bounded, so a hostile "1.1.1.1..." costs little."""


@functools.lru_cache(maxsize=None)
def table(kind: str) -> tuple[tuple[str, str], ...]:
    """``(form, value)`` rows of ``models/money.csv`` of one kind, longest form first.

    >>> ("juta", "1000000") in table("scale")
    True
    """
    rows = [(r["form"], r["value"]) for r in read_table("money.csv") if r["kind"] == kind]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def is_exact(form: str) -> bool:
    """Forms in capitals only are matched exactly ("M", "IDR"); the rest case-blind."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def alternation(kind: str) -> str:
    """A regex alternation of the forms of ``kind`` (for patterns compiled case-blind).

    >>> alternation("scale").startswith("(?:")
    True
    """
    parts = []
    for form, _ in table(kind):
        pat = r"\s+".join(regex.escape(w) for w in form.split())
        parts.append(f"(?-i:{pat})" if is_exact(form) else pat)
    return "(?:" + "|".join(parts) + ")"


@functools.lru_cache(maxsize=None)
def _index(kind: str) -> tuple[dict[str, str], dict[str, str]]:
    """Forms of ``kind`` matched as written, and the rest by their case-folded spelling."""
    exact, folded = {}, {}
    for form, value in table(kind):
        if is_exact(form):
            exact[form] = value
        else:
            folded.setdefault(form.casefold(), value)
    return exact, folded


def _lookup(kind: str, form: str) -> str | None:
    key = " ".join(form.split())
    exact, folded = _index(kind)
    return exact.get(key, folded.get(key.casefold()))


def scale(word: str) -> int:
    """The multiplier a scale word stands for.

    >>> scale("miliar"), scale("M"), scale("jt"), scale("Triliun"), scale("rb"), scale("billion")
    (1000000000, 1000000000, 1000000, 1000000000000, 1000, 1000000000)
    >>> scale("m")
    Traceback (most recent call last):
    ...
    ValueError: not a scale word: 'm'
    """
    value = _lookup("scale", word)
    if value is None:
        raise ValueError(f"not a scale word: {word!r}")
    return int(value)


def currency(form: str, position: str = "prefix") -> str:
    """The ISO 4217 code of a currency cue written before (``"prefix"``) or after the number.

    >>> currency("Rp"), currency("US$"), currency("rupiah", "suffix"), currency("dolar  AS", "suffix")
    ('IDR', 'USD', 'IDR', 'USD')
    """
    value = _lookup(position, form)
    if value is None and position == "suffix":
        value = _lookup("suffix_fused", form)
    if value is None:
        raise ValueError(f"not a currency {position}: {form!r}")
    return value


_CENTS = regex.compile(r"(?:0|\d{1,3}(?:\.\d{3})+|\d{4,}),\d\d")
"""A figure written with cents: two decimals after a comma, and a whole part that is 0 or at least 1.000."""


def exact_value(number: str, scale_word: str | None = None) -> Decimal:
    """The exact sum ``number`` (digits or words) times ``scale_word``, in plain notation.

    >>> exact_value("2,75"), exact_value("0,41"), exact_value("1,5", "juta"), exact_value("1.550.000,00")
    (Decimal('2.75'), Decimal('0.41'), Decimal('1500000'), Decimal('1550000'))
    """
    number = " ".join(number.split())
    if number[:1].isdigit():
        if scale_word is None and regex.fullmatch(r"\d{1,3},\d{3}", number):
            number = number.replace(",", "")
        amount = Decimal(repr(parse_decimal(number)))
    else:
        amount = Decimal(repr(parse_words(number)))
    if scale_word:
        amount *= scale(scale_word)
    # One spelling per value ("1500000", not "1.5E+6" or "1500000.0"): it is part of the record's key.
    return Decimal(format(amount.normalize(), "f"))


def number_value(number: str, scale_word: str | None = None, *, whole: bool = False) -> int:
    """The number of units ``number`` (digits or words) times ``scale_word``, rounded half up.

    With ``whole``, a sum with a fraction of a unit is refused (ValueError) unless it
    is written with cents ("Rp 10.000,50", "Rp 0,99": rounded half up, as a ledger
    rounds): "Rp 2,4 per tahun" is a rupiah sum whose scale word is missing, not 2.4 rupiah.

    >>> number_value("6,7", "miliar"), number_value("1.550.000"), number_value("1.800", "juta")
    (6700000000, 1550000, 1800000000)
    >>> number_value("1.5", "miliar"), number_value("1,500"), number_value("dua ratus ribu")
    (1500000000, 1500, 200000)
    >>> number_value("919,9", "triliun"), number_value("setengah miliar"), number_value("1.550.000,00", whole=True)
    (919900000000000, 500000000, 1550000)
    >>> number_value("10.000,50", whole=True), number_value("1.234.567,89", whole=True), number_value("0,99", whole=True)
    (10001, 1234568, 1)
    >>> number_value("2,4", whole=True)
    Traceback (most recent call last):
    ...
    ValueError: not a whole sum: '2,4'
    """
    amount = exact_value(number, scale_word)
    if whole and amount != amount.to_integral_value() and (scale_word or not _CENTS.fullmatch(" ".join(number.split()))):
        raise ValueError(f"not a whole sum: {number!r}")
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@functools.lru_cache(maxsize=1)
def _number_with_scale() -> regex.Pattern:
    return regex.compile(rf"(?P<num>.+?)\s?(?P<scale>{alternation('scale')})", regex.I | regex.V1)


def parse_number(text: str) -> float:
    """The value of a number with no currency: digits, words, or either with a scale word.

    >>> parse_number("5 ribu"), parse_number("1.200.000"), parse_number("tujuh ratus dua puluh satu ribu dua belas")
    (5000.0, 1200000.0, 721012.0)
    >>> parse_number("0,77"), parse_number("9.5 juta")
    (0.77, 9500000.0)
    """
    s = " ".join(text.split())
    m = _number_with_scale().fullmatch(s)
    if m and m["num"][-1:].isdigit():
        if is_exact(m["scale"]) and scale(m["scale"]) >= 10**9:
            # "M" and "T" are miliar and triliun beside a currency ("Rp 6,7 M"); alone they are no number
            raise ValueError(f"a scale letter without a currency: {text!r}")
        amount = Decimal(repr(parse_decimal(m["num"]))) * scale(m["scale"])
        return float(amount)
    if s[:1].isdigit():
        return parse_decimal(s)
    return parse_words(s)


class Money(NamedTuple):
    value: int
    currency: str


@functools.lru_cache(maxsize=1)
def _words() -> str:
    """A number in words, as the grammar of Indonesian numerals allows it (no word count).

    Below a thousand: ``[U ratus | seratus] [U belas | sebelas | U puluh [U] | sepuluh | U]``;
    then groups closed by a scale word ("dua ratus tiga puluh ribu", "sejuta", "setengah
    miliar"), at most one per scale word in the vocabulary, and a last group without one.
    So a figure written out in full ("satu juta dua ratus tiga puluh empat ribu lima
    ratus enam puluh tujuh") is one span however many words it takes, and the span ends
    where the grammar does.
    """
    esc = lambda kinds: "|".join(regex.escape(w) for w in number_words(*kinds))  # noqa: E731
    table = _number_kinds()
    unit = f"(?:{esc(('unit',))})"
    half = f"(?:{esc(('half',))})"
    scale_words = number_words("scale")
    scale = f"(?:{'|'.join(regex.escape(w) for w in scale_words)})"
    hundred, ten, teen = (f"(?:{'|'.join(regex.escape(w) for w in table[k])})" for k in ("hundred", "ten", "teen"))
    s = r"\s+"
    tens = rf"(?:se{teen}|se{ten}|{unit}{s}{teen}|{unit}{s}{ten}(?:{s}{unit})?|{unit})"
    small = rf"(?:(?:se{hundred}|{unit}{s}{hundred})(?:{s}{tens})?|{tens})"
    group = rf"(?:(?:{small}(?:{s}{half})?|{half}){s}{scale}|se{scale})"
    n = len(scale_words)
    return rf"(?<!\p{{L}})(?:{group}(?:{s}{group}){{0,{n}}}(?:{s}{small}(?:{s}{half})?)?|{small}(?:{s}{half})?)(?!\p{{L}})"


@functools.lru_cache(maxsize=1)
def _number_kinds() -> dict[str, tuple[str, ...]]:
    """The "mult" words split by what they multiply: hundreds ("ratus") and tens ("puluh"); "belas"."""
    from .numbers import word_value

    mult = number_words("mult")
    return {
        "hundred": tuple(w for w in mult if word_value(w) == 100),
        "ten": tuple(w for w in mult if word_value(w) == 10),
        "teen": number_words("teen"),
    }


@functools.lru_cache(maxsize=None)
def number_pattern(tag: str = "") -> str:
    """A numeral or number in words, then an optional scale word.

    Groups ``num``, ``scale`` and ``an``, each name followed by ``tag`` (so one
    pattern can hold both ends of a range). ``an`` is the "-an" that makes a
    sum approximate ("Rp1 jutaan"); a trailing "-nya" ("Rp 3 triliunnya") is allowed.
    """
    return (
        rf"(?P<num{tag}>{NUM}|{_words()})"
        rf"(?:\s?(?P<scale{tag}>{alternation('scale')})(?P<an{tag}>-?an)?(?:nya)?(?!\p{{L}}))?"
    )


@functools.lru_cache(maxsize=2)
def _full(position: str) -> regex.Pattern:
    num = number_pattern()
    if position == "prefix":
        pat = rf"(?P<cur>{alternation('prefix')})\s{{0,3}}{num}"
    else:
        pat = rf"{num}\s?(?P<cur>{alternation('suffix')}|{alternation('suffix_fused')})"
    return regex.compile(pat, regex.I | regex.V1)


def parse_amount(text: str) -> Money:
    """Value and currency of one written sum, currency cue included.

    >>> parse_amount("Rp 6,7 miliar"), parse_amount("Rp 1.550.000,-"), parse_amount("2,5 miliar rupiah")
    (Money(value=6700000000, currency='IDR'), Money(value=1550000, currency='IDR'), Money(value=2500000000, currency='IDR'))
    >>> parse_amount("IDR 3 billion"), parse_amount("US$ 2,15"), parse_amount("dua ratus ribu rupiah")
    (Money(value=3000000000, currency='IDR'), Money(value=2, currency='USD'), Money(value=200000, currency='IDR'))
    >>> parse_amount("1.200 personel")
    Traceback (most recent call last):
    ...
    ValueError: not a sum of money (no currency cue?): '1.200 personel'
    """
    s = text.strip()
    if s.endswith(",-"):
        s = s[:-2]
    for position in ("prefix", "suffix"):
        m = _full(position).fullmatch(s)
        if m:
            return Money(number_value(m["num"], m["scale"]), currency(m["cur"], position))
    raise ValueError(f"not a sum of money (no currency cue?): {text!r}")
