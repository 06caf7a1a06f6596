"""The places component: regions with codes, districts and villages by context, venues, datelines."""

from __future__ import annotations

import re

import pytest

from berita_extract import spans
from berita_extract.assemble import build_article
from berita_extract.components.places import GROUP, bare
from examples import cases


@pytest.fixture(scope="module")
def places_nlp():
    from berita_extract.pipeline import build

    return build(["places"])


def _places(nlp, text):
    return build_article(nlp(text), text).places


def _names(place) -> set[str]:
    return {_norm(bare(n)) for n in [place.name, *place.aliases]}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())


def _absent_params():
    import yaml
    from examples import EXAMPLES

    out = []
    for i, case in enumerate(yaml.safe_load((EXAMPLES / "places.yaml").read_text(encoding="utf-8"))):
        if case.get("absent"):
            out += [pytest.param(f, case["absent"], case.get("absent_level"), id=f"{i}:{f[:40]}")
                    for f in case["forms"]]
    return out


@pytest.mark.parametrize("form, expect", [p for p in cases("places") if p.values[1] is not None])
def test_example_forms(places_nlp, form, expect):
    places = _places(places_nlp, form)
    found = [p for p in places if _norm(p.name) == _norm(expect["name"])]
    assert found, f"no place named {expect['name']!r} in {[(p.name, p.level) for p in places]}"
    place = found[0]
    assert place.level == expect["level"]
    if "code" in expect:
        assert place.code == expect["code"]


@pytest.mark.parametrize("form, name, level", _absent_params())
def test_example_non_places(places_nlp, form, name, level):
    """No record named ``name`` (of ``level``, when the case gives `absent_level`)."""
    places = [p for p in _places(places_nlp, form) if level is None or p.level == level]
    assert not [p for p in places if _norm(bare(name)) in _names(p)], [p.name for p in places]


def test_every_mention_of_a_region_joins_one_record(places_nlp):
    text = "Pemprov Kaltim menggelar rapat. Kalimantan Timur menargetkan investasi. Provinsi Kalimantan Timur siap."
    places = _places(places_nlp, text)
    kaltim = [p for p in places if p.code == "64"]
    assert len(kaltim) == 1
    assert [m.text for m in kaltim[0].mentions] == ["Kaltim", "Kalimantan Timur", "Provinsi Kalimantan Timur"]
    assert kaltim[0].province_code is None and kaltim[0].level == "province"


def test_mention_offsets_point_into_the_input(places_nlp):
    text = "SAMARINDA - Wali Kota Samarinda meninjau banjir di Kecamatan Samarinda Utara dan Gedung Serbaguna Sempaja."
    for place in _places(places_nlp, text):
        for m in place.mentions:
            assert text[m.start:m.end] == m.text
            assert m.rule.startswith("places.")


def test_region_code_and_province_code(places_nlp):
    [berau] = [p for p in _places(places_nlp, "Banjir melanda Kabupaten Berau.") if p.name == "Berau"]
    assert (berau.code, berau.level, berau.province_code) == ("64.03", "regency", "64")


def test_namesakes_in_one_text_keep_their_prefix(places_nlp):
    text = "Wali Kota Cirebon dan Bupati Cirebon membahas banjir di Kota Cirebon dan Kabupaten Cirebon."
    places = {p.code: p.name for p in _places(places_nlp, text)}
    assert places["32.74"] == "Kota Cirebon" and places["32.09"] == "Kabupaten Cirebon"


def test_district_namesake_of_a_regency_is_a_separate_record(places_nlp):
    text = "Bupati Bengkalis meninjau pasar di Kecamatan Bengkalis."
    places = {p.code: p for p in _places(places_nlp, text)}
    assert places["14.03"].level == "regency"
    district = [p for p in places.values() if p.level == "district"]
    assert len(district) == 1 and district[0].code.startswith("14.03.")


def test_known_district_of_a_named_regency_counts_without_a_marker(places_nlp):
    text = "Pemkab Bengkalis menyalurkan bantuan ke Bantan dan Siak Kecil."
    names = {p.name: p for p in _places(places_nlp, text)}
    assert names["Bantan"].level == "district" and names["Bantan"].code.startswith("14.03.")


def test_lowercase_region_words_are_not_places(places_nlp):
    assert _places(places_nlp, "harga pasir dan batu naik, kata warga.") == []


def test_links_to_other_articles_are_skipped(places_nlp):
    text = "Harga beras naik di Bogor.\n\nBaca juga: Banjir Rendam Ratusan Rumah di Samarinda\n\nPedagang mengeluh."
    names = {p.name for p in _places(places_nlp, text)}
    assert "Bogor" in names and "Samarinda" not in names


def test_payloads_carry_record_fields(places_nlp):
    doc = places_nlp("Camat Mandau hadir.")
    [payload] = spans.payloads(doc, GROUP)
    assert payload["key"] == payload["fields"]["code"] == "14.03.09"
    assert set(payload["fields"]) == {"name", "aliases", "level", "code", "province_code"}


def test_empty_and_odd_text(places_nlp):
    assert _places(places_nlp, "") == []
    assert _places(places_nlp, "Di. Kota. Desa. Kecamatan") == []
