"""The unseen-news regression set (corpus/unseen, issue 12): every round, scored with ../shared/eval/score.py.

The annotations hold no text: ``scripts/unseen.py`` fetches it from ../shared/corpus/archive and
checks its hash. The bars are the last recorded score minus a small margin (corpus/README.md);
raise them when a fix raises the score, never lower them to pass.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from berita_extract.evaluate import predict_dir, write_jsonl
from conftest import ROOT, shared_path

BARS: dict[str, float] = {
    "officials": 0.73, "institutions": 0.84, "amounts": 0.95, "scores": 0.95,
    "dates": 0.96, "places": 0.86, "quotes": 0.67, "micro": 0.81,
}
"""Minimum F1 per field on all rounds of corpus/unseen (round 1 after its fixes, minus about 0.02)."""


def _unseen():
    spec = importlib.util.spec_from_file_location("unseen", ROOT / "scripts" / "unseen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def unseen_scores(tmp_path_factory):
    archive = shared_path("corpus", "archive", "news.jsonl")
    unseen = _unseen()
    unseen.ARCHIVE = archive
    gold = unseen.materialize(tmp_path_factory.mktemp("unseen") / "gold")
    pred = write_jsonl(predict_dir(gold), tmp_path_factory.mktemp("pred") / "pred.jsonl")
    res = subprocess.run([sys.executable, str(shared_path("eval", "score.py")), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def test_every_annotation_names_its_archive_text():
    for path in _unseen().annotated():
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["id"] == gold["archive_id"] == path.stem
        assert len(gold["text_sha256"]) == 64
        assert "text" not in gold  # the outlet's text stays in ../shared


def test_every_unseen_article_has_a_prediction(unseen_scores):
    assert unseen_scores["articles"] == len(_unseen().annotated()) >= 24
    assert unseen_scores["articles_missing_from_predictions"] == []


@pytest.mark.parametrize("field", sorted(BARS))
def test_unseen_f1_meets_bar(unseen_scores, field):
    assert unseen_scores[field]["f1"] >= BARS[field], unseen_scores[field]
