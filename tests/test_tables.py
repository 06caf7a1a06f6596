"""to_frames: one DataFrame per record type, a row per record, with the article id."""

from __future__ import annotations

import pytest

from berita_extract.records import RECORD_TYPES, Amount, Article, Mention
from berita_extract.tables import records, to_frames


def _amount(value: int, recipient: str | None, start: int) -> Amount:
    text = f"Rp {value}"
    return Amount(value=value, text=text, recipient=recipient,
                  mentions=[Mention(text=text, start=start, end=start + len(text), rule="amounts.t")])


ARTICLES = [
    Article(id="a", amounts=[_amount(5, "Polres Paser", 0), _amount(7, "Kodim 0904/PSR", 20)]),
    Article(id="b", amounts=[_amount(11, "Polres Paser", 3)]),
    Article(id="c"),
]


def test_rows_carry_article_id_and_fields_without_pandas():
    rows = records(ARTICLES, "amounts")
    assert [(r["article_id"], r["value"], r["recipient"]) for r in rows] == [
        ("a", 5, "Polres Paser"), ("a", 7, "Kodim 0904/PSR"), ("b", 11, "Polres Paser")]
    assert rows[1]["first_start"] == 20 and rows[1]["rules"] == "amounts.t"
    with pytest.raises(KeyError, match="unknown record type"):
        records(ARTICLES, "amount")


def test_frames_answer_totals_per_recipient_in_one_groupby():
    pd = pytest.importorskip("pandas")
    frames = to_frames(ARTICLES + [ARTICLES[0].model_dump(mode="json")])
    assert set(frames) == set(RECORD_TYPES)
    assert isinstance(frames["officials"], pd.DataFrame) and frames["officials"].empty
    assert "region_code" in frames["officials"].columns
    totals = frames["amounts"].groupby("recipient")["value"].sum().to_dict()
    assert totals == {"Polres Paser": 5 + 11 + 5, "Kodim 0904/PSR": 7 + 7}


def test_frames_carry_link_fields_and_the_articles_date_source_and_metadata():
    pytest.importorskip("pandas")
    import datetime as dt

    from berita_extract.records import Score, Source

    art = Article(id="d", published=dt.date(2025, 10, 2), source=Source(file="news.jsonl", line=4),
                  metadata={"url": "http://x"},
                  amounts=[_amount(9, "Desa Sukamaju", 0).model_copy(update={"payer": "APBD", "role": "grant"})],
                  scores=[Score(index="inflasi", value=2.1, region="Kaltim", period="2025-09", indicator="inflation")])
    frames = to_frames([art, ARTICLES[2]])
    row = frames["amounts"].iloc[0]
    assert (row["published"], row["source"], row["payer"], row["role"]) == (
        dt.date(2025, 10, 2), "news.jsonl:4", "APBD", "grant")
    assert '"url": "http://x"' in row["metadata"]
    for column in ("recipient_type", "recipient_key", "payer_type", "converted_from"):
        assert column in frames["amounts"].columns
    s = frames["scores"].iloc[0]
    assert (s["period"], s["indicator"], s["area"]) == ("2025-09", "inflation", None)
