"""Body linkage across articles: one ``body_id`` for every institution record of one body.

Every written form of a record (its name, its expansion as the article gives it, its aliases)
becomes a key: the form folded, a leading acronym expanded from the gazetteer's list
(``models/institutions.csv``), the region's own names and a trailing "RI" removed, and the
region code appended (``Pemprov Jakarta`` and ``Pemerintah Provinsi DKI Jakarta`` in region 31
are both ``pemerintah provinsi|31``). Forms of one record are one body, so an article's own
expansion (``KPK`` = ``Komisi Pemberantasan Korupsi``) joins every article that writes either.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from .keys import body_key
from .unionfind import UnionFind


def record_keys(record: dict) -> list[str]:
    """The keys of every form of an institution record, its main key first."""
    region = record.get("region_code")
    forms = [record.get("full_name") or record.get("name") or "", record.get("name") or "",
             *(record.get("aliases") or ())]
    keys = []
    for form in forms:
        key = body_key(form, region) if form else None
        if key and not key.startswith("|") and key not in keys:
            keys.append(key)
    return keys


class BodyLinker:
    """Collect institution records (``add``), then ``link`` them into bodies."""

    def __init__(self) -> None:
        self.uf = UnionFind()
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.info: dict[str, dict] = {}
        self.article_counts: Counter = Counter()
        self._last: dict[str, object] = {}
        self._ids: dict[str, str] = {}

    def add(self, record: dict, article_id: str | None = None) -> None:
        keys = record_keys(record)
        if not keys:
            return
        main = keys[0]
        for k in keys[1:]:
            self.uf.union(main, k)
        self.names[main][record["name"]] += 1
        info = self.info.setdefault(main, {"kind": Counter(), "acronym": Counter(), "full_name": Counter(),
                                           "region_code": record.get("region_code")})
        info["kind"][record.get("kind") or "other"] += 1
        if record.get("acronym"):
            info["acronym"][record["acronym"]] += 1
        if record.get("full_name"):
            info["full_name"][record["full_name"]] += 1
        if article_id is not None and self._last.get(main) != article_id:
            self._last[main] = article_id
            self.article_counts[main] += 1

    def link(self) -> None:
        clusters: dict = defaultdict(list)
        for k in self.names:
            clusters[self.uf.find(k)].append(k)
        self.clusters = {}
        self._ids = {}
        for root, members in clusters.items():
            bid = "B" + hashlib.sha1(root.encode()).hexdigest()[:10]
            self.clusters[bid] = members
            for m in members:
                self._ids[m] = bid
        for k in self.uf.parent:
            root = self.uf.find(k)
            if k not in self._ids and root in self._ids:
                self._ids[k] = self._ids[root]

    def body_id(self, record: dict) -> str | None:
        """The ``body_id`` of an institution record (after ``link``)."""
        keys = record_keys(record)
        return self._ids.get(keys[0]) if keys else None

    def lookup(self, name: str, region_code: str | None = None) -> str | None:
        """The body a bare name (an amount's recipient) refers to, if the run knows one."""
        return self._ids.get(body_key(name, region_code)) or self._ids.get(body_key(name, None))

    def rows(self) -> list[dict]:
        """One row per body: id, name, acronym, full name, variants, kind, region code, counts."""
        out = []
        for bid, members in self.clusters.items():
            names: Counter = Counter()
            kinds: Counter = Counter()
            acr: Counter = Counter()
            full: Counter = Counter()
            arts = 0
            regions = set()
            for m in members:
                names.update(self.names[m])
                info = self.info[m]
                kinds.update(info["kind"])
                acr.update(info["acronym"])
                full.update(info["full_name"])
                arts += self.article_counts[m]
                if info["region_code"]:
                    regions.add(info["region_code"])
            top = lambda c: max(c, key=lambda x: (c[x], x)) if c else None  # noqa: E731
            out.append({
                "body_id": bid, "name": top(names), "acronym": top(acr), "full_name": top(full),
                "variants": sorted(names), "kind": top(kinds), "region_code": min(regions) if regions else None,
                "records": sum(names.values()), "article_count": arts,
            })
        out.sort(key=lambda r: (-r["article_count"], r["name"]))
        return out
