"""berita_extract.links: surface forms -> expected links (corpus/examples/links.yaml), and the pass itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import berita_extract
from berita_extract import links
from berita_extract.records import Amount, Score

EXAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "examples" / "links.yaml"


def _cases():
    params = []
    for i, case in enumerate(yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))):
        for form in case["forms"]:
            params.append(pytest.param(form, case.get("published"), case["expect"],
                                       id=f"{i}:{case['rule']}:{form[:30]}"))
    return params


@pytest.mark.parametrize("form, published, expect", _cases())
def test_links_examples(form, published, expect):
    art = berita_extract.extract(form, published=published)
    for record_type, wanted in expect.items():
        got = getattr(art, record_type)
        if record_type == "officials":
            got = [next(o for o in got if o.name == w["name"]) for w in wanted]
        assert len(got) == len(wanted), [r.model_dump(exclude={"mentions"}) for r in got]
        for rec, want in zip(got, wanted):
            for field, value in want.items():
                assert getattr(rec, field) == value, (field, rec.model_dump(exclude={"mentions"}))


def test_every_example_names_a_function_of_links():
    for case in yaml.safe_load(EXAMPLES.read_text(encoding="utf-8")):
        name = case["rule"].split()[0].removeprefix("links.")
        assert hasattr(links, name), case["rule"]


@pytest.mark.parametrize("index, key", [
    ("inflasi", "inflation"), ("Inflasi", "inflation"), ("angka inflasi", "inflation"),
    ("inflasi tahunan", "inflation"), ("inflasi nasional", "inflation"), ("IPM", "hdi"),
    ("sewa rumah", None),
])
def test_indicator_keys(index, key):
    assert links.indicator_key(index) == key


def test_role_vocabulary_is_closed_and_documented():
    roles = set(Amount.model_fields["role"].annotation.__args__[0].__args__)
    data_roles = {v for v in links.words()["role"].values()}
    assert data_roles <= roles, data_roles - roles
    schema = berita_extract.Article.model_json_schema()
    doc = schema["$defs"]["Amount"]["properties"]["role"]["description"]
    assert all(r in doc for r in roles)
    for field in ("recipient_key", "payer", "payer_type", "converted_from"):
        assert schema["$defs"]["Amount"]["properties"][field]["description"]
    for field in ("area", "period", "indicator"):
        assert schema["$defs"]["Score"]["properties"][field]["description"]
    assert set(Score.model_fields) >= {"area", "period", "indicator"}


def test_offsets_survive_the_split():
    text = "Pemkab Paser mengalokasikan Rp 5 miliar untuk Desa Sukamaju dan Rp 5 miliar untuk Desa Sukamulya."
    art = berita_extract.extract(text)
    assert [a.recipient for a in art.amounts] == ["Desa Sukamaju", "Desa Sukamulya"]
    for a in art.amounts:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text


def test_pass_is_idempotent():
    text = "Setiap bulan, nelayan menerima bantuan sebesar Rp 2,5 juta dari APBD."
    art = berita_extract.extract(text)
    before = art.model_dump()
    assert links.link(art, text).model_dump() == before
