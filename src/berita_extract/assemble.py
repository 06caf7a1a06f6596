"""Turn a processed doc into an :class:`~berita_extract.records.Article`.

Components decide identity (the payload's ``key``) and links; assembly only
merges the mentions that share a key into one record, fills each field from
the first mention that has it (a ``primary`` mention first), gathers aliases,
slices mention texts from the original input, and validates with pydantic.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from spacy.tokens import Doc

from . import checks, links, spans
from .records import RECORD_TYPES, Amount, Article, ForeignAmount
from .rx import WARNINGS_KEY

PUBLISHED_KEY = "berita_published"
"""``doc.user_data`` key of the publication date the caller gave (a ``datetime.date``)."""
DATELINE_KEY = "berita_published_dateline"
"""``doc.user_data`` key of the publication date read from the text's dateline, if any."""


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def merge(payloads: list[dict], original: str) -> list[dict]:
    """Merge payloads that share a key into record dicts, in order of first mention.

    >>> p = [{"start": 0, "end": 5, "rule": "r", "key": "k", "fields": {"name": "Fahmi", "aliases": ["Fahmi"]}},
    ...      {"start": 9, "end": 20, "rule": "r2", "key": "k", "primary": True,
    ...       "fields": {"name": "Fahmi Fadli", "title": "Bupati", "aliases": ["Fahmi Fadli"]}}]
    >>> rec = merge(p, "Fahmi is Fahmi Fadli")[0]
    >>> rec["name"], rec["title"], rec["aliases"], rec["rule"], [m["text"] for m in rec["mentions"]]
    ('Fahmi Fadli', 'Bupati', ['Fahmi'], 'r2', ['Fahmi', 'Fahmi Fadli'])
    """
    groups: dict[str, list[dict]] = {}
    for p in payloads:
        groups.setdefault(p["key"], []).append(p)
    records = []
    for group in groups.values():
        ordered = sorted(group, key=lambda p: (not p.get("primary"), p["start"]))
        fields: dict[str, Any] = {}
        aliases: list[str] = []
        for p in ordered:
            for name, value in p["fields"].items():
                if name == "aliases":
                    aliases += [a for a in value if a not in aliases]
                elif _empty(fields.get(name)) and not _empty(value):
                    fields[name] = value
                else:
                    fields.setdefault(name, value)
        if "aliases" in fields or aliases:
            fields["aliases"] = [a for a in aliases if a != fields.get("name") and a != fields.get("index")]
        seen = set()
        mentions = []
        for p in sorted(group, key=lambda p: p["start"]):
            if (p["start"], p["end"]) in seen:
                continue
            seen.add((p["start"], p["end"]))
            mentions.append({"text": original[p["start"]:p["end"]], "start": p["start"], "end": p["end"], "rule": p["rule"]})
        fields["mentions"] = mentions
        fields["rule"] = ordered[0]["rule"]
        records.append((min(p["start"] for p in group), fields))
    return [fields for _, fields in sorted(records, key=lambda r: r[0])]


def doc_parts(doc: Doc, offset: int = 0) -> dict:
    """What assembly needs from a processed doc: payload groups (shifted by ``offset``), warnings, dates."""
    groups = {}
    for record_type in RECORD_TYPES:
        groups[record_type] = [
            {**p, "start": p["start"] + offset, "end": p["end"] + offset} if offset else p
            for p in spans.payloads(doc, record_type)
        ]
    return {
        "groups": groups,
        "warnings": list(doc.user_data.get(WARNINGS_KEY, [])),
        "published": doc.user_data.get(PUBLISHED_KEY),
        "dateline": doc.user_data.get(DATELINE_KEY),
    }


def combine(parts: list[dict]) -> dict:
    """Join the parts of consecutive chunks of one text (offsets already shifted)."""
    out = {"groups": {t: [] for t in RECORD_TYPES}, "warnings": [], "published": None, "dateline": None}
    for part in parts:
        for record_type, payloads in part["groups"].items():
            out["groups"][record_type] += payloads
        out["warnings"] += part["warnings"]
        out["published"] = out["published"] or part["published"]
        out["dateline"] = out["dateline"] or part["dateline"]
    return out


def build_article(doc_or_parts: Doc | dict, original: str, *, id: str | None = None,
                  title: str | None = None) -> Article:
    """The :class:`Article` for a doc (or :func:`combine`-d parts) over a cleaned view of ``original``."""
    parts = doc_parts(doc_or_parts) if isinstance(doc_or_parts, Doc) else doc_or_parts
    published = parts["published"] or parts["dateline"]
    lists: dict[str, list] = {
        record_type: merge(parts["groups"][record_type], original) for record_type in RECORD_TYPES
    }
    money = lists.pop("amounts")
    lists = {t: [RECORD_TYPES[t].model_validate(r) for r in recs] for t, recs in lists.items()}
    article = Article(
        id=id,
        title=title,
        published=published if isinstance(published, _dt.date) else None,
        amounts=[Amount.model_validate(a) for a in money if a.get("currency", "IDR") == "IDR"],
        foreign_amounts=[ForeignAmount.model_validate(a) for a in money if a.get("currency", "IDR") != "IDR"],
        warnings=parts["warnings"],
        **lists,
    )
    article._text = original
    # links between records (links.py), then plausibility warnings over the linked records (checks.py)
    return checks.check(links.link(article, original))


__all__ = ["build_article", "combine", "doc_parts", "merge", "PUBLISHED_KEY", "DATELINE_KEY"]
