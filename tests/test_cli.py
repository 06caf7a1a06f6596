"""The berita-extract command line: extract, schema, evaluate, show."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from berita_extract.cli import app
from berita_extract.records import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "contoh_berita.txt"
runner = CliRunner()


def test_extract_prints_one_valid_record_per_file(tmp_path):
    other = tmp_path / "kedua.txt"
    other.write_text("Pemkab Paser rapat.", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(EXAMPLE), str(other)])
    assert res.exit_code == 0, res.output
    lines = res.stdout.strip().splitlines()
    assert [Article.model_validate_json(x).id for x in lines] == ["contoh_berita", "kedua"]


def test_extract_reads_stdin_and_reports_missing_files(tmp_path):
    res = runner.invoke(app, ["extract", "-", str(tmp_path / "nope.txt")], input="Rp 5 juta untuk desa.")
    assert res.exit_code == 1
    assert Article.model_validate_json(res.stdout.strip()).id == "stdin"
    assert "nope.txt" in res.stderr


def test_schema_is_json_schema_with_descriptions():
    res = runner.invoke(app, ["schema"])
    schema = json.loads(res.stdout)
    assert schema["title"] == "Article"
    amount = schema["$defs"]["Amount"]["properties"]
    assert "rupiah" in schema["$defs"]["Amount"]["description"]
    assert all(prop.get("description") for prop in amount.values())


def test_show_writes_html(tmp_path):
    out = tmp_path / "out.html"
    res = runner.invoke(app, ["show", str(EXAMPLE), "--html", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Pemkab Berau" in html


def test_evaluate_scores_given_predictions(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.txt").write_text("Dana Rp 5 juta.", encoding="utf-8")
    (gold / "a.json").write_text(json.dumps({"id": "a", "published": None, "amounts": [{"value": 5000000}]}))
    preds = tmp_path / "p.jsonl"
    preds.write_text(json.dumps({"id": "a", "amounts": [{"value": 5000000}, {"value": 7}]}) + "\n")
    res = runner.invoke(app, ["evaluate", str(gold), "--predictions", str(preds), "--json", "--show-errors"])
    assert res.exit_code == 0, res.output
    *errors, figures = res.stdout.strip().splitlines()
    assert json.loads(figures)["amounts"] == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert errors == ['a\tamounts\tfalse\t{"value": 7}']
