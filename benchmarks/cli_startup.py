"""How long `hfs-i18n --help` takes, and which heavy libraries it imports (it should be none).

Usage: python benchmarks/cli_startup.py [RUNS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

HEAVY = ("weasyprint", "babel", "polib", "jinja2", "fontpkg")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    command = shutil.which("hfs-i18n")
    if command is None:
        sys.exit("hfs-i18n is not installed (pip install -e .)")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([command, "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    probe = (
        "import sys; from click.testing import CliRunner; from hfs_i18n.cli import main; "
        "CliRunner().invoke(main, ['--help']); "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    imported = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(
        f"hfs-i18n --help: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {runs} runs (target < 500 ms)"
    )
    print(f"heavy libraries imported by --help: {imported or 'none'}")


if __name__ == "__main__":
    main()
