"""A small disjoint-set forest (the clusters of the linkers)."""

from __future__ import annotations

from typing import Hashable


class UnionFind:
    """Disjoint sets over hashable items; ``find`` adds an item it has not seen.

    >>> uf = UnionFind(); uf.union("a", "b"); uf.find("a") == uf.find("b"), uf.find("c") == uf.find("a")
    (True, False)
    """

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        parent = self.parent
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key becomes the root, so results do not depend on input order
            if str(rb) < str(ra):
                ra, rb = rb, ra
            self.parent[rb] = ra
