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
                if m.end > m.start:
                    marks.append((m.start, m.end, record_type, f"{record_type}: {label} [{m.rule}]"))
    return marks


def _nested(marks: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The marks cut so that they nest: a mark crossing the end of an enclosing one goes on after it.

    Outer marks open first; every mention shows, inside the one that holds it (a score in a quote).

    >>> [m[:2] for m in _nested([(0, 10, "q", ""), (2, 4, "s", ""), (8, 12, "p", "")])]
    [(0, 10), (2, 4), (8, 10), (10, 12)]
    """
    pending = sorted(set(marks), key=lambda m: (m[0], -m[1]))
    out: list[tuple[int, int, str, str]] = []
    open_ends: list[int] = []
    while pending:
        start, end, kind, title = pending.pop(0)
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            # cut at the enclosing mark's end; the rest is placed again in order
            rest = (open_ends[-1], end, kind, title)
            end = open_ends[-1]
            at = next((i for i, m in enumerate(pending) if (m[0], -m[1]) > (rest[0], -rest[1])), len(pending))
            pending.insert(at, rest)
        out.append((start, end, kind, title))
        open_ends.append(end)
    return out


def render_text(article: Article, text: str, types: Sequence[str]) -> str:
    """The text with each mention in a ``<mark>`` (nested where mentions nest), paragraphs kept."""
    parts, pos, open_ends = [], 0, []

    def close_until(limit: int) -> None:
        nonlocal pos
        while open_ends and open_ends[-1] <= limit:
            end = open_ends.pop()
            parts.append(escape(text[pos:end]) + "</mark>")
            pos = end

    for start, end, record_type, title in _nested([m for m in _highlights(article, types) if m[1] <= len(text)]):
        close_until(start)
        parts.append(escape(text[pos:start]))
        depth = len(open_ends)
        parts.append(
            f'<mark data-type="{record_type}" data-start="{start}" data-end="{end}" title="{escape(title)}" '
            f'style="background:{COLOURS[record_type]};padding:{1 + depth}px 2px;border-radius:3px;'
            f'{"outline:1px solid #888;" if depth else ""}">'
        )
        pos = start
        open_ends.append(end)
    close_until(len(text))
    parts.append(escape(text[pos:]))
    return '<div style="white-space:pre-wrap;line-height:1.8">' + "".join(parts) + "</div>"


def legend(types: Sequence[str]) -> str:
    """A line naming the colour of each record type shown."""
    chips = "".join(
        f'<span data-legend="{t}" style="background:{COLOURS[t]};padding:1px 6px;margin-right:6px;'
        f'border-radius:3px">{t}</span>'
        for t in types
    )
    return f'<p style="margin:4px 0 10px;font-size:90%">{chips}</p>'


_CELL = "border:1px solid #999;padding:3px 8px;text-align:left;vertical-align:top"


def render_tables(article: Article, types: Sequence[str]) -> str:
    """One compact table per non-empty record type, with borders and padded cells."""
    out = []
    for record_type in types:
        records: list[Record] = getattr(article, record_type)
        if not records:
            continue
        cols = _SUMMARY_FIELDS[record_type]
        head = "".join(f'<th style="{_CELL};background:#eee">{escape(c)}</th>' for c in (*cols, "mentions"))
        rows = "".join(
            "<tr>" + "".join(f'<td style="{_CELL}">{_cell(record_type, c, getattr(r, c, None))}</td>' for c in cols)
            + f'<td style="{_CELL}">{len(r.mentions)}</td></tr>'
            for r in records
        )
        out.append(
            f'<h4 style="margin:14px 0 4px"><span style="background:{COLOURS[record_type]};padding:0 4px">'
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
        + (legend(chosen) if body else "")
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
