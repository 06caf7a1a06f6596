"""The public entry points: :func:`load`, :func:`extract`, :func:`pipe`.

One pipeline is built on first use and shared by every call in the process.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections import deque
from typing import Any, Iterable, Iterator, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import PUBLISHED_KEY, build_article
from .clean import clean
from .errors import InputError, InputTooLongError
from .pipeline import build
from .records import Article

MAX_CHARS = 2_000_000
"""Longest text :func:`extract` accepts by default (about 2 MB: far beyond any news article)."""

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
                _nlp = build()
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
        text = value.strip()
        try:
            return _dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise InputError(
        f"published must be a datetime.date or an ISO date string like '2024-02-06', got {value!r}"
    )


def check_text(text: Any, max_chars: int | None = MAX_CHARS) -> str:
    """Return ``text`` if it is an article body we can process, else raise :class:`InputError`."""
    if not isinstance(text, str):
        hint = (
            ' (decode bytes first, e.g. data.decode("utf-8", errors="replace"))'
            if isinstance(text, (bytes, bytearray)) else ""
        )
        raise InputError(
            f"article text must be a str, got {type(text).__name__}: pass the article body as a string{hint}"
        )
    if max_chars is not None and len(text) > max_chars:
        raise InputTooLongError(
            f"article text has {len(text):,} characters, more than max_chars={max_chars:,}: "
            "pass a larger max_chars, or split the text"
        )
    return text


def _make_doc(nlp: Language, text: str, published: _dt.date | None) -> Doc:
    doc = nlp.make_doc(clean(text))
    if published is not None:
        doc.user_data[PUBLISHED_KEY] = published
    return doc


def extract(text: str, *, id: str | None = None, title: str | None = None, published: Any = None,
            max_chars: int | None = MAX_CHARS) -> Article:
    """Extract every record from one article.

    >>> art = extract("Pemkab Paser menyiapkan Rp 6,7 miliar.", id="a1", published="2024-02-06")
    >>> art.id, art.published.isoformat()
    ('a1', '2024-02-06')
    """
    text = check_text(text, max_chars)
    pub = parse_published(published)
    nlp = load()
    doc = nlp(_make_doc(nlp, text, pub))
    return build_article(doc, text, id=None if id is None else str(id), title=title)


def _item_fields(item: Any) -> tuple[str, dict]:
    if isinstance(item, str):
        return item, {}
    if isinstance(item, Mapping):
        if "text" not in item:
            raise InputError(f"an item given to pipe() has no 'text' key (keys: {sorted(map(str, item))[:10]})")
        return item["text"], {k: item.get(k) for k in ("id", "title", "published")}
    raise InputError(f"pipe() takes strings or dicts with a 'text' key, got {type(item).__name__}")


def pipe(items: Iterable[str | Mapping[str, Any]], *, n_process: int = 1, batch_size: int = 32,
         max_chars: int | None = MAX_CHARS) -> Iterator[Article]:
    """Extract from many articles, yielding one :class:`Article` per item in input order.

    ``items`` are strings or dicts with ``text`` and optional ``id``, ``title``,
    ``published``. Built on ``nlp.pipe``; with ``n_process > 1`` worker
    processes each load the pipeline once and send back plain records.
    """
    if n_process != 1:
        from .parallel import pipe_parallel

        yield from pipe_parallel(items, n_process=n_process, batch_size=batch_size, max_chars=max_chars)
        return
    nlp = load()
    meta: deque[tuple[str, dict]] = deque()

    def docs() -> Iterator[Doc]:
        for item in items:
            text, fields = _item_fields(item)
            text = check_text(text, max_chars)
            pub = parse_published(fields.get("published"))
            meta.append((text, fields))
            yield _make_doc(nlp, text, pub)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        text, fields = meta.popleft()
        rec_id = fields.get("id")
        yield build_article(doc, text, id=None if rec_id is None else str(rec_id), title=fields.get("title"))
