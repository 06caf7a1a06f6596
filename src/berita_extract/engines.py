"""Ordered maps over batches for ``berita-extract run``: in this process, worker processes, or Dask.

:func:`open_engine` gives a function ``map(fn, tasks)`` that yields ``fn(task)``
for every task in task order, with a bounded number in flight. The Dask helpers
(:func:`connect`, :func:`ordered_map`) live here, below both
:mod:`berita_extract.batch` and :mod:`berita_extract.distributed`, so neither
imports the other for them.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator

from .errors import BatchInputError, require

Mapper = Callable[[Callable, Iterable], Iterator]


def require_dask():
    require("dask.bag", "dask", "the Dask engine")
    return require("distributed", "dask", "the Dask engine")


def connect(scheduler: str | None, n_workers: int = 1) -> tuple[Any, Callable[[], None]]:
    """A ``distributed.Client`` for ``scheduler`` (or a new local cluster of ``n_workers`` processes) and its closer."""
    distributed = require_dask()
    if scheduler:
        client = distributed.Client(scheduler)
        return client, client.close
    from .parallel import cpu_count

    cluster = distributed.LocalCluster(n_workers=cpu_count() if n_workers < 1 else n_workers,
                                       threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)

    def close() -> None:
        client.close()
        cluster.close()

    return client, close


def ordered_map(client: Any, fn: Callable, tasks: Iterable, max_pending: int | None = None) -> Iterator:
    """``fn(task)`` for every task on the cluster, yielded in task order, a bounded number in flight."""
    if max_pending is None:
        threads = sum(client.nthreads().values()) or 1
        max_pending = 2 * threads + 2
    pending: deque = deque()
    for task in tasks:
        pending.append(client.submit(fn, task, pure=False))
        if len(pending) >= max_pending:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _local_map(fn: Callable, tasks: Iterable) -> Iterator:
    return (fn(t) for t in tasks)


class open_engine:
    """Context manager giving an ordered map over batches for ``engine`` (``local`` or ``dask``)."""

    def __init__(self, engine: str, n_process: int, scheduler: str | None):
        if engine not in ("local", "dask"):
            raise BatchInputError(f"engine must be 'local' or 'dask', not {engine!r}")
        self.engine, self.n_process, self.scheduler = engine, n_process, scheduler
        self._close: Callable[[], None] = lambda: None

    def __enter__(self) -> Mapper:
        if self.engine == "dask":
            client, self._close = connect(self.scheduler, self.n_process)
            return lambda fn, tasks: ordered_map(client, fn, tasks)
        if self.n_process == 1:
            return _local_map
        from .parallel import WorkerPool

        pool = WorkerPool(self.n_process)
        self._close = pool.close
        return pool.imap

    def __exit__(self, *exc: Any) -> None:
        self._close()


__all__ = ["Mapper", "connect", "require_dask", "open_engine", "ordered_map"]
