"""The quotes component: surface forms, offsets, unbalanced marks, speakers linked to officials."""

from __future__ import annotations

import json
import sys

import pytest
import yaml

from berita_extract.assemble import build_article
from berita_extract.clean import clean
from berita_extract.components.quotes import find_quote_marks
from berita_extract.pipeline import build
from conftest import EXAMPLES, shared_path
from quote_support import add_gold_officials, add_official


@pytest.fixture(scope="module")
def quotes_nlp():
    return build(["quotes"])


def run(nlp, text: str, officials=()):
    """The Article for ``text`` after putting ``officials`` into the doc, then running quotes."""
    doc = nlp.make_doc(clean(text))
    for off in officials:
        add_official(doc, off["name"], off.get("aliases") or [], off.get("title"), off.get("region"))
    doc = nlp.get_pipe("berita_quotes")(doc)
    return doc, build_article(doc, text)


def _cases():
    data = yaml.safe_load((EXAMPLES / "quotes.yaml").read_text(encoding="utf-8"))
    for i, case in enumerate(data):
        for form in case["forms"]:
            yield pytest.param(form, case["expect"] or [], case.get("officials") or [], id=f"{i}:{form[:40]}")


@pytest.mark.parametrize("form, expect, officials", list(_cases()))
def test_examples(quotes_nlp, form, expect, officials):
    _, art = run(quotes_nlp, form, officials)
    got = [(q.text, q.speaker) for q in art.quotes]
    assert len(art.quotes) == len(expect), got
    for q, want in zip(art.quotes, expect):
        assert q.text.startswith(want["text_start"]), got
        assert q.speaker == want["speaker"], got
        if "verb" in want:
            assert q.verb == want["verb"]
        assert q.speaker_official is bool(want.get("official", False))


def test_mentions_are_the_words_inside_the_marks(quotes_nlp):
    text = 'Rapat berlangsung lama. "Kami siap bekerja keras," kata Dewi Lestari.'
    _, art = run(quotes_nlp, text)
    (q,) = art.quotes
    (m,) = q.mentions
    assert text[m.start:m.end] == m.text == "Kami siap bekerja keras,"
    assert q.text == "Kami siap bekerja keras"
    assert m.rule == "quotes.after_named"


def test_quote_over_paragraphs_is_one_record_with_a_mention_per_paragraph(quotes_nlp):
    text = "“Air mulai surut sejak pagi.\n\n“Warga sudah bisa pulang besok,” kata Yoga Pratama."
    _, art = run(quotes_nlp, text)
    (q,) = art.quotes
    assert [m.text for m in q.mentions] == ["Air mulai surut sejak pagi.", "Warga sudah bisa pulang besok,"]
    assert q.text == "Air mulai surut sejak pagi. Warga sudah bisa pulang besok"


def test_unclosed_quote_does_not_swallow_the_article(quotes_nlp):
    opening = 'Ketua RT berkata, "Kami menolak rencana itu.\n\n'
    rest = 'Camat hadir siang itu. "Rencana itu belum final," ujar Bayu Saputra.'
    _, art = run(quotes_nlp, opening + rest)
    assert [q.speaker for q in art.quotes][-1] == "Bayu Saputra"
    first = art.quotes[0]
    assert all(m.end <= len(opening) for m in first.mentions) or first.speaker == "Bayu Saputra"


def test_many_unmatched_marks_give_nothing_and_finish(quotes_nlp):
    for text in ('"' * 5000, ' "a' * 5000, "“ " * 5000, 'kata "b c ' * 3000, '"Ya\n' * 3000):
        doc, art = run(quotes_nlp, text)
        assert art.quotes == []
        assert not doc.user_data.get("berita_warnings")


def test_pairing_is_by_paragraph():
    text = '"Satu dua tiga.\nEmpat "lima enam," kata X.'
    quotes = find_quote_marks(text)
    assert [text[a:b] for q in quotes for a, b in q.segments] == ["Satu dua tiga.", "lima enam,"]
    assert quotes[0].close_at is None


def _dev_quotes(nlp, gold_dir, with_officials: bool) -> tuple[int, int, int]:
    """(tp, fp, fn) of quotes on a gold folder, scored by ../shared/eval/score.py's own matcher."""
    sys.path.insert(0, str(shared_path("eval")))
    import score

    tp = fp = fn = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        doc = nlp.make_doc(clean(text))
        if with_officials:
            add_gold_officials(doc, gold)
        doc = nlp.get_pipe("berita_quotes")(doc)
        preds = [q.model_dump() for q in build_article(doc, text).quotes]
        t, f, n, _, _ = score.score_article({"quotes": preds}, gold)["quotes"]
        tp, fp, fn = tp + t, fp + f, fn + n
    return tp, fp, fn


def _f1(tp, fp, fn) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@pytest.mark.parametrize("with_officials", [False, True], ids=["alone", "gold-officials"])
def test_dev_quotes_f1(quotes_nlp, with_officials):
    """Speakers linked through officials (the gold ones standing in for that component) and alone."""
    scores = _dev_quotes(quotes_nlp, shared_path("corpus", "dev"), with_officials)
    assert _f1(*scores) >= (0.95 if with_officials else 0.90), scores


def test_dev_quote_texts_are_found(quotes_nlp):
    """Quote recall ignoring speakers: every gold quote's opening words start some quote."""
    sys.path.insert(0, str(shared_path("eval")))
    import score

    found = total = 0
    for path in sorted(shared_path("corpus", "dev").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        _, art = run(quotes_nlp, text)
        starts = [score.norm(q.text) for q in art.quotes]
        for g in gold.get("quotes", []):
            total += 1
            found += any(s.startswith(score.norm(g["text_start"])[:20]) for s in starts)
    assert found / total >= 0.95, (found, total)


_PIECES = ['"', "“", "”", " ", "\n", "\n\n", ",", ".", "kata", "ujarnya", "Fahmi", "Kami siap bekerja", "ia", "mengatakan"]


def test_any_mix_of_marks_gives_valid_mentions(quotes_nlp):
    """Whatever the marks, every mention is a slice of the input inside one paragraph."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=40))
    def check(pieces):
        text = " ".join(pieces)
        _, art = run(quotes_nlp, text)
        for q in art.quotes:
            assert q.mentions and q.text
            for m in q.mentions:
                assert text[m.start:m.end] == m.text
                assert "\n" not in m.text

    check()


def test_pronoun_reporting_verb_is_a_mention_of_the_official():
    import berita_extract

    text = ('Bupati Berau Sri Wahyuni meninjau pasar. "Harga harus stabil sampai akhir tahun," tuturnya.\n\n'
            '"Kami pantau setiap hari," kata Sri.')
    art = berita_extract.extract(text)
    (sri,) = [o for o in art.officials if o.name == "Sri Wahyuni"]
    assert ("tuturnya", "quotes.pronoun_speaker") in [(m.text, m.rule) for m in sri.mentions]
    for m in sri.mentions:
        assert text[m.start:m.end] == m.text
    assert [q.speaker for q in art.quotes] == ["Sri Wahyuni", "Sri Wahyuni"]


@pytest.mark.parametrize("text", ['" , kata Fahmi', '," ucap S', '" ... " kata Fahmi.', '“ , ” ujarnya'])
def test_no_quote_without_a_word(quotes_nlp, text):
    """Marks around punctuation only quote nothing (found by hypothesis: `" , kata Fahmi`)."""
    _, art = run(quotes_nlp, text, [{"name": "Fahmi"}, {"name": "S"}])
    assert art.quotes == []
    # the same rule in the whole pipeline
    import berita_extract

    assert berita_extract.extract(text).quotes == []


@pytest.mark.parametrize("text", [
    '", kata Fahmi.',
    'Lalu " , kata Fahmi.',
    'Ia menutup rapat. "," ucap Sari.',
    "Ia menutup rapat. ',' ucap Sari.",
    'Rapat selesai. "..." kata Bupati Paser Fahmi Fadli.',
    'Rapat selesai. “ – ” tutur Dewi Lestari.',
    'Rapat selesai. "?!" ujar Dewi Lestari.',
])
def test_marks_around_no_word_give_no_quote(quotes_nlp, text):
    _, art = run(quotes_nlp, text)
    assert art.quotes == [], [(q.text, q.speaker) for q in art.quotes]


@pytest.mark.parametrize("text, words", [
    ('"Siap," kata Fahmi.', "Siap"),
    ('Rapat selesai. "2024," kata Bupati Paser Fahmi Fadli.', "2024"),
])
def test_one_word_inside_the_marks_is_still_a_quote(quotes_nlp, text, words):
    _, art = run(quotes_nlp, text)
    assert [q.text for q in art.quotes] == [words]
