"""Test support for quotes: put a gold article's officials into ``doc.spans["officials"]``.

The officials component is built elsewhere; to test speaker linking on its own, these helpers
add official payloads the way that component will (every occurrence of the name and of each
alias, with the record's fields), so the quotes component can be run right after.
"""

from __future__ import annotations

import regex

from berita_extract import spans


def add_official(doc, name: str, aliases=(), title: str | None = None, region: str | None = None) -> None:
    """Add a mention payload for every whole-word occurrence of ``name`` and its ``aliases``."""
    fields = {"name": name, "aliases": list(aliases), "title": title, "region": region}
    taken: list[tuple[int, int]] = []
    for form in sorted({name, *aliases}, key=len, reverse=True):
        pattern = regex.compile(rf"(?<!\w){regex.escape(form)}(?!\w)")
        for m in pattern.finditer(doc.text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            spans.add(doc, "officials", m.start(), m.end(), rule="test.official", key=f"official|{name}",
                      fields=fields, primary=form == name)


def add_gold_officials(doc, gold: dict) -> None:
    """Add every official of a gold article (``../shared/corpus/*/ID.json``) to ``doc``."""
    for off in gold.get("officials", []):
        add_official(doc, off["name"], off.get("aliases") or [], off.get("title"), off.get("region"))
