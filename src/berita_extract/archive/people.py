"""Person linkage across articles: one ``person_id`` for every official record of one person.

Records are grouped into nodes by (name key, region code). Nodes are joined when

1. they carry the same name and compatible regions (a record without region joins the
   only region its name is seen with);
2. a shorter name is the start or end of a longer one ("Prabowo" of "Prabowo Subianto") and
   that longer name is the one candidate the evidence supports best: articles that join the
   short form to it (``aliases``), the same position, the same institution, the same region;
3. two full names are spelling variants (rapidfuzz ratio >= ``FUZZY``, or one writes a word as
   its initial) and share a position, an institution or a region.

Regions that exclude each other (two different regencies) are never joined, so two "Budi"s
of two regencies stay two people.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..errors import require
from .keys import fold, person_key, regions_compatible, title_key
from .unionfind import UnionFind

_rf = require("rapidfuzz", "archive", "person linkage")
fuzz, process = _rf.fuzz, _rf.process

FUZZY = 90
"""Lowest rapidfuzz ``ratio`` (0-100) of two full names read as spelling variants."""
TITLE_MATCH = 90
"""Lowest ``token_set_ratio`` of two positions read as the same position."""


@dataclass
class PersonNode:
    """Everything the run says about one (name key, region code)."""

    key: str
    region: str
    records: int = 0
    names: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    title_keys: set = field(default_factory=set)
    institutions: Counter = field(default_factory=Counter)
    alias_keys: Counter = field(default_factory=Counter)
    title_dates: dict = field(default_factory=dict)
    article_count: int = 0
    last_article: object = None
    hyphen_parts: tuple = ()

    @property
    def tokens(self) -> list[str]:
        return self.key.split()


def node_key(record: dict) -> tuple[str, str]:
    """The node an official record belongs to."""
    return person_key(record.get("name") or ""), record.get("region_code") or ""


class PersonLinker:
    """Collect official records (``add``), then ``link`` them into people."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[str, str], PersonNode] = {}
        self._ids: dict[tuple[str, str], str] = {}

    def add(self, record: dict, article_id: str | None = None, published: str | None = None) -> None:
        key = node_key(record)
        if not key[0]:
            return
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = PersonNode(*key)
        node.records += 1
        node.names[record["name"]] += 1
        if "-" in record["name"] and not node.hyphen_parts:
            node.hyphen_parts = tuple(person_key(p) for p in record["name"].split("-"))
        title = record.get("title")
        if title:
            node.titles[title] += 1
            node.title_keys.update(k for k in (title_key(title), title_key(record.get("title_canonical"))) if k)
            if published:
                first, last = node.title_dates.get(title, (published, published))
                node.title_dates[title] = (min(first, published), max(last, published))
        if record.get("institution"):
            node.institutions[fold(record["institution"])] += 1
        for alias in record.get("aliases") or ():
            node.alias_keys[person_key(alias)] += 1
        if article_id is not None and article_id != node.last_article:
            # records arrive article by article: counting changes of article keeps memory flat
            node.article_count += 1
            node.last_article = article_id

    # -- evidence ----------------------------------------------------------------------------
    @staticmethod
    def _titles_match(a: PersonNode, b: PersonNode) -> bool:
        return any(x == y or fuzz.token_set_ratio(x, y) >= TITLE_MATCH for x in a.title_keys for y in b.title_keys)

    def _evidence(self, short: PersonNode, long: PersonNode) -> int:
        title = self._titles_match(short, long)
        inst = bool(set(short.institutions) & set(long.institutions))
        if short.title_keys and long.title_keys and not (title or inst):
            return 0  # another position at another body: someone else who shares the name
        score = (2 if long.alias_keys.get(short.key) else 0) + title + inst
        # a shared region backs other evidence but is not enough alone: many people share a first name
        return score + bool(score and short.region and short.region == long.region)

    def _composite(self, node: PersonNode) -> bool:
        """A record that joins two known names ("Prabowo-Gibran") is a pair, never a person."""
        names = {k for k, _ in self.nodes}
        return len(node.hyphen_parts) >= 2 and all(p in names for p in node.hyphen_parts)

    # -- linkage -------------------------------------------------------------------------------
    def link(self) -> None:
        uf = UnionFind()
        nodes = self.nodes
        for k in nodes:
            uf.find(k)
        self._same_name(uf)
        composite = {k for k, n in nodes.items() if self._composite(n)}
        self._variants(uf, composite)
        self._short_forms(uf, composite)
        clusters: dict = defaultdict(list)
        for k in nodes:
            clusters[uf.find(k)].append(k)
        self._ids = {}
        self.clusters = {}
        for members in clusters.values():
            pid = "P" + hashlib.sha1("\n".join(sorted("|".join(m) for m in members)).encode()).hexdigest()[:10]
            self.clusters[pid] = members
            for m in members:
                self._ids[m] = pid

    def _same_name(self, uf: UnionFind) -> None:
        by_name: dict[str, list[str]] = defaultdict(list)
        for name, region in self.nodes:
            by_name[name].append(region)
        for name, regions in by_name.items():
            coded = sorted(r for r in regions if r)
            for i, a in enumerate(coded):
                for b in coded[i + 1:]:
                    if regions_compatible(a, b):
                        uf.union((name, a), (name, b))
            if "" in regions and coded:
                roots = {uf.find((name, r)) for r in coded}
                if len(roots) == 1:
                    uf.union((name, ""), (name, coded[0]))

    def _short_forms(self, uf: UnionFind, composite: set) -> None:
        by_first: dict[str, list[PersonNode]] = defaultdict(list)
        by_last: dict[str, list[PersonNode]] = defaultdict(list)
        for key, node in self.nodes.items():
            toks = node.tokens
            if len(toks) >= 2 and key not in composite:
                by_first[toks[0]].append(node)
                by_last[toks[-1]].append(node)
        for key, short in self.nodes.items():
            if key in composite:
                continue
            s = short.tokens
            cands = [n for n in by_first.get(s[0], ()) if len(n.tokens) > len(s) and n.tokens[:len(s)] == s]
            cands += [n for n in by_last.get(s[-1], ()) if len(n.tokens) > len(s) and n.tokens[-len(s):] == s]
            cands = [n for n in cands if regions_compatible(short.region, n.region)]
            if not cands:
                continue
            # score each candidate person (cluster), not each node, so variants pool their evidence
            scores: Counter = Counter()
            for n in cands:
                scores[uf.find((n.key, n.region))] = max(scores[uf.find((n.key, n.region))], self._evidence(short, n))
            ranked = scores.most_common(2)
            best, top = ranked[0]
            if top >= 1 and (len(ranked) == 1 or ranked[1][1] < top):
                uf.union((short.key, short.region), best)

    @staticmethod
    def _initials_match(a: list[str], b: list[str]) -> bool:
        return len(a) == len(b) and a != b and all(
            x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)) for x, y in zip(a, b))

    def _variants(self, uf: UnionFind, composite: set) -> None:
        full = [n for k, n in self.nodes.items() if len(n.tokens) >= 2 and k not in composite]
        blocks: dict[str, list[PersonNode]] = defaultdict(list)
        for n in full:
            blocks["f:" + n.tokens[0][:3]].append(n)
            blocks["l:" + n.tokens[-1][:3]].append(n)
        for block in blocks.values():
            if len(block) < 2:
                continue
            names = [n.key for n in block]
            sims = process.cdist(names, names, scorer=fuzz.ratio, score_cutoff=FUZZY, workers=1)
            for i, a in enumerate(block):
                for j in range(i + 1, len(block)):
                    b = block[j]
                    if a.key == b.key or not regions_compatible(a.region, b.region):
                        continue
                    if sims[i][j] or self._initials_match(a.tokens, b.tokens):
                        if (self._titles_match(a, b) or set(a.institutions) & set(b.institutions)
                                or (a.region and a.region == b.region)):
                            uf.union((a.key, a.region), (b.key, b.region))

    # -- results -------------------------------------------------------------------------------
    def person_id(self, record: dict) -> str | None:
        """The ``person_id`` of an official record (after ``link``)."""
        return self._ids.get(node_key(record))

    def rows(self) -> list[dict]:
        """One row per person: id, name, variants, titles with first/last date, regions, institutions, counts."""
        out = []
        for pid, members in self.clusters.items():
            ns = [self.nodes[m] for m in members]
            names: Counter = Counter()
            titles: dict = {}
            insts: Counter = Counter()
            articles = 0
            for n in ns:
                names.update(n.names)
                insts.update(n.institutions)
                articles += n.article_count
                for t, (first, last) in n.title_dates.items():
                    f0, l0 = titles.get(t) or (first, last)
                    titles[t] = (min(f0, first), max(l0, last))
                for t in n.titles:
                    titles.setdefault(t, None)
            multi = [x for x in names if len(x.split()) >= 2]
            name = max(multi or names, key=lambda x: (names[x], len(x), x))
            out.append({
                "person_id": pid,
                "name": name,
                "variants": sorted(names),
                "titles": [{"title": t, "first": (d or (None, None))[0], "last": (d or (None, None))[1]}
                       for t, d in sorted(titles.items())],
                "regions": sorted({n.region for n in ns if n.region}),
                "institutions": sorted({i for i in insts}),
                "records": sum(n.records for n in ns),
                "article_count": articles,
            })
        out.sort(key=lambda r: (-r["article_count"], r["name"]))
        return out
