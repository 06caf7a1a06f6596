"""The peers' own test suites (tests/conformance/*.yaml, issue 16), and the property that the
number normalizer and the amount spans agree on every number written in words.

``python tests/conformance/run.py --show-errors`` prints the same cases as rates.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_extract.normalize.numbers import parse_words

sys.path.insert(0, str(Path(__file__).resolve().parent / "conformance"))
import run as conformance  # noqa: E402

RESULTS = conformance.run()


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.level}:{r.scope}:{r.text[:50]}" for r in RESULTS])
def test_case(result):
    """An in-scope case gives exactly its value; an out-of-scope one nothing or its value."""
    assert result.ok, f"{result.text!r}: want {result.want}, got {result.got} (from {result.source})"


def test_every_case_names_its_source_and_scope():
    for name in ("numbers.yaml", "money.yaml", "dates.yaml"):
        for row in conformance.load(name):
            assert row["scope"] in ("in", "out") and " " in row["source"], row
            assert row["scope"] == "out" or row["value"] is not None, row


def test_the_rates_meet_the_bar():
    s = conformance.summary(RESULTS)["all"]
    assert s["rate"] >= 0.98 and s["wrong_out_of_scope"] == 0, s


UNITS = "nol satu dua tiga empat lima enam tujuh delapan sembilan".split()
SCALES = ((10**15, "kuadriliun"), (10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _below_thousand(n: int) -> list[str]:
    out = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        out += ["seratus"] if hundreds == 1 else [UNITS[hundreds], "ratus"]
    if rest == 10:
        out.append("sepuluh")
    elif rest == 11:
        out.append("sebelas")
    elif 12 <= rest <= 19:
        out += [UNITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, unit = divmod(rest, 10)
        out += [UNITS[tens], "puluh"] + ([UNITS[unit]] if unit else [])
    elif rest:
        out.append(UNITS[rest])
    return out


def spell(n: int) -> str:
    """``n`` in Indonesian words, as a Terbilang does it (written here, independent of the normalizer).

    >>> spell(1234567), spell(1000), spell(0)
    ('satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh', 'seribu', 'nol')
    """
    if n == 0:
        return "nol"
    words = []
    for size, name in SCALES:
        q, n = divmod(n, size)
        if q:
            words += ["seribu"] if (size == 1000 and q == 1) else _below_thousand(q) + [name]
    return " ".join(words + _below_thousand(n))


NUMBERS = st.one_of(st.integers(0, 999), st.integers(1000, 10**6), st.integers(10**6, 10**16 - 1))


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(NUMBERS)
def test_every_number_the_normalizer_reads_is_one_amount_in_each_span_form(n):
    words = spell(n)
    assert parse_words(words) == n
    digits = f"{n:,}".replace(",", ".")
    for form in (f"Rp {words}", f"{words} rupiah", f"Rp {digits} ({words} rupiah)", f"Dibayar Rp {digits} ({words} rupiah) tunai."):
        assert conformance.amounts(form) == [(n, "IDR")], form
