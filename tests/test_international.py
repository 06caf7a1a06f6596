"""International and foreign bodies (issue 12, models/sources/international_bodies.csv)."""

from __future__ import annotations

import pytest

from berita_extract.assemble import build_article

# (text, institution names that must be found, names that must not)
CASES = [
    ("Para pemimpin APEC sepakat menolak proteksionisme, kata juru bicara WTO.", {"APEC", "WTO"}, set()),
    ("Indonesia resmi menjadi anggota BRICS, menurut laporan Reuters.", {"BRICS", "Reuters"}, set()),
    ("Perundingan dengan Uni Eropa dan Komisi Eropa berlanjut pekan depan.", {"Uni Eropa", "Komisi Eropa"}, set()),
    ("Laporan OECD dan ADB memperkirakan ekonomi kawasan melambat.", {"OECD", "ADB"}, set()),
    ("Juventus menang atas Napoli, dikutip dari Football Italia.", {"Juventus", "Napoli", "Football Italia"}, set()),
    ("Persib Bandung mengalahkan Selangor FC dalam laga tandang.", {"Persib Bandung", "Selangor FC"}, set()),
    ("Ribuan orang memadati Gelora Bung Karno untuk menonton konser.", set(), {"Gelora"}),
]


@pytest.fixture(scope="module")
def nlp():
    from berita_extract.pipeline import build

    return build(["places", "institutions"])


@pytest.mark.parametrize("text,found,absent", CASES)
def test_international_bodies(nlp, text, found, absent):
    names = {i.name for i in build_article(nlp(text), text).institutions}
    assert found <= names and not (absent & names), names
