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
def run(
    inputs: List[str] = typer.Argument(..., help="JSONL(.gz), CSV, .txt or .html files, directories of .txt "
                                       "files, or - for JSONL on standard input."),
    output: str = typer.Option(..., "-o", "--output", help="out.jsonl, out.jsonl.gz, out.parquet, or a "
                               "directory (no suffix) for numbered shards."),
    n_process: int = typer.Option(1, "--n-process", "-n", help="Worker processes (-1: one per CPU)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Articles per batch sent to a worker."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same output."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first K input records."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first record that fails."),
    shard_size: int = typer.Option(1000, "--shard-size", help="Records per shard and per checkpoint."),
    shard_format: Optional[str] = typer.Option(None, "--shard-format", help="jsonl, jsonl.gz or parquet "
                                               "(directory outputs; default jsonl)."),
    id_field: str = typer.Option("id", "--id-field", help="Input field holding the article id."),
    text_field: str = typer.Option("text", "--text-field", help="Input field holding the article text."),
    title_field: str = typer.Option("title", "--title-field", help="Input field holding the title."),
    published_field: str = typer.Option("published", "--published-field",
                                        help="Input field holding the publication date (ISO)."),
    duplicates: str = typer.Option("warn", "--duplicates", help="A repeated id: warn (a warning on the "
                                   "record) or error (an error record)."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help="Longest text accepted (default 2,000,000)."),
    engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                            "(tcp://host:8786); without it a local Dask cluster."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Progress bar (default: when stderr is a terminal)."),
) -> None:
    """Extract every article of an archive: one output record per input record, resumable.

    Exit status 0 when every record was extracted, 1 when some became error
    records (or --strict stopped the run), 2 when the run could not start.
    """
    from .batch import FieldNames, StrictFailure, run as run_batch
    from .errors import BeritaError

    def log(msg: str) -> None:
        typer.echo(f"berita-extract: {msg}", err=True)

    try:
        summary = run_batch(
            inputs, output, fields=FieldNames(id_field, text_field, title_field, published_field),
            n_process=n_process, batch_size=batch_size, shard_size=shard_size, shard_format=shard_format,
            resume=resume, limit=limit, strict=strict, duplicates=duplicates, max_chars=max_chars,
            engine=engine, scheduler=scheduler, progress=sys.stderr.isatty() if progress is None else progress,
            log=log)
    except StrictFailure as err:
        log(str(err))
        raise typer.Exit(1)
    except BeritaError as err:
        log(str(err))
        raise typer.Exit(2)
    typer.echo(str(summary), err=True)
    raise typer.Exit(1 if summary.failed else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of an Article record."""
    from .records import Article

    typer.echo(json.dumps(Article.model_json_schema(), indent=2, ensure_ascii=False))


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of ID.txt + ID.json gold pairs (corpus/README.md)."),
    predictions: Optional[Path] = typer.Option(None, help="Score this JSONL instead of running the pipeline."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every miss and false positive."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Precision, recall and F1 per field against a gold folder."""
    from .evaluate import predict_dir
    from .scoring import evaluate as score, load_gold

    if not gold_dir.is_dir():
        raise typer.BadParameter(f"{gold_dir} is not a folder of gold files", param_hint="GOLD_DIR")
    gold = load_gold(gold_dir)
    if predictions is None:
        preds = {str(p["id"]): p for p in predict_dir(gold_dir)}
    else:
        lines = predictions.read_text(encoding="utf-8").splitlines()
        preds = {str(p.get("id")): p for p in (json.loads(x) for x in lines if x.strip())}
    report = score(gold, preds)
    if show_errors:
        for art_id, field, kind, item in report.errors:
            typer.echo(f"{art_id}\t{field}\t{kind}\t{json.dumps(item, ensure_ascii=False)[:200]}")
    typer.echo(json.dumps(report.as_dict(), ensure_ascii=False) if as_json else report.table())


@app.command()
def show(
    file: Path = typer.Argument(..., help="An article text file (.txt)."),
    html: Path = typer.Option(..., "--html", help="Write the highlighted article and its tables here."),
    published: Optional[str] = typer.Option(None, help="Publication date (ISO)."),
    types: Optional[List[str]] = typer.Option(None, "--type", help="Record types to show (repeatable)."),
) -> None:
    """Write an HTML page with every mention highlighted and tables of the records."""
    from .api import extract as run
    from .display import page, render

    text = file.read_text(encoding="utf-8", errors="replace")
    article = run(text, id=file.stem, published=published)
    html.write_text(page(render(article, types=types), title=file.stem), encoding="utf-8")
    typer.echo(f"wrote {html}")


# Archive commands (people, bodies, table, graph) live in archive/cli.py.
from .archive.cli import register as _register_archive  # noqa: E402

_register_archive(app)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
