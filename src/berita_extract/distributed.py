"""The same extraction on a Dask cluster (optional extra ``berita-extract[dask]``).

Three ways in:

* :func:`extract_bag`: a ``dask.bag.Bag`` of articles (strings or dicts with
  ``text``, ``id``, ``title``, ``published``; other keys become ``metadata``)
  to a Bag of Article dicts (``Article.model_validate`` reads them back);
* :func:`extract_shards`: JSONL shards in, one output file per shard
  (``.jsonl``, ``.jsonl.gz`` or ``.parquet``), each written by a worker exactly as
  ``berita-extract run SHARD -o OUT`` would write it: same bytes, error records,
  atomic rename, ``resume``;
* ``berita-extract run ... --engine dask --scheduler ADDRESS``: the client reads
  the inputs and writes the output (with resume and the summary), workers
  extract batches.

Each worker process builds the pipeline once (``berita_extract.load()`` is
cached per process) and keeps it for every later task. Worker processes
import ``berita_extract``: install the package on every worker. Paths given to
:func:`extract_shards` are opened by the workers, so they must be on a file
system every worker sees.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Sequence

from .batch import FieldNames, item_from_mapping, process_items, run
from .engines import require_dask, connect, ordered_map
from .errors import BatchInputError


def _bag_items(part: Iterable[Any], fields: Any) -> list[dict]:
    items = []
    for rec in part:
        item = item_from_mapping({fields.text: rec} if isinstance(rec, str) else rec, "", None, fields)
        item["source"] = None
        items.append(item)
    return items


def _extract_partition(part: Iterable[Any], fields: Any, max_chars: int | None) -> list[dict]:
    return [json.loads(line) for line, _ in process_items(_bag_items(part, fields), max_chars)]


def extract_bag(bag: Any, *, fields: Any = None, max_chars: int | None = None) -> Any:
    """A Bag of Article dicts (JSON-able), one per element of ``bag``, partitions and order kept.

    A bad element (no text, not a string) becomes an error record, as in a batch run.

    >>> import dask.bag as db                                          # doctest: +SKIP
    >>> arts = extract_bag(db.read_text("news-*.jsonl").map(json.loads))  # doctest: +SKIP
    >>> arts.map(json.dumps).to_textfiles("out/part-*.jsonl")           # doctest: +SKIP
    """
    require_dask()
    return bag.map_partitions(_extract_partition, fields or FieldNames(), max_chars)


def _run_shard(inp: str, out: str, options: dict) -> dict:
    summary = run([inp], out, n_process=1, progress=False, **options)
    return {"input": inp, "output": out, **summary.counts()}


def extract_shards(inputs: Sequence[str], outputs: Sequence[str], client: Any = None, *, resume: bool = False,
                   **options: Any) -> list[dict]:
    """Extract each input shard into the matching output file on the cluster; the counts of each shard.

    ``options`` are those of :func:`berita_extract.batch.run` (``fields``,
    ``batch_size``, ``shard_size``, ``max_chars``, ``duplicates``, ``limit``);
    duplicate ids are checked within a shard. Without ``client`` a local
    cluster is started (one worker per CPU) and closed at the end.
    """
    if len(inputs) != len(outputs):
        raise BatchInputError(f"extract_shards needs one output per input: got {len(inputs)} inputs and "
                              f"{len(outputs)} outputs")
    if len(set(map(str, outputs))) != len(outputs):
        raise BatchInputError("extract_shards: two inputs share one output name")
    close: Callable[[], None] = lambda: None
    if client is None:
        client, close = connect(None, 0)
    try:
        opts = dict(options, resume=resume)
        futures = client.map(_run_shard, list(map(str, inputs)), list(map(str, outputs)),
                             [opts] * len(inputs), pure=False)
        return client.gather(futures)
    finally:
        close()


__all__ = ["connect", "extract_bag", "extract_shards", "ordered_map"]
