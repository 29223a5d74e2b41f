"""``readability``: the reading level of every document in every language."""

from __future__ import annotations

import json
from pathlib import Path

import click

from hfs_i18n.cli.common import (
    InputFailure,
    clinic_option,
    locale_option,
    output_format_option,
    project_from,
    user_errors,
)
from hfs_i18n.readability import Readability, project_readability


def _verdict(result: Readability) -> str:
    if result.translated < 100:
        return f"catalog {result.translated:.0f}% translated: includes English fallback"
    if result.passed is None:
        return ""
    sign = ">=" if result.higher_is_easier else "<="
    return f"{'pass' if result.passed else 'FAIL'} (target {sign} {result.target:g})"


def _table(results: list[Readability]) -> str:
    header = (
        "document",
        "locale",
        "metric",
        "value",
        "sentences",
        "words",
        "words/sentence",
        "letters/word",
        "result",
    )
    rows = [header]
    for r in results:
        rows.append(
            (
                r.document,
                r.locale,
                r.metric,
                "-" if r.value is None else f"{r.value:.1f}",
                str(r.counts.sentences),
                str(r.counts.words),
                f"{r.counts.words_per_sentence:.1f}",
                f"{r.counts.letters_per_word:.1f}",
                _verdict(r),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


@click.command()
@locale_option(
    "Only this locale (repeatable; default: the source locale and every configured one)."
)
@output_format_option()
@clinic_option("Clinic profile to render with (default: the project's).")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 1 when a document misses its language's published target "
    "(English: grade 8 or lower; Spanish: INFLESZ 55 or higher).",
)
@click.pass_context
def readability(
    ctx: click.Context,
    locales: tuple[str, ...],
    output_format: str,
    clinic: Path | None,
    strict: bool,
) -> None:
    """Report the reading level of each document per language.

    English: Flesch-Kincaid grade (target 8 or lower); Turkish: Ateşman; Arabic: OSMAN;
    Spanish: Szigriszt-Pazos/INFLESZ (target 55 or higher) and Fernández-Huerta;
    Russian: Oborneva; Italian: GULPEASE; German: Amstad (scores: higher is easier).
    Any other language: sentences, words per sentence and letters per word, marked
    "no validated formula" (never an error).
    """
    project = project_from(ctx)
    with user_errors():
        results = project_readability(project, locales, clinic)
    if output_format == "json":
        payload = [r.as_dict() for r in results]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo(_table(results))
    failed = [r for r in results if r.passed is False]
    if strict and failed:
        names = ", ".join(f"{r.document} [{r.locale}] ({r.value:.1f})" for r in failed)
        raise InputFailure(f"missed the reading-level target: {names}")
