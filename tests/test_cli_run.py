"""The ``berita-extract run`` command: exit status, summary, options, stdin."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from berita_extract.batch import read_output
from berita_extract.cli import app
from batchdata import article, write_jsonl

runner = CliRunner()


def _invoke(*args: str, input: bytes | None = None):
    return runner.invoke(app, ["run", *args], input=input)


def test_clean_run_exits_zero_with_a_summary(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(3)])
    res = _invoke(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 0, res.output
    assert "articles read: 3" in res.stderr and "written: 3" in res.stderr and "failed: 0" in res.stderr
    assert "records: officials" in res.stderr and "articles/s" in res.stderr
    assert res.stdout == ""
    assert [r["id"] for r in read_output(tmp_path / "out.jsonl")] == ["art-00000", "art-00001", "art-00002"]


def test_failures_give_exit_one_and_strict_stops(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1), "{rusak", article(2)])
    res = _invoke(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 1 and "failed: 1" in res.stderr
    assert len(list(read_output(tmp_path / "out.jsonl"))) == 3
    res = _invoke(str(src), "-o", str(tmp_path / "strict.jsonl"), "--strict")
    assert res.exit_code == 1 and "in.jsonl:2" in res.stderr and "--strict" in res.stderr
    assert [r["id"] for r in read_output(tmp_path / "strict.jsonl")] == ["art-00001"]


def test_limit_fields_and_shards(tmp_path, nlp):
    recs = [{"kode": f"k{i}", "isi": article(i)["text"]} for i in range(5)]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    out = tmp_path / "shards"
    res = _invoke(str(src), "-o", str(out), "--limit", "4", "--shard-size", "3", "--id-field", "kode",
                  "--text-field", "isi", "--batch-size", "2")
    assert res.exit_code == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["_SUCCESS.json", "part-000000.jsonl", "part-000001.jsonl"]
    assert [r["id"] for r in read_output(out)] == ["k0", "k1", "k2", "k3"]


def test_stdin_input(tmp_path, nlp):
    data = "".join(json.dumps(article(i)) + "\n" for i in range(2)).encode("utf-8") + b"bukan json\n"
    res = _invoke("-", "-o", str(tmp_path / "out.jsonl.gz"), input=data)
    assert res.exit_code == 1
    recs = list(read_output(tmp_path / "out.jsonl.gz"))
    assert [r["source"] for r in recs] == [{"file": "-", "line": n} for n in (1, 2, 3)]
    assert recs[2]["error"]


@pytest.mark.parametrize("args, message", [
    (["nope.jsonl", "-o", "out.jsonl"], "does not exist"),
    (["IN", "-o", "out.txt"], "use a name ending in"),
    (["IN", "-o", "out.jsonl", "--engine", "spark"], "engine must be"),
    (["IN", "-o", "out.jsonl", "--duplicates", "maybe"], "duplicates must be"),
])
def test_bad_invocations_exit_two_with_advice(tmp_path, args, message):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1)])
    args = [str(src) if a == "IN" else (str(tmp_path / a) if a.startswith(("out", "nope")) else a) for a in args]
    res = _invoke(*args)
    assert res.exit_code == 2 and message in res.stderr


def test_resume_of_a_finished_run_reports_it(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1), "{rusak"])
    out = tmp_path / "out.jsonl"
    assert _invoke(str(src), "-o", str(out)).exit_code == 1
    before = out.read_bytes()
    res = _invoke(str(src), "-o", str(out), "--resume")
    assert res.exit_code == 1 and "already complete" in res.stderr and "failed: 1" in res.stderr
    assert out.read_bytes() == before


def test_existing_commands_still_work(tmp_path, nlp):
    (tmp_path / "a.txt").write_text("Warga Paser hadir.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(tmp_path / "a.txt")])
    assert res.exit_code == 0 and json.loads(res.stdout)["id"] == "a"
