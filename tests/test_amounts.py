"""Component berita_amounts: surface forms (corpus/examples/amounts.yaml), recipients, identity, safety."""

from __future__ import annotations

import pytest
from decimal import Decimal
import spacy

import berita_extract
from berita_extract import pipeline, spans
from berita_extract.rx import WARNINGS_KEY
from conftest import shared_path
from examples import cases


@pytest.fixture(scope="module")
def amounts_nlp():
    return pipeline.build(["amounts"])


def _found(nlp, text: str, entities: list[tuple[str, str, str, str]] = ()) -> list[dict]:
    """Payloads of the amounts component on ``text``, after adding fake earlier records.

    ``entities`` are ``(group, surface, name, kind)``: a payload of ``group``
    over the first occurrence of ``surface``, as institutions/officials/places would write it.
    """
    doc = nlp.make_doc(text)
    for group, surface, name, kind in entities:
        start = text.index(surface)
        spans.add(doc, group, start, start + len(surface), rule=f"{group}.fake", key=name,
                  fields={"name": name, "kind": kind})
    doc = nlp.get_pipe("berita_amounts")(doc)
    return spans.payloads(doc, "amounts")


@pytest.mark.parametrize("form, expect", cases("amounts"))
def test_surface_forms(amounts_nlp, form, expect):
    found = _found(amounts_nlp, form)
    if expect is None:
        assert found == []
        return
    got = [{k: p["fields"][k] for k in want} for p, want in zip(found, expect)]
    # A foreign sum's payload value is its exact decimal string ("2.75"); the examples write numbers.
    want = [{k: (str(Decimal(str(v))) if k == "value" and e.get("currency", "IDR") != "IDR" else v)
             for k, v in e.items()} for e in expect]
    assert got == want, [p["fields"] for p in found]
    assert len(found) == len(expect), [p["fields"] for p in found]


@pytest.mark.parametrize("form, expect", cases("amounts"))
def test_offsets_and_rules(amounts_nlp, form, expect):
    for p in _found(amounts_nlp, form):
        assert " ".join(form[p["start"]:p["end"]].split()) == p["fields"]["text"]
        assert p["rule"].startswith("amounts.")
        value = p["fields"]["value"]
        # Rupiah in whole units; any other currency exact, as a plain decimal string.
        assert isinstance(value, int) if p["fields"]["currency"] == "IDR" else str(Decimal(value)) == value


def test_qualifier_is_outside_the_mention(amounts_nlp):
    (p,) = _found(amounts_nlp, "Kerugian sekitar Rp 6,7 miliar.")
    assert "Kerugian sekitar Rp 6,7 miliar."[p["start"]:p["end"]] == "Rp 6,7 miliar"
    assert p["fields"]["qualifier"] == "sekitar"


SEED_LIKE = ("Pemkab Tanah Merah mengalokasikan anggaran pengamanan. Di antaranya untuk Kepolisian Resor "
             "(Polres) Tanah Merah sebesar Rp 5,2 miliar dan untuk Komando Distrik Militer (Kodim) 0911/TMR "
             "senilai Rp 1,3 miliar, yang disalurkan tahun ini.")


@pytest.mark.parametrize("polres_surface", ["Kepolisian Resor (Polres) Tanah Merah", "Polres) Tanah Merah"])
def test_recipient_prefers_institution_record(amounts_nlp, polres_surface):
    found = _found(amounts_nlp, SEED_LIKE, [
        ("places", "Tanah Merah", "Tanah Merah", "regency"),
        ("institutions", polres_surface, "Polres Tanah Merah", "police"),
        ("institutions", "Komando Distrik Militer (Kodim) 0911/TMR", "Kodim 0911/TMR", "military"),
    ])
    got = [(p["fields"]["value"], p["fields"]["recipient"], p["fields"]["recipient_type"]) for p in found]
    assert got == [(5200000000, "Polres Tanah Merah", "institution"), (1300000000, "Kodim 0911/TMR", "institution")]


def test_recipient_without_records_is_free_text(amounts_nlp):
    found = _found(amounts_nlp, SEED_LIKE)
    assert [p["fields"]["recipient_type"] for p in found] == ["text", "text"]
    assert found[0]["fields"]["recipient"] == "Kepolisian Resor (Polres) Tanah Merah"


def test_recipient_official_after_amount(amounts_nlp):
    text = "Ada kesepakatan fee Rp 7 miliar untuk Bupati Sukamaju Andi Rahman."
    found = _found(amounts_nlp, text, [("officials", "Bupati Sukamaju Andi Rahman", "Andi Rahman", "")])
    assert [(p["fields"]["recipient"], p["fields"]["recipient_type"]) for p in found] == [("Andi Rahman", "official")]


def test_recipient_subject_of_receiving_verb(amounts_nlp):
    text = "Kemudian KPU Sukamaju menerima dana hibah sebesar Rp 25 miliar dari APBD."
    found = _found(amounts_nlp, text, [("institutions", "KPU Sukamaju", "KPU Sukamaju", "election")])
    assert [(p["fields"]["recipient"], p["fields"]["recipient_type"]) for p in found] == [("KPU Sukamaju", "institution")]


def test_place_at_the_head_of_the_slot(amounts_nlp):
    text = "Pemkab menggelontorkan Rp297 miliar untuk Kecamatan Sukamaju."
    found = _found(amounts_nlp, text, [("places", "Kecamatan Sukamaju", "Kecamatan Sukamaju", "district")])
    assert [(p["fields"]["recipient"], p["fields"]["recipient_type"]) for p in found] == [("Kecamatan Sukamaju", "place")]


def test_seed_recipients_with_institution_records(amounts_nlp):
    text = shared_path("corpus", "seed").glob("*.txt").__next__().read_text(encoding="utf-8")
    found = _found(amounts_nlp, text, [
        ("institutions", "Kepolisian Resort (Polres) Paser", "Polres Paser", "police"),
        ("institutions", "Komando Distrik Militer (Kodim) 0904/PSR", "Kodim 0904/PSR", "military"),
    ])
    assert [(p["fields"]["value"], p["fields"]["recipient"]) for p in found] == [
        (6700000000, "Polres Paser"), (1800000000, "Kodim 0904/PSR")]


def test_identity_merges_one_sum_and_splits_two_recipients():
    text = ("Bupati Didakwa Terima Rp 417 Juta\n"
            "Terdakwa disebut menerima uang Rp 417 juta. Dalam dakwaan tertulis Rp 417.000.000 dari para caleg. "
            "Pemkab memberi Rp 5 juta untuk Desa Sukamaju dan Rp 5 juta untuk Desa Sukaraja.")
    art = berita_extract.extract(text)
    values = [(a.value, a.recipient, len(a.mentions)) for a in art.amounts]
    assert values == [(417000000, None, 3), (5000000, "Desa Sukamaju", 1), (5000000, "Desa Sukaraja", 1)]


def test_title_without_recipient_joins_the_named_sum():
    text = "Rp 9 Miliar untuk Sukamaju\nPemkab mengalokasikan Rp 9 miliar untuk Kecamatan Sukamaju tahun ini."
    art = berita_extract.extract(text)
    assert [(a.value, a.recipient, len(a.mentions)) for a in art.amounts] == [(9000000000, "Kecamatan Sukamaju", 2)]


def test_foreign_currencies_never_become_rupiah():
    art = berita_extract.extract("Investasi 3 juta dolar AS atau sekitar Rp 48 miliar, ditambah EUR 2 juta.")
    assert [(a.value, a.currency) for a in art.amounts] == [(48000000000, "IDR")]
    assert sorted((a.value, a.currency) for a in art.foreign_amounts) == [(2000000, "EUR"), (3000000, "USD")]


def test_mentions_slice_the_original_input():
    text = "Dana\u00a0Rp\u00a06,7\u00a0miliar cair."
    (a,) = berita_extract.extract(text).amounts
    m = a.mentions[0]
    assert text[m.start:m.end] == m.text == "Rp\u00a06,7\u00a0miliar"
    assert a.value == 6700000000


@pytest.mark.parametrize("hostile", [
    "Rp " + "1." * 100_000,
    "Rp " + "1" * 100_000,
    "1." * 100_000 + " rupiah",
    "2 " * 50_000 + "rupiah",
    "Rp 5 juta untuk " + "a" * 100_000,
    ("untuk " * 20_000) + "Rp 5 juta",
    "dua " * 30_000 + "rupiah",
])
def test_hostile_input_finishes_without_nonsense(amounts_nlp, hostile):
    doc = amounts_nlp(hostile)
    for p in spans.payloads(doc, "amounts"):
        assert p["end"] - p["start"] < 200
    assert WARNINGS_KEY not in doc.user_data or all("timed out" in w for w in doc.user_data[WARNINGS_KEY])


def test_text_without_currency_cue_gives_empty_group(amounts_nlp):
    doc = amounts_nlp("Sebanyak 1.200 personel gabungan diturunkan, IKP 77,04.")
    assert "amounts" in doc.spans and len(doc.spans["amounts"]) == 0


def test_factory_works_on_a_blank_pipeline():
    import berita_extract.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("id")
    nlp.add_pipe("berita_amounts")
    doc = nlp("Harga Rp 4-6 ribu per ikat.")
    assert [p["fields"]["range"] for p in spans.payloads(doc, "amounts")] == ["low", "high"]


def test_foreign_sums_keep_exact_values_and_round_trip_through_jsonl_and_parquet(tmp_path):
    import io
    import json
    from decimal import Decimal

    from berita_extract import Article, batch, extract

    text = "Harga naik 0,41 dolar AS dan 0,07 dolar AS; tiket USD 2,75 dan dana US$ 1,5 juta. Dana Rp 5 juta."
    art = extract(text)
    assert [f.value for f in art.foreign_amounts] == [Decimal("0.41"), Decimal("0.07"), Decimal("2.75"),
                                                      Decimal("1500000")]
    assert [a.value for a in art.amounts] == [5000000] and isinstance(art.amounts[0].value, int)
    line = art.model_dump_json()
    assert [f["value"] for f in json.loads(line)["foreign_amounts"]] == ["0.41", "0.07", "2.75", "1500000"]
    assert Article.model_validate_json(line).model_dump() == art.model_dump()
    pq = pytest.importorskip("pyarrow.parquet")
    rows = pq.read_table(io.BytesIO(batch.parquet_bytes([line]))).to_pylist()
    assert batch._article_from_row(rows[0]) == art.model_dump(mode="json")
