"""``pseudo``: write the pseudo-locale catalogs (en-XA, ar-XB) from the POT."""

from __future__ import annotations

import click

from hfs_i18n.catalog.pseudo import TRANSFORMS, write_pseudo_catalogs
from hfs_i18n.cli.common import project_from, user_errors


@click.command()
@click.option(
    "--locale",
    "-l",
    "locales",
    multiple=True,
    type=click.Choice(sorted(TRANSFORMS)),
    help="Only this pseudo-locale (repeatable; default: both).",
)
@click.pass_context
def pseudo(ctx: click.Context, locales: tuple[str, ...]) -> None:
    """Write pseudo-locale catalogs (en-XA, ar-XB) from the POT.

    en-XA: accented letters in brackets, about 40% longer; ar-XB: mirrored words laid
    out right to left.  Then `hfs-i18n build --locale en-XA` shows any text that is not
    translatable, and `--locale ar-XB` how the layout takes right-to-left text.  The
    catalogs are generated: git ignores them.
    """
    project = project_from(ctx)
    with user_errors():
        paths = write_pseudo_catalogs(project, locales)
    for path in paths:
        click.echo(f"wrote {project.relative(path)}")
