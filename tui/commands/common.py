"""What every command shares: settings, opening the store, parsing dates."""

from __future__ import annotations

import enum
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

import click

from shiftcell.tui.i18n import t, tn
from shiftcell.tui.settings import Settings

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling.meetings import Meeting


# A writer that waited its turn and still found the database locked: try again later.
EXIT_BUSY = 75  # EX_TEMPFAIL


class CommandError(click.ClickException):
    """A failure told in the user's language (click's own prefix is English)."""

    def show(self, file: object = None) -> None:
        click.echo(t("Error: {message}", message=self.format_message()), err=True)


class CommandRefused(CommandError):
    """Not allowed in this view of the data (read-only, or one group's), like a usage error."""

    exit_code = 2


class DatabaseBusy(CommandError):
    """A writer that waited its turn and still found the database locked: try again later."""

    exit_code = EXIT_BUSY


class Needs(enum.Enum):
    """What a command does to the database, decided before it opens it."""

    READ = "read"  # the file must exist; any view may read
    GROUP = "group"  # meetings and feeds: a group's own view may change its group's
    ORGANISATION = "organisation"  # members, shifts, keys, the zone: the whole view only


def open_store(ctx: click.Context, *, needs: Needs, assume_timezone: bool = True) -> Store:
    """The store at ``--db``, narrowed to ``--group`` and read-only under ``--read-only``.

    A command that only reads needs the file to exist, but still brings an
    older schema up to date: after an upgrade of shiftcell the first ``roster``
    should just work. Only a viewer's run (``--read-only``) opens the file
    read-only, and then it cannot migrate. A command that would write is
    refused before it opens anything when the view may not write.

    A command that writes to a database with no organisation yet settles its
    time zone first and says so (``assume_timezone``; ``init --timezone`` and
    ``demo`` set their own).
    """
    from shiftcell.db.access import NO_DATABASE, READ_ONLY, SECRETARY_ONLY, StoreError
    from shiftcell.db.store import Store

    settings: Settings = ctx.obj
    path = settings.database
    if needs is not Needs.READ and settings.read_only:
        raise CommandRefused(
            t(
                "{template}: this command would change it, and --read-only protects it",
                template=t(READ_ONLY),
            )
        )
    if needs is Needs.ORGANISATION and settings.scope_group is not None:
        raise CommandRefused(t(SECRETARY_ONLY, group=settings.scope_group))
    try:
        if needs is Needs.READ and not settings.read_only and not path.exists():
            raise StoreError(NO_DATABASE, path=path)
        store = Store.open(path, read_only=settings.read_only, group=settings.scope_group)
    except StoreError as error:
        raise CommandError(t(error.template, **error.fields)) from None
    if needs is not Needs.READ and assume_timezone:
        _settle_timezone(store, settings)
    return store


def find_meeting(store: Store, meeting_id: int) -> Meeting:
    """The meeting with this id, if this view shows it."""
    from shiftcell.db.meetings import MeetingNotFound

    try:
        return store.meetings.get(meeting_id)
    except MeetingNotFound:
        raise CommandError(t("no meeting with ID {id}", id=meeting_id)) from None


def _settle_timezone(store: Store, settings: Settings) -> None:
    """Give a database without an organisation a time zone, once, and say which on stderr.

    An empty one takes the suggestion (never a server's UTC when the user
    reads Chinese); one with data already (made before zones were asked) keeps
    the machine's zone it has been read in, so nothing moves.
    """
    import shlex

    from shiftcell.db.store import machine_timezone
    from shiftcell.tui.words.timezones import suggested_timezone

    if store.has_organisation():
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


def store_failure(error: Exception, command: str) -> CommandError | None:
    """A failure of the store as one clear line (None: not the store's)."""
    from shiftcell.db.access import StoreBusy, StoreError, StoreRefusal

    if isinstance(error, StoreBusy):
        return DatabaseBusy(
            t(
                "the database is busy: another program kept it locked for {waited}. "
                "Nothing of `{command}` was saved; try again.",
                waited=tn("{count} second", "{count} seconds", int(str(error.fields["seconds"]))),
                command=command,
            )
        )
    if isinstance(error, StoreRefusal):
        return CommandRefused(t(error.template, **error.fields))
    if isinstance(error, StoreError):
        return CommandError(t(error.template, **error.fields))
    return None


class DateParam(click.ParamType[date]):
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


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while shifts are made by the hundred thousand.

    None of them is part of a reference cycle, yet every full collection walks
    them all, again and again while they are alive: with everyone's shifts over
    a month that took half of ``propose --all`` and a quarter of reading them
    for ``export ics --all``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
