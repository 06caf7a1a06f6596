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


AGREEMENT_ITEMS = [
    {"id": "baik", "text": "Bupati Paser Fahmi Fadli menyiapkan Rp 6,7 miliar, Senin (5/2/2024).",
     "published": "2024-02-06", "title": "Dana desa"},
    {"id": "judul-angka", "text": "Warga Desa Suka Maju hadir.", "title": 5},
    {"id": "tanggal-kata", "text": "Warga Desa Suka Maju hadir.", "published": "kemarin"},
    {"id": "tanggal-sampah", "text": "Warga hadir.", "published": "2024-02-06garbage"},
    {"id": "tahun-1", "text": "Rapat digelar kemarin di Paser.", "published": "0001-01-01"},
    {"id": "tahun-9999", "text": "Rapat digelar besok di Paser.", "published": "9999-12-31T10:00:00"},
    {"id": 7, "text": "Camat Long Ikis membuka pasar murah.", "published": "2024-02-06T10:15:00+08:00"},
    {"id": "teks-angka", "text": 5},
    {"id": "tanpa-teks"},
]
"""Items every batch path must answer alike (issue 15: one batch core): good ones, and each kind of bad field."""
