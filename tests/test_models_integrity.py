"""Every built file under models/ equals what scripts/build_models.py builds now from ../shared.

Like dateparser's data-integrity test: data files are derived, never hand-edited, and a change to a
builder or a source that is not followed by a rebuild fails here.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, shared_path


def _build_models_module():
    spec = importlib.util.spec_from_file_location("build_models", ROOT / "scripts" / "build_models.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_models", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built() -> dict[str, str]:
    shared = shared_path("gazetteer").parent
    return _build_models_module().build_all(shared)


def test_builders_write_something(built):
    assert built, "no builder in scripts/builders produced a file"


def test_every_built_file_is_committed_unchanged(built):
    stale = [name for name, content in sorted(built.items())
             if not (ROOT / "models" / name).exists()
             or (ROOT / "models" / name).read_text(encoding="utf-8") != content]
    assert not stale, f"models/ out of date: {stale}: run python scripts/build_models.py and commit"


def test_every_built_file_has_a_provenance_header(built):
    for name, content in built.items():
        if name.endswith((".csv", ".jsonl", ".txt")):
            assert content.startswith("#"), f"models/{name} lacks its '#' provenance header"
