#!/usr/bin/env python3
"""Time and peak memory to build the archive tables from a run's output, 1x to 10x the archive.

    python benchmarks/archive_tables.py RUN_OUTPUT [--scales 1 2 5 10]

RUN_OUTPUT is what `berita-extract run ../shared/corpus/archive/news.jsonl -o archive.jsonl`
wrote. For each scale the output is concatenated that many times with new article ids
(copy k of article X is X~k), and a fresh process builds and writes to Parquet: the people
and bodies tables, money, scores, and the officials records with their person_id (five
streaming passes over the output). It prints seconds, articles per second and the peak
resident memory of that process (ru_maxrss). The copies are the same stories, so the
duplicate finder marks every copy: its sketches are the one store that grows with the
number of articles (about 0.6 KB each). Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path

TABLES = ("people", "bodies", "money", "scores", "officials")


def scaled(run_output: Path, k: int, folder: Path) -> Path:
    if k == 1:
        return run_output
    out = folder / f"archive_x{k}.jsonl"
    with open(out, "w", encoding="utf-8") as dst:
        for copy in range(k):
            with open(run_output, encoding="utf-8") as src:
                for line in src:
                    if not line.strip():
                        continue
                    if copy:
                        rec = json.loads(line)
                        rec["id"] = f"{rec['id']}~{copy}"
                        line = json.dumps(rec, ensure_ascii=False) + "\n"
                    dst.write(line)
    return out


def build(path: str, folder: str, queue) -> None:
    from berita_extract import Archive

    start = time.perf_counter()
    arc = Archive.open(path)
    rows = {name: arc.write_table(name, Path(folder) / f"{name}.parquet") for name in TABLES}
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((seconds, peak_kb, arc.article_count, len(arc.duplicate_of), rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run_output", type=Path)
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 2, 5, 10])
    args = ap.parse_args()
    if not args.run_output.is_file():
        sys.exit(f"{args.run_output}: not a run output file (make one with `berita-extract run ... -o FILE.jsonl`)")
    print(f"{'scale':>5} {'articles':>9} {'seconds':>8} {'art/s':>7} {'peak MB':>8} {'dups':>7} "
          f"{'people':>7} {'bodies':>7} {'money':>7}")
    ctx = mp.get_context("spawn")  # a fresh process per scale, so each peak is its own
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.scales:
            path = scaled(args.run_output, k, Path(tmp))
            queue = ctx.Queue()
            proc = ctx.Process(target=build, args=(str(path), tmp, queue))
            proc.start()
            seconds, peak_kb, n, dups, rows = queue.get()
            proc.join()
            print(f"{k:>5} {n:>9,} {seconds:>8.1f} {n / seconds:>7.0f} {peak_kb / 1024:>8.0f} {dups:>7,} "
                  f"{rows['people']:>7,} {rows['bodies']:>7,} {rows['money']:>7,}", flush=True)
            if path != args.run_output:
                path.unlink()


if __name__ == "__main__":
    main()
