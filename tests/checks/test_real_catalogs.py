"""``check`` on real catalogs of other projects, held to hand-made labels.

The catalogs under ``tests/data/real/`` are copied unchanged from the wheels of Django,
Sphinx, django-allauth, WTForms and Flask-AppBuilder (see its README); every label was
judged by a person reading the entry, so the labels, not today's output, are the oracle:
each labelled defect must be reported and each labelled false alarm must be gone.
Where a second tool agrees (GNU ``msgfmt --check``, translate-toolkit's ``pofilter``),
it is asked too.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hfs_i18n.checks import CHECKS
from hfs_i18n.checks.project import CatalogJob, check_file
from hfs_i18n.cli import main
from hfs_i18n.formats.po import read_po

REAL = Path(__file__).resolve().parents[1] / "data/real"
# Warnings no rule can judge without a dictionary of the language: loanwords and
# feature names kept in English, a double space a translator added between sentences.
NEEDS_A_DICTIONARY = {
    ("django-allauth/he-django.po", 295, "identical"),
    ("flask-appbuilder/ru-messages.po", 245, "identical"),
    ("django/ru-django.po", 1316, "double-space"),
}
# A damaged placeholder ("6(unused_count)s") was labelled under number-mismatch; it is
# a placeholder finding now.
SUCCESSORS = {"number-mismatch": ("placeholder-missing", "placeholder-extra")}
# The check that reports each kind of labelled missed defect.
KIND_CHECKS = {
    "escapes": "escapes",
    "plural-incomplete": "plural-incomplete",
    "header-language": "header-language",
    "placeholder-extra": "placeholder-extra",
    "placeholder-duplicated": "placeholder-duplicated",
    "doubled-word": "doubled-word",
    "brackets-visual-order": "brackets-unpaired",
    "punctuation-spacing": "punctuation-spacing",
    "quotes": "quotes-unpaired",
    "option-changed": "option-changed",
    "dropped-clause": "option-changed",
    "identifier-translated": "function-changed",
    "dropped-word": "double-space",
    "wrong-plural-form": "plural-dual",
}


def _labels(name: str) -> list[dict]:
    path = REAL / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@functools.cache
def findings(file: str) -> dict[tuple[int, str], set[str]]:
    """(line, check id) -> severities of what ``check`` reports in ``file``."""
    checks = [c for c in CHECKS.values() if c.scope != "project"]
    out: dict[tuple[int, str], set[str]] = {}
    for f in check_file(CatalogJob(REAL / file, file), checks).findings:
        out.setdefault((f.line, f.check), set()).add(f.severity)
    return out


def _cases(name: str) -> list:
    cases = []
    seen = set()
    for label in _labels(name):
        key = (label["file"], label["line"], label["check"], label["label"])
        if key in seen:  # one case per entry and check (plural forms repeat a finding)
            continue
        seen.add(key)
        marks = []
        if (label["file"], label["line"], label["check"]) in NEEDS_A_DICTIONARY:
            marks.append(pytest.mark.xfail(strict=True, reason="needs a dictionary"))
        ident = f"{label['file']}:{label['line']}:{label['check']}:{label['label']}"
        cases.append(pytest.param(label, marks=marks, id=ident))
    return cases


@pytest.mark.parametrize("label", _cases("labels.jsonl") + _cases("labels-warnings.jsonl"))
def test_labelled_findings(label):
    found = findings(label["file"])
    ids = (label["check"], *SUCCESSORS.get(label["check"], ()))
    reported = any((label["line"], cid) in found for cid in ids)
    if label["label"] == "true":
        assert reported, label["reason"]
    else:
        assert not reported, label["reason"]


def _missed_cases() -> list:
    cases = []
    for label in _labels("labels-missed.jsonl"):
        marks = []
        if label["kind"] not in KIND_CHECKS:
            # A misspelling or a wrong word in one plural form: a reader's judgement.
            marks.append(pytest.mark.xfail(strict=True, reason=f"no check for {label['kind']}"))
        ident = f"{label['file']}:{label['line']}:{label['kind']}"
        cases.append(pytest.param(label, marks=marks, id=ident))
    return cases


@pytest.mark.parametrize("label", _missed_cases())
def test_labelled_missed_defects_are_found(label):
    check_id = KIND_CHECKS.get(label["kind"], label["kind"])
    assert (label["line"], check_id) in findings(label["file"]), label["why"]


def test_no_error_level_false_alarm_is_left():
    """The benchmark's target on this subset (at most 5%): none is left."""
    left = [
        label
        for label in _labels("labels.jsonl")
        if label["label"] == "false"
        and "error" in findings(label["file"]).get((label["line"], label["check"]), ())
    ]
    assert left == []


@pytest.mark.skipif(shutil.which("pofilter") is None, reason="translate-toolkit not installed")
def test_escapes_agree_with_pofilter(tmp_path):
    """translate-toolkit's escapes test is the independent oracle for ``escapes``."""
    source = REAL / "django/ar_DZ-admin_django.po"
    out = tmp_path / "escapes.po"
    subprocess.run(
        ["pofilter", "--progress=none", "--test=escapes", str(source), str(out)],
        check=True,
        capture_output=True,
    )
    theirs = {e.msgid for e in read_po(out) if e.msgid}
    lines = {e.linenum: e.msgid for e in read_po(source)}
    found = findings("django/ar_DZ-admin_django.po")
    ours = {lines[line] for line, check_id in found if check_id == "escapes"}
    assert theirs and ours == theirs


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_plural_incomplete_is_what_msgfmt_refuses():
    path = REAL / "wtforms/ar-wtforms.po"
    refused = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert refused.returncode != 0
    found = findings("wtforms/ar-wtforms.po")
    ours = sorted(line for line, check_id in found if check_id == "plural-incomplete")
    # msgfmt names the line of the first msgstr of each refused entry.
    theirs = sorted({int(line.split(":")[1]) for line in refused.stderr.splitlines()[:-1]})
    assert ours == [line - 2 for line in theirs]


def test_an_invalid_language_header_is_one_line_not_a_traceback(tmp_path):
    """``Language: persian``: a finding at line 1 naming the code; the file is still
    checked as Persian."""
    catalog = tmp_path / "catalog.po"
    catalog.write_bytes((REAL / "wtforms/fa-wtforms.po").read_bytes())
    result = CliRunner().invoke(main, ["check", "--select", "header-language", str(catalog)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{catalog}:1: error: Language 'persian' is not a language code; did you mean 'fa'?" in (
        result.output
    )
    assert "fa: " in result.output


def test_an_unreadable_language_header_without_a_locale_is_a_file_line_error(tmp_path):
    catalog = tmp_path / "catalog.po"
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Language: klingonese\\n"\n"Content-Type: text/plain; '
        'charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(catalog)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith(f"Error: {catalog}:1: ")
    assert "Traceback" not in result.output


def test_glossary_is_off_for_a_foreign_catalog_unless_asked_for(tmp_path, monkeypatch):
    """Run from this project, whose medical glossary says operation = surgery: another
    project's catalog named on the command line is not held to it, unless
    ``--project DIR`` or ``--glossary FILE`` asks for a glossary."""
    catalog = tmp_path / "ar.po"
    catalog.write_bytes((REAL / "django-allauth/ar-django.po").read_bytes())
    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    runner = CliRunner()
    args = ["check", "--select", "glossary", "--format", "json", str(catalog)]

    def glossary_findings(*extra: str) -> list[str]:
        result = runner.invoke(main, [*args, *extra])
        return [f["check"] for f in json.loads(result.output)["findings"]]

    assert glossary_findings() == []
    assert "glossary-term" in glossary_findings("--project", str(repo))
    assert "glossary-term" in glossary_findings("--glossary", str(repo / "glossary/terms.csv"))


def test_the_projects_own_catalogs_named_by_a_hook_keep_the_glossary():
    """The pre-commit hook names changed files: this project's own stay under its glossary."""
    from hfs_i18n.cli.check import _foreign
    from hfs_i18n.config import load_project

    repo = Path(__file__).resolve().parents[2]
    project = load_project(repo)
    assert not _foreign(project, (project.po_path("ar"),))
    assert _foreign(project, (REAL / "django/ar-django.po",))
