"""Regular expressions over raw text, always with a time limit.

Every pattern that runs over article text goes through :func:`finditer`, which
uses the ``regex`` module's ``timeout`` (as Presidio does): a pathological
input cannot hang a batch. When the limit fires, the matches found so far are
kept and a warning is recorded on the doc, so the article still gets a result.
"""

from __future__ import annotations

from typing import Iterator

import regex

DEFAULT_TIMEOUT = 1.0
"""Seconds one pattern may spend on one text."""

WARNINGS_KEY = "berita_warnings"


def compile(pattern: str, flags: int = 0) -> regex.Pattern:  # noqa: A001 - mirrors regex.compile
    """Compile with the flags every berita pattern uses (VERSION1 semantics, Unicode)."""
    return regex.compile(pattern, flags | regex.V1)


def warn(doc, message: str) -> None:
    """Record a non-fatal problem on ``doc``; it ends up in ``Article.warnings``."""
    if doc is not None:
        doc.user_data.setdefault(WARNINGS_KEY, []).append(message)


def finditer(
    pattern: regex.Pattern, text: str, *, doc=None, name: str = "", timeout: float | None = None,
    pos: int = 0, endpos: int | None = None,
) -> Iterator[regex.Match]:
    """Yield matches of ``pattern`` in ``text``; stop with a warning on ``doc`` if ``timeout`` fires.

    >>> class Doc: user_data = {}
    >>> doc = Doc()
    >>> found = list(finditer(compile(r"(a|aa)+$"), "a" * 5000 + "b", doc=doc, name="demo", timeout=0.001))
    >>> found, doc.user_data[WARNINGS_KEY]
    ([], ["pattern 'demo' timed out after 0.001s; later matches skipped"])
    """
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    it = pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=timeout)
    try:
        yield from it
    except TimeoutError:
        warn(doc, f"pattern {name or pattern.pattern[:40]!r} timed out after {timeout}s; later matches skipped")


def search(pattern: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None,
           *, doc=None, name: str = "", timeout: float | None = None):
    """``pattern.search`` with a time limit; None (and a warning) when it fires."""
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    try:
        return pattern.search(text, pos, len(text) if endpos is None else endpos, timeout=timeout)
    except TimeoutError:
        warn(doc, f"pattern {name or pattern.pattern[:40]!r} timed out after {timeout}s")
        return None
