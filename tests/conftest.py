"""Shared fixtures: the pipeline once per session, and the ../shared folder.

Tests that read ../shared skip with a reason where it is absent (a user's
machine); with BERITA_REQUIRE_SHARED=1 (set by .ci/run) its absence fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# No example database: a failing example hypothesis finds becomes a regular test (see
# test_quotes.test_no_quote_without_a_word), never a file under .hypothesis/ that makes
# every later run in the same clone fail or differ.
settings.register_profile("berita", database=None)
settings.load_profile("berita")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BERITA_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "corpus" / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail under BERITA_REQUIRE_SHARED=1) if it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        msg = f"{path} is absent: these tests need the project's ../shared folder"
        if os.environ.get("BERITA_REQUIRE_SHARED") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def nlp():
    import berita_extract

    return berita_extract.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_path()
