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

from .errors import BatchInputError, BeritaError, InputError
from .records import RECORD_TYPES, Article, Source

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


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _fix_surrogates(value: Any, flag: list[bool]) -> Any:
    """``value`` with lone surrogates replaced by U+FFFD (one code point each, so offsets hold)."""
    if isinstance(value, str):
        if _has_surrogates(value):
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
    title = rec.get(fields.title)
    if title is not None and not isinstance(title, str):
        warnings.append(f"{fields.title!r} is a {type(title).__name__}, not a string: ignored")
        title = None
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
    try:
        while True:
            data = stream.read(block)
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
        yield lineno, None, (f"the compressed stream is truncated or corrupt here ({err}): "
                             f"records after line {lineno - 1} are lost")
        return
    if parts:
        lineno += 1
        yield lineno, b"".join(parts), None


def read_jsonl_stream(stream: io.BufferedIOBase, name: str, fields: FieldNames = FieldNames()) -> Iterator[dict]:
    """Items from a binary JSONL stream; blank lines are skipped, bad lines become error items."""
    for lineno, raw, broken in _lines(stream):
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
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        yield from read_jsonl_stream(f, path, fields)


def read_csv(path: str, fields: FieldNames = FieldNames()) -> Iterator[dict]:
    """Items from a CSV file with a header row (other columns become metadata)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are longer than csv's 128 KiB default
    with open(path, "r", encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        reader = csv.DictReader(f)
        start = 2
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield make_item(path, start, error=f"malformed CSV row: {err}")
                start = reader.reader.line_num + 1
                continue
            warnings: list[str] = []
            if any(isinstance(v, str) and _has_surrogates(v) for v in row.values()):
                warnings.append(_BAD_UTF8)  # surrogateescape marks the undecodable bytes
            extra = row.pop(None, None)  # values beyond the header
            if extra:
                warnings.append(f"row has {len(extra)} more values than the header: ignored")
            yield item_from_mapping(dict(row), path, start, fields, warnings)
            start = reader.reader.line_num + 1


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
    return item_from_mapping(rec, str(path), None, FieldNames(), warnings)


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
    kinds = [input_kind(p) for p in paths]  # fail on a bad path before reading anything
    for path, kind in zip(paths, kinds):
        if kind in ("jsonl", "stdin"):
            yield from read_jsonl(path, fields)
        elif kind == "csv":
            yield from read_csv(path, fields)
        elif kind == "dir":
            yield from read_directory(path)
        elif kind == "txt":
            yield read_text_file(Path(path), Path(path).stem)
        else:
            yield read_html_file(Path(path), Path(path).stem)


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

    Runs ``nlp.pipe`` over the batch; if a component raises, the batch is redone
    one article at a time so only the article that fails becomes an error record.
    """
    from .api import CHUNK_CHARS, MAX_CHARS, _make_doc, build_article, check_text, extract_checked, load, parse_published
    from .clean import sanitize

    limit = MAX_CHARS if max_chars is None else max_chars
    nlp = load()
    out: list[tuple[str, tuple] | None] = [None] * len(items)
    todo: list[tuple[int, str, Any]] = []
    for i, item in enumerate(items):
        if item.get("error"):
            out[i] = _safe_error_line(item, item["error"])
            continue
        try:
            text, notes = sanitize(check_text(item.get("text"), limit))
        except InputError as err:
            out[i] = _safe_error_line(item, str(err))
            continue
        if notes:
            item["warnings"] = list(item.get("warnings") or []) + notes
        try:
            pub = parse_published(item.get("published"))
        except InputError:
            item["warnings"] = list(item.get("warnings") or []) + [
                f"published {item.get('published')!r} is not an ISO date: ignored"]
            pub = None
        todo.append((i, text, pub))

    def one(i: int, text: str, pub: Any, doc: Any = None) -> None:
        item = items[i]
        try:
            if doc is None:
                art = extract_checked(nlp, text, pub, id=item.get("id"), title=item.get("title"))
            else:
                art = build_article(doc, text, id=item.get("id"), title=item.get("title"))
            out[i] = _finish(art, item)
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the run
            out[i] = _safe_error_line(item, f"extraction failed: {type(err).__name__}: {err}")

    for i, text, pub in todo:
        if len(text) > CHUNK_CHARS:  # processed in chunks, outside nlp.pipe
            one(i, text, pub)
    todo = [t for t in todo if out[t[0]] is None]
    try:
        docs = nlp.pipe((_make_doc(nlp, text, pub) for _, text, pub in todo), batch_size=max(1, len(todo)))
        for (i, text, pub), doc in zip(todo, docs):
            one(i, text, pub, doc)
    except Exception:  # noqa: BLE001 - redo the rest one by one to isolate the failing article
        for i, text, pub in todo:
            if out[i] is None:
                one(i, text, pub)
    return [res for res in out if res is not None]


# --------------------------------------------------------------------------- output

def arrow_schema():
    """The Parquet layout: one row per article, record lists as nested list<struct> columns.

    Columns follow :class:`~berita_extract.records.Article`: ``id``, ``title``,
    ``published`` (date32), ``officials`` ... ``foreign_amounts`` (each a list of
    structs with the record's fields, ``mentions`` a list of
    struct<text, start, end, rule>), ``warnings`` (list<string>), ``error``,
    ``source`` (struct<file, line>) and ``metadata`` (the pass-through fields as
    a JSON string).
    """
    import pyarrow as pa

    return pa.schema([pa.field(name, _arrow_type(f.annotation)) for name, f in Article.model_fields.items()])


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
        return pa.struct([pa.field(n, _arrow_type(f.annotation)) for n, f in annotation.model_fields.items()])
    # A Decimal (foreign sums) is stored as its JSON form, a decimal string, so it stays exact.
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), dt.date: pa.date32(),
            decimal.Decimal: pa.string()}[annotation]


def _arrow_row(art: dict) -> dict:
    import datetime as dt

    row = dict(art)
    row["metadata"] = json.dumps(art.get("metadata") or {}, ensure_ascii=False, sort_keys=True)
    if row.get("published"):
        row["published"] = dt.date.fromisoformat(row["published"])
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

    # -- lifecycle
    def start(self, config: dict, resume: bool) -> dict | None:
        """Prepare the output; return the saved state when resuming a run, else None."""
        if resume and self.state_path.is_file():
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if state.get("version") != STATE_VERSION or state.get("config") != config:
                raise BatchInputError(
                    f"{self.output} was started with other inputs or options ({state.get('config')}); "
                    "rerun with the same command, or without --resume to start over")
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

    def finish(self, summary: dict) -> None:
        """Move the finished output into place and remove the run's state."""
        if self.layout == "dir":
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
        with open(self.data_path, "r", encoding="utf-8") as f, pq.ParquetWriter(tmp, schema) as writer:
            while chunk := list(itertools.islice(f, size)):
                rows = [_arrow_row(json.loads(line)) for line in chunk]
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        os.replace(tmp, self.output)


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
        rate = done / self.elapsed if self.elapsed > 0 else 0.0
        lines = [
            f"articles read: {self.read:,}   written: {self.written:,}   failed: {self.failed:,}   "
            f"with warnings: {self.warned:,}   duplicate ids: {self.duplicates:,}",
            "records: " + ", ".join(f"{k} {v:,}" for k, v in self.records.items()),
            f"elapsed: {self.elapsed:.1f} s ({rate:,.1f} articles/s)"
            + (f", resumed after {self.resumed_from:,} articles" if self.resumed_from else ""),
        ]
        if self.output:
            lines.append(f"output: {self.output}")
        return "\n".join(lines)


class StrictFailure(BeritaError):
    """A record failed under ``strict=True``; the run stopped (completed chunks are kept for --resume)."""


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


Mapper = Callable[[Callable, Iterable[list]], Iterator[list]]


def _local_map(fn: Callable, tasks: Iterable[list]) -> Iterator[list]:
    return (fn(t) for t in tasks)


def run(inputs: Sequence[str], output: str, *, fields: FieldNames = FieldNames(), n_process: int = 1,
        batch_size: int = 32, shard_size: int = DEFAULT_SHARD_SIZE, shard_format: str | None = None,
        resume: bool = False, limit: int | None = None, strict: bool = False, duplicates: str = "warn",
        max_chars: int | None = None, engine: str = "local", scheduler: str | None = None,
        progress: bool = False, log: Callable[[str], None] | None = None) -> Summary:
    """Extract every record of ``inputs`` into ``output``; one output record per input record.

    ``n_process`` worker processes (``engine="local"``) or a Dask cluster
    (``engine="dask"``, ``scheduler`` its address; a local cluster of
    ``n_process`` workers without one) do the extraction; the output is the
    same bytes whichever runs it. ``resume`` continues a killed run.
    ``strict`` stops at the first failed record (raising :class:`StrictFailure`).
    ``duplicates`` is ``"warn"`` (a warning on the later record) or ``"error"``
    (the later record becomes an error record).
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
    state = sink.start(config, resume)
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
            sink.finish(summary.counts())
            summary.elapsed = time.perf_counter() - t0
            return summary

    items: Iterator[dict] = flag_duplicates(read_inputs(inputs, fields), as_error=duplicates == "error")
    if limit is not None:
        items = itertools.islice(items, limit)
    items = itertools.islice(items, skip, None)  # already written: read again (ids feed the duplicate check)

    dup_flags: deque[bool] = deque()  # the duplicate mark of each item sent out, in order

    def tasks() -> Iterator[list]:
        for chunk in _chunked(items, batch_size):
            dup_flags.extend(bool(it.pop("duplicate", False)) for it in chunk)
            yield chunk

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(initial=skip, unit=" articles", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
    pending: list[str] = []
    with _mapper(engine, n_process, scheduler) as mapper:
        task = _Task(max_chars)
        for results in mapper(task, tasks()):
            for line, stats in results:
                summary.add(stats, dup_flags.popleft())
                pending.append(line)
                if strict and stats[0]:
                    err = json.loads(line)
                    src = err.get("source") or {}
                    raise StrictFailure(f"{src.get('file')}:{src.get('line')}: {err['error']} "
                                        "(stopped by --strict; fix the input and rerun)")
                if len(pending) == shard_size:
                    sink.write_chunk(pending, summary.counts())
                    pending = []
            if bar is not None:
                bar.update(len(results))
    if pending:
        sink.write_chunk(pending, summary.counts())
    if bar is not None:
        bar.close()
    sink.finish(summary.counts())
    summary.elapsed = time.perf_counter() - t0
    return summary


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


class _mapper:
    """Context manager giving an ordered map over batches for the chosen engine."""

    def __init__(self, engine: str, n_process: int, scheduler: str | None):
        if engine not in ("local", "dask"):
            raise BatchInputError(f"engine must be 'local' or 'dask', not {engine!r}")
        self.engine, self.n_process, self.scheduler = engine, n_process, scheduler
        self._close: Callable[[], None] = lambda: None

    def __enter__(self) -> Mapper:
        if self.engine == "dask":
            from .distributed import ordered_map, connect

            client, self._close = connect(self.scheduler, self.n_process)
            return lambda fn, tasks: ordered_map(client, fn, tasks)
        if self.n_process == 1:
            return _local_map
        from .parallel import WorkerPool

        pool = WorkerPool(self.n_process)
        self._close = pool.close
        return pool.imap

    def __exit__(self, *exc) -> None:
        self._close()


__all__ = [
    "FieldNames", "Sink", "StrictFailure", "Summary", "arrow_schema", "error_record", "flag_duplicates",
    "input_kind", "process_items", "read_inputs", "read_output", "run",
]
