"""HTML for humans: the article with every mention highlighted, then tables of the records.

Used by ``Article._repr_html_`` in Jupyter, by :func:`render`, and by
``berita-extract show``. Everything from the input is escaped; the output is
a self-contained fragment (inline styles, no scripts).

>>> from berita_extract.records import Article, Amount, Mention
>>> art = Article(amounts=[Amount(value=5000, text="Rp 5.000", mentions=[Mention(text="Rp 5.000", start=8, end=16, rule="t")])])
>>> html = render(art, text="<b>x</b>Rp 5.000")
>>> "&lt;b&gt;x&lt;/b&gt;" in html, '<mark data-type="amounts" data-start="8"' in html, "<b>" in html
(True, True, False)
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

from .records import RECORD_TYPES, Article, Record

COLOURS = {
    "officials": "#ffd6a5",
    "institutions": "#caffbf",
    "amounts": "#fdffb6",
    "scores": "#9bf6ff",
    "dates": "#bdb2ff",
    "places": "#a0c4ff",
    "quotes": "#ffc6ff",
}
"""Background colour of each record type's highlights."""

_SUMMARY_FIELDS = {
    "officials": ("name", "title", "region", "region_code", "institution"),
    "institutions": ("name", "acronym", "kind", "region", "region_code"),
    "amounts": ("text", "value", "qualifier", "range", "recipient"),
    "scores": ("index", "value", "unit", "region", "source"),
    "dates": ("text", "value", "relative"),
    "places": ("name", "level", "code"),
    "quotes": ("speaker", "text"),
}


def rupiah(value: int) -> str:
    """``6700000000`` as ``Rp 6.700.000.000`` (Indonesian digit grouping).

    >>> rupiah(6700000000), rupiah(-1500)
    ('Rp 6.700.000.000', '-Rp 1.500')
    """
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {abs(value):,}".replace(",", ".")


def _cell(record_type: str, name: str, value) -> str:
    if value is None or value == []:
        return ""
    if record_type == "amounts" and name == "value":
        return rupiah(int(value))
    text = str(value)
    return escape(text if len(text) <= 120 else text[:117] + "...")


def _highlights(article: Article, types: Sequence[str]) -> list[tuple[int, int, str, str]]:
    marks = []
    for record_type in types:
        for record in getattr(article, record_type):
            label = getattr(record, "name", None) or getattr(record, "index", None) or getattr(record, "value", "")
            for m in record.mentions:
                marks.append((m.start, m.end, record_type, f"{record_type}: {label} [{m.rule}]"))
    # Outer spans first; a mention inside an earlier one is dropped from the text view
    # (it still appears in the tables), so the markup never nests or crosses.
    marks.sort(key=lambda m: (m[0], -m[1]))
    kept, last_end = [], 0
    for mark in marks:
        if mark[0] >= last_end:
            kept.append(mark)
            last_end = mark[1]
    return kept


def render_text(article: Article, text: str, types: Sequence[str]) -> str:
    """The text with each mention in a ``<mark>``, paragraphs kept."""
    parts, pos = [], 0
    for start, end, record_type, title in _highlights(article, types):
        if end > len(text):
            continue
        parts.append(escape(text[pos:start]))
        parts.append(
            f'<mark data-type="{record_type}" data-start="{start}" data-end="{end}" title="{escape(title)}" '
            f'style="background:{COLOURS[record_type]};padding:0 2px;border-radius:3px">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    parts.append(escape(text[pos:]))
    return '<div style="white-space:pre-wrap;line-height:1.6">' + "".join(parts) + "</div>"


def render_tables(article: Article, types: Sequence[str]) -> str:
    """One compact table per non-empty record type."""
    out = []
    for record_type in types:
        records: list[Record] = getattr(article, record_type)
        if not records:
            continue
        cols = _SUMMARY_FIELDS[record_type]
        head = "".join(f"<th>{escape(c)}</th>" for c in cols) + "<th>mentions</th>"
        rows = "".join(
            "<tr>" + "".join(f"<td>{_cell(record_type, c, getattr(r, c, None))}</td>" for c in cols)
            + f"<td>{len(r.mentions)}</td></tr>"
            for r in records
        )
        out.append(
            f'<h4 style="margin:8px 0 2px"><span style="background:{COLOURS[record_type]};padding:0 4px">'
            f"{record_type}</span> ({len(records)})</h4>"
            f'<table style="border-collapse:collapse;font-size:90%"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return "".join(out)


def render(article: Article, types: Iterable[str] | None = None, text: str | None = None) -> str:
    """HTML of ``article``: highlighted text (when the text is known) and record tables.

    ``types`` limits the record types shown; ``text`` defaults to the text the
    article was extracted from in this process (not kept in its JSON form).
    """
    if not isinstance(article, Article):
        from .errors import InputError

        raise InputError(f"render() takes an Article (what extract() returns), got {type(article).__name__}")
    chosen = list(RECORD_TYPES) if types is None else [t for t in types]
    unknown = [t for t in chosen if t not in RECORD_TYPES]
    if unknown:
        from .errors import BeritaError

        raise BeritaError(f"unknown record types {unknown}: choose from {list(RECORD_TYPES)}")
    text = text if text is not None else article.source_text()
    header = escape(" · ".join(str(x) for x in (article.id, article.title, article.published) if x))
    body = render_text(article, text, chosen) if text is not None else ""
    warnings = "".join(f"<li>{escape(w)}</li>" for w in article.warnings)
    return (
        '<div class="berita-article" style="font-family:sans-serif">'
        + (f"<h3>{header}</h3>" if header else "")
        + (f"<p><b>error:</b> {escape(article.error)}</p>" if article.error else "")
        + body
        + render_tables(article, chosen)
        + (f"<ul>{warnings}</ul>" if warnings else "")
        + "</div>"
    )


def page(fragment: str, title: str = "berita_extract") -> str:
    """A whole HTML document around a fragment from :func:`render`."""
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title></head>'
        f"<body>{fragment}</body></html>"
    )
