"""The progress bar of ``berita-extract run``: bytes of input read out of the total, an ETA, articles done.

The total is the size of the inputs (compressed size for ``.gz``; unknown for
standard input), and the position is how far the readers have got in them, so
the ETA holds for articles of any length. The bar is drawn at once and redrawn
every second even while the pipeline is still loading, so the elapsed time moves.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path
from typing import Iterator, Sequence


def input_sizes(paths: Sequence[str], suffixes: Sequence[str]) -> list[int | None]:
    """Bytes of each input (a directory: its files with ``suffixes``; standard input: None)."""
    sizes: list[int | None] = []
    for p in paths:
        path = Path(p)
        if p == "-":
            sizes.append(None)
        elif path.is_dir():
            sizes.append(sum(f.stat().st_size for f in path.rglob("*")
                             if f.suffix.lower() in suffixes and f.is_file()))
        else:
            sizes.append(path.stat().st_size)
    return sizes


class Progress:
    """A tqdm bar over input bytes; :meth:`advance` moves it to a position and adds finished articles."""

    def __init__(self, total: int | None, articles_before: int = 0):
        from tqdm import tqdm

        self.articles = articles_before
        interval, tqdm.monitor_interval = tqdm.monitor_interval, 0  # no monitor thread: see paused()
        try:
            self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                            dynamic_ncols=True, smoothing=0.1, desc="starting", mininterval=0.25)
        finally:
            tqdm.monitor_interval = interval
        self._start_ticker()

    def _start_ticker(self) -> None:
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, args=(self._stop,), name="berita-progress", daemon=True)
        self._ticker.start()

    def _tick(self, stop: threading.Event) -> None:
        while not stop.wait(1.0):
            self.bar.refresh()

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No redraw thread inside the block: worker processes are forked only from a single-threaded process."""
        self._stop.set()
        self._ticker.join()
        try:
            yield
        finally:
            self._start_ticker()

    def advance(self, position: int | None, articles: int) -> None:
        self.articles += articles
        if self.bar.desc:
            self.bar.set_description_str("", refresh=False)
        self.bar.set_postfix_str(f"{self.articles:,} articles", refresh=False)
        if position is not None and position > self.bar.n:
            self.bar.update(position - self.bar.n)
        else:
            self.bar.refresh()

    def close(self) -> None:
        self._stop.set()
        self._ticker.join()
        self.bar.close()


__all__ = ["Progress", "input_sizes"]
