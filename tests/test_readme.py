"""Every figure and sample output of README.md is what the code gives now (scripts/readme_figures.py).

Speed figures cannot be asserted: for them only the block's form is checked. After a change
that moves a figure, run ``.venv/bin/python scripts/readme_figures.py`` and commit README.md.
"""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT, shared_path

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def figures():
    shared_path("corpus", "seed")
    return _script("readme_figures")


@pytest.mark.parametrize("name", ["seed", "accuracy", "peer"])
def test_readme_block_is_what_the_code_prints(figures, name):
    if name == "peer":
        shared_path("peer", "idner-news-2k", "test.txt")
    assert figures.blocks(README)[name] == figures.GENERATED[name](), (
        f"README.md's {name} block is stale: run .venv/bin/python scripts/readme_figures.py")


def test_speed_block_has_the_script_form(figures):
    assert figures.speed_block_ok(figures.blocks(README)["speed"]) == []


def test_replace_block_only_touches_its_block(figures):
    text = "a\n<!-- figures:x -->\nold\n<!-- /figures:x -->\nb\n<!-- figures:y -->\nkeep\n<!-- /figures:y -->\n"
    out = figures.replace_block(text, "x", "new\n")
    assert figures.blocks(out) == {"x": "new\n", "y": "keep\n"} and out.startswith("a\n") and "\nb\n" in out


def test_setup_tells_how_to_run_the_tools(monkeypatch, capsys):
    dev = _script("dev")
    monkeypatch.setattr(dev, "setup", lambda extras: None)
    monkeypatch.setattr(dev, "run", lambda *cmd: None)
    assert dev.main(["demo"]) == 0
    printed = capsys.readouterr().out
    assert "source .venv/bin/activate" in printed and ".venv/bin/berita-extract" in printed
    assert "source .venv/bin/activate" in README and ".venv/bin/berita-extract" in README


def test_newcomer_finds_every_readme_command():
    newcomer = _script("newcomer")
    commands = newcomer.readme_commands(README)
    assert commands[:2] == list(newcomer.SETUP)
    assert "berita-extract extract examples/contoh_berita.txt --pretty" in commands
    assert "python benchmarks/ner_peer.py" in commands
    assert not [c for c in commands if "FILE" in c or "INPUT" in c]


def test_readme_python_commands_name_no_missing_file():
    newcomer = _script("newcomer")
    for cmd in newcomer.readme_commands(README):
        parts = cmd.split()
        if parts[0].startswith("python") and len(parts) > 1:
            assert (ROOT / parts[1]).is_file(), cmd
