"""Record-level parallelism: worker processes started once, with the pipeline already loaded.

``nlp.pipe(n_process=...)`` ships every ``Doc`` back to the parent, which costs
more than it saves on this stack (../shared/PERFORMANCE.md: 0.5x for the bare
tokenizer). Here workers receive batches of checked items and send back finished
records (Article JSON lines for ``run``; Article objects for ``pipe``, which
unpickle without being validated again); no ``Doc`` ever crosses a process boundary.

On Linux the parent builds the pipeline once and *forks* the workers, which
inherit it (copy-on-write: its pages are shared) and never re-import the
caller's ``__main__``, so a plain script without an ``if __name__ ==
"__main__":`` guard works. If the parent already runs other threads (forking
then is unsafe) or off Linux, workers come from a *fork server* that has built
the pipeline (it does not run ``__main__``; the workers do re-import it, so a
script needs the guard there), or are spawned (Windows); a script without the
guard then gets an error saying to add it. :func:`start_method` says which.
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
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

from .core import error_article, extract_prepared, load, prepare_item
from .errors import BeritaError, InputError
from .records import Article

T = TypeVar("T")
R = TypeVar("R")


def _exit_with_parent(caller: int) -> None:
    """Exit when the caller dies (``kill -9``): an orphaned worker would otherwise wait forever.

    A worker's parent is the caller or the fork server (which exits with the
    caller); either way the worker is then re-parented, and that is watched.
    """
    import threading
    import time

    parent = os.getppid()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # pragma: no cover - exists, owned by someone else
            return True
        return True

    def watch() -> None:
        while os.getppid() == parent and alive(caller):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="berita-parent-watch", daemon=True).start()


def _init_worker(caller: int) -> None:
    """Build the pipeline once, when the worker starts (a forked worker has it already)."""
    _exit_with_parent(caller)
    load()


_PRELOAD = "berita_extract._preload"
"""Imported by the fork server: builds the pipeline once, before any worker is forked."""


def start_method() -> str:
    """How workers start: ``fork`` on Linux while this process has one thread, else ``forkserver``/``spawn``.

    A forked worker inherits the pipeline the parent has built and never
    re-imports ``__main__``. Forking a process with other threads can copy a
    lock some thread holds, so then (and off Linux: macOS forbids fork after
    some system calls) workers come from a fork server that has built the
    pipeline, or are spawned where there is none (Windows).
    """
    methods = mp.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _context() -> tuple[str, mp.context.BaseContext]:
    if getattr(mp.current_process(), "_inheriting", False):  # a spawned child re-importing __main__
        raise BeritaError("worker processes cannot start while the script is being re-imported by a worker: "
                          "put the code that calls pipe(..., n_process=N) or run() under "
                          "'if __name__ == \"__main__\":'")
    method = start_method()
    ctx = mp.get_context(method)
    if method == "fork":
        load()  # built once here, inherited by every worker
    elif method == "forkserver":
        ctx.set_forkserver_preload([_PRELOAD])  # our package only, never the caller's __main__
    return method, ctx


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask where the OS has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return mp.cpu_count()


class WorkerPool:
    """``n_process`` worker processes with the pipeline loaded; :meth:`imap` keeps order.

    >>> with WorkerPool(1) as pool:            # doctest: +SKIP
    ...     list(pool.imap(len, [[1, 2], [3]]))
    [2, 1]
    """

    def __init__(self, n_process: int, *, max_pending: int | None = None):
        self.n_process = cpu_count() if n_process < 1 else n_process
        self.max_pending = max_pending or 2 * self.n_process + 1
        self.start_method, ctx = _context()
        self._pool = ProcessPoolExecutor(self.n_process, mp_context=ctx,
                                         initializer=_init_worker, initargs=(os.getpid(),))
        if self.start_method == "fork":
            self._pool.submit(os.getpid).result()  # fork the workers now, while no other thread runs

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


def _work(args: tuple[list, str]) -> list:
    """In a worker: ``(Article, error or None)`` per prepared item (pickled back, not re-validated)."""
    prepared, errors = args
    out = extract_prepared(load(), prepared)
    if errors == "raise":
        out = out[:next((i + 1 for i, (_, err) in enumerate(out) if err is not None), len(out))]
    return out


def pipe_parallel(items: Iterable[str | Mapping[str, Any]], *, n_process: int, batch_size: int,
                  max_chars: int | None, errors: str = "record") -> Iterator[Article]:
    """Like :func:`berita_extract.pipe`, over ``n_process`` workers (``-1``: one per CPU); order kept.

    Items are checked here, in the caller, by :func:`berita_extract.core.prepare_item`
    (so only plain, picklable data is sent); a bad item is answered here as the
    single-process ``pipe`` answers it: an error Article, or its
    :class:`~berita_extract.errors.InputError` with ``errors="raise"``.
    """
    pool = WorkerPool(n_process)  # at the call: an error (a missing main guard) shows at once
    return _results(pool, items, batch_size, max_chars, errors)


def _results(pool: "WorkerPool", items: Iterable[Any], batch_size: int, max_chars: int | None,
             errors: str) -> Iterator[Article]:
    rejected: deque[dict[int, tuple[Article, Exception]]] = deque()

    def tasks() -> Iterator[tuple[list, str]]:
        it = iter(items)
        while chunk := list(itertools.islice(it, batch_size)):
            good, bad = [], {}
            for i, item in enumerate(chunk):
                try:
                    good.append(prepare_item(item, max_chars))
                except InputError as err:
                    bad[i] = error_article(item, err), err
            rejected.append(bad)
            yield good, errors

    with pool:
        for results in pool.imap(_work, tasks()):
            bad = rejected.popleft()
            done = iter(results)
            for i in range(len(results) + len(bad)):
                art, err = bad[i] if i in bad else next(done, (None, None))
                if art is None:
                    return
                if err is not None and errors == "raise":
                    raise err
                yield art


__all__ = ["WorkerPool", "cpu_count", "pipe_parallel", "start_method"]
