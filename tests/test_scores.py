"""The scores component: surface forms from corpus/examples/scores.yaml, links, the seed article."""

from __future__ import annotations

import json

import pytest

from berita_extract import extract, spans
from berita_extract.components import scores
from conftest import shared_path
from examples import cases


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


@pytest.mark.parametrize("form, expect", cases("scores"))
def test_surface_forms(form, expect):
    got = sorted((_norm(s.index), round(s.value, 4)) for s in extract(form).scores)
    want = sorted((_norm(i), round(float(v), 4)) for i, v in (expect or []))
    assert got == want


def test_mentions_point_into_the_input():
    text = "Menurut survei, IKP Kaltim mencapai 77,04 dan inflasi 2,5 persen."
    art = extract(text)
    assert art.scores
    for s in art.scores:
        for m in s.mentions:
            assert text[m.start:m.end] == m.text
            assert m.rule.startswith("scores.")
        assert s.text in text


def test_full_name_aliases_and_unit():
    art = extract("Indeks Kerawanan Pemilu (IKP) kabupaten itu mencapai 66,1. Inflasi 3 persen.")
    ikp = next(s for s in art.scores if s.index == "IKP")
    assert ikp.full_name == "Indeks Kerawanan Pemilu"
    assert "Indeks Kerawanan Pemilu" in ikp.aliases
    assert ikp.unit is None
    assert next(s for s in art.scores if s.index == "Inflasi").unit == "percent"


def _doc_with(nlp, text: str, places=(), institutions=()):
    """A doc as the scores component sees it after places and institutions ran (faked here)."""
    doc = nlp.make_doc(text)
    spans.ensure_group(doc, "places")
    for name, code, level in places:
        i = text.index(name)
        spans.add(doc, "places", i, i + len(name), rule="test", key=name,
                  fields={"name": name, "code": code, "level": level})
    for name in institutions:
        i = text.index(name)
        spans.add(doc, "institutions", i, i + len(name), rule="test", key=name, fields={"name": name})
    return scores.ScoresFinder(nlp)(doc)


def test_region_and_source_from_earlier_components(nlp):
    text = ("Indeks Kerawanan Pemilu (IKP) Kaltim masuk lima besar. Hal itu disampaikan di Hotel Mawar Samarinda.\n\n"
            "\"Survei yang dilakukan Bawaslu RI mencapai 77,04,\" katanya.")
    doc = _doc_with(nlp, text, places=[("Kaltim", "64", "province"), ("Hotel Mawar Samarinda", None, "venue")],
                    institutions=["Bawaslu RI"])
    (p,) = spans.payloads(doc, "scores")
    f = p["fields"]
    assert (f["index"], f["value"], f["region"], f["region_code"], f["source"]) == ("IKP", 77.04, "Kaltim", "64", "Bawaslu RI")


def test_region_is_the_place_of_the_value_sentence(nlp):
    text = "Menurut BPS Sulteng, angka kemiskinan di Kabupaten Donggala turun menjadi 11,2 persen."
    doc = _doc_with(nlp, text, places=[("Sulteng", "72", "province"), ("Kabupaten Donggala", "72.03", "regency")],
                    institutions=["BPS Sulteng"])
    (p,) = spans.payloads(doc, "scores")
    assert p["fields"]["region"] == "Kabupaten Donggala"
    assert p["fields"]["source"] == "BPS Sulteng"


def test_source_prefers_the_body_a_cue_introduces(nlp):
    text = "Menurut BPS Kalbar, inflasi Mei sebesar 2,1 persen, angka yang disambut Pemprov Kalbar."
    doc = _doc_with(nlp, text, institutions=["Pemprov Kalbar", "BPS Kalbar"])
    (p,) = spans.payloads(doc, "scores")
    assert p["fields"]["source"] == "BPS Kalbar"


def test_region_falls_back_to_region_names(nlp, monkeypatch):
    monkeypatch.setattr(scores, "_region_names", lambda: {"Kaltara": ("Kaltara", "65")})
    doc = scores.ScoresFinder(nlp)(nlp.make_doc("Inflasi Kaltara pada Mei tercatat 1,9 persen."))
    (p,) = spans.payloads(doc, "scores")
    assert (p["fields"]["region"], p["fields"]["region_code"]) == ("Kaltara", "65")


def test_an_unlisted_index_keeps_its_region_apart(nlp, monkeypatch):
    monkeypatch.setattr(scores, "_region_names", lambda: {"Kaltim": ("Kaltim", "64")})
    doc = scores.ScoresFinder(nlp)(nlp.make_doc("Indeks Kebahagiaan Kaltim 2024 sebesar 72,3."))
    (p,) = spans.payloads(doc, "scores")
    assert (p["fields"]["index"], p["fields"]["value"], p["fields"]["region"]) == ("Indeks Kebahagiaan", 72.3, "Kaltim")


def test_no_region_when_the_text_names_none(nlp):
    doc = scores.ScoresFinder(nlp)(nlp.make_doc("Inflasi bulan lalu tercatat 1,9 persen."))
    (p,) = spans.payloads(doc, "scores")
    assert p["fields"]["region"] is None and p["fields"]["source"] is None


def test_same_index_and_value_twice_is_one_record():
    art = extract("Inflasi Mei 2,1 persen. Dengan inflasi 2,1 persen itu, harga tetap stabil.")
    assert [(s.index, s.value, len(s.mentions)) for s in art.scores] == [("Inflasi", 2.1, 2)]


def test_a_range_gives_both_ends():
    art = extract("Pertumbuhan ekonomi kabupaten-kabupaten di provinsi itu berada di kisaran 4,6-5,4 persen.")
    assert sorted(s.value for s in art.scores) == [4.6, 5.4]


def test_seed_article_gives_the_ikp():
    seed = shared_path("corpus", "seed")
    text = (seed / "paser-pemilu-2024.txt").read_text(encoding="utf-8")
    gold = json.loads((seed / "paser-pemilu-2024.json").read_text(encoding="utf-8"))["scores"]
    art = extract(text)
    assert [(s.index, s.value) for s in art.scores] == [(g["index"], g["value"]) for g in gold]
    assert art.scores[0].full_name == "Indeks Kerawanan Pemilu"


def test_indicator_data_names_each_form_once():
    from berita_extract.resources import header

    assert header("indices.csv") and header("score_cues.csv")
    owner: dict[str, str] = {}
    for ind in scores.indicators():
        for form in ind.forms:
            key = form if form.isupper() else form.casefold()
            assert owner.setdefault(key, ind.index) == ind.index, f"{form!r} names both {owner[key]} and {ind.index}"


def test_cue_words_are_not_also_indicator_names():
    names = {f.casefold() for ind in scores.indicators() for f in ind.forms}
    c = scores.cues()
    assert not (c.set & names), "a set-term cue that is also an indicator name would hide the indicator"
