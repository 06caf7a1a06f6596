"""A same-length cleaned view of the input, so offsets never shift.

Matchers run over the cleaned text; mentions are sliced from the original.
Cleaning only ever replaces characters one for one (never inserts or deletes),
so ``len(clean(text)) == len(text)`` always holds.

>>> clean("Rp\u00a05\u00a0juta\ufeff") == "Rp 5 juta "
True
"""

from __future__ import annotations

# Characters that only look like white space or are invisible: each becomes one space.
_SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\ufeff\u200b\u200c\u200d\u2060\r\t\x0b\x0c\u2028\u2029\x00"), " "
)


def clean(text: str) -> str:
    """Return ``text`` with invisible and odd space characters replaced by spaces."""
    out = text.translate(_SPACE_LIKE)
    assert len(out) == len(text)
    return out
