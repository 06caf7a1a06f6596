#!/usr/bin/env python3
"""Regenerate every figure and sample output of README.md from the real commands.

    .venv/bin/python scripts/readme_figures.py           # rewrite the seed, accuracy and peer blocks
    .venv/bin/python scripts/readme_figures.py --speed   # also run the benchmarks (minutes) for the speed block
    .venv/bin/python scripts/readme_figures.py --check   # exit 1, naming the blocks, if README.md is stale

Each generated block sits between ``<!-- figures:NAME -->`` and ``<!-- /figures:NAME -->``.
``tests/test_readme.py`` checks that the seed, accuracy and peer blocks are what this script
writes now; speed figures cannot be asserted, so for them it checks only the block's form.
Needs ``../shared`` (seed, dev, peer data) and the ``[test]`` extra.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHARED = Path(os.environ.get("BERITA_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "corpus" / "seed"
SPEED_COMMANDS = (("benchmarks/throughput.py",), ("benchmarks/scaling.py",))
"""The benchmarks whose output is the speed block, each run as ``python BENCHMARK``."""

_BLOCK = re.compile(r"<!-- figures:(?P<name>[\w-]+) -->\n(?P<body>.*?)<!-- /figures:(?P=name) -->", re.S)


# --------------------------------------------------------------------------- blocks in README.md

def blocks(readme: str) -> dict[str, str]:
    """``{name: body}`` of every marked block."""
    return {m["name"]: m["body"] for m in _BLOCK.finditer(readme)}


def replace_block(readme: str, name: str, body: str) -> str:
    """``readme`` with block ``name``'s body replaced (it must exist)."""
    if name not in blocks(readme):
        raise SystemExit(f"README.md has no <!-- figures:{name} --> block")
    return _BLOCK.sub(lambda m: m.group(0) if m["name"] != name else
                      f"<!-- figures:{name} -->\n{body}<!-- /figures:{name} -->", readme)


# --------------------------------------------------------------------------- the seed sample output

def _wrap(label: str, items: list[str]) -> list[str]:
    """``label`` then the items joined by ", ", continuation lines indented under the first item."""
    lines = textwrap.wrap(", ".join(items), width=100 - 14, break_long_words=False, break_on_hyphens=False) or [""]
    return [f"{label:<14}{lines[0]}"] + [" " * 14 + line for line in lines[1:]]


def _start(text: str, words: int = 4) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _code(name: str | None, code: str | None) -> str:
    return " ".join(x for x in (name, code) if x)


def seed_summary(art) -> str:
    """The README's abridged view of an Article: one line per record, lists wrapped."""
    out: list[str] = []
    width = max((len(o.name) for o in art.officials), default=0)
    for i, o in enumerate(art.officials):
        parts = [f'title "{o.title}"' + (f" ({o.title_canonical})" if o.title_canonical and
                                          o.title_canonical != o.title else "")] if o.title else []
        if o.region:
            parts.append(f"region {_code(o.region, o.region_code)}")
        if o.institution:
            parts.append(f"institution {o.institution}")
        if o.aliases:
            parts.append("alias " + ", ".join(o.aliases))
        parts.append(f"{len(o.mentions)} mention" + ("s" if len(o.mentions) != 1 else ""))
        out.append(f"{'officials' if i == 0 else '':<14}{o.name:<{width}}   " + ", ".join(parts))

    def institution(r) -> str:
        notes = [x for x in (r.kind, r.region_code) if x]
        return r.name + (f" ({', '.join(notes)})" if notes else "")

    out += _wrap("institutions", [institution(r) for r in art.institutions])
    for i, a in enumerate(art.amounts):
        line = f"{'amounts' if i == 0 else '':<14}{a.value:<12}{chr(34) + a.text + chr(34):<17}"
        if a.recipient:
            line += f"recipient {a.recipient}" + (f" ({a.recipient_type})" if a.recipient_type else "") + "   "
        out.append((line + f"rule {a.mentions[0].rule}" if a.mentions else line).rstrip())
    for i, s in enumerate(art.scores):
        name = s.index + (f" ({s.full_name})" if s.full_name else "")
        notes = [f"region {_code(s.region, s.region_code)}" if s.region else "",
                 f"source {s.source}" if s.source else ""]
        out.append(f"{'scores' if i == 0 else '':<14}{name} {s.value:g}" + "".join(f", {n}" for n in notes if n))
    for i, d in enumerate(art.dates):
        out.append(f"{'dates' if i == 0 else '':<14}{d.value:<12}\"{d.text}\"" + (" (relative)" if d.relative else ""))
    out += _wrap("places", [f"{p.name} ({_code(p.level, p.code)})" for p in art.places])
    out += _wrap("quotes", [f'{q.speaker or "?"} "{_start(q.text)}" ({q.verb or "-"})' for q in art.quotes])
    return "\n".join(line.rstrip() for line in out)


def seed_article():
    import berita_extract

    text = (SEED / "paser-pemilu-2024.txt").read_text(encoding="utf-8")
    return berita_extract.extract(text, id="paser-pemilu-2024")


def seed_block() -> str:
    art = seed_article()
    first = art.amounts[0]
    return (
        "```text\n" + seed_summary(art) + "\n```\n\n```python\n"
        f"art.amounts[0].value, art.amounts[0].recipient      # {(first.value, first.recipient)!r}\n"
        f"art.amounts[0].mentions[0]                          # {first.mentions[0]!r}\n"
        "```\n"
    )


# --------------------------------------------------------------------------- accuracy

def _report(gold_dir: Path):
    from berita_extract.evaluate import predict_dir
    from berita_extract.scoring import evaluate, load_gold

    return evaluate(load_gold(gold_dir), {str(p["id"]): p for p in predict_dir(gold_dir)})


def _dev_bars() -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_shared_corpus import DEV_BARS  # the bars the tests hold the dev set to

    return DEV_BARS


def accuracy_block() -> str:
    from berita_extract.scoring import FIELDS

    seed, dev, gold = _report(SEED), _report(SHARED / "corpus" / "dev"), _report(ROOT / "corpus" / "gold")
    bars = _dev_bars()
    rows = ["| field | seed F1 | dev (%d articles) P / R / F1 | own gold (`corpus/gold`, %d) F1 | bar (dev) |"
            % (dev.articles, gold.articles), "|---|---|---|---|---|"]
    for name in (*FIELDS, "micro"):
        s, d, g = ((r.micro if name == "micro" else r.fields[name]) for r in (seed, dev, gold))
        bar = bars.get(name, 0.85 if name == "micro" else None)
        rows.append(f"| {name} | {s.f1:.3f} | {d.precision:.3f} / {d.recall:.3f} / {d.f1:.3f} | {g.f1:.3f} | "
                    f"{'' if bar is None else f'{bar:.2f}'} |")
    titles = (f"Title accuracy over found officials: {dev.title_accuracy:.3f} on dev, "
              f"{seed.title_accuracy:.3f} on the seed, {gold.title_accuracy:.3f} on our gold.")
    return "\n".join(rows) + "\n\n" + titles + "\n"


# --------------------------------------------------------------------------- peer NER

_PEER_ROW = re.compile(r"^(\w+)\s+(ORG|LOC)\s+(exact|overlap)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+\d+\s+\d+$", re.M)


def peer_block() -> str:
    data = SHARED / "peer" / "idner-news-2k" / "test.txt"
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ner_peer.py"), "--data", str(data)], capture_output=True,
                         text=True, cwd=ROOT, check=True)
    rows = ["| ours | peer label | match | P | R | F1 |", "|---|---|---|---|---|---|"]
    rows += [f"| {' | '.join(m.groups())} |" for m in _PEER_ROW.finditer(res.stdout)]
    if len(rows) < 3:
        raise SystemExit(f"benchmarks/ner_peer.py printed no table:\n{res.stdout}{res.stderr}")
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------- speed

SPEED_HEAD = "Measured by `python scripts/readme_figures.py --speed` on {cpus} CPUs, {day}:"


def speed_block() -> str:
    out = [SPEED_HEAD.format(cpus=os.cpu_count(), day=_dt.date.today().isoformat()), "", "```text"]
    for cmd in SPEED_COMMANDS:
        archive = SHARED / "corpus" / "archive" / "news.jsonl"  # the default, unless BERITA_SHARED moves it
        res = subprocess.run([sys.executable, *cmd, "--archive", str(archive)], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        out += [f"$ python {' '.join(cmd)}", *res.stdout.rstrip().splitlines(), ""]
    out[-1] = "```"
    return "\n".join(out) + "\n"


def speed_block_ok(body: str) -> list[str]:
    """What is wrong with the form of a speed block (empty: it is what :func:`speed_block` writes)."""
    problems = []
    head = re.escape(SPEED_HEAD).replace(r"\{cpus\}", r"\d+").replace(r"\{day\}", r"\d{4}-\d\d-\d\d")
    if not re.match(head + r"\n\n```text\n", body):
        problems.append("the block does not open with the script's heading and a text block")
    for cmd in SPEED_COMMANDS:
        if f"\n$ python {' '.join(cmd)}\n" not in body:
            problems.append(f"no output of `python {' '.join(cmd)}`")
    if not body.endswith("```\n"):
        problems.append("the text block is not closed")
    return problems


GENERATED = {"seed": seed_block, "accuracy": accuracy_block, "peer": peer_block}
"""Blocks regenerated (and checked) every time; ``speed`` only with --speed."""


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if a block is stale")
    ap.add_argument("--speed", action="store_true", help="also run the benchmarks for the speed block")
    args = ap.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    new = readme
    for name, make in GENERATED.items():
        new = replace_block(new, name, make())
    if args.speed:
        new = replace_block(new, "speed", speed_block())
    problems = speed_block_ok(blocks(new).get("speed", ""))
    if args.check:
        stale = [n for n in GENERATED if blocks(new)[n] != blocks(readme)[n]]
        for n in stale:
            print(f"README.md: the {n} block is stale: run scripts/readme_figures.py", file=sys.stderr)
        for p in problems:
            print(f"README.md: speed block: {p}: run scripts/readme_figures.py --speed", file=sys.stderr)
        return 1 if stale or problems else 0
    if new != readme:
        README.write_text(new, encoding="utf-8")
    print("README.md " + ("updated" if new != readme else "already current"))
    for p in problems:
        print(f"speed block: {p}: run with --speed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
