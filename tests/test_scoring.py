"""Our scorer agrees with ../shared/eval/score.py on any predictions, and its rules hold."""

from __future__ import annotations

import importlib.util
import json

import pytest
from hypothesis import given, settings, strategies as st

from berita_extract.scoring import evaluate, expand, norm, same_link, score_article, score_links
from conftest import shared_path

NAMES = ["Polres Paser", "Kepolisian Resort Paser", "Bawaslu RI", "Bawaslu", "Pj Gubernur", "Penjabat Gubernur",
         "Kabupaten Paser", "Paser", "Akmal Malik", "Akmal", "IKP", "inflasi", "Kota Samarinda", "Samarinda"]


@pytest.fixture(scope="module")
def score_py():
    spec = importlib.util.spec_from_file_location("shared_score", shared_path("eval", "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


name = st.sampled_from(NAMES)
link = st.sampled_from(NAMES + ["Kalimantan Timur", "Kaltim", "nasional", "Indonesia", "pembangunan Polres Paser",
                                "peningkatan sarana air bersih", "sarana air bersih", "Kab. Paser"])
value = st.sampled_from([77.04, 77.0, 6700000000, 5, 2.5])
item = st.fixed_dictionaries({
    "name": name, "aliases": st.lists(name, max_size=2), "title": name, "title_canonical": name,
    "index": name, "value": value, "speaker": name, "text": st.sampled_from(["Itu berdasarkan survei", "Kami"]),
    "text_start": st.sampled_from(["Itu berdasarkan survei", "Kami berharap"]), "acronym": name,
    "recipient": st.one_of(st.none(), link), "region": st.one_of(st.none(), link),
})
article = st.fixed_dictionaries({
    f: st.lists(item, max_size=3)
    for f in ("officials", "institutions", "amounts", "scores", "places", "quotes")
} | {"dates": st.lists(st.fixed_dictionaries({
    "value": st.sampled_from(["2024-02-06", "2024-02", "2024"]), "text": st.sampled_from(["6/2/2024", "kemarin"]),
    "relative": st.booleans()}), max_size=3)})


@settings(max_examples=150, deadline=None)
@given(article, article)
def test_agrees_with_shared_score_py(score_py, pred, gold):
    theirs = score_py.score_article(pred, gold)
    ours = score_article(pred, gold)
    for field, result in ours.items():
        tp, fp, fn, _, _ = theirs[field]
        assert (result.tp, result.fp, result.fn) == (tp, fp, fn), field


def test_report_titles_micro_and_missing():
    gold = {"a": {"officials": [{"name": "Akmal Malik", "aliases": ["Akmal"], "title": "Pj Gubernur"}]},
            "b": {"amounts": [{"value": 5}]}}
    preds = {"a": {"id": "a", "officials": [{"name": "Akmal", "title": "Penjabat Gubernur"}]}}
    report = evaluate(gold, preds)
    assert report.title_accuracy == 1.0
    assert report.missing == ["b"]
    assert report.fields["amounts"].fn == 1 and report.micro.tp == 1
    assert ("b", "amounts", "missed", {"value": 5}) in report.errors


@pytest.mark.parametrize("text, expected", [("Kodim 0904/PSR", "kodim 0904 psr"), ("  Bawaslu  RI ", "bawaslu ri")])
def test_norm(text, expected):
    assert norm(text) == expected


def test_expand_spells_out_abbreviations():
    assert expand("Pj Gubernur") == "penjabat gubernur"
    assert expand("Kepolisian Resort Paser") == "kepolisian resor paser"
    assert expand("Bawaslu RI") == "bawaslu"


@settings(max_examples=150, deadline=None)
@given(article, article)
def test_links_agree_with_shared_score_py(score_py, pred, gold):
    theirs = score_py.score_article(pred, gold)["_links"]
    for name, result in score_links(pred, gold).items():
        tp, fp, fn, wrong = theirs[name]
        assert (result.tp, result.fp, result.fn, result.wrong) == (tp, fp, fn, wrong), name


@pytest.mark.parametrize("pred, gold, same", [
    ("Kepolisian Resort Paser", "Polres Paser", True), ("Kabupaten Paser", "Paser", True),
    ("Paser", "Polres Paser", False), ("Kalimantan Timur", "Kaltim", True), ("nasional", "Indonesia", True),
    ("pembangunan Polres Paser", "Polres Paser", True), (None, "Paser", False)])
def test_same_link(score_py, pred, gold, same):
    article = {"institutions": [{"name": "Polres Paser", "aliases": ["Kepolisian Resor Paser"]}]}
    assert same_link(pred, gold, article) is same
    assert score_py.same_link(pred, gold, article) is same


def test_evaluate_links_prints_what_score_py_prints(score_py, tmp_path):
    """`berita-extract evaluate --links` (JSON and text) = `score.py --links` on the same predictions."""
    import subprocess
    import sys

    from typer.testing import CliRunner

    from berita_extract.cli import app
    from berita_extract.evaluate import predict_dir, write_jsonl
    from conftest import ROOT

    gold = ROOT / "corpus" / "gold"
    preds = write_jsonl(predict_dir(gold), tmp_path / "pred.jsonl")
    for flags in (["--json"], []):
        ours = CliRunner().invoke(app, ["evaluate", str(gold), "--predictions", str(preds), "--links",
                                        "--show-errors", *flags])
        assert ours.exit_code == 0, ours.output
        theirs = subprocess.run([sys.executable, shared_path("eval", "score.py"), str(gold), str(preds), "--links",
                                 "--show-errors", *flags], capture_output=True, text=True, check=True)
        assert ours.stdout == theirs.stdout
        if flags:
            assert set(json.loads(ours.stdout.splitlines()[-1])["links"]) == {
                "amounts.recipient", "scores.region", "officials.region"}
    assert "links over matched records:" in ours.stdout
