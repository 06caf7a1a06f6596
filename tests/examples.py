"""Load the per-component example tables in corpus/examples/<type>.yaml.

Each file is a list of cases in the spirit of Duckling's Corpus: one expected
value beside the surface forms that must give it. A case is a mapping with
``forms`` (strings, each a whole text or a text containing the form) and
``expect`` (what the component must produce for each form); a case with
``expect: null`` (or ``none: true``) lists forms that must give nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

EXAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "examples"


def cases(name: str) -> list:
    """pytest params ``(form, expect)`` for every form of every case in ``<name>.yaml``."""
    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    params = []
    for i, case in enumerate(data):
        for form in case["forms"]:
            params.append(pytest.param(form, case.get("expect"), id=f"{i}:{form[:40]}"))
    return params
