"""Reading a run's output one article at a time (JSONL, JSONL.gz, Parquet, shard folders)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..errors import InputError


def check_output(path: str | os.PathLike) -> Path:
    """The path of a run output, or an :class:`InputError` saying what is expected."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such run output: pass what `berita-extract run ... -o OUTPUT` wrote "
                         "(.jsonl, .jsonl.gz, .parquet or a shard folder)")
    if p.is_dir() and not any(p.glob("part-*")):
        raise InputError(f"{p}: folder without part-* shards: pass a run's shard folder or output file")
    return p


def iter_articles(path: str | os.PathLike) -> Iterator[dict]:
    """Article dicts of a run output in order; error records are skipped (they hold no records)."""
    from ..batch import read_output

    p = check_output(path)
    try:
        for art in read_output(p):
            if not art.get("error"):
                yield art
    except (ValueError, KeyError) as err:
        raise InputError(f"{p}: not a berita-extract run output ({err}): pass the output of `berita-extract run`") \
            from err


def outlet(article: dict) -> str | None:
    """The outlet an article came from (its input's ``source`` field), if given."""
    meta = article.get("metadata") or {}
    return meta.get("source") or meta.get("outlet")
