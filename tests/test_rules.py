"""The rule engine: each kind of pattern, the overlap policy, the registry and the writer."""

from __future__ import annotations

import pytest

from berita_extract import rules, spans, tokens
from berita_extract.pipeline import build


@pytest.fixture(scope="module")
def nlp():
    return build([])


def _hit(m):
    return rules.Hit(m.start, m.end, key=m.text.lower(), fields={"text": m.text})


def _rule(rid, pattern, action=_hit):
    return rules.Rule(id=rid, doc="test rule", pattern=pattern, action=action)


def _run(nlp, rule_list, text):
    doc = rules.Engine(rule_list, nlp=nlp)(nlp(text))
    return [(p["rule"], doc.text[p["start"]:p["end"]]) for p in spans.payloads(doc, "demo")]


def test_token_pattern(nlp):
    r = _rule("demo.rp", rules.Tokens([[{"LOWER": "rp"}, {"LIKE_NUM": True}]]))
    assert _run(nlp, [r], "Dana Rp 500 dan rp 20 cair.") == [("demo.rp", "Rp 500"), ("demo.rp", "rp 20")]


def test_phrase_pattern_uses_the_pipeline_tokenizer(nlp):
    r = _rule("demo.body", rules.Phrases(["dinas pendidikan", "Kab. Paser"]))
    assert _run(nlp, [r], "Kepala Dinas Pendidikan Kab. Paser hadir.") == [
        ("demo.body", "Dinas Pendidikan"), ("demo.body", "Kab. Paser")]


def test_anchored_regex_runs_only_at_flagged_tokens(nlp):
    # Unanchored, the regex would also find "Rabu 7"; anchored at month names it cannot.
    r = _rule("demo.date", rules.Regex(r"\p{L}+ \d{4}", anchor=tokens.MONTH))
    assert _run(nlp, [r], "Rabu 7 Februari 2024 dan Maret 2025.") == [
        ("demo.date", "Februari 2024"), ("demo.date", "Maret 2025")]
    free = _rule("demo.any", rules.Regex(r"\d+ \p{L}+"))
    assert _run(nlp, [free], "Rabu 7 Februari.") == [("demo.any", "7 Februari")]


def test_regex_time_limit_warns_and_keeps_the_article(nlp):
    r = _rule("demo.slow", rules.Regex(r"(a|aa)+$"))
    doc = nlp("a" * 3000 + "b")
    import berita_extract.rx as rx
    old, rx.DEFAULT_TIMEOUT = rx.DEFAULT_TIMEOUT, 0.001
    try:
        rules.Engine([r], nlp=nlp)(doc)
    finally:
        rx.DEFAULT_TIMEOUT = old
    assert any("demo.slow" in w for w in doc.user_data[rx.WARNINGS_KEY])
    assert spans.payloads(doc, "demo") == []


def test_class_sequence(nlp):
    r = _rule("demo.official", rules.Classes((tokens.TITLE, 1, 1), (tokens.CAP, 1, 3)))
    assert _run(nlp, [r], "Bupati Paser Fahmi Fadli hadir; bupati tidak.") == [
        ("demo.official", "Bupati Paser Fahmi Fadli")]


def test_action_can_reject(nlp):
    r = _rule("demo.rp", rules.Tokens([[{"LOWER": "rp"}, {"LIKE_NUM": True}]]),
              action=lambda m: _hit(m) if m.text.endswith("0") else None)
    assert _run(nlp, [r], "Rp 500 dan Rp 7.") == [("demo.rp", "Rp 500")]


def test_one_overlap_policy_longest_then_rule_order(nlp):
    short = _rule("demo.short", rules.Tokens([[{"LOWER": "rp"}, {"LIKE_NUM": True}]]))
    long = _rule("demo.long", rules.Tokens([[{"LOWER": "rp"}, {"LIKE_NUM": True}, {"LOWER": "juta"}]]))
    same = _rule("demo.same", rules.Tokens([[{"LOWER": "rp"}, {"LIKE_NUM": True}]]))
    got = _run(nlp, [short, long, same], "Rp 5 juta dan Rp 7.")
    assert got == [("demo.long", "Rp 5 juta"), ("demo.short", "Rp 7")]


def test_rule_values_are_checked():
    with pytest.raises(ValueError, match="group.name"):
        _rule("NoDot", rules.Regex("x"))
    with pytest.raises(ValueError, match="docstring"):
        rules.Rule(id="demo.x", doc=" ", pattern=rules.Regex("x"), action=_hit)
    with pytest.raises(ValueError, match="bad step"):
        rules.Classes((tokens.CAP, 2, 1))


def test_registry_refuses_a_second_rule_with_the_same_id(monkeypatch):
    monkeypatch.setattr(rules, "_REGISTRY", dict(rules._REGISTRY))  # leave the real registry alone
    a = _rule("testonly.dup", rules.Regex("x"))
    rules.register(a)
    rules.register(a)  # the same value again is harmless (a module imported twice)
    with pytest.raises(ValueError, match="two rules"):
        rules.register(_rule("testonly.dup", rules.Regex("y")))
    assert a in rules.registry("testonly")
