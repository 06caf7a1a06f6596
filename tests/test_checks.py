"""berita_extract.checks: plausibility warnings on an assembled Article (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest

from berita_extract import checks
from berita_extract.records import Amount, Article, DateMention, Score

PUB = dt.date(2025, 6, 10)

# (date value, is it after publication 2025-06-10?)
DATES = [
    ("2025-06-10", False),  # the day itself
    ("2025-06-09", False),
    ("2025-06-11", True),
    ("2025-06", False),      # the month of publication
    ("2025-07", True),
    ("2024-12-31", False),
    ("2026-01-01", True),
]


@pytest.mark.parametrize("value,after", DATES)
def test_date_after_publication_warns(value, after):
    art = Article(published=PUB, dates=[DateMention(value=value, text="tanggal itu")])
    assert any("after publication" in w for w in checks.warnings(art)) is after


def test_no_publication_date_no_date_warning():
    art = Article(dates=[DateMention(value="2030-01-01", text="1 Januari 2030")])
    assert checks.warnings(art) == []


def test_relative_dates_are_not_checked():
    art = Article(published=PUB, dates=[DateMention(value="2025-06-11", text="besok", relative=True)])
    assert checks.warnings(art) == []


# (rupiah value, larger than the state budget?)
AMOUNTS = [
    (6_700_000_000, False),
    (3_621_300_000_000_000, False),   # a whole APBN is still plausible
    (50_000_000_000_000_000, True),   # Rp 50.000 triliun: a misread unit
]


@pytest.mark.parametrize("value,warns", AMOUNTS)
def test_amount_over_state_budget_warns(value, warns):
    art = Article(amounts=[Amount(value=value, text="Rp ...")])
    assert any("state budget" in w for w in checks.warnings(art)) is warns


# (index, value, unit, warns?)
SCORES = [
    ("tingkat partisipasi pemilih", 81.0, "percent", False),
    ("tingkat partisipasi pemilih", 108.0, "percent", True),
    ("realisasi anggaran", 100.0, "percent", False),
    ("kenaikan harga cabai", 150.0, "percent", False),   # a change may exceed 100
    ("pertumbuhan kredit", 120.0, "percent", False),
    ("IPM", 176.0, None, False),                        # not a percentage
]


@pytest.mark.parametrize("index,value,unit,warns", SCORES)
def test_share_over_100_percent_warns(index, value, unit, warns):
    art = Article(scores=[Score(index=index, value=value, unit=unit)])
    assert any("over 100 percent" in w for w in checks.warnings(art)) is warns


def test_check_appends_once():
    art = Article(published=PUB, dates=[DateMention(value="2025-07-01", text="1 Juli 2025")])
    checks.check(art)
    checks.check(art)
    assert len(art.warnings) == 1 and "1 Juli 2025" in art.warnings[0]
