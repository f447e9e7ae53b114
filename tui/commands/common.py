"""What every command shares: settings, opening the store, parsing dates."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from shiftcell.tui.i18n import t
from shiftcell.tui.settings import Settings

if TYPE_CHECKING:
    from shiftcell.db.store import Store


class CommandError(click.ClickException):
    """A failure told in the user's language (click's own prefix is English)."""

    def show(self, file: object = None) -> None:
        click.echo(t("Error: {message}", message=self.format_message()), err=True)


def open_store(
    ctx: click.Context, *, read_only: bool = False, assume_timezone: bool = True
) -> Store:
    """The store at ``--db``.

    A command that only reads (``read_only``) needs the file to exist, but
    still brings an older schema up to date: after an upgrade of shiftcell the
    first ``roster`` should just work. Only a viewer's run (``--read-only``)
    opens the file read-only, and then it cannot migrate.

    A command that writes to a database with no organisation yet settles its
    time zone first and says so (``assume_timezone``; ``init --timezone`` and
    ``demo`` set their own).
    """
    from shiftcell.db.store import NO_DATABASE, Store, StoreError

    settings: Settings = ctx.obj
    path = settings.database
    try:
        if settings.read_only:
            return Store.open(path, read_only=True)
        if read_only and not path.exists():
            raise StoreError(NO_DATABASE, path=path)
        store = Store.open(path)
    except StoreError as error:
        raise CommandError(t(error.template, **error.fields)) from None
    if not read_only and assume_timezone:
        _settle_timezone(store, settings)
    return store


def _settle_timezone(store: Store, settings: Settings) -> None:
    """Give a database without an organisation a time zone, once, and say which on stderr.

    An empty one takes the suggestion (never a server's UTC when the user
    reads Chinese); one with data already (made before zones were asked) keeps
    the machine's zone it has been read in, so nothing moves.
    """
    import shlex

    from shiftcell.db.store import machine_timezone
    from shiftcell.tui.words.timezones import suggested_timezone

    if store.db.table("organisation").count:
        return
    if store.is_empty():
        zone = suggested_timezone(settings.language) or "UTC"
    else:
        zone = machine_timezone().key
    store.change_timezone(zone)
    path = shlex.quote(str(settings.database))
    click.echo(
        t(
            "{path} had no time zone: assumed {zone}. If the organisation keeps another "
            "one: shiftcell --db {path} init --timezone Area/City (shifts and meetings "
            "keep their local times).",
            path=path,
            zone=zone,
        ),
        err=True,
    )


class DateParam(click.ParamType):
    """A YYYY-MM-DD date."""

    name = "DATE"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(t("{value!r} is not a date like 2026-12-07", value=value), param, ctx)


DATE = DateParam()
