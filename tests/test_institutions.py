"""The institutions component: surface forms from corpus/examples/institutions.yaml and its contract."""

from __future__ import annotations

import pytest
import spacy

import berita_extract
from berita_extract import spans
from berita_extract.components.institutions import lexicon
from berita_extract.resources import read_table
from examples import cases

KINDS = {"government", "legislature", "police", "military", "election", "judicial",
         "party", "company", "media", "school", "other"}


@pytest.fixture(scope="module")
def inst_nlp():
    nlp = spacy.blank("id")
    nlp.add_pipe("berita_institutions")
    return nlp


def _records(text: str) -> list[dict]:
    return [r.model_dump() for r in berita_extract.extract(text).institutions]


@pytest.mark.parametrize("form, expect", cases("institutions"))
def test_surface_forms(form, expect):
    records = _records(form)
    if expect is None:
        assert records == [], [r["name"] for r in records]
        return
    for want in expect:
        found = [r for r in records if r["name"] == want["name"]]
        assert found, f"no {want['name']!r} in {[r['name'] for r in records]}"
        rec = found[0]
        for field, value in want.items():
            assert rec[field] == value, (field, rec)


def test_expansion_and_acronym_are_one_record():
    text = ("Kepolisian Resort (Polres) Paser menerima Rp 6,7 miliar. Selain itu, Polres Paser "
            "juga menyiapkan pos pengamanan. Polres juga berjaga di tiap kecamatan.")
    recs = _records(text)
    assert len(recs) == 1
    rec = recs[0]
    assert rec["name"] == "Polres Paser"
    assert "Kepolisian Resort Paser" in rec["aliases"]
    assert len(rec["mentions"]) == 3
    assert all(text[m["start"]:m["end"]] == m["text"] for m in rec["mentions"])


def test_bare_unit_stays_apart_when_two_regions():
    recs = _records("Polres Paser dan Polres Kutai Barat bekerja sama. Polres menambah patroli.")
    names = sorted(r["name"] for r in recs)
    assert "Polres Paser" in names and "Polres Kutai Barat" in names
    paser = next(r for r in recs if r["name"] == "Polres Paser")
    assert len(paser["mentions"]) == 1


def test_region_code_comes_from_place_payloads(inst_nlp):
    text = "Pemkab Paser menyiapkan anggaran."
    doc = inst_nlp.make_doc(text)
    spans.add(doc, "places", 7, 12, rule="places.test", key="64.01", fields={"name": "Paser", "code": "64.01"})
    doc = inst_nlp.get_pipe("berita_institutions")(doc)
    fields = [p["fields"] for p in spans.payloads(doc, "institutions")]
    assert fields and fields[0]["region"] == "Paser" and fields[0]["region_code"] == "64.01"


def test_no_region_code_without_places(inst_nlp):
    doc = inst_nlp("Pemkab Paser menyiapkan anggaran.")
    assert [p["fields"]["region_code"] for p in spans.payloads(doc, "institutions")] == [None]


def test_person_after_unit_is_not_part_of_it():
    recs = _records("Ketua DPRD Bone Andi Mappaturung menolak rancangan itu.")
    assert [r["name"] for r in recs] == ["DPRD Bone"]


def test_mentions_carry_rule_ids():
    rec = _records("Komando Distrik Militer (Kodim) 0904/PSR siaga.")[0]
    assert all(m["rule"].startswith("institutions.") for m in rec["mentions"])


def test_data_rows_are_valid():
    rows = read_table("institutions.csv")
    assert len(rows) > 250
    for row in rows:
        assert row["kind"] in KINDS | {"drop"}, row
        assert row["takes"] in ("", "region", "number", "name", "sector", "suffix"), row
        assert row["standalone"] in ("yes", "no", "context") or row["kind"] == "drop", row
    lex = lexicon()
    for form in ("KPK", "Polres", "Kemendagri", "Perindo", "KOMPAS.com", "Bawaslu"):
        assert form in lex.surface
    assert "Kecamatan" not in lex.surface and "Kecamatan" in lex.blocked


WORDS = ["Polres", "Paser", "(", ")", "Kepolisian", "Resort", "PT", "PT.", "Dinas", "Pendidikan", "dan", "Kota",
         "Kabupaten", "Komisi", "II", "DPR", "RI", "-", ",", ".", "KOMPAS.com", "\n", "Kodim", "0904/PSR",
         "Universitas", "Harvard", "University", "Tbk", "(Perseroda)", "detikSulsel", "A", "Budi"]


@pytest.mark.parametrize("seed", range(25))
def test_any_word_salad_gives_aligned_mentions(seed):
    import random

    rnd = random.Random(seed)
    text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 60)))
    for rec in _records(text):
        assert rec["kind"] in KINDS
        for m in rec["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_person_after_known_name_is_left_out():
    # "Universitas Indonesia" is a known body; the person's name after it is not part of it.
    recs = _records("Pengamat Universitas Indonesia Rina Wati menilai kebijakan itu terburu-buru.")
    assert [r["name"] for r in recs] == ["Universitas Indonesia"]


def test_two_person_name_words_end_a_head_name():
    recs = _records("Direktur Bank Sejahtera Makmur Eva Dahlia menandatangani kerja sama itu.")
    assert [r["name"] for r in recs] == ["Bank Sejahtera Makmur"]


def test_lower_case_region_code_only_from_region_table(inst_nlp):
    # No place payload: a capitalised region keeps no code, a lower-case one takes the table's code.
    doc = inst_nlp("Satpol PP paser berjaga, Pemkab Paser menyiapkan anggaran.")
    codes = {p["fields"]["name"]: p["fields"]["region_code"] for p in spans.payloads(doc, "institutions")}
    assert codes == {"Satpol PP paser": "64.01", "Pemkab Paser": None}
