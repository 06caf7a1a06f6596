#!/usr/bin/env python3
"""Build the data files under models/ from ../shared/gazetteer and hand-kept sources.

    python scripts/build_models.py [--shared ../shared] [--check]

Each module in scripts/builders/ has ``build(shared: Path, root: Path) -> dict[str, str]``
mapping a file name under models/ to its full content (provenance header included).
Hand-kept sources live in models/sources/ and are read, never written, here.
``--check`` writes nothing and exits 1 if a built file differs from the one in models/
(tests/test_models_integrity.py runs the same check).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def builders():
    import builders as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield info.name, importlib.import_module(f"builders.{info.name}")


def build_all(shared: Path) -> dict[str, str]:
    """Every built file's name under models/ and its content."""
    out: dict[str, str] = {}
    for name, module in builders():
        for file_name, content in module.build(shared, ROOT).items():
            if file_name in out:
                raise SystemExit(f"two builders write models/{file_name} (the second is {name})")
            out[file_name] = content
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--check", action="store_true", help="compare, write nothing")
    args = ap.parse_args(argv)
    if not (args.shared / "gazetteer").is_dir():
        raise SystemExit(f"no gazetteer under {args.shared}: pass --shared PATH")
    stale = []
    for file_name, content in build_all(args.shared).items():
        path = ROOT / "models" / file_name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(file_name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            print(f"wrote models/{file_name} ({content.count(chr(10))} lines)")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python scripts/build_models.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
