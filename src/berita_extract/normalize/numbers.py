"""Indonesian numerals: "6,7" is 6.7, "1.550.000" is 1550000.

Indonesian writes ``.`` between thousands and ``,`` before decimals. A lone
``.`` followed by other than exactly three digits ("1.5") is read as a decimal
point: the common English-style misuse.
"""

from __future__ import annotations

import re

_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_decimal(text: str) -> float:
    """The value of a written number, Indonesian convention first.

    >>> parse_decimal("77,04"), parse_decimal("1.550.000"), parse_decimal("1.550.000,50")
    (77.04, 1550000.0, 1550000.5)
    >>> parse_decimal("1.5"), parse_decimal("12"), parse_decimal("0,431")
    (1.5, 12.0, 0.431)
    """
    s = text.strip()
    if not s or not any(c.isdigit() for c in s):
        raise ValueError(f"not a number: {text!r}")
    if _GROUPED.fullmatch(s):
        whole, _, frac = s.partition(",")
        return float(whole.replace(".", "") + ("." + frac if frac else ""))
    if "," in s and "." not in s:
        if s.count(",") == 1:
            return float(s.replace(",", "."))
        if _EN_GROUPED.fullmatch(s):
            return float(s.replace(",", ""))
    if "." in s and "," not in s and s.count(".") == 1:
        return float(s)
    if _EN_GROUPED.fullmatch(s):
        return float(s.replace(",", ""))
    if s.isdigit():
        return float(s)
    raise ValueError(f"not a number: {text!r}")
