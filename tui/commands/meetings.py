"""Commands: meetings."""

import click

COMMANDS: list[click.Command] = []
