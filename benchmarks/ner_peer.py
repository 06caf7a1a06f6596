#!/usr/bin/env python3
"""Institutions against ORG spans and places against LOC spans of a peer NER test set.

    PYTHONPATH=src python benchmarks/ner_peer.py [--data ../shared/peer/idner-news-2k/test.txt] [--show N]

Other BIO files work too (ORGANIZATION/ORGANISATION count as ORG, LOCATION/PLACE as LOC), e.g.
``--data ../shared/peer/indolem_ner/ner/data/nerugm/test.01.tsv``.

The peer data (../shared/peer/README.md) is pre-tokenized, one ``token POS TAG`` line per token
and a blank line between sentences. Each sentence's text is its tokens joined by single spaces;
gold spans get their character offsets on that text. Every sentence goes through
``berita_extract.pipe``; a predicted mention (every mention of every institution or place record)
is compared with the gold spans two ways: exact (same start and end) and overlap (any shared
character). Labelling conventions differ from ours (the README's "Pemerintah Indonesia" example),
so the figures are a comparison, not a target: the script prints a table and asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "peer" / "idner-news-2k" / "test.txt"
PAIRS = (("institutions", "ORG"), ("places", "LOC"))
LABELS = {"ORGANIZATION": "ORG", "ORGANISATION": "ORG", "LOCATION": "LOC", "PLACE": "LOC"}
"""Label names of the other peer sets, read as ORG and LOC."""


def read_conll(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as (text, [(start, end, label)]) from a BIO file of ``token [POS] TAG`` lines.

    >>> import tempfile, os
    >>> f = tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt")
    >>> _ = f.write("Polres PROPN B-ORG\\r\\nPaser PROPN I-ORG\\r\\nsiaga VERB O\\r\\n\\r\\n"); f.close()
    >>> read_conll(Path(f.name))
    [('Polres Paser siaga', [(0, 12, 'ORG')])]
    >>> os.unlink(f.name)
    """
    sentences, tokens, tags = [], [], []

    def flush():
        if not tokens:
            return
        text, offsets, pos = "", [], 0
        for tok in tokens:
            if text:
                text += " "
            offsets.append((len(text), len(text) + len(tok)))
            text += tok
        spans, cur = [], None
        for (s, e), tag in zip(offsets, tags):
            kind, _, label = tag.partition("-")
            label = LABELS.get(label, label)
            if kind == "B" or (kind == "I" and (cur is None or cur[2] != label)):
                if cur:
                    spans.append(tuple(cur))
                cur = [s, e, label]
            elif kind == "I":
                cur[1] = e
            else:
                if cur:
                    spans.append(tuple(cur))
                cur = None
        if cur:
            spans.append(tuple(cur))
        sentences.append((text, spans))
        tokens.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split()
        if not parts:
            flush()
            continue
        tokens.append(parts[0])
        tags.append(parts[-1])
    flush()
    return sentences


def predicted(article, field: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for rec in getattr(article, field) for m in rec.mentions]


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and false positives per field")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found: pass --data PATH (see ../shared/peer/README.md)", file=sys.stderr)
        return 2
    import berita_extract

    sentences = read_conll(args.data)
    articles = list(berita_extract.pipe({"id": str(i), "text": t} for i, (t, _) in enumerate(sentences)))
    print(f"{args.data} : {len(sentences)} sentences")
    print(f"{'ours':<13}{'peer':<6}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}")
    for field, label in PAIRS:
        counts = {"exact": [0, 0], "overlap": [0, 0]}
        n_pred = n_gold = 0
        examples = {"miss": [], "false": []}
        for (text, gold), art in zip(sentences, articles):
            gold = [(s, e) for s, e, lab in gold if lab == label]
            pred = sorted(set(predicted(art, field)))
            n_pred += len(pred)
            n_gold += len(gold)
            for mode, same in (("exact", lambda a, b: a == b), ("overlap", lambda a, b: a[0] < b[1] and b[0] < a[1])):
                counts[mode][0] += sum(any(same(p, g) for g in gold) for p in pred)
                counts[mode][1] += sum(any(same(p, g) for p in pred) for g in gold)
            examples["false"] += [text[s:e] for s, e in pred if not any(s < ge and gs < e for gs, ge in gold)]
            examples["miss"] += [text[s:e] for s, e in gold if not any(s < pe and ps < e for ps, pe in pred)]
        for mode, (tp_p, tp_g) in counts.items():
            p, r, f = prf(tp_p, n_pred, tp_g, n_gold)
            print(f"{field:<13}{label:<6}{mode:<9}{p:>7.3f}{r:>7.3f}{f:>7.3f}{n_pred:>7}{n_gold:>7}")
        if args.show:
            print(f"  {field} false: {examples['false'][:args.show]}")
            print(f"  {field} missed: {examples['miss'][:args.show]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
