"""Commands: planning."""

import click

COMMANDS: list[click.Command] = []
