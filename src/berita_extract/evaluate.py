"""Run the pipeline over a gold folder (``ID.txt`` + ``ID.json``) and write predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator


def gold_items(gold_dir: Path) -> Iterator[dict]:
    """``{"id", "text", "published"}`` for every ``*.txt`` in ``gold_dir`` (published from its ``.json``)."""
    for txt in sorted(Path(gold_dir).glob("*.txt")):
        meta = txt.with_suffix(".json")
        published = json.loads(meta.read_text(encoding="utf-8")).get("published") if meta.exists() else None
        yield {"id": txt.stem, "text": txt.read_text(encoding="utf-8"), "published": published}


def predict_dir(gold_dir: Path) -> list[dict]:
    """Predictions (``Article.model_dump(mode="json")``) for every article in ``gold_dir``."""
    from .api import pipe

    return [a.model_dump(mode="json") for a in pipe(gold_items(gold_dir))]


def write_jsonl(records: list[dict], path: Path) -> Path:
    with Path(path).open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return Path(path)
