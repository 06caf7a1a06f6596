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


def _err(res) -> str:
    return res.stderr if res.stderr_bytes is not None else res.output


def test_version():
    import berita_extract

    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"berita-extract {berita_extract.__version__}"


def test_pretty_with_several_files_is_one_json_array(tmp_path):
    other = tmp_path / "kedua.txt"
    other.write_text("Pemkab Paser rapat.", encoding="utf-8")
    res = runner.invoke(app, ["extract", "--pretty", str(EXAMPLE), str(other)])
    assert res.exit_code == 0, res.output
    records = json.loads(res.stdout)
    assert [Article.model_validate(r).id for r in records] == ["contoh_berita", "kedua"]
    one = runner.invoke(app, ["extract", "--pretty", str(other)])
    assert json.loads(one.stdout)["id"] == "kedua"


def test_first_line_standing_alone_is_the_title(tmp_path):
    res = runner.invoke(app, ["extract", str(EXAMPLE)])
    assert Article.model_validate_json(res.stdout).title == EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    flat = tmp_path / "flat.txt"
    flat.write_text("Pemkab Paser menyiapkan Rp 5 juta. Dana itu untuk desa.", encoding="utf-8")
    assert Article.model_validate_json(runner.invoke(app, ["extract", str(flat)]).stdout).title is None


def test_batch_inputs_are_refused_with_a_pointer_to_run(tmp_path):
    jsonl = tmp_path / "one.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": "Rp 5 juta untuk desa."}) + "\n", encoding="utf-8")
    for args in (["extract", str(jsonl)], ["extract", str(tmp_path)], ["show", str(jsonl), "--html", str(tmp_path / "o.html")]):
        res = runner.invoke(app, args)
        assert res.exit_code != 0 and res.stdout.strip() == ""
        assert "berita-extract run" in _err(res) and "Traceback" not in res.output


def test_html_page_is_read_as_run_reads_it_and_carries_its_text(tmp_path):
    import pytest

    pytest.importorskip("trafilatura", reason="needs the [html] extra")
    page = tmp_path / "berita.html"
    body = "Pemkab Paser menyiapkan dana hibah sebesar Rp 6,7 miliar untuk Polres Paser. " * 4
    page.write_text(f"<html><head><title>Dana Hibah</title><script>var harga = 'Rp 99 miliar';</script></head>"
                    f"<body><article><h1>Dana Hibah</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(page)])
    assert res.exit_code == 0, res.output
    art = Article.model_validate_json(res.stdout)
    assert {a.value for a in art.amounts} == {6700000000}  # nothing from the <script>
    assert art.text and "Rp 99" not in art.text
    for a in art.amounts:
        for m in a.mentions:
            assert art.text[m.start:m.end] == m.text
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["run", str(page), "-o", str(out)]).exit_code == 0
    batch = Article.model_validate_json(out.read_text(encoding="utf-8").splitlines()[0])
    assert batch.text == art.text and batch.amounts == art.amounts


def test_max_chars_is_an_option_and_the_advice_names_it(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Pemkab Paser rapat. " * 10, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(big), "--max-chars", "50"])
    assert res.exit_code == 1 and "--max-chars" in _err(res) and "Traceback" not in res.output
    assert runner.invoke(app, ["extract", str(big), "--max-chars", "0"]).exit_code == 0


def test_show_unknown_type_is_a_clear_error(tmp_path):
    res = runner.invoke(app, ["show", str(EXAMPLE), "--html", str(tmp_path / "o.html"), "--type", "money"])
    assert res.exit_code == 2
    assert "unknown record type money" in _err(res) and "amounts" in _err(res)
    assert not (tmp_path / "o.html").exists()


def _gold_dir(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.txt").write_text("Dana Rp 5 juta.", encoding="utf-8")
    (gold / "a.json").write_text(json.dumps({"id": "a", "published": None, "amounts": [{"value": 5000000}]}))
    return gold


def test_evaluate_without_gold_files_is_an_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("Dana Rp 5 juta.", encoding="utf-8")
    res = runner.invoke(app, ["evaluate", str(empty)])
    assert res.exit_code == 2 and "no gold .json" in _err(res) and "1.000" not in res.stdout


def test_evaluate_with_no_matching_id_is_an_error(tmp_path):
    gold = _gold_dir(tmp_path)
    preds = tmp_path / "p.jsonl"
    preds.write_text(json.dumps({"id": "other", "amounts": [{"value": 5000000}]}) + "\n")
    res = runner.invoke(app, ["evaluate", str(gold), "--predictions", str(preds)])
    assert res.exit_code == 2 and "nothing to score" in _err(res) and res.stdout == ""
    preds.write_text("not json\n")
    res = runner.invoke(app, ["evaluate", str(gold), "--predictions", str(preds)])
    assert res.exit_code == 2 and "line 1" in _err(res) and "Traceback" not in res.output


def test_no_user_error_prints_a_traceback(tmp_path):
    """The command line as a subprocess: user errors give a message and a status, never a traceback."""
    import subprocess
    import sys

    cli = [sys.executable, "-m", "berita_extract"]
    cases = [["extract", str(tmp_path / "missing.txt")], ["show", str(EXAMPLE), "--html", str(tmp_path / "o.html"),
             "--type", "money"], ["evaluate", str(tmp_path)], ["evaluate", str(tmp_path / "nope")],
             ["run", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl")]]
    for args in cases:
        res = subprocess.run(cli + args, capture_output=True, text=True, timeout=300)
        assert res.returncode in (1, 2), (args, res.returncode)
        assert "Traceback" not in res.stderr + res.stdout, (args, res.stderr)
        assert res.stderr.strip(), args
