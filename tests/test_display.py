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

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "mark":
            self.marks.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "mark":
            attrs, text = self.marks[-1]
            self.marks[-1] = (attrs, text + data)


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
