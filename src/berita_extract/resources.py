"""Read the data files under ``models/`` once, validate them, cache them.

Every data file starts with ``#`` comment lines saying where its content came
from; the rest is CSV (with a header row) or JSON Lines. Installed wheels carry
the files inside the package (``berita_extract/models``); a source checkout
reads the repository's top-level ``models/``. ``BERITA_MODELS_DIR`` overrides
both.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
from pathlib import Path

from .errors import ModelDataError

_PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def models_dir() -> Path:
    """The folder the data files are read from."""
    env = os.environ.get("BERITA_MODELS_DIR")
    candidates = [Path(env)] if env else []
    candidates += [_PACKAGE_DIR / "models", _PACKAGE_DIR.parents[1] / "models"]
    for path in candidates:
        if path.is_dir():
            return path
    raise ModelDataError(
        "berita_extract cannot find its models/ data folder (looked in "
        + ", ".join(str(p) for p in candidates)
        + "): reinstall the package, or set BERITA_MODELS_DIR to a folder built by scripts/build_models.py"
    )


def _data_lines(name: str) -> tuple[Path, list[str]]:
    path = models_dir() / name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelDataError(
            f"models/{name} is missing from {models_dir()}: rebuild it with python scripts/build_models.py"
        ) from None
    return path, [line for line in raw.splitlines() if not line.startswith("#")]


@functools.lru_cache(maxsize=None)
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of the CSV file ``models/<name>`` as dicts, comment header skipped."""
    path, lines = _data_lines(name)
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    rows = tuple(reader)
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ModelDataError(f"{path}: data row {i} has the wrong number of columns: rebuild the models")
    return rows


@functools.lru_cache(maxsize=None)
def read_jsonl(name: str) -> tuple[dict, ...]:
    """Objects of the JSON Lines file ``models/<name>``, comment header skipped."""
    path, lines = _data_lines(name)
    out = []
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise ModelDataError(f"{path}: line {i} is not valid JSON ({err.msg}): rebuild the models") from None
    return tuple(out)


def header(name: str) -> list[str]:
    """The ``#`` comment lines at the top of ``models/<name>`` (its provenance)."""
    lines = (models_dir() / name).read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line[1:].strip())
    return out
