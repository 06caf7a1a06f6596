"""The HTML view: well formed, escaped, and every highlight is exactly its mention."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import berita_extract
from berita_extract.display import render, rupiah
from berita_extract.errors import BeritaError
from berita_extract.records import Amount, Article, Mention, Place

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "contoh_berita.txt"
VOID = {"meta", "br", "hr", "img", "input", "link"}


class Checker(HTMLParser):
    """Parses HTML, checks nesting, and collects the text inside each <mark>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[tuple[dict, str]] = []
        self.scripts = 0

        self.open_marks: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "mark":
            self.open_marks.append(len(self.marks))
            self.marks.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()

    def handle_data(self, data):
        for i in self.open_marks:  # text inside nested marks belongs to each of them
            attrs, text = self.marks[i]
            self.marks[i] = (attrs, text + data)


def parse(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"unclosed tags {checker.stack}"
    return checker


def _article_with(text: str, spans: list[tuple[int, int]]) -> Article:
    places = [
        Place(name=text[s:e] or "x", mentions=[Mention(text=text[s:e], start=s, end=e, rule="test")])
        for s, e in spans
    ]
    return Article(places=places)


def test_example_article_renders_with_exact_highlights():
    text = EXAMPLE.read_text(encoding="utf-8")
    art = berita_extract.extract(text, id="contoh")
    html = render(art)
    checker = parse(html)
    for attrs, inner in checker.marks:
        assert inner == text[int(attrs["data-start"]):int(attrs["data-end"])]
    assert checker.scripts == 0
    assert art._repr_html_() == html


def test_script_in_article_text_is_escaped():
    text = 'Bupati <script>alert("x")</script> menerima Rp 5 juta & "hadiah".'
    art = _article_with(text, [(0, 6), (7, 34)])
    html = render(art, text=text)
    checker = parse(html)
    assert checker.scripts == 0
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert [inner for _, inner in checker.marks] == ["Bupati", '<script>alert("x")</script>']


def test_amounts_are_shown_as_rupiah_and_types_filter():
    art = Article(amounts=[Amount(value=6700000000, text="Rp 6,7 miliar",
                                  mentions=[Mention(text="Rp 6,7 miliar", start=0, end=13, rule="t")])])
    assert "Rp 6.700.000.000" in render(art, text="Rp 6,7 miliar")
    assert "<mark" not in render(art, types=["places"], text="Rp 6,7 miliar")
    assert rupiah(1550000) == "Rp 1.550.000"
    with pytest.raises(BeritaError, match="unknown record types"):
        render(art, types=["amount"])


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80), st.lists(st.tuples(st.integers(0, 80), st.integers(1, 20)), max_size=6))
def test_any_text_and_overlapping_spans_give_well_formed_exact_html(text, raw):
    spans = sorted({(s, min(s + n, len(text))) for s, n in raw if s < len(text)})
    html = render(_article_with(text, spans), text=text)
    checker = parse(html)
    for attrs, inner in checker.marks:
        assert inner == text[int(attrs["data-start"]):int(attrs["data-end"])]


def test_nested_mentions_both_show():
    """A score inside a quote is highlighted inside the quote's highlight."""
    from berita_extract.records import Quote, Score

    text = '"IKP Kaltim 77,04 persen," kata Akmal.'
    art = Article(quotes=[Quote(text=text[1:24], mentions=[Mention(text=text[1:24], start=1, end=24, rule="q")])],
                  scores=[Score(index="IKP", value=77.04, mentions=[Mention(text="77,04", start=12, end=17, rule="s")])])
    checker = parse(render(art, text=text))
    assert [(a["data-type"], inner) for a, inner in checker.marks] == [("quotes", text[1:24]), ("scores", "77,04")]


def test_crossing_mentions_are_cut_to_nest_and_keep_every_character():
    text = "Kabupaten Paser Utara"
    art = _article_with(text, [(0, 15), (10, 21)])
    checker = parse(render(art, text=text))
    pieces = [(int(a["data-start"]), int(a["data-end"])) for a, _ in checker.marks]
    assert pieces == [(0, 15), (10, 15), (15, 21)]
    for attrs, inner in checker.marks:
        assert inner == text[int(attrs["data-start"]):int(attrs["data-end"])]


def test_every_mention_of_the_example_is_highlighted():
    text = EXAMPLE.read_text(encoding="utf-8")
    art = berita_extract.extract(text)
    shown = {(int(a["data-start"]), int(a["data-end"])) for a, _ in parse(render(art)).marks}
    for record_type in ("officials", "institutions", "amounts", "scores", "dates", "places", "quotes"):
        for record in getattr(art, record_type):
            for m in record.mentions:
                starts = sorted(s for s, e in shown if m.start <= s < m.end)
                assert starts and starts[0] == m.start, (record_type, m)


def test_legend_names_each_shown_type_and_tables_have_borders():
    text = EXAMPLE.read_text(encoding="utf-8")
    html = render(berita_extract.extract(text), types=["amounts", "officials"])
    assert 'data-legend="amounts"' in html and 'data-legend="officials"' in html and 'data-legend="places"' not in html
    assert "<td style=\"border:1px solid" in html and "padding:3px 8px" in html
