"""Build models/institutions.csv and models/institution_regions.csv.

institutions.csv: the curated starter list (../shared/gazetteer/curated/institutions.csv,
unverified) merged with the hand-kept models/sources/international_bodies.csv and
models/sources/institutions_extra.csv, whose rows
win (same ``form``) and may drop a curated row (kind ``drop``: a place or generic noun,
never an institution by itself). Curated kinds are mapped onto the record's kinds.

institution_regions.csv: the surface forms of province, regency and city names (with their codes) from
../shared/gazetteer/regions.csv, used only to find where a region after a unit ends
("DPRD Bone" in "Ketua DPRD Bone Andi ...") and to tell one region from another in a key;
the region_code field itself comes from the places component.

institution_stopwords.csv: words that end such a region or name.
"""

from __future__ import annotations

from pathlib import Path

from ._common import csv_text, header, read_csv

FIELDS = ["form", "full_form", "kind", "scope", "variants", "takes", "standalone", "source"]
KINDS = {"government", "legislature", "police", "military", "election", "judicial",
         "party", "company", "media", "school", "other", "drop"}
# The curated list's own kinds, read as record kinds.
CURATED_KIND = {
    "forum": "government", "local-agency": "government", "agency": "government",
    "ministry": "government", "ministry-branch": "government",
    "state-enterprise": "company", "justice": "judicial",
}


def _curated_row(row: dict) -> dict:
    kind = CURATED_KIND.get(row["kind"], row["kind"])
    national = row["scope"] == "national"
    return {
        "form": row["form"], "full_form": row["full_form"], "kind": kind, "scope": row["scope"],
        "variants": "", "takes": "" if national else "region", "standalone": "yes", "source": "curated",
    }


def build_institutions(shared: Path, root: Path) -> str:
    curated = read_csv(shared / "gazetteer" / "curated" / "institutions.csv")
    # International bodies first: institutions_extra.csv wins on a form both list.
    extra = [*read_csv(root / "models" / "sources" / "international_bodies.csv"),
             *read_csv(root / "models" / "sources" / "institutions_extra.csv")]
    rows: dict[str, dict] = {}
    for row in curated:
        rows[row["form"]] = _curated_row(row)
    for row in extra:
        if row["kind"] not in KINDS:
            raise SystemExit(f"models/sources: unknown institution kind {row['kind']!r} for {row['form']!r}")
        src = "curated+extra" if row["form"] in rows else "extra"
        rows[row["form"]] = {**{k: row.get(k, "") for k in FIELDS}, "source": src}
    kept = [r for r in rows.values() if r["kind"] != "drop"]
    dropped = [{**r, "kind": "drop"} for r in rows.values() if r["kind"] == "drop"]
    return header(
        "Institutions: acronyms, full forms, kinds and how each form combines (see scripts/builders/institutions.py).",
        "Built from ../shared/gazetteer/curated/institutions.csv (written for this project, unverified; source=curated)",
        "checked and extended by models/sources/institutions_extra.csv (hand-kept; source=extra or curated+extra)",
        "and models/sources/international_bodies.csv (hand-kept international and foreign bodies; source=extra).",
        "takes: region = followed by a region, number = by a unit number, name = a head word before a proper name.",
        "kind drop: never an institution by itself (places, generic nouns); these forms are blocked, not matched.",
    ) + csv_text(FIELDS, kept + dropped)


def build_regions(shared: Path) -> str:
    forms: dict[str, str] = {}
    for row in read_csv(shared / "gazetteer" / "regions.csv"):
        names = [row["name"], *[a for a in row["aliases"].split(";") if a]]
        for name in names:
            codes = forms.setdefault(name.strip(), [])
            if row["code"] not in codes:
                codes.append(row["code"])
    rows = [{"form": f, "codes": ";".join(c)} for f, c in sorted(forms.items())]
    return header(
        "Surface forms of Indonesian provinces, regencies and cities (names and aliases), one per row.",
        "From ../shared/gazetteer/regions.csv (Kemendagri codes via cahyadsn/wilayah, MIT; aliases see its",
        "regions_alias_provenance.csv). Used by the institutions component only to bound a region after a unit.",
    ) + csv_text(["form", "codes"], rows)


def build_stopwords(shared: Path, root: Path) -> str:
    words = {r["word"]: r["why"] for r in read_csv(root / "models" / "sources" / "institution_stopwords.csv")}
    for name, why in (("titles.csv", "title"), ("ranks.csv", "rank")):
        for row in read_csv(shared / "gazetteer" / "curated" / name):
            first = row["form"].split()[0]
            words.setdefault(first, f"{why} (curated)")
    rows = [{"word": w, "why": why} for w, why in sorted(words.items())]
    return header(
        "Capitalised words that end a region or proper name read after an institution's head word.",
        "From models/sources/institution_stopwords.csv (hand-kept) plus the first word of every form in",
        "../shared/gazetteer/curated/titles.csv and ranks.csv (written for this project, unverified).",
    ) + csv_text(["word", "why"], rows)


def build_sector_words(root: Path, institutions_csv: str) -> str:
    words = {r["word"] for r in read_csv(root / "models" / "sources" / "institution_sector_words.csv")}
    lines = [line for line in institutions_csv.splitlines() if not line.startswith("#")]
    import csv

    rows = list(csv.DictReader(lines))
    heads = {r["form"] for r in rows if r["takes"] in ("name", "sector")}
    for row in rows:
        if row["kind"] != "drop" and row["takes"]:
            words.update(w for w in row["full_form"].replace(",", " ").split() if w[:1].isupper() and w not in heads)
    return header(
        "Words that make up the names of government units after a head word (Dinas, Badan, Komisi, Kementerian).",
        "From models/sources/institution_sector_words.csv (hand-kept) plus every capitalised word of the full",
        "forms in models/institutions.csv.",
    ) + csv_text(["word"], [{"word": w} for w in sorted(words)])


def build(shared: Path, root: Path) -> dict[str, str]:
    institutions = build_institutions(shared, root)
    return {
        "institutions.csv": institutions,
        "institution_sector_words.csv": build_sector_words(root, institutions),
        "institution_regions.csv": build_regions(shared),
        "institution_stopwords.csv": build_stopwords(shared, root),
    }
