"""The ``hfs-i18n`` command: a thin click layer over the library.

Subcommands are imported only when they run, so ``hfs-i18n --help`` stays fast even
though ``build`` pulls in WeasyPrint.  Each subcommand lives in a module of this package
named after the pipeline stage it drives.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

# command name -> "module:attribute"; --help lists them without importing anything.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("hfs_i18n.cli.catalog:extract", "Extract messages from templates into the POT."),
    "init": ("hfs_i18n.cli.catalog:init", "Create a catalog for a new locale."),
    "update": ("hfs_i18n.cli.catalog:update", "Merge the POT into every catalog."),
    "compile": ("hfs_i18n.cli.catalog:compile_", "Compile catalogs into .mo files."),
    "stats": ("hfs_i18n.cli.catalog:stats", "Show translation progress per locale."),
    "check": ("hfs_i18n.cli.check:check", "Check translations for errors (QA and CI gate)."),
    "glossary": ("hfs_i18n.cli.glossary:glossary", "Look up, export and import the termbase."),
    "readability": (
        "hfs_i18n.cli.readability:readability",
        "Report the reading level of each document per language.",
    ),
    "build": ("hfs_i18n.cli.build:build", "Render web pages and PDF handouts into dist/."),
    "pseudo": ("hfs_i18n.cli.pseudo:pseudo", "Write pseudo-locale catalogs (en-XA, ar-XB)."),
    "serve": ("hfs_i18n.cli.serve:serve", "Preview the documents live, with an inspector."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attr = COMMANDS[cmd_name][0].split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Content repository to work on (templates/, locales/, glossary/). Default: the "
    "nearest folder, from the current one upwards, with hfs-i18n.toml or a pyproject.toml "
    "that has [tool.hfs-i18n].",
)
@click.version_option(package_name="hfs-i18n")
@click.pass_context
def main(ctx: click.Context, project_dir: Path | None) -> None:
    """Translate patient-education text about hemifacial spasm and render it for clinics."""
    ctx.obj = {"project_dir": project_dir}
