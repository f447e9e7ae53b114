"""The ``shiftcell`` command: a bare call opens the app, subcommands do the rest.

Every command imports what it needs inside its body, so that ``shiftcell
propose`` or ``shiftcell --version`` never pays for Textual.
"""

from __future__ import annotations

from pathlib import Path

import click
from click_default_group import DefaultGroup

from shiftcell.tui.commands import calendar, meetings, people, planning, remote, setup
from shiftcell.tui.i18n import LANGUAGES, language_from_environment, set_language, t
from shiftcell.tui.settings import Settings


# Only options (``shiftcell --db x.db --lang zh``) also opens the app.
@click.group(cls=DefaultGroup, default="open", default_if_no_args=True, invoke_without_command=True)
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
    help="Open the database read-only and offer no editing (for viewers).",
)
@click.option("--group", "scope_group", help="Show only this group, everywhere.")
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


for module in (setup, people, planning, meetings, calendar, remote):
    for command in module.COMMANDS:
        main.add_command(command)


@main.command("open")
@click.pass_context
def open_app(ctx: click.Context) -> None:
    """Open the app (the default when no command is given)."""
    import gc

    # What is imported and built before the app runs lives as long as it: the
    # collector need not walk it while it is made, nor ever after (gc.freeze).
    gc.disable()
    try:
        from shiftcell.db.store import StoreError
        from shiftcell.tui.app import make_app
        from shiftcell.tui.commands.common import CommandError

        try:
            app = make_app(ctx.obj)
        except StoreError as error:
            raise CommandError(t(error.template, **error.fields)) from None
    finally:
        gc.freeze()
        gc.enable()
    scope = ctx.obj.scope_group
    if scope is not None and scope not in {g.name for g in app.store.groups()}:
        app.store.close()
        raise click.BadParameter(t("no group named {name}", name=scope), param_hint="--group")
    app.run()
    app.store.close()


if __name__ == "__main__":
    main()
