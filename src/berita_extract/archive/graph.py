"""The archive as a network: people, bodies and places, with who-belongs-where and co-occurrence.

Nodes: ``person:<person_id>``, ``body:<body_id>``, ``place:<region code>``. Edges (one per pair,
``relations`` lists every relation seen, ``weight`` counts articles):

- ``office``: an official's record names its institution;
- ``region``: an official's or body's region;
- ``amount``: a sum an article gives to a person or body, from its payer when the records name one,
  else from the region the article is about (``value`` sums the rupiah, ``first``/``last`` dates);
- ``co``: two people or bodies in one article.

Near-duplicate stories count once.
"""

from __future__ import annotations

from itertools import combinations

from ..errors import require

MAX_CO = 30
"""Articles naming more entities than this add no co-occurrence edges (lists, not stories)."""


def _add_edge(g, u: str, v: str, relation: str, pub: str | None, value: int = 0) -> None:
    if u == v:
        return
    if g.has_edge(u, v):
        d = g[u][v]
        if relation not in d["relations"].split(";"):
            d["relations"] += ";" + relation
        d["weight"] += 1
        d["value"] += value
    else:
        g.add_edge(u, v, relations=relation, weight=1, value=value, first="", last="")
        d = g[u][v]
    if pub:
        d["first"] = min(d["first"] or pub, pub)
        d["last"] = max(d["last"], pub)


def build_graph(archive):
    """A ``networkx.Graph`` of the archive (attributes are strings and numbers, so GraphML/GEXF hold them)."""
    nx = require("networkx", "archive", "the archive graph")
    archive.link()
    g = nx.Graph()
    for row in archive.person_linker.rows():
        g.add_node("person:" + row["person_id"], label=row["name"], type="person",
                   articles=row["article_count"], regions=";".join(row["regions"]))
    for row in archive.body_linker.rows():
        g.add_node("body:" + row["body_id"], label=row["name"], type="body", articles=row["article_count"],
                   kind=row["kind"] or "", region=row["region_code"] or "")

    def place(code: str) -> str:
        node = "place:" + code
        if node not in g:
            g.add_node(node, label=code, type="place", articles=0)
        return node

    for art in archive.articles():
        if archive.duplicate_of.get(art.get("id")):
            continue
        pub = art.get("published") or None
        names = archive._resolver(art)
        here: list[str] = []
        for o in art.get("officials") or ():
            pid = archive.person_linker.person_id(o)
            if not pid:
                continue
            p = "person:" + pid
            here.append(p)
            if o.get("institution"):
                kind, bid = archive._resolve(names, o["institution"])
                if kind == "body":
                    _add_edge(g, p, "body:" + bid, "office", pub)
            if o.get("region_code"):
                _add_edge(g, p, place(o["region_code"]), "region", pub)
        for i in art.get("institutions") or ():
            bid = archive.body_linker.body_id(i)
            if not bid or i.get("kind") == "media":
                continue
            here.append("body:" + bid)
            if i.get("region_code"):
                _add_edge(g, "body:" + bid, place(i["region_code"]), "region", pub)
        regions = [p.get("code") for p in art.get("places") or () if p.get("code")]
        for a in art.get("amounts") or ():
            kind, rid = archive._resolve(names, a.get("recipient"))
            if rid and regions:
                _add_edge(g, place(regions[0]), f"{kind}:{rid}", "amount", pub, int(a["value"]))
        here = sorted(set(here))
        if len(here) <= MAX_CO:
            for u, v in combinations(here, 2):
                _add_edge(g, u, v, "co", pub)
    for node in list(g.nodes):
        if node.startswith("place:"):
            g.nodes[node]["articles"] = g.degree(node)
    return g


def ego(graph, node: str, radius: int = 1):
    """The subgraph around one node (``networkx.ego_graph``)."""
    nx = require("networkx", "archive", "the archive graph")
    return nx.ego_graph(graph, node, radius=radius)
