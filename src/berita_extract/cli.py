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


def _fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` as the command's error (no traceback) and return the Exit to raise."""
    typer.echo(f"berita-extract: {message}", err=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"berita-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """The options before any command."""


def _max_chars(value: Optional[int]) -> Optional[int]:
    from .api import MAX_CHARS

    return MAX_CHARS if value is None else (None if value == 0 else value)


_MAX_CHARS_HELP = "Longest text accepted (default 2,000,000; 0: no limit, long texts go in chunks)."


def _one_article(name: str, published: Optional[str], max_chars: Optional[int]):
    """The Article of one file argument (``-``: standard input), read as ``run`` reads it."""
    from .readers import extract_file, extract_item, text_item

    if name == "-":
        return extract_item(text_item(sys.stdin.read(), "stdin"), published=published, max_chars=_max_chars(max_chars))
    return extract_file(name, published=published, max_chars=_max_chars(max_chars))


def _user_error(err: Exception) -> str:
    from .errors import InputTooLongError

    if isinstance(err, InputTooLongError):
        return f"{err} (on the command line: --max-chars N, or --max-chars 0 for no limit)"
    return str(err)


@app.command()
def extract(
    files: List[str] = typer.Argument(..., help="Article files (.txt, or .html with the [html] extra), or - for "
                                      "standard input. Archives (JSONL, CSV, folders) go to `run`."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON for humans (several files: a JSON array)."),
    published: Optional[str] = typer.Option(None, help="Publication date (ISO) for resolving dates without a year."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help=_MAX_CHARS_HELP),
) -> None:
    """Print one JSON record per input file (JSON Lines; with --pretty and several files, a JSON array)."""
    from .errors import BeritaError

    failed, records = 0, []
    for name in files:
        try:
            article = _one_article(name, published, max_chars)
        except (OSError, BeritaError) as err:
            failed += 1
            typer.echo(f"berita-extract: {name}: {_user_error(err)}", err=True)
            continue
        if pretty:
            records.append(article.model_dump(mode="json"))
        else:
            typer.echo(article.model_dump_json())
    if pretty and records:
        typer.echo(json.dumps(records[0] if len(files) == 1 else records, indent=2, ensure_ascii=False))
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
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing output (refused without it)."),
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
            resume=resume, overwrite=overwrite, limit=limit, strict=strict, duplicates=duplicates, max_chars=max_chars,
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


def _read_predictions(path: Path) -> dict[str, dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise _fail(f"cannot read the predictions {path}: {err}")
    preds = {}
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as err:
            raise _fail(f"{path}, line {n}: not JSON ({err}): give the JSONL that `berita-extract run` writes")
        if not isinstance(rec, dict):
            raise _fail(f"{path}, line {n}: a JSON {type(rec).__name__}, not an article object with an \"id\"")
        preds[str(rec.get("id"))] = rec
    return preds


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of ID.txt + ID.json gold pairs (corpus/README.md)."),
    predictions: Optional[Path] = typer.Option(None, help="Score this JSONL instead of running the pipeline."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every miss and false positive."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    links: bool = typer.Option(False, "--links", help="Also score links over matched records (amount "
                               "recipient, score region, official region), as score.py --links."),
) -> None:
    """Precision, recall and F1 per field against a gold folder.

    Exit status 2, with the reason, when there is nothing to score: no gold
    files, or predictions whose ids match no gold article.
    """
    from .evaluate import predict_dir
    from .scoring import evaluate as score, load_gold

    if not gold_dir.is_dir():
        raise _fail(f"{gold_dir} is not a folder: give a folder of ID.txt + ID.json gold pairs")
    try:
        gold = load_gold(gold_dir)
    except (OSError, ValueError) as err:
        raise _fail(f"cannot read the gold files in {gold_dir}: {err}")
    if not gold:
        raise _fail(f"{gold_dir} holds no gold .json files: a gold folder holds ID.txt + ID.json pairs "
                    "(corpus/README.md)")
    preds = _read_predictions(predictions) if predictions is not None else {
        str(p["id"]): p for p in predict_dir(gold_dir)}
    if not set(preds) & set(gold):
        where = f"the predictions in {predictions}" if predictions is not None else f"the .txt files of {gold_dir}"
        raise _fail(f"no article of {where} has the id of a gold file ({len(gold)} gold, {len(preds)} predicted, "
                    f"e.g. gold {sorted(gold)[0]!r}): nothing to score")
    report = score(gold, preds, links=links)
    if show_errors:
        for art_id, field, kind, item in report.errors:
            typer.echo(f"{art_id}\t{field}\t{kind}\t{json.dumps(item, ensure_ascii=False)[:200]}")
    typer.echo(json.dumps(report.as_dict(), ensure_ascii=False) if as_json else report.table())


@app.command()
def show(
    file: str = typer.Argument(..., help="An article file (.txt, or .html with the [html] extra), or - for "
                               "standard input."),
    html: Path = typer.Option(..., "--html", help="Write the highlighted article and its tables here."),
    published: Optional[str] = typer.Option(None, help="Publication date (ISO)."),
    types: Optional[List[str]] = typer.Option(None, "--type", help="Record types to show (repeatable): "
                                              "officials, institutions, amounts, scores, dates, places, quotes."),
    max_chars: Optional[int] = typer.Option(None, "--max-chars", help=_MAX_CHARS_HELP),
) -> None:
    """Write an HTML page with every mention highlighted and tables of the records."""
    from .display import page, render
    from .errors import BeritaError
    from .records import RECORD_TYPES

    unknown = [t for t in types or [] if t not in RECORD_TYPES]
    if unknown:
        raise _fail(f"unknown record type {', '.join(unknown)}: choose from {', '.join(RECORD_TYPES)}")
    try:
        article = _one_article(file, published, max_chars)
        html.write_text(page(render(article, types=types), title=article.title or article.id or "berita_extract"),
                        encoding="utf-8")
    except (OSError, BeritaError) as err:
        raise _fail(f"{file}: {_user_error(err)}", 1)
    typer.echo(f"wrote {html}")


# Archive commands (people, bodies, table, graph) live in archive/cli.py.
from .archive.cli import register as _register_archive  # noqa: E402

_register_archive(app)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
