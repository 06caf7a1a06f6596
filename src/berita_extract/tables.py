"""Records as pandas DataFrames: one table per record type, a row per record.

Each row carries the article id and the record's scalar fields; lists are
joined with ``"; "`` and mentions are summarised (count, first offset, rules),
so questions like "total rupiah per recipient" are one ``groupby`` away::

    frames = to_frames(articles)
    frames["amounts"].groupby("recipient")["value"].sum()
"""

from __future__ import annotations

import json
from typing import Iterable

from pydantic import ValidationError

from .errors import InputError, require
from .records import RECORD_TYPES, Article, Record


def _article(art: object) -> Article:
    """``art`` as an :class:`Article` (from an Article or its dict), else :class:`InputError`."""
    if isinstance(art, Article):
        return art
    if isinstance(art, dict):
        try:
            return Article.model_validate(art)
        except ValidationError as err:
            raise InputError(f"an item is a dict but not an Article's ({err.error_count()} errors, first: "
                             f"{err.errors()[0]['msg']} at {err.errors()[0]['loc']}): pass Articles or "
                             "their model_dump()") from err
    raise InputError(f"expected an Article or its dict, got {type(art).__name__}: pass what extract() or pipe() "
                     "returned")


ARTICLE_COLUMNS = ["article_id", "published", "source", "metadata"]
"""Columns every table takes from its article: id, publication date, batch source, metadata (JSON)."""


def _article_columns(art: Article) -> dict:
    source = f"{art.source.file}:{art.source.line}" if art.source and art.source.line else (
        art.source.file if art.source else None)
    meta = json.dumps(art.metadata, ensure_ascii=False, sort_keys=True, default=str) if art.metadata else None
    return {"article_id": art.id, "published": art.published, "source": source, "metadata": meta}


def _row(article: Article, record: Record) -> dict:
    row: dict = _article_columns(article)
    for name, value in record.model_dump(exclude={"mentions", "rule"}).items():
        row[name] = "; ".join(map(str, value)) if isinstance(value, list) else value
    row["mentions"] = len(record.mentions)
    row["first_start"] = record.mentions[0].start if record.mentions else None
    row["first_end"] = record.mentions[0].end if record.mentions else None
    row["rules"] = "; ".join(sorted({m.rule for m in record.mentions}))
    return row


def records(articles: Iterable[Article | dict], record_type: str) -> list[dict]:
    """Rows (plain dicts) of one record type across ``articles``; no pandas needed."""
    if record_type not in RECORD_TYPES:
        raise KeyError(f"unknown record type {record_type!r}: choose from {list(RECORD_TYPES)}")
    rows = []
    for art in articles:
        art = _article(art)
        rows += [_row(art, r) for r in getattr(art, record_type)]
    return rows


def _columns(record_type: str) -> list[str]:
    model = RECORD_TYPES[record_type]
    fields = [f for f in model.model_fields if f not in ("mentions", "rule")]
    return [*ARTICLE_COLUMNS, *fields, "mentions", "first_start", "first_end", "rules"]


def to_frames(articles: Iterable[Article | dict]) -> dict:
    """``{record type: DataFrame}`` for officials, institutions, amounts, scores, dates, places, quotes.

    Needs the optional extra ``pandas`` (``pip install 'berita-extract[pandas]'``).
    """
    pd = require("pandas", "pandas", "to_frames()")
    arts = [_article(a) for a in articles]
    return {t: pd.DataFrame(records(arts, t), columns=_columns(t)) for t in RECORD_TYPES}
