"""Helpers shared by the builders: headers and CSV writing."""

from __future__ import annotations

import csv
import io


def header(*lines: str) -> str:
    """``#`` comment lines saying where a file's content comes from."""
    return "".join(f"# {line}\n" if line else "#\n" for line in lines)


def csv_text(fieldnames: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def read_csv(path) -> list[dict]:
    """Rows of a CSV file, skipping ``#`` comment lines."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines))
