"""Cut a long text into sentence-aligned chunks (pure; offsets into the text).

>>> text = "Satu dua.\\n\\nTiga empat. Lima enam. " * 3
>>> bounds = chunk_bounds(text, 30)
>>> "".join(text[s:e] for s, e in bounds) == text and all(e - s <= 30 for s, e in bounds)
True
>>> [text[s:e][:4] for s, e in bounds][:3]
['Satu', 'Lima', 'Tiga']
"""

from __future__ import annotations

import re

# Preferred cut points, best first: a paragraph break, a line break, a sentence end, any space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"\s+"))


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, each at most ``size`` characters."""
    if size < 1:
        raise ValueError("size must be positive")
    bounds, start, n = [], 0, len(text)
    while n - start > size:
        window = text[start:start + size]
        cut = 0
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > size // 2]
            if ends:
                cut = ends[-1]
                break
        cut = cut or size  # no white space at all: a hard cut
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, n))
    return bounds
