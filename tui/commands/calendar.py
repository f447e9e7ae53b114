"""Commands: ``export ics|csv``, ``feeds issue|list|revoke`` and ``serve-feeds``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import (
    DATE,
    CommandError,
    Needs,
    open_store,
    without_cycle_collection,
)
from shiftcell.tui.commands.feeds import feeds, serve_feeds
from shiftcell.tui.commands.localised import Group
from shiftcell.tui.commands.progress import Progress, stdout_is_terminal
from shiftcell.tui.i18n import t, tn
from shiftcell.tui.words.errors import os_error_text

# From about this many events an export is worth announcing in a log.
LONG_EXPORT = 100_000

if TYPE_CHECKING:
    from shiftcell.db.calendars.content import CalendarContent, Scope
    from shiftcell.db.store import Store


@click.group(cls=Group)
def export() -> None:
    """Write shifts and meetings to an .ics calendar or a .csv spreadsheet."""


# Options decorate the command's function before click makes it a Command.
Command = Callable[..., None]
Decorator = Callable[[Command], Command]


def _scope_options(*more: Decorator) -> Decorator:
    """Whose calendar (with ``more`` ways to say it), over which dates, into which file."""
    options: list[Decorator] = [
        click.option("--member", help="One member's calendar (employee number)."),
        click.option("--group", help="A group's calendar: its members' shifts, its meetings."),
        *more,
        click.option("--from", "first", type=DATE, help="First date (default: this Monday)."),
        click.option(
            "--to", "last", type=DATE, help="Last date, inclusive (default: four weeks on)."
        ),
        click.option(
            "-o",
            "--output",
            help="File to write, or - for standard output (default: named after the calendar).",
        ),
    ]

    def apply(command: Command) -> Command:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


@export.command("ics")
@_scope_options(
    click.option("--meeting", type=int, help="One meeting (its id)."),
    click.option("--all", "everyone", is_flag=True, help="Everyone's shifts and all meetings."),
)
@click.option("--no-shifts", is_flag=True, help="Leave shifts out.")
@click.option("--no-meetings", is_flag=True, help="Leave meetings out.")
@click.option(
    "--alarm",
    type=click.IntRange(0, 7 * 24 * 60),
    default=30,
    show_default=True,
    help="Minutes before a meeting its reminder rings (0: no reminder).",
)
# Every event through the icalendar library, as before the text writer: the
# baseline benchmarks/bench_calendars.py measures the command against.
@click.option("--reference-serialiser", "reference", is_flag=True, hidden=True)
@click.pass_context
def export_ics(
    ctx: click.Context,
    member: str | None,
    group: str | None,
    meeting: int | None,
    everyone: bool,
    first: date | None,
    last: date | None,
    no_shifts: bool,
    no_meetings: bool,
    alarm: int,
    output: str | None,
    reference: bool,
) -> None:
    """An iCalendar file for a member, a group, a meeting or everyone."""
    from datetime import UTC, datetime, timedelta

    from shiftcell.db.calendars.ics import ics_chunks
    from shiftcell.tui.words.calendar import calendar_words

    scope = _scope(member, group, meeting, everyone)
    store = open_store(ctx, needs=Needs.READ)
    with _progress(output) as bar, without_cycle_collection():
        content = _gather(store, scope, first, last, shifts=not no_shifts, meetings=not no_meetings)
        chunks = ics_chunks(
            content,
            calendar_words(),
            stamp=datetime.now(UTC),
            alarm=timedelta(minutes=alarm) if alarm else None,
            progress=bar.update,
            reference=reference,
        )
        written = _write(content, chunks, output, ".ics", bar)
    _report(content, written)  # once the bar is gone from the terminal


@export.command("csv")
@_scope_options()
@click.pass_context
def export_csv(
    ctx: click.Context,
    member: str | None,
    group: str | None,
    first: date | None,
    last: date | None,
    output: str | None,
) -> None:
    """A group's (or a member's) shifts and meetings for a spreadsheet (UTF-8 with BOM)."""
    from shiftcell.db.calendars.csv import calendar_csv
    from shiftcell.tui.words.calendar import calendar_words

    scope = _scope(member, group, None, False)
    store = open_store(ctx, needs=Needs.READ)
    content = _gather(store, scope, first, last)
    _report(content, _write(content, [calendar_csv(content, calendar_words())], output, ".csv"))


def _progress(output: str | None) -> Progress:
    """A bar on the terminal while a calendar is read and written; none over the
    calendar itself when it goes to standard output on the same terminal."""
    to_terminal = output == "-" and stdout_is_terminal()
    return Progress(t("Reading shifts and meetings …"), enabled=not to_terminal)


def _scope(member: str | None, group: str | None, meeting: int | None, everyone: bool) -> Scope:
    from shiftcell.db.calendars.content import Scope, ScopeKind

    given = [
        (kind, target)
        for kind, target in (
            (ScopeKind.MEMBER, member),
            (ScopeKind.GROUP, group),
            (ScopeKind.MEETING, meeting),
            (ScopeKind.ALL, True if everyone else None),
        )
        if target is not None
    ]
    if len(given) != 1:
        raise click.UsageError(t("give exactly one of --member, --group, --meeting or --all"))
    kind, target = given[0]
    return Scope(kind, None if kind is ScopeKind.ALL else target)


def _gather(
    store: Store,
    scope: Scope,
    first: date | None,
    last: date | None,
    *,
    shifts: bool = True,
    meetings: bool = True,
) -> CalendarContent:
    from datetime import datetime

    from shiftcell.db.calendars.content import ScopeKind, default_range, gather
    from shiftcell.db.calendars.feeds import UnknownTarget
    from shiftcell.db.meetings import MeetingNotFound

    default_first, default_last = default_range(datetime.now(store.timezone).date())
    if first is not None and last is None:
        default_last = first + (default_last - default_first)
    first, last = first or default_first, last or default_last
    if last < first:
        raise click.BadParameter(t("--to is before --from"), param_hint="--to")
    try:
        return gather(store, scope, first, last, shifts=shifts, meetings=meetings)
    except UnknownTarget:
        if scope.kind is ScopeKind.MEMBER:
            message = t("no member with employee number {value}", value=scope.target)
            raise click.BadParameter(message, param_hint="--member") from None
        message = t("no group named {name}", name=scope.target)
        raise click.BadParameter(message, param_hint="--group") from None
    except MeetingNotFound:
        message = t("no meeting with id {id}", id=scope.target)
        raise click.BadParameter(message, param_hint="--meeting") from None


def _write(
    content: CalendarContent,
    chunks: Iterable[bytes],
    output: str | None,
    suffix: str,
    bar: Progress | None = None,
) -> Path | None:
    """Write ``chunks`` to ``output``: the file written, or None for standard output."""
    from shiftcell.db.calendars.files import file_stem, write_whole

    events = len(content.shifts) + len(content.meetings)
    path = Path(output) if output else Path(file_stem(content) + suffix)
    if bar is not None:
        where = t("standard output") if output == "-" else path
        bar.step(
            tn(
                "Writing {count} event to {path} …",
                "Writing {count} events to {path} …",
                events,
                path=where,
            )
        )
    if output == "-":
        for chunk in chunks:  # one write each: writelines skips wrappers' write()
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return None
    if events >= LONG_EXPORT and not (bar and bar.shown):  # say so in a log, where no bar is drawn
        written = tn(
            "Writing {count} event to {path} …",
            "Writing {count} events to {path} …",
            events,
            path=path,
        )
        click.echo(written, err=True)
    try:
        write_whole(path, chunks)
    except OSError as error:
        message = t("cannot write {path}: {error}", path=path, error=os_error_text(error))
        raise CommandError(message) from None
    return path


def _report(content: CalendarContent, path: Path | None) -> None:
    if path is not None:
        click.echo(
            t(
                "Wrote {shifts} and {meetings} to {path}",
                shifts=tn("{count} shift", "{count} shifts", len(content.shifts)),
                meetings=tn("{count} meeting", "{count} meetings", len(content.meetings)),
                path=path,
            )
        )


COMMANDS: list[click.Command] = [export, feeds, serve_feeds]
