"""Every command finds its project from a subfolder, the way git, ruff and pytest do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hfs_i18n.cli import main
from hfs_i18n.config import find_project_root

TR_PO = """msgid ""
msgstr ""
"Language: tr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Hello."
msgstr "Merhaba."

msgid "Not yet."
msgstr ""
"""


def _project(root: Path, config_name: str = "hfs-i18n.toml") -> Path:
    body = 'locales = ["tr"]\ncatalogs = "locales"\n'
    if config_name == "pyproject.toml":
        body = '[project]\nname = "clinic"\n[tool.hfs-i18n]\n' + body
    (root / config_name).write_text(body, encoding="utf-8")
    po = root / "locales/tr/LC_MESSAGES/messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(TR_PO, encoding="utf-8")
    return po.parent


@pytest.mark.parametrize("config_name", ["hfs-i18n.toml", "pyproject.toml"])
def test_check_and_stats_work_from_a_subfolder(tmp_path, monkeypatch, config_name):
    monkeypatch.chdir(_project(tmp_path, config_name))
    result = CliRunner().invoke(main, ["check"])
    assert "no locales configured" not in result.output
    assert "tr: 50.00% complete" in result.output
    stats = CliRunner().invoke(main, ["stats", "--format", "json"])
    assert stats.exit_code == 0, stats.output
    assert '"tr"' in stats.output


def test_a_pyproject_without_our_table_does_not_stop_the_search(tmp_path, monkeypatch):
    _project(tmp_path)
    package = tmp_path / "tools" / "package"
    package.mkdir(parents=True)
    (package / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_project_root(package) == tmp_path.resolve()


def test_the_nearest_project_wins(tmp_path):
    _project(tmp_path)
    inner = tmp_path / "clinics" / "other"
    inner.mkdir(parents=True)
    (inner / "hfs-i18n.toml").write_text('locales = ["ar"]\n', encoding="utf-8")
    assert find_project_root(inner / ".") == inner.resolve()


def test_no_project_anywhere_means_the_current_folder(tmp_path):
    assert find_project_root(tmp_path) == tmp_path.resolve()


def test_project_option_still_wins(tmp_path, monkeypatch):
    subfolder = _project(tmp_path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "hfs-i18n.toml").write_text("locales = []\n", encoding="utf-8")
    monkeypatch.chdir(subfolder)
    result = CliRunner().invoke(main, ["--project", str(other), "check"])
    assert "no locales configured" in result.output


def test_a_broken_pyproject_on_the_way_up_is_a_one_line_error(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)
    result = CliRunner().invoke(main, ["stats"])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "Traceback" not in result.output
