"""The archive of one run: entity keys, duplicates, tables and the graph, built streaming."""

from __future__ import annotations

import os
from itertools import combinations
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..errors import InputError, require
from ..tables import records as record_rows
from .bodies import BodyLinker
from .dedup import DuplicateFinder
from .keys import fold
from .people import PersonLinker
from .source import check_output, iter_articles, outlet

TABLES = ("people", "bodies", "money", "scores")
"""Tables an :class:`Archive` builds; ``records`` of any record type come from ``Archive.records``."""


class Archive:
    """A run's output read as research data.

    >>> Archive.open("no/such/run.jsonl")
    Traceback (most recent call last):
    ...
    berita_extract.errors.InputError: no/such/run.jsonl: no such run output: pass what `berita-extract run ... -o OUTPUT` wrote (.jsonl, .jsonl.gz, .parquet or a shard folder)
    """

    def __init__(self, path: str | os.PathLike, progress: Optional[Callable[[int], None]] = None) -> None:
        self.path = check_output(path)
        self.progress = progress
        self._linked = False

    @classmethod
    def open(cls, path: str | os.PathLike, progress: Optional[Callable[[int], None]] = None) -> "Archive":
        """Open a run output (.jsonl, .jsonl.gz, .parquet or shard folder); nothing is read yet."""
        return cls(path, progress)

    def articles(self) -> Iterator[dict]:
        """The run's article records, one at a time."""
        for n, art in enumerate(iter_articles(self.path), 1):
            if self.progress and n % 500 == 0:
                self.progress(n)
            yield art

    # -- pass 1: entity tables and duplicates ----------------------------------------------------
    def link(self) -> "Archive":
        """Read the run once: collect people and bodies, find near-duplicate stories, link."""
        if self._linked:
            return self
        self.person_linker, self.body_linker = PersonLinker(), BodyLinker()
        finder = DuplicateFinder()
        self.duplicate_of: dict[str, str] = {}
        self.article_count = 0
        for art in self.articles():
            aid, pub = art.get("id"), art.get("published")
            self.article_count += 1
            dup = finder.check(aid, art) if aid is not None else None
            if dup:
                self.duplicate_of[aid] = dup
            for o in art.get("officials") or ():
                self.person_linker.add(o, aid, pub)
            for i in art.get("institutions") or ():
                self.body_linker.add(i, aid)
        self.person_linker.link()
        self.body_linker.link()
        self._linked = True
        return self

    # -- tables ----------------------------------------------------------------------------------
    def _frame(self, rows: list[dict] | Iterator[dict], columns: list[str] | None = None):
        pd = require("pandas", "archive", "archive tables")
        return pd.DataFrame(list(rows), columns=columns)

    def people(self):
        """People: person_id, name, variants, titles (first/last date each), regions, institutions, counts."""
        return self._frame(self.link().person_linker.rows())

    def bodies(self):
        """Bodies: body_id, name, acronym, full_name, variants, kind, region_code, counts."""
        return self._frame(self.link().body_linker.rows())

    def _resolver(self, art: dict):
        """Name -> ("person"|"body", id) for the records of one article (recipients name them)."""
        names: dict[str, tuple[str, str]] = {}
        for o in art.get("officials") or ():
            pid = self.person_linker.person_id(o)
            for n in [o.get("name"), *(o.get("aliases") or ())]:
                if n and pid:
                    names.setdefault(fold(n), ("person", pid))
        for i in art.get("institutions") or ():
            bid = self.body_linker.body_id(i)
            for n in [i.get("name"), i.get("full_name"), i.get("acronym"), *(i.get("aliases") or ())]:
                if n and bid:
                    names.setdefault(fold(n), ("body", bid))
        return names

    def _resolve(self, names: dict, name: str | None) -> tuple[str | None, str | None]:
        if not name:
            return None, None
        hit = names.get(fold(name))
        if hit:
            return hit
        bid = self.body_linker.lookup(name)
        return ("body", bid) if bid else (None, None)

    def _base(self, art: dict) -> dict:
        aid = art.get("id")
        return {"article_id": aid, "published": art.get("published"), "outlet": outlet(art),
                "url": (art.get("metadata") or {}).get("url"), "duplicate_of": self.duplicate_of.get(aid)}

    def iter_money(self) -> Iterator[dict]:
        """One row per rupiah amount, with its recipient's key (the records carry no payer yet)."""
        self.link()
        for art in self.articles():
            names = self._resolver(art)
            base = self._base(art)
            for a in art.get("amounts") or ():
                kind, rid = self._resolve(names, a.get("recipient"))
                yield {**base, "value": a["value"], "currency": a.get("currency", "IDR"), "text": a.get("text"),
                       "qualifier": a.get("qualifier"), "range": a.get("range"), "role": "recipient",
                       "recipient": a.get("recipient"), "recipient_type": a.get("recipient_type"),
                       "recipient_id": rid, "recipient_kind": kind, "payer_id": None}

    def iter_scores(self) -> Iterator[dict]:
        """One row per score: indicator key, region, period (publication month), value, source."""
        self.link()
        for art in self.articles():
            names = self._resolver(art)
            base = self._base(art)
            pub = art.get("published")
            for s in art.get("scores") or ():
                _, sid = self._resolve(names, s.get("source"))
                yield {**base, "indicator": fold(s.get("full_name") or s.get("index") or ""), "index": s.get("index"),
                       "region_code": s.get("region_code"), "region": s.get("region"),
                       "period": pub[:7] if pub else None, "value": s["value"], "unit": s.get("unit"),
                       "source": s.get("source"), "source_id": sid}

    def money(self):
        """The money table as a DataFrame."""
        return self._frame(self.iter_money())

    def scores(self):
        """The scores series as a DataFrame."""
        return self._frame(self.iter_scores())

    def iter_records(self, record_type: str) -> Iterator[dict]:
        """Every record of one type as a row with the article's published date, outlet and entity key."""
        self.link()
        for art in self.articles():
            base = self._base(art)
            recs = art.get(record_type) or []
            for rec, row in zip(recs, record_rows([art], record_type)):
                row.update({k: v for k, v in base.items() if k != "article_id"})
                if record_type == "officials":
                    row["person_id"] = self.person_linker.person_id(rec)
                elif record_type == "institutions":
                    row["body_id"] = self.body_linker.body_id(rec)
                yield row

    def records(self, record_type: str):
        """Rows of one record type (officials, institutions, amounts, ...) with published and source fields."""
        return self._frame(self.iter_records(record_type))

    def table(self, name: str) -> Iterator[dict]:
        """Rows of a table by name: people, bodies, money, scores, or a record type."""
        if name == "people":
            return iter(self.link().person_linker.rows())
        if name == "bodies":
            return iter(self.link().body_linker.rows())
        if name == "money":
            return self.iter_money()
        if name == "scores":
            return self.iter_scores()
        self._check_type(name)
        return self.iter_records(name)

    def write_table(self, name: str, path: str | os.PathLike, chunk: int = 5000) -> int:
        """Write a table to .parquet, .csv or .jsonl in chunks (memory stays flat); returns the row count."""
        from .export import write_rows

        return write_rows(self.table(name), Path(path), chunk=chunk)

    # -- graph -----------------------------------------------------------------------------------
    def graph(self):
        """A networkx graph of people, bodies and places; see :mod:`berita_extract.archive.graph`."""
        from .graph import build_graph

        return build_graph(self)

    def _check_type(self, record_type: str) -> None:
        from ..records import RECORD_TYPES

        if record_type not in RECORD_TYPES:
            raise InputError(f"unknown table {record_type!r}: choose from {list(TABLES) + list(RECORD_TYPES)}")
