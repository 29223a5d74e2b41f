"""GNU gettext 0.21 as the oracle on real catalogs (``tests/data/real``): the writer is
``msgcat``, ``update`` is ``msgmerge --previous``, ``compile`` agrees with ``msgfmt --check``.

The same comparisons as ``benchmarks/gnu_parity.py``, on the committed files."""

from __future__ import annotations

import ctypes.util
import random
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, requires_gettext

from hfs_i18n.catalog.compile import compile_problems
from hfs_i18n.catalog.update import merge_catalog
from hfs_i18n.formats.po import read_po, write_po
from hfs_i18n.formats.po_layout import format_po

sys.path.insert(0, str(REPO / "benchmarks"))
from gnu_parity import derive, roughen

REAL = sorted((REPO / "tests" / "data" / "real").rglob("*.po"))
ids = ["/".join(p.parts[-2:]) for p in REAL]


def _gnu(*args: str) -> bytes:
    return subprocess.run(args, capture_output=True, check=True).stdout


def test_the_real_catalogs_are_there():
    assert len(REAL) >= 4


@requires_gettext
@pytest.mark.parametrize("path", REAL, ids=ids)
@pytest.mark.parametrize("width", [79, 60, 100, 0])
def test_writer_is_msgcat(path: Path, width: int):
    option = "--no-wrap" if width == 0 else f"--width={width}"
    assert format_po(read_po(path), width).encode() == _gnu("msgcat", option, str(path))


@requires_gettext
@pytest.mark.parametrize("path", REAL, ids=ids)
@pytest.mark.parametrize("rough", [False, True])
def test_update_is_msgmerge_previous(path: Path, rough: bool, tmp_path: Path):
    pot = derive(read_po(path), random.Random(3), 0.4)
    pot_path = tmp_path / "derived.pot"
    write_po(pot, pot_path)
    if rough:
        rough_path = tmp_path / "rough.po"
        write_po(roughen(read_po(path), random.Random(3)), rough_path)
        path = rough_path
    gnu = _gnu("msgmerge", "--previous", "-q", str(path), str(pot_path), "-o", "-")
    catalog = read_po(path)
    merge_catalog(catalog, read_po(pot_path))
    assert format_po(catalog).encode() == gnu


@requires_gettext
@pytest.mark.parametrize("path", REAL, ids=ids)
def test_compile_agrees_with_msgfmt_check(path: Path):
    gnu = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, check=False
    )
    problems = compile_problems(read_po(path), path)
    assert (gnu.returncode != 0) == bool(problems), [str(p) for p in problems]
    for problem in problems:
        assert str(problem).startswith(f"{path}:{problem.line}: ")


@pytest.mark.skipif(
    ctypes.util.find_library("unistring") is None, reason="needs libunistring (msgcat's)"
)
def test_line_break_tables_are_libunistrings():
    """Notices a libunistring upgrade (a new Unicode version) on this machine."""
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_linebreak_tables.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
