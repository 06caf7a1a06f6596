"""Archive commands of ``berita-extract`` (``people``, ``bodies``, ``table``, ``graph``), kept apart from cli.py.

``register(app)`` adds them to the main typer app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import BeritaError

_RUN = typer.Argument(..., help="A run's output: .jsonl, .jsonl.gz, .parquet or a shard folder.")
_PROGRESS = typer.Option(None, "--progress/--no-progress", help="Progress on stderr (default: when stderr is a terminal).")


def _log(msg: str) -> None:
    typer.echo(f"berita-extract: {msg}", err=True)


def _open(run_output: str, progress: Optional[bool]):
    from . import Archive

    show = sys.stderr.isatty() if progress is None else progress
    return Archive.open(run_output, progress=(lambda n: _log(f"{n} articles read")) if show else None)


def _fail(err: BeritaError) -> None:
    _log(str(err))
    raise typer.Exit(2)


def _table(name: str, run_output: str, output: Path, progress: Optional[bool]) -> None:
    try:
        n = _open(run_output, progress).write_table(name, output)
    except BeritaError as err:
        _fail(err)
    _log(f"wrote {n} {name} rows to {output}")


def engine_option() -> str:
    return typer.Option("local", "--engine", help="local (this process, streaming). dask is not available for "
                        "the archive tables yet.")


def _check_engine(engine: str) -> None:
    if engine != "local":
        _log(f"--engine {engine}: the archive tables are built by the local engine only (streaming, flat memory); "
             "use --engine local")
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add the archive commands to ``app``."""

    @app.command()
    def people(run_output: str = _RUN,
               output: Path = typer.Option(..., "-o", "--output", help="people.parquet, .csv or .jsonl"),
               engine: str = engine_option(), progress: Optional[bool] = _PROGRESS) -> None:
        """One row per person across the run (person_id, name, variants, titles over time, regions, ...)."""
        _check_engine(engine)
        _table("people", run_output, output, progress)

    @app.command()
    def bodies(run_output: str = _RUN,
               output: Path = typer.Option(..., "-o", "--output", help="bodies.parquet, .csv or .jsonl"),
               engine: str = engine_option(), progress: Optional[bool] = _PROGRESS) -> None:
        """One row per institution across the run (body_id, name, acronym, full name, region, ...)."""
        _check_engine(engine)
        _table("bodies", run_output, output, progress)

    @app.command()
    def table(name: str = typer.Argument(..., help="money, scores, people, bodies, or a record type "
                                         "(officials, institutions, amounts, ...)"),
              run_output: str = _RUN,
              output: Path = typer.Option(..., "-o", "--output", help="NAME.parquet, .csv or .jsonl"),
              engine: str = engine_option(), progress: Optional[bool] = _PROGRESS) -> None:
        """Any archive table, with entity keys, published date, outlet and duplicate flag."""
        _check_engine(engine)
        _table(name, run_output, output, progress)

    @app.command()
    def graph(run_output: str = _RUN,
              output: Path = typer.Option(..., "-o", "--output", help="graph.graphml, .gexf (Gephi), or "
                                          "edges.csv / edges.parquet (nodes beside it as NAME.nodes.SUFFIX)"),
              progress: Optional[bool] = _PROGRESS) -> None:
        """The network of people, bodies and places; the format is read from the suffix."""
        from .export import write_graph

        try:
            g = _open(run_output, progress).graph()
            paths = write_graph(g, output)
        except BeritaError as err:
            _fail(err)
        _log(f"wrote {g.number_of_nodes()} nodes and {g.number_of_edges()} edges to {', '.join(map(str, paths))}")
