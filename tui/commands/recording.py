"""Command: ``meetings record``: who came, guests, minutes, a vote's written opinions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import CommandError, Needs, find_meeting, open_store
from shiftcell.tui.commands.localised import Command
from shiftcell.tui.i18n import join_list, t

if TYPE_CHECKING:
    from collections.abc import Mapping

    from shiftcell.db.attendance import AttendanceRefused
    from shiftcell.db.store import Store
    from shiftcell.scheduling.meetings import AttendanceState, Meeting


@click.command("record", cls=Command)
@click.argument("meeting_id", metavar="ID", type=int)
@click.option("--present", default="", help="Employee numbers, comma separated.")
@click.option(
    "--excused",
    multiple=True,
    help="EMPLOYEE_NO:reason (repeatable); a reason is required.",
)
@click.option("--absent", default="", help="Employee numbers, comma separated.")
@click.option(
    "--guest",
    "guests",
    multiple=True,
    metavar="EMP_NO",
    help="Came without an invitation (a mobile member from elsewhere); repeatable or comma "
    "separated. Not counted among the invited, never owing a make-up session.",
)
@click.option(
    "--remove-guest",
    "not_guests",
    multiple=True,
    metavar="EMP_NO",
    help="Take someone recorded as a guest off the record (repeatable).",
)
@click.option("--notes", default=None, help="The meeting's record (minutes).")
@click.option(
    "--written-opinion",
    "opinions",
    multiple=True,
    metavar="EMP_NO[:NOTE]",
    help="An absent voter's written opinion, received (repeatable); before the vote too.",
)
@click.option(
    "--withdraw-opinion",
    "withdrawn",
    multiple=True,
    metavar="EMP_NO",
    help="Take back a written opinion recorded by mistake (repeatable).",
)
@click.pass_context
def record(
    ctx: click.Context,
    meeting_id: int,
    present: str,
    excused: tuple[str, ...],
    absent: str,
    guests: tuple[str, ...],
    not_guests: tuple[str, ...],
    notes: str | None,
    opinions: tuple[str, ...],
    withdrawn: tuple[str, ...],
) -> None:
    """Record who was present, excused (and why) or absent, and who came as a guest, after
    the meeting; and for a vote, the written opinions of entitled voters who cannot attend,
    before it too."""
    from shiftcell.db.attendance import AttendanceRefused

    store = open_store(ctx, needs=Needs.GROUP)
    meeting = find_meeting(store, meeting_id)
    if meeting.cancelled:
        raise CommandError(t("meeting {id} was cancelled", id=meeting_id))
    entries = _attendance_entries(present, excused, absent)
    came = _numbers(guests, "--guest", named=entries)
    gone = _numbers(not_guests, "--remove-guest", named={**entries, **dict.fromkeys(came)})
    given = _opinions(opinions, withdrawn)
    records_attendance = bool(entries or came or gone) or notes is not None
    if not records_attendance and not given and not withdrawn:
        raise click.UsageError(
            t("give --present, --excused, --absent, --guest, --notes or --written-opinion")
        )
    if records_attendance and meeting.start.timestamp() > datetime.now(store.timezone).timestamp():
        raise CommandError(t("meeting {id} has not started yet", id=meeting_id))
    named = [*given, *withdrawn]  # the store checks who attendance names
    known = {m.employee_no for m in store.members(employee_nos=named)} if named else set()
    for employee_no in named:
        if employee_no not in known:
            raise click.BadParameter(t("no member with employee number {value}", value=employee_no))
    # Attendance first, so that an opinion of someone just recorded present is refused;
    # one transaction, so that a refusal leaves nothing half-recorded.
    try:
        with store.transaction():
            if records_attendance:
                store.attendance.record(
                    meeting_id, entries, notes=notes, guests=came, not_guests=gone
                )
            if given or withdrawn:
                _record_opinions(store, meeting, given, withdrawn)
    except AttendanceRefused as refused:
        raise click.BadParameter(_refusal_text(refused, meeting_id)) from None
    if records_attendance:
        _tell_recorded(store, meeting_id)


def _tell_recorded(store: Store, meeting_id: int) -> None:
    """The meeting's attendance as recorded now: the rate, guests, what was made up,
    and who needs a make-up session."""
    from shiftcell.scheduling.meetings import AttendanceState, owing_make_up

    updated = store.meetings.get(meeting_id)
    rate = updated.attendance_rate
    attended = sum(a.state is AttendanceState.PRESENT for a in updated.invited)
    click.echo(
        t(
            "Meeting {id}: {present} of {invited} present ({rate}).",
            id=meeting_id,
            present=attended,
            invited=len(updated.invited),
            rate=f"{rate:.0%}",
        )
        if rate is not None
        else t(
            "Meeting {id}: {present} of {invited} present.",
            id=meeting_id,
            present=attended,
            invited=len(updated.invited),
        )
    )
    if updated.guests:
        click.echo(
            t(
                "Guests (not counted among the invited): {members}",
                members=join_list(updated.guests),
            )
        )
    made_up = store.meetings.make_ups_for(meeting_id)
    present_there = [no for m in made_up if not m.cancelled for no in m.present]
    owing = owing_make_up(store.meetings.series(meeting_id), present_there)
    if updated.makes_up and updated.present:
        click.echo(
            t(
                "Made up meeting {id}: {members}",
                id=join_list(map(str, updated.makes_up)),
                members=join_list(updated.present),
            )
        )
    if owing:
        names = {m.employee_no: m.name for m in store.members(employee_nos=list(owing))}
        who = join_list(f"{names.get(no, '')} {no}".strip() for no in owing)
        click.echo(t("Needs a make-up session: {members}", members=who))


def _numbers(given: tuple[str, ...], option: str, named: Mapping[str, object]) -> list[str]:
    """Employee numbers from a repeatable, comma-separated option; none named twice."""
    found: list[str] = []
    for employee_no in (w.strip() for text in given for w in text.split(",")):
        if not employee_no:
            continue
        if employee_no in named or employee_no in found:
            raise click.BadParameter(
                t("{value} is named more than once", value=employee_no), param_hint=option
            )
        found.append(employee_no)
    return found


def _refusal_text(refused: AttendanceRefused, meeting_id: int) -> str:
    """What the store refused, the first kind of mistake first: nothing was recorded."""
    if refused.unknown:
        return t("no member with employee number {value}", value=", ".join(refused.unknown))
    if refused.not_invited:
        return t(
            "not invited to meeting {id}: {members}; record someone who came without an "
            "invitation with --guest",
            id=meeting_id,
            members=", ".join(refused.not_invited),
        )
    return t(
        "invited to meeting {id}, so not guests: {members}; record them with --present",
        id=meeting_id,
        members=", ".join(refused.invited),
    )


def _attendance_entries(
    present: str, excused: tuple[str, ...], absent: str
) -> dict[str, tuple[AttendanceState, str]]:
    """Who was recorded how; a member named twice is refused, whichever lists."""
    from shiftcell.scheduling.meetings import AttendanceState

    entries: dict[str, tuple[AttendanceState, str]] = {}

    def add(employee_no: str, state: AttendanceState, reason: str, option: str) -> None:
        if employee_no in entries:
            raise click.BadParameter(
                t("{value} is named more than once", value=employee_no), param_hint=option
            )
        entries[employee_no] = (state, reason)

    for option, text, state in (
        ("--present", present, AttendanceState.PRESENT),
        ("--absent", absent, AttendanceState.ABSENT),
    ):
        for employee_no in filter(None, (part.strip() for part in text.split(","))):
            add(employee_no, state, "", option)
    for item in excused:
        employee_no, _, reason = item.partition(":")
        if not employee_no.strip() or not reason.strip():
            raise click.BadParameter(
                t("{value!r} is not like HQ0001:reason", value=item), param_hint="--excused"
            )
        add(employee_no.strip(), AttendanceState.EXCUSED, reason.strip(), "--excused")
    return entries


def _opinions(opinions: tuple[str, ...], withdrawn: tuple[str, ...]) -> dict[str, str]:
    """Written opinions by employee number, with their notes; a number named twice is refused."""
    given: dict[str, str] = {}
    for item in opinions:
        employee_no, _, note = item.partition(":")
        employee_no = employee_no.strip()
        if not employee_no:
            raise click.BadParameter(
                t("{value!r} is not like HQ0001 or HQ0001:note", value=item),
                param_hint="--written-opinion",
            )
        if employee_no in given or employee_no in withdrawn:
            raise click.BadParameter(
                t("{value} is named more than once", value=employee_no),
                param_hint="--written-opinion",
            )
        given[employee_no] = note.strip()
    return given


def _record_opinions(
    store: Store, meeting: Meeting, given: dict[str, str], withdrawn: tuple[str, ...]
) -> None:
    from shiftcell.db.attendance import OpinionRefused

    try:
        updated = store.attendance.record_opinions(meeting.id, given, withdrawn)
    except OpinionRefused as refused:
        raise click.BadParameter(
            t(refused.template, **refused.fields), param_hint="--written-opinion"
        ) from None
    click.echo(
        t(
            "Meeting {id}, written opinions ({count}): {members}",
            id=meeting.id,
            count=len(updated.written_opinions),
            members=join_list(o.employee_no for o in updated.written_opinions) or t("none"),
        )
    )
