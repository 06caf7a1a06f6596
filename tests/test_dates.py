"""The dates component: the example table, the seed article, evidence, and dateparser kept off the hot path."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import berita_extract
from berita_extract import spans
from berita_extract.assemble import DATELINE_KEY, PUBLISHED_KEY
from conftest import ROOT, shared_path
from examples import cases

SRC = ROOT / "src"


def _dates(text: str, published=None):
    return berita_extract.extract(text, published=published)


@pytest.mark.parametrize("form, expect", cases("dates"))
def test_example_table(form, expect):
    art = _dates(form, expect.get("published"))
    got = art.dates
    want = expect["dates"]
    assert [d.value for d in got] == [w["value"] for w in want], [d.model_dump() for d in got]
    for record, w in zip(got, want):
        for name, value in w.items():
            assert getattr(record, name) == value, (name, record.model_dump())
    if "article_published" in expect:
        pub = expect["article_published"]
        assert art.published == (None if pub is None else dt.date.fromisoformat(pub))


def test_mentions_are_exact_slices_with_rules():
    text = ("Rapat digelar Selasa (6/2/2024) di Tanah Grogot. Pameran dibuka 6-8 Februari 2024, "
            "dan inflasi Februari--Maret 2025 rendah. Banjir surut kemarin.")
    art = _dates(text, "2024-02-07")
    assert art.dates
    for record in art.dates:
        assert record.mentions
        for m in record.mentions:
            assert text[m.start:m.end] == m.text
            assert m.rule.startswith("dates.")


def test_one_date_mentioned_twice_is_one_record_with_two_mentions():
    text = "Musrenbang digelar Selasa, 6 Februari 2024. Hasil Musrenbang 6 Februari 2024 dibahas lagi."
    [record] = _dates(text).dates
    assert record.value == "2024-02-06"
    assert [m.text for m in record.mentions] == ["Selasa, 6 Februari 2024", "6 Februari 2024"]
    assert record.text == "Selasa, 6 Februari 2024"


def test_fullest_form_names_the_record_even_when_it_comes_second():
    text = "Hasil Musrenbang 6 Februari 2024 dibahas. Musrenbang digelar Selasa, 6 Februari 2024."
    [record] = _dates(text).dates
    assert record.text == "Selasa, 6 Februari 2024"


def test_factory_works_on_its_own_and_leaves_published_alone():
    nlp = spacy.blank("id")
    nlp.add_pipe("berita_dates")
    doc = nlp.make_doc("Banjir Rendam Desa\nSelasa, 6 Februari 2024 10:15 WITA\nBanjir sejak kemarin.")
    doc.user_data[PUBLISHED_KEY] = dt.date(2024, 2, 7)
    doc = nlp(doc)
    assert DATELINE_KEY not in doc.user_data  # the caller gave a date: no dateline needed
    values = {(p["fields"]["value"], p["fields"]["relative"]) for p in spans.payloads(doc, "dates")}
    assert values == {("2024-02-06", False), ("2024-02-06", True)}
    doc = nlp("Banjir Rendam Desa\nSelasa, 6 Februari 2024 10:15 WITA\nBanjir sejak kemarin.")
    assert doc.user_data[DATELINE_KEY] == dt.date(2024, 2, 6)


# --- the seed article: what dateparser.search_dates gets wrong never happens here -----------

@pytest.fixture(scope="module")
def seed_text() -> str:
    return shared_path("corpus", "seed", "paser-pemilu-2024.txt").read_text(encoding="utf-8")


def test_seed_decimals_and_bare_years_are_not_dates(seed_text):
    art = _dates(seed_text)
    assert [d.value for d in art.dates] == ["2024-02-06"]
    covered = [(m.start, m.end) for d in art.dates for m in d.mentions]
    for needle in ("77,04", "6,7", "1,8", "Pemilu 2024", "2024 ini"):
        at = seed_text.index(needle)
        assert not any(s < at + len(needle) and at < e for s, e in covered), needle
    assert all(len(d.value) > 4 for d in art.dates)


def test_seed_numeric_date_is_day_first(seed_text):
    # Our own sentence appended to the seed: (5/2/2024) is 5 February, not 2 May.
    text = seed_text + "\nRapat persiapan sebelumnya digelar Senin (5/2/2024) di Tanah Grogot.\n"
    values = [d.value for d in _dates(text).dates]
    assert "2024-02-05" in values
    assert "2024-05-02" not in values


def test_seed_gold_dates(seed_text):
    gold = json.loads(shared_path("corpus", "seed", "paser-pemilu-2024.json").read_text(encoding="utf-8"))
    got = [(d.value, d.text) for d in _dates(seed_text).dates]
    assert got == [(g["value"], g["text"]) for g in gold["dates"]]


# --- dateparser: lazy, only for spans the grammar cannot read --------------------------------

def _run(code: str) -> str:
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, cwd=str(ROOT))
    return res.stdout.strip()


def test_extracting_a_normal_article_does_not_import_dateparser():
    article = (ROOT / "examples" / "contoh_berita.txt").read_text(encoding="utf-8")
    out = _run(
        "import sys, json, berita_extract\n"
        f"art = berita_extract.extract({article!r}, published='2024-09-13')\n"
        "print(json.dumps(['dateparser' in sys.modules, [d.value for d in art.dates]]))"
    )
    imported, values = json.loads(out)
    assert values, "the example article has dates"
    assert imported is False


def test_fallback_reads_a_span_the_grammar_cannot_and_only_then_imports_dateparser():
    out = _run(
        "import sys, json, berita_extract\n"
        # "06-Feb-2024" the grammar reads itself now; spaces around the signs it does not
        "art = berita_extract.extract('Kontrak diteken 06 / Feb / 2024 di Samarinda.')\n"
        "print(json.dumps(['dateparser' in sys.modules, [(d.value, d.text, d.rule) for d in art.dates]]))"
    )
    imported, dates = json.loads(out)
    assert dates == [["2024-02-06", "06 / Feb / 2024", "dates.fallback_dateparser"]]
    assert imported is True


def test_a_date_that_does_not_exist_is_dropped_not_guessed():
    assert _dates("Rapat digelar 31 Februari 2024 dan 30/2/2024.").dates == []


def test_two_payloads_on_the_same_tokens_are_both_kept():
    # "6–8" is one token: both ends' mentions cover it, and neither may overwrite the other.
    nlp = spacy.blank("id")
    nlp.add_pipe("berita_dates")
    doc = nlp("Pameran digelar 6–8 Februari 2024.")
    got = [(p["fields"]["value"], p["fields"]["range"]) for p in spans.payloads(doc, "dates")]
    assert got == [("2024-02-06", "start"), ("2024-02-08", "end")]
    assert len({(s.start, s.end) for s in doc.spans["dates"]}) == 1
