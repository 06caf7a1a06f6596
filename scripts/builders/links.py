"""Build the data berita_extract.links reads: link words and indicator keys.

Sources: the hand-kept models/sources/link_words.csv and models/sources/indicators.csv
(general knowledge of Indonesian news usage and official statistics; no article text).
"""

from __future__ import annotations

from pathlib import Path

from ._common import csv_text, header, read_csv


def _rows(root: Path, name: str, fields: list[str], key) -> list[dict]:
    rows = read_csv(root / "models" / "sources" / name)
    seen, out = set(), []
    for r in rows:
        r = {f: (r.get(f) or "").strip() for f in fields}
        if not r["form"] or (r["kind"], r["form"].casefold()) in seen:
            continue
        seen.add((r["kind"], r["form"].casefold()))
        out.append(r)
    return sorted(out, key=key)


def build(shared: Path, root: Path) -> dict[str, str]:
    words = _rows(root, "link_words.csv", ["kind", "form", "value"], lambda r: (r["kind"], r["form"].casefold()))
    indicators = _rows(root, "indicators.csv", ["kind", "form", "key"], lambda r: (r["kind"], r["form"].casefold()))
    return {
        "link_words.csv": header(
            "Words that steer berita_extract.links (recipients, payers, roles of sums; strata, national",
            "scope and relative periods of scores). Built by scripts/builders/links.py from the hand-kept",
            "models/sources/link_words.csv (its header explains each kind); no article text.",
        ) + csv_text(["kind", "form", "value"], words),
        "indicators.csv": header(
            "Stable keys of score indicators and the surface forms naming each (kind=form), and the",
            "qualifiers dropped before looking a name up (kind=qualifier). Built by scripts/builders/links.py",
            "from the hand-kept models/sources/indicators.csv; no article text.",
        ) + csv_text(["kind", "form", "key"], indicators),
    }
