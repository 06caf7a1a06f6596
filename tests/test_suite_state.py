"""The test suite leaves no state behind that changes the next run in the same clone."""

from __future__ import annotations

from hypothesis import settings


def test_hypothesis_keeps_no_example_database():
    # conftest loads a profile without a database; settings written on a test inherit it
    assert settings.default.database is None
    assert settings(max_examples=5, deadline=None).database is None
