"""examples/archive.ipynb runs end to end over a small run output it is given (first 200 archive articles)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SHARED, shared_path

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "archive.ipynb"


def test_archive_notebook_executes(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    for module in ("matplotlib", "ipykernel", "rapidfuzz", "datasketch", "networkx"):
        pytest.importorskip(module)
    from berita_extract import batch

    news = shared_path("corpus", "archive", "news.jsonl")
    run = tmp_path / "archive200.jsonl"
    batch.run([str(news)], str(run), limit=200, batch_size=64)
    monkeypatch.setenv("BERITA_SHARED", str(SHARED))
    monkeypatch.setenv("BERITA_ARCHIVE_RUN", str(run))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert sum("text/html" in o.get("data", {}) for o in outputs) >= 3, "the tables should render"
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2, "the series plot and the graph drawing"
