"""The CI gate: run the checks over catalogs, add completeness, decide pass or fail.

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

from hfs_i18n.catalog import CatalogStats, catalog_stats
from hfs_i18n.checks import SEVERITY_RANK, Check, Finding, run_checks
from hfs_i18n.errors import InputError
from hfs_i18n.po import read_po

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
    ``ar.po``), else ``fallback``."""
    language = catalog.metadata.get("Language", "").strip()
    if language:
        return language
    match = _PATH_LOCALE_RE.search(path.as_posix())
    if match:
        return match.group(1)
    if fallback:
        return fallback
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
    machine has cores to spare (catalogs are independent; a fork costs milliseconds)."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [check_file(job, checks, glossary) for job in jobs]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(check_file, job, checks, glossary) for job in jobs]
        return [future.result() for future in futures]


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
