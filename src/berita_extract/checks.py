"""Plausibility warnings on an assembled :class:`~berita_extract.records.Article`.

A pure function over the record: it changes nothing and says, in ``Article.warnings``,
what a reader should look at twice:

- a date after the publication date (an event announced ahead, or a misread date);
- a rupiah amount larger than Indonesia's state budget (a misread number or unit);
- a percentage over 100 for a share (a rate of a whole; a change such as "naik 150 persen"
  may exceed 100).

The limits live in ``models/sources/plausibility.csv``.

>>> import datetime as dt
>>> from berita_extract.records import Article, Amount, DateMention, Score
>>> art = Article(published=dt.date(2024, 3, 1),
...               dates=[DateMention(value="2024-03-05", text="5 Maret 2024")],
...               amounts=[Amount(value=9 * 10**15, text="Rp 9.000 triliun")],
...               scores=[Score(index="tingkat kehadiran", value=130.0, unit="percent")])
>>> for w in warnings(art): print(w)
date after publication (2024-03-01): '5 Maret 2024' is 2024-03-05
amount larger than the state budget: 'Rp 9.000 triliun' (9000000000000000)
share over 100 percent: 'tingkat kehadiran' 130
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .records import Article
from .resources import read_table


@dataclass(frozen=True)
class Limits:
    state_budget: int
    share_max: float
    change_words: frozenset[str]


@functools.lru_cache(maxsize=1)
def limits() -> Limits:
    rows = read_table("sources/plausibility.csv")
    one = {r["kind"]: r["value"] for r in rows if r["kind"] != "change"}
    return Limits(int(one["state_budget"]), float(one["share_max"]),
                  frozenset(r["value"].casefold() for r in rows if r["kind"] == "change"))


def _is_change(name: str, lim: Limits) -> bool:
    return any(w in lim.change_words for w in name.casefold().replace("-", " ").split())


def warnings(article: Article) -> list[str]:
    """The plausibility warnings for ``article`` (new ones only, in field order)."""
    lim = limits()
    out = []
    if article.published is not None:
        day = article.published.isoformat()
        for d in article.dates:
            # A month-only date ("Maret 2024") is after publication only when its month is.
            if not d.relative and d.value[:len(day)] > day[:len(d.value)]:
                out.append(f"date after publication ({day}): {d.text!r} is {d.value}")
    for a in article.amounts:
        if a.value > lim.state_budget:
            out.append(f"amount larger than the state budget: {a.text!r} ({a.value})")
    for s in article.scores:
        names = [s.index, s.full_name or "", *s.aliases]
        if s.unit == "percent" and s.value > lim.share_max and not any(_is_change(n, lim) for n in names):
            out.append(f"share over 100 percent: {s.index!r} {s.value:g}")
    return [w for w in out if w not in article.warnings]


def check(article: Article) -> Article:
    """``article`` with its plausibility warnings appended (the same object)."""
    article.warnings.extend(warnings(article))
    return article


__all__ = ["Limits", "check", "limits", "warnings"]
