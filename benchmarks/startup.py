#!/usr/bin/env python3
"""Cold start to the first record, side by side with ``spacy.blank("id")`` (prints figures, asserts nothing).

    .venv/bin/python benchmarks/startup.py [--rounds 5]

Each measurement is a fresh interpreter, rounds interleaved, medians reported, as wall
time and as CPU time of the child (the CPU figure is steadier on a shared machine):

- ``blank``: ``import spacy; spacy.blank("id")`` and tokenizing one article;
- ``berita``: ``import berita_extract; extract(article)``, the first record of a cold process.

Target (issue 14): berita <= 0.8x blank.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = Path(os.environ.get("BERITA_SHARED", ROOT.parent / "shared")) / "corpus" / "archive" / "news.jsonl"
FALLBACK = "Bupati Paser Fahmi Fadli meresmikan jembatan senilai Rp 4,5 miliar pada Senin (5/2/2024)."

CHILD = {
    "blank": "import spacy\nnlp = spacy.blank('id')\nnlp(TEXT)\n",
    "berita": "import berita_extract\nberita_extract.extract(TEXT)\n",
}


def _one(kind: str, text: str) -> tuple[float, float]:
    code = f"TEXT = {text!r}\n" + CHILD[kind]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    text = json.loads(ARCHIVE.open(encoding="utf-8").readline())["text"] if ARCHIVE.exists() else FALLBACK
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in CHILD}
    for _ in range(args.rounds):
        for kind in CHILD:
            got[kind].append(_one(kind, text))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in got.items()}
    for kind, (wall, cpu) in med.items():
        print(f"{kind:7s} wall {wall:6.2f} s   cpu {cpu:6.2f} s   (median of {args.rounds})")
    print(f"berita / blank: wall {med['berita'][0] / med['blank'][0]:.2f}x   cpu {med['berita'][1] / med['blank'][1]:.2f}x"
          "   (target <= 0.8x)")


if __name__ == "__main__":
    main()
