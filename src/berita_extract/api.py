"""The public entry points: :func:`load`, :func:`extract`, :func:`pipe`.

One pipeline is built on first use and shared by every call in the process.
Texts longer than :data:`CHUNK_CHARS` are processed in sentence-aligned chunks
whose offsets are shifted back, so cost stays linear in length.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import threading
from typing import Any, Iterable, Iterator, Literal, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import PUBLISHED_KEY, build_article, combine, doc_parts
from .clean import clean, sanitize
from .errors import BeritaError, InputError, InputTooLongError
from .pipeline import build
from .records import Article
from .rx import WARNINGS_KEY
from .segment import chunk_bounds
from .spans import TEXT_KEY

MAX_CHARS = 2_000_000
"""Longest text accepted by default (about 2 MB, far beyond any news article); ``max_chars=None`` lifts it."""
CHUNK_CHARS = 100_000
"""Texts longer than this are processed in sentence-aligned chunks of at most this many characters."""

_lock = threading.Lock()
_nlp: Language | None = None


def load() -> Language:
    """The configured spaCy pipeline (built once, then shared), for users who want ``doc.spans``.

    >>> doc = load()("Bupati Paser menerima Rp 6,7 miliar.")
    >>> sorted(doc.spans)  # doctest: +ELLIPSIS
    ['amounts', 'dates', ...]
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = build()
                nlp.max_length = CHUNK_CHARS + 1  # longer texts never reach the tokenizer whole
                _nlp = nlp
    return _nlp


def parse_published(value: Any) -> _dt.date | None:
    """A publication date from a ``date``, ``datetime`` or ISO string (``"2024-02-06"``, ``"2024-02-06T10:15:00+08:00"``).

    >>> parse_published("2024-02-06T10:15:00+08:00")
    datetime.date(2024, 2, 6)
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise InputError(f"published must be a datetime.date or an ISO date string like '2024-02-06', got {value!r}")


def check_text(text: Any, max_chars: int | None = MAX_CHARS) -> str:
    """Return ``text`` if it is an article body we can process, else raise :class:`InputError`."""
    if not isinstance(text, str):
        hint = (' (decode bytes first, e.g. data.decode("utf-8", errors="replace"))'
                if isinstance(text, (bytes, bytearray)) else "")
        raise InputError(f"article text must be a str, got {type(text).__name__}: pass the article body as a string{hint}")
    if max_chars is not None and len(text) > max_chars:
        raise InputTooLongError(
            f"article text has {len(text):,} characters, more than max_chars={max_chars:,}: "
            "pass a larger max_chars (or max_chars=None) to process it in sentence-aligned chunks"
        )
    return text


class _Warnings:
    """Collects warnings raised while cleaning, before the doc exists."""

    def __init__(self) -> None:
        self.user_data: dict = {}


def _make_doc(nlp: Language, text: str, published: _dt.date | None) -> Doc:
    sink = _Warnings()
    cleaned = clean(text, doc=sink)
    doc = nlp.make_doc(cleaned)
    doc.user_data[TEXT_KEY] = cleaned
    if published is not None:
        doc.user_data[PUBLISHED_KEY] = published
    if WARNINGS_KEY in sink.user_data:
        doc.user_data[WARNINGS_KEY] = sink.user_data[WARNINGS_KEY]
    return doc


def _process_long(nlp: Language, text: str, published: _dt.date | None) -> dict:
    parts = []
    for start, end in chunk_bounds(text, CHUNK_CHARS):
        doc = nlp(_make_doc(nlp, text[start:end], published))
        parts.append(doc_parts(doc, offset=start))
    out = combine(parts)
    out["warnings"].insert(0, f"long text ({len(text):,} characters) processed in {len(parts)} chunks")
    return out


def extract(text: str, *, id: str | None = None, title: str | None = None, published: Any = None,
            max_chars: int | None = MAX_CHARS) -> Article:
    """Extract every record from one article.

    Raises :class:`InputError` for anything but a string (or a bad ``published``),
    :class:`InputTooLongError` past ``max_chars``.

    >>> art = extract("Pemkab Paser menyiapkan Rp 6,7 miliar.", id="a1", published="2024-02-06")
    >>> art.id, art.published.isoformat()
    ('a1', '2024-02-06')
    """
    text, notes = sanitize(check_text(text, max_chars))
    pub = parse_published(published)
    article = extract_checked(load(), text, pub, id=None if id is None else str(id), title=title)
    article.warnings[:0] = notes
    return article


def extract_checked(nlp: Language, text: str, published: _dt.date | None, *, id: str | None = None,
                    title: str | None = None) -> Article:
    """:func:`extract` for a text already checked and sanitized (long texts in chunks)."""
    if len(text) > CHUNK_CHARS:
        return build_article(_process_long(nlp, text, published), text, id=id, title=title)
    return build_article(nlp(_make_doc(nlp, text, published)), text, id=id, title=title)


def item_fields(item: Any) -> tuple[Any, dict]:
    """``(text, {"id", "title", "published"})`` of a :func:`pipe` item: a string or a mapping with ``text``."""
    if isinstance(item, str):
        return item, {}
    if isinstance(item, Mapping):
        fields = {k: item.get(k) for k in ("id", "title", "published")}
        if "text" not in item:
            raise InputError(f"an item has no 'text' key (keys: {sorted(map(str, item))[:10]}): "
                             "give each item a 'text' with the article body")
        return item["text"], fields
    raise InputError(f"pipe() takes strings or dicts with a 'text' key, got {type(item).__name__}")


def error_article(item: Any, err: Exception) -> Article:
    """The record that stands for an item that could not be processed (``error`` says why)."""
    rec_id = item.get("id") if isinstance(item, Mapping) else None
    return Article(id=None if rec_id is None else str(rec_id), error=f"{type(err).__name__}: {err}")


def pipe(items: Iterable[str | Mapping[str, Any]], *, n_process: int = 1, batch_size: int = 32,
         max_chars: int | None = MAX_CHARS, errors: Literal["record", "raise"] = "record") -> Iterator[Article]:
    """Extract from many articles, yielding exactly one :class:`Article` per item, in input order.

    ``items`` are strings or dicts with ``text`` and optional ``id``, ``title``,
    ``published``. An item that cannot be processed yields an Article whose
    ``error`` says why (``errors="raise"`` raises instead), so none is lost.
    Built on ``nlp.pipe``; with ``n_process > 1`` worker processes each load
    the pipeline once and send back plain records.

    >>> [a.error is None for a in pipe(["Rp 5 juta.", {"id": "x"}])]
    [True, False]
    """
    if errors not in ("record", "raise"):
        raise ValueError("errors must be 'record' or 'raise'")
    if n_process != 1:
        from .parallel import pipe_parallel

        yield from pipe_parallel(items, n_process=n_process, batch_size=batch_size, max_chars=max_chars,
                                 errors=errors)
        return
    nlp = load()
    it = iter(items)
    while batch := list(itertools.islice(it, batch_size)):
        results: list[Article | None] = [None] * len(batch)
        short: list[tuple[int, str, dict, _dt.date | None]] = []
        notes: dict[int, list[str]] = {}
        for i, item in enumerate(batch):
            try:
                text, fields = item_fields(item)
                text, notes[i] = sanitize(check_text(text, max_chars))
                pub = parse_published(fields.get("published"))
                rec_id = None if fields.get("id") is None else str(fields["id"])
                if len(text) > CHUNK_CHARS:
                    results[i] = extract_checked(nlp, text, pub, id=rec_id, title=fields.get("title"))
                else:
                    short.append((i, text, {"id": rec_id, "title": fields.get("title")}, pub))
            except BeritaError as err:
                if errors == "raise":
                    raise
                results[i] = error_article(item, err)
        docs = nlp.pipe((_make_doc(nlp, text, pub) for _, text, _, pub in short), batch_size=batch_size)
        for (i, text, fields, _), doc in zip(short, docs):
            results[i] = build_article(doc, text, **fields)
        for i, found in notes.items():
            if found and results[i] is not None:
                results[i].warnings[:0] = found
        yield from results  # type: ignore[misc]
