"""Golden test: the pipeline on the team's own gold articles (corpus/gold), written apart from the rules.

These articles were never used to write rules, so they measure generalization the way the
held-out set does; bars sit a little under what the pipeline reached when they were written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from berita_extract.evaluate import predict_dir
from berita_extract.scoring import evaluate, load_gold

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold"
BARS = {"officials": 0.85, "institutions": 0.85, "amounts": 0.95, "scores": 0.85, "dates": 0.95,
        "places": 0.85, "quotes": 0.90}


@pytest.fixture(scope="module")
def report():
    preds = {p["id"]: p for p in predict_dir(GOLD)}
    return evaluate(load_gold(GOLD), preds)


def test_gold_set_is_complete():
    texts = sorted(p.stem for p in GOLD.glob("*.txt"))
    assert len(texts) >= 10 and texts == sorted(p.stem for p in GOLD.glob("*.json"))
    for path in GOLD.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["id"] == path.stem
        assert all(gold.get(field) is not None for field in BARS)


@pytest.mark.parametrize("field", sorted(BARS))
def test_gold_f1(report, field):
    assert report.fields[field].f1 >= BARS[field], (field, report.table())


def test_gold_micro_and_titles(report):
    assert report.micro.f1 >= 0.90
    assert report.title_accuracy >= 0.90


def test_every_record_type_is_exercised():
    gold = load_gold(GOLD)
    for field in BARS:
        assert sum(len(g[field]) for g in gold.values()) >= 5, field
