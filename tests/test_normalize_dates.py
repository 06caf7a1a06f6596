"""The pure date grammar (berita_extract.normalize.dates): vocabulary, readings, relative dates, datelines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_extract.normalize import dates as g

MONTHS = {int(v): f for f, v in g.vocabulary()["month"].items() if f.isascii() and len(f) > 4}
INDONESIAN_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                     "September", "Oktober", "November", "Desember"]
ABBREVIATIONS = ["Jan.", "Feb.", "Mar.", "Apr.", "Mei", "Jun.", "Jul.", "Agt.", "Sept.", "Okt.", "Nop.", "Des."]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


def test_vocabulary_covers_every_month_and_weekday():
    voc = g.vocabulary()
    assert {int(v) for v in voc["month"].values()} == set(range(1, 13))
    assert {int(v) for v in voc["month_abbr"].values()} <= set(range(1, 13))
    assert {int(v) for v in voc["weekday"].values()} == set(range(7))
    for i, name in enumerate(INDONESIAN_MONTHS, start=1):
        assert g.month_number(name) == i
        assert g.month_number(name.upper()) == i
    for i, name in enumerate(WEEKDAYS):
        assert g.weekday_number(name) == i


@given(dates, st.sampled_from(["{wd} {d} {mon} {y}", "{wd}, {d} {mon} {y}", "{d} {mon} {y}", "{dd} {mon} {y}",
                               "{wd} ({d}/{m}/{y})", "{wd}, {d}/{m}/{y}", "{d}/{m}/{y}", "{dd}/{mm}/{y}",
                               "({d}/{m}/{y})", "{d}-{m}-{y}", "{abbr} {y}", "{d} {abbr} {y}"]))
@settings(max_examples=300, deadline=None)
def test_written_dates_read_back_day_first(day, template):
    text = "Rapat digelar " + template.format(
        wd=WEEKDAYS[day.weekday()], d=day.day, dd=f"{day.day:02d}", m=day.month, mm=f"{day.month:02d}",
        y=day.year, mon=INDONESIAN_MONTHS[day.month - 1], abbr=ABBREVIATIONS[day.month - 1],
    ) + " di aula kantor."
    expected = day.isoformat()[:7] if template.startswith("{abbr}") else day.isoformat()
    assert [r.value for r in g.read(text)] == [expected]


@given(st.integers(1, 999), st.integers(0, 99))
def test_decimals_are_never_dates(whole, frac):
    for text in (f"IKP mencapai {whole},{frac:02d}", f"Rp {whole},{frac} miliar", f"inflasi {whole},{frac} persen",
                 f"nilai {whole}.{frac:02d}"):
        assert g.read(text, dt.date(2024, 2, 6)) == [], text


@given(st.integers(1900, 2099), st.sampled_from(["Pemilu {y}", "tahun {y}", "pada {y} ini", "APBD {y}",
                                                  "periode {y}-{y2}", "sejak {y}"]))
def test_bare_years_are_never_dates(year, template):
    text = template.format(y=year, y2=year + 5)
    assert g.read(text, dt.date(2024, 2, 6)) == []


@given(st.sampled_from(INDONESIAN_MONTHS), st.integers(1900, 2099))
def test_month_and_year_never_invent_a_day(month, year):
    [reading] = g.read(f"Data BPS per {month} {year} menunjukkan kenaikan.")
    assert reading.value == f"{year:04d}-{INDONESIAN_MONTHS.index(month) + 1:02d}"


@given(dates, st.integers(0, 6))
def test_weekday_lalu_and_depan_land_in_the_week_around_the_base(base, weekday):
    last = dt.date.fromisoformat(g.resolve_relative(("weekday", weekday, -1), base))
    nxt = dt.date.fromisoformat(g.resolve_relative(("weekday", weekday, 1), base))
    assert last.weekday() == weekday == nxt.weekday()
    assert 1 <= (base - last).days <= 7
    assert 1 <= (nxt - base).days <= 7


@pytest.mark.parametrize("text, value", [
    ("kemarin", "2024-02-05"), ("hari ini", "2024-02-06"), ("besok", "2024-02-07"), ("lusa", "2024-02-08"),
    ("dua hari lalu", "2024-02-04"), ("tiga hari lagi", "2024-02-09"), ("Selasa lalu", "2024-01-30"),
    ("Senin kemarin", "2024-02-05"), ("Kamis depan", "2024-02-08"), ("Senin pekan depan", "2024-02-12"),
    ("pekan depan", "2024-02-13"), ("dua pekan lalu", "2024-01-23"), ("bulan depan", "2024-03"),
    ("tiga bulan lalu", "2023-11"), ("akhir Februari", "2024-02"), ("awal Maret", "2024-03"),
    ("awal bulan ini", "2024-02"), ("akhir bulan lalu", "2024-01"),
])
def test_relative_expressions(text, value):
    [reading] = g.read(f"Rapat itu {text} di kantor bupati.", dt.date(2024, 2, 6))
    assert (reading.value, reading.relative) == (value, True)


def test_relative_and_yearless_need_a_base():
    assert g.read("Rapat digelar kemarin dan Rabu (7/2).") == []
    found = g.candidates("Rapat digelar kemarin dan Rabu (7/2).")
    assert [c.rule for c in found] == ["dates.relative_day", "dates.numeric"]


def test_yearless_date_takes_the_nearest_written_year_without_a_base():
    text = "Rapat pertama Rabu (15/5/2024). Pemungutan suara 14 Februari. Evaluasi Selasa (21/10/2025)."
    values = [r.value for r in g.read(text)]
    assert values == ["2024-05-15", "2024-02-14", "2025-10-21"]


def test_candidates_do_not_overlap_and_the_longest_wins():
    text = "Pameran Selasa, 6-8 Februari 2024 dan Februari--Maret 2025 serta akhir Februari 2024."
    found = g.candidates(text)
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert [text[c.start:c.end] for c in found] == [
        "Selasa, 6-8 Februari 2024", "Februari--Maret 2025", "Februari 2024"]


@given(st.lists(st.sampled_from(["6", "12", "2024", "/", "-", " ", ",", "(", ")", "Februari", "Feb.", "Selasa",
                                 "kemarin", "lalu", "pekan", "depan", "akhir", "bulan", "ini", "dan", "20205"]),
                max_size=25))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_valid_non_overlapping_readings(tokens):
    text = "".join(tokens)
    readings = g.read(text, dt.date(2024, 2, 6))
    for r in readings:
        assert 0 <= r.start < r.end <= len(text)
        if len(r.value) == 10:
            dt.date.fromisoformat(r.value)
        else:
            year, month = map(int, r.value.split("-"))
            assert 1 <= month <= 12
    spans = sorted({(r.start, r.end) for r in readings})
    # only the two ends of one range may share characters
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2 or e2 == e1


@pytest.mark.parametrize("text, expected", [
    ("Judul\nSelasa, 6 Februari 2024 10:15 WITA\nIsi berita.", "2024-02-06"),
    ("Judul\nSelasa, 6 Februari 2024 | 10.15 WIB\nIsi berita.", "2024-02-06"),
    ("Judul\n\nSAMARINDA, Selasa (6/2/2024) - Isi berita.", "2024-02-06"),
    ("Judul\n\nBalikpapan (Antara), Selasa (6/2/2024) – Isi berita.", "2024-02-06"),
    ("Judul\nDiterbitkan: Selasa, 6 Februari 2024\nIsi berita.", "2024-02-06"),
    ("Judul\nKabar Borneo - 06/02/2024, 10:15 WIB\nIsi berita.", "2024-02-06"),
    ("Judul\nRapat - 06/02/2024\nIsi berita.", None),
    ("Judul\nIsi berita panjang.\nDipublikasikan pada 6 Februari 2024", "2024-02-06"),
    ("Judul\nRapat digelar Selasa (6/2/2024) di kantor.", None),
    ("Judul\nMelansir laman resmi, Selasa (6/2/2024), berikut daftarnya.", None),
    ("Jadwal\n21 November 2025\n26 November 2025\n", None),
    ("Judul\nVideo diunggah pada Selasa (6/2/2024) oleh warga.", None),
])
def test_dateline(text, expected):
    got = g.dateline(text, g.candidates(text))
    assert got == (None if expected is None else dt.date.fromisoformat(expected))


def test_loose_spans_leave_what_the_grammar_reads_to_the_grammar():
    text = "Diteken 06-Feb-2024, dibuka 6 Februari 2024, 6 orang 2024 hadir, 6 Febuari 2024 ditutup."
    assert [text[s:e] for s, e in g.loose_spans(text)] == ["06-Feb-2024", "6 Febuari 2024"]


def test_fallback_is_strict():
    assert g.parse_fallback("06-Feb-2024") == "2024-02-06"
    assert g.parse_fallback("05-02-2024") == "2024-02-05"  # day first
    for text in ("77,04", "6,7", "2024", "Februari", "Pemilu 2024"):
        assert g.parse_fallback(text) is None, text
