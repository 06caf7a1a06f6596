"""The whole pipeline over all of ../shared/corpus/archive/news.jsonl (2,890 real articles).

No exception (an exception would show as an error record), one record per
article in input order, every record a valid Article, and every mention's
offsets pointing at its text in the input.
"""

from __future__ import annotations

import json

from berita_extract import batch
from berita_extract.records import Article
from conftest import shared_path


def _mentions(value):
    """Every mention dict anywhere inside a record (records nest them under ``mentions``)."""
    if isinstance(value, dict):
        for m in value.get("mentions", ()):
            yield m
        for v in value.values():
            if isinstance(v, (list, dict)):
                yield from _mentions(v)
    elif isinstance(value, list):
        for v in value:
            yield from _mentions(v)


def test_whole_archive(tmp_path, nlp):
    archive = shared_path("corpus", "archive", "news.jsonl")
    out = tmp_path / "archive.jsonl"
    summary = batch.run([str(archive)], str(out), batch_size=64)
    with open(archive, encoding="utf-8") as f:
        inputs = [json.loads(line) for line in f if line.strip()]
    records = list(batch.read_output(out))
    assert summary.written == len(records) == len(inputs) == summary.read
    errors = [(r["id"], r["error"]) for r in records if r["error"]]
    assert errors == [], errors[:5]
    bad = []
    for src, rec in zip(inputs, records):
        assert rec["id"] == src["id"]
        Article.model_validate(rec)
        text = src["text"]
        for m in _mentions({k: rec[k] for k in batch.LIST_FIELDS}):
            if not (0 <= m["start"] <= m["end"] <= len(text)) or text[m["start"]:m["end"]] != m["text"]:
                bad.append((rec["id"], m))
    assert bad == [], bad[:5]
