#!/usr/bin/env python3
"""Seconds per megabyte of input from 10 KB to 5 MB, for ordinary and hostile text.

    python benchmarks/scaling.py [--archive ../shared/corpus/archive/news.jsonl] [--shapes ordinary,tni_dash]
                                 [--sizes 10000,100000,1000000,5000000]

Each shape is extracted whole (``max_chars=None``) at each size; a flat s/MB row
means cost is linear in length, and the last column is the shape's largest s/MB
divided by that of ordinary text. Shapes (issue 13, item 12):

- ``ordinary``: real articles from the archive, concatenated (the bundled example without it);
- ``tni_dash``: ``"-".join(["TNI"] * n)`` (institution resolution);
- ``caps``: a wall of capitalised title and body words (officials, institutions);
- ``one_line``: ordinary text with every line break replaced by a space (chunking, quotes);
- ``bad_dates``: ``31/02/2024`` repeated (dates);
- ``tni_polri``: ``TNI dan Polri.`` repeated (institutions).

Hostile shapes run at 10 KB and 100 KB by default (two of them are still quadratic, see README;
``--sizes`` runs larger ones), to keep the run to a few minutes.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import time
from itertools import islice
from pathlib import Path

import berita_extract

ROOT = Path(__file__).resolve().parents[1]
SIZES = [10_000, 100_000, 1_000_000, 5_000_000]
HOSTILE_SIZES = [10_000, 100_000]
CAPS = ["Bupati", "Kepala", "Dinas", "Sekretaris", "Daerah", "Paser", "Ketua", "Komisi"]


def corpus_text(archive: Path) -> str:
    if archive.exists():
        with archive.open(encoding="utf-8") as f:
            return "\n\n".join(json.loads(line)["text"] for line in islice(f, 400))
    return (ROOT / "examples" / "contoh_berita.txt").read_text(encoding="utf-8")


def repeat(piece: str, size: int) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def shapes(base: str) -> dict:
    return {
        "ordinary": lambda n: repeat(base, n),
        "tni_dash": lambda n: "-".join(["TNI"] * (n // 4)),
        "caps": lambda n: repeat(" ".join(CAPS) + " ", n),
        "one_line": lambda n: repeat(base.replace("\n", " ") + " ", n),
        "bad_dates": lambda n: repeat("31/02/2024 ", n),
        "tni_polri": lambda n: repeat("TNI dan Polri. ", n),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", type=Path, default=ROOT.parent / "shared" / "corpus" / "archive" / "news.jsonl")
    ap.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--sizes", default="", help="comma-separated sizes in characters (default: per shape)")
    args = ap.parse_args()
    base = corpus_text(args.archive)
    makers = shapes(base)
    wanted = args.shapes.split(",") if args.shapes else list(makers)
    berita_extract.extract(base[:5000])  # load the pipeline outside the timings
    print(f"{'shape':>10} {'size':>10} {'seconds':>9} {'s/MB':>8} {'records':>8}  warnings")
    worst: dict[str, float] = {}
    for name in wanted:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (
            SIZES if name == "ordinary" else HOSTILE_SIZES)
        for size in sizes:
            text = makers[name](size)
            start = time.perf_counter()
            art = berita_extract.extract(text, max_chars=None)
            took = time.perf_counter() - start
            n = sum(len(getattr(art, t)) for t in ("officials", "institutions", "amounts", "scores", "dates",
                                                   "places", "quotes"))
            per_mb = took / (size / 1e6)
            worst[name] = max(worst.get(name, 0.0), per_mb)
            timeouts = sum("timed out" in w for w in art.warnings)
            print(f"{name:>10} {size:>10,} {took:>9.2f} {per_mb:>8.2f} {n:>8}  {timeouts} timeouts", flush=True)
    if "ordinary" in worst:
        print("\nworst s/MB relative to ordinary text:")
        for name, per_mb in worst.items():
            print(f"{name:>10} {per_mb / worst['ordinary']:>6.1f}x")


if __name__ == "__main__":
    main()
