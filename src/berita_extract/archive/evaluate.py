"""Pairwise precision and recall of the linkage against a gold file of identities.

A gold file (``corpus/identities/*.csv``) lists records by article id and record name with a
label; two records are one entity exactly when their labels are equal. Every pair of gold
records is scored: predicted same entity vs gold same entity.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Callable

from ..errors import InputError


def read_gold(path: str | Path) -> list[tuple[str, str, str]]:
    """(article_id, record name, label) rows of a gold identities file."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    if rows and set(rows[0]) != {"article_id", "record", "entity"}:
        raise InputError(f"{path}: a gold identities file has the columns article_id, record, entity")
    return [(r["article_id"], r["record"], r["entity"]) for r in rows]


@dataclass
class PairScore:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    records: int
    missing: int

    def __str__(self) -> str:
        return (f"P {self.precision:.3f}  R {self.recall:.3f}  ({self.correct_pairs} of {self.predicted_pairs} "
                f"predicted pairs, {self.true_pairs} gold pairs, {self.records} records, {self.missing} not found)")


def pairwise(gold: list[tuple[str, str, str]], predict: Callable[[str, str], str | None]) -> PairScore:
    """Score predicted ids (``predict(article_id, name)``) against gold labels, pair by pair."""
    items = []
    missing = 0
    for aid, name, label in gold:
        pid = predict(aid, name)
        if pid is None:
            missing += 1
            pid = f"missing:{aid}:{name}"  # a record the run did not find is its own entity
        items.append((label, pid))
    tp = fp = fn = 0
    for (la, pa), (lb, pb) in combinations(items, 2):
        same_gold, same_pred = la == lb, pa == pb
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return PairScore(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0,
                     tp + fn, tp + fp, tp, len(items), missing)


def score_archive(archive, gold_dir: str | Path) -> dict[str, PairScore]:
    """Pairwise scores of an archive's people (officials.csv) and bodies (bodies.csv)."""
    archive.link()
    wanted: dict[str, set] = {"officials": set(), "institutions": set()}
    golds = {"officials": read_gold(Path(gold_dir) / "officials.csv"),
             "institutions": read_gold(Path(gold_dir) / "bodies.csv")}
    for kind, rows in golds.items():
        wanted[kind] = {aid for aid, _, _ in rows}
    found: dict[tuple[str, str, str], str] = {}
    for art in archive.articles():
        aid = art.get("id")
        for kind, getter in (("officials", archive.person_linker.person_id),
                             ("institutions", archive.body_linker.body_id)):
            if aid in wanted[kind]:
                for rec in art.get(kind) or ():
                    found.setdefault((kind, aid, rec["name"]), getter(rec))
    return {kind: pairwise(rows, lambda a, n, k=kind: found.get((k, a, n)))
            for kind, rows in golds.items()}
