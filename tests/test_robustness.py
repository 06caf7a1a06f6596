"""Any input gives a clear error or a valid Article; offsets always hold; nothing is lost."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import berita_extract
from berita_extract import Article, InputError, InputTooLongError, extract, pipe
from berita_extract.clean import clean
from berita_extract.records import RECORD_TYPES

NEWSY = ["Rp 6,7 miliar", "Bupati Paser Fahmi Fadli", "Selasa (6/2/2024)", '"Kami siap," kata Fahmi.',
         "Polres Paser", "IKP 77,04", "TNI-Polri", "Kabupaten Paser", "\n\n", " ", "“", "”", '"', "Rp", "1.", ","]


def all_mentions(article: Article):
    for record_type in [*RECORD_TYPES, "foreign_amounts"]:
        for record in getattr(article, record_type):
            yield from record.mentions


def check(article: Article, text: str) -> None:
    for m in all_mentions(article):
        assert text[m.start:m.end] == m.text, (m, text[m.start:m.end])
    again = Article.model_validate_json(article.model_dump_json())
    assert again.model_dump(mode="json") == article.model_dump(mode="json")


@contextmanager
def guard(seconds: int):
    """Fail (rather than hang the suite) if a call never returns; not a timing assertion."""
    def boom(*_):
        raise AssertionError(f"did not return within {seconds}s")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
newsy_text = st.lists(st.one_of(st.sampled_from(NEWSY), st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(any_text, newsy_text))
def test_any_string_gives_a_valid_article_with_exact_offsets(text):
    article = extract(text)
    check(article, text)
    assert extract(text).model_dump() == article.model_dump()  # deterministic


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["\u200d", "\u202e", "🇮🇩", "\x00", "\ufeff", "a", "ق", "我", " ", "\n", "Rp 5 juta"]),
                max_size=100).map("".join))
def test_control_rtl_emoji_zero_width_and_nul(text):
    check(extract(text), text)


def test_lone_surrogates_are_flagged_and_offsets_hold_against_the_callers_string():
    text = '"Kami siap' + chr(0xD800) + ' bekerja," kata Fahmi. IKP' + chr(0xDC00) + " 77,04. Dana Rp 5 juta untuk desa."
    article = extract(text)
    assert any("surrogate" in w for w in article.warnings)
    check(article, text)  # the caller's string, not a cleaned copy
    assert any(chr(0xD800) in m.text for m in all_mentions(article))
    dumped = json.loads(article.model_dump_json())  # JSON output is UTF-8: the surrogate becomes U+FFFD
    assert "\ufffd" in dumped["quotes"][0]["mentions"][0]["text"]


# Pieces that stress offsets: lone surrogates, control characters, every line ending, entities,
# tags and furniture that cleaning blanks, and text the components read.
HOSTILE = ["\ud800", "\udfff", "\udc80", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\r\n", "\r", "\n", "\u2028",
           "\u2029", "\x0b", "\x0c", "\t", "&amp;", "&#1234;", "<b>", "</p>", "\nBaca juga: Rp 9 miliar\n", "\ufeff",
           "\u00a0", "\u200b", "'", '"', "\u201c", "\u201d", '"Kami\ud800 siap\r\n bekerja," kata Fahmi. ']
hostile_text = st.lists(st.one_of(st.sampled_from(NEWSY + HOSTILE), st.text(max_size=6)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_fuzz_offsets_hold_against_the_callers_original_string(text):
    original = str(text)  # what the caller passed; extract must not need a cleaned copy
    article = extract(text)
    check(article, original)
    for art in pipe([text, {"text": text, "id": "x"}]):
        check(art, original)


@pytest.mark.parametrize("bad", [None, b"Rp 5 juta", 42, 4.2, {"id": "x"}, ["Rp"], object()])
def test_wrong_types_raise_input_error_saying_what_was_expected(bad):
    with pytest.raises(InputError, match="must be a str"):
        extract(bad)


def test_bytes_error_says_how_to_decode():
    with pytest.raises(InputError, match="decode"):
        extract(b"abc")


def test_bad_published_is_an_input_error():
    with pytest.raises(InputError, match="ISO date"):
        extract("teks", published="kemarin")


def test_pipe_never_loses_an_item():
    items = ["Rp 5 juta.", {"id": "no-text"}, {"id": 7, "text": None}, 3, {"id": "ok", "text": "Pemkab Paser."},
             {"id": "late", "text": "x", "published": "bukan tanggal"}]
    out = list(pipe(items, batch_size=2))
    assert len(out) == len(items)
    assert [a.error is None for a in out] == [True, False, False, False, True, False]
    assert [a.id for a in out] == [None, "no-text", "7", None, "ok", "late"]
    assert "text" in out[1].error and "must be a str" in out[2].error
    with pytest.raises(InputError):
        list(pipe(items, errors="raise"))


def test_max_chars_refuses_or_chunks_by_choice(monkeypatch):
    monkeypatch.setattr(berita_extract.core, "CHUNK_CHARS", 2_000)
    para = "Pemkab Paser menyiapkan dana hibah untuk pengamanan pemilu di Kabupaten Paser. " * 5 + "\n\n"
    text = para * 40
    with pytest.raises(InputTooLongError, match="max_chars"):
        extract(text, max_chars=1_000)
    article = extract(text, max_chars=None)
    check(article, text)
    assert any("chunks" in w for w in article.warnings)
    # The same paragraph on its own gives the same records, shifted: chunking loses nothing.
    single = extract(para)
    for record_type in RECORD_TYPES:
        assert len(getattr(article, record_type)) == len(getattr(single, record_type))


@pytest.mark.parametrize("text", [
    "Rp " + "1." * 100_000,
    '"' * 20_000 + " kata Fahmi",
    "“" * 5_000 + "”" * 3 + "Rp 5 juta",
    "x" * 1_000_000,
    ("Bupati " * 50_000),
    "(" * 50_000 + "6/2/2024",
])
def test_pathological_inputs_finish_with_a_result(text):
    with guard(120):
        article = extract(text)
    check(article, text)


def test_dirty_text_keeps_offsets_and_masks_furniture():
    text = ("\ufeffBALIKPAPAN - Dana&nbsp;hibah <b>Rp 6,7 miliar</b>\r\n"
            "SCROLL TO CONTINUE WITH CONTENT\r\n"
            "Baca juga: Pemkab Paser kucurkan Rp 9 miliar\r\n"
            "[video.1]\r\n"
            "Selesai.")
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert "SCROLL" not in cleaned and "Baca juga" not in cleaned and "Rp 9" not in cleaned
    assert "<b>" not in cleaned and "\ufeff" not in cleaned and "\r" not in cleaned
    article = extract(text)
    check(article, text)
    assert all(m.text != "Rp 9 miliar" for m in all_mentions(article))


def test_a_regex_timeout_leaves_a_result_with_a_warning(monkeypatch):
    from berita_extract import rx

    text = ("Pemkab Paser menyiapkan Rp 6,7 miliar untuk Polres Paser, Selasa (6/2/2024). "
            '"Kami siap," kata Bupati Paser Fahmi Fadli. ') * 40
    monkeypatch.setattr(rx, "DEFAULT_TIMEOUT", 1e-7)
    article = extract(text)
    assert any("timed out" in w for w in article.warnings)
    check(article, text)
