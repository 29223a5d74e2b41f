"""``hfs-i18n check``: translation QA and the completeness gate for translators and CI.

Exit status: 0 nothing at or above ``--fail-on`` and every locale complete enough;
1 otherwise; 2 usage errors or unreadable input (``file:line: message``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from hfs_i18n.cli.common import InputFailure, project_from, user_errors

if TYPE_CHECKING:
    from hfs_i18n.checks import Check, Finding
    from hfs_i18n.config import Project


def _ids(values: tuple[str, ...]) -> list[str]:
    """``--select a,b --select c`` -> ``[a, b, c]``."""
    return [token.strip() for value in values for token in value.split(",") if token.strip()]


@click.command()
@click.argument("po_files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    help="Only this locale (repeatable). With PO_FILE: the locale of files without a "
    "Language header.",
)
@click.option(
    "--min-complete",
    type=click.FloatRange(0, 100),
    default=None,
    help="Percent of entries each locale must have translated (default: the project's "
    "`min-complete`).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Lowest severity that fails the run.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "junit", "github"]),
    default="text",
    show_default=True,
)
@click.option("--select", multiple=True, help="Only these check ids or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these check ids or prefixes (comma-separated).")
@click.option(
    "--pseudo",
    is_flag=True,
    help="Also render the pages in en-XA and report visible text that no message produced.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.pass_context
def check(
    ctx: click.Context,
    po_files: tuple[Path, ...],
    locales: tuple[str, ...],
    min_complete: float | None,
    fail_on: str,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    pseudo: bool,
    output: Path | None,
) -> None:
    """Check translations for errors and completeness (all catalogs, or PO_FILE...)."""
    from hfs_i18n.checks import load_plugins, select_checks
    from hfs_i18n.checks.gate import CatalogJob, Report, check_files, merge
    from hfs_i18n.checks.report import FORMATTERS

    project = project_from(ctx)
    with user_errors(exit_code=2):
        load_plugins()
    try:
        checks = select_checks(_ids(select), _ids(ignore))
    except KeyError as exc:
        raise click.BadParameter(
            f"unknown check id {exc.args[0]!r}", param_hint="--select/--ignore"
        ) from None
    report = Report(locales={}, findings=[], checks=[c.id for c in checks], fail_on=fail_on)
    # Naming an info check (``--select untranslated``) asks to see its findings listed.
    report.list_info = any(c.severity == "info" for c in checks) and bool(_ids(select))
    glossary = _glossary(project, checks)

    def threshold(locale: str) -> float:
        return min_complete if min_complete is not None else project.threshold(locale)

    with user_errors(exit_code=2):
        if po_files:
            fallback = locales[0] if len(locales) == 1 else None
            jobs = [CatalogJob(path, str(path), fallback_locale=fallback) for path in po_files]
        else:
            chosen = list(locales) or list(project.locales)
            if not chosen:
                raise click.UsageError("no locales configured; pass --locale or PO_FILE")
            jobs = [
                CatalogJob(project.po_path(loc), project.relative(project.po_path(loc)), loc)
                for loc in chosen
            ]
        for result in check_files(jobs, checks, glossary):
            if po_files and locales and result.locale not in locales:
                continue
            merge(report, result, threshold(result.locale))
        if pseudo and any(c.id == "pseudo-unmarked" for c in checks):
            report.findings.extend(_pseudo_findings(project))
    text = FORMATTERS[output_format](report)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputFailure(f"{output}: cannot write: {exc.strerror}", 2) from None
    else:
        click.echo(text, nl=False)
    ctx.exit(1 if report.failed else 0)


def _glossary(project: Project, checks: list[Check]) -> object | None:
    """The project's termbase, loaded only when a check reads it."""
    if project.glossary is None or not project.glossary.is_file():
        return None
    if not any(c.id.startswith("glossary-") or c.id == "identical" for c in checks):
        return None
    from hfs_i18n.glossary import load_glossary

    with user_errors(exit_code=2):
        return load_glossary(project.glossary)


def _pseudo_findings(project: Project) -> list[Finding]:
    """``pseudo-unmarked`` findings: visible text the en-XA rendering left unmarked."""
    from hfs_i18n import pseudo as pseudo_module
    from hfs_i18n.checks import CHECKS, Finding

    severity = CHECKS["pseudo-unmarked"].severity
    return [
        Finding(
            locale="en-XA",
            file=str(item.template),
            line=item.line,
            msgctxt=None,
            msgid=item.text,
            check="pseudo-unmarked",
            severity=severity,
            message=f"visible text not in any message: {item.text!r}",
        )
        for item in pseudo_module.find_unmarked_strings(project)
    ]
