"""Shared plumbing for subcommands: loading the project and turning input errors into exits."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from hfs_i18n.config import Project, find_project_root, load_project
from hfs_i18n.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])


def locale_option(help_text: str) -> Callable[[F], F]:
    """``--locale/-l`` (repeatable), the same in every command that takes locales."""
    return click.option("--locale", "-l", "locales", multiple=True, help=help_text)


def clinic_option(help_text: str) -> Callable[[F], F]:
    """``--clinic FILE``: a clinic profile (TOML) instead of the project's default."""
    return click.option(
        "--clinic",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=help_text,
    )


def output_format_option() -> Callable[[F], F]:
    """``--format text|json``: a table for people or JSON for machines."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="A table for people or JSON for machines.",
    )


class InputFailure(click.ClickException):
    """A user-caused error: one line, no traceback, exit status 1 unless told otherwise."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def format_message(self) -> str:
        return self.message


@contextlib.contextmanager
def user_errors(exit_code: int = 1) -> Iterator[None]:
    """Report :class:`InputError` as ``file:line: message`` with ``exit_code``."""
    try:
        yield
    except InputError as exc:
        raise InputFailure(str(exc), exit_code) from None


def project_from(ctx: click.Context) -> Project:
    """The project named by ``--project``, else found from the current folder upwards.

    Loaded once per run.
    """
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    if "project" not in obj:
        with user_errors(exit_code=2):
            folder = obj.get("project_dir") or find_project_root(Path.cwd())
            obj["project"] = load_project(folder)
        root.obj = obj
    return obj["project"]
