"""The batch core: items in, exactly one :class:`Article` per item out, in order.

Every way of extracting calls this module and nothing else: :func:`~berita_extract.extract`,
:func:`~berita_extract.pipe` (one process or worker processes), ``berita-extract run``
(through :func:`berita_extract.batch.process_items`) and the Dask engine. So they
accept and reject the same things:

* :func:`prepare` checks one item (its ``text``, ``id``, ``title``, ``published``)
  and raises :class:`~berita_extract.errors.InputError` saying what was expected;
* :func:`extract_prepared` runs the pipeline over a batch of prepared items with
  ``nlp.pipe``; an article on which the pipeline fails becomes an error Article
  (its :class:`~berita_extract.errors.ExtractionError` kept beside it), the
  others are unaffected;
* :func:`extract_items` does both: one ``(Article, error or None)`` per item.

>>> [(a.id, a.error is None) for a, _ in extract_items(["Rp 5 juta.", {"id": "x", "text": 5}])]
[(None, True), ('x', False)]
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import threading
from typing import Any, Iterable, Mapping, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .assemble import PUBLISHED_KEY, build_article, combine, doc_parts
from .clean import clean, sanitize
from .errors import ArgumentError, BeritaError, ExtractionError, InputError, InputTooLongError
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


# --------------------------------------------------------------------------- checks

def parse_published(value: Any) -> _dt.date | None:
    """A publication date from a ``date``, ``datetime`` or ISO 8601 string; anything else is an :class:`InputError`.

    >>> parse_published("2024-02-06T10:15:00+08:00")
    datetime.date(2024, 2, 6)
    >>> parse_published("2024-02-06garbage")
    Traceback (most recent call last):
    ...
    berita_extract.errors.InputError: published must be a datetime.date or an ISO date string like '2024-02-06' or '2024-02-06T10:15:00+08:00', got '2024-02-06garbage'
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        if s.endswith(("Z", "z")):  # UTC designator: Python < 3.11 does not read it
            s = s[:-1] + "+00:00"
        try:
            return _dt.datetime.fromisoformat(s).date()  # the whole string, not a prefix of it
        except ValueError:
            pass
    raise InputError("published must be a datetime.date or an ISO date string like '2024-02-06' or "
                     f"'2024-02-06T10:15:00+08:00', got {value!r}")


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


def check_max_chars(max_chars: Any) -> int | None:
    """``max_chars`` if it is None or a positive int, else :class:`ArgumentError`."""
    if max_chars is None or (isinstance(max_chars, int) and not isinstance(max_chars, bool) and max_chars >= 1):
        return max_chars
    raise ArgumentError(f"max_chars must be a positive int or None (no limit), got {max_chars!r}")


def item_fields(item: Any) -> tuple[Any, dict]:
    """``(text, {"id", "title", "published"})`` of an item: a string or a mapping with ``text``."""
    if isinstance(item, str):
        return item, {}
    if isinstance(item, Mapping):
        if "text" not in item:
            raise InputError(f"an item has no 'text' key (keys: {sorted(map(str, item))[:10]}): "
                             "give each item a 'text' with the article body")
        return item["text"], {k: item.get(k) for k in ("id", "title", "published")}
    raise InputError(f"pipe() takes strings or dicts with a 'text' key, got {type(item).__name__}")


@dataclasses.dataclass
class Prepared:
    """An item that passed every check: what the pipeline needs, plain and picklable."""

    text: str
    id: str | None = None
    title: str | None = None
    published: _dt.date | None = None
    notes: list[str] = dataclasses.field(default_factory=list)
    """Warnings found while checking (lone surrogates replaced), put first in the Article's warnings."""


def prepare(text: Any, *, id: Any = None, title: Any = None, published: Any = None,
            max_chars: int | None = MAX_CHARS) -> Prepared:
    """Check one article's fields; raise :class:`InputError` naming the bad field and what it should be."""
    text, notes = sanitize(check_text(text, max_chars))
    if title is not None and not isinstance(title, str):
        raise InputError(f"title must be a str or None, got {type(title).__name__}: pass the headline as a string")
    return Prepared(text, None if id is None else str(id), title, parse_published(published), notes)


def prepare_item(item: Any, max_chars: int | None = MAX_CHARS) -> Prepared:
    """:func:`prepare` for a :func:`~berita_extract.pipe` item (a string or a mapping with ``text``)."""
    text, fields = item_fields(item)
    return prepare(text, max_chars=max_chars, **fields)


def error_article(item: Any, err: Exception) -> Article:
    """The record that stands for an item that could not be processed (``error`` says why)."""
    rec_id = item.get("id") if isinstance(item, Mapping) else None
    title = item.get("title") if isinstance(item, Mapping) else None
    return Article(id=None if rec_id is None else str(rec_id), title=title if isinstance(title, str) else None,
                   error=str(err))


# --------------------------------------------------------------------------- extraction

class _Warnings:
    """Collects warnings raised while cleaning, before the doc exists."""

    def __init__(self) -> None:
        self.user_data: dict = {}


def make_doc(nlp: Language, text: str, published: _dt.date | None) -> Doc:
    """The tokenized doc of the cleaned ``text``, carrying the publication date and cleaning warnings."""
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
        doc = nlp(make_doc(nlp, text[start:end], published))
        parts.append(doc_parts(doc, offset=start))
    out = combine(parts)
    out["warnings"].insert(0, f"long text ({len(text):,} characters) processed in {len(parts)} chunks")
    return out


def extract_checked(nlp: Language, text: str, published: _dt.date | None, *, id: str | None = None,
                    title: str | None = None) -> Article:
    """The Article of a text already checked and sanitized (long texts in chunks); pipeline errors propagate."""
    if len(text) > CHUNK_CHARS:
        return build_article(_process_long(nlp, text, published), text, id=id, title=title)
    return build_article(nlp(make_doc(nlp, text, published)), text, id=id, title=title)


def _failed(p: Prepared, err: Exception) -> tuple[Article, ExtractionError]:
    failure = ExtractionError(f"extraction failed: {type(err).__name__}: {err}")
    failure.__cause__ = err
    return Article(id=p.id, title=p.title, error=str(failure), warnings=list(p.notes)), failure


def _finished(p: Prepared, art: Article) -> Article:
    if p.notes:
        art.warnings[:0] = p.notes
    return art


def extract_one(nlp: Language, p: Prepared) -> tuple[Article, ExtractionError | None]:
    """``(Article, None)``, or an error Article and the :class:`ExtractionError` if the pipeline fails on it."""
    try:
        return _finished(p, extract_checked(nlp, p.text, p.published, id=p.id, title=p.title)), None
    except Exception as err:  # noqa: BLE001 - one bad article must not take the batch with it
        return _failed(p, err)


def extract_prepared(nlp: Language, batch: Sequence[Prepared]) -> list[tuple[Article, ExtractionError | None]]:
    """One ``(Article, error or None)`` per prepared item, in order, through ``nlp.pipe``.

    Long texts go one by one in chunks; if the pipeline raises inside
    ``nlp.pipe``, the rest of the batch is redone one article at a time so that
    only the article that fails becomes an error Article.
    """
    out: list[tuple[Article, ExtractionError | None] | None] = [None] * len(batch)
    short = []
    for i, p in enumerate(batch):
        if len(p.text) > CHUNK_CHARS:
            out[i] = extract_one(nlp, p)
        else:
            short.append(i)
    try:
        docs = nlp.pipe((make_doc(nlp, batch[i].text, batch[i].published) for i in short),
                        batch_size=max(1, len(short)))
        for i, doc in zip(short, docs):
            p = batch[i]
            try:
                out[i] = _finished(p, build_article(doc, p.text, id=p.id, title=p.title)), None
            except Exception as err:  # noqa: BLE001
                out[i] = _failed(p, err)
    except Exception:  # noqa: BLE001 - isolate the failing article
        for i in short:
            if out[i] is None:
                out[i] = extract_one(nlp, batch[i])
    return out  # type: ignore[return-value]


def extract_items(items: Iterable[Any], *, max_chars: int | None = MAX_CHARS,
                  nlp: Language | None = None) -> list[tuple[Article, BeritaError | None]]:
    """One ``(Article, error or None)`` per item, in order; a bad item gives an error Article, never an exception."""
    items = list(items)
    out: list[tuple[Article, BeritaError | None] | None] = [None] * len(items)
    good: list[int] = []
    prepared: list[Prepared] = []
    for i, item in enumerate(items):
        try:
            prepared.append(prepare_item(item, max_chars))
            good.append(i)
        except InputError as err:
            out[i] = error_article(item, err), err
    for i, res in zip(good, extract_prepared(nlp or load(), prepared)):
        out[i] = res
    return out  # type: ignore[return-value]


__all__ = [
    "CHUNK_CHARS", "MAX_CHARS", "Prepared", "check_max_chars", "check_text", "error_article", "extract_checked",
    "extract_items", "extract_one", "extract_prepared", "item_fields", "load", "make_doc", "parse_published",
    "prepare", "prepare_item",
]
