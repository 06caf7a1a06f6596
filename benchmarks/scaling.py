#!/usr/bin/env python3
"""Time per megabyte of input from 10 KB to 5 MB: cost must grow linearly with length.

    python benchmarks/scaling.py [--archive ../shared/corpus/archive/news.jsonl]

Builds texts of each size by concatenating real articles from the archive (or the
bundled example where the archive is absent), extracts each with max_chars=None,
and prints seconds per MB; a flat column means linear cost. Asserts nothing.
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


def corpus_text(archive: Path) -> str:
    if archive.exists():
        with archive.open(encoding="utf-8") as f:
            return "\n\n".join(json.loads(line)["text"] for line in islice(f, 400))
    return (ROOT / "examples" / "contoh_berita.txt").read_text(encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", type=Path, default=ROOT.parent / "shared" / "corpus" / "archive" / "news.jsonl")
    args = ap.parse_args()
    base = corpus_text(args.archive)
    berita_extract.extract(base[:5000])  # load the pipeline outside the timings
    print(f"{'size':>10} {'seconds':>9} {'s/MB':>8} {'records':>8}")
    for size in SIZES:
        text = (base * (size // len(base) + 1))[:size]
        start = time.perf_counter()
        art = berita_extract.extract(text, max_chars=None)
        took = time.perf_counter() - start
        n = sum(len(getattr(art, t)) for t in ("officials", "institutions", "amounts", "scores", "dates", "places", "quotes"))
        print(f"{size:>10,} {took:>9.2f} {took / (size / 1e6):>8.2f} {n:>8}")


if __name__ == "__main__":
    main()
