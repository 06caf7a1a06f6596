#!/usr/bin/env python3
"""Throughput and memory of the batch path on the shared archive (prints figures, asserts nothing).

    PYTHONPATH=src python benchmarks/throughput.py [--archive ../shared/corpus/archive/news.jsonl]

In one run, on the same articles:

1. the bare ``spacy.blank("id")`` tokenizer with ``nlp.pipe`` (the floor);
   and the pipeline's own tokenizer (``pipeline.build([])``, no components);
2. the full pipeline in this process (``batch.process_items``: extraction and
   Article JSON, what ``berita-extract run`` does per batch);
3. the same over 2 worker processes (``parallel.WorkerPool``; pool start-up
   is reported apart);
4. peak RSS of ``berita-extract run``'s code path over the archive once and
   over the archive 10 times, each in a fresh subprocess (``ru_maxrss``).

Passes are reported cold (first pass: the tokenizer's cache is empty) and warm
(second pass). Targets (issue 4, 2-core machine): pipeline >= 25 % of the
tokenizer, 2 processes >= 1.7x one, RSS for 10 passes <= 1.10x one pass.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = Path(os.environ.get("BERITA_SHARED", ROOT.parent / "shared")) / "corpus" / "archive" / "news.jsonl"


def _max_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes on macOS, KiB on Linux


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:8,.0f} articles/s ({seconds:6.2f} s)"


def rss_child(archive: str, repeat: int) -> None:
    """Run the batch path over ``archive`` ``repeat`` times and print the peak RSS in MiB."""
    from berita_extract import batch

    with tempfile.TemporaryDirectory() as tmp:
        summary = batch.run([archive] * repeat, str(Path(tmp) / "out.jsonl"), batch_size=64)
    print(json.dumps({"repeat": repeat, "written": summary.written, "max_rss_mib": _max_rss_mib()}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", default=str(DEFAULT_ARCHIVE))
    ap.add_argument("--repeat", type=int, default=10, help="passes over the archive for the RSS comparison")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--limit", type=int, default=1000, help="first N articles (issue 14 measures 1,000; 0 = all)")
    ap.add_argument("--no-workers", action="store_true", help="skip the worker-pool and RSS passes")
    ap.add_argument("--rss-child", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_child:
        rss_child(args.archive, args.rss_child)
        return

    import spacy

    from berita_extract import batch, load
    from berita_extract.pipeline import build
    from berita_extract.parallel import WorkerPool

    items = list(batch.read_inputs([args.archive]))
    if args.limit:
        items = items[: args.limit]
    texts = [it["text"] for it in items if it["text"]]
    n = len(items)
    chunks = [items[i:i + 64] for i in range(0, n, 64)]
    print(f"archive: {args.archive} ({n:,} articles, {sum(map(len, texts)) / max(1, len(texts)):,.0f} chars each)")
    print(f"python {sys.version.split()[0]}, spacy {spacy.__version__}, {os.cpu_count()} CPUs\n")

    tok = spacy.blank("id")
    cold = _timed(lambda: [None for _ in tok.pipe(texts, batch_size=64)])
    tok_warm = _timed(lambda: [None for _ in tok.pipe(texts, batch_size=64)])
    print(f"bare tokenizer   cold {_rate(len(texts), cold)}   warm {_rate(len(texts), tok_warm)}")
    own = build([])  # the pipeline's tokenizer alone (its prefix regex is the corrected one)
    own_cold = _timed(lambda: [None for _ in own.pipe(texts, batch_size=64)])
    own_warm = _timed(lambda: [None for _ in own.pipe(texts, batch_size=64)])
    print(f"our tokenizer    cold {_rate(len(texts), own_cold)}   warm {_rate(len(texts), own_warm)}")

    start = _timed(load)
    one_cold = _timed(lambda: [batch.process_items(c) for c in chunks])
    one_warm = _timed(lambda: [batch.process_items(c) for c in chunks])
    print(f"pipeline, 1 proc cold {_rate(n, one_cold)}   warm {_rate(n, one_warm)}   (load {start:.1f} s)")

    print(f"  pipeline / our tokenizer (warm): {own_warm / one_warm:6.1%}   (issue 14 target >= 25 %)")
    if args.no_workers:
        return
    task = batch._Task(None)
    t = time.perf_counter()
    with WorkerPool(args.processes) as pool:
        list(pool.imap(task, chunks[: args.processes]))
        pool_start = time.perf_counter() - t
        multi_cold = _timed(lambda: list(pool.imap(task, chunks)))
        multi_warm = _timed(lambda: list(pool.imap(task, chunks)))
    print(f"pipeline, {args.processes} proc cold {_rate(n, multi_cold)}   warm {_rate(n, multi_warm)}   "
          f"(pool start-up {pool_start:.1f} s)")

    print("\nratios (warm passes):")
    print(f"  pipeline / bare tokenizer: {tok_warm / one_warm:6.1%}   (target >= 25 %)")
    print(f"  pipeline / our tokenizer:  {own_warm / one_warm:6.1%}")
    print(f"  {args.processes} processes / 1 process:  {one_warm / multi_warm:6.2f}x  (target >= 1.7x)")

    rss = {}
    for repeat in (1, args.repeat):
        res = subprocess.run([sys.executable, __file__, "--archive", args.archive, "--rss-child", str(repeat)],
                             capture_output=True, text=True, check=True)
        rss[repeat] = json.loads(res.stdout.strip().splitlines()[-1])
    one, many = rss[1]["max_rss_mib"], rss[args.repeat]["max_rss_mib"]
    print(f"\npeak RSS, archive x1:  {one:7.1f} MiB ({rss[1]['written']:,} articles)")
    print(f"peak RSS, archive x{args.repeat}: {many:7.1f} MiB ({rss[args.repeat]['written']:,} articles)   "
          f"ratio {many / one:.3f} (target <= 1.10)")


if __name__ == "__main__":
    main()
