"""Reporters: one :class:`~hfs_i18n.checks.gate.Report`, four formats.

* ``text``: for people; findings grouped by file as ``file:line: severity: message [id]``
  (editors jump to them), then one summary line per locale;
* ``json``: the stable schema documented in ``docs/checks.md``;
* ``junit``: JUnit XML, one test case per locale × check, for CI test dashboards;
* ``github``: GitHub Actions workflow commands, shown as annotations on the pull request.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable

from hfs_i18n.checks import Finding
from hfs_i18n.checks.project import LocaleSummary, Report, sort_findings

MSGID_EXCERPT = 60


def _excerpt(text: str, width: int = MSGID_EXCERPT) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def _counts(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    parts = []
    for severity in ("error", "warning", "info"):
        number = counts.get(severity, 0)
        if number:
            plural = "s" if number != 1 and severity != "info" else ""
            parts.append(f"{number} {severity}{plural}")
    return ", ".join(parts) or "no findings"


def _summary_line(summary: LocaleSummary, findings: list[Finding]) -> str:
    line = (
        f"{summary.locale}: {summary.percent:.2f}% complete "
        f"({summary.translated} of {summary.total}; {summary.fuzzy} fuzzy, "
        f"{summary.untranslated} untranslated, {summary.obsolete} obsolete); "
        f"{_counts(findings)}"
    )
    if summary.threshold:
        verdict = "ok" if summary.complete_enough else "FAIL"
        line += f"; threshold {summary.threshold:g}%: {verdict}"
    return line


def _ungated(report: Report) -> list[tuple[LocaleSummary, str]]:
    """Incomplete locales with no threshold: CI passes them whatever their state, so the
    report says so (a new locale gets the default, 0% unless the project sets one)."""
    return [
        (
            s,
            f"{s.locale}: {s.percent:.2f}% complete and no min-complete threshold, so "
            f"CI does not gate it (set [tool.hfs-i18n.min-complete] default or {s.locale})",
        )
        for s in report.locales.values()
        if not s.threshold and s.total and s.percent < 100
    ]


def _listed(report: Report) -> list[Finding]:
    """Findings people-facing formats list: info ones only when asked for."""
    if report.list_info:
        return sort_findings(report.findings)
    return sort_findings(f for f in report.findings if f.severity != "info")


def format_text(report: Report) -> str:
    lines: list[str] = []
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in _listed(report):
        by_file[finding.file].append(finding)
    for file, findings in by_file.items():
        for f in findings:
            context = f" (msgctxt {_excerpt(f.msgctxt)!r})" if f.msgctxt else ""
            lines.append(f"{file}:{f.line}: {f.severity}: {f.message} [{f.check}]")
            if f.msgid:
                lines.append(f'    msgid "{_excerpt(f.msgid)}"{context}')
        lines.append("")
    by_locale: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_locale[finding.locale].append(finding)
    for locale, summary in report.locales.items():
        lines.append(_summary_line(summary, by_locale.get(locale, [])))
    for locale in sorted(set(by_locale) - set(report.locales)):
        lines.append(f"{locale}: {_counts(by_locale[locale])}")
    lines.extend(f"warning: {line}" for _, line in _ungated(report))
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    """The documented schema, one finding per line.

    ``json.dumps(..., indent=2)`` runs the pure-Python encoder (40 ms for 3,000 findings,
    a few percent of ``check``'s time on a 40,000-entry run); a compact object per line
    is written by the C encoder and still diffs and greps line by line.
    """
    dump = json.JSONEncoder(ensure_ascii=False).encode
    locales = ",\n".join(
        f"    {dump(locale)}: {dump(s.as_dict())}" for locale, s in report.locales.items()
    )
    findings = ",\n".join(f"    {dump(f.as_dict())}" for f in sort_findings(report.findings))
    locales = f"{{\n{locales}\n  }}" if locales else "{}"
    findings = f"[\n{findings}\n  ]" if findings else "[]"
    return f'{{\n  "locales": {locales},\n  "findings": {findings}\n}}\n'


_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry (shown as U+FFFD)."""
    return _XML_INVALID_RE.sub("\ufffd", text)


def _testcase(
    suite: ET.Element, locale: str, name: str, failures: list[str], notes: list[str]
) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"hfs-i18n.{locale}", name=name, time="0")
    if failures:
        failure = ET.SubElement(case, "failure", message=_xml_text(failures[0][:200]), type=name)
        failure.text = _xml_text("\n".join(failures))
    if notes:
        ET.SubElement(case, "system-out").text = _xml_text("\n".join(notes))


def format_junit(report: Report) -> str:
    """JUnit XML: a suite per locale, a test case per check (and one for completeness)."""
    root = ET.Element("testsuites", name="hfs-i18n check")
    by_key: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in sort_findings(report.findings):
        by_key[(finding.locale, finding.check)].append(finding)
    locales = list(report.locales) + sorted(
        {f.locale for f in report.findings} - set(report.locales)
    )
    total_tests = total_failures = 0
    for locale in locales:
        suite = ET.SubElement(root, "testsuite", name=f"hfs-i18n check {locale}")
        tests = failures = 0
        summary = report.locales.get(locale)
        if summary is not None:
            tests += 1
            text = _summary_line(summary, [])
            failed = [text] if not summary.complete_enough else []
            failures += bool(failed)
            _testcase(suite, locale, "completeness", failed, [] if failed else [text])
        for check_id in report.checks:
            found = by_key.get((locale, check_id), [])
            if summary is None and not found:
                continue
            tests += 1
            fail = [_located(f) for f in found if report.failing(f)]
            notes = [_located(f) for f in found if not report.failing(f)]
            failures += bool(fail)
            _testcase(suite, locale, check_id, fail, notes)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _located(f: Finding) -> str:
    return f'{f.file}:{f.line}: {f.severity}: {f.message} (msgid "{_excerpt(f.msgid)}")'


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…,title=…::message``)."""
    lines = []
    for f in _listed(report):
        level = GITHUB_LEVELS[f.severity]
        title = _escape_property(f"hfs-i18n {f.check}")
        message = f.message + (f' (msgid "{_excerpt(f.msgid)}")' if f.msgid else "")
        file = _escape_property(f.file)
        lines.append(f"::{level} file={file},line={f.line},title={title}::{_escape_data(message)}")
    for summary in report.locales.values():
        if not summary.complete_enough:
            file = _escape_property(summary.files[0]) if summary.files else ""
            title = _escape_property("hfs-i18n completeness")
            message = _escape_data(_summary_line(summary, []))
            lines.append(f"::error file={file},title={title}::{message}")
    title = _escape_property("hfs-i18n completeness")
    for summary, warning in _ungated(report):
        file = _escape_property(summary.files[0]) if summary.files else ""
        lines.append(f"::warning file={file},line=1,title={title}::{_escape_data(warning)}")
    return "".join(line + "\n" for line in lines)


FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "junit": format_junit,
    "github": format_github,
}
