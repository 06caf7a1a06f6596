"""Build the data the officials component reads: positions, modifiers, ranks, honorifics, degrees,
the vocabulary of position words, person-name words, common words, and region names.

Sources: ../shared/gazetteer/curated/{titles,ranks,title_modifiers}.csv (unverified starter lists),
corrected and extended by the hand-kept models/sources/*.csv; ../shared/gazetteer/regions.csv and
cahyadsn-wilayah/wilayah.sql (region and district names); ../shared/peer/idner-news-2k (MIT) for
words seen inside person names; ../shared/corpus/archive/news.jsonl for words that are usually
written in lower case (only the word list is kept, no text).
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

from ._common import csv_text, header, read_csv

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _sources(root: Path, name: str) -> list[dict]:
    return read_csv(root / "models" / "sources" / name)


def _titles(shared: Path, root: Path) -> str:
    rows: dict[str, dict] = {}
    for r in read_csv(shared / "gazetteer" / "curated" / "titles.csv"):
        if r.get("kind", "title") != "title":
            continue  # the curated list's tail mixes in TNI ranks; ranks.csv has them
        rows[r["form"]] = {"form": r["form"], "full_form": r["full_form"], "scope": r["scope"],
                           "institution": "", "lower": "0", "complement": "0", "source": "curated"}
    for r in _sources(root, "titles.csv"):
        rows[r["form"]] = dict(r, source="sources")
    # "Presiden Republik Indonesia" is not how news spells the office it names "Presiden".
    out = sorted(rows.values(), key=lambda r: r["form"].lower())
    return header(
        "Positions (jabatan) that introduce an official, with the spelled-out form and the institution",
        "the office heads. Built by scripts/builders/people.py from ../shared/gazetteer/curated/titles.csv",
        "(source=curated; unverified starter list) and models/sources/titles.csv (source=sources; hand-kept,",
        "checked against news text; wins where both have a form).",
    ) + csv_text(["form", "full_form", "scope", "institution", "lower", "complement", "source"], out)


def _modifiers(shared: Path, root: Path) -> str:
    rows: dict[str, dict] = {}
    for r in read_csv(shared / "gazetteer" / "curated" / "title_modifiers.csv"):
        role = "modifier" if r["form"] in {"Pj", "Plt", "Plh", "Pjs", "Wakil"} else "prefix"
        rows[r["form"]] = {"form": r["form"], "full_form": r["full_form"], "role": role, "source": "curated"}
    for r in _sources(root, "title_modifiers.csv"):
        rows[r["form"]] = dict(r, source="sources")
    rows = {k: v for k, v in rows.items() if v["role"] != "prefix" or v["source"] == "sources"}
    # Words like Ketua/Anggota/Sekretaris the curated list files as modifiers are positions (titles.csv).
    out = sorted(rows.values(), key=lambda r: r["form"])
    return header(
        "Words before a position: modifier (Pj, Plt, Plh, Pjs, Wakil), former (mantan, eks) and contracted",
        "prefixes (Ka-, Dan-: documentation only). Built by scripts/builders/people.py from",
        "../shared/gazetteer/curated/title_modifiers.csv and models/sources/title_modifiers.csv.",
    ) + csv_text(["form", "full_form", "role", "source"], out)


def _ranks(shared: Path, root: Path) -> str:
    rows: dict[str, dict] = {}
    for r in read_csv(shared / "gazetteer" / "curated" / "ranks.csv"):
        service = r["service"].split(" (")[0]
        rows[r["form"]] = {"form": r["form"], "full_form": r["full_form"], "service": service, "source": "curated"}
    for r in _sources(root, "ranks.csv"):
        rows[r["form"]] = dict(r, source="sources")
    out = sorted(rows.values(), key=lambda r: (r["service"] == "corps", r["form"]))
    return header(
        "Police and military ranks written before a name, and TNI corps words that follow a rank",
        "(service=corps). Built by scripts/builders/people.py from ../shared/gazetteer/curated/ranks.csv",
        "and models/sources/ranks.csv.",
    ) + csv_text(["form", "full_form", "service", "source"], out)


def _copy(root: Path, name: str, fields: list[str], what: str) -> str:
    rows = _sources(root, name)
    return header(what, f"Copied by scripts/builders/people.py from models/sources/{name} (hand-kept).") + csv_text(fields, rows)


def _units(shared: Path) -> list[str]:
    """Short forms of bodies an office belongs to (Polres, DPRD, KPU): the curated institutions list."""
    return sorted({r["form"] for r in read_csv(shared / "gazetteer" / "curated" / "institutions.csv")
                   if " " not in r["form"] and r["form"] not in {"Kecamatan", "Kelurahan", "Desa", "Dinas"}})


def _title_words(shared: Path, root: Path) -> list[str]:
    words = {r["word"] for r in _sources(root, "title_words.csv")}
    for name in ("titles.csv", "institutions.csv"):
        for r in read_csv(shared / "gazetteer" / "curated" / name):
            for w in WORD.findall(r["full_form"]) + WORD.findall(r["form"]):
                if w[0].isupper() and len(w) > 2:
                    words.add(w)
    for r in _sources(root, "titles.csv"):
        words.update(w for w in WORD.findall(r["full_form"] + " " + r["form"]) if w[0].isupper())
    return sorted(words)


def _name_words(shared: Path, hand_kept: set[str]) -> list[str]:
    """Words inside PER spans of the idner-news-2k train and dev splits (the test split is kept for benchmarks),
    minus the hand-kept position words (the set tags a few party names as persons)."""
    counts: collections.Counter = collections.Counter()
    for split in ("train.txt", "dev.txt"):
        path = shared / "peer" / "idner-news-2k" / split
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[-1].endswith("PER"):
                tok = parts[0]
                if tok[:1].isupper() and tok.isalpha() and len(tok) > 1:
                    counts[tok] += 1
    return sorted(w for w in counts if w.upper() != w and w not in hand_kept)


SPEAKER = re.compile(r"\b(?:kata|ujar|ungkap|jelas|tutur|imbuh|tegas|ucap|papar|terang|menurut|pungkas|lanjut)"
                     r"\s+((?:[A-Z][a-z'’]+\s?){1,3})")


def _speaker_words(shared: Path, exclude: set[str]) -> list[str]:
    """Capitalised words right after a reporting verb in the archive ("kata Purbaya"): mostly names.
    Seen at least twice, minus position, common and region words."""
    counts: collections.Counter = collections.Counter()
    path = shared / "corpus" / "archive" / "news.jsonl"
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            for m in SPEAKER.finditer(json.loads(line).get("text", "")):
                counts.update(m.group(1).split())
    return sorted(w for w, n in counts.items() if n >= 2 and w not in exclude and w.lower() not in exclude)


def _common_words(shared: Path) -> list[str]:
    """Words the archive writes mostly in lower case mid-sentence (so a capitalised one is rarely a name)."""
    lower: collections.Counter = collections.Counter()
    upper: collections.Counter = collections.Counter()
    path = shared / "corpus" / "archive" / "news.jsonl"
    token = re.compile(r"(?<=[a-z,] )[A-Za-z][a-z]+\b")
    for line in path.read_text(encoding="utf-8").split("\n"):  # texts hold U+2028, which splitlines() splits on
        if not line.strip():
            continue
        text = json.loads(line).get("text", "")
        for m in token.finditer(text):
            w = m.group()
            (upper if w[0].isupper() else lower)[w.lower()] += 1
    return sorted(w for w, n in lower.items() if n >= 3 and n >= 2 * upper.get(w, 0) and upper.get(w, 0) > 0)


def _regions(shared: Path, root: Path) -> list[dict]:
    """Region names and aliases with their code; a form shared by two regions gets no code."""
    forms: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    for r in read_csv(shared / "gazetteer" / "regions.csv"):
        for f in [r["name"], *(a for a in r["aliases"].split(";") if a)]:
            forms[f.strip()].add((r["code"], r["level"]))
    sql = (shared / "gazetteer" / "cahyadsn-wilayah" / "wilayah.sql").read_text(encoding="utf-8")
    for code, name in re.findall(r"\('(\d\d\.\d\d\.\d\d)','([^']+)'\)", sql):
        forms[name.strip()].add((code, "district"))
    for r in _sources(root, "extra_regions.csv"):
        forms[r["form"]].add(("", r["level"]))
    out = []
    for f, codes in sorted(forms.items()):
        # A district named after its regency ("Ponorogo") yields to the regency.
        if len({c for c in codes if c[1] != "district"}) == 1:
            codes = {c for c in codes if c[1] != "district"}
        levels = {lv for _, lv in codes}
        code = next(iter(codes))[0] if len(codes) == 1 else ""
        level = next(iter(levels)) if len(levels) == 1 else "mixed"
        out.append({"form": f, "code": code, "level": level})
    return out


def build(shared: Path, root: Path) -> dict[str, str]:
    title_words = _title_words(shared, root)
    units = _units(shared)
    common = _common_words(shared)
    peer = _name_words(shared, {r["word"] for r in _sources(root, "title_words.csv")})
    exclude = set(title_words) | set(units) | set(common) | {r["word"] for r in _sources(root, "not_names.csv")}
    exclude |= {w for r in read_csv(shared / "gazetteer" / "regions.csv") for f in [r["name"], *r["aliases"].split(";")]
                for w in f.split()}
    exclude |= {w for r in _sources(root, "titles.csv") for w in r["form"].split()}
    exclude |= {r["form"] for r in _sources(root, "honorifics.csv")}
    archive = [w for w in _speaker_words(shared, exclude) if w not in set(peer)]
    names = [{"word": w, "source": "peer"} for w in peer] + [{"word": w, "source": "archive"} for w in archive]
    return {
        "titles.csv": _titles(shared, root),
        "title_modifiers.csv": _modifiers(shared, root),
        "ranks.csv": _ranks(shared, root),
        "honorifics.csv": _copy(root, "honorifics.csv", ["form", "kind"],
                                "Honorifics and forms of address split off a name (kind: religious, academic, address, customary)."),
        "named_bodies.csv": _copy(root, "named_bodies.csv", ["word"],
                                  "Nouns that take a proper name after them; an unknown word there is not a person."),
        "not_names.csv": _copy(root, "not_names.csv", ["word"],
                               "Capitalised words that are never part of a person's name after a position."),
        "degrees.csv": _copy(root, "degrees.csv", ["form"],
                             "Academic degrees written after a name; matched ignoring dots and spaces."),
        "title_words.csv": header(
            "Words that belong to a position or body name, never the start of a person's name. Built by",
            "scripts/builders/people.py: models/sources/title_words.csv plus every capitalised word of the full",
            "forms in ../shared/gazetteer/curated/{titles,institutions}.csv and models/sources/titles.csv.",
            "unit=1 marks the one-word short forms of bodies in curated/institutions.csv (Polres, DPRD, KPU).",
        ) + csv_text(["word", "unit"], [{"word": w, "unit": int(w in units)} for w in sorted(set(title_words) | set(units))]),
        "name_words.csv": header(
            "Words seen in person names: source=peer for words inside PER spans of ../shared/peer/idner-news-2k",
            "train and dev splits (MIT licence), minus models/sources/title_words.csv; source=archive for",
            "capitalised words right after a reporting verb (kata, ujar, ...) in ../shared/corpus/archive/news.jsonl",
            "at least twice, minus position, common, region and not-name words (only the word list is kept).",
            "Built by scripts/builders/people.py.",
        ) + csv_text(["word", "source"], names),
        "common_words.csv": header(
            "Words that ../shared/corpus/archive/news.jsonl writes in lower case at least twice as often as",
            "capitalised mid-sentence (and at least 3 times): a capitalised one is seldom a name. Only the word",
            "list is kept. Built by scripts/builders/people.py.",
        ) + csv_text(["word"], [{"word": w} for w in common]),
        "office_regions.csv": header(
            "Region names an office can carry (province, regency, city and district names and aliases) with",
            "their Kemendagri code (empty when the form names more than one region). Built by",
            "scripts/builders/people.py from ../shared/gazetteer/regions.csv and cahyadsn-wilayah/wilayah.sql (MIT),",
            "and country and police-region names (no code) from models/sources/extra_regions.csv (hand-kept).",
        ) + csv_text(["form", "code", "level"], _regions(shared, root)),
    }
