"""normalize.names: honorifics, ranks and degrees split off names; titles spelled out."""

from __future__ import annotations

import pytest

from berita_extract.normalize.names import expand_title, is_degree, is_honorific, split_name


@pytest.mark.parametrize("written,name,honorifics,rank", [
    ("H. Abdul Wahid, S.Sos., M.Si.", "Abdul Wahid", ["H.", "S.Sos.", "M.Si."], None),
    ("Dr. H. Andi Harun, S.T., S.H., M.Si.", "Andi Harun", ["Dr.", "H.", "S.T.", "S.H.", "M.Si."], None),
    ("Hj Umi Kalsum", "Umi Kalsum", ["Hj"], None),
    ("AKBP Novy Adi Wibowo", "Novy Adi Wibowo", [], "AKBP"),
    ("Komisaris Besar Polisi Erlan Munaji", "Erlan Munaji", [], "Komisaris Besar Polisi"),
    ("Kombes Pol Budi Santoso", "Budi Santoso", [], "Kombes Pol"),
    ("Letkol Inf Rudi Hartono", "Rudi Hartono", [], "Letkol Inf"),
    ("Prof. Dr. Ir. Siti Nurbaya, M.Sc.", "Siti Nurbaya", ["Prof.", "Dr.", "Ir.", "M.Sc."], None),
    ("Datuk Seri Rahman", "Rahman", ["Datuk Seri"], None),
    ("Muhammad", "Muhammad", [], None),
    ("Dani M. Nursalam", "Dani M. Nursalam", [], None),
])
def test_split_name(written, name, honorifics, rank):
    parts = split_name(written)
    assert parts.name == name
    assert parts.honorifics == honorifics
    assert parts.rank == rank


def test_a_lone_honorific_word_is_kept_as_the_name():
    # "Haji" alone is not split off: nothing would be left of the name.
    assert split_name("Haji").name == "Haji"


@pytest.mark.parametrize("title,canonical", [
    ("Pj Gubernur", "Penjabat Gubernur"),
    ("Pj. Bupati", "Penjabat Bupati"),
    ("Plt Sekda", "Pelaksana Tugas Sekretaris Daerah"),
    ("Kapolres", "Kepala Kepolisian Resor"),
    ("Kapolda", "Kepala Kepolisian Daerah"),
    ("Wabup", "Wakil Bupati"),
    ("Wawali", "Wakil Wali Kota"),
    ("Dandim", "Komandan Komando Distrik Militer"),
    ("Kadis Dagprin", "Kepala Dinas Dagprin"),
    ("Kabid Humas", "Kepala Bidang Hubungan Masyarakat"),
    ("Kepala Dinas Pendidikan", "Kepala Dinas Pendidikan"),
    ("Bupati", "Bupati"),
])
def test_expand_title(title, canonical):
    assert expand_title(title) == canonical


def test_degrees_and_honorifics_ignore_dots_and_spaces():
    assert is_degree("S.Sos") and is_degree("S. Sos.") and is_degree("M.Pd") and is_degree("Ph.D")
    assert not is_degree("Sosro")
    assert is_honorific("Hj.") and is_honorific("KH") and is_honorific("drg.")
    assert not is_honorific("Hasan")
