"""Each copy of a WeasyPrint function is reviewed whenever upstream changes.

The test diffs the installed WeasyPrint's function against our copy and compares the
diff with the one recorded in ``tests/data/weasyprint-<function>.diff``.  A new
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

import pytest
import weasyprint.draw.text
import weasyprint.pdf.stream
import weasyprint.text.line_break
from support import REPO

from hfs_i18n.pdf import weasyprint_patch

DATA = REPO / "tests" / "data"
# (upstream module, upstream class or None, function name): our copy has the same name
# at the top of hfs_i18n.pdf.weasyprint_patch.
COPIES = [
    (weasyprint.draw.text, None, "draw_first_line"),
    (weasyprint.pdf.stream, "Stream", "add_font"),
    (weasyprint.text.line_break, "Layout", "setup"),
]


def function_source(path: Path, name: str, owner: str | None = None) -> str:
    """A function's code (a method of class ``owner``), read from the file (not the live
    object, which the patch replaces) and printed by ``ast`` so that quoting and line
    wrapping (ruff formats our copy) do not show in the diff; the docstring and
    comments are left out."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    if owner is not None:
        body = next(n.body for n in body if isinstance(n, ast.ClassDef) and n.name == owner)
    for node in body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            if ast.get_docstring(node) is not None:
                node.body = node.body[1:]
            return ast.unparse(node) + "\n"
    raise AssertionError(f"{name} not found in {path}")


@pytest.mark.parametrize(("module", "owner", "name"), COPIES, ids=[c[2] for c in COPIES])
def test_copy_differs_from_upstream_only_as_recorded(module, owner, name) -> None:  # type: ignore[no-untyped-def]
    recorded = DATA / f"weasyprint-{name}.diff"
    upstream = function_source(Path(inspect.getfile(module)), name, owner)
    ours = function_source(Path(inspect.getfile(weasyprint_patch)), name)
    diff = "".join(
        difflib.unified_diff(
            upstream.splitlines(keepends=True),
            ours.splitlines(keepends=True),
            f"weasyprint {weasyprint.__version__}",
            "hfs_i18n.pdf.weasyprint_patch",
        )
    )
    if os.environ.get("HFS_RECORD_WEASYPRINT_DIFF"):
        recorded.write_text(diff, encoding="utf-8")
    assert diff == recorded.read_text(encoding="utf-8"), (
        f"WeasyPrint's {name} and our copy differ other than recorded: review "
        "the change, then record it (see this module's docstring)"
    )


def test_patch_is_installed_only_on_supported_versions() -> None:
    assert weasyprint.__version__.startswith(weasyprint_patch.SUPPORTED)


def test_a_layout_with_font_features_leaves_its_attributes_to_the_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint 70 kept a reference to each such layout's attribute list (and leaked an
    attribute per layout): 18 KiB a handout that ``serve`` never got back.  Each list
    is now referenced by its layout only, so it is freed with it."""
    from weasyprint.text.ffi import ffi, pango

    from hfs_i18n.pdf.writer import PdfWriter

    writer = PdfWriter(allowed_dirs=[])  # installs the patch
    patched = weasyprint.text.line_break.Layout.setup
    references: list[int] = []

    def spy(self, style):  # type: ignore[no-untyped-def]
        patched(self, style)
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes != ffi.NULL:
            references.append(ffi.cast("unsigned int *", attributes)[0])  # its ref_count

    monkeypatch.setattr(weasyprint.text.line_break.Layout, "setup", spy)
    html = (
        '<html lang="en"><head><title>t</title></head><body>'
        '<p style="font-variant-numeric: tabular-nums">Dose 12.5 units</p></body></html>'
    )
    assert writer.write(html, base_url=tmp_path.as_uri() + "/").startswith(b"%PDF-")
    assert references  # the paragraph's layouts have a feature (tnum) list
    assert set(references) == {1}
