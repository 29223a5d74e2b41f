"""``hfs-i18n build`` end to end on a tiny project of our own (not the real content).

The tiny project uses the real layout and stylesheet (templates/layout, templates/static)
and a document written here, with an Arabic and a Turkish catalog of plain sentences, so
the tests know exactly which text each output must contain.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner
from support import REPO, make_project

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.cli import main
from hfs_i18n.config import load_project


def test_layout_of_dist(built: Path) -> None:
    dist = built / "dist"
    assert (dist / "index.html").is_file()
    for locale in ("en", "ar", "tr"):
        assert (dist / locale / "index.html").is_file()
        assert (dist / locale / "living.html").is_file()
        assert (dist / locale / "living.pdf").read_bytes().startswith(b"%PDF-")
        assert not (dist / locale / "index.pdf").exists()  # pages are HTML only
    assert (dist / "static" / "style.css").is_file()
    assert (dist / "static" / "fonts.css").is_file()
    assert list((dist / "static" / "fonts").glob("*.ttf"))
    assert not list(dist.rglob("*.tmp"))


def test_noop_rebuild_writes_nothing(built: Path) -> None:
    # Its speed (target < 0.5 s) is measured by benchmarks/build_speed.py, not here.
    project = load_project(built)
    before = {p: p.stat().st_mtime_ns for p in (built / "dist").rglob("*") if p.is_file()}
    result = build(project, BuildOptions(out=built / "dist", jobs=2))
    assert result.written == []
    after = {p: p.stat().st_mtime_ns for p in (built / "dist").rglob("*") if p.is_file()}
    assert before == after


def test_editing_a_catalog_rebuilds_only_that_locale(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    project = load_project(root)
    build(project, BuildOptions(out=root / "dist", jobs=1, formats=("html",)))
    po = root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("Yüzün bir", "Yüzünüzün bir"), encoding="utf-8"
    )
    result = build(project, BuildOptions(out=root / "dist", jobs=1, formats=("html",)))
    assert sorted(map(str, result.written)) == ["tr/index.html", "tr/living.html"]
    assert "Yüzünüzün bir" in (root / "dist" / "tr" / "living.html").read_text(encoding="utf-8")


def test_fuzzy_entries_fall_back_to_english(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    po = root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8").replace(
        'msgid "The muscles', '#, fuzzy\nmsgid "The muscles'
    )
    po.write_text(text, encoding="utf-8")
    build(load_project(root), BuildOptions(out=root / "dist", jobs=1, formats=("html",)))
    html = (root / "dist" / "tr" / "living.html").read_text(encoding="utf-8")
    assert "The muscles on one side of the face twitch." in html
    assert "Hemifasiyal spazm ile yaşamak" in html


def test_manifest_records_every_output(built: Path) -> None:
    manifest = json.loads((built / "dist" / ".hfs-build.json").read_text(encoding="utf-8"))
    assert {"index.html", "ar/living.pdf", "tr/living.html", "en/index.html"} <= set(manifest)


def test_cli_build_one_line_per_output_under_ci(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = CliRunner().invoke(
        main,
        ["--project", str(root), "build", "--locale", "tr", "--format", "html", "--jobs", "1"],
        env={"CI": "true"},
    )
    assert result.exit_code == 0, result.output
    assert "wrote tr/living.html" in result.output
    assert not (root / "dist" / "ar").exists()


def test_cli_bad_clinic_profile_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text('[clinic]\nname = "X"\naddress = "Y"\nphone = "12345"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--clinic", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "bad.toml" in result.output and "'email'" in result.output
    assert not (root / "dist").exists()


def test_cli_bad_document_list_names_the_field(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "templates" / "documents.toml").write_text(
        '[[documents]]\nslug = "x"\ntemplate = "documents/living.html"\nkind = "poster"\n'
        "reviewed = 2026-11-15\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--format", "html"])
    assert result.exit_code == 1
    assert "documents[1].kind" in result.output


def test_pseudo_locale_renders_rtl(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    build(
        load_project(root),
        BuildOptions(out=root / "dist", locales=("ar-XB", "en-XA"), formats=("html",), jobs=1),
    )
    assert 'dir="rtl"' in (root / "dist" / "ar-XB" / "living.html").read_text(encoding="utf-8")
    pseudo = (root / "dist" / "en-XA" / "living.html").read_text(encoding="utf-8")
    assert 'dir="ltr"' in pseudo
    # The pseudo catalog was made by build itself, from the templates (no POT, no
    # `hfs-i18n pseudo` run): the title is bracketed and accented.
    assert "<h1>[Ļîṽîñĝ ŵîţĥ ĥéɱîƒåçîåļ šþåšɱ" in pseudo


def test_help_does_not_import_weasyprint() -> None:
    code = (
        "import sys; from hfs_i18n.cli import main; import hfs_i18n.cli.build; "
        "print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [os.environ.get("PYTHON", "python"), "-c", code], capture_output=True, text=True, cwd=REPO
    )
    assert out.stdout.strip() == "False", out.stderr
