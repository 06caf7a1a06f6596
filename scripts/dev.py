#!/usr/bin/env python3
"""Set up and run on a fresh machine that has only Python.

    python3 scripts/dev.py demo    # create .venv, install, extract the bundled example article
    python3 scripts/dev.py test    # create .venv, install with test extras, run the test suite

Both create ./.venv at the repository root if it is missing and (re)install the
project into it in editable mode; extra arguments after ``test`` go to pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXTRAS = {"demo": "", "test": "[test,pandas,parquet,dask,html,notebook,archive]"}


def run(*cmd: str) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def setup(extras: str) -> None:
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-e", f"{ROOT}{extras}")


def next_steps() -> str:
    """How to run the installed tools, printed after set-up."""
    rel = BIN.relative_to(ROOT)
    activate = f"{rel / 'activate'}" if os.name != "nt" else f"{rel / 'activate.bat'}"
    return (f"berita_extract is installed in {VENV}. To use its tools, either activate it once per shell:\n"
            f"    source {activate}      # then: berita-extract --help, python benchmarks/ner_peer.py\n"
            f"or call them by path: {rel / 'berita-extract'} --help, {rel / 'python'} benchmarks/ner_peer.py")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    setup(EXTRAS[argv[0]])
    print(next_steps(), flush=True)
    if argv[0] == "demo":
        run(str(BIN / "berita-extract"), "extract", "--pretty", str(ROOT / "examples" / "contoh_berita.txt"))
        return 0
    return subprocess.run([str(BIN / "python"), "-m", "pytest", *argv[1:]], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
