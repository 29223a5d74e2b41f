"""Fonts per script in a build: a missing glyph stops it, a clinic's own file is used.

End to end on the tiny project of ``support.make_project`` through the CLI, as a clinic
runs it: the error is one line naming locale, document, characters with code points
and script, the exit status is 1 and the broken page is not written.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import fontpkg
import pytest
from click.testing import CliRunner
from support import ARABIC, make_project

from hfs_i18n.cli import main
from hfs_i18n.config import load_project
from hfs_i18n.errors import InputError

THAI = "ครึ่งหน้า"  # Thai: no font of ours has it


def _build(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--project", str(root), "build", "--out", str(root / "dist"), "-j", "1", *args]
    )
    return result.exit_code, result.output


@pytest.fixture
def thai_in_arabic(tmp_path: Path) -> Path:
    """A translator pasted Thai into the Arabic catalog."""
    arabic = dict(ARABIC, **{"Sleep well.": f"نم جيدًا {THAI}."})
    return make_project(tmp_path, arabic)


@pytest.mark.parametrize("format_", ["html", "pdf"])
def test_a_character_without_font_fails_the_build(thai_in_arabic: Path, format_: str) -> None:
    code, output = _build(thai_in_arabic, "--locale", "ar", "--format", format_)
    assert code == 1, output
    error = [line for line in output.splitlines() if "no font has" in line]
    assert len(error) == 1, output
    line = error[0]
    assert "locale ar" in line and f"document living ({format_})" in line
    assert "'ค' (U+0E04, Thai)" in line and "'ร' (U+0E23, Thai)" in line
    assert "add a font for Thai" in line
    assert "Traceback" not in output
    assert not (thai_in_arabic / "dist" / "ar" / f"living.{format_}").exists()


def test_every_shipped_locale_builds(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    code, output = _build(root, "--format", "html")
    assert code == 0, output


def _with_fonts(root: Path, table: str) -> None:
    config = root / "hfs-i18n.toml"
    config.write_text(config.read_text(encoding="utf-8") + table, encoding="utf-8")


def test_a_clinics_font_file_replaces_a_scripts_font(tmp_path: Path) -> None:
    """[fonts] Latn: the clinic's file sets Latin in every locale, on the web and in PDFs;
    a per-locale table ([fonts.ar]) changes only that locale's pages."""
    root = make_project(tmp_path)
    (root / "fonts").mkdir()
    shutil.copy(fontpkg.path("Noto Sans", weight=400), root / "fonts" / "clinic-sans.ttf")
    # A Latin-only font for Arabic in Arabic pages: proves the override reaches them.
    shutil.copy(fontpkg.path("Noto Sans", weight=400), root / "fonts" / "latin-only.ttf")
    _with_fonts(root, '\n[fonts]\nLatn = "fonts/clinic-sans.ttf"\n')
    code, output = _build(root, "--locale", "en", "--locale", "tr")
    assert code == 0, output
    static = root / "dist" / "static"
    assert (static / "fonts" / "clinic-sans.ttf").is_file()
    css = (static / "fonts.css").read_text(encoding="utf-8")
    assert 'src: url("fonts/clinic-sans.ttf")' in css
    assert "NotoSans[" not in css  # the package's Latin font is no longer served

    _with_fonts(root, '[fonts.ar]\nArab = "fonts/latin-only.ttf"\n')
    project = load_project(root)
    assert project.fonts[""] == {"Latn": root / "fonts" / "clinic-sans.ttf"}
    assert project.fonts["ar"] == {"Arab": root / "fonts" / "latin-only.ttf"}
    code, output = _build(root, "--locale", "ar", "--format", "pdf")
    assert code == 1 and "locale ar" in output and "Arabic" in output, output
    code, output = _build(root, "--locale", "tr", "--locale", "ar", "--format", "html")
    assert code == 1 and "(U+0627, Arabic)" in output, output
    css = (static / "fonts.css").read_text(encoding="utf-8")
    assert re.search(r':lang\(ar\) \{ font-family: "HFS Arabic ar", "HFS Sans ar"', css)
    assert ':lang(tr) { font-family: "HFS Sans", "HFS Arabic", sans-serif; }' in css


def test_fonts_css_sets_each_language_in_its_scripts_font_first(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    code, output = _build(root, "--format", "html")
    assert code == 0, output
    css = (root / "dist" / "static" / "fonts.css").read_text(encoding="utf-8")
    assert ':lang(ar) { font-family: "HFS Arabic", "HFS Sans", sans-serif; }' in css
    assert ':lang(en) { font-family: "HFS Sans", "HFS Arabic", sans-serif; }' in css
    # Every served font file is there, each script's face limited to its script.
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert (root / "dist" / "static" / url).is_file(), url
    assert re.search(r'"HFS Sans"; src: url\("fonts/Heebo[^"]*"\).*unicode-range: U\+5', css)


@pytest.mark.parametrize(
    "table",
    ['fonts = "x.ttf"\n', '[fonts]\nHebrew = "x.ttf"\n', "[fonts]\nHebr = 3\n"],
    ids=["not-a-table", "not-a-script", "not-a-path"],
)
def test_bad_font_settings_are_one_line_errors(tmp_path: Path, table: str) -> None:
    (tmp_path / "hfs-i18n.toml").write_text(table, encoding="utf-8")
    with pytest.raises(InputError, match="'fonts' must map a script"):
        load_project(tmp_path)


def test_a_font_file_that_is_not_a_font_is_a_one_line_error(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "fonts").mkdir()
    (root / "fonts" / "broken.ttf").write_bytes(b"not a font")
    _with_fonts(root, '\n[fonts]\nHebr = "fonts/broken.ttf"\n')
    code, output = _build(root, "--locale", "en", "--format", "html")
    assert code == 1 and "broken.ttf: not a usable font file" in output, output
    assert "Traceback" not in output
    shutil.copy(fontpkg.path("Heebo", weight=400), root / "fonts" / "broken.ttf")  # mended
    _with_fonts(root, '[fonts.ar]\nArab = "fonts/missing.ttf"\n')
    code, output = _build(root, "--locale", "ar", "--format", "html")
    assert code == 1 and "missing.ttf: not a usable font file" in output, output


def test_a_clinics_font_file_is_served_but_not_its_folder(tmp_path: Path) -> None:
    """The fetcher serves the clinic's font file itself, not the folder it sits in (a
    project root holds catalogs and more); the override's key may be gettext-style."""
    from hfs_i18n.pdf.writer import PdfWriter

    own = tmp_path / "ClinicSans.ttf"
    shutil.copy(fontpkg.path("Noto Sans", weight=400), own)
    (tmp_path / "secret.css").write_text("p { color: red }", encoding="utf-8")
    writer = PdfWriter(allowed_dirs=[], font_overrides={"pt_BR": {"Latn": own}})
    html = (
        '<html lang="pt-BR"><head><title>Olá</title>'
        f'<link rel="stylesheet" href="{(tmp_path / "secret.css").as_uri()}"></head>'
        "<body><p>Olá, espasmo hemifacial.</p></body></html>"
    )
    assert writer.write(html, base_url=tmp_path.as_uri() + "/").startswith(b"%PDF-")
    assert own.as_uri() in writer.log.fetched
    assert [url for url in writer.log.refused if url.endswith("secret.css")]
