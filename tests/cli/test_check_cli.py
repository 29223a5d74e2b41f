"""``hfs-i18n check`` through click: exit codes, formats, selection, suppression, files."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import make_project

from hfs_i18n.cli import main

AR_HEADER = """msgid ""
msgstr ""
"Language: ar\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"

"""  # noqa: E501
TR_HEADER = """msgid ""
msgstr ""
"Language: tr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""

AR_CLEAN = """msgid "Is it contagious?"
msgstr "هل هو معدٍ؟"

#, python-format
msgid "Call %(phone)s."
msgstr "اتصل على %(phone)s."
"""
TR_BAD = """#, python-format
msgid "Call %(phone)s."
msgstr "Arayın."

msgid "Hello there."
msgstr "Merhaba  oradaki."

msgid "Not yet."
msgstr ""
"""

JSON_LOCALE_KEYS = {"total", "translated", "fuzzy", "untranslated", "obsolete", "percent"}
JSON_FINDING_KEYS = {"locale", "file", "line", "msgctxt", "msgid", "check", "severity", "message"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "hfs-i18n.toml").write_text(
        'locales = ["ar", "tr"]\ncatalogs = "locales"\n[min-complete]\nar = 100\n',
        encoding="utf-8",
    )
    for locale, text in (("ar", AR_HEADER + AR_CLEAN), ("tr", TR_HEADER + TR_BAD)):
        po = tmp_path / f"locales/{locale}/LC_MESSAGES/messages.po"
        po.parent.mkdir(parents=True)
        po.write_text(text, encoding="utf-8")
    return tmp_path


def invoke(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "check", *args])


def test_clean_locale_passes_and_errors_fail(project):
    ok = invoke(project, "--locale", "ar")
    assert ok.exit_code == 0, ok.output
    assert "ar: 100.00% complete (2 of 2; 0 fuzzy, 0 untranslated, 0 obsolete)" in ok.output
    bad = invoke(project)
    assert bad.exit_code == 1
    po = "locales/tr/LC_MESSAGES/messages.po"
    assert f"{po}:8: error: placeholder %(phone)s is missing from the translation" in bad.output
    assert f"{po}:11: warning: double space in the translation [double-space]" in bad.output
    assert "not translated" not in bad.output  # info is counted, not listed


def test_fail_on_warning(project):
    assert invoke(project, "--ignore", "placeholder").exit_code == 0
    assert invoke(project, "--ignore", "placeholder", "--fail-on", "warning").exit_code == 1


def test_min_complete(project):
    result = invoke(project, "--locale", "tr", "--ignore", "placeholder,double-space")
    assert result.exit_code == 0
    failed = invoke(project, "--locale", "tr", "--ignore", "placeholder,double-space",
                    "--min-complete", "90")  # fmt: skip
    assert failed.exit_code == 1
    assert "tr: 66.67% complete" in failed.output and "threshold 90%: FAIL" in failed.output


def test_json_schema(project):
    result = invoke(project, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"locales", "findings"}
    assert set(data["locales"]) == {"ar", "tr"}
    for stats in data["locales"].values():
        assert set(stats) == JSON_LOCALE_KEYS
    assert data["locales"]["tr"] == {
        "total": 3, "translated": 2, "fuzzy": 0, "untranslated": 1, "obsolete": 0,
        "percent": 66.67,
    }  # fmt: skip
    for finding in data["findings"]:
        assert set(finding) == JSON_FINDING_KEYS
    checks = [(f["locale"], f["line"], f["check"], f["severity"]) for f in data["findings"]]
    assert checks == [
        ("tr", 8, "placeholder-missing", "error"),
        ("tr", 11, "double-space", "warning"),
        ("tr", 14, "untranslated", "info"),
    ]
    assert data["findings"][0]["msgctxt"] is None
    assert data["findings"][0]["msgid"] == "Call %(phone)s."
    # One locale and one finding per line, so that reports diff line by line.
    lines = result.output.splitlines()
    assert lines[0:2] == ["{", '  "locales": {']
    assert lines[2].startswith('    "ar": {"total": ') and lines[2].endswith("},")
    assert lines[5] == '  "findings": ['
    assert lines[6] == (
        '    {"locale": "tr", "file": "locales/tr/LC_MESSAGES/messages.po", "line": 8, '
        '"msgctxt": null, "msgid": "Call %(phone)s.", "check": "placeholder-missing", '
        '"severity": "error", "message": "placeholder %(phone)s is missing from the '
        'translation"},'
    )
    assert lines[-2:] == ["  ]", "}"] and len(lines) == 11


def test_junit_is_valid_xml_with_a_case_per_locale_and_check(project):
    result = invoke(project, "--format", "junit")
    root = ET.fromstring(result.output.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["hfs-i18n check ar", "hfs-i18n check tr"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        for case in cases:
            assert case.get("classname") and case.get("name")
    tr_cases = {c.get("name"): c for c in suites[1].findall("testcase")}
    assert tr_cases["placeholder-missing"].find("failure") is not None
    assert tr_cases["double-space"].find("failure") is None  # a warning below --fail-on
    assert "double space" in tr_cases["double-space"].find("system-out").text
    assert tr_cases["bidi-override"].find("failure") is None
    assert int(root.get("failures")) == 1


GITHUB_RE = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,title=[^:]+::.+$")


def test_github_annotations(project):
    result = invoke(project, "--format", "github")
    lines = result.output.splitlines()
    assert lines and all(GITHUB_RE.match(line) for line in lines), lines
    po = "locales/tr/LC_MESSAGES/messages.po"
    assert lines[0].startswith(f"::error file={po},line=8,title=hfs-i18n placeholder-missing::")
    assert lines[1].startswith("::warning ")


def test_github_escapes_newlines_and_percent(tmp_path):
    po = tmp_path / "tr.po"
    po.write_text(TR_HEADER + 'msgid "50% off"\nmsgstr "%50  indirim"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--project", str(tmp_path), "check", "--format", "github", str(po)]
    )
    [line] = result.output.splitlines()
    assert line.endswith('::double space in the translation (msgid "50%25 off")')
    assert ",title=hfs-i18n double-space::" in line


def test_select_and_ignore(project):
    result = invoke(project, "--format", "json", "--select", "double-space")
    assert [f["check"] for f in json.loads(result.output)["findings"]] == ["double-space"]
    result = invoke(project, "--format", "json", "--ignore", "double-space,untranslated")
    assert [f["check"] for f in json.loads(result.output)["findings"]] == ["placeholder-missing"]
    unknown = invoke(project, "--select", "no-such-check")
    assert unknown.exit_code == 2 and "unknown check id 'no-such-check'" in unknown.output


def test_select_info_lists_info_findings(project):
    result = invoke(project, "--select", "untranslated")
    assert "info: not translated [untranslated]" in result.output


def test_suppression_comment(project):
    po = project / "locales/tr/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8").replace(
        'msgid "Hello there."', '# hfs-i18n: ignore double-space\nmsgid "Hello there."'
    )
    po.write_text(text, encoding="utf-8")
    data = json.loads(invoke(project, "--format", "json").output)
    assert "double-space" not in [f["check"] for f in data["findings"]]


def test_files_on_the_command_line_take_their_locale_from_the_header(tmp_path):
    po = tmp_path / "anything.po"
    po.write_text(TR_HEADER + TR_BAD, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--project", str(tmp_path), "check", "--format", "json", str(po)]
    )
    data = json.loads(result.output)
    assert list(data["locales"]) == ["tr"]
    assert {f["file"] for f in data["findings"]} == {str(po)}


def test_file_without_language_uses_path_or_locale_option(tmp_path):
    po = tmp_path / "fa.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hi"\nmsgstr "سلام"\n', encoding="utf-8")
    data = json.loads(
        CliRunner()
        .invoke(main, ["--project", str(tmp_path), "check", "--format", "json", str(po)])
        .output
    )
    assert list(data["locales"]) == ["fa"]
    other = tmp_path / "messages.po"
    other.write_text('msgid ""\nmsgstr ""\n\nmsgid "Hi"\nmsgstr "Merhaba"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "check", str(other)])
    assert result.exit_code == 2 and "cannot tell the locale" in result.output
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "check", "-l", "tr", str(other)])
    assert result.exit_code == 0, result.output


def test_malformed_file_is_exit_2_with_file_and_line(tmp_path):
    po = tmp_path / "tr.po"
    po.write_text(TR_HEADER + 'msgid "Hi"\nmsgstr "Merhaba\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "check", str(po)])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {po}:8: unterminated string" or (
        f"{po}:8: unterminated string" in result.output
    )
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(
        main, ["--project", str(tmp_path), "check", str(tmp_path / "no.po")]
    )
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_output_file(project, tmp_path):
    out = tmp_path / "report.json"
    result = invoke(project, "--format", "json", "-o", str(out))
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["locales"]["ar"]["percent"] == 100.0


def test_pseudo_reports_unmarked_template_text(tmp_path: Path) -> None:
    """Text typed into a template outside any message is reported at its line."""
    root = make_project(tmp_path)
    page = root / "templates" / "documents" / "overview.html"
    lines = page.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("<p>")) + 1
    lines.insert(at, "<p>Hello from a template</p>")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(*args: str):
        return CliRunner().invoke(
            main, ["--project", str(root), "check", "--select", "pseudo-unmarked", *args]
        )

    result = run("--pseudo", "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    [finding] = [f for f in findings if f["file"] == "templates/documents/overview.html"]
    assert finding["check"] == "pseudo-unmarked" and finding["severity"] == "error"
    assert finding["line"] == at + 1
    assert finding["msgid"] == "Hello from a template"
    assert run().exit_code == 0  # without --pseudo: not run
