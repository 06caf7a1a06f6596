"""examples/explore.ipynb runs end to end from the command line, so it never rots, and shows something."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, shared_path

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "explore.ipynb"


def test_notebook_runs_from_the_command_line(tmp_path):
    nbformat = pytest.importorskip("nbformat", reason="needs the [notebook] extra")
    pytest.importorskip("nbconvert", reason="needs the [notebook] extra")
    pytest.importorskip("matplotlib", reason="needs the [notebook] extra")
    jupyter = Path(sys.executable).with_name("jupyter")
    assert jupyter.exists(), "the [notebook] extra installs the jupyter command"
    shared_path("corpus", "archive", "news.jsonl")
    # the command the notebook's first cell gives
    res = subprocess.run([str(jupyter), "nbconvert", "--to", "notebook", "--execute", str(NOTEBOOK),
                          "--output-dir", str(tmp_path), "--output", "run.ipynb"],
                         capture_output=True, text=True, timeout=900,
                         env={**os.environ, "BERITA_SHARED": str(SHARED)})
    assert res.returncode == 0, res.stderr[-3000:]
    nb = nbformat.read(tmp_path / "run.ipynb", as_version=4)
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<mark" in h for h in html), "the Article should render with highlights"
    assert any("Rp" in h or "miliar" in h for h in html), "the largest amounts should be listed"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the chart should be drawn"
    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    shown = re.search(r"(\d+) provinces shown", printed)
    assert shown and int(shown.group(1)) >= 5, f"the chart should have bars: {printed!r}"
