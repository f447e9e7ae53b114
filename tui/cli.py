"""The ``shiftcell`` command: a bare call opens the app, subcommands do the rest.

Every command imports what it needs inside its body, so that ``shiftcell
propose`` or ``shiftcell --version`` never pays for Textual.
"""

from __future__ import annotations

from pathlib import Path

import click
from click_default_group import DefaultGroup

from shiftcell.tui.commands import (
    calendar,
    meetings,
    membership,
    people,
    planning,
    remote,
    setup,
)
from shiftcell.tui.commands.common import store_failure
from shiftcell.tui.i18n import LANGUAGES, language_from_environment, set_language
from shiftcell.tui.settings import Settings


class ShiftcellGroup(DefaultGroup):
    """The command group: a store's refusal or a busy database is one clear line, never a
    traceback, whichever command met it."""

    def invoke(self, ctx: click.Context) -> object:
        command = _command_words(ctx.args)
        try:
            return super().invoke(ctx)
        except Exception as error:
            failure = store_failure(error, command)
            if failure is None:
                raise
            raise failure from None


def _command_words(args: list[str]) -> str:
    """``meetings book``: the command as typed, without its options."""
    words: list[str] = []
    for word in args:
        if word.startswith("-") or len(words) == 2:
            break
        words.append(word)
    return " ".join(["shiftcell", *words])


# Only options (``shiftcell --db x.db --lang zh``) also opens the app.
@click.group(
    cls=ShiftcellGroup, default="open", default_if_no_args=True, invoke_without_command=True
)
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


for module in (setup, people, membership, planning, meetings, calendar, remote):
    for command in module.COMMANDS:
        main.add_command(command)


@main.command(name="open")
@click.pass_context
def open_app(ctx: click.Context) -> None:
    """Open the app (the default when no command is given)."""
    from shiftcell.tui.app import make_app

    app = make_app(ctx.obj)
    app.run()
    app.store.close()


if __name__ == "__main__":
    main()
