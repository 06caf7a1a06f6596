"""Invented Indonesian news text and input files for the batch tests (no outlet's sentences)."""

from __future__ import annotations

import json
from pathlib import Path

SENTENCES = [
    "Bupati Tanah Merah Budi Santoso meresmikan jembatan senilai Rp 4,5 miliar di Desa Sungai Lima.",
    "Kapolres Tanah Merah AKBP Rudi Hartono mengatakan arus mudik berjalan lancar, Senin (3/6/2024).",
    '"Kami akan terus memantau harga beras di pasar," kata Kepala Dinas Perdagangan Sri Wahyuni.',
    "Inflasi di Kota Batu Hijau tercatat 2,4 persen pada Mei 2024 menurut BPS setempat.",
    "DPRD Provinsi Kalimantan Timur menyetujui anggaran pendidikan sebesar Rp 1,2 triliun.",
    "Warga Kecamatan Long Ikis menggelar kerja bakti membersihkan saluran air pada Minggu pagi.",
    "Pemkab Paser menyalurkan bantuan beasiswa kepada 250 mahasiswa berprestasi tahun ini.",
]


def article(i: int, n_sentences: int = 4) -> dict:
    """A made-up article record, different for every ``i``."""
    text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(n_sentences))
    return {"id": f"art-{i:05d}", "title": f"Berita nomor {i}", "published": "2024-06-03",
            "text": f"TANAH MERAH - Laporan {i}. {text}", "portal": "contoh.id"}


def write_jsonl(path: Path, records: list) -> Path:
    """``records`` (dicts, or raw ``bytes``/``str`` lines written as they are) as a JSONL file."""
    with open(path, "wb") as f:
        for rec in records:
            if isinstance(rec, bytes):
                f.write(rec + b"\n")
            elif isinstance(rec, str):
                f.write(rec.encode("utf-8") + b"\n")
            else:
                f.write(json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n")
    return path
