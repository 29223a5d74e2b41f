"""``extract``, ``init``, ``update``, ``compile`` and ``stats``: the catalog pipeline commands."""

from __future__ import annotations

import json

import click

from hfs_i18n.catalog.compile import CompileError, compile_catalog
from hfs_i18n.catalog.extract import extract as extract_pot
from hfs_i18n.catalog.extract import parse_keywords
from hfs_i18n.catalog.init import init_catalog, register_locale, validate_locale
from hfs_i18n.catalog.stats import project_stats
from hfs_i18n.catalog.update import MergeOptions, update_catalogs
from hfs_i18n.cli.common import (
    InputFailure,
    locale_option,
    output_format_option,
    project_from,
    user_errors,
)
from hfs_i18n.config import PSEUDO_LOCALES, Project, read_toml
from hfs_i18n.errors import InputError

width_option = click.option(
    "--width",
    type=click.IntRange(min=-1),
    default=None,
    help="Wrap lines at this many columns (default: the project's `width`, 79).",
)
no_wrap_option = click.option(
    "--no-wrap", is_flag=True, help="Do not wrap long messages (like msgcat --no-wrap)."
)


def _width(width: int | None, no_wrap: bool) -> int | None:
    return 0 if no_wrap else width


def _locales(project, locales: tuple[str, ...]) -> list[str]:
    chosen = list(locales) or list(project.locales)
    if not chosen:
        raise click.UsageError("no locales configured; pass --locale or set `locales`")
    return chosen


@click.command()
@width_option
@no_wrap_option
@click.option(
    "-k",
    "--keyword",
    "keywords",
    multiple=True,
    metavar="SPEC",
    help="Also extract calls of this function, as pybabel's -k: NAME, NAME:1,2 (plural), "
    "NAME:1c,2 (context). Repeatable.",
)
@click.option(
    "--no-default-keywords",
    is_flag=True,
    help="Only the -k keywords (not _, gettext, ngettext, pgettext, npgettext).",
)
@click.pass_context
def extract(
    ctx: click.Context,
    width: int | None,
    no_wrap: bool,
    keywords: tuple[str, ...],
    no_default_keywords: bool,
) -> None:
    """Extract messages from the templates into locales/<domain>.pot."""
    project = project_from(ctx)
    with user_errors():
        functions = parse_keywords(keywords, defaults=not no_default_keywords)
        path, count, changed = extract_pot(project, _width(width, no_wrap), functions)
    state = "written" if changed else "unchanged"
    click.echo(f"{project.relative(path)}: {count} messages ({state})")


@click.command()
@click.argument("locale")
@click.option("--force", is_flag=True, help="Replace an existing catalog.")
@click.option(
    "--no-register",
    is_flag=True,
    help="Do not add LOCALE to the project's `locales` (pseudo-locales never are).",
)
@width_option
@no_wrap_option
@click.pass_context
def init(
    ctx: click.Context,
    locale: str,
    force: bool,
    no_register: bool,
    width: int | None,
    no_wrap: bool,
) -> None:
    """Create the catalog for LOCALE (e.g. es, fa, pt_BR) from the POT and add LOCALE to
    the project's `locales`."""
    project = project_from(ctx)
    try:
        validate_locale(locale)
    except InputError as exc:
        raise click.BadParameter(str(exc), param_hint="LOCALE") from None
    with user_errors():
        path = init_catalog(project, locale, force=force, width=_width(width, no_wrap))
    click.echo(f"{project.relative(path)}: created")
    if no_register or locale in PSEUDO_LOCALES or locale == project.source_locale:
        return
    with user_errors():
        config = register_locale(project, locale)
    if config is not None:
        click.echo(f"{project.relative(config)}: added {locale!r} to `locales`")
    threshold = project.threshold(locale)
    if locale not in project.min_complete:
        click.echo(
            f"{locale}: CI demands the project's default min-complete, {threshold:g}%"
            + ("" if threshold else " (set [min-complete] default or " + locale + " to gate it)")
        )
    _clinic_note(project, locale)


def _clinic_note(project: Project, locale: str) -> None:
    """Say when the project's clinic profile lists its languages and this one is not there
    (``build`` then leaves it out)."""
    if project.clinic is None or not project.clinic.is_file():
        return
    try:
        data = read_toml(project.clinic, "clinic profile")
    except InputError:
        return  # build reports a broken profile properly
    table = data.get("clinic", data)
    offered = table.get("locales") if isinstance(table, dict) else None
    if isinstance(offered, list) and offered and locale not in offered:
        click.echo(
            f"note: {project.relative(project.clinic)} offers only {', '.join(map(str, offered))}; "
            f"add {locale!r} to its `locales` (or remove the list to offer every project locale)"
        )


@click.command()
@locale_option("Only this locale (repeatable; default: every configured one).")
@width_option
@no_wrap_option
@click.option(
    "--no-fuzzy-matching", is_flag=True, help="Do not offer old translations of similar messages."
)
@click.option("--ignore-obsolete", is_flag=True, help="Drop messages that left the template.")
@click.option(
    "--init-missing", is_flag=True, help="Create a missing catalog (as `init`) before merging."
)
@click.option(
    "--no-previous", is_flag=True, help="No '#|' previous msgid (plain msgmerge, no --previous)."
)
@click.option(
    "--keep-header-order",
    is_flag=True,
    help="Keep the header fields where they are (msgmerge puts them in GNU's order).",
)
@click.option(
    "--no-guess-language",
    is_flag=True,
    help="Do not add a Language: field guessed from Language-Team (msgmerge does).",
)
@click.pass_context
def update(
    ctx: click.Context,
    locales: tuple[str, ...],
    width: int | None,
    no_wrap: bool,
    no_fuzzy_matching: bool,
    ignore_obsolete: bool,
    init_missing: bool,
    no_previous: bool,
    keep_header_order: bool,
    no_guess_language: bool,
) -> None:
    """Merge the POT into every catalog, as `msgmerge --previous` does (keeps
    translations, comments and flags; changed messages get a fuzzy suggestion)."""
    project = project_from(ctx)
    options = MergeOptions(
        fuzzy_matching=not no_fuzzy_matching,
        keep_obsolete=not ignore_obsolete,
        keep_previous=not no_previous,
        reorder_header=not keep_header_order,
        add_language=not no_guess_language,
    )
    with user_errors():
        results = update_catalogs(
            project,
            _locales(project, locales),
            _width(width, no_wrap),
            options,
            init_missing=init_missing,
        )
    for result in results:
        state = "created" if result.created else "written" if result.changed else "unchanged"
        click.echo(
            f"{project.relative(result.path)}: {result.kept} kept, {result.new} new, "
            f"{result.fuzzy} fuzzy, {result.obsoleted} obsoleted ({state})"
        )


@click.command("compile")
@locale_option("Only this locale (repeatable; default: every configured one).")
@click.option(
    "-f", "--use-fuzzy", is_flag=True, help="Also compile fuzzy translations (as msgfmt -f)."
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print translated/fuzzy/untranslated counts per catalog (as msgfmt --statistics).",
)
@click.pass_context
def compile_(
    ctx: click.Context, locales: tuple[str, ...], use_fuzzy: bool, statistics: bool
) -> None:
    """Compile catalogs into .mo files; a catalog msgfmt --check refuses is refused."""
    project = project_from(ctx)
    failed: list[str] = []
    for locale in _locales(project, locales):
        try:
            result = compile_catalog(project, locale, use_fuzzy=use_fuzzy)
        except CompileError as exc:
            failed.extend(str(p) for p in exc.problems)
            continue
        except InputError as exc:
            failed.append(str(exc))
            continue
        line = f"{project.relative(result.path)}: compiled"
        if statistics:
            line += f" ({result.statistics()})"
        click.echo(line)
    if failed:
        for line in failed[:-1]:
            click.echo(f"Error: {line}", err=True)
        raise InputFailure(failed[-1])


@click.command()
@locale_option("Only this locale (repeatable; default: every configured one).")
@output_format_option()
@click.pass_context
def stats(ctx: click.Context, locales: tuple[str, ...], output_format: str) -> None:
    """Show total, translated, fuzzy, untranslated, obsolete, percent and words per locale."""
    project = project_from(ctx)
    with user_errors():
        results = project_stats(project, _locales(project, locales))
    if output_format == "json":
        payload = {"locales": {s.locale: s.as_dict() for s in results}}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    header = ("locale", "total", "translated", "fuzzy", "untranslated", "obsolete", "percent")
    rows = [
        (
            s.locale,
            str(s.total),
            str(s.translated),
            str(s.fuzzy),
            str(s.untranslated),
            str(s.obsolete),
            f"{s.percent:.1f}%",
            f"{s.translated_words}/{s.words}",
        )
        for s in results
    ]
    header = (*header, "words")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        click.echo("  ".join(cells))
