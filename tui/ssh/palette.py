"""The command palette for viewers: nothing in it may write a file on the server.

A group leader's session runs on the server; Textual's "Screenshot" command
would save an SVG into the server's Downloads folder. The app filters its
system commands through ``viewer_system_commands`` when read-only::

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        commands = super().get_system_commands(screen)
        if self.settings.read_only:
            commands = viewer_system_commands(commands)
        yield from commands
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import SystemCommand

# Textual's system commands that write files (App.get_system_commands).
WRITES_FILES = frozenset({"Screenshot"})


def viewer_system_commands(commands: Iterable[SystemCommand]) -> Iterator[SystemCommand]:
    """``commands`` without those that write files."""
    return (command for command in commands if command.title not in WRITES_FILES)
