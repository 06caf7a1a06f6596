"""docs/rules.md is current, and every registered rule has an example that fires it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from berita_extract import extract, rules

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import rules_doc  # noqa: E402


def test_rules_doc_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_doc.render(), (
        "docs/rules.md is out of date: run python scripts/rules_doc.py")


def _fired(form: str, group: str) -> set[str]:
    article = extract(form)
    return {m.rule for rec in getattr(article, group) for m in rec.mentions}


@pytest.mark.parametrize("rule", rules.registry(), ids=lambda r: r.id)
def test_every_rule_has_a_positive_example_that_fires_it(rule):
    cases = rules_doc.examples(rule.group).get(rule.id, [])
    positive = [c for c in cases if c.get("expect") is not None]
    assert positive, f"{rule.id}: add a case with 'rule: {rule.id}' to corpus/examples/{rule.group}.yaml"
    for case in positive:
        for form in case["forms"]:
            assert rule.id in _fired(form, rule.group), (rule.id, form)


@pytest.mark.parametrize("group", ["amounts", "dates", "institutions", "officials", "places", "quotes", "scores"])
def test_examples_name_only_registered_rules(group):
    known = {r.id for r in rules.registry()}
    unknown = sorted(set(rules_doc.examples(group)) - known)
    assert not unknown, f"corpus/examples/{group}.yaml names rules that do not exist: {unknown}"
