"""The officials component over the surface forms in corpus/examples/officials.yaml, and its contract."""

from __future__ import annotations

import pytest

from berita_extract import extract
from examples import cases


def _check(official, want: dict) -> None:
    for field, value in want.items():
        got = getattr(official, field)
        if field == "aliases":
            assert set(value) <= set(got), (field, got)
        elif field == "title":
            assert got is not None and got.lower() == value.lower(), (field, got)
        else:
            assert got == value, (field, got)


@pytest.mark.parametrize("form,expect", cases("officials"))
def test_surface_forms(form, expect):
    officials = extract(form).officials
    if expect is None:
        assert officials == [], [o.name for o in officials]
        return
    wants = expect if isinstance(expect, list) else [expect]
    names = [o.name for o in officials]
    assert len(officials) == len(wants), names
    for want in wants:
        match = [o for o in officials if o.name == want["name"]]
        assert match, (want["name"], names)
        _check(match[0], want)


def test_every_mention_is_the_text_at_its_offsets():
    text = ("Bupati Paser Fahmi Fadli hadir. Kapolres Paser AKBP Novy Adi Wibowo juga hadir. "
            "Fahmi dan Novy lalu berbincang.")
    art = extract(text)
    assert {o.name for o in art.officials} == {"Fahmi Fadli", "Novy Adi Wibowo"}
    for o in art.officials:
        for m in o.mentions:
            assert text[m.start:m.end] == m.text
            assert m.rule.startswith("officials.")
    fahmi = next(o for o in art.officials if o.name == "Fahmi Fadli")
    assert [m.text for m in fahmi.mentions][-1] == "Fahmi"


def test_one_official_once_however_often_named():
    text = ("Gubernur Jabar Dedi Mulyadi meninjau lokasi. Dedi Mulyadi lalu berdialog dengan warga. "
            "Gubernur Dedi Mulyadi berjanji kembali.")
    art = extract(text)
    assert [o.name for o in art.officials] == ["Dedi Mulyadi"]
    assert art.officials[0].region == "Jabar"


def test_shared_surname_is_not_joined_to_either_person():
    text = "Gubernur Jabar Dedi Mulyadi dan Sekda Kota Bogor Denny Mulyadi hadir. Mulyadi menyampaikan salam."
    art = extract(text)
    assert {o.name for o in art.officials} == {"Dedi Mulyadi", "Denny Mulyadi"}
    assert all("Mulyadi" not in o.aliases for o in art.officials)


def test_payload_name_is_clean_for_later_components(nlp):
    from berita_extract import spans

    doc = nlp("Wali Kota Samarinda, Bapak Dr. H. Andi Saputra, S.T., M.Si. hadir.")
    names = {p["fields"]["name"] for p in spans.payloads(doc, "officials")}
    assert names == {"Andi Saputra"}


def test_region_code_comes_from_places_payload():
    """An earlier places mention over the region gives its code."""
    import spacy

    from berita_extract import pipeline, spans

    nlp = pipeline.build(["officials"])
    doc = nlp.make_doc("Bupati Sukajaya Rahmat Hidayat hadir.")
    spans.add(doc, "places", 7, 15, rule="places.test", key="x", fields={"name": "Sukajaya", "code": "99.01"})
    doc = nlp.get_pipe("berita_officials")(doc)
    payload = spans.payloads(doc, "officials")[0]["fields"]
    assert payload["name"] == "Rahmat Hidayat"
    assert payload["region"] == "Sukajaya"
    assert payload["region_code"] == "99.01"
    assert isinstance(spacy.__version__, str)


def test_institution_comes_from_institutions_payload():
    from berita_extract import pipeline, spans

    nlp = pipeline.build(["officials"])
    doc = nlp.make_doc("Kepala Dinas Pendidikan Ponorogo Nurhadi Santoso menjelaskan.")
    spans.add(doc, "institutions", 7, 32, rule="institutions.test", key="y",
              fields={"name": "Dinas Pendidikan Ponorogo"})
    doc = nlp.get_pipe("berita_officials")(doc)
    payload = spans.payloads(doc, "officials")[0]["fields"]
    assert payload["institution"] == "Dinas Pendidikan Ponorogo"
    assert payload["title"] == "Kepala Dinas Pendidikan"


def test_every_payload_names_the_whole_person(nlp):
    """Quotes read officials' payloads: a mention by part of the name still carries the full name."""
    from berita_extract import spans

    doc = nlp("Bupati Paser Fahmi Fadli membuka acara. \"Kita jaga bersama,\" kata Fahmi.")
    payloads = spans.payloads(doc, "officials")
    assert len(payloads) == 2
    assert {p["fields"]["name"] for p in payloads} == {"Fahmi Fadli"}
    short = next(p for p in payloads if p["rule"] == "officials.name_part")
    assert doc.text[short["start"]:short["end"]] == "Fahmi"
    assert short["fields"]["aliases"] == ["Fahmi"]


def test_part_of_a_name_with_another_office_is_another_person():
    text = "Kapolri Jenderal Polisi Listyo Sigit Prabowo melapor kepada Presiden Prabowo di Istana."
    art = extract(text)
    assert {o.name for o in art.officials} == {"Listyo Sigit Prabowo", "Prabowo"}


def test_a_shorter_form_with_the_same_office_is_the_same_person():
    text = "Pj Gubernur Kaltim Akmal Malik membuka rapat. Gubernur Akmal lalu menutupnya."
    art = extract(text)
    assert [o.name for o in art.officials] == ["Akmal Malik"]
    assert "Akmal" in art.officials[0].aliases
