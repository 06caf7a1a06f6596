"""The public entry points: :func:`load`, :func:`extract`, :func:`pipe`.

One pipeline is built on first use and shared by every call in the process.
Texts longer than :data:`CHUNK_CHARS` are processed in sentence-aligned chunks
whose offsets are shifted back, so cost stays linear in length. The checks and
the extraction itself live in :mod:`berita_extract.core`, shared with batch runs.
"""

from __future__ import annotations

import itertools
from typing import Any, Iterable, Iterator, Literal, Mapping

from .core import (CHUNK_CHARS, MAX_CHARS, check_max_chars, check_text, error_article, extract_checked,
                   extract_items, item_fields, load, parse_published, prepare)
from .errors import ArgumentError, ExtractionError
from .records import Article


def extract(text: str, *, id: str | None = None, title: str | None = None, published: Any = None,
            max_chars: int | None = MAX_CHARS) -> Article:
    """Extract every record from one article.

    Raises :class:`InputError` for anything but a string (or a bad ``title`` or
    ``published``), :class:`InputTooLongError` past ``max_chars``,
    :class:`ExtractionError` if the pipeline fails on the text.

    >>> art = extract("Pemkab Paser menyiapkan Rp 6,7 miliar.", id="a1", published="2024-02-06")
    >>> art.id, art.published.isoformat()
    ('a1', '2024-02-06')
    """
    p = prepare(text, id=id, title=title, published=published, max_chars=check_max_chars(max_chars))
    try:
        article = extract_checked(load(), p.text, p.published, id=p.id, title=p.title)
    except Exception as err:  # noqa: BLE001 - a typed error, with the cause chained
        raise ExtractionError(f"extraction failed: {type(err).__name__}: {err}") from err
    article.warnings[:0] = p.notes
    return article


def _check_pipe_args(n_process: Any, batch_size: Any, max_chars: Any, errors: Any) -> None:
    def is_int(v: Any) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    if not is_int(batch_size) or batch_size < 1:
        raise ArgumentError(f"batch_size must be an int of at least 1, got {batch_size!r}")
    if not is_int(n_process) or (n_process < 1 and n_process != -1):
        raise ArgumentError(f"n_process must be an int of at least 1, or -1 for one per CPU, got {n_process!r}")
    if errors not in ("record", "raise"):
        raise ArgumentError(f"errors must be 'record' (an error Article per bad item) or 'raise', got {errors!r}")
    check_max_chars(max_chars)


def pipe(items: Iterable[str | Mapping[str, Any]], *, n_process: int = 1, batch_size: int = 32,
         max_chars: int | None = MAX_CHARS, errors: Literal["record", "raise"] = "record") -> Iterator[Article]:
    """Extract from many articles, yielding exactly one :class:`Article` per item, in input order.

    ``items`` are strings or dicts with ``text`` and optional ``id``, ``title``,
    ``published``. An item that cannot be processed (any bad field, or an
    article the pipeline fails on) yields an Article whose ``error`` says why
    (``errors="raise"`` raises its :class:`BeritaError` instead), so none is
    lost. Invalid arguments raise :class:`ArgumentError` at the call. Built on
    ``nlp.pipe``; with ``n_process > 1`` worker processes, started once with
    the pipeline loaded, send back finished records.

    >>> [a.error is None for a in pipe(["Rp 5 juta.", {"id": "x"}])]
    [True, False]
    """
    _check_pipe_args(n_process, batch_size, max_chars, errors)
    if n_process != 1:
        from .parallel import pipe_parallel

        return pipe_parallel(items, n_process=n_process, batch_size=batch_size, max_chars=max_chars,
                             errors=errors)
    return _pipe_local(items, batch_size, max_chars, errors)


def _pipe_local(items: Iterable[Any], batch_size: int, max_chars: int | None, errors: str) -> Iterator[Article]:
    nlp = load()
    it = iter(items)
    while batch := list(itertools.islice(it, batch_size)):
        for article, err in extract_items(batch, max_chars=max_chars, nlp=nlp):
            if err is not None and errors == "raise":
                raise err
            yield article


__all__ = ["CHUNK_CHARS", "MAX_CHARS", "check_text", "error_article", "extract", "extract_checked", "item_fields",
           "load", "parse_published", "pipe"]
