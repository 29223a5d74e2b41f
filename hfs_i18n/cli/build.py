"""``build``: web pages and PDF handouts into dist/ (the library does the work)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import click

from hfs_i18n.build import VARIANTS, BuildOptions, make_plan, merge
from hfs_i18n.build import build as run_build
from hfs_i18n.cli.common import clinic_option, locale_option, project_from, user_errors


def _is_interactive() -> bool:
    """A progress bar only for a person watching a terminal; CI gets one line per file."""
    return sys.stdout.isatty() and not os.environ.get("CI")


def _parse_shard(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    match = re.fullmatch(r"([0-9]{1,4})/([0-9]{1,4})", value)
    if match is None or not 1 <= int(match.group(1)) <= int(match.group(2)) <= MAX_SHARDS:
        raise click.BadParameter(f"expected K/N with 1 <= K <= N <= {MAX_SHARDS}, e.g. 2/4")
    return int(match.group(1)), int(match.group(2))


# More shards than outputs of a hospital group's build helps nobody; bounded for the plan.
MAX_SHARDS = 1000


@click.command()
@locale_option(
    "Only this locale (repeatable; default: every locale the project and clinic offer). "
    "Pseudo-locales such as en-XA and ar-XB work too."
)
@clinic_option("Clinic profile (TOML); default: the project's sample profile.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: dist/ in the project).",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["html", "pdf", "all"]),
    default="all",
    show_default=True,
    help="Web pages, PDF handouts or both.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to render with (default: the CPU count).",
)
@click.option("--force", is_flag=True, help="Render everything, even unchanged outputs.")
@click.option(
    "--variant",
    "variants",
    multiple=True,
    type=click.Choice(VARIANTS),
    help="Handout variant (repeatable; default: the clinic's 'variants', else standard). "
    "large-print writes <slug>.large-print.pdf.",
)
@click.option(
    "--shard",
    callback=_parse_shard,
    default=None,
    metavar="K/N",
    help="Render only shard K of N (a CI matrix job); combine the shards with --merge.",
)
@click.option(
    "--merge",
    "merge_dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Assemble the output folders of --shard builds into --out (repeatable) and "
    "write the language chooser; renders nothing.",
)
@click.pass_context
def build(
    ctx: click.Context,
    locales: tuple[str, ...],
    clinic: Path | None,
    out: Path | None,
    format_: str,
    jobs: int | None,
    force: bool,
    variants: tuple[str, ...],
    shard: tuple[int, int] | None,
    merge_dirs: tuple[Path, ...],
) -> None:
    """Render web pages and PDF handouts into dist/."""
    project = project_from(ctx)
    if shard and merge_dirs:
        raise click.UsageError("--shard and --merge do not go together")
    options = BuildOptions(
        out=(out or project.root / "dist").resolve(),
        locales=locales,
        clinic=clinic.resolve() if clinic else None,
        formats=("html", "pdf") if format_ == "all" else (format_,),
        jobs=jobs,
        force=force,
        variants=variants,
        shard=shard,
    )
    with user_errors():
        if merge_dirs:
            dirs = [d.resolve() for d in merge_dirs]
            result = merge(project, options, dirs, report=lambda rel: click.echo(f"wrote {rel}"))
        elif _is_interactive():
            total = len(make_plan(project, options).stale)
            with click.progressbar(length=max(total, 1), label="Rendering") as bar:
                result = run_build(project, options, progress=bar.update)
        else:
            result = run_build(project, options, report=lambda rel: click.echo(f"wrote {rel}"))
    if result.skipped:
        profile = project.relative(options.clinic or project.clinic_profile())
        click.echo(
            f"note: not built: {', '.join(result.skipped)} (not in the `locales` of {profile})"
        )
    for note in result.notes:
        click.echo(f"note: {note}")
    where = project.relative(options.out)
    click.echo(f"{where}: {len(result.written)} written, {result.unchanged} unchanged")
