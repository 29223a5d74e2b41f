"""What each report format of ``hfs-i18n check`` costs, as a ratio to ``--format json``.

    python benchmarks/report_formats.py [--entries N] [--repeat R]

The text report reads each catalog with a listed finding a second time, to show the
offending ``msgstr`` / ``msgstr[N]`` lines with their own line numbers; this prints what
that costs against JSON (which lists everything and reads nothing again), on the
synthetic catalogs of ``synth.py`` with their planted defects, in the same run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth
from check_speed import HFS, OUT, measure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs (default 3)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    synth.generate(OUT, args.entries)
    files = [str(OUT / f"{locale}.po") for locale in synth.LOCALES]
    walls = {}
    for fmt in ("json", "text", "junit", "github"):
        cmd = [*HFS, "check", "--format", fmt, "-o", str(OUT / f"report.{fmt}"), *files]
        walls[fmt], _, _ = measure([cmd], args.repeat)
    print(f"catalogs: {', '.join(files)} ({args.entries} entries each)")
    for fmt, wall in walls.items():
        print(f"check --format {fmt:6} {wall:6.2f} s  {wall / walls['json']:.2f}x json")


if __name__ == "__main__":
    main()
