"""The shared token view: offsets match spaCy's tokens, flags come from models/."""

from __future__ import annotations

import spacy

from berita_extract import tokens
from berita_extract.pipeline import build


def _doc(text):
    return build([])(text)


def test_columns_match_spacy_tokens():
    doc = _doc("Kapolres Paser AKBP Novy Adi Wibowo, S.I.K. hadir pada 5 Februari 2024.")
    tv = tokens.view(doc)
    assert len(tv) == len(doc)
    assert [tv.word(i) for i in range(len(tv))] == [t.text for t in doc]
    assert tv.start == [t.idx for t in doc]
    assert list(tv.lower) == [t.lower for t in doc]
    assert list(tv.orth) == [t.orth for t in doc]


def test_word_classes_from_models():
    doc = _doc("Plt Bupati Paser H. Fahmi, kata AKBP Budi, lima hari setelah Februari.")
    tv = tokens.view(doc)
    by_word = {tv.word(i): tv.flags[i] for i in range(len(tv))}
    assert by_word["Plt"] & tokens.MODIFIER
    assert by_word["Bupati"] & tokens.TITLE and by_word["Bupati"] & tokens.CAP
    assert by_word["Paser"] & tokens.REGION
    assert by_word["H."] & tokens.HONORIFIC
    assert by_word["AKBP"] & tokens.RANK and by_word["AKBP"] & tokens.UPPER
    assert by_word["kata"] & tokens.REPORTING_VERB and not by_word["kata"] & tokens.CAP
    assert by_word["lima"] & tokens.NUMBER_WORD
    assert by_word["Februari"] & tokens.MONTH
    assert by_word[","] & tokens.PUNCT
    assert not by_word["Fahmi"] & (tokens.TITLE | tokens.RANK | tokens.PUNCT)


def test_flags_do_not_depend_on_what_was_seen_before():
    # The process-wide cache must give the same bits as computing them afresh.
    tv = tokens.view(_doc("Gubernur Kaltim tiba."))
    assert tv.flags == [tokens.flags_of(tv.word(i)) for i in range(len(tv))]


def test_view_is_built_once_and_positions_resolve():
    doc = _doc("Bupati Paser hadir.")
    tv = tokens.view(doc)
    assert tokens.view(doc) is tv
    assert tv.index_at(8) == 1 and tv.index_at(6) == 1  # inside "Paser", and the space before it
    assert list(tv.tokens_in(0, 12)) == [0, 1]
    assert [list(r) for r in tv.runs(lambda i: tv.has(i, tokens.CAP))] == [[0, 1]]


def test_empty_doc():
    tv = tokens.view(spacy.blank("id")(""))
    assert len(tv) == 0 and tv.flags == [] and tv.having(tokens.CAP) == []
