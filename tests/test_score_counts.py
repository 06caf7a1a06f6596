"""Scores (issue 12): "N persen" next to a counted noun or under a negation is no score.

The team's own sentences; each row is (text, expected (index, value) pairs).
"""

from __future__ import annotations

import pytest

from berita_extract.assemble import build_article

CASES = [
    # a share of people or things counted, with that noun as the only "name"
    ("Sebanyak 30 persen warga belum menerima bantuan.", []),
    ("Pasangan nomor urut 1 meraih 52 persen suara.", []),
    ("Partai itu memperoleh 18 persen kursi di dewan.", []),
    # negations and denials bound a value; they measure nothing
    ("Pertumbuhan ekonomi daerah itu tidak sampai 5 persen tahun ini.", []),
    ("Bukan 10 persen, melainkan hampir separuh anggaran terserap.", []),
    ("Angka kemiskinan tak lebih dari 7 persen, kata dia.", []),
    # measured values stay
    ("Inflasi Mei tercatat 2,5 persen.", [("Inflasi", 2.5)]),
    ("Tingkat partisipasi pemilih mencapai 81 persen.", [("Tingkat partisipasi pemilih", 81.0)]),
]


@pytest.fixture(scope="module")
def nlp():
    from berita_extract.pipeline import build

    return build(["places", "scores"])


@pytest.mark.parametrize("text,expect", CASES)
def test_counted_nouns_and_negations(nlp, text, expect):
    art = build_article(nlp(text), text)
    assert [(s.index, s.value) for s in art.scores] == expect
