"""Record-level parallelism: worker processes that each load the pipeline once.

``nlp.pipe(n_process=...)`` ships every ``Doc`` back to the parent, which costs
more than it saves on this stack (../shared/PERFORMANCE.md: 0.5x for the bare
tokenizer). Here workers receive batches of plain items and return Article
JSON text; no ``Doc`` ever crosses a process boundary.

Workers are *spawned* (fork would copy a half-initialised parent and is unsafe
with threads), so they re-import the caller's ``__main__``: scripts that call
``pipe(..., n_process=2)`` need the usual ``if __name__ == "__main__":`` guard.
Results come back in input order whatever order the workers finish in, and at
most a few batches per worker are in flight, so memory stays flat on an
archive of any size. A worker that dies (killed, out of memory) makes the run
fail with ``BrokenProcessPool`` instead of hanging, and workers exit when
their parent is killed.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

from .records import Article

T = TypeVar("T")
R = TypeVar("R")


def _exit_with_parent(parent: int) -> None:
    """Exit when the parent dies (``kill -9``): an orphaned worker would otherwise wait forever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="berita-parent-watch", daemon=True).start()


def _init_worker(parent: int) -> None:
    """Build the pipeline once, when the worker starts, not inside the first task."""
    from .api import load

    _exit_with_parent(parent)
    load()


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return mp.cpu_count()


class WorkerPool:
    """``n_process`` spawned workers with the pipeline loaded; :meth:`imap` keeps order.

    >>> with WorkerPool(1) as pool:            # doctest: +SKIP
    ...     list(pool.imap(len, [[1, 2], [3]]))
    [2, 1]
    """

    def __init__(self, n_process: int, *, max_pending: int | None = None):
        self.n_process = cpu_count() if n_process < 1 else n_process
        self.max_pending = max_pending or 2 * self.n_process + 1
        self._pool = ProcessPoolExecutor(self.n_process, mp_context=mp.get_context("spawn"),
                                         initializer=_init_worker, initargs=(os.getpid(),))

    def imap(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        """``fn(task)`` for every task, run in the workers, yielded in task order."""
        pending: deque[Future] = deque()
        for task in tasks:
            pending.append(self._pool.submit(fn, task))
            if len(pending) >= self.max_pending:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


_KEYS = ("text", "id", "title", "published")


def _plain(item: Any) -> Any:
    """What a worker needs of a valid item, picklable (a Mapping's other keys are not sent)."""
    if isinstance(item, Mapping):
        return {k: item[k] for k in _KEYS if k in item}
    return item


def _work(args: tuple[list, int | None, str]) -> list[str]:
    from .api import pipe

    chunk, max_chars, errors = args
    return [a.model_dump_json() for a in pipe(chunk, max_chars=max_chars, errors=errors)]


def pipe_parallel(items: Iterable[str | Mapping[str, Any]], *, n_process: int, batch_size: int,
                  max_chars: int | None, errors: str = "record") -> Iterator[Article]:
    """Like :func:`berita_extract.pipe`, over ``n_process`` workers (``-1``: one per CPU); order kept.

    An item that is not an article (no text, not a string) is answered here, in
    the caller, as the single-process ``pipe`` does: an error record, or the
    :class:`~berita_extract.errors.InputError` with ``errors="raise"``.
    """
    from .api import error_article, item_fields
    from .errors import BeritaError

    rejected: deque[dict[int, Article]] = deque()

    def tasks() -> Iterator[tuple[list, int | None, str]]:
        it = iter(items)
        while chunk := list(itertools.islice(it, batch_size)):
            plain, bad = [], {}
            for i, item in enumerate(chunk):
                try:
                    item_fields(item)
                except BeritaError as err:
                    if errors == "raise":
                        raise
                    bad[i] = error_article(item, err)
                    continue
                plain.append(_plain(item))
            rejected.append(bad)
            yield plain, max_chars, errors

    with WorkerPool(n_process) as pool:
        for lines in pool.imap(_work, tasks()):
            bad = rejected.popleft()
            done = iter(lines)
            for i in range(len(lines) + len(bad)):
                yield bad[i] if i in bad else Article.model_validate_json(next(done))


__all__ = ["WorkerPool", "cpu_count", "pipe_parallel"]
