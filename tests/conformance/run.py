#!/usr/bin/env python3
"""Run the peers' conformance cases (tests/conformance/*.yaml) and print the rates.

    python tests/conformance/run.py [--show-errors]

Levels: ``numbers.yaml`` through :func:`berita_extract.normalize.money.parse_number`;
``money.yaml`` and ``dates.yaml`` through the amounts and dates components; and,
derived from every in-scope number written in words, the three span forms
``Rp <words>``, ``<words> rupiah`` and ``<digits> (<words> rupiah)``.
A case is right when an in-scope text gives exactly its value, and when an
out-of-scope text gives nothing or its value (never another one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple

import yaml

HERE = Path(__file__).resolve().parent
BASE = dt.date(2024, 2, 6)
"""The publication date the date cases are read against (a Tuesday)."""


class Result(NamedTuple):
    level: str
    text: str
    scope: str
    ok: bool
    want: object
    got: object
    source: str


def load(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def whole(value) -> int:
    """Whole units, rounded half up, as a sum of money is reported."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@functools.lru_cache(maxsize=1)
def _nlp():
    from berita_extract import pipeline

    return pipeline.build(["amounts", "dates"])


def amounts(text: str) -> list[tuple[Decimal, str]]:
    """``(value, currency)`` of every amount the amounts component finds in ``text``.

    Values are compared as decimals: rupiah sums are whole numbers, foreign sums exact
    decimal strings (``ForeignAmount.value``).
    """
    from berita_extract import spans

    nlp = _nlp()
    doc = nlp.get_pipe("berita_amounts")(nlp.make_doc(text))
    return [(Decimal(str(p["fields"]["value"])), p["fields"]["currency"]) for p in spans.payloads(doc, "amounts")]


def dates(text: str, base: dt.date = BASE) -> list[tuple[str, bool]]:
    """``(value, relative)`` of every date the dates component finds in ``text`` published on ``base``."""
    from berita_extract import spans
    from berita_extract.assemble import PUBLISHED_KEY

    nlp = _nlp()
    doc = nlp.make_doc(text)
    doc.user_data[PUBLISHED_KEY] = base
    doc = nlp.get_pipe("berita_dates")(doc)
    return [(p["fields"]["value"], p["fields"]["relative"]) for p in spans.payloads(doc, "dates")]


def number(text: str):
    from berita_extract.normalize.money import parse_number

    try:
        return parse_number(text)
    except ValueError:
        return None


def _judge(scope: str, want, got: list) -> bool:
    if scope == "in":
        return len(set(got)) == 1 and got[0] == want
    return all(g == want for g in got)


def spelled_forms(rows: list[dict]) -> list[tuple[str, int, str]]:
    """Span forms of every in-scope whole number written in words (the issue's three forms)."""
    out = []
    for row in rows:
        text, value = row["text"], row["value"]
        if row["scope"] != "in" or not all(w.isalpha() for w in text.split()) or value != int(value):
            continue
        digits = f"{int(value):,}".replace(",", ".")
        for form in (f"Rp {text}", f"{text} rupiah", f"Rp {digits} ({text} rupiah)"):
            out.append((form, int(value), row["source"]))
    return out


def run() -> list[Result]:
    results = []
    numbers = load("numbers.yaml")
    for row in numbers:
        got = number(row["text"])
        want = row["value"]
        ok = (got is not None and want is not None and abs(got - want) < 1e-9) if row["scope"] == "in" \
            else (got is None or (want is not None and abs(got - want) < 1e-9))
        results.append(Result("numbers", row["text"], row["scope"], ok, want, got, row["source"]))
    for row in load("money.yaml"):
        want = None if row["value"] is None else (
            whole(row["value"]) if row["currency"] == "IDR" else Decimal(str(row["value"])), row["currency"])
        got = amounts(row["text"])
        results.append(Result("money", row["text"], row["scope"], _judge(row["scope"], want, got), want, got, row["source"]))
    for form, value, source in spelled_forms(numbers):
        got = amounts(form)
        results.append(Result("spelled", form, "in", _judge("in", (value, "IDR"), got), (value, "IDR"), got, source))
    for row in load("dates.yaml"):
        want = None if row["value"] is None else (row["value"], row.get("relative", False))
        got = dates(row["text"])
        results.append(Result("dates", row["text"], row["scope"], _judge(row["scope"], want, got), want, got, row["source"]))
    return results


def summary(results: list[Result]) -> dict:
    out = {}
    for level in sorted({r.level for r in results}) + ["all"]:
        rs = [r for r in results if level in ("all", r.level)]
        inside = [r for r in rs if r.scope == "in"]
        outside = [r for r in rs if r.scope == "out"]
        out[level] = {
            "in_scope": len(inside), "right": sum(r.ok for r in inside),
            "rate": round(sum(r.ok for r in inside) / len(inside), 3) if inside else None,
            "out_of_scope": len(outside), "wrong_out_of_scope": sum(not r.ok for r in outside),
        }
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args(argv)
    results = run()
    for level, s in summary(results).items():
        print(f"{level:8} in scope {s['right']}/{s['in_scope']} = {s['rate']}   "
              f"out of scope: {s['wrong_out_of_scope']} wrong of {s['out_of_scope']}")
    if args.show_errors:
        for r in results:
            if not r.ok:
                print(f"  [{r.level}/{r.scope}] {r.text!r}: want {r.want}, got {r.got}  ({r.source})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1] / "src"))
    sys.exit(main())
