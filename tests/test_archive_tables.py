"""The archive as research data (issue 11): entity keys, duplicates, tables, graph, CLI.

The small corpus (corpus/archive_small, records the team wrote) checks the hard cases one by
one; the gold identities (corpus/identities) are scored pairwise over a run of the whole
shared archive (set BERITA_ARCHIVE_RUN to an existing run output to skip the run).
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("rapidfuzz")
pytest.importorskip("datasketch")
nx = pytest.importorskip("networkx")
pd = pytest.importorskip("pandas")

from typer.testing import CliRunner  # noqa: E402

from berita_extract import Archive, InputError  # noqa: E402
from berita_extract.archive import write_graph  # noqa: E402
from berita_extract.archive.evaluate import pairwise, read_gold, score_archive  # noqa: E402
from berita_extract.cli import app  # noqa: E402
from conftest import ROOT, shared_path  # noqa: E402

SMALL = ROOT / "corpus" / "archive_small" / "records.jsonl"
GOLD = ROOT / "corpus" / "identities"


@pytest.fixture(scope="module")
def small():
    return Archive.open(SMALL).link()


def _person(arc, name):
    people = arc.people()
    return people[people["variants"].apply(lambda v: name in v)]


def test_one_prabowo_with_the_short_form_and_listyo_apart(small):
    rows = _person(small, "Prabowo")
    assert len(rows) == 1 and rows.iloc[0]["name"] == "Prabowo Subianto"
    assert rows.iloc[0]["article_count"] == 2
    officials = small.records("officials")
    pid = rows.iloc[0]["person_id"]
    assert set(officials[officials.person_id == pid].article_id) == {"s01", "s02"}
    listyo = officials[officials.name == "Listyo Sigit Prabowo"].person_id.iloc[0]
    assert listyo != pid


def test_two_people_with_one_name_in_two_regions_stay_apart(small):
    rows = small.people()
    budis = rows[rows["name"] == "Budi Hartono"]
    assert len(budis) == 2
    assert sorted(r[0] for r in budis["regions"]) == ["33.02", "35.09"]
    officials = small.records("officials")
    by_article = dict(zip(officials.article_id, officials.person_id))
    assert by_article["s08"] == by_article["s10"] != by_article["s09"] == by_article["s11"]


def test_one_body_for_jakarta_and_one_for_kpk(small):
    inst = small.records("institutions")
    jakarta = inst[inst.name.isin(["Pemprov DKI Jakarta", "Pemerintah Provinsi Jakarta", "Pemprov Jakarta"])]
    kpk = inst[inst.name.isin(["KPK", "Komisi Pemberantasan Korupsi"])]
    assert len(jakarta) == 3 and jakarta.body_id.nunique() == 1
    assert len(kpk) == 2 and kpk.body_id.nunique() == 1
    assert jakarta.body_id.iloc[0] != kpk.body_id.iloc[0]
    bodies = small.bodies()
    assert bodies[bodies.body_id == kpk.body_id.iloc[0]].iloc[0]["acronym"] == "KPK"


def test_a_story_from_two_outlets_is_marked_once(small):
    assert small.duplicate_of == {"s13": "s12"}
    money = small.money()
    once = money[money.duplicate_of.isna()]
    # the Banyumas sum counted once, Jakarta's two sums kept
    assert once.groupby("recipient_id")["value"].sum().sort_values().tolist() == [1200000000, 5750000000]


def test_rows_carry_published_outlet_and_keys(small):
    money = small.money()
    row = money[money.article_id == "s04"].iloc[0]
    assert (row.published, row.outlet, row.role) == ("2025-02-03", "contoh.id", "recipient")
    inst = small.records("institutions")
    assert row.recipient_id == inst[inst.name == "Pemprov DKI Jakarta"].body_id.iloc[0]
    scores = small.scores()
    series = scores[scores.duplicate_of.isna()].set_index("period")["value"]
    assert series.to_dict() == {"2025-04": 2.1, "2025-05": 1.8}
    assert set(scores.region_code) == {"33.02"} and scores.source_id.notna().all()
    people = small.people()
    titles = people[people.name == "Pramono Anung"].iloc[0]["titles"]
    assert titles == [{"title": "Gubernur", "first": "2025-02-03", "last": "2025-02-03"}]


def test_every_output_form_reads_the_same(tmp_path, small):
    gz = tmp_path / "run.jsonl.gz"
    with open(SMALL, "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    shards = tmp_path / "shards"
    shards.mkdir()
    lines = SMALL.read_text(encoding="utf-8").splitlines(keepends=True)
    (shards / "part-00000.jsonl").write_text("".join(lines[:7]), encoding="utf-8")
    (shards / "part-00001.jsonl").write_text("".join(lines[7:]), encoding="utf-8")
    from berita_extract.batch import parquet_bytes
    from berita_extract.records import Article

    pq = tmp_path / "run.parquet"
    pq.write_bytes(parquet_bytes([Article.model_validate_json(line).model_dump_json() for line in lines]))
    want = small.people().sort_values("person_id").reset_index(drop=True)
    for path in (gz, shards, pq):
        got = Archive.open(path).people().sort_values("person_id").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, want)


def test_graph_files_load_back_with_the_same_counts(tmp_path, small):
    g = small.graph()
    assert g.number_of_nodes() > 10 and g.number_of_edges() > 10
    relations = {r for _, _, d in g.edges(data=True) for r in d["relations"].split(";")}
    assert {"office", "region", "co", "amount"} <= relations
    write_graph(g, tmp_path / "g.graphml")
    write_graph(g, tmp_path / "g.gexf")
    write_graph(g, tmp_path / "edges.csv")
    for back in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    edges = pd.read_csv(tmp_path / "edges.csv")
    nodes = pd.read_csv(tmp_path / "edges.nodes.csv")
    assert len(edges) == g.number_of_edges() and len(nodes) == g.number_of_nodes()
    assert set(edges.source) | set(edges.target) <= set(nodes.id)


def test_cli_people_and_graph(tmp_path):
    runner = CliRunner()
    out = tmp_path / "people.parquet"
    res = runner.invoke(app, ["people", str(SMALL), "-o", str(out), "--progress"])
    assert res.exit_code == 0, res.output
    assert len(pd.read_parquet(out)) == 7
    res = runner.invoke(app, ["graph", str(SMALL), "-o", str(tmp_path / "g.gexf")])
    assert res.exit_code == 0 and (tmp_path / "g.gexf").stat().st_size > 0
    res = runner.invoke(app, ["table", "money", str(SMALL), "-o", str(tmp_path / "money.csv")])
    assert res.exit_code == 0 and len(pd.read_csv(tmp_path / "money.csv")) == 4


@pytest.mark.parametrize("args, message", [
    (["people", "no/such/run.jsonl", "-o", "p.parquet"], "no such run output"),
    (["people", str(SMALL), "-o", "p.txt"], "unknown table format"),
    (["graph", str(SMALL), "-o", "g.png"], "unknown graph format"),
    (["table", "nonsense", str(SMALL), "-o", "t.csv"], "unknown table"),
    (["people", str(SMALL), "-o", "p.csv", "--engine", "dask"], "local engine only"),
])
def test_cli_user_errors_say_what_to_do(tmp_path, args, message):
    res = CliRunner().invoke(app, args, catch_exceptions=False)
    assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output


def test_pairwise_scoring_counts_pairs():
    gold = [("a", "x", "1"), ("b", "x", "1"), ("c", "y", "2")]
    pred = {"a": "p", "b": "q", "c": "q"}
    s = pairwise(gold, lambda aid, name: pred[aid])
    assert (s.true_pairs, s.predicted_pairs, s.correct_pairs) == (1, 1, 0)
    assert (s.precision, s.recall) == (0.0, 0.0)


# -- the whole shared archive ------------------------------------------------------------------
@pytest.fixture(scope="module")
def archive_run(tmp_path_factory):
    given = os.environ.get("BERITA_ARCHIVE_RUN")
    if given:
        return Path(given)
    from berita_extract import batch

    news = shared_path("corpus", "archive", "news.jsonl")
    out = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    batch.run([str(news)], str(out), batch_size=64)
    return out


@pytest.fixture(scope="module")
def whole(archive_run):
    return Archive.open(archive_run).link()


def test_gold_identities_have_300_records_and_the_hard_cases():
    officials, bodies = read_gold(GOLD / "officials.csv"), read_gold(GOLD / "bodies.csv")
    assert len(officials) + len(bodies) >= 300
    by_label: dict = {}
    for _, name, label in officials:
        by_label.setdefault(label, set()).add(name)
    assert {"Prabowo", "Prabowo Subianto"} <= by_label["Prabowo Subianto"]
    assert "Listyo Sigit Prabowo" not in by_label["Prabowo Subianto"]
    assert "Yusuf" not in by_label.get("Yusuf Masruh", set())


def test_linkage_meets_the_bars_on_the_gold(whole):
    scores = score_archive(whole, GOLD)
    for kind, s in scores.items():
        assert s.missing == 0, (kind, s)
        assert s.precision >= 0.97 and s.recall >= 0.90, (kind, str(s))


def test_archive_has_one_prabowo_one_jakarta_one_kpk(whole):
    rows = _person(whole, "Prabowo Subianto")
    assert len(rows) == 1 and "Prabowo" in rows.iloc[0]["variants"]
    assert rows.iloc[0]["article_count"] >= 250
    inst = whole.records("institutions")
    jakarta = inst[inst.name.isin(["Pemprov DKI Jakarta", "Pemprov Jakarta", "Pemerintah Provinsi DKI Jakarta",
                                   "Pemerintah Provinsi Jakarta"])]
    kpk = inst[inst.name.isin(["KPK", "Komisi Pemberantasan Korupsi"])]
    assert jakarta.body_id.nunique() == 1 and kpk.body_id.nunique() == 1
