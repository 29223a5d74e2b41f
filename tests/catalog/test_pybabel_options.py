"""pybabel-compatible options of extract, update and compile, against GNU tools where one
answers the same question (msgmerge, msgfmt --statistics)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from support import TEMPLATE, requires_gettext, write_project

from hfs_i18n.cli import main
from hfs_i18n.formats.po import read_po, write_po


def run(project_dir: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project_dir), *args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "p")
    assert run(root, "extract").exit_code == 0
    assert run(root, "init", "tr").exit_code == 0
    assert run(root, "init", "ar").exit_code == 0
    return root


def tr_path(root: Path) -> Path:
    return root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"


def translate(root: Path, fuzzy: str | None = None) -> None:
    po = read_po(tr_path(root))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: "%(count)s ay", 1: "%(count)s ay"}
        else:
            entry.msgstr = "Çeviri: " + entry.msgid
        if entry.msgid == fuzzy:
            entry.flags.insert(0, "fuzzy")
    write_po(po, tr_path(root))


def change_template(root: Path, old: str, new: str) -> None:
    page = root / "templates" / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_extract_keyword_adds_a_function(tmp_path: Path):
    root = write_project(tmp_path / "k", TEMPLATE + '<p>{{ tr("Extra words") }}</p>\n')
    assert "Extra words" not in {e.msgid for e in _extract(root)}
    assert "Extra words" in {e.msgid for e in _extract(root, "-k", "tr")}
    only = _extract(root, "-k", "tr", "--no-default-keywords")
    assert [e.msgid for e in only] == ["Extra words"]
    bad = run(root, "extract", "-k", "tr:x")
    assert bad.exit_code == 1 and "invalid keyword" in bad.output


def _extract(root: Path, *args: str):
    result = run(root, "extract", *args)
    assert result.exit_code == 0, result.output
    return list(read_po(root / "locales" / "messages.pot"))


def test_update_no_fuzzy_matching_and_ignore_obsolete(project: Path):
    translate(project)
    change_template(project, "What is hemifacial spasm?", "What is a hemifacial spasm?")
    assert run(project, "extract").exit_code == 0
    result = run(project, "update", "--locale", "tr", "--no-fuzzy-matching", "--ignore-obsolete")
    assert result.exit_code == 0, result.output
    assert "0 fuzzy, 0 obsoleted" in result.output
    po = read_po(tr_path(project))
    assert not any(e.obsolete for e in po)
    new = next(e for e in po if e.msgid == "What is a hemifacial spasm?")
    assert new.msgstr == "" and "fuzzy" not in new.flags


def test_update_no_previous_keep_header_order_no_guess_language(project: Path):
    translate(project)
    po = read_po(tr_path(project))
    po.metadata = {k: v for k, v in po.metadata.items() if k != "Language"}
    po.metadata = {"Plural-Forms": po.metadata.pop("Plural-Forms"), **po.metadata}
    write_po(po, tr_path(project))
    change_template(project, "What is hemifacial spasm?", "What is a hemifacial spasm?")
    assert run(project, "extract").exit_code == 0
    args = ("--no-previous", "--keep-header-order", "--no-guess-language")
    assert run(project, "update", "--locale", "tr", *args).exit_code == 0
    after = read_po(tr_path(project))
    assert next(iter(after.metadata)) == "Plural-Forms"
    assert "Language" not in after.metadata
    fuzzy = next(e for e in after if e.msgid == "What is a hemifacial spasm?")
    assert "fuzzy" in fuzzy.flags and fuzzy.previous_msgid is None
    # The defaults are msgmerge's: GNU order, a guessed Language, '#|'.
    write_po(po, tr_path(project))
    assert run(project, "update", "--locale", "tr").exit_code == 0
    default = read_po(tr_path(project))
    assert next(iter(default.metadata)) == "Project-Id-Version"
    assert default.metadata["Language"] == "tr"
    assert next(e for e in default if e.msgid == "What is a hemifacial spasm?").previous_msgid


def test_update_init_missing_creates_the_catalog(project: Path):
    fa = project / "locales" / "fa" / "LC_MESSAGES" / "messages.po"
    refused = run(project, "update", "--locale", "fa")
    assert refused.exit_code == 1 and "hfs-i18n init fa" in refused.output
    result = run(project, "update", "--locale", "fa", "--init-missing")
    assert result.exit_code == 0, result.output
    assert "(created)" in result.output
    assert read_po(fa).metadata["Plural-Forms"].startswith("nplurals=2")


@requires_gettext
def test_compile_use_fuzzy_and_statistics_agree_with_msgfmt(project: Path):
    translate(project, fuzzy="Call us at %(phone)s.")
    path = tr_path(project)
    plain = run(project, "compile", "--locale", "tr", "--statistics")
    assert plain.exit_code == 0, plain.output
    gnu = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr.strip()
    assert f"({gnu.rstrip('.')})" in plain.output
    mo = path.with_suffix(".mo")
    without = mo.read_bytes()
    assert b"Call us at" not in without
    assert run(project, "compile", "--locale", "tr", "--use-fuzzy").exit_code == 0
    with_fuzzy = mo.read_bytes()
    assert b"Call us at" in with_fuzzy
    gnu_mo = project / "gnu.mo"
    subprocess.run(["msgfmt", "--use-fuzzy", "-o", str(gnu_mo), str(path)], check=True)
    # msgfmt's MO holds the same messages (polib reads both).
    ours = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo))}
    theirs = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(gnu_mo))}
    assert ours == theirs
