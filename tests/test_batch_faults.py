"""Issue 13 (batch and API items): nothing lost, every bad input a typed error or an error record.

The data-loss cases run through the real ``berita-extract run`` command.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import berita_extract
from berita_extract.batch import read_output
from berita_extract.cli import app
from berita_extract.errors import ArgumentError, BeritaError, ExtractionError, InputError
from batchdata import article, write_jsonl

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["run", *args])


def _one_line_error(res, code: int = 2) -> str:
    assert res.exit_code == code, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)  # nothing uncaught
    assert "Traceback" not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("berita-extract: "), res.stderr
    return lines[0]


# --------------------------------------------------------------------------- 1. truncated gzip

@pytest.mark.parametrize("n, cut", [(20, 0.5), (400, 0.5), (400, 0.9)])
def test_truncated_gzip_every_decompressible_line_is_a_record(tmp_path, nlp, n, cut):
    data = gzip.compress("".join(json.dumps(article(i)) + "\n" for i in range(n)).encode("utf-8"))
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(data[: int(len(data) * cut)])
    # what any gzip reader (zcat) recovers: the complete lines of the decompressible prefix
    recoverable = zlib.decompressobj(wbits=31).decompress(src.read_bytes()).count(b"\n")
    assert recoverable > 0
    res = _run(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 1, res.output
    records = list(read_output(tmp_path / "out.jsonl"))
    good = [r for r in records if r["error"] is None]
    assert [r["id"] for r in good] == [f"art-{i:05d}" for i in range(recoverable)]
    (broken,) = [r for r in records if r["error"]]
    assert records[-1] is broken and broken["source"]["line"] == recoverable + 1
    assert "truncated" in broken["error"]


# --------------------------------------------------------------------------- 2. Parquet and huge sums

@pytest.mark.parametrize("out", ["out.parquet", "shards"])
def test_amounts_beyond_int64_round_trip_through_parquet(tmp_path, nlp, out):
    pytest.importorskip("pyarrow")
    src = write_jsonl(tmp_path / "in.jsonl", [
        article(1),
        {"id": "besar", "text": "Dana Rp 10.000.000 triliun disiapkan. Lalu Rp 4,5 miliar cair."},
        article(2),
    ])
    assert _run(str(src), "-o", str(tmp_path / "ref.jsonl")).exit_code == 0
    extra = ["--shard-format", "parquet", "--shard-size", "2"] if out == "shards" else []
    res = _run(str(src), "-o", str(tmp_path / out), *extra)
    assert res.exit_code == 0, res.output
    want = list(read_output(tmp_path / "ref.jsonl"))
    assert [a["value"] for a in want[1]["amounts"]][0] == 10**19  # over 2^63 - 1
    assert list(read_output(tmp_path / out)) == want
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.glob("*.inprogress"))


# --------------------------------------------------------------------------- 3. pipe with bad items

BAD_ITEMS = [
    {"id": "ok1", "text": "Bupati Paser Fahmi Fadli meninjau pasar, Senin (5/2/2024)."},
    {"id": "judul", "text": "Warga hadir.", "title": 5},
    {"id": "tahun1", "text": "Rapat digelar kemarin.", "published": "0001-01-01"},
    {"id": "tahun9999", "text": "Rapat digelar besok.", "published": "9999-12-31"},
    {"id": "sampah", "text": "Warga hadir.", "published": "2024-02-06garbage"},
    {"id": "ok2", "text": "Pemkab Paser menyiapkan Rp 6,7 miliar."},
]


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_gives_an_error_article_for_each_bad_item_only(nlp, n_process):
    out = list(berita_extract.pipe(BAD_ITEMS, n_process=n_process, batch_size=8))
    assert [a.id for a in out] == [it["id"] for it in BAD_ITEMS]
    assert [a.error is None for a in out] == [True, False, False, False, False, True]
    assert "title" in out[1].error and "str" in out[1].error
    assert "OverflowError" in out[2].error and "OverflowError" in out[3].error
    assert "ISO date" in out[4].error
    ref = berita_extract.extract(BAD_ITEMS[0]["text"], id="ok1")
    assert out[0].model_dump() == ref.model_dump()


def test_pipe_raise_mode_raises_the_typed_error(nlp):
    with pytest.raises(InputError, match="title"):
        list(berita_extract.pipe(BAD_ITEMS[:2], errors="raise"))
    with pytest.raises(ExtractionError, match="OverflowError"):
        list(berita_extract.pipe([BAD_ITEMS[2]], errors="raise"))


# --------------------------------------------------------------------------- 4. invalid arguments

@pytest.mark.parametrize("kw, word", [
    ({"batch_size": 0}, "batch_size"), ({"batch_size": -1}, "batch_size"), ({"batch_size": "8"}, "batch_size"),
    ({"n_process": "2"}, "n_process"), ({"n_process": 0}, "n_process"), ({"errors": "bogus"}, "errors"),
    ({"max_chars": "100"}, "max_chars"), ({"max_chars": 0}, "max_chars"),
])
def test_invalid_pipe_arguments_raise_at_the_call(kw, word):
    with pytest.raises(ArgumentError, match=word) as info:
        berita_extract.pipe(["Rp 5 juta."], **kw)  # not iterated: the call itself raises
    assert isinstance(info.value, ValueError) and "got" in str(info.value)


def test_extract_checks_max_chars_type():
    with pytest.raises(ArgumentError, match="max_chars must be a positive int or None"):
        berita_extract.extract("Rp 5 juta.", max_chars="100")


# --------------------------------------------------------------------------- 5. CSV quoting

@pytest.mark.parametrize("later", ["plain", "quoted"])
def test_csv_unterminated_quote_is_reported_and_no_row_is_swallowed(tmp_path, nlp, later):
    rows = [f"c{i},Warga Desa {i} menanam padi.,2024-01-0{i}" for i in range(1, 9)]
    rows[2] = 'c3,"Dana Rp 5 juta untuk desa,2024-01-03'  # the quote is never closed
    if later == "quoted":
        rows[5] = 'c6,"Rapat ""musrenbang"" digelar",2024-01-06'
    path = tmp_path / "in.csv"
    path.write_text("id,text,published\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = _run(str(path), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 1, res.output
    recs = list(read_output(tmp_path / "out.jsonl"))
    assert len(recs) == 8
    bad = [r for r in recs if r["error"]]
    assert len(bad) == 1 and bad[0]["source"]["line"] == 4 and "quoted field" in bad[0]["error"]
    assert [r["id"] for r in recs if not r["error"]] == ["c1", "c2", "c4", "c5", "c6", "c7", "c8"]
    assert [r["source"]["line"] for r in recs if not r["error"]] == [2, 3, 5, 6, 7, 8, 9]


def test_csv_multiline_quoted_text_is_still_one_record(tmp_path, nlp):
    path = tmp_path / "in.csv"
    path.write_text('id,text\nm1,"Baris satu, dua.\nBaris ""tiga"".\n\nEmpat."\nm2,Warga hadir.\n', encoding="utf-8")
    res = _run(str(path), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 0, res.output
    m1, m2 = read_output(tmp_path / "out.jsonl")
    assert (m1["id"], m1["error"], m2["id"], m2["source"]["line"]) == ("m1", None, "m2", 6)


# --------------------------------------------------------------------------- 6. BOM

def test_utf8_bom_at_the_start_of_jsonl_is_accepted(tmp_path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + "".join(json.dumps(article(i)) + "\n" for i in range(2)).encode("utf-8"))
    res = _run(str(src), "-o", str(tmp_path / "out.jsonl"))
    assert res.exit_code == 0, res.output
    assert [(r["id"], r["error"]) for r in read_output(tmp_path / "out.jsonl")] == [
        ("art-00000", None), ("art-00001", None)]


# --------------------------------------------------------------------------- 10. user errors

def test_output_parent_is_a_file(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1)])
    (tmp_path / "berkas").write_text("x")
    for out in ("berkas/out.jsonl", "berkas/shards"):
        line = _one_line_error(_run(str(src), "-o", str(tmp_path / out)))
        assert "cannot write the output" in line and "Not a directory" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1)])
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        line = _one_line_error(_run(str(src), "-o", str(ro / "out.jsonl")))
    finally:
        ro.chmod(0o755)
    assert "Permission denied" in line


def test_unwritable_output_place_even_for_root(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1)])
    line = _one_line_error(_run(str(src), "-o", "/proc/berita-out.jsonl"))
    assert "cannot write the output /proc/berita-out.jsonl" in line


def test_disk_full_exits_two_with_one_line(tmp_path):
    """A real process whose file size limit is hit while writing (EFBIG, as ENOSPC would be)."""
    import resource

    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(60)])
    limit = 16_000

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    exe = Path(sys.executable).with_name("berita-extract")
    proc = subprocess.run([str(exe), "run", str(src), "-o", str(tmp_path / "out.jsonl"), "--shard-size", "10"],
                          capture_output=True, text=True, preexec_fn=small_files, timeout=600)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write the output" in lines[0] and "--resume" in lines[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_input_is_a_one_line_error(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1)])
    src.chmod(0)
    try:
        assert "cannot read the input" in _one_line_error(_run(str(src), "-o", str(tmp_path / "o.jsonl")))
    finally:
        src.chmod(0o644)


# --------------------------------------------------------------------------- 11. typed errors

@pytest.mark.parametrize("call, kind, words", [
    (lambda: berita_extract.extract("Warga hadir.", title=5), InputError, "title must be a str"),
    (lambda: berita_extract.extract("Warga hadir.", published="2024-02-06garbage"), InputError, "ISO date"),
    (lambda: berita_extract.extract("Rapat digelar kemarin.", published="0001-01-01"), ExtractionError,
     "OverflowError"),
    (lambda: berita_extract.extract("Rapat digelar besok.", published="9999-12-31"), ExtractionError,
     "OverflowError"),
    (lambda: berita_extract.to_frames([None]), InputError, "Article"),
    (lambda: berita_extract.render(None), InputError, "Article"),
])
def test_public_api_errors_are_typed_and_say_what_was_expected(nlp, call, kind, words):
    with pytest.raises(kind, match=words) as info:
        call()
    assert isinstance(info.value, BeritaError)


@pytest.mark.parametrize("value, want", [
    ("2024-02-06", "2024-02-06"), (" 2024-02-06 ", "2024-02-06"), ("2024-02-06T10:15:00+08:00", "2024-02-06"),
    ("2024-02-06 10:15", "2024-02-06"), ("2024-02-06T23:59:59Z", "2024-02-06"),
])
def test_published_accepts_iso_dates_and_datetimes(nlp, value, want):
    assert berita_extract.extract("Warga hadir.", published=value).published.isoformat() == want


@pytest.mark.parametrize("value", ["2024-02-06garbage", "2024-02-06T", "06/02/2024", "2024-13-01", "kemarin"])
def test_published_rejects_anything_else(value):
    with pytest.raises(InputError, match="ISO date"):
        berita_extract.extract("Warga hadir.", published=value)
