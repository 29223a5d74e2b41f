"""``hfs-i18n glossary``: look up, export and import the termbase."""

from __future__ import annotations

from pathlib import Path

import click

from hfs_i18n.catalog.fallback import fallback_chain
from hfs_i18n.cli.common import InputFailure, project_from, user_errors
from hfs_i18n.config import Project
from hfs_i18n.terms.interchange import export_tbx, export_weblate_csv, import_glossary
from hfs_i18n.terms.lookup import lookup
from hfs_i18n.terms.model import SOURCE_LOCALE, Glossary, load_glossary, save_glossary
from hfs_i18n.text.files import write_atomic


def _glossary_path(project: Project) -> Path:
    if project.glossary is None:
        raise InputFailure("no glossary configured (set 'glossary' in [tool.hfs-i18n])", 2)
    return project.glossary


def _load(ctx: click.Context) -> Glossary:
    path = _glossary_path(project_from(ctx))
    with user_errors():
        return load_glossary(path)


@click.group()
def glossary() -> None:
    """Look up, export and import the medical termbase (glossary/terms.csv)."""


@glossary.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "tbx-2019", "csv"]),
    required=True,
    help="tbx: TBX-Basic as Weblate and translate-toolkit load it (martif); tbx-2019: "
    "TBX-Basic in ISO 30042:2019 form; csv: Weblate glossary CSV (one language).",
)
@click.option(
    "--locale",
    help="Only this target language, one file per language as Weblate wants (required for "
    "csv when there are several).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
@click.pass_context
def export(ctx: click.Context, fmt: str, locale: str | None, output: Path | None) -> None:
    """Write the termbase for translators' tools."""
    termbase = _load(ctx)
    if locale is not None and locale not in termbase.locales:
        raise click.BadParameter(
            f"{locale!r} is not one of {', '.join(termbase.locales)}", param_hint="--locale"
        )
    if fmt.startswith("tbx"):
        flavour = "2019" if fmt == "tbx-2019" else "basic"
        text = export_tbx(termbase, [locale] if locale else None, flavour)
    else:
        if locale is None and len(termbase.locales) != 1:
            raise click.UsageError("--locale is required: Weblate imports one file per language")
        text = export_weblate_csv(termbase, locale or termbase.locales[0])
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as exc:
            raise InputFailure(f"{output}: cannot write: {exc.strerror}", 2) from None
        click.echo(f"wrote {output}", err=True)


@glossary.command(
    name="import", short_help="Merge a TBX or CSV file in; conflicts are only listed."
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--locale", help="Language of a Weblate or two-column CSV whose file name does not say."
)
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.pass_context
def import_(ctx: click.Context, file: Path, locale: str | None, dry_run: bool) -> None:
    """Merge a glossary file into the termbase: TBX 2008 (martif) or 2019, Weblate CSV,
    a two-column CSV (English, translation) or termbase CSV.  Terms without one of our
    concept ids are matched by their English term or added as new concepts (each one is
    listed); conflicts are listed, never applied."""
    termbase = _load(ctx)
    with user_errors():
        result = import_glossary(file, termbase, locale)
    merged, conflicts = result.glossary, result.conflicts
    for line in result.report:
        click.echo(line)
    for conflict in conflicts:
        click.echo(f"conflict: {conflict}")
    if conflicts:
        raise InputFailure(
            f"{file}: {len(conflicts)} conflict(s); the termbase was not changed "
            "(edit the termbase or the file, then import again)"
        )
    added = len(merged.concepts) - len(termbase.concepts)
    changed = sum(
        1 for old, new in zip(termbase.concepts, merged.concepts, strict=False) if old != new
    )
    verb = "would add" if dry_run else "added"
    click.echo(
        f"{verb} {added} concept(s), {'would fill' if dry_run else 'filled'} "
        f"empty fields of {changed}"
    )
    if not dry_run and (added or changed):
        with user_errors():
            save_glossary(merged)


def _glossary_locale(termbase: Glossary, locale: str, project: Project) -> str:
    """The glossary column ``locale`` reads (``ar-EG``: ``ar``, as catalogs fall back);
    a language the glossary has no terms for yet is said as such, not as "no match"."""
    if locale == SOURCE_LOCALE:
        return locale
    for candidate in fallback_chain(locale):
        if any(c.terms.get(candidate) or c.forbidden.get(candidate) for c in termbase.concepts):
            return candidate
    where = project.relative(termbase.path) if termbase.path else "glossary"
    have = ", ".join(termbase.locales) or "none"
    raise InputFailure(
        f"{where}: the glossary has no terms for {locale!r} yet (languages with terms: "
        f"{have}); add a {locale!r} column (and {locale + '_forbidden'!r}) to it"
    )


@glossary.command(name="lookup", short_help="Find concepts by any term, in any language.")
@click.argument("text")
@click.option("--locale", help="Search only this language's terms (en, ar, tr…).")
@click.pass_context
def lookup_(ctx: click.Context, text: str, locale: str | None) -> None:
    """Find concepts by any of their terms, ignoring case, diacritics and tashkeel."""
    termbase = _load(ctx)
    if locale is not None:
        locale = _glossary_locale(termbase, locale, project_from(ctx))
    matches = lookup(termbase, text, locale)
    if not matches:
        raise InputFailure(f"no concept matches {text!r}")
    for concept in matches:
        click.echo(f"{concept.id}: {' | '.join(concept.en)}")
        for loc in termbase.locales:
            if concept.terms.get(loc):
                click.echo(f"  {loc}: {' | '.join(concept.terms[loc])}")
            if concept.forbidden.get(loc):
                click.echo(f"  {loc} forbidden: {' | '.join(concept.forbidden[loc])}")
        if concept.definition:
            click.echo(f"  definition: {concept.definition}")
        if concept.note:
            click.echo(f"  translator note: {concept.note}")
        if concept.reference:
            click.echo(f"  reference: {concept.reference}")
