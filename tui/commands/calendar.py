"""Commands: calendar."""

import click

COMMANDS: list[click.Command] = []
