"""``--resume`` after a real ``kill -9``: the output is byte-identical to an uninterrupted run.

Each scenario starts ``berita-extract run`` in a subprocess, sends SIGKILL to its
process group at random moments (during start-up, mid-chunk, right after a
checkpoint), reruns with ``--resume`` until it finishes, and compares every
output byte with a run that was never interrupted.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from berita_extract import batch
from berita_extract.errors import BatchInputError
from batchdata import article, write_jsonl

ROOT = Path(__file__).resolve().parents[1]
N = 600
pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    recs: list = [article(i, 3 + i % 6) for i in range(N)]
    recs[17] = "{rusak"                      # error records must survive resume too
    recs[250] = dict(recs[3])                # a duplicate id, flagged the same way after resume
    return write_jsonl(tmp_path_factory.mktemp("arsip") / "arsip.jsonl", recs)


def _cmd(src: Path, out: Path, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "berita_extract", "run", str(src), "-o", str(out), "--shard-size", "25",
            "--batch-size", "8", "--no-progress", *extra]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def _records_done(out: Path) -> int:
    for state in (out / "_state.json", out.with_name(out.name + ".inprogress") / "state.json"):
        try:
            return json.loads(state.read_text())["records"]
        except (OSError, ValueError, KeyError):
            continue
    return 0


def _run_and_kill(src: Path, out: Path, extra: list[str], rng: random.Random, how: str) -> int | None:
    """Start a run; SIGKILL it at a random moment chosen by ``how``; return its exit code if it finished."""
    proc = subprocess.Popen(_cmd(src, out, extra), env=_env(), start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if how == "startup":
            deadline = time.monotonic() + rng.uniform(0.05, 1.5)
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.01)
        else:
            target = _records_done(out) + rng.randrange(1, N // 3)
            while proc.poll() is None and _records_done(out) < target:
                time.sleep(0.005)
            if how in ("mid-chunk", "parent-only"):
                time.sleep(rng.uniform(0.0, 0.15))
        if proc.poll() is None:
            if how == "parent-only":  # kill -9 PID: the worker processes must notice and exit
                workers = _children(proc.pid)
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                deadline = time.monotonic() + 15
                while any(map(_alive, workers)) and time.monotonic() < deadline:
                    time.sleep(0.1)
                assert not any(map(_alive, workers)), "worker processes outlived their killed parent"
            else:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            return None
        return proc.returncode
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stderr.close()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def _snapshot(out: Path) -> dict[str, bytes]:
    if out.is_dir():
        return {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return {out.name: out.read_bytes()}


@pytest.mark.parametrize("name, extra, kills", [
    ("out.jsonl.gz", [], ["startup", "mid-chunk", "checkpoint"]),
    ("shards", ["--shard-format", "parquet"], ["mid-chunk"]),
    ("out.parquet", [], ["checkpoint"]),
    ("out.jsonl", ["--n-process", "2"], ["parent-only"]),
])
def test_kill_9_then_resume_gives_identical_bytes(archive, tmp_path, nlp, name, extra, kills):
    if "parquet" in name + " ".join(extra):
        pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    ref = tmp_path / "ref" / name
    ref.parent.mkdir()
    shard_format = extra[1] if extra[:1] == ["--shard-format"] else None
    batch.run([str(archive)], str(ref), shard_size=25, batch_size=8, shard_format=shard_format)

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    out = tmp_path / "run" / name
    out.parent.mkdir()
    killed = 0
    for i, how in enumerate(kills):
        code = _run_and_kill(archive, out, extra + (["--resume"] if i else []), rng, how)
        killed += code is None
    final = subprocess.run(_cmd(archive, out, extra + ["--resume"]), env=_env(), capture_output=True, text=True)
    assert final.returncode == 1, final.stderr  # one record of the archive is an error record
    assert f"articles read: {N}" in final.stderr and "failed: 1" in final.stderr, final.stderr
    assert killed >= 1, f"no run was killed (seed {seed}): the archive is processed too fast to test"
    assert _snapshot(out) == _snapshot(ref), f"resumed output differs (seed {seed}, kills {kills})"
    assert not out.with_name(out.name + ".inprogress").exists()


def test_resume_refuses_other_options(archive, tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    sink = batch.Sink(str(out))
    config = {"inputs": batch._input_signature([str(archive)]), "other": 1}
    sink.start(config, resume=False)  # a run that died right after starting
    with pytest.raises(BatchInputError, match="cannot resume .* it was started with .*--limit None \\(now 5\\)"):
        batch.run([str(archive)], str(out), resume=True, limit=5)


def test_resume_without_previous_run_starts_fresh(archive, tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    summary = batch.run([str(archive)], str(out), resume=True, limit=30)
    assert summary.written == 30 and summary.resumed_from == 0
    assert sum(1 for _ in batch.read_output(out)) == 30
