"""Batch extraction over archives: read, extract, write exactly one record per input, resume.

The flow is a stream, so memory stays flat however large the archive is:

* **readers** turn input files into plain *items* (dicts: ``text``, ``id``,
  ``title``, ``published``, ``metadata``, ``source``, and ``error``/``warnings``
  for what went wrong while reading);
* :func:`process_items` turns a list of items into Article JSON lines, one per
  item and never raising: a record that cannot be read or extracted becomes an
  *error record* (an :class:`~berita_extract.records.Article` with ``error`` set);
* a **sink** writes the lines in fixed chunks of ``shard_size`` records and
  checkpoints after each chunk, so ``resume=True`` continues after ``kill -9``
  and produces bytes identical to an uninterrupted run.

>>> import io, json
>>> items = list(read_jsonl_stream(io.BytesIO(b'{"id": "a1", "text": "Bupati Paser hadir."}\\nnot json\\n'), "x.jsonl"))
>>> [(it["id"], it["source"]["line"], it["error"] is None) for it in items]
[('a1', 1, True), (None, 2, False)]
>>> lines = process_items(items)
>>> [json.loads(line)["error"] is None for line, _ in lines]
[True, False]

Output formats (chosen from the output name):

* ``out.jsonl`` / ``out.jsonl.gz``: one Article JSON per line, input order kept
  (the gzip file is a series of gzip members, one per chunk; every gzip reader
  reads it as one stream);
* ``out.parquet``: one row per article (layout: :func:`arrow_schema`);
* ``out/`` (a directory, or a name with no suffix): numbered shards
  ``part-000000.jsonl`` (``shard_format`` jsonl, jsonl.gz or parquet) of
  ``shard_size`` records each, each written to a temporary file and renamed,
  plus ``_SUCCESS.json`` with the counts when the run is complete.

Nothing from the input is ever used as a path, evaluated or unpickled: output
names are built from the shard number only.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import gzip
import hashlib
import io
import itertools
import json
import os
import shutil
import sys
import time
import zlib
from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from .engines import open_engine
from .errors import BatchInputError, BeritaError, InputError, OutputError, require
from .records import RECORD_TYPES, Amount, Article, Source, has_lone_surrogate

STATE_VERSION = 1
DEFAULT_SHARD_SIZE = 1000
"""Records per shard (and per checkpoint for single-file outputs)."""
LIST_FIELDS = tuple(RECORD_TYPES) + ("foreign_amounts",)
"""The record lists counted in the summary."""

_BAD_UTF8 = "input is not valid UTF-8: undecodable bytes were replaced with U+FFFD"
_SURROGATES = "input has lone surrogate escapes (\\ud800-\\udfff): replaced with U+FFFD"


# --------------------------------------------------------------------------- items

@dataclasses.dataclass(frozen=True)
class FieldNames:
    """Which input fields hold the article's id, text, title and publication date."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    published: str = "published"


def make_item(source_file: str, line: int | None, *, text: Any = None, id: Any = None, title: Any = None,
              published: Any = None, metadata: dict | None = None, error: str | None = None,
              warnings: list[str] | None = None) -> dict:
    """A work item: plain JSON-able data, cheap to send to a worker process."""
    return {"text": text, "id": id, "title": title, "published": published, "metadata": metadata or {},
            "source": {"file": source_file, "line": line}, "error": error, "warnings": list(warnings or [])}


def _fix_surrogates(value: Any, flag: list[bool]) -> Any:
    """``value`` with lone surrogates replaced by U+FFFD (one code point each, so offsets hold)."""
    if isinstance(value, str):
        if has_lone_surrogate(value):
            flag[0] = True
            return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
        return value
    if isinstance(value, dict):
        return {_fix_surrogates(k, flag): _fix_surrogates(v, flag) for k, v in value.items()}
    if isinstance(value, list):
        return [_fix_surrogates(v, flag) for v in value]
    return value


def _as_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def item_from_mapping(rec: Any, source_file: str, line: int | None, fields: FieldNames,
                      warnings: list[str] | None = None) -> dict:
    """An item from one decoded input record (a JSON object or a CSV row)."""
    warnings = list(warnings or [])
    if not isinstance(rec, dict):
        return make_item(source_file, line, error=f"record is a JSON {type(rec).__name__}, not an object "
                         f"with a {fields.text!r} field", warnings=warnings)
    flag = [False]
    rec = _fix_surrogates(rec, flag)
    if flag[0]:
        warnings.append(_SURROGATES)
    known = {fields.id, fields.text, fields.title, fields.published}
    metadata = {k: v for k, v in rec.items() if k not in known}
    rec_id = _as_id(rec.get(fields.id))
    title = rec.get(fields.title)  # checked, like published, by core.prepare: the same rule as pipe()
    common = dict(id=rec_id, title=title, published=rec.get(fields.published), metadata=metadata,
                  warnings=warnings)
    if fields.text not in rec:
        return make_item(source_file, line, error=f"record has no {fields.text!r} field (fields: "
                         f"{sorted(rec)[:10]}); name the text field with --text-field", **common)
    text = rec[fields.text]
    if not isinstance(text, str):
        return make_item(source_file, line, error=f"{fields.text!r} is a {type(text).__name__}, not a string",
                         **common)
    if not text.strip():
        return make_item(source_file, line, error=f"{fields.text!r} is empty", **common)
    return make_item(source_file, line, text=text, **common)


def _decode(data: bytes, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        warnings.append(_BAD_UTF8)
        return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- readers

def _lines(stream: io.BufferedIOBase, block: int = 1 << 20) -> Iterator[tuple[int, bytes | None, str | None]]:
    """``(line number, bytes, None)`` per line; ``(n, partial or None, message)`` if the stream breaks."""
    parts: list[bytes] = []
    lineno = 0
    # read1: at most one read of the underlying stream per call, so what a truncated
    # gzip member decompressed before the break is returned before the error is raised
    read = getattr(stream, "read1", stream.read)
    try:
        while True:
            data = read(block)
            if not data:
                break
            pieces = data.split(b"\n")
            if len(pieces) == 1:
                parts.append(data)
                continue
            first = b"".join(parts + [pieces[0]])
            lineno += 1
            yield lineno, first, None
            for piece in pieces[1:-1]:
                lineno += 1
                yield lineno, piece, None
            parts = [pieces[-1]] if pieces[-1] else []
    except (EOFError, OSError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        lineno += 1
        cut = "is cut off there" if parts else "starts there"
        yield lineno, None, (f"the compressed stream is truncated or corrupt here ({err}): line {lineno} {cut}, "
                             f"and nothing after it can be read (the {lineno - 1:,} lines before it were read)")
        return
    if parts:
        lineno += 1
        yield lineno, b"".join(parts), None


def read_jsonl_stream(stream: io.BufferedIOBase, name: str, fields: FieldNames = FieldNames()) -> Iterator[dict]:
    """Items from a binary JSONL stream; blank lines are skipped, bad lines become error items."""
    for lineno, raw, broken in _lines(stream):
        if lineno == 1 and raw is not None and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]  # a UTF-8 byte order mark (Windows editors) is not part of the JSON
        if broken is not None:
            yield make_item(name, lineno, error=broken)
            return
        assert raw is not None
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if not raw.strip():
            continue
        warnings: list[str] = []
        line = _decode(raw, warnings)
        try:
            rec = json.loads(line)
        except ValueError as err:
            yield make_item(name, lineno, error=f"line is not valid JSON: {err}", warnings=warnings)
            continue
        yield item_from_mapping(rec, name, lineno, fields, warnings)


def read_jsonl(path: str, fields: FieldNames = FieldNames()) -> Iterator[dict]:
    """Items from a ``.jsonl`` or ``.jsonl.gz`` file (``-``: standard input)."""
    if path == "-":
        yield from read_jsonl_stream(sys.stdin.buffer, "-", fields)
        return
    with open(path, "rb") as raw:
        yield from _read_jsonl_file(raw, path, fields)


def _read_jsonl_file(raw: io.BufferedIOBase, path: str, fields: FieldNames) -> Iterator[dict]:
    if path.endswith(".gz"):
        with gzip.GzipFile(fileobj=raw, mode="rb") as f:
            yield from read_jsonl_stream(f, path, fields)
    else:
        yield from read_jsonl_stream(raw, path, fields)


class _PhysicalLines:
    """The lines of a text file for ``csv.reader``, with their numbers, and lines to read again first."""

    def __init__(self, f: Iterable[str]):
        self._f = iter(f)
        self._again: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []  # the lines of the row being parsed
        self._n = 0

    def __iter__(self) -> "_PhysicalLines":
        return self

    def __next__(self) -> str:
        if self._again:
            n, line = self._again.popleft()
        else:
            line = next(self._f)
            self._n += 1
            n = self._n
        self.taken.append((n, line))
        return line

    def read_again(self, lines: Sequence[tuple[int, str]]) -> None:
        self._again.extendleft(reversed(lines))


def read_csv(path: str, fields: FieldNames = FieldNames()) -> Iterator[dict]:
    """Items from a CSV file with a header row (other columns become metadata).

    Quotes are checked strictly: a row whose quoted field is never closed (or is
    followed by more text) would swallow the rows after it, so it becomes one
    error record and the lines after its first are read again as rows of their own.
    """
    with open(path, "rb") as raw:
        yield from _read_csv_file(raw, path, fields)


def _read_csv_file(raw: io.BufferedIOBase, path: str, fields: FieldNames) -> Iterator[dict]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are longer than csv's 128 KiB default
    with io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        lines = _PhysicalLines(f)
        reader = csv.reader(lines, strict=True)
        header: list[str] | None = None
        while True:
            lines.taken = []
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                taken, lines.taken = lines.taken, []
                if not taken:
                    return
                first = taken[0][0]
                yield make_item(path, first, error=(
                    f"malformed CSV row ({err}): a quoted field that starts on line {first} is not closed "
                    "properly, so the row would swallow the lines after it; fix the quoting (a quote inside a "
                    "quoted field is written twice: \"\")"))
                lines.read_again(taken[1:])
                continue
            start = lines.taken[0][0] if lines.taken else 0
            if header is None:
                header = row
                continue
            if not row:
                continue  # a blank line, as csv.DictReader skips it
            values = dict(zip(header, row))
            for name in header[len(row):]:
                values[name] = None
            warnings: list[str] = []
            if any(isinstance(v, str) and has_lone_surrogate(v) for v in row):
                warnings.append(_BAD_UTF8)  # surrogateescape marks the undecodable bytes
            if len(row) > len(header):  # values beyond the header
                warnings.append(f"row has {len(row) - len(header)} more values than the header: ignored")
            yield item_from_mapping(values, path, start, fields, warnings)


def _sidecar(txt: Path) -> dict:
    """Title and publication date from ``ID.json`` next to ``ID.txt`` (the corpus layout), if any."""
    meta = txt.with_suffix(".json")
    if not meta.is_file():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8", errors="replace"))
    except ValueError:
        return {}
    return {k: data[k] for k in ("title", "published") if isinstance(data, dict) and isinstance(data.get(k), str)}


HEADLINE_CHARS = 250
"""Longest first line read as a plain-text article's headline."""


def headline(text: str) -> str | None:
    """The first line of a plain-text article when it stands alone (a blank line after it), as its title.

    >>> headline("Pemkab Paser Siapkan Dana\\n\\nPASER - Pemkab ..."), headline("Satu kalimat. Lalu lainnya.")
    ('Pemkab Paser Siapkan Dana', None)
    """
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not sep or not first or len(first) > HEADLINE_CHARS or first.endswith("."):
        return None
    return first if rest.partition("\n")[0].strip() == "" else None


def _read_decoded(path: Path, warnings: list[str]) -> str | None:
    """The file's text (invalid UTF-8 replaced and flagged), or None with the reason appended to ``warnings``."""
    try:
        return _decode(path.read_bytes(), warnings)
    except OSError as err:
        warnings.append(f"cannot read the file: {err}")
        return None


def read_text_file(path: Path, art_id: str) -> dict:
    """The item for one ``.txt`` article."""
    warnings: list[str] = []
    text = _read_decoded(path, warnings)
    if text is None:
        return make_item(str(path), None, id=art_id, error=warnings.pop())
    side = _sidecar(path)
    if "title" not in side and headline(text):
        side["title"] = headline(text)
    return item_from_mapping({"id": art_id, "text": text, **side}, str(path), None, FieldNames(), warnings)


def read_html_file(path: Path, art_id: str) -> dict:
    """The item for one ``.html`` page: text, title and date taken with trafilatura (extra ``html``)."""
    from .errors import require

    trafilatura = require("trafilatura", "html", "reading .html pages")
    warnings: list[str] = []
    html = _read_decoded(path, warnings)
    if html is None:
        return make_item(str(path), None, id=art_id, error=warnings.pop())
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True)
    except Exception as err:  # noqa: BLE001 - a broken page must not stop the run
        return make_item(str(path), None, id=art_id, error=f"trafilatura failed on the page: {err}",
                         warnings=warnings)
    if doc is None:
        return make_item(str(path), None, id=art_id, error="trafilatura found no article text in the page",
                         warnings=warnings)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    meta = {k: data[k] for k in ("url", "author", "sitename", "hostname") if data.get(k)}
    rec = {"id": art_id, "text": data.get("text") or "", "title": data.get("title"),
           "published": data.get("date"), **meta}
    item = item_from_mapping(rec, str(path), None, FieldNames(), warnings)
    item["text_from"] = "html"  # the record carries this text: its offsets point into it, not into the page
    return item


_DIR_SUFFIXES = (".txt", ".html", ".htm")


def read_directory(path: str) -> Iterator[dict]:
    """Items from every ``.txt`` (and ``.html``) file under a directory, in sorted path order.

    The id is the path relative to the directory without its suffix.
    """
    root = Path(path)
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in _DIR_SUFFIXES and p.is_file())
    for p in files:
        art_id = p.relative_to(root).with_suffix("").as_posix()
        yield read_html_file(p, art_id) if p.suffix.lower() != ".txt" else read_text_file(p, art_id)


def input_kind(path: str) -> str:
    """``jsonl``, ``csv``, ``dir``, ``txt``, ``html`` or ``stdin``; raise :class:`BatchInputError` otherwise."""
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_dir():
        return "dir"
    if not p.is_file():
        raise BatchInputError(f"input {path!r} does not exist: give a .jsonl, .jsonl.gz, .csv, .txt or .html "
                              "file, a directory of .txt files, or - for standard input")
    name = p.name.lower()
    for suffix, kind in ((".jsonl", "jsonl"), (".jsonl.gz", "jsonl"), (".ndjson", "jsonl"),
                         (".ndjson.gz", "jsonl"), (".csv", "csv"), (".txt", "txt"), (".html", "html"),
                         (".htm", "html")):
        if name.endswith(suffix):
            return kind
    raise BatchInputError(f"input {path!r} has an unknown format: use .jsonl, .jsonl.gz, .csv, .txt, .html, "
                          "a directory of .txt files, or - for standard input")


def read_inputs(paths: Sequence[str], fields: FieldNames = FieldNames()) -> Iterator[dict]:
    """Items from every input in order (formats by :func:`input_kind`), streamed."""
    for item in _read_inputs(paths, fields):
        item.pop("_pos", None)
        yield item


def _read_inputs(paths: Sequence[str], fields: FieldNames) -> Iterator[dict]:
    """:func:`read_inputs`, each item carrying ``_pos``: bytes of all inputs read so far (None for stdin)."""
    kinds = [input_kind(p) for p in paths]  # fail on a bad path before reading anything
    done = 0
    for path, kind in zip(paths, kinds):
        try:
            if kind == "stdin":
                for item in read_jsonl(path, fields):
                    item["_pos"] = None
                    yield item
            elif kind in ("jsonl", "csv"):
                with open(path, "rb") as raw:
                    read = _read_jsonl_file if kind == "jsonl" else _read_csv_file
                    for item in read(raw, path, fields):
                        item["_pos"] = done + raw.tell()
                        yield item
            elif kind == "dir":
                for item in read_directory(path):
                    done += os.stat(item["source"]["file"]).st_size
                    item["_pos"] = done
                    yield item
            else:
                item = read_text_file(Path(path), Path(path).stem) if kind == "txt" else \
                    read_html_file(Path(path), Path(path).stem)
                item["_pos"] = done + Path(path).stat().st_size
                yield item
        except OSError as err:
            raise BatchInputError(f"cannot read the input {path!r}: {err.strerror or err}: check that the file "
                                  "exists and that you may read it") from err
        if kind != "dir":
            done = done + Path(path).stat().st_size if kind != "stdin" else done


def flag_duplicates(items: Iterable[dict], *, as_error: bool = False) -> Iterator[dict]:
    """Mark every item whose id was seen before (a warning, or an error record if ``as_error``).

    Keeps an 8-byte digest per distinct id, the only state that grows with the archive.
    """
    seen: set[bytes] = set()
    for item in items:
        rec_id = item.get("id")
        if rec_id is not None:
            digest = hashlib.blake2b(rec_id.encode("utf-8"), digest_size=8).digest()
            if digest in seen:
                message = f"duplicate id {rec_id!r}: an earlier input record has the same id"
                item["duplicate"] = True
                if as_error and not item.get("error"):
                    item["error"] = message
                else:
                    item["warnings"].append(message)
            else:
                seen.add(digest)
        yield item


# --------------------------------------------------------------------------- extraction

def _stats(art: dict | Article) -> tuple:
    """``(failed, has warnings, size of each record list)`` of an Article or its dict, for the summary."""
    get = art.get if isinstance(art, dict) else lambda k: getattr(art, k)
    return (get("error") is not None, bool(get("warnings")), tuple(len(get(k) or ()) for k in LIST_FIELDS))


def error_record(item: dict, message: str) -> Article:
    """The error record for an item: its id, title, source, metadata and warnings, plus ``error``."""
    title = item.get("title") if isinstance(item.get("title"), str) else None
    return Article(id=item.get("id"), title=title, error=message, warnings=item.get("warnings") or [],
                   source=item.get("source"), metadata=item.get("metadata") or {})


def _finish(art: Article, item: dict) -> tuple[str, tuple]:
    src = item.get("source")
    art.source = Source.model_validate(src) if src else None
    art.metadata = item.get("metadata") or {}
    if item.get("text_from"):
        art.text = art.source_text()
    if item.get("warnings"):
        art.warnings = list(item["warnings"]) + art.warnings
    return art.model_dump_json(), _stats(art)


def _safe_error_line(item: dict, message: str) -> tuple[str, tuple]:
    try:
        art = error_record(item, message)
        return art.model_dump_json(), _stats(art)
    except Exception:  # noqa: BLE001 - metadata that cannot be serialized: drop it, keep the record
        art = error_record({**item, "metadata": {}, "title": None}, message + " (its metadata could not be written)")
        return art.model_dump_json(), _stats(art)


def process_items(items: Sequence[dict], max_chars: int | None = None) -> list[tuple[str, tuple]]:
    """One ``(Article JSON line, stats)`` per item, in order; never raises for a bad record.

    The checks and the extraction are :mod:`berita_extract.core`'s, the same as
    :func:`berita_extract.pipe`'s: an item that fails them, or an article the
    pipeline fails on, becomes an error record; the rest of the batch is unaffected.
    """
    from .core import MAX_CHARS, extract_prepared, load, prepare

    limit = MAX_CHARS if max_chars is None else max_chars
    out: list[tuple[str, tuple] | None] = [None] * len(items)
    good: list[int] = []
    prepared = []
    for i, item in enumerate(items):
        if item.get("error"):
            out[i] = _safe_error_line(item, item["error"])
            continue
        try:
            prepared.append(prepare(item.get("text"), id=item.get("id"), title=item.get("title"),
                                    published=item.get("published"), max_chars=limit))
            good.append(i)
        except InputError as err:
            out[i] = _safe_error_line(item, str(err))
    if prepared:
        for i, (art, _) in zip(good, extract_prepared(load(), prepared)):
            try:
                out[i] = _finish(art, items[i])
            except Exception as err:  # noqa: BLE001 - e.g. metadata that cannot be serialized
                out[i] = _safe_error_line(items[i], f"extraction failed: {type(err).__name__}: {err}")
    return out  # type: ignore[return-value]


# --------------------------------------------------------------------------- output

def arrow_schema():
    """The Parquet layout: one row per article, record lists as nested list<struct> columns.

    Columns follow :class:`~berita_extract.records.Article`: ``id``, ``title``,
    ``published`` (date32), ``officials`` ... ``foreign_amounts`` (each a list of
    structs with the record's fields, ``mentions`` a list of
    struct<text, start, end, rule>), ``warnings`` (list<string>), ``error``,
    ``source`` (struct<file, line>) and ``metadata`` (the pass-through fields as
    a JSON string). An amount's ``value`` is its exact decimal text
    (``"10000000000000000000000000"``): sums can pass the 2^63 limit of a Parquet
    int64, and a float would round them; reading the file back with
    :func:`read_output` gives the same integers as the JSONL output.
    """
    import pyarrow as pa

    return pa.schema([pa.field(name, _arrow_type(f.annotation)) for name, f in Article.model_fields.items()])


_EXACT_TEXT = {(Amount, "value")}
"""Number fields stored in Parquet as decimal text: they have no upper bound."""


def _arrow_type(annotation: Any):
    import datetime as dt
    import decimal
    import typing

    import pyarrow as pa
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Union:
        return _arrow_type(args[0])
    if origin is typing.Literal or annotation is str:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if origin is dict:
        return pa.string()  # JSON text: pass-through metadata has no fixed shape
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(n, pa.string() if (annotation, n) in _EXACT_TEXT else _arrow_type(f.annotation))
                          for n, f in annotation.model_fields.items()])
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), dt.date: pa.date32(),
            decimal.Decimal: pa.string()}[annotation]


_MONEY_LISTS = tuple(name for name, f in Article.model_fields.items() if "Amount" in str(f.annotation))


def _arrow_row(art: dict) -> dict:
    import datetime as dt

    row = dict(art)
    row["metadata"] = json.dumps(art.get("metadata") or {}, ensure_ascii=False, sort_keys=True)
    if row.get("published"):
        row["published"] = dt.date.fromisoformat(row["published"])
    for name in _MONEY_LISTS:
        if row.get(name):
            row[name] = [{**a, "value": None if a.get("value") is None else str(a["value"])} for a in row[name]]
    return row


def parquet_bytes(lines: Sequence[str]) -> bytes:
    """A Parquet file (one row group) holding the given Article JSON lines."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([_arrow_row(json.loads(line)) for line in lines], schema=arrow_schema())
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _article_from_row(row: dict) -> dict:
    row = dict(row)
    row["metadata"] = json.loads(row["metadata"]) if row.get("metadata") else {}
    if row.get("published") is not None:
        row["published"] = row["published"].isoformat()
    return Article.model_validate(row).model_dump(mode="json")


def read_output(path: str | os.PathLike) -> Iterator[dict]:
    """Read back what a run wrote (a JSONL/JSONL.gz/Parquet file or a shard directory) as Article dicts."""
    p = Path(path)
    if p.is_dir():
        for shard in sorted(p.glob("part-*")):
            if not shard.name.endswith(".tmp"):
                yield from read_output(shard)
        return
    if p.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(p)
        for i in range(pf.num_row_groups):
            for row in pf.read_row_group(i).to_pylist():
                yield _article_from_row(row)
        return
    opener = gzip.open if p.name.endswith(".gz") else open
    with opener(p, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _encode(lines: Sequence[str], fmt: str) -> bytes:
    if fmt == "parquet":
        return parquet_bytes(lines)
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    # mtime=0: the bytes depend on the records only, so a resumed run matches an uninterrupted one
    return gzip.compress(data, mtime=0) if fmt == "jsonl.gz" else data


def output_layout(output: str, shard_format: str | None = None) -> tuple[str, str]:
    """``("file", fmt)`` or ``("dir", fmt)`` for an output name; fmt is jsonl, jsonl.gz or parquet."""
    name = output.lower()
    for fmt in ("jsonl.gz", "jsonl", "parquet"):
        if name.endswith("." + fmt):
            if shard_format and shard_format != fmt:
                raise BatchInputError(f"--shard-format {shard_format} applies to a directory output, not {output!r}")
            return "file", fmt
    if Path(output).is_file() or Path(output).suffix:
        raise BatchInputError(f"output {output!r}: use a name ending in .jsonl, .jsonl.gz or .parquet, "
                              "or a directory (no suffix) for numbered shards")
    fmt = shard_format or "jsonl"
    if fmt not in ("jsonl", "jsonl.gz", "parquet"):
        raise BatchInputError(f"--shard-format must be jsonl, jsonl.gz or parquet, not {fmt!r}")
    return "dir", fmt


_OPTION_NAMES = {"inputs": "inputs (names, sizes, modification times)", "fields": "--id/--text/--title/"
                 "--published-field", "shard_size": "--shard-size", "format": "output format (--shard-format)",
                 "limit": "--limit", "duplicates": "--duplicates", "max_chars": "--max-chars"}


def config_difference(old: dict, new: dict) -> str:
    """The options in which two run configurations differ, named as on the command line.

    >>> config_difference({"shard_size": 1000, "limit": None}, {"shard_size": 500, "limit": None})
    '--shard-size 1000 (now 500)'
    """
    diffs = [f"{_OPTION_NAMES.get(k, k)} {old.get(k)!r} (now {new.get(k)!r})".replace("'", "")
             if k != "inputs" else f"other {_OPTION_NAMES['inputs']}"
             for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return "; ".join(diffs) or "another version of berita-extract"


class Sink:
    """Writes chunks of Article JSON lines and checkpoints after each, so a run can resume.

    Single-file outputs are built in ``OUTPUT.inprogress/`` (an append-only
    ``data.jsonl[.gz]`` plus ``state.json``) and moved into place at the end;
    a shard directory gets ``part-NNNNNN.*`` files (temporary file + rename)
    and ``_state.json``. The state is replaced atomically after the data it
    describes is on disk; on resume the data file is cut back to the length
    the state records.
    """

    def __init__(self, output: str, shard_format: str | None = None):
        self.output = Path(output)
        self.layout, self.fmt = output_layout(output, shard_format)
        if self.layout == "dir":
            self.work = self.output
            self.state_path = self.output / "_state.json"
        else:
            self.work = self.output.with_name(self.output.name + ".inprogress")
            self.state_path = self.work / "state.json"
        self.data_path = self.work / ("data.jsonl.gz" if self.fmt == "jsonl.gz" else "data.jsonl")
        self.state: dict = {}
        if self.fmt == "parquet":  # before the first record, not after the last
            require("pyarrow.parquet", "parquet", "Parquet output")

    def existing(self) -> str | None:
        """What a fresh run would replace (an output, or an interrupted run's work), described; else None."""
        if self.layout == "dir":
            if not self.output.is_dir():
                return None
            if (self.output / "_SUCCESS.json").is_file():
                return f"{self.output}/ holds the shards of a finished run"
            if self.state_path.is_file() or any(self.output.glob("part-*")):
                return f"{self.output}/ holds the shards of an interrupted run"
            return None
        if self.work.exists():
            return f"{self.work} holds an interrupted run"
        if self.output.exists():
            return f"{self.output} exists"
        return None

    # -- lifecycle
    def start(self, config: dict, resume: bool, overwrite: bool = True) -> dict | None:
        """Prepare the output; return the saved state when resuming a run, else None.

        Without ``resume`` or ``overwrite`` an existing output (or an interrupted
        run's work) is never replaced: :class:`BatchInputError` says what to pass.
        """
        if resume and self.state_path.is_file():
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if state.get("version") != STATE_VERSION or state.get("config") != config:
                raise BatchInputError(
                    f"cannot resume {self.output}: it was started with "
                    f"{config_difference(state.get('config') or {}, config)}; rerun with the options of the "
                    "first run, or with --overwrite (instead of --resume) to start over")
            self.state = state
            if self.layout == "file" and not state.get("complete"):
                with open(self.data_path, "ab") as f:
                    f.truncate(state["bytes"])  # drop a chunk half-written when the run was killed
            self._clean_tmp()
            return state
        if resume and self.layout == "file" and self.output.is_file() and not self.work.exists():
            return {"complete": True, "already": True}
        if resume and self.layout == "dir" and (self.output / "_SUCCESS.json").is_file():
            return {"complete": True, "already": True}
        # a fresh run
        found = None if overwrite else self.existing()
        if found:
            raise BatchInputError(f"{found}: pass --overwrite to replace it, or --resume to continue it")
        if self.layout == "dir":
            if self.output.exists():
                for old in list(self.output.glob("part-*")) + [self.output / "_SUCCESS.json", self.state_path]:
                    if old.is_file():
                        old.unlink()
            self.output.mkdir(parents=True, exist_ok=True)
        else:
            if self.work.exists():
                shutil.rmtree(self.work)
            self.work.mkdir(parents=True)
            self.data_path.write_bytes(b"")
        self.state = {"version": STATE_VERSION, "config": config, "records": 0, "bytes": 0, "parts": 0,
                      "counts": {}, "complete": False}
        self._save()
        return None

    def _clean_tmp(self) -> None:
        for tmp in self.work.glob("*.tmp"):
            tmp.unlink()

    def _save(self) -> None:
        _atomic_write(self.state_path, json.dumps(self.state, sort_keys=True).encode("utf-8"))

    def write_chunk(self, lines: Sequence[str], counts: dict) -> None:
        """Write one chunk and checkpoint (``counts``: the run's totals after this chunk)."""
        data = _encode(lines, "jsonl.gz" if self.fmt == "jsonl.gz" else
                       ("parquet" if self.layout == "dir" and self.fmt == "parquet" else "jsonl"))
        if self.layout == "dir":
            ext = {"jsonl": "jsonl", "jsonl.gz": "jsonl.gz", "parquet": "parquet"}[self.fmt]
            _atomic_write(self.output / f"part-{self.state['parts']:06d}.{ext}", data)
        else:
            with open(self.data_path, "ab") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            self.state["bytes"] += len(data)
        self.state["records"] += len(lines)
        self.state["parts"] += 1
        self.state["counts"] = counts
        self._save()

    def finish(self, summary: dict, complete: bool = True) -> None:
        """Move the output into place and remove the run's state.

        ``complete=False`` (a run stopped by ``strict``): what was written is
        kept as the output, and a shard directory gets no ``_SUCCESS.json``.
        """
        if self.layout == "dir":
            if complete:
                _atomic_write(self.output / "_SUCCESS.json",
                              json.dumps(summary, sort_keys=True, indent=1).encode("utf-8"))
            self.state_path.unlink(missing_ok=True)
            return
        self.state["complete"] = True
        self._save()
        if self.data_path.exists():
            if self.fmt == "parquet":
                self._to_parquet()
            else:
                os.replace(self.data_path, self.output)
        shutil.rmtree(self.work)

    def _to_parquet(self) -> None:
        """Convert the JSONL work file to Parquet, one row group per chunk (streamed)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        size = self.state["config"]["shard_size"]
        tmp = self.output.with_name(self.output.name + ".tmp")
        schema = arrow_schema()
        try:
            with open(self.data_path, "r", encoding="utf-8") as f, pq.ParquetWriter(tmp, schema) as writer:
                while chunk := list(itertools.islice(f, size)):
                    rows = [_arrow_row(json.loads(line)) for line in chunk]
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            os.replace(tmp, self.output)
        finally:
            tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- run

@dataclasses.dataclass
class Summary:
    """What a run did; ``str()`` is the closing report."""

    read: int = 0
    written: int = 0
    failed: int = 0
    warned: int = 0
    duplicates: int = 0
    records: dict = dataclasses.field(default_factory=lambda: {k: 0 for k in LIST_FIELDS})
    resumed_from: int = 0
    elapsed: float = 0.0
    output: str = ""

    def add(self, stats: tuple, duplicate: bool) -> None:
        failed, warned, sizes = stats
        self.read += 1
        self.written += 1
        self.failed += failed
        self.warned += warned
        self.duplicates += duplicate
        for k, n in zip(LIST_FIELDS, sizes):
            self.records[k] += n

    def counts(self) -> dict:
        return {"read": self.read, "written": self.written, "failed": self.failed, "warned": self.warned,
                "duplicates": self.duplicates, "records": dict(self.records)}

    def restore(self, counts: dict) -> None:
        for k in ("read", "written", "failed", "warned", "duplicates"):
            setattr(self, k, counts.get(k, 0))
        self.records.update(counts.get("records", {}))

    def __str__(self) -> str:
        done = self.written - self.resumed_from
        if self.resumed_from and not done:
            timing = (f"elapsed: {self.elapsed:.1f} s (nothing left to extract: all {self.written:,} articles "
                      "were written by the earlier run)")
        else:
            rate = done / self.elapsed if self.elapsed > 0 else 0.0
            timing = (f"elapsed: {self.elapsed:.1f} s ({rate:,.1f} articles/s)"
                      + (f", resumed after {self.resumed_from:,} articles" if self.resumed_from else ""))
        lines = [
            f"articles read: {self.read:,}   written: {self.written:,}   failed: {self.failed:,}   "
            f"with warnings: {self.warned:,}   duplicate ids: {self.duplicates:,}",
            "records: " + ", ".join(f"{k} {v:,}" for k, v in self.records.items()),
            timing,
        ]
        if self.output:
            lines.append(f"output: {self.output}")
        return "\n".join(lines)


class StrictFailure(BeritaError):
    """A record failed under ``strict=True``; the run stopped, and the records before it are the output."""


def _input_signature(paths: Sequence[str]) -> list:
    sig = []
    for p in paths:
        if p != "-" and Path(p).is_file():
            st = Path(p).stat()
            sig.append([p, st.st_size, st.st_mtime_ns])
        else:
            sig.append([p, None, None])
    return sig


def _chunked(it: Iterable, size: int) -> Iterator[list]:
    it = iter(it)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _writing:
    """Turns an OSError while writing the output into an :class:`OutputError` (exit 2, one line)."""

    def __init__(self, output: str):
        self.output = output

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, err: Any, tb: Any) -> None:
        if isinstance(err, OSError):
            where = f" ({err.filename})" if getattr(err, "filename", None) else ""
            raise OutputError(f"cannot write the output {self.output}: {err.strerror or err}{where}: choose a "
                              "folder you may write to, with free space (a run that was stopped can then "
                              "continue with --resume)") from err


def run(inputs: Sequence[str], output: str, *, fields: FieldNames = FieldNames(), n_process: int = 1,
        batch_size: int = 32, shard_size: int = DEFAULT_SHARD_SIZE, shard_format: str | None = None,
        resume: bool = False, overwrite: bool = True, limit: int | None = None, strict: bool = False,
        duplicates: str = "warn", max_chars: int | None = None, engine: str = "local",
        scheduler: str | None = None, progress: bool = False, log: Callable[[str], None] | None = None) -> Summary:
    """Extract every record of ``inputs`` into ``output``; one output record per input record.

    ``n_process`` worker processes (``engine="local"``) or a Dask cluster
    (``engine="dask"``, ``scheduler`` its address; a local cluster of
    ``n_process`` workers without one) do the extraction; the output is the
    same bytes whichever runs it. ``resume`` continues a killed run (with the
    options of the first run). ``overwrite=False`` (the command line's default)
    refuses to replace an existing output. ``strict`` stops at the first failed
    record, keeps the records before it as the output and raises
    :class:`StrictFailure`. ``duplicates`` is ``"warn"`` (a warning on the
    later record) or ``"error"`` (the later record becomes an error record).
    """
    if duplicates not in ("warn", "error"):
        raise BatchInputError(f"duplicates must be 'warn' or 'error', not {duplicates!r}")
    if shard_size < 1 or batch_size < 1:
        raise BatchInputError("shard_size and batch_size must be at least 1")
    for p in inputs:
        input_kind(p)
        if p != "-" and Path(p).resolve() == Path(output).resolve():
            raise BatchInputError(f"the output {output!r} is also an input: choose another output name")
    t0 = time.perf_counter()
    sink = Sink(output, shard_format)
    config = {"inputs": _input_signature(inputs), "fields": dataclasses.asdict(fields), "shard_size": shard_size,
              "format": [sink.layout, sink.fmt], "limit": limit, "duplicates": duplicates, "max_chars": max_chars}
    summary = Summary(output=str(output))
    with _writing(output):
        state = sink.start(config, resume, overwrite)
    if state and state.get("already"):
        summary.elapsed = time.perf_counter() - t0
        if log:
            log(f"{output} is already complete: nothing to resume")
        _restore_finished(summary, sink)
        return summary
    skip = 0
    if state:
        skip = state["records"]
        summary.restore(state.get("counts", {}))
        summary.resumed_from = skip
        if state.get("complete"):
            with _writing(output):
                sink.finish(summary.counts())
            summary.elapsed = time.perf_counter() - t0
            return summary

    items: Iterator[dict] = flag_duplicates(_read_inputs(inputs, fields), as_error=duplicates == "error")
    if limit is not None:
        items = itertools.islice(items, limit)
    items = itertools.islice(items, skip, None)  # already written: read again (ids feed the duplicate check)

    sent: deque[tuple[list[bool], int | None]] = deque()  # per batch sent out: duplicate marks, input position

    def tasks() -> Iterator[list]:
        for chunk in _chunked(items, batch_size):
            sent.append(([bool(it.pop("duplicate", False)) for it in chunk], chunk[-1].pop("_pos", None)))
            for it in chunk:
                it.pop("_pos", None)
            yield chunk

    bar = None
    if progress:
        from .progress import Progress, input_sizes

        sizes = input_sizes(inputs, _DIR_SUFFIXES)
        bar = Progress(None if None in sizes else sum(s for s in sizes if s is not None), skip)
    pending: list[str] = []
    try:
        with _started(open_engine(engine, n_process, scheduler), bar, engine == "local" and n_process != 1) as mapper:
            for results in mapper(_Task(max_chars), tasks()):
                dups, position = sent.popleft()
                for (line, stats), dup in zip(results, dups):
                    summary.add(stats, dup)
                    if strict and stats[0]:
                        _stop_strict(sink, pending, summary, line, output)
                    pending.append(line)
                    if len(pending) == shard_size:
                        with _writing(output):
                            sink.write_chunk(pending, summary.counts())
                        pending = []
                if bar is not None:
                    bar.advance(position, len(results))
        with _writing(output):
            if pending:
                sink.write_chunk(pending, summary.counts())
            sink.finish(summary.counts())
    finally:
        if bar is not None:
            bar.close()
    summary.elapsed = time.perf_counter() - t0
    return summary


@contextlib.contextmanager
def _started(engine: open_engine, bar: Any, forks: bool) -> Iterator[Any]:
    """The engine's map; a progress bar keeps ticking while the pipeline loads, and pauses while workers fork."""
    if bar is not None and forks:
        from .core import load

        load()  # here, while the bar ticks: forked workers inherit it
        with bar.paused():
            mapper = engine.__enter__()
    else:
        mapper = engine.__enter__()
    try:
        yield mapper
    finally:
        engine.__exit__(None, None, None)


def _stop_strict(sink: Sink, pending: list[str], summary: Summary, line: str, output: str) -> None:
    """Keep the records before the failed one as the output, then raise :class:`StrictFailure` saying where."""
    kept = summary.written - 1
    with _writing(output):
        if pending:
            sink.write_chunk(pending, summary.counts())
        sink.finish(summary.counts(), complete=False)
    err = json.loads(line)
    src = err.get("source") or {}
    where = (f"{output}/ (shards, no _SUCCESS.json: the run is incomplete)" if sink.layout == "dir" else output)
    raise StrictFailure(f"{src.get('file')}:{src.get('line')}: {err['error']} (stopped by --strict; the "
                        f"{kept:,} records before it are in {where}; fix the input and rerun with --overwrite)")


def _restore_finished(summary: Summary, sink: Sink) -> None:
    """Counts of an output that is already complete, read back from it."""
    if sink.layout == "dir":
        summary.restore(json.loads((sink.output / "_SUCCESS.json").read_text(encoding="utf-8")))
        summary.resumed_from = summary.written
        return
    for art in read_output(sink.output):
        dup = any(m.startswith("duplicate id") for m in (art.get("warnings") or []) + [art.get("error") or ""])
        summary.add(_stats(art), dup)
    summary.resumed_from = summary.written


class _Task:
    """The picklable function the engines map over batches of items."""

    def __init__(self, max_chars: int | None):
        self.max_chars = max_chars

    def __call__(self, items: list[dict]) -> list[tuple[str, tuple]]:
        return process_items(items, self.max_chars)


__all__ = [
    "FieldNames", "Sink", "StrictFailure", "Summary", "arrow_schema", "config_difference", "error_record",
    "flag_duplicates", "input_kind", "process_items", "read_inputs", "read_output", "run",
]
