"""One batch core: extract(), pipe() in one or two processes, and ``run`` in one or two processes
accept and reject the same items with the same records (the Dask engine: test_distributed.py)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import berita_extract
from berita_extract import core
from berita_extract.batch import read_output
from berita_extract.cli import app
from berita_extract.errors import BeritaError
from batchdata import AGREEMENT_ITEMS, write_jsonl

READER_CHECKED = {"teks-angka", "tanpa-teks"}
"""Items a file reader rejects before the core sees them (its own message, naming --text-field)."""


def comparable(rec: dict) -> dict:
    """A record without what only a batch run adds (where it was read from, pass-through fields)."""
    return {k: v for k, v in rec.items() if k not in ("source", "metadata")}


@pytest.fixture(scope="module")
def by_pipe(nlp):
    return [a.model_dump(mode="json") for a in berita_extract.pipe(AGREEMENT_ITEMS, batch_size=4)]


def test_the_items_cover_good_and_bad(by_pipe):
    assert [r["error"] is None for r in by_pipe] == [True, False, False, False, False, False, True, False, False]
    assert by_pipe[0]["amounts"] and by_pipe[6]["id"] == "7"


def test_pipe_agrees_with_extract(by_pipe):
    for item, rec in zip(AGREEMENT_ITEMS, by_pipe):
        if "text" not in item:  # an item without a text key has no extract() call to compare with
            assert "no 'text' key" in rec["error"]
            continue
        fields = {k: item.get(k) for k in ("id", "title", "published")}
        try:
            want = berita_extract.extract(item["text"], **fields)
        except BeritaError as err:
            assert rec["error"] == str(err), item["id"]
        else:
            assert rec == want.model_dump(mode="json"), item["id"]


def test_pipe_with_workers_agrees(by_pipe):
    got = [a.model_dump(mode="json") for a in berita_extract.pipe(AGREEMENT_ITEMS, n_process=2, batch_size=2)]
    assert got == by_pipe


@pytest.mark.parametrize("n_process", ["1", "2"])
def test_run_agrees_with_pipe(tmp_path, by_pipe, n_process):
    src = write_jsonl(tmp_path / "in.jsonl", AGREEMENT_ITEMS)
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "out.jsonl"), "--n-process", n_process,
                                   "--batch-size", "3"])
    assert res.exit_code == 1, res.output
    got = list(read_output(tmp_path / "out.jsonl"))
    assert len(got) == len(by_pipe)
    for item, rec, want in zip(AGREEMENT_ITEMS, got, by_pipe):
        if str(item["id"]) in READER_CHECKED:
            assert rec["error"] and want["error"] and rec["id"] == want["id"]
        else:
            assert comparable(rec) == comparable(want), item["id"]


def test_core_answers_each_item_alone_as_in_a_batch(by_pipe, nlp):
    alone = [core.extract_items([it])[0][0].model_dump(mode="json") for it in AGREEMENT_ITEMS]
    assert alone == by_pipe
    assert json.dumps(alone)  # plain JSON, whatever was bad
