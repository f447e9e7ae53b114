"""Commands: ``init`` a database, fill it with the ``demo`` organisation."""

from __future__ import annotations

import click

from shiftcell.tui.commands.common import CommandError, Needs, open_store
from shiftcell.tui.i18n import t


@click.command()
@click.option("--name", help="The organisation's name.")
@click.option("--timezone", help="IANA time zone, e.g. Asia/Shanghai (default: the machine's).")
@click.pass_context
def init(ctx: click.Context, name: str | None, timezone: str | None) -> None:
    """Create the database (or bring its schema up to date)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    store = open_store(ctx, needs=Needs.ORGANISATION)
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise click.BadParameter(t("unknown time zone {zone}", zone=timezone)) from None
    if name is not None or timezone is not None:
        store.set_organisation(name or store.organisation_name, timezone or store.timezone.key)
    click.echo(t("Database ready: {path}", path=ctx.obj.database))


@click.command()
@click.option("--seed", default=1, show_default=True, help="Same seed, same people.")
@click.option(
    "--members",
    "size",
    default=80,
    show_default=True,
    type=click.IntRange(5, 200_000),
    help="How many staff.",
)
@click.option("--force", is_flag=True, help="Replace whatever the database holds.")
@click.pass_context
def demo(ctx: click.Context, seed: int, size: int, force: bool) -> None:
    """Fill the database with a believable logistics branch to try shiftcell on."""
    from shiftcell.db.demo import fill_demo
    from shiftcell.tui.commands.progress import Progress

    store = open_store(ctx, needs=Needs.ORGANISATION)
    if not store.is_empty() and not force:
        raise CommandError(
            t(
                "{path} already holds an organisation; add --force to replace it",
                path=ctx.obj.database,
            )
        )
    label = t("Creating {members} demo staff and their shifts …", members=size)
    with Progress(label) as bar, store.transaction():
        store.clear()
        count = fill_demo(store, seed=seed, members=size, progress=bar.update)
    click.echo(
        t(
            "Demo organisation: {members} staff, {groups} groups, in {path}",
            members=count,
            groups=len(store.groups()),
            path=ctx.obj.database,
        )
    )


COMMANDS: list[click.Command] = [init, demo]
