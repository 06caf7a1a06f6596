"""Places by context (issue 12): gazetteer words out of context, and places abroad.

Each table is one class of error; the sentences are the team's own, not copied from articles.
A row is (text, name, level or None, code or None): the text must yield a place ``name`` of that
level and code; level None means no place of that name at all.
"""

from __future__ import annotations

import pytest

from berita_extract.assemble import build_article


@pytest.fixture(scope="module")
def nlp():
    from berita_extract.pipeline import build

    return build(["places"])


def _check(nlp, text, name, level, code):
    places = build_article(nlp(text), text).places
    found = [p for p in places if p.name == name]
    if level is None:
        assert not found, [(p.name, p.level, p.code) for p in places]
    else:
        assert found, [(p.name, p.level, p.code) for p in places]
        assert (found[0].level, found[0].code) == (level, code)


# An all-caps alias of a regency or city ("KTT", "PPU") abbreviates other things too.
ACRONYM_ALIASES = [
    ("Para pemimpin dunia bertemu dalam KTT G20 di Jenewa pekan lalu.", "KTT", None, None),
    ("Menjelang KTT, para menteri luar negeri berkumpul di hotel.", "KTT", None, None),
    ("Bupati KTT Ibrahim Ali meninjau banjir di Sesayap.", "KTT", "regency", "65.04"),
    ("Pemkab KTT menyalurkan bantuan bagi warga Tana Tidung.", "Tana Tidung", "regency", "65.04"),
    ("Gubernur NTB meninjau lokasi gempa.", "NTB", "province", "52"),
]

# A region's name inside a foreign person's name, after a country or foreign area.
FOREIGN_NAMES = [
    ("Komisioner Uni Eropa Maros Sefcovic tiba di Jakarta.", "Maros", None, None),
    ("Menteri Luar Negeri Jepang Sorong Takeshi berbicara di forum itu.", "Sorong", None, None),
    ("Bupati Maros Chaidir Syam meresmikan pasar.", "Maros", "regency", "73.09"),
]

# "Kampung X" named after a region is a neighbourhood, not the region.
KAMPUNG = [
    ("Polisi menggerebek Kampung Ambon, Cengkareng, Jakarta Barat, Selasa.", "Kampung Ambon", "village", None),
    ("Polisi menggerebek Kampung Ambon, Cengkareng, Jakarta Barat, Selasa.", "Ambon", None, None),
    ("Wali Kota Ambon meninjau pasar di Ambon.", "Ambon", "city", "81.71"),
]

# City or regency of one name: the title or prefix in the text decides.
CITY_OR_REGENCY = [
    ("Bupati Tangerang meninjau jalan rusak di Tangerang.", "Tangerang", "regency", "36.03"),
    ("Wali Kota Tangerang meninjau banjir di Tangerang.", "Tangerang", "city", "36.71"),
    ("Proyek itu terletak di Pasar Kemis, Kabupaten Tangerang.", "Pasar Kemis", "district", "36.03.12"),
]

# Places abroad (models/sources/foreign_places.csv, countries.csv) and countries after an office.
ABROAD = [
    ("Kedua pemimpin bertemu di Beijing sebelum terbang ke Washington.", "Beijing", "other", None),
    ("Kedua pemimpin bertemu di Beijing sebelum terbang ke Washington.", "Washington", "other", None),
    ("Petinggi kedua negara berunding di Jenewa, Swiss.", "Jenewa", "other", None),
    ("Presiden AS Donald Trump menerima tamunya.", "AS", "country", None),
    ("Menteri Luar Negeri Jepang berbicara di forum itu.", "Jepang", "country", None),
    ("Tersangka AS ditahan di Polsek Kota.", "AS", None, None),           # initials, not the country
    ("Bank Indonesia menahan suku bunga acuan.", "Indonesia", None, None),
    ("Kabar itu dikutip dari klub Inter Milan.", "Milan", None, None),
    ("Presiden menerima tamu di Istana Negara, lalu ke Istana Bogor.", "Istana Negara", "venue", None),
    ("Ribuan orang memadati Gelora Bung Karno untuk menonton konser.", "Gelora Bung Karno", "venue", None),
]


TABLES = {"acronym_alias": ACRONYM_ALIASES, "foreign_name": FOREIGN_NAMES, "kampung": KAMPUNG,
          "city_or_regency": CITY_OR_REGENCY, "abroad": ABROAD}


@pytest.mark.parametrize("text,name,level,code", [
    pytest.param(*row, id=f"{cls}-{i}") for cls, rows in TABLES.items() for i, row in enumerate(rows)])
def test_place_by_context(nlp, text, name, level, code):
    _check(nlp, text, name, level, code)
