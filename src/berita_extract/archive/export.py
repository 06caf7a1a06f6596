"""Writing rows and graphs to files, the format read from the suffix."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, require

TABLE_SUFFIXES = (".parquet", ".csv", ".jsonl")
GRAPH_SUFFIXES = (".graphml", ".gexf", ".csv", ".parquet")


def _flat(value):
    """Lists and dicts as JSON text, so every table format holds them."""
    return json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (list, dict)) else value


def _chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    buf: list[dict] = []
    for row in rows:
        buf.append({k: _flat(v) for k, v in row.items()})
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def write_rows(rows: Iterable[dict], path: Path, chunk: int = 5000) -> int:
    """Write rows to .parquet (pyarrow, one row group per chunk), .csv or .jsonl; returns the count."""
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InputError(f"{path}: unknown table format {suffix or '(none)'!r}: use one of {', '.join(TABLE_SUFFIXES)}")
    n = 0
    if suffix == ".parquet":
        pa = require("pyarrow", "archive", "Parquet tables")
        import pyarrow.parquet as pq

        writer = None
        try:
            for buf in _chunks(rows, chunk):
                table = pa.Table.from_pylist(buf)
                if writer is None:
                    schema = table.schema
                    writer = pq.ParquetWriter(path, schema)
                writer.write_table(table.cast(schema) if table.schema != schema else table)
                n += len(buf)
        finally:
            if writer is not None:
                writer.close()
        if writer is None:
            pq.write_table(pa.table({}), path)
        return n
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = None
        for buf in _chunks(rows, chunk):
            if suffix == ".jsonl":
                f.writelines(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in buf)
            else:
                if writer is None:
                    writer = csv.DictWriter(f, fieldnames=list(buf[0]))
                    writer.writeheader()
                writer.writerows(buf)
            n += len(buf)
    return n


def write_graph(graph, path: Path) -> list[Path]:
    """GraphML or GEXF (Gephi) by suffix; .csv/.parquet write edges there and nodes to ``NAME.nodes.SUFFIX``."""
    nx = require("networkx", "archive", "graph export")
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(graph, path)
        return [path]
    if suffix == ".gexf":
        nx.write_gexf(graph, path)
        return [path]
    if suffix in (".csv", ".parquet"):
        nodes = path.with_name(path.stem + ".nodes" + suffix)
        # node types carry different attributes: every row gets every column
        columns = sorted({k for _, d in graph.nodes(data=True) for k in d})
        write_rows(({"id": n, **{c: d.get(c, "") for c in columns}} for n, d in graph.nodes(data=True)), nodes)
        write_rows(({"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)), path)
        return [path, nodes]
    raise InputError(f"{path}: unknown graph format {suffix or '(none)'!r}: use one of {', '.join(GRAPH_SUFFIXES)}")
