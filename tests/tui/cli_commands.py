"""Every command of the CLI, walked as click lists and loads them (they load on demand)."""

from __future__ import annotations

from collections.abc import Iterator

import click

from shiftcell.tui.cli import main


def commands(
    command: click.Command = main, path: str = "shiftcell"
) -> Iterator[tuple[str, click.Command]]:
    """Each command (groups included) with its command line: ``("shiftcell meetings book", …)``."""
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None
            yield from commands(sub, f"{path} {name}")


def leaf_commands() -> Iterator[str]:
    """The commands that do something, named after ``shiftcell``: ``"meetings book"``."""
    for path, command in commands():
        if not isinstance(command, click.Group):
            yield path.removeprefix("shiftcell ")
