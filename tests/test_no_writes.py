"""Commands that read never write: only ``dist/`` (or ``--out``) changes.

Planning a build, ``readability`` and ``check --pseudo`` used to write pseudo catalogs
and ``.mo`` files into ``locales/``; now every catalog is compiled in memory.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from click.testing import CliRunner
from support import REPO

from hfs_i18n.build import BuildOptions, make_plan
from hfs_i18n.cli import main
from hfs_i18n.config import load_project


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "dist" not in p.relative_to(root).parts
    }


def test_reading_commands_and_build_leave_the_project_untouched(tmp_path: Path) -> None:
    root = tmp_path / "content"
    for name in ("templates", "locales", "glossary", "clinics"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo", "*-X?"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    before = snapshot(root)

    def run(*args: str) -> None:
        result = CliRunner().invoke(main, ["--project", str(root), *args])
        assert result.exit_code == 0, result.output

    run("readability")
    run("check", "--pseudo")
    run("stats")
    make_plan(load_project(root), BuildOptions(out=root / "dist", locales=("en-XA", "ar")))
    run("build", "--format", "html", "--locale", "ar", "--locale", "en-XA")
    assert snapshot(root) == before
    assert (root / "dist" / "ar" / "index.html").is_file()
