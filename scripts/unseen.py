#!/usr/bin/env python3
"""The unseen-news regression set: draw a fresh sample, materialize it, score it.

    python scripts/unseen.py draw ROUND SEED N        # list N fresh archive ids
    python scripts/unseen.py materialize OUT_DIR      # ID.txt + ID.json for every round
    python scripts/unseen.py score [--json|--show-errors]  # extractor + ../shared/eval/score.py

Annotations live in ``corpus/unseen/<round>/<id>.json`` (the format of
``../shared/corpus/GUIDELINES.md``) with two extra keys: ``archive_id`` and
``text_sha256``. The text itself is the outlet's and stays in
``../shared/corpus/archive/news.jsonl``; ``materialize`` fetches it and refuses a
text whose hash no longer matches the one annotated. Standard library only, but
``score`` needs berita_extract importable.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNSEEN = ROOT / "corpus" / "unseen"
SHARED = Path(os.environ.get("BERITA_SHARED", ROOT.parent / "shared"))
ARCHIVE = SHARED / "corpus" / "archive" / "news.jsonl"


def article_text(record: dict) -> str:
    """The text as the extractor sees it: title, a blank line, the body (as in corpus/dev)."""
    title = (record.get("title") or "").strip()
    return f"{title}\n\n{record['text']}" if title else record["text"]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def archive(path: Path | None = None) -> dict[str, dict]:
    with (path or ARCHIVE).open(encoding="utf-8") as f:
        return {rec["id"]: rec for rec in map(json.loads, f)}


def annotated() -> list[Path]:
    return sorted(UNSEEN.glob("*/*.json"))


def already_seen(records: dict[str, dict]) -> set[str]:
    """Archive ids named anywhere in the repo, and archive texts that are dev or seed articles."""
    listed = subprocess.run(["git", "-C", str(ROOT), "grep", "-I", "-h", "-o", "-F", "-f", "-"],
                            input="\n".join(records), capture_output=True, text=True).stdout
    seen = set(listed.split())
    shared = [p.read_text(encoding="utf-8") for d in ("dev", "seed")
              for p in (SHARED / "corpus" / d).glob("*.txt")]
    probes = [t[200:300] for t in shared if len(t) > 300]
    seen |= {i for i, r in records.items() if any(p in r["text"] for p in probes)}
    return seen


def draw(seed: int, n: int) -> list[str]:
    """N archive ids nobody has looked at, drawn with ``random.Random(seed)``."""
    records = archive()
    seen = already_seen(records)
    pool = [i for i in records if i not in seen]
    return random.Random(seed).sample(pool, n)


def materialize(out: Path) -> Path:
    """Write ID.txt (from the archive) and ID.json (the annotation) for every annotated article."""
    records = archive()
    out.mkdir(parents=True, exist_ok=True)
    for path in annotated():
        gold = json.loads(path.read_text(encoding="utf-8"))
        rec = records.get(gold["archive_id"])
        if rec is None:
            raise SystemExit(f"{path}: archive id {gold['archive_id']} is not in {ARCHIVE}")
        text = article_text(rec)
        if sha256(text) != gold["text_sha256"]:
            raise SystemExit(f"{path}: the archive text changed since it was annotated")
        (out / f"{gold['id']}.txt").write_text(text, encoding="utf-8")
        (out / f"{gold['id']}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    if argv[:1] == ["draw"] and len(argv) == 4:
        for i in draw(int(argv[2]), int(argv[3])):
            print(i)
    elif argv[:1] == ["materialize"] and len(argv) == 2:
        materialize(Path(argv[1]))
    elif argv[:1] == ["score"]:
        with tempfile.TemporaryDirectory() as tmp:
            gold = materialize(Path(tmp) / "gold")
            from berita_extract.evaluate import predict_dir, write_jsonl

            pred = write_jsonl(predict_dir(gold), Path(tmp) / "pred.jsonl")
            subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred),
                            *argv[1:]], check=True)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
