#!/usr/bin/env python3
"""``berita-extract run --n-process 2`` against ``--n-process 1`` over the whole archive (prints figures).

    .venv/bin/python benchmarks/workers.py [--archive ../shared/corpus/archive/news.jsonl] [--rounds 1]

Each run is the real command in a fresh process, so start-up (imports, the
pipeline, the worker fork server and workers) is included in the wall time.
Rounds alternate 1 and 2 processes so that load from elsewhere on the machine
hits both alike; medians are printed. While a run goes, every process of its
tree is sampled for its peak RSS (``VmHWM`` in ``/proc``, Linux only): the
parent, the fork server and each worker. RSS counts pages shared with the
fork server (the pipeline is built there once and inherited copy-on-write),
so the sum over workers overstates what they use together; ``Pss`` would not,
and is printed too where ``/proc/PID/smaps_rollup`` exists.
Target (issue 14): 2 processes >= 1.7x one, start-up included. The two outputs
are compared byte for byte.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive" / "news.jsonl"
EXE = Path(sys.executable).with_name("berita-extract")


def _children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    out = [int(k) for k in kids]
    for k in list(out):
        out += _children(k)
    return out


def _kib(pid: int, path: str, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/{path}").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _name(pid: int, root: int) -> str:
    if pid == root:
        return "parent"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "?"
    if "forkserver" in cmd:
        return "fork server"
    return "tracker" if "resource_tracker" in cmd else f"worker {pid}"


def run_once(archive: Path, n_process: int, out: Path) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(EXE), "run", str(archive), "-o", str(out), "--n-process", str(n_process),
                             "--overwrite", "--no-progress"], stderr=subprocess.PIPE, text=True)
    peak: dict[int, tuple[str, int, int]] = {}
    while proc.poll() is None:
        for pid in [proc.pid, *_children(proc.pid)]:
            hwm, pss = _kib(pid, "status", "VmHWM"), _kib(pid, "smaps_rollup", "Pss")
            if hwm is not None:
                old = peak.get(pid, ("", 0, 0))
                peak[pid] = (_name(pid, proc.pid), max(old[1], hwm), max(old[2], pss or 0))
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"run failed ({proc.returncode}): {err}")
    return {"wall": wall, "peak": sorted(peak.values()), "summary": err.strip().splitlines()[-2:]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    n_articles = sum(1 for _ in open(args.archive, "rb"))
    walls: dict[int, list[float]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        outs = {n: Path(tmp) / f"out-{n}.jsonl" for n in (1, 2)}
        for r in range(args.rounds):
            for n in (1, 2):
                res = run_once(args.archive, n, outs[n])
                walls[n].append(res["wall"])
                print(f"round {r + 1}, --n-process {n}: {res['wall']:.1f} s wall "
                      f"({n_articles / res['wall']:.1f} articles/s, start-up included)")
                for name, hwm, pss in res["peak"]:
                    print(f"    {name:12s} peak RSS {hwm / 1024:7.1f} MiB   PSS {pss / 1024:7.1f} MiB")
        same = outs[1].read_bytes() == outs[2].read_bytes()
    one, two = statistics.median(walls[1]), statistics.median(walls[2])
    print(f"\narchive: {n_articles:,} articles; median wall: 1 process {one:.1f} s, 2 processes {two:.1f} s; "
          f"speed-up {one / two:.2f}x (target 1.7x); outputs identical: {same}")


if __name__ == "__main__":
    main()
