"""The ``shiftcell`` command: a bare call opens the app, subcommands do the rest.

Every command imports what it needs inside its body, so that ``shiftcell
propose`` or ``shiftcell --version`` never pays for Textual.
"""

from __future__ import annotations

from pathlib import Path

import click
from click_default_group import DefaultGroup

from shiftcell.tui.commands.localised import Command, Group
from shiftcell.tui.i18n import (
    LANGUAGES,
    language_from_environment,
    set_language,
    translate_click,
)
from shiftcell.tui.settings import Settings

# Global options that take a value: skipped while looking for --lang.
VALUED_OPTIONS = ("--db", "--lang", "--group")


def language_asked(args: list[str]) -> str | None:
    """The value of the global ``--lang`` in ``args``, before the command name.

    ``ssh-keys add --lang zh`` is that key's language, not the command line's.
    """
    rest = iter(args)
    for arg in rest:
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
        if arg in VALUED_OPTIONS:
            value = next(rest, None)
            if arg == "--lang":
                return value
        elif not arg.startswith("-"):
            return None
    return None


class Shiftcell(Group, DefaultGroup):
    """The top command: its language is known before anything is parsed, and a
    mistyped command name is said to be one (the default command takes no arguments)."""

    loaded = False  # the commands besides the default, see load_commands

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # --help and usage errors of the top command come before main() runs.
        language = language_asked(args) or language_from_environment()
        if language in LANGUAGES:
            set_language(language)
        return super().parse_args(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name != self.default_cmd_name:
            self.load_commands()
        if cmd_name in self.commands or cmd_name.startswith("-"):
            return super().get_command(ctx, cmd_name)
        return None  # click says "No such command 'x'."

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.load_commands()
        return super().list_commands(ctx)

    def load_commands(self) -> None:
        """Add every command the first time one is asked for (or listed).

        Opening the app, the default command, imports none of them: they bring
        the planning service, calendars and feeds, which its first screen does
        not need (about 15 ms and 1 MiB).
        """
        if self.loaded:
            return
        self.loaded = True
        from shiftcell.tui.commands import (
            attendance,
            cadence,
            calendar,
            ledger,
            meetings,
            membership,
            people,
            planning,
            remote,
            setup,
        )

        for module in (
            setup,
            people,
            membership,
            planning,
            meetings,
            cadence,
            attendance,
            ledger,
            calendar,
            remote,
        ):
            for command in module.COMMANDS:
                self.add_command(command)


translate_click()


# Only options (``shiftcell --db x.db --lang zh``) also opens the app.
@click.group(cls=Shiftcell, default="open", default_if_no_args=True, invoke_without_command=True)
@click.version_option(package_name="shiftcell", prog_name="shiftcell")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="SHIFTCELL_DB",
    help="Database file (default: in your user data folder; or $SHIFTCELL_DB).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    help="Language of what shiftcell says: en or zh (default: from the locale).",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the database read-only: nothing in it can change (files you export are written).",
)
@click.option(
    "--group",
    "scope_group",
    metavar="NAME",
    help="Only this group, everywhere: its members, their shifts, its meetings and feeds; "
    "changes limited to its meetings.",
)
@click.pass_context
def main(
    ctx: click.Context,
    db_path: Path | None,
    lang: str | None,
    read_only: bool,
    scope_group: str | None,
) -> None:
    """shiftcell: shifts, groups and meeting times for people who work shifts."""
    language = lang or language_from_environment()
    set_language(language)
    ctx.obj = Settings(
        db_path=db_path, language=language, read_only=read_only, scope_group=scope_group
    )
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_app)


@click.command("open", cls=Command)
@click.pass_context
def open_app(ctx: click.Context) -> None:
    """Open the app (the default when no command is given)."""
    import gc

    # What is imported and built before the app runs lives as long as it: the
    # collector need not walk it while it is made, nor ever after (gc.freeze).
    gc.disable()
    try:
        from shiftcell.tui.app import make_app

        app = make_app(ctx.obj)
    finally:
        gc.freeze()
        gc.enable()
    app.run()
    app.store.close()


main.add_command(open_app)


if __name__ == "__main__":
    main()
