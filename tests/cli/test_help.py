"""Every option of every command says what it does; command lists are never cut."""

from __future__ import annotations

import click
from click.testing import CliRunner

from hfs_i18n.cli import COMMANDS, main


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main)
    found: list[tuple[str, click.Command]] = [("hfs-i18n", main)]
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        found.append((name, command))
        if isinstance(command, click.Group):
            found += [(f"{name} {sub}", command.commands[sub]) for sub in command.commands]
    return found


def test_every_option_has_help_text() -> None:
    missing = [
        f"{name} {'/'.join(param.opts)}"
        for name, command in _commands()
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden and not param.help
    ]
    assert missing == []


def test_group_help_lists_subcommands_whole() -> None:
    for name, command in _commands():
        if isinstance(command, click.Group) and name != "hfs-i18n":
            result = CliRunner().invoke(main, [*name.split(), "--help"], terminal_width=80)
            assert result.exit_code == 0
            commands = result.output.split("Commands:", 1)[1]
            assert "..." not in commands, commands
