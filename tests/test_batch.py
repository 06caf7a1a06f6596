"""Batch runs: readers, error records, writers, duplicates, parallel order, safety."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import berita_extract
from berita_extract import batch
from berita_extract.batch import FieldNames, read_output
from berita_extract.errors import BatchInputError
from berita_extract.records import Article
from batchdata import article, write_jsonl


def _run(inputs, out, **kw):
    return batch.run([str(p) for p in inputs], str(out), **kw)


def _by_line(records):
    return {r["source"]["line"]: r for r in records}


def test_every_input_record_gives_one_output_record(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [
        article(1),                                    # 1 fine
        b'{"id": "x2", "text": "tidak ditutup',        # 2 bad JSON
        {"id": "x3"},                                  # 3 no text
        {"id": "x4", "text": 17},                      # 4 text not a string
        {"id": "x5", "text": "  \n "},                 # 5 empty text
        b'{"id": "x6", "text": "Bupati \xff\xfe hadir"}',  # 6 invalid UTF-8
        b"",                                           # 7 blank line: not a record
        '["daftar", "bukan", "objek"]',                # 8 not an object
        article(9),                                    # 9 fine
    ])
    summary = _run([src], tmp_path / "out.jsonl")
    records = list(read_output(tmp_path / "out.jsonl"))
    assert len(records) == 8 == summary.written == summary.read
    for rec in records:
        Article.model_validate(rec)  # error records are Articles too
        assert rec["source"]["file"] == str(src)
    lines = _by_line(records)
    assert sorted(lines) == [1, 2, 3, 4, 5, 6, 8, 9]
    failed = {n for n, r in lines.items() if r["error"]}
    assert failed == {2, 3, 4, 5, 8}
    assert summary.failed == 5
    assert "JSON" in lines[2]["error"] and "'text'" in lines[3]["error"] and "int" in lines[4]["error"]
    assert "empty" in lines[5]["error"]
    assert lines[3]["id"] == "x3" and lines[2]["id"] is None
    assert lines[6]["error"] is None and any("UTF-8" in w for w in lines[6]["warnings"])
    assert "\ufffd" not in json.dumps(lines[6])  # the text itself is not copied into the record
    assert [lines[1]["id"], lines[9]["id"]] == ["art-00001", "art-00009"]


def test_field_names_metadata_and_published(tmp_path, nlp):
    rec = {"uid": 42, "body": "Camat Long Ikis membuka pasar murah.", "judul": "Pasar murah",
           "tanggal": "2024-02-06T10:15:00+08:00", "url": "https://contoh.id/1", "tags": ["ekonomi"]}
    src = write_jsonl(tmp_path / "in.jsonl", [rec, {**rec, "uid": 43, "tanggal": "kemarin"}])
    _run([src], tmp_path / "out.jsonl", fields=FieldNames(id="uid", text="body", title="judul", published="tanggal"))
    first, second = read_output(tmp_path / "out.jsonl")
    assert first["id"] == "42" and first["title"] == "Pasar murah" and first["published"] == "2024-02-06"
    assert first["metadata"] == {"url": "https://contoh.id/1", "tags": ["ekonomi"]}
    # a field that cannot be read makes an error record, as in pipe() (one rule: berita_extract.core)
    assert second["id"] == "43" and "ISO date" in second["error"] and "kemarin" in second["error"]
    assert second["metadata"] == first["metadata"] and second["title"] == "Pasar murah"


def test_lone_surrogates_are_replaced_and_flagged(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", ['{"id": "s\\ud800", "text": "Warga \\udc00 Paser"}'])
    _run([src], tmp_path / "out.jsonl")
    (rec,) = read_output(tmp_path / "out.jsonl")
    assert rec["error"] is None and rec["id"] == "s\ufffd"
    assert any("surrogate" in w for w in rec["warnings"])


@pytest.mark.parametrize("cut", [0.5, 0.95])
def test_truncated_gzip_gives_an_error_record_and_the_run_goes_on(tmp_path, nlp, cut):
    data = gzip.compress("".join(json.dumps(article(i)) + "\n" for i in range(40)).encode("utf-8"))
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(data[: int(len(data) * cut)])
    other = write_jsonl(tmp_path / "next.jsonl", [article(100)])
    summary = _run([src, other], tmp_path / "out.jsonl")
    records = list(read_output(tmp_path / "out.jsonl"))
    broken = [r for r in records if r["error"]]
    assert len(broken) == 1 and "truncated" in broken[0]["error"]
    assert broken[0]["source"]["file"] == str(src)
    assert records[-1]["id"] == "art-00100"  # the next input was still read
    good = [r for r in records if not r["error"] and r["source"]["file"] == str(src)]
    assert [r["id"] for r in good] == [f"art-{i:05d}" for i in range(len(good))]
    assert broken[0]["source"]["line"] == len(good) + 1
    assert summary.failed == 1 and summary.written == len(records)


def test_not_a_gzip_file(tmp_path, nlp):
    src = tmp_path / "in.jsonl.gz"
    src.write_bytes(b"this is plain text, not gzip\n")
    _run([src], tmp_path / "out.jsonl")
    (rec,) = read_output(tmp_path / "out.jsonl")
    assert rec["error"] and rec["source"]["line"] == 1


def test_duplicate_ids_flagged(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1), article(2), article(1)])
    summary = _run([src], tmp_path / "warn.jsonl")
    recs = list(read_output(tmp_path / "warn.jsonl"))
    assert summary.duplicates == 1 and summary.failed == 0
    assert [bool(r["warnings"]) for r in recs] == [False, False, True]
    assert "duplicate id 'art-00001'" in recs[2]["warnings"][0]
    summary = _run([src], tmp_path / "err.jsonl", duplicates="error")
    recs = list(read_output(tmp_path / "err.jsonl"))
    assert summary.failed == 1 and recs[2]["error"].startswith("duplicate id")


def test_csv_input_with_long_field_and_extra_columns(tmp_path, nlp):
    import csv

    long_text = "Bupati Paser meninjau sawah warga. " * 5000  # longer than csv's default field limit
    path = tmp_path / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "published", "kanal"])
        w.writerow(["c1", "Warga Desa Suka Maju menanam padi.\nBaris kedua.", "2024-01-02", "daerah"])
        w.writerow(["c2", long_text, "", "ekonomi"])
        w.writerow(["c3", "", "", "daerah"])
    _run([path], tmp_path / "out.jsonl")
    c1, c2, c3 = read_output(tmp_path / "out.jsonl")
    assert (c1["id"], c1["published"], c1["metadata"], c1["source"]["line"]) == ("c1", "2024-01-02", {"kanal": "daerah"}, 2)
    assert c2["error"] is None and c2["source"]["line"] == 4  # c1's text spans two lines
    assert c3["error"] and c3["id"] == "c3"


def test_directory_of_txt_files(tmp_path, nlp):
    d = tmp_path / "arsip"
    (d / "2024").mkdir(parents=True)
    (d / "b.txt").write_text("Warga Paser bergotong royong.", encoding="utf-8")
    (d / "b.json").write_text(json.dumps({"published": "2024-03-01", "title": "Gotong royong"}), encoding="utf-8")
    (d / "2024" / "a.txt").write_bytes(b"Camat \xff hadir di desa.")
    (d / "kosong.txt").write_text("", encoding="utf-8")
    (d / "catatan.md").write_text("bukan artikel", encoding="utf-8")
    _run([d], tmp_path / "out.jsonl")
    recs = list(read_output(tmp_path / "out.jsonl"))
    assert [r["id"] for r in recs] == ["2024/a", "b", "kosong"]
    assert any("UTF-8" in w for w in recs[0]["warnings"]) and recs[0]["error"] is None
    assert recs[1]["published"] == "2024-03-01" and recs[1]["title"] == "Gotong royong"
    assert recs[2]["error"] and recs[2]["source"] == {"file": str(d / "kosong.txt"), "line": None}


def test_html_page(tmp_path, nlp):
    pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
    body = " ".join(article(3, 6)["text"].split(". ")[:6])
    page = (f"<html><head><title>Jembatan baru</title><meta property='article:published_time' "
            f"content='2024-06-03T08:00:00+08:00'></head><body><nav>Menu</nav><article><h1>Jembatan baru</h1>"
            f"<p>{body}</p><p>{body}</p></article></body></html>")
    (tmp_path / "hal.html").write_text(page, encoding="utf-8")
    _run([tmp_path / "hal.html"], tmp_path / "out.jsonl")
    (rec,) = read_output(tmp_path / "out.jsonl")
    assert rec["error"] is None and rec["id"] == "hal"
    assert rec["title"] == "Jembatan baru" and rec["published"] == "2024-06-03"


def test_unknown_input_format_fails_before_writing(tmp_path):
    (tmp_path / "x.xml").write_text("<a/>", encoding="utf-8")
    with pytest.raises(BatchInputError, match="unknown format"):
        _run([tmp_path / "x.xml"], tmp_path / "out.jsonl")
    with pytest.raises(BatchInputError, match="does not exist"):
        _run([tmp_path / "nope.jsonl"], tmp_path / "out.jsonl")
    assert not list(tmp_path.glob("out*"))


def _all_outputs(tmp_path, src, **kw):
    outs = {"jsonl": tmp_path / "o.jsonl", "gz": tmp_path / "o.jsonl.gz", "dir": tmp_path / "shards"}
    for out in outs.values():
        _run([src], out, shard_size=3, **kw)
    _run([src], tmp_path / "gzshards", shard_size=3, shard_format="jsonl.gz", **kw)
    outs["gzdir"] = tmp_path / "gzshards"
    return outs


def test_every_output_format_holds_the_same_records(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(7)] + ["{bad"])
    outs = _all_outputs(tmp_path, src)
    if _has("pyarrow"):
        _run([src], tmp_path / "o.parquet", shard_size=3)
        _run([src], tmp_path / "pqshards", shard_size=3, shard_format="parquet")
        outs.update(pq=tmp_path / "o.parquet", pqdir=tmp_path / "pqshards")
    expected = list(read_output(outs["jsonl"]))
    assert len(expected) == 8
    for name, out in outs.items():
        assert list(read_output(out)) == expected, name
    assert sorted(p.name for p in outs["dir"].iterdir()) == [
        "_SUCCESS.json", "part-000000.jsonl", "part-000001.jsonl", "part-000002.jsonl"]
    assert json.loads((outs["dir"] / "_SUCCESS.json").read_text())["written"] == 8
    assert not list(tmp_path.glob("*.inprogress"))
    with gzip.open(outs["gz"], "rt", encoding="utf-8") as f:  # several gzip members read as one stream
        assert sum(1 for _ in f) == 8


def _has(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_parquet_layout(tmp_path, nlp):
    pa = pytest.importorskip("pyarrow", reason="the parquet extra (pyarrow) is not installed")
    import pyarrow.parquet as pq

    src = write_jsonl(tmp_path / "in.jsonl", [article(1), "{bad"])
    _run([src], tmp_path / "o.parquet")
    table = pq.read_table(tmp_path / "o.parquet")
    assert table.num_rows == 2
    schema = table.schema
    assert schema.field("published").type == pa.date32()
    assert pa.types.is_list(schema.field("officials").type)
    mention = schema.field("officials").type.value_type.field("mentions").type.value_type
    assert [mention.field(i).name for i in range(mention.num_fields)] == ["text", "start", "end", "rule"]
    assert schema.field("metadata").type == pa.string()
    rows = table.to_pylist()
    assert json.loads(rows[0]["metadata"]) == {"portal": "contoh.id"}
    assert rows[1]["error"] and rows[1]["source"] == {"file": str(src), "line": 2}


def test_ids_are_never_used_as_paths(tmp_path, nlp):
    hostile = ["../../luar", "/tmp/mutlak", "..", "a/b/c", "C:\\win", "part-000000"]
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": h, "text": "Warga Paser hadir."} for h in hostile])
    out = tmp_path / "kerja" / "out"
    _run([src], out, shard_size=2)
    assert sorted(p.name for p in out.iterdir()) == ["_SUCCESS.json", "part-000000.jsonl",
                                                     "part-000001.jsonl", "part-000002.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "kerja"]
    assert [r["id"] for r in read_output(out)] == hostile


def test_an_exception_in_extraction_fails_only_that_article(tmp_path, nlp, monkeypatch):
    import berita_extract.core as core

    real = core.build_article

    def exploding(doc, text, **kw):
        if "MELEDAK" in text:
            raise RuntimeError("komponen rusak")
        return real(doc, text, **kw)

    monkeypatch.setattr(core, "build_article", exploding)
    recs = [article(1), {"id": "boom", "text": "Gudang MELEDAK di Paser."}, article(2)]
    src = write_jsonl(tmp_path / "in.jsonl", recs)
    summary = _run([src], tmp_path / "out.jsonl", batch_size=8)
    out = list(read_output(tmp_path / "out.jsonl"))
    assert [r["id"] for r in out] == ["art-00001", "boom", "art-00002"]
    assert [r["error"] is not None for r in out] == [False, True, False]
    assert "RuntimeError: komponen rusak" in out[1]["error"] and summary.failed == 1


def test_strict_stops_at_the_first_failure(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(1), "{bad", article(2)])
    with pytest.raises(batch.StrictFailure, match=r"in\.jsonl:2: line is not valid JSON"):
        _run([src], tmp_path / "out.jsonl", strict=True)
    assert [r["id"] for r in read_output(tmp_path / "out.jsonl")] == ["art-00001"]  # what came before is kept


def test_limit_and_max_chars(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(5)])
    summary = _run([src], tmp_path / "out.jsonl", limit=3, max_chars=100)
    recs = list(read_output(tmp_path / "out.jsonl"))
    assert len(recs) == 3 == summary.written
    assert all(r["error"] and "max_chars" in r["error"] for r in recs)


def test_summary_counts_records_per_type(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i) for i in range(4)] + ["{bad"])
    summary = _run([src], tmp_path / "out.jsonl")
    recs = list(read_output(tmp_path / "out.jsonl"))
    for field in batch.LIST_FIELDS:
        assert summary.records[field] == sum(len(r[field]) for r in recs)
    text = str(summary)
    assert "articles read: 5" in text and "failed: 1" in text and "elapsed" in text


def test_n_process_output_is_identical(tmp_path, nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [article(i, 3 + i % 5) for i in range(60)] + ["{bad"])
    _run([src], tmp_path / "one.jsonl.gz", batch_size=7, shard_size=20)
    _run([src], tmp_path / "two.jsonl.gz", batch_size=5, shard_size=20, n_process=2)
    assert (tmp_path / "one.jsonl.gz").read_bytes() == (tmp_path / "two.jsonl.gz").read_bytes()


def test_pipe_with_processes_keeps_order(nlp):
    items = [{"id": str(i), "text": article(i, 1 + i % 4)["text"]} for i in range(30)]
    one = [a.model_dump() for a in berita_extract.pipe(items, batch_size=4)]
    two = [a.model_dump() for a in berita_extract.pipe(iter(items), batch_size=4, n_process=2)]
    assert one == two and [a["id"] for a in two] == [str(i) for i in range(30)]


def test_pipe_with_processes_answers_bad_items_like_pipe(nlp):
    items = [{"id": "x"}, "Rp 5 juta.", 3]
    one = [a.model_dump() for a in berita_extract.pipe(items)]
    two = [a.model_dump() for a in berita_extract.pipe(items, n_process=2)]
    assert one == two and [a["error"] is None for a in two] == [False, True, False]
    with pytest.raises(berita_extract.InputError, match="no 'text' key"):
        list(berita_extract.pipe([{"id": "x"}], n_process=2, errors="raise"))
