"""Commands: group leaders over SSH (keys, the server, its log)."""

import click

COMMANDS: list[click.Command] = []
