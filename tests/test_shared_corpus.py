"""Score the pipeline on ../shared/corpus (seed and dev) with ../shared/eval/score.py.

The bars are the issues' acceptance figures; a field joins BARS when its
component is implemented.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from berita_extract.evaluate import predict_dir, write_jsonl
from conftest import shared_path

DEV_BARS: dict[str, float] = {"officials": 0.85}
"""Minimum F1 per field on the dev set."""
SEED_FIELDS: tuple[str, ...] = ("officials",)
"""Fields on which the seed article must score 1.0."""


def _score(gold_dir, tmp_path_factory) -> dict:
    preds = predict_dir(gold_dir)
    out = write_jsonl(preds, tmp_path_factory.mktemp("pred") / "pred.jsonl")
    score_py = shared_path("eval", "score.py")
    res = subprocess.run([sys.executable, str(score_py), str(gold_dir), str(out), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory):
    return _score(shared_path("corpus", "dev"), tmp_path_factory)


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory):
    return _score(shared_path("corpus", "seed"), tmp_path_factory)


def test_every_dev_article_has_a_prediction(dev_scores):
    assert dev_scores["articles"] == 48
    assert dev_scores["articles_missing_from_predictions"] == []


@pytest.mark.parametrize("field", sorted(DEV_BARS))
def test_dev_f1_meets_bar(dev_scores, field):
    assert dev_scores[field]["f1"] >= DEV_BARS[field], dev_scores[field]


@pytest.mark.parametrize("field", SEED_FIELDS)
def test_seed_scores_perfectly(seed_scores, field):
    assert seed_scores[field]["f1"] == 1.0, seed_scores[field]


def test_dev_official_titles_are_right(dev_scores):
    """Issue 3: title accuracy over matched officials at least 0.85."""
    assert dev_scores["title_accuracy"] is not None
    assert dev_scores["title_accuracy"] >= 0.85, dev_scores["title_accuracy"]
