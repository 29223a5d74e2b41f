"""Reporters: one :class:`~hfs_i18n.checks.gate.Report`, four formats.

* ``text``: for people; findings grouped by file as ``file:line: severity: message [id]``
  (editors jump to them), with the msgid and, when the CLI passes them, the offending
  ``msgstr`` / ``msgstr[N]`` lines each with its own line number; then one summary line
  per locale;
* ``json``: the stable schema documented in ``docs/checks.md``;
* ``junit``: JUnit XML, one test case per locale × check plus a ``completeness`` case;
* ``github``: GitHub Actions workflow commands, shown as annotations on the pull request.

All four tell one story: a locale below its threshold fails, and every format lists the
untranslated and fuzzy entries that keep it there (``file:line``), which people-facing
formats otherwise leave out as info.  Messages are shortened only at a word boundary.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import polib

from hfs_i18n.checks import Finding
from hfs_i18n.checks.project import LocaleSummary, Report, sort_findings

MSGID_EXCERPT = 60
# JUnit's ``message`` attribute is a one-line headline; the full list is the element text.
JUNIT_MESSAGE_WIDTH = 200
# The info findings that make a locale incomplete (obsolete entries do not count).
INCOMPLETE_CHECKS = ("untranslated", "fuzzy")


@dataclass(frozen=True)
class Translation:
    """One ``msgstr`` or ``msgstr[N]`` of an entry, with the line its keyword is on."""

    label: str
    line: int
    text: str


_MSGSTR_RE = re.compile(r"(?:#~ )?msgstr(?:\[(\d+)\])?[ \t]")


def translations_by_line(
    catalog: polib.POFile, lines: Sequence[str]
) -> dict[int, list[Translation]]:
    """``{msgid line: [Translation, ...]}`` for every entry of ``catalog`` read from ``lines``.

    The reader records only the msgid's line; each form's own line is found by scanning
    the entry's lines up to the blank line that ends it (no change to the reader).
    """
    found: dict[int, list[Translation]] = {}
    for entry in [*catalog, *catalog.obsolete_entries()]:
        start = getattr(entry, "linenum", 0) or 0
        if start < 1:
            continue
        form_lines: dict[int | None, int] = {}
        for number in range(start, min(len(lines), start + 10_000) + 1):
            line = lines[number - 1]
            if not line.strip():
                break
            match = _MSGSTR_RE.match(line)
            if match:
                index = match.group(1)
                form_lines.setdefault(int(index) if index is not None else None, number)
        if entry.msgid_plural:
            found[start] = [
                Translation(f"msgstr[{n}]", form_lines.get(n, start), text)
                for n, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            found[start] = [Translation("msgstr", form_lines.get(None, start), entry.msgstr)]
    return found


TranslationIndex = Mapping[tuple[str, int], Sequence[Translation]]


def _shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary (never mid-word) when too long."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return (text[:cut] if cut > 0 else text[: width - 1]).rstrip(" ,;:") + "…"


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


def _completeness(summary: LocaleSummary) -> str:
    line = (
        f"{summary.locale}: {summary.percent:.2f}% complete "
        f"({summary.translated} of {summary.total}; {summary.fuzzy} fuzzy, "
        f"{summary.untranslated} untranslated, {summary.obsolete} obsolete)"
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


def _summary_line(summary: LocaleSummary, findings: list[Finding]) -> str:
    line = _completeness(summary)
    counts = f"; {_counts(findings)}"
    if summary.threshold:
        head, _, verdict = line.rpartition("; threshold ")
        return f"{head}{counts}; threshold {verdict}"
    return line + counts


def _failing_locales(report: Report) -> set[str]:
    return {locale for locale, s in report.locales.items() if not s.complete_enough}


def _incomplete(report: Report, locale: str) -> list[Finding]:
    """The entries that keep ``locale`` below its threshold, in file order."""
    return sort_findings(
        f for f in report.findings if f.locale == locale and f.check in INCOMPLETE_CHECKS
    )


def _listed(report: Report) -> list[Finding]:
    """Findings people-facing formats list: info ones only when asked for, or when they
    are why a locale fails its completeness threshold."""
    if report.list_info:
        return sort_findings(report.findings)
    failing = _failing_locales(report)
    return sort_findings(
        f
        for f in report.findings
        if f.severity != "info" or (f.locale in failing and f.check in INCOMPLETE_CHECKS)
    )


def listed_files(report: Report) -> list[str]:
    """The files the text report lists findings of (whose msgstr lines it can show)."""
    return list(dict.fromkeys(f.file for f in _listed(report) if f.msgid))


def format_text(report: Report, translations: TranslationIndex | None = None) -> str:
    """The report for people; ``translations`` (see :func:`translations_by_line`, keyed by
    ``(file, msgid line)``) adds the offending msgstr lines under each finding."""
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
            for t in (translations or {}).get((f.file, f.line), ()):
                lines.append(f'    {file}:{t.line}: {t.label} "{_excerpt(t.text)}"')
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
    suite: ET.Element,
    locale: str,
    name: str,
    failures: list[str],
    notes: list[str],
    headline: str = "",
) -> None:
    case = ET.SubElement(suite, "testcase", classname=f"hfs-i18n.{locale}", name=name, time="0")
    if failures:
        if not headline:
            headline = (
                failures[0]
                if len(failures) == 1
                else (f"{len(failures)} findings; first: {failures[0]}")
            )
        message = _xml_text(_shorten(headline, JUNIT_MESSAGE_WIDTH))
        failure = ET.SubElement(case, "failure", message=message, type=name)
        failure.text = _xml_text("\n".join(failures))
    if notes:
        ET.SubElement(case, "system-out").text = _xml_text("\n".join(notes))


def _completeness_case(suite: ET.Element, report: Report, summary: LocaleSummary) -> bool:
    """The locale's ``completeness`` case: fails below the threshold, listing each
    untranslated or fuzzy entry as ``file:line``; returns whether it failed."""
    text = _completeness(summary)
    if summary.complete_enough:
        _testcase(suite, summary.locale, "completeness", [], [text])
        return False
    entries = [_located(f) for f in _incomplete(report, summary.locale)]
    headline = (
        f"{summary.locale} is {summary.percent:.2f}% complete, below its "
        f"{summary.threshold:g}% threshold: {summary.untranslated} untranslated, "
        f"{summary.fuzzy} fuzzy"
    )
    _testcase(suite, summary.locale, "completeness", [text, *entries], [], headline)
    return True


def format_junit(report: Report) -> str:
    """JUnit XML: a suite per locale, a test case per check (and one for completeness)."""
    root = ET.Element("testsuites", name="hfs-i18n check")
    by_key: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in sort_findings(report.findings):
        by_key[(finding.locale, finding.check)].append(finding)
    locales = list(report.locales) + sorted(
        {f.locale for f in report.findings} - set(report.locales)
    )
    # The same findings as the text report: info ones only when it lists them too.
    shown = {id(f) for f in _listed(report)}
    total_tests = total_failures = 0
    for locale in locales:
        suite = ET.SubElement(root, "testsuite", name=f"hfs-i18n check {locale}")
        tests = failures = 0
        summary = report.locales.get(locale)
        if summary is not None:
            tests += 1
            failures += _completeness_case(suite, report, summary)
        for check_id in report.checks:
            found = by_key.get((locale, check_id), [])
            if summary is None and not found:
                continue
            tests += 1
            fail = [_located(f) for f in found if report.failing(f)]
            notes = [_located(f) for f in found if not report.failing(f) and id(f) in shown]
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
            listed = len(_incomplete(report, summary.locale))
            where = f"; {listed} untranslated or fuzzy entries are annotated" if listed else ""
            message = _escape_data(_completeness(summary) + where)
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
