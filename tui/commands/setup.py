"""Commands: ``init`` a database, fill it with the ``demo`` organisation."""

from __future__ import annotations

import click

from shiftcell.tui.commands.common import CommandError, Needs, open_store
from shiftcell.tui.commands.localised import Command
from shiftcell.tui.i18n import t, tn


@click.command(cls=Command)
@click.option("--name", help="The organisation's name.")
@click.option(
    "--timezone",
    help="The organisation's IANA time zone, e.g. Asia/Shanghai; changing it keeps "
    "every shift and meeting at its local time.",
)
@click.pass_context
def init(ctx: click.Context, name: str | None, timezone: str | None) -> None:
    """Create the database (or bring its schema up to date)."""
    from shiftcell.tui.words.timezones import UnknownZone, check_timezone

    zone = None
    if timezone is not None:
        try:
            zone = check_timezone(timezone)
        except UnknownZone as error:
            raise click.BadParameter(str(error), param_hint="--timezone") from None
    store = open_store(ctx, needs=Needs.ORGANISATION, assume_timezone=zone is None)
    if zone is not None:
        before = store.timezone.key
        shifts, meetings = store.change_timezone(zone)
        if before != zone and (shifts or meetings):
            click.echo(
                t(
                    "Time zone {old} → {new}: {shifts} and {meetings} keep their local times.",
                    old=before,
                    new=zone,
                    shifts=tn("{count} shift", "{count} shifts", shifts),
                    meetings=tn("{count} meeting", "{count} meetings", meetings),
                )
            )
    if name is not None:
        store.set_organisation(name, store.timezone.key)
    click.echo(t("Database ready: {path}", path=ctx.obj.database))
    click.echo(t("Time zone: {zone}", zone=store.timezone.key))


@click.command(cls=Command)
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

    store = open_store(ctx, needs=Needs.ORGANISATION, assume_timezone=False)  # the demo's own zone
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
            "Demo organisation: {members} staff, {groups}, in {path}",
            members=count,
            groups=tn("{count} group", "{count} groups", len(store.groups())),
            path=ctx.obj.database,
        )
    )


COMMANDS: list[click.Command] = [init, demo]
