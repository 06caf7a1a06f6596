"""Record-level parallelism: worker processes that each load the pipeline once.

``nlp.pipe(n_process=...)`` ships every ``Doc`` back to the parent, which costs
more than it saves on this stack (../shared/PERFORMANCE.md); here workers
receive chunks of plain items and return plain JSON-able dicts.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
from typing import Any, Iterable, Iterator, Mapping

from .records import Article


def _work(args: tuple[list, int | None, str]) -> list[dict]:
    from .api import pipe

    chunk, max_chars, errors = args
    return [a.model_dump(mode="json") for a in pipe(chunk, max_chars=max_chars, errors=errors)]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield [dict(x) if isinstance(x, Mapping) else x for x in chunk]


def pipe_parallel(items: Iterable[str | Mapping[str, Any]], *, n_process: int, batch_size: int,
                  max_chars: int | None, errors: str = "record") -> Iterator[Article]:
    """Like :func:`berita_extract.pipe`, over ``n_process`` workers (``-1``: one per CPU); order kept."""
    n = mp.cpu_count() if n_process < 1 else n_process
    ctx = mp.get_context("spawn")
    with ctx.Pool(n) as pool:
        jobs = ((chunk, max_chars, errors) for chunk in _chunks(items, batch_size))
        for records in pool.imap(_work, jobs):
            for rec in records:
                yield Article.model_validate(rec)
