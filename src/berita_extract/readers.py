"""One reader of article files for every command: ``extract``, ``show`` and ``run`` see the same text.

A ``.txt`` file is the article (``ID.json`` beside it may add title and date; otherwise a
first line standing alone is the headline); an ``.html`` page is read with trafilatura
(extra ``html``), and its record carries the extracted text, since every offset points
into that text and not into the page. JSONL, CSV and folders hold many articles: they
are inputs of ``berita-extract run``, and the one-article commands say so.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "contoh.txt"
>>> _ = path.write_text("Pemkab Paser Siapkan Dana\\n\\nPemkab Paser menyiapkan Rp 6,7 miliar.", encoding="utf-8")
>>> art = extract_file(str(path))
>>> art.id, art.title, [a.value for a in art.amounts]
('contoh', 'Pemkab Paser Siapkan Dana', [6700000000])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .api import MAX_CHARS, extract
from .batch import input_kind, make_item, read_html_file, read_text_file
from .errors import BatchInputError, InputError
from .records import Article

_BATCH_KINDS = ("jsonl", "csv", "dir")


def read_article(path: str) -> dict:
    """The work item (``text``, ``id``, ``title``, ``published``, ...) of one article file.

    Raises :class:`InputError` for a missing file or a batch input (JSONL, CSV, a folder).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file")
    try:
        kind = input_kind(path)
    except BatchInputError:
        kind = "txt"  # any other file name: plain text, as a .txt
    if kind in _BATCH_KINDS:
        what = "a folder" if kind == "dir" else f"a batch input ({kind.upper()}: one article per line or row)"
        raise InputError(f"{path} is {what}: use `berita-extract run {path} -o records.jsonl`")
    if kind == "html":
        return read_html_file(p, p.stem)
    return read_text_file(p, p.stem)


def text_item(text: str, art_id: str) -> dict:
    """The work item of a text given directly (standard input)."""
    return make_item("-", None, text=text, id=art_id)


def extract_item(item: dict, *, published: Any = None, max_chars: int | None = MAX_CHARS) -> Article:
    """The Article of one item from :func:`read_article` (``published`` overrides the file's date)."""
    if item.get("error"):
        raise InputError(f"{item['source']['file']}: {item['error']}")
    date = published if published is not None else item.get("published")
    warnings = list(item.get("warnings") or [])
    try:
        art = extract(item["text"], id=item.get("id"), title=item.get("title"), published=date, max_chars=max_chars)
    except InputError:
        if published is not None or date is None:
            raise
        # a page's own date that is not ISO: ignored, as in batch runs
        warnings.append(f"published {date!r} is not an ISO date: ignored")
        art = extract(item["text"], id=item.get("id"), title=item.get("title"), max_chars=max_chars)
    art.warnings = warnings + art.warnings
    if item.get("text_from"):
        art.text = art.source_text()
    return art


def extract_file(path: str, *, published: Any = None, max_chars: int | None = MAX_CHARS) -> Article:
    """:func:`read_article` then :func:`extract_item`."""
    return extract_item(read_article(path), published=published, max_chars=max_chars)
