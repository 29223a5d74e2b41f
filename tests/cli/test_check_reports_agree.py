"""The four report formats tell one story (checked with junitparser, a JUnit reader).

A locale below its threshold fails in every format, and every format lists the
untranslated and fuzzy entries that keep it there as ``file:line``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import junitparser
import pytest
from click.testing import CliRunner

from hfs_i18n.cli import main

AR_HEADER = """msgid ""
msgstr ""
"Language: ar\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"

"""  # noqa: E501
AR_BODY = """msgid "Is it contagious?"
msgstr "هل هو معدٍ؟"

#, python-format
msgid "one month"
msgid_plural "%(n)s months"
msgstr[0] "%(n)s شهر"
msgstr[1] "شهر"
msgstr[2] "شهران"
msgstr[3] ""
msgstr[4] "%(n)s شهرا"
msgstr[5] "%(n)s شهر"

#, fuzzy
msgid "Rest for a day."
msgstr "استرح يوما."
"""
LONG = "word " * 80
TR = f"""msgid ""
msgstr ""
"Language: tr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgid "Call %(phone)s. {LONG}"
msgstr "Arayın. {LONG}"

msgid "Hello there."
msgstr "Merhaba  oradaki."

msgid "Not yet."
msgstr ""
"""
AR_PO = "locales/ar/LC_MESSAGES/messages.po"
TR_PO = "locales/tr/LC_MESSAGES/messages.po"
MSGID_ONE_MONTH = 'msgid "one month"'
MSGID_REST = 'msgid "Rest for a day."'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "hfs-i18n.toml").write_text(
        'locales = ["ar", "tr"]\n[min-complete]\nar = 100\ntr = 50\n', encoding="utf-8"
    )
    for name, text in ((AR_PO, AR_HEADER + AR_BODY), (TR_PO, TR)):
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def run(project: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(project), "check", "--format", fmt])
    assert result.exit_code == 1, result.output
    return result.output


def _line_of(project: Path, file: str, prefix: str) -> int:
    lines = (project / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))


def test_every_format_fails_ar_completeness_and_lists_its_entries(project: Path) -> None:
    untranslated = f"{AR_PO}:{_line_of(project, AR_PO, MSGID_ONE_MONTH)}"
    fuzzy = f"{AR_PO}:{_line_of(project, AR_PO, MSGID_REST)}"
    text = run(project, "text")
    assert f"{untranslated}: info: 1 of 6 plural forms are empty" in text
    assert f"{fuzzy}: info: fuzzy" in text
    assert re.search(r"^ar: .*threshold 100%: FAIL$", text, re.MULTILINE)

    data = json.loads(run(project, "json"))
    located = {f"{f['file']}:{f['line']}" for f in data["findings"] if f["locale"] == "ar"}
    assert {untranslated, fuzzy} <= located

    xml = junitparser.JUnitXml.fromstring(run(project, "junit").encode("utf-8"))
    suites = {suite.name: suite for suite in xml}
    case = next(c for c in suites["hfs-i18n check ar"] if c.name == "completeness")
    (failure,) = case.result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message == (
        "ar is 33.33% complete, below its 100% threshold: 1 untranslated, 1 fuzzy"
    )
    assert untranslated in failure.text and fuzzy in failure.text
    assert "no findings" not in failure.text

    github = run(project, "github").splitlines()
    for where in (untranslated, fuzzy):
        file, line = where.rsplit(":", 1)
        assert any(f"file={file},line={line}," in annotation for annotation in github)
    assert any(
        a.startswith(f"::error file={AR_PO},title=hfs-i18n completeness::ar: 33.33%25")
        for a in github
    )


def test_junit_and_text_report_the_same_failures(project: Path) -> None:
    text = run(project, "text")
    text_located = set(re.findall(r"^(\S+:\d+): (error|warning|info): ", text, re.MULTILINE))
    xml = junitparser.JUnitXml.fromstring(run(project, "junit").encode("utf-8"))
    failed_cases, junit_located = set(), set()
    for suite in xml:
        failures = 0
        for case in suite:
            bodies = [r.text or "" for r in case.result] + [case.system_out or ""]
            for body in bodies:
                junit_located |= set(re.findall(r"^(\S+:\d+): (error|warning|info): ", body, re.M))
            if any(isinstance(r, junitparser.Failure) for r in case.result):
                failed_cases.add((suite.name.split()[-1], case.name))
                failures += 1
        assert suite.failures == failures and suite.tests == len(list(suite))
    # Whatever the text report lists, the JUnit report lists too, and vice versa.
    assert text_located == junit_located
    # tr is 66.67% complete and its threshold is 50%: only its error fails, not completeness.
    # ar's plural entry leaves msgstr[3] empty while its other forms are filled.
    assert failed_cases == {
        ("ar", "completeness"),
        ("ar", "plural-incomplete"),
        ("tr", "placeholder-missing"),
    }
    assert re.search(r"^tr: .*1 error, 1 warning, 1 info; threshold 50%: ok$", text, re.M)


def test_junit_message_is_never_cut_mid_word(project: Path) -> None:
    xml = junitparser.JUnitXml.fromstring(run(project, "junit").encode("utf-8"))
    for suite in xml:
        for case in suite:
            for result in case.result:
                message = result.message
                assert len(message) <= 200 and "\n" not in message
                if message.endswith("…"):
                    head = message.removesuffix("…")
                    full = " ".join(result.text.split())
                    assert full.startswith(head) and full[len(head)] in " ,;:", message


def test_text_shows_each_offending_msgstr_with_its_own_line(project: Path) -> None:
    text = run(project, "text")
    for form in range(6):
        line = _line_of(project, AR_PO, f"msgstr[{form}]")
        assert re.search(rf"^    {AR_PO}:{line}: msgstr\[{form}\] \"", text, re.MULTILINE)
    line = _line_of(project, TR_PO, 'msgstr "Merhaba')
    assert f'    {TR_PO}:{line}: msgstr "Merhaba  oradaki."' in text.splitlines()


def test_text_shows_msgstr_for_files_named_on_the_command_line(project, monkeypatch):
    monkeypatch.chdir(project / "locales")
    result = CliRunner().invoke(main, ["check", "tr/LC_MESSAGES/messages.po"])
    assert '    tr/LC_MESSAGES/messages.po:12: msgstr "Merhaba  oradaki."' in result.output
