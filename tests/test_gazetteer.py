"""The region gazetteer: codes, aliases, ambiguity and context resolution."""

from __future__ import annotations

import pytest

from berita_extract import gazetteer as gz


def test_counts_match_the_kemendagri_list():
    levels = [r.level for r in gz.regions().values()]
    assert levels.count("province") == 38
    assert levels.count("regency") + levels.count("city") == 514


def test_every_region_lies_in_its_province():
    regs = gz.regions()
    for r in regs.values():
        if r.level == "province":
            assert r.province_code is None and "." not in r.code
        else:
            assert r.province_code in regs and r.within(r.province_code)


@pytest.mark.parametrize("form, code", [
    ("Kaltim", "64"), ("Kalimantan Timur", "64"), ("PPU", "64.09"), ("Kukar", "64.02"),
    ("Kabupaten Paser", "64.01"), ("Kab. Paser", "64.01"), ("paser", "64.01"), ("Rohil", "14.07"),
    ("Jatim", "35"), ("DKI Jakarta", "31"), ("Palangka Raya", "62.71"), ("Solo", "33.72"),
])
def test_lookup_finds_aliases_case_blind(form, code):
    assert [r.code for r in gz.lookup(form)] == [code]


@pytest.mark.parametrize("name, kwargs, code", [
    ("Bandung", {}, "32.73"),                       # bare: the city
    ("Kabupaten Bandung", {}, "32.04"),
    ("Bupati Bandung", {}, "32.04"),                # a title says the level
    ("Wali Kota Bogor", {}, "32.71"),
    ("Bogor", {"level": "regency"}, "32.01"),
    ("Jambi", {}, "15"),                             # province beats the namesake city
    ("Kota Jambi", {}, "15.71"),
    ("Gubernur Bengkulu", {}, "17"),
    ("Mura", {"within": ["16"]}, "16.05"),          # the province in the text decides
    ("Mura", {"within": ["62"]}, "62.12"),
    ("Banjar", {"within": ["63"]}, "63.03"),
    ("Kecamatan Mandau", {}, "14.03.09"),
    ("Ketua DPRD Kota Malang", {}, "35.73"),       # a longer title phrase ending in the region
    ("Kepala Dinas Pendidikan Kabupaten Malang", {}, "35.07"),
    ("Kapolres Paser", {}, "64.01"),
])
def test_resolve_uses_context(name, kwargs, code):
    assert gz.resolve(name, **kwargs).code == code


def test_resolve_unknown_names_give_none():
    assert gz.resolve("Atlantis") is None
    assert gz.resolve("Desa Tidakada Namanya") is None


def test_village_resolution_needs_a_region_when_names_repeat():
    many = gz.lookup_lower("Sidomulyo", "village")
    assert len(many) > 10
    assert gz.resolve("Desa Sidomulyo") is None  # which one? the text must say
    inside = gz.resolve("Desa Sidomulyo", within=[many[0].parent_code])
    assert inside is not None and inside.within(many[0].parent_code)


def test_lower_levels_have_codes_under_their_parents():
    r = gz.region("14.03.09")
    assert (r.level, r.name, r.province_code) == ("district", "Mandau", "14")
    assert gz.region(r.parent_code).name == "Bengkalis"


def test_common_names_are_regions_that_need_context():
    for name in gz.common_names():
        assert gz.lookup(name), f"{name} in place_common_names.csv is not a region alias"
    assert gz.is_common_name("Batu") and not gz.is_common_name("Balikpapan")


def test_context_words_have_known_levels():
    assert set(gz.context_words().values()) <= {"province", "regency", "city", "district", "village", "any"}
