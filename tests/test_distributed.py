"""The Dask engine on a 2-worker LocalCluster gives exactly the single-process output."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dask.bag", reason="the dask extra (dask[bag]) is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra (distributed) is not installed")

from berita_extract import batch  # noqa: E402
from berita_extract.distributed import extract_bag, extract_shards  # noqa: E402
from batchdata import article, write_jsonl  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    cl = distributed.Client(cluster)
    yield cl
    cl.close()
    cluster.close()


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    d = tmp_path_factory.mktemp("shards")
    paths = []
    for s in range(3):
        recs: list = [article(100 * s + i, 2 + i % 5) for i in range(12)]
        if s == 1:
            recs[4] = "{rusak"
        paths.append(write_jsonl(d / f"news-{s}.jsonl", recs))
    return paths


def test_extract_shards_equals_single_process(client, shards, tmp_path, nlp):
    outs = [tmp_path / "dask" / f"out-{i}.jsonl.gz" for i in range(len(shards))]
    outs[2] = outs[2].with_name("out-2.parquet") if _has_pyarrow() else outs[2]
    outs[0].parent.mkdir()
    counts = extract_shards([str(s) for s in shards], [str(o) for o in outs], client, shard_size=5)
    assert [c["written"] for c in counts] == [12, 12, 12] and [c["failed"] for c in counts] == [0, 1, 0]
    for src, out in zip(shards, outs):
        ref = tmp_path / "ref" / out.name
        ref.parent.mkdir(exist_ok=True)
        batch.run([str(src)], str(ref), shard_size=5)
        assert out.read_bytes() == ref.read_bytes(), out.name
    # the pipeline is built once per worker process and reused by later tasks
    loaded = client.run(lambda: __import__("berita_extract.core", fromlist=["_nlp"])._nlp is not None)
    assert any(loaded.values())


def test_extract_bag_equals_single_process(client, shards, nlp):
    import dask.bag as db

    rows = [json.loads(line) for line in shards[0].read_text(encoding="utf-8").splitlines()]
    rows.append({"id": "tanpa-teks"})
    bag = db.from_sequence(rows, npartitions=3)
    got = extract_bag(bag).compute()
    items = [batch.item_from_mapping(r, "", None, batch.FieldNames()) for r in rows]
    for it in items:
        it["source"] = None
    want = [json.loads(line) for line, _ in batch.process_items(items)]
    assert got == want and len(got) == 13 and got[-1]["error"]


def test_cli_engine_dask_equals_local(client, shards, tmp_path, nlp):
    from typer.testing import CliRunner

    from berita_extract.cli import app

    args = [str(s) for s in shards]
    res = CliRunner().invoke(app, ["run", *args, "-o", str(tmp_path / "d.jsonl.gz"), "--engine", "dask",
                                   "--scheduler", client.scheduler.address, "--batch-size", "5"])
    assert res.exit_code == 1 and "articles read: 36" in res.stderr, res.stderr
    batch.run(args, str(tmp_path / "l.jsonl.gz"))
    assert (tmp_path / "d.jsonl.gz").read_bytes() == (tmp_path / "l.jsonl.gz").read_bytes()


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def test_extract_bag_agrees_with_pipe(client, nlp):
    """The Dask path answers good and bad items exactly as pipe() (one batch core)."""
    import dask.bag as db

    import berita_extract
    from batchdata import AGREEMENT_ITEMS

    got = extract_bag(db.from_sequence(AGREEMENT_ITEMS, npartitions=3)).compute()
    want = [a.model_dump(mode="json") for a in berita_extract.pipe(AGREEMENT_ITEMS)]
    reader_checked = {"teks-angka", "tanpa-teks"}
    for item, rec, ref in zip(AGREEMENT_ITEMS, got, want, strict=True):
        if item["id"] in reader_checked:
            assert rec["error"] and ref["error"]
        else:
            drop = ("source", "metadata")
            assert {k: v for k, v in rec.items() if k not in drop} == {k: v for k, v in ref.items() if k not in drop}
