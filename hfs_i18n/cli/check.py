"""``hfs-i18n check``: translation QA and the completeness gate for translators and CI.

Exit status: 0 nothing at or above ``--fail-on`` and every locale complete enough;
1 otherwise; 2 usage errors or unreadable input (``file:line: message``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from hfs_i18n.cli.common import InputFailure, project_from, user_errors

if TYPE_CHECKING:
    from hfs_i18n.checks import Check
    from hfs_i18n.checks.project import Report
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
    help="text: file:line lines for people and editors; json: the schema in docs/checks.md; "
    "junit: JUnit XML for CI test dashboards; github: GitHub Actions annotations.",
)
@click.option("--select", multiple=True, help="Only these check ids or prefixes (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these check ids or prefixes (comma-separated).")
@click.option(
    "--pseudo",
    is_flag=True,
    help="Also render the pages in en-XA and report visible text that no message produced.",
)
@click.option(
    "--glossary",
    "glossary_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Termbase (terms.csv) for the glossary checks. Default: the project's, for its "
    "own catalogs, or with PO_FILE only when --project names the project.",
)
@click.option(
    "--project",
    "project_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="The project whose settings and glossary apply (same as the global --project).",
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
    glossary_file: Path | None,
    project_dir: Path | None,
    output: Path | None,
) -> None:
    """Check translations for errors and completeness (all catalogs, or PO_FILE...)."""
    from hfs_i18n.checks import load_plugins, select_checks
    from hfs_i18n.checks.project import check_project
    from hfs_i18n.checks.report import FORMATTERS

    if project_dir is not None:
        from hfs_i18n.config import load_project

        with user_errors(exit_code=2):
            project = load_project(project_dir)
    else:
        project = project_from(ctx)
    # Another repository's catalogs get this project's glossary only when asked for.
    named_project = project_dir is not None or (
        ctx.find_root().get_parameter_source("project_dir") == ParameterSource.COMMANDLINE
    )
    with user_errors(exit_code=2):
        load_plugins()
    try:
        checks = select_checks(_ids(select), _ids(ignore))
    except KeyError as exc:
        raise click.BadParameter(
            f"unknown check id {exc.args[0]!r}", param_hint="--select/--ignore"
        ) from None
    if not po_files and not locales and not project.locales:
        raise click.UsageError("no locales configured; pass --locale or PO_FILE")
    with user_errors(exit_code=2):
        report = check_project(
            project,
            checks,
            po_files,
            locales,
            min_complete=min_complete,
            fail_on=fail_on,
            pseudo=pseudo,
            glossary=_glossary(
                project, checks, glossary_file, bool(po_files) and not named_project
            ),
        )
    # Naming an info check (``--select untranslated``) asks to see its findings listed.
    report.list_info = any(c.severity == "info" for c in checks) and bool(_ids(select))
    if output_format == "text":
        text = FORMATTERS["text"](
            report, _translations(report, Path.cwd() if po_files else project.root)
        )
    else:
        text = FORMATTERS[output_format](report)
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputFailure(f"{output}: cannot write: {exc.strerror}", 2) from None
    else:
        click.echo(text, nl=False)
    ctx.exit(1 if report.failed else 0)


def _translations(report: Report, base: Path) -> dict:
    """The msgstr lines of every entry with a listed finding, read again from its file
    (relative names are the project's, or the current folder's for PO_FILE arguments)."""
    from hfs_i18n.checks.report import listed_files, translations_by_line
    from hfs_i18n.errors import InputError
    from hfs_i18n.formats.po import parse_po

    index: dict = {}
    for file in listed_files(report):
        path = Path(file)
        if not path.is_absolute():
            path = base / path
        try:
            text = path.read_text(encoding="utf-8")
            catalog = parse_po(text, path)
        except (OSError, UnicodeDecodeError, InputError):
            continue  # it was just read and checked; a file that changed since is skipped
        for line, forms in translations_by_line(catalog, text.splitlines()).items():
            index[(file, line)] = forms
    return index


def _foreign(project: Project, files: tuple[Path, ...]) -> bool:
    """Whether some of ``files`` are not the project's own catalogs (another repository's,
    named on the command line): the project's medical glossary does not apply to them."""
    own = (project.root / project.catalog_dir).resolve()
    return any(not path.resolve().is_relative_to(own) for path in files)


def _glossary(
    project: Project, checks: list[Check], path: Path | None, foreign: bool
) -> object | None:
    """The termbase ``path`` or, unless the files are ``foreign`` (named on the command
    line without ``--project``), the project's; loaded only when a check reads it."""
    if path is None:
        if foreign or project.glossary is None or not project.glossary.is_file():
            return None
        path = project.glossary
    if not any(c.id.startswith("glossary-") or c.id == "identical" for c in checks):
        return None
    from hfs_i18n.terms.model import load_glossary

    with user_errors(exit_code=2):
        return load_glossary(path)
