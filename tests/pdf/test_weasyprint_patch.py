"""The copy of WeasyPrint's ``draw_first_line`` is reviewed whenever upstream changes.

The test diffs the installed WeasyPrint's function against our copy and compares the
diff with the one recorded in ``tests/data/weasyprint-draw_first_line.diff``.  A new
WeasyPrint release (or an edit of our copy) changes the diff, and the test fails until
someone has read the change and recorded the new diff with
``HFS_RECORD_WEASYPRINT_DIFF=1 python3 -m pytest tests/pdf/test_weasyprint_patch.py``.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import os
from pathlib import Path

import weasyprint.draw.text
from support import REPO

from hfs_i18n.pdf import weasyprint_patch

RECORDED = REPO / "tests" / "data" / "weasyprint-draw_first_line.diff"


def function_source(path: Path, name: str) -> str:
    """A module-level function's code, read from the file (not the live object, which
    the patch replaces) and printed by ``ast`` so that quoting and line wrapping (ruff
    formats our copy) do not show in the diff; the docstring is left out."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            if ast.get_docstring(node) is not None:
                node.body = node.body[1:]
            return ast.unparse(node) + "\n"
    raise AssertionError(f"{name} not found in {path}")


def test_copy_differs_from_upstream_only_as_recorded() -> None:
    upstream = function_source(Path(inspect.getfile(weasyprint.draw.text)), "draw_first_line")
    ours = function_source(Path(inspect.getfile(weasyprint_patch)), "draw_first_line")
    diff = "".join(
        difflib.unified_diff(
            upstream.splitlines(keepends=True),
            ours.splitlines(keepends=True),
            f"weasyprint {weasyprint.__version__}",
            "hfs_i18n.pdf.weasyprint_patch",
        )
    )
    if os.environ.get("HFS_RECORD_WEASYPRINT_DIFF"):
        RECORDED.write_text(diff, encoding="utf-8")
    assert diff == RECORDED.read_text(encoding="utf-8"), (
        "WeasyPrint's draw_first_line and our copy differ other than recorded: review "
        "the change, then record it (see this module's docstring)"
    )


def test_patch_is_installed_only_on_supported_versions() -> None:
    assert weasyprint.__version__.startswith(weasyprint_patch.SUPPORTED)
