"""Issue 9 (batch items): workers from a plain script, no silent overwrite, resume and strict that
say what they did, Parquet checked first, a progress bar with a total and an ETA."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest
from typer.testing import CliRunner

from berita_extract import batch
from berita_extract.batch import read_output
from berita_extract.cli import app
from batchdata import article, write_jsonl

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["run", *args])


# --------------------------------------------------------------------------- 2. a script without a guard

def test_pipe_with_workers_in_a_script_without_main_guard(tmp_path):
    script = tmp_path / "skrip.py"
    script.write_text(textwrap.dedent("""
        import berita_extract

        print("top level runs", flush=True)
        items = [{"id": f"a{i}", "text": f"Pemkab Paser menyiapkan Rp {i + 1} miliar."} for i in range(6)]
        for art in berita_extract.pipe(items, n_process=2, batch_size=2):
            print(art.id, art.amounts[0].value, flush=True)
    """), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert lines.count("top level runs") == 1  # the workers did not run the script again
    assert lines[1:] == [f"a{i} {(i + 1) * 10**9}" for i in range(6)]


# --------------------------------------------------------------------------- 8. overwrite, resume, strict, parquet

@pytest.mark.parametrize("out, extra", [("out.jsonl", []), ("shards", ["--shard-size", "2"])])
def test_run_refuses_to_replace_an_output_without_overwrite(tmp_path, nlp, out, extra):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(3)])
    dest = tmp_path / out
    assert _run(str(src), "-o", str(dest), *extra).exit_code == 0
    before = sorted((p.name, p.read_bytes()) for p in ([dest] if dest.is_file() else dest.iterdir()))
    res = _run(str(src), "-o", str(dest), *extra)
    assert res.exit_code == 2 and "--overwrite" in res.stderr and "--resume" in res.stderr
    assert sorted((p.name, p.read_bytes()) for p in ([dest] if dest.is_file() else dest.iterdir())) == before
    small = write_jsonl(tmp_path / "small.jsonl", [article(9)])
    assert _run(str(small), "-o", str(dest), *extra, "--overwrite").exit_code == 0
    assert [r["id"] for r in read_output(dest)] == ["art-00009"]


def test_run_refuses_to_replace_an_interrupted_run_without_resume_or_overwrite(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(3)])
    out = tmp_path / "out.jsonl"
    batch.Sink(str(out)).start({"inputs": []}, resume=False)  # a run that died after starting
    res = _run(str(src), "-o", str(out))
    assert res.exit_code == 2 and "interrupted run" in res.stderr


@pytest.mark.parametrize("first, second, named", [
    (["--shard-size", "2"], ["--shard-size", "3"], "--shard-size 2 (now 3)"),
    (["--shard-format", "jsonl"], ["--shard-format", "jsonl.gz"], "output format"),
    (["--duplicates", "warn"], ["--duplicates", "error"], "--duplicates warn (now error)"),
    (["--limit", "4"], ["--limit", "5"], "--limit 4 (now 5)"),
])
def test_resume_with_other_options_is_refused_with_the_difference_named(tmp_path, nlp, first, second, named):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(6)])
    out = tmp_path / "shards"
    sink = batch.Sink(str(out), first[1] if first[0] == "--shard-format" else None)
    opts = dict(zip(first[::2], first[1::2]))
    config = {"inputs": batch._input_signature([str(src)]),
              "fields": {"id": "id", "text": "text", "title": "title", "published": "published"},
              "shard_size": int(opts.get("--shard-size", 1000)), "format": [sink.layout, sink.fmt],
              "limit": int(opts["--limit"]) if "--limit" in opts else None,
              "duplicates": opts.get("--duplicates", "warn"), "max_chars": None}
    sink.start(config, resume=False)  # the first run, killed before its first chunk
    res = _run(str(src), "-o", str(out), *first, "--resume")
    assert res.exit_code == 0, res.output  # the same options resume
    sink.start(config, resume=False, overwrite=True)
    res = _run(str(src), "-o", str(out), *second, "--resume")
    assert res.exit_code == 2 and named in res.stderr, res.stderr
    assert "Traceback" not in res.output


@pytest.mark.parametrize("out", ["strict.jsonl", "strict_shards"])
def test_strict_keeps_what_was_written_and_says_where(tmp_path, nlp, out):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1), article(2), article(3), "{rusak", article(4)])
    dest = tmp_path / out
    res = _run(str(src), "-o", str(dest), "--strict", "--shard-size", "2")
    assert res.exit_code == 1 and "in.jsonl:4" in res.stderr and "--strict" in res.stderr
    assert f"the 3 records before it are in {dest}" in res.stderr
    assert [r["id"] for r in read_output(dest)] == ["art-00001", "art-00002", "art-00003"]
    assert not list(tmp_path.glob("*.inprogress"))
    if dest.is_dir():
        assert not (dest / "_SUCCESS.json").exists() and not (dest / "_state.json").exists()


@pytest.mark.parametrize("out, extra", [("out.parquet", []), ("shards", ["--shard-format", "parquet"])])
def test_parquet_without_pyarrow_fails_before_the_first_record(tmp_path, nlp, monkeypatch, out, extra):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1)])
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if the [parquet] extra were absent
    monkeypatch.setattr(batch, "process_items", lambda *a, **k: pytest.fail("extraction started"))
    res = _run(str(src), "-o", str(tmp_path / out), *extra)
    assert res.exit_code == 2 and "berita-extract[parquet]" in res.stderr, res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


# --------------------------------------------------------------------------- 9. progress

def test_progress_shows_the_total_and_an_eta(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(40)])
    size = src.stat().st_size
    res = _run(str(src), "-o", str(tmp_path / "out.jsonl"), "--progress", "--batch-size", "4")
    assert res.exit_code == 0, res.output
    frames = [f for f in res.stderr.replace("\r", "\n").splitlines() if "|" in f]
    assert frames, res.stderr
    from tqdm import tqdm

    total = "/" + tqdm.format_sizeof(size, divisor=1024)
    assert all(total in f for f in frames), frames[:3]  # the total (input bytes) from the start
    assert any("<" in f and "articles" in f for f in frames)  # elapsed<remaining, and the count
    assert "100%" in frames[-1] and "40 articles" in frames[-1]


def test_progress_bar_is_drawn_at_once_and_ticks_while_loading(capsys):
    from berita_extract.progress import Progress

    bar = Progress(1000)
    time.sleep(2.5)  # nothing finished yet (the pipeline would still be loading)
    bar.close()
    frames = [f for f in capsys.readouterr().err.split("\r") if "|" in f]
    assert len(frames) >= 3 and "00:00" in frames[0] and "00:02" in frames[-2] + frames[-1]


def test_a_finished_resume_reports_no_zero_rate(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1), article(2)])
    out = tmp_path / "out.jsonl"
    assert _run(str(src), "-o", str(out)).exit_code == 0
    res = _run(str(src), "-o", str(out), "--resume")
    assert res.exit_code == 0 and "already complete" in res.stderr
    assert "articles/s" not in res.stderr and "nothing left to extract" in res.stderr
