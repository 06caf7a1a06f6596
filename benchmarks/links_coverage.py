#!/usr/bin/env python3
"""How many records carry their links over the archive (prints figures, asserts nothing).

    PYTHONPATH=src python benchmarks/links_coverage.py [--archive ../shared/corpus/archive/news.jsonl]
        [--records OUT.jsonl] [--baseline /work/baseline/archive.jsonl] [--sample 30 --seed 10]

Without ``--records`` the archive is extracted in this process (``berita_extract.pipe``);
with it, an existing run's output (``berita-extract run``) is read instead. ``--baseline`` prints
the same figures for another run's output beside them (e.g. one of main before issue 10).
``--sample N`` prints N random links (amount recipients, score regions and periods) with the text
around them, for a hand check (docs/links_check.md).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "corpus" / "archive" / "news.jsonl"


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _extract(archive: Path) -> tuple[list[dict], dict[str, str]]:
    sys.path.insert(0, str(ROOT / "src"))
    import berita_extract

    items = _read(archive)
    texts = {str(i.get("id")): i.get("text") or "" for i in items}
    feed = ({"id": i.get("id"), "text": i.get("text") or "", "published": i.get("published"),
             "title": i.get("title")} for i in items)
    return [a.model_dump(mode="json") for a in berita_extract.pipe(feed)], texts


def figures(records: list[dict]) -> dict[str, float | int]:
    amounts = [a for r in records for a in r.get("amounts") or []]
    scores = [s for r in records for s in r.get("scores") or []]
    officials = [o for r in records for o in r.get("officials") or []]

    def share(items, pred):
        return round(sum(1 for x in items if pred(x)) / len(items), 3) if items else 0.0

    return {
        "articles": len(records),
        "amounts": len(amounts),
        "amounts with a recipient": share(amounts, lambda a: a.get("recipient")),
        "amounts with a record recipient": share(amounts, lambda a: a.get("recipient_type") in
                                                 ("institution", "official", "place")),
        "amounts with a payer": share(amounts, lambda a: a.get("payer")),
        "amounts with a role": share(amounts, lambda a: a.get("role")),
        "amounts flagged converted": share(amounts, lambda a: a.get("converted_from")),
        "scores": len(scores),
        "scores with a region": share(scores, lambda s: s.get("region")),
        "scores with a period": share(scores, lambda s: s.get("period")),
        "scores with region and period": share(scores, lambda s: s.get("region") and s.get("period")),
        "scores with an indicator key": share(scores, lambda s: s.get("indicator")),
        "officials": len(officials),
        "officials with a region": share(officials, lambda o: o.get("region")),
    }


def sample(records: list[dict], texts: dict[str, str], n: int, seed: int) -> None:
    links = []
    for r in records:
        for i, a in enumerate(r.get("amounts") or []):
            if a.get("recipient"):
                links.append((r["id"], f"amounts[{i}].recipient", a["recipient"], a["mentions"][0]))
        for i, s in enumerate(r.get("scores") or []):
            if s.get("region"):
                links.append((r["id"], f"scores[{i}].region", s["region"], s["mentions"][0]))
            if s.get("period"):
                links.append((r["id"], f"scores[{i}].period", s["period"], s["mentions"][0]))
    for art, where, value, m in random.Random(seed).sample(links, min(n, len(links))):
        text = texts.get(str(art), "")
        around = " ".join(text[max(0, m["start"] - 200):m["end"] + 80].split())
        print(f"- {art} {where} = {value!r} on {m['text']!r}\n    {around}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--records", type=Path, help="read this run output instead of extracting")
    ap.add_argument("--baseline", type=Path, help="another run output to compare with")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=10)
    args = ap.parse_args(argv)
    if args.records:
        records = _read(args.records)
        texts = {str(i.get("id")): i.get("text") or "" for i in _read(args.archive)} if args.sample else {}
    else:
        records, texts = _extract(args.archive)
    ours = figures(records)
    base = figures(_read(args.baseline)) if args.baseline else None
    print(f"{'':34} {'this run':>10}" + (f" {'baseline':>10}" if base else ""))
    for k, v in ours.items():
        print(f"{k:34} {v:>10}" + (f" {base.get(k, ''):>10}" if base else ""))
    if args.sample:
        print()
        sample(records, texts, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
