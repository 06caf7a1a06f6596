"""normalize.money and the number readers it builds on: values of written sums."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berita_extract.normalize import money
from berita_extract.normalize.numbers import parse_range, parse_words


@pytest.mark.parametrize("text, value, currency", [
    ("Rp 6,7 miliar", 6_700_000_000, "IDR"),
    ("Rp6,7 M", 6_700_000_000, "IDR"),
    ("Rp 14,6 T", 14_600_000_000_000, "IDR"),
    ("Rp 990 M", 990_000_000_000, "IDR"),
    ("Rp 1.550.000", 1_550_000, "IDR"),
    ("Rp 1.550.000,-", 1_550_000, "IDR"),
    ("Rp 25 juta", 25_000_000, "IDR"),
    ("Rp 500 ribu", 500_000, "IDR"),
    ("Rp 500rb", 500_000, "IDR"),
    ("Rp 2 jt", 2_000_000, "IDR"),
    ("Rp1,2 triliun", 1_200_000_000_000, "IDR"),
    ("2,5 miliar rupiah", 2_500_000_000, "IDR"),
    ("IDR 3 billion", 3_000_000_000, "IDR"),
    ("Rp 1.800 juta", 1_800_000_000, "IDR"),
    ("setengah miliar rupiah", 500_000_000, "IDR"),
    ("dua ratus ribu rupiah", 200_000, "IDR"),
    ("Rp 1.5 miliar", 1_500_000_000, "IDR"),
    ("Rp 919,9 triliun", 919_900_000_000_000, "IDR"),
    ("Rp.778.732.739", 778_732_739, "IDR"),
    ("US$ 3", 3, "USD"),
    ("142 miliar dolar AS", 142_000_000_000, "USD"),
    ("5 juta euro", 5_000_000, "EUR"),
])
def test_parse_amount(text, value, currency):
    assert money.parse_amount(text) == (value, currency)


@pytest.mark.parametrize("text", ["1.200 personel", "77,04", "2024", "juta rupiah", "Rp", "Tim SAR 12", "rupiah 5"])
def test_no_currency_cue_no_money(text):
    with pytest.raises(ValueError):
        money.parse_amount(text)


def test_single_capitals_are_case_sensitive():
    assert money.scale("M") == 10**9 and money.scale("T") == 10**12
    for word in ("m", "t"):
        with pytest.raises(ValueError):
            money.scale(word)


def test_english_grouping_without_scale():
    assert money.number_value("1,500") == 1500
    assert money.number_value("1,5", "juta") == 1_500_000


@pytest.mark.parametrize("text, value", [
    ("satu", 1), ("sebelas", 11), ("dua belas", 12), ("dua puluh lima", 25), ("seratus", 100),
    ("seratus dua puluh lima", 125), ("seribu", 1000), ("dua ratus ribu", 200_000),
    ("setengah", 0.5), ("setengah juta", 500_000), ("satu setengah miliar", 1_500_000_000),
    ("tiga ratus lima puluh juta", 350_000_000), ("dua belas juta lima ratus ribu", 12_500_000),
])
def test_parse_words(text, value):
    assert parse_words(text) == value


@pytest.mark.parametrize("text", ["ratusan", "puluh", "dua ratusan ribu", "banyak"])
def test_parse_words_rejects_vague_words(text):
    with pytest.raises(ValueError):
        parse_words(text)


def test_parse_range():
    assert parse_range("4-6") == (4, 6)
    assert parse_range("1,5 sampai dengan 2") == (1.5, 2)


def _indonesian(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_rupiah_roundtrip(n):
    assert money.parse_amount(f"Rp {_indonesian(n)}") == (n, "IDR")
    assert money.parse_amount(f"Rp{_indonesian(n)},-") == (n, "IDR")


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99),
       st.sampled_from([("ribu", 10**3), ("juta", 10**6), ("miliar", 10**9), ("triliun", 10**12)]))
def test_decimal_with_scale(whole, cents, scale):
    word, mult = scale
    assert money.parse_amount(f"Rp {whole},{cents:02d} {word}").value == (whole * 100 + cents) * mult // 100
