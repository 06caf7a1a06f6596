"""The archive as research data: one person, one body across a run's articles.

Works on records only (a run's JSON output), never on spaCy objects::

    from berita_extract import Archive
    arc = Archive.open("records.jsonl.gz")
    arc.people()                 # person_id, name, variants, titles with first/last date, ...
    arc.bodies(); arc.money(); arc.scores(); arc.records("officials")
    arc.graph()                  # networkx graph; write_graph(graph, Path("g.gexf"))

Needs the extra ``archive`` (rapidfuzz, datasketch, networkx, pandas, pyarrow); importing
this package does not, so the command line loads without it.
"""

_LAZY = {"Archive": "core", "TABLES": "core", "write_graph": "export", "write_rows": "export"}

__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
