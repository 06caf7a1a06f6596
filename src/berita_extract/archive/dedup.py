"""Near-duplicate stories (one story from two outlets or two scrapes) by MinHash/LSH (datasketch).

Run outputs hold records, not text, so an article's fingerprint is the set of what was
extracted from it: officials, bodies, amounts, scores, dates, places, words of its quotes and
its title. Articles with too small a fingerprint are never called duplicates.
"""

from __future__ import annotations

from ..errors import require
from .keys import fold

THRESHOLD = 0.7
"""Estimated Jaccard similarity of two fingerprints above which two articles are one story."""
NUM_PERM = 64
MIN_FEATURES = 12
"""Fingerprints smaller than this (press-release stubs, listings) are never matched."""


def fingerprint(article: dict) -> set[str]:
    """The features of an article's records (its title's words and the words of its quotes included)."""
    feats: set[str] = set()
    for o in article.get("officials") or ():
        feats.add("o:" + fold(o.get("name") or ""))
    for i in article.get("institutions") or ():
        if (i.get("kind") or "") != "media":  # the outlet's own name is not part of the story
            feats.add("i:" + fold(i.get("name") or ""))
    for a in article.get("amounts") or ():
        feats.add(f"a:{a.get('value')}")
    for s in article.get("scores") or ():
        feats.add(f"s:{fold(s.get('index') or '')}:{s.get('value')}")
    for d in article.get("dates") or ():
        feats.add("d:" + str(d.get("value")))
    for p in article.get("places") or ():
        feats.add("p:" + fold(p.get("name") or ""))
    for q in article.get("quotes") or ():
        words = fold(q.get("text") or "").split()
        feats.update("q:" + " ".join(words[i:i + 3]) for i in range(max(0, len(words) - 2)))
    words = fold(article.get("title") or "").split()
    feats.update("t:" + w for w in words if len(w) > 3)
    return feats


class DuplicateFinder:
    """``check(article)`` returns the id of an earlier article telling the same story, or None."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        ds = require("datasketch", "archive", "near-duplicate detection")
        self._ds = ds
        self.num_perm = num_perm
        self.threshold = threshold
        self.lsh = ds.MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.sketches: dict[str, object] = {}

    def check(self, article_id: str, article: dict) -> str | None:
        feats = fingerprint(article)
        if len(feats) < MIN_FEATURES or article_id in self.sketches:
            return None
        mh = self._ds.MinHash(num_perm=self.num_perm)
        mh.update_batch([f.encode("utf-8") for f in feats])
        mh = self._ds.LeanMinHash(mh)
        best = None
        for other in self.lsh.query(mh):
            sim = mh.jaccard(self.sketches[other])
            if sim >= self.threshold and (best is None or sim > best[0]):
                best = (sim, other)
        if best is None:
            self.lsh.insert(article_id, mh)
            self.sketches[article_id] = mh
            return None
        # a duplicate is not indexed: later copies meet the first telling only, so memory and
        # query time grow with the number of stories, not of copies
        return best[1]
