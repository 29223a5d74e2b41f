"""The CI gate: run the checks over catalogs, add completeness, decide pass or fail.

:func:`check_project` is what ``hfs-i18n check`` does (the command only parses options
and prints the report), so other tools can run the gate from Python.

The :class:`Report` is the one record every reporter formats, so ``text``, ``json``,
``junit`` and ``github`` always agree on what failed and why.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

from hfs_i18n.catalog.stats import CatalogStats, catalog_stats
from hfs_i18n.checks.headers import code_for_name, is_language_code
from hfs_i18n.checks.registry import SEVERITY_RANK, Check, Finding
from hfs_i18n.checks.runner import run_checks
from hfs_i18n.config import Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.po import read_po

STAT_KEYS = ("total", "translated", "fuzzy", "untranslated", "obsolete")


@dataclass
class LocaleSummary(CatalogStats):
    """Completeness of one locale (summed over its files) against its threshold."""

    files: list[str] = field(default_factory=list)
    threshold: float = 0.0

    @property
    def complete_enough(self) -> bool:
        # Compare what is printed: 99.996% must not pass a 100% threshold, nor fail 99.99%.
        return self.percent + 1e-9 >= self.threshold

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {key: getattr(self, key) for key in STAT_KEYS}
        out["percent"] = round(self.percent, 2)
        return out


@dataclass
class Report:
    """Everything one ``check`` run found."""

    locales: dict[str, LocaleSummary]
    findings: list[Finding]
    checks: list[str]
    fail_on: str = "error"
    # People-facing formats list info findings (every untranslated entry) only on request.
    list_info: bool = False

    def failing(self, finding: Finding) -> bool:
        return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[self.fail_on]

    @property
    def failed(self) -> bool:
        return any(map(self.failing, self.findings)) or not all(
            summary.complete_enough for summary in self.locales.values()
        )


_PATH_LOCALE_RE = re.compile(
    r"(?:^|/)([a-z]{2,3}(?:[_-][A-Za-z0-9]+)?)(?:/LC_MESSAGES/[^/]+|\.po)$"
)


def locale_of(catalog: polib.POFile, path: Path, fallback: str | None = None) -> str:
    """A file's locale: its ``Language`` header, else its path (``ar/LC_MESSAGES/x.po``,
    ``ar.po``), else ``fallback``.

    A header that is not a language code (``persian``; the ``header-language`` check
    reports it) gives way to the path, ``fallback`` and then the language it names.
    """
    language = catalog.metadata.get("Language", "").strip()
    if language and is_language_code(language):
        return language
    match = _PATH_LOCALE_RE.search(path.as_posix())
    if match:
        return match.group(1)
    if fallback:
        return fallback
    if language:
        named = code_for_name(language)
        if named:
            return named
        raise InputError(
            f"Language header {language!r} is not a language code: fix it or pass --locale",
            path,
            1,
        )
    raise InputError("cannot tell the locale: add a 'Language' header or pass --locale", path)


@dataclass
class CatalogResult:
    """What checking one file found; small enough to send back from a worker process."""

    locale: str
    file: str
    counts: LocaleSummary
    findings: list[Finding]


@dataclass(frozen=True)
class CatalogJob:
    """One file to check: where it is, how to name it, and the locale if already known."""

    path: Path
    file: str
    locale: str | None = None
    fallback_locale: str | None = None


def check_file(job: CatalogJob, checks: Sequence[Check], glossary: Any = None) -> CatalogResult:
    """Read and check one catalog (raises :class:`InputError` on malformed input)."""
    with _no_cycle_collection():
        return _check_file(job, checks, glossary)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalog is read and checked.

    Reading allocates tens of thousands of entries, lists and dicts, and each
    allocation burst sets off a collection that walks all of them again; none of them
    forms a reference cycle, so the walks find nothing (about 5% of ``check``'s time).
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_file(job: CatalogJob, checks: Sequence[Check], glossary: Any) -> CatalogResult:
    catalog = read_po(job.path)
    locale = job.locale or locale_of(catalog, job.path, job.fallback_locale)
    stats = catalog_stats(catalog, locale, count_words=False)
    counts = LocaleSummary(locale, **{key: getattr(stats, key) for key in STAT_KEYS})
    entry_checks = [c for c in checks if c.scope != "project"]
    findings = run_checks(catalog, locale, job.file, entry_checks, glossary)
    return CatalogResult(locale, job.file, counts, findings)


def check_files(
    jobs: Sequence[CatalogJob], checks: Sequence[Check], glossary: Any = None
) -> list[CatalogResult]:
    """Check every file, one worker process per file when there are several and the
    machine has cores to spare (catalogs are independent; a fork costs milliseconds).

    When every file has a core, this process checks the first file itself instead of
    waiting: one fork fewer, and its findings need no trip through a pipe.
    """
    cores = os.cpu_count() or 1
    workers = min(len(jobs), cores)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [check_file(job, checks, glossary) for job in jobs]
    context = multiprocessing.get_context("fork")
    here = len(jobs) <= cores
    pooled = jobs[1:] if here else jobs
    with ProcessPoolExecutor(min(len(pooled), cores), mp_context=context) as pool:
        futures = [pool.submit(check_file, job, checks, glossary) for job in pooled]
        first = [check_file(jobs[0], checks, glossary)] if here else []
        return first + [future.result() for future in futures]


def merge(report: Report, result: CatalogResult, threshold: float) -> None:
    """Add one file's counts and findings to ``report`` (files of a locale are summed)."""
    summary = report.locales.setdefault(
        result.locale, LocaleSummary(result.locale, threshold=threshold)
    )
    summary.files.append(result.file)
    for key in STAT_KEYS:
        setattr(summary, key, getattr(summary, key) + getattr(result.counts, key))
    report.findings.extend(result.findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file, f.line, f.check))


def check_project(
    project: Project,
    checks: Sequence[Check],
    files: Sequence[Path] = (),
    locales: Sequence[str] = (),
    *,
    min_complete: float | None = None,
    fail_on: str = "error",
    pseudo: bool = False,
    glossary: Any = None,
) -> Report:
    """Check ``files`` (any gettext catalogs; each file's locale from its header or path)
    or, with no files, the project's catalogs of ``locales`` (default: every configured
    locale); with ``pseudo``, also the project-scope checks (``pseudo-unmarked``).

    A locale's threshold is ``min_complete`` or the project's setting for it.
    """
    report = Report(locales={}, findings=[], checks=[c.id for c in checks], fail_on=fail_on)

    def threshold(locale: str) -> float:
        return min_complete if min_complete is not None else project.threshold(locale)

    if files:
        fallback = locales[0] if len(locales) == 1 else None
        jobs = [CatalogJob(path, str(path), fallback_locale=fallback) for path in files]
    else:
        chosen = list(locales) or list(project.locales)
        if not chosen:
            raise InputError("no locales configured; pass --locale or PO_FILE")
        jobs = [
            CatalogJob(project.po_path(loc), project.relative(project.po_path(loc)), loc)
            for loc in chosen
        ]
    for result in check_files(jobs, checks, glossary):
        if files and locales and result.locale not in locales:
            continue
        merge(report, result, threshold(result.locale))
    if pseudo:
        for chk in checks:
            if chk.scope == "project":
                report.findings.extend(chk.function(project))
    return report
