"""examples/explore.ipynb runs end to end, so it never rots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import SHARED, shared_path

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "explore.ipynb"


def test_notebook_executes(monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    pytest.importorskip("ipykernel")
    shared_path("corpus", "archive", "news.jsonl")
    monkeypatch.setenv("BERITA_SHARED", str(SHARED))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o for o in outputs if "text/html" in o.get("data", {})]
    assert html, "the Article and the tables should render as HTML"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the bar chart should be drawn"
