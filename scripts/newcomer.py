#!/usr/bin/env python3
"""A newcomer's first hour, as a script: follow README.md on a fresh clone and report every stumble.

    python3 scripts/newcomer.py [--repo PATH] [--suite-runs 2] [--keep]

Clones the repository's committed HEAD into a fresh temporary folder (with ``../shared``
beside it as a link, as in the layout the README assumes), runs the README's two set-up
commands (``dev.py test`` ``--suite-runs`` times in that one clone: the suite must pass
twice in a row), then every other command the README shows (each line of its ```bash
blocks and each inline command starting ``berita-extract`` or ``python``), from the
clone's root with ``.venv/bin`` first on PATH as after ``source .venv/bin/activate``.
Each must exit 0 and print no traceback. A few commands are not run, each for a
reason printed (see SKIP). Exit status 1 if any command failed. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP = ("python3 scripts/dev.py demo", "python3 scripts/dev.py test")
"""The README's two set-up commands, run first and in this order."""
SKIP = {
    "pip install .": "installs into the caller's environment; .ci/run checks a wheel install apart",
    "python benchmarks/throughput.py": "minutes of timing; its output is README's speed block (readme_figures --speed)",
    "python benchmarks/scaling.py": "minutes of timing; its output is README's speed block (readme_figures --speed)",
    "python benchmarks/links_coverage.py": "extracts the whole archive (minutes); prints coverage figures, asserts nothing",
    "python scripts/build_models.py": "rewrites models/ in the clone; tests/test_models_integrity.py checks it",
    "python scripts/readme_figures.py": "rewrites README.md in the clone; tests/test_readme.py checks it",
    "python scripts/readme_figures.py --speed": "runs the benchmarks (tens of minutes) to rewrite README's speed block",
}
"""Commands of the README not run here, with the reason."""
TRACEBACK = "Traceback (most recent call last)"
_INLINE = re.compile(r"`((?:berita-extract|python3?) [^`]+)`")


def readme_commands(readme: str) -> list[str]:
    """Every command README.md shows: lines of ```bash blocks, then inline `berita-extract ...`/`python ...`.

    Comments (``# ...``) are dropped; placeholders in upper case (FILE, INPUT) mark a synopsis,
    not a command, and are left out; each command appears once, in order.

    >>> readme_commands("```bash\\nberita-extract schema   # JSON\\n```\\nthen `python x.py` or `berita-extract run INPUT...`")
    ['berita-extract schema', 'python x.py']
    """
    found: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                found.append(line)
    found += [m.group(1).strip() for m in _INLINE.finditer(re.sub(r"```.*?```", "", readme, flags=re.S))]
    out = []
    for cmd in found:
        if cmd not in out and not re.search(r"\b[A-Z]{3,}\b", cmd.replace("README", "")):
            out.append(cmd)
    return out


def run(cmd: str, cwd: Path, env: dict, log: Path) -> tuple[bool, str]:
    """Run one command with bash, as a reader would type it; (ok, why not): ok when it exits 0 and prints no traceback."""
    print(f"$ {cmd}", flush=True)
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
    text = log.read_text(encoding="utf-8", errors="replace")
    took = time.monotonic() - started
    if proc.returncode != 0:
        why = f"exit status {proc.returncode}"
    elif TRACEBACK in text:
        why = "printed a traceback"
    else:
        print(f"  ok ({took:.0f} s)", flush=True)
        return True, ""
    print(f"  FAILED: {why} ({took:.0f} s); last lines:\n" + "\n".join("    " + x for x in text.splitlines()[-25:]),
          flush=True)
    return False, why


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", type=Path, default=ROOT, help="the git repository to clone (default: this one)")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("BERITA_SHARED", ROOT.parent / "shared")),
                    help="the ../shared folder to put beside the clone")
    ap.add_argument("--suite-runs", type=int, default=2, help="times to run `dev.py test` in the one clone "
                    "(0: install only, for a quick look at the other commands)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args(argv)

    top = Path(tempfile.mkdtemp(prefix="newcomer-"))
    clone, logs = top / "berita_extract", top / "logs"
    logs.mkdir()
    failures: list[tuple[str, str]] = []
    try:
        subprocess.run(["git", "clone", "--quiet", str(args.repo.resolve()), str(clone)], check=True)
        if args.shared.is_dir():
            (top / "shared").symlink_to(args.shared.resolve(), target_is_directory=True)
        else:
            print(f"note: {args.shared} is absent: commands that read ../shared will fail", flush=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "BERITA_SHARED")}
        commands = readme_commands((clone / "README.md").read_text(encoding="utf-8"))
        missing = [c for c in SETUP if c not in commands]
        if missing:
            failures.append((", ".join(missing), "the README no longer shows these set-up commands"))
        # --suite-runs 0: install with every extra as `dev.py test` does, collecting the tests only
        steps = [SETUP[0]] + ([SETUP[1]] * args.suite_runs or [SETUP[1] + " --collect-only -q"])
        for n, cmd in enumerate(steps):
            ok, why = run(cmd, clone, env, logs / f"setup-{n}.log")
            if not ok:
                failures.append((cmd, why))
        if failures:
            raise SystemExit(1)
        # as after `source .venv/bin/activate`
        env = {**env, "VIRTUAL_ENV": str(clone / ".venv"),
               "PATH": f"{clone / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"}
        for n, cmd in enumerate(c for c in commands if c not in SETUP):
            if cmd in SKIP:
                print(f"$ {cmd}\n  not run: {SKIP[cmd]}", flush=True)
                continue
            ok, why = run(cmd, clone, env, logs / f"cmd-{n}.log")
            if not ok:
                failures.append((cmd, why))
    except SystemExit:
        pass
    finally:
        print(f"\n{len(failures)} command(s) failed" + "".join(f"\n  {c}: {w}" for c, w in failures))
        if args.keep:
            print(f"kept {top}")
        else:
            shutil.rmtree(top, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
