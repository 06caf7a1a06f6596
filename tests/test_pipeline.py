"""The pipeline's own Indonesian: same tokens as spacy.blank("id") with the corrected prefixes."""

from __future__ import annotations

import itertools
import json
import pickle

import pytest
import spacy
from spacy.util import compile_prefix_regex

from berita_extract import pipeline
from conftest import shared_path


@pytest.fixture(scope="module")
def eager():
    nlp = spacy.blank("id")
    nlp.tokenizer.prefix_search = compile_prefix_regex(pipeline._PREFIXES).search
    return nlp


def _tokens(doc):
    return [(t.idx, t.text) for t in doc]


# Own sentences full of the special cases the lazy loader must add in time: reduplications,
# abbreviations with dots, special cases after a prefix or before a suffix, a repeat.
OWN = [
    "Anak-anak dan ibu-ibu (bapak-bapak) hadir, dll. Kab. Paser, a.n. Bupati.",
    "\"Sehari-hari\" kami ke-2 kalinya; kata-kata itu... dsb.",
    "Anak-anak lagi: sehari-hari.",
]


def test_same_tokens_as_eager_tokenizer(eager):
    lazy = pipeline.build([])
    with shared_path("corpus", "archive", "news.jsonl").open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in itertools.islice(f, 150)]
    for text in OWN + texts:
        assert _tokens(lazy(text)) == _tokens(eager(text)), text[:80]
    assert len(lazy.tokenizer.rules) < len(eager.tokenizer.rules)  # it did load lazily


def test_special_cases_load_on_first_use(eager):
    lazy = pipeline.build([])
    assert "anak-anak" not in lazy.tokenizer.rules
    assert [t.text for t in lazy("anak-anak")] == ["anak-anak"] == [t.text for t in eager("anak-anak")]
    assert "anak-anak" in lazy.tokenizer.rules


def test_pickled_tokenizer_keeps_every_special_case():
    tok = pickle.loads(pickle.dumps(pipeline.build([]).tokenizer))
    assert isinstance(tok, pipeline.LazyTokenizer)
    assert [t.text for t in tok("ibu-ibu")] == ["ibu-ibu"]
