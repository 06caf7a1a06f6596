"""A same-length cleaned view of the input, so offsets never shift.

Matchers run over the cleaned text; mentions are sliced from the original.
Cleaning only ever replaces characters one for one (never inserts or deletes),
so ``len(clean(text)) == len(text)`` always holds:

- a lone surrogate becomes U+FFFD;
- invisible and odd space characters (NBSP, BOM, zero-width, CR, NUL) become spaces;
- HTML tags left in scraped text become spaces, and an HTML entity becomes its
  character followed by spaces (``&amp;`` -> ``&    ``);
- a run of more than :data:`MAX_TOKEN` characters without white space (binary
  junk, a wall of quote marks) gets a space every :data:`MAX_TOKEN` characters,
  since the tokenizer's cost grows with the square of a token's length;
- whole lines of page furniture (``SCROLL TO CONTINUE WITH CONTENT``,
  ``Baca juga: ...``, ``[video.1]``), listed as data in ``models/boilerplate.csv``,
  become spaces, so they produce no records.

>>> clean("Rp\\u00a05\\u00a0juta\\ufeff") == "Rp 5 juta "
True
>>> cleaned = clean("Dana &amp; <b>hibah</b>")
>>> len(cleaned), cleaned.split()
(23, ['Dana', '&', 'hibah'])
>>> clean("Dana hibah.\\nBaca juga: Bupati Paser dilantik\\nSelesai.")
'Dana hibah.\\n                               \\nSelesai.'
"""

from __future__ import annotations

import functools
import html

from . import rx
from .resources import read_table

# Characters that only look like white space or are invisible: each becomes one space.
_SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\ufeff\u200b\u200c\u200d\u2060\r\t\x0b\x0c\u2028\u2029\x00"), " "
)
_TAG = rx.compile(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>]{0,500})?/?>")
_ENTITY = rx.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@functools.lru_cache(maxsize=1)
def _furniture():
    patterns = [row["pattern"] for row in read_table("boilerplate.csv")]
    return rx.compile(r"(?im)^[ \t]*(?:" + "|".join(f"(?:{p})" for p in patterns) + r")[ \t]*$")


MAX_TOKEN = 200
"""Longest run of non-space characters the tokenizer is given."""
_LONG_RUN = rx.compile(r"\S{%d,}" % (MAX_TOKEN + 1))
_SURROGATE = rx.compile(r"[\ud800-\udfff]")


def sanitize(text: str) -> tuple[str, list[str]]:
    """The text to extract from (the caller's string, unchanged) and a warning for lone surrogates.

    Lone surrogates (which no UTF-8 output can carry) are replaced by U+FFFD in
    the cleaned view (:func:`clean`), one for one, so matchers never see them;
    offsets and mention texts stay those of the caller's string
    (``text[start:end] == mention.text`` always). In JSON output a lone
    surrogate in a mention text is written as U+FFFD (see ``records.Mention``).

    >>> sanitize("Rp 5 juta")
    ('Rp 5 juta', [])
    >>> text, notes = sanitize("a" + chr(0xD800) + "b")
    >>> text == "a" + chr(0xD800) + "b", notes
    (True, ['1 lone surrogate character(s) read as U+FFFD; JSON output writes them as U+FFFD'])
    """
    if text.isascii():
        return text, []
    found = _SURROGATE.findall(text)
    if not found:
        return text, []
    return text, [f"{len(found)} lone surrogate character(s) read as U+FFFD; JSON output writes them as U+FFFD"]


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length).

    >>> replace_surrogates("a" + chr(0xDC80) + "b")
    'a\ufffdb'
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _blank(text: str, spans) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for start, end, keep in spans:
        parts.append(text[pos:start])
        parts.append(keep + " " * (end - start - len(keep)))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def clean(text: str, doc=None) -> str:
    """Return the same-length cleaned view of ``text`` (``doc`` receives timeout warnings)."""
    out = replace_surrogates(text).translate(_SPACE_LIKE)
    if "<" in out:
        out = _blank(out, [(m.start(), m.end(), "") for m in rx.finditer(_TAG, out, doc=doc, name="clean.tag")])
    if "&" in out:
        spans = []
        for m in rx.finditer(_ENTITY, out, doc=doc, name="clean.entity"):
            char = html.unescape(m.group())
            spans.append((m.start(), m.end(), char if len(char) == 1 and char.isprintable() else " "))
        out = _blank(out, spans)
    out = _blank(out, [(m.start(), m.end(), "") for m in rx.finditer(_furniture(), out, doc=doc, name="clean.furniture")])
    breaks = [(i, i + 1, " ") for m in rx.finditer(_LONG_RUN, out, doc=doc, name="clean.long_run")
              for i in range(m.start() + MAX_TOKEN, m.end(), MAX_TOKEN)]
    out = _blank(out, breaks)
    assert len(out) == len(text)
    return out
