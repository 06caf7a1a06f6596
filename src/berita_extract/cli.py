"""The ``berita-extract`` command line (typer)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Structured records (officials, institutions, amounts, scores, dates, places, quotes) from Indonesian news.",
)


def _dump(article, pretty: bool) -> str:
    return article.model_dump_json(indent=2 if pretty else None)


@app.command()
def extract(
    files: List[str] = typer.Argument(..., help="Article text files (.txt), or - for standard input."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON for humans."),
    published: Optional[str] = typer.Option(None, help="Publication date (ISO) for resolving dates without a year."),
) -> None:
    """Print one JSON record per input file."""
    from .api import extract as run
    from .errors import BeritaError

    failed = 0
    for name in files:
        try:
            if name == "-":
                text, art_id = sys.stdin.read(), "stdin"
            else:
                path = Path(name)
                text, art_id = path.read_text(encoding="utf-8", errors="replace"), path.stem
            typer.echo(_dump(run(text, id=art_id, published=published), pretty))
        except (OSError, BeritaError) as err:
            failed += 1
            typer.echo(f"berita-extract: {name}: {err}", err=True)
    raise typer.Exit(1 if failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an Article record."""
    from .records import Article

    typer.echo(json.dumps(Article.model_json_schema(), indent=2, ensure_ascii=False))


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
