"""What a pre-commit hook waits for: ``hfs-i18n check`` on one 1,000-entry catalog.

    python benchmarks/check_precommit.py [--entries N] [--repeat R]

Generates a 1,000-entry Arabic catalog with planted defects (``synth.py``) and times,
best of R runs: the checks themselves (``check_file`` in this process: reading,
every check, the findings; the budget is 100 ms), the whole command as a hook runs it
(a new Python process: interpreter start and imports included), and GNU
``msgfmt --check`` on the same file as the peer measured in the same run.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

ROOT = synth.ROOT
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks/out/precommit"
HFS = [sys.executable, "-c", "from hfs_i18n.cli import main; main()"]
BUDGET = 0.100


def best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from hfs_i18n.checks import CHECKS
    from hfs_i18n.checks.project import CatalogJob, check_file

    OUT.mkdir(parents=True, exist_ok=True)
    synth.generate(OUT, args.entries)
    path = OUT / "ar.po"
    checks = [c for c in CHECKS.values() if c.scope != "project"]
    job = CatalogJob(path, str(path))
    check_file(job, checks)  # warm: imports, compiled patterns, CLDR data
    inside = best(lambda: check_file(job, checks), args.repeat)
    command = best(
        lambda: subprocess.run(
            [*HFS, "check", str(path)], capture_output=True, check=False, cwd=OUT
        ),
        args.repeat,
    )
    msgfmt = shutil.which("msgfmt")
    peer = None
    if msgfmt:
        peer = best(
            lambda: subprocess.run(
                [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True
            ),
            args.repeat,
        )
    entries = sum(
        1 for line in path.read_text(encoding="utf-8").splitlines() if line[:6] == "msgid "
    )
    print(f"catalog: {path} ({entries - 1} entries), best of {args.repeat}")
    verdict = "ok" if inside <= BUDGET else "OVER"
    print(f"checks (in process):      {inside * 1000:7.1f} ms  budget 100 ms: {verdict}")
    print(f"hfs-i18n check (process): {command * 1000:7.1f} ms")
    if peer is not None:
        print(f"msgfmt --check (process): {peer * 1000:7.1f} ms")
        print(f"ratio hfs-i18n check / msgfmt --check: {command / peer:.1f}x")


if __name__ == "__main__":
    main()
