"""Commands: ``meetings list``, ``book`` and ``cancel``; ``record`` is in ``recording``."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import (
    CommandError,
    CommandRefused,
    Needs,
    find_meeting,
    open_store,
)
from shiftcell.tui.commands.localised import Group
from shiftcell.tui.commands.recording import record
from shiftcell.tui.i18n import join_list, t, tn

if TYPE_CHECKING:
    from shiftcell.db.make_ups import MakeUpRefused
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Invitation
    from shiftcell.scheduling.meetings import Meeting


class MeetingClashRefused(CommandError):
    """A double booking: refused like bad input, nothing is written."""

    exit_code = 2


@click.group("meetings", cls=Group)
def meetings_group() -> None:
    """Meetings: list, book, cancel, record who came."""


@meetings_group.command("list")
@click.option("--group", "groups", multiple=True, help="Only this group's meetings (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_meetings(ctx: click.Context, groups: tuple[str, ...], as_json: bool) -> None:
    """Every meeting in time order, cancelled ones marked."""
    from shiftcell.tui.words.meetings import meeting_type_label, status_label, when_label
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ)
    found = store.meetings.list(groups=_known_groups(store, groups))
    if as_json:
        click.echo(json.dumps([_as_json(m) for m in found], ensure_ascii=False, indent=2))
        return
    now = datetime.now(store.timezone)
    rows = [
        [
            str(m.id),
            when_label(m),
            meeting_type_label(m.type),
            m.topic,
            " ".join(m.groups),
            m.place,
            str(len(m.invited)),
            status_label(m, now),
        ]
        for m in found
    ]
    headers = [
        t("ID"),
        t("When"),
        t("Type"),
        t("Topic"),
        t("Groups"),
        t("Place"),
        t("Invited"),
        t("State"),
    ]
    click.echo(render_table(headers, rows))
    click.echo(tn("{count} meeting", "{count} meetings", len(found)))


@meetings_group.command("book")
@click.option(
    "--group",
    "groups",
    multiple=True,
    help="Group to invite (repeatable); for a make-up session, only its members who owe.",
)
@click.option("--start", required=True, help="Local start, 'YYYY-MM-DD HH:MM'.")
@click.option(
    "--duration",
    required=True,
    type=click.IntRange(5, 24 * 60),
    help="Minutes, 5 to 1440.",
)
@click.option("--type", "kind", required=True, help="Meeting type, in English or Chinese.")
@click.option("--topic", required=True, help="What the meeting is about.")
@click.option("--place", default="", help="Where it is held.")
@click.option("--notes", default="", help="Anything else the invited should know.")
@click.option(
    "--purpose",
    type=click.Choice(["study", "vote", "election"], case_sensitive=False),
    default="study",
    show_default=True,
    help="A vote or an election is one sitting with a quorum of entitled voters.",
)
@click.option(
    "--allow-clash",
    is_flag=True,
    help="Book even when someone invited is already in another meeting at that time.",
)
@click.option(
    "--makes-up",
    "makes_up",
    default="",
    metavar="ID[,ID]",
    help="A make-up session (--type make-up) for these meetings: whoever still owes them is "
    "invited, and no longer owes them once recorded present.",
)
@click.pass_context
def book(
    ctx: click.Context,
    groups: tuple[str, ...],
    start: str,
    duration: int,
    kind: str,
    topic: str,
    place: str,
    notes: str,
    purpose: str,
    allow_clash: bool,
    makes_up: str,
) -> None:
    """Book a meeting and invite every member of the groups.

    For a vote or an election, the entitled voters who cannot attend are listed,
    so that their written opinions can be collected in advance.
    """
    from shiftcell.db.make_ups import MakeUpRefused
    from shiftcell.db.meetings import MeetingClash
    from shiftcell.scheduling import Purpose
    from shiftcell.scheduling.meetings import MeetingType
    from shiftcell.tui.words.meetings import parse_meeting_type, type_choices, when_label

    store = _writable_store(ctx)
    scope = _known_groups(store, groups)
    meeting_type = parse_meeting_type(kind)
    if meeting_type is None:
        raise click.BadParameter(
            t("{value!r} is not one of {choices}", value=kind, choices=type_choices()),
            param_hint="--type",
        )
    if not topic.strip():
        raise click.BadParameter(t("a value is required"), param_hint="--topic")
    begins = _parse_start(start, store)
    made_up = _meeting_ids(makes_up)
    if made_up:
        if meeting_type is not MeetingType.MAKE_UP:
            raise click.BadParameter(
                t("--makes-up is for a make-up session: give --type make-up"),
                param_hint="--type",
            )
        try:
            store.make_ups.made_up_heads(meeting_type, begins, made_up)
        except MakeUpRefused as refused:
            raise click.BadParameter(_make_up_refusal(refused), param_hint="--makes-up") from None
        scope, invited = _make_up_invitees(store, made_up, scope)
    elif not scope:
        raise click.UsageError(t("give --group (or --makes-up for a make-up session)"))
    else:
        invited = [m.employee_no for m in store.members(groups=scope)]
    try:
        meeting = store.meetings.book(
            type=meeting_type,
            topic=topic.strip(),
            start=begins,
            end=begins + timedelta(minutes=duration),
            groups=scope,
            invited=invited,
            place=place.strip(),
            notes=notes.strip(),
            purpose=Purpose(purpose.casefold()),
            allow_clash=allow_clash,
            makes_up=made_up,
        )
    except MeetingClash as clash:
        raise MeetingClashRefused(_clash_text(store, clash.clashes, begins.date())) from None
    except MakeUpRefused as refused:
        raise click.BadParameter(_make_up_refusal(refused), param_hint="--makes-up") from None
    click.echo(
        t(
            "Booked meeting {id}: {when}, {count} invited.",
            id=meeting.id,
            when=when_label(meeting),
            count=len(meeting.invited),
        )
    )
    _tell_who_cannot_come(store, meeting)


def _meeting_ids(text: str) -> list[int]:
    """``12,15``: meeting ids, each once."""
    found: list[int] = []
    for word in filter(None, (w.strip() for w in text.replace("，", ",").split(","))):
        if not word.isdigit():
            raise click.BadParameter(
                t("{value!r} is not a meeting ID", value=word), param_hint="--makes-up"
            )
        if int(word) not in found:
            found.append(int(word))
    return found


def _make_up_invitees(
    store: Store, made_up: list[int], groups: list[str]
) -> tuple[list[str], list[str]]:
    """The groups and members of a make-up session: who still owes those meetings
    (of ``groups``' members, when given); its groups, when not given, are theirs."""
    from shiftcell.scheduling.make_ups import MakeUps

    owing: dict[str, None] = {}
    meetings = []
    for meeting_id in made_up:
        meeting = find_meeting(store, meeting_id)
        sessions = store.meetings.series(meeting_id)
        record = MakeUps([*sessions, *store.meetings.make_ups_for(meeting_id)])
        owing.update(dict.fromkeys(d.employee_no for d in record.debts(meeting.head)))
        meetings.append(meeting)
    if groups:
        mine = {m.employee_no for m in store.members(groups=groups)}
        owing = {no: None for no in owing if no in mine}
    else:
        groups = list(dict.fromkeys(g for m in meetings for g in m.groups))
        if store.access.group is not None:
            groups = [store.access.group]  # a group's leader makes up for their own group
            mine = {m.employee_no for m in store.members()}
            owing = {no: None for no in owing if no in mine}
    if not owing:
        raise click.BadParameter(
            t(
                "nobody here still owes a make-up session for meeting {id}",
                id=join_list(map(str, made_up)),
            ),
            param_hint="--makes-up",
        )
    return groups, list(owing)


def _make_up_refusal(refused: MakeUpRefused) -> str:
    """The store's refusal in the user's language, the meeting's type named in it."""
    from shiftcell.scheduling.meetings import MeetingType
    from shiftcell.tui.words.meetings import meeting_type_label

    fields = dict(refused.fields)
    kind = fields.get("type")
    if isinstance(kind, MeetingType):
        fields["type"] = meeting_type_label(kind)
    return t(refused.template, **fields)


def _clash_text(
    store: Store, clashes: tuple[Invitation, ...], on: date, *, moving: bool = False
) -> str:
    """Who is already in which meeting at that time, one line each."""
    from shiftcell.scheduling import Reason, ReasonKind
    from shiftcell.tui.words.reasons import describe

    names = {
        m.employee_no: m.name for m in store.members(employee_nos=[c.employee_no for c in clashes])
    }
    count = len(clashes)
    if moving:
        head = t(
            "{count} invited already have a meeting at that time; nothing was moved "
            "(--allow-clash moves it anyway):",
            count=count,
        )
    else:
        head = t(
            "{count} invited already have a meeting at that time; nothing was booked "
            "(--allow-clash books it anyway):",
            count=count,
        )
    lines = [head]
    for c in clashes:
        reason = Reason(ReasonKind.MEETING, c.start, c.end, label=c.topic, meeting=c.meeting)
        lines.append(
            "  "
            + t(
                "{name} {no}: {reason} (meeting {id})",
                name=names.get(c.employee_no, ""),
                no=c.employee_no,
                reason=describe(reason, on),
                id=c.meeting,
            )
        )
    return "\n".join(lines)


def _tell_who_cannot_come(store: Store, meeting: Meeting) -> None:
    """A time typed by hand may clash with shifts: say so while it can still be moved.

    For a vote: how many entitled voters can be present, and who cannot, whose
    written opinions can be collected in advance.
    """
    from shiftcell.db.planning import Planner
    from shiftcell.scheduling.votes import is_away
    from shiftcell.tui.words.reasons import describe
    from shiftcell.tui.words.votes import away_reason, vote_line, vote_summary

    planner = Planner(store)
    seen = planner.outlook(meeting)
    invited = [a.employee_no for a in meeting.invited]
    members = {m.employee_no: m for m in store.members(employee_nos=invited)}
    busy = {
        no: describe(reason, meeting.start.date())
        for no, reason in seen.items()
        if reason is not None
    }
    busy |= {no: away_reason() for no, m in members.items() if is_away(m)}
    if busy:
        click.echo(t("Cannot come ({count}):", count=len(busy)))
        for no, why in busy.items():
            name = members[no].name if no in members else no
            click.echo(f"  {name} {no} — {why}")
    count = planner.vote_count(meeting)
    if count is None:
        return
    click.echo(vote_line(meeting.purpose, count.voters, count.needed))
    click.echo(vote_summary(count, meeting, members))


@meetings_group.command("cancel")
@click.argument("meeting_id", metavar="ID", type=int)
@click.pass_context
def cancel(ctx: click.Context, meeting_id: int) -> None:
    """Cancel a meeting; it stays listed, marked cancelled."""
    store = _writable_store(ctx)
    meeting = find_meeting(store, meeting_id)
    if meeting.cancelled:
        click.echo(t("Meeting {id} was already cancelled.", id=meeting_id))
        return
    store.meetings.cancel(meeting_id)
    click.echo(t("Cancelled meeting {id}.", id=meeting_id))


@meetings_group.command("move")
@click.argument("meeting_id", metavar="ID", type=int)
@click.option("--start", required=True, help="New local start, 'YYYY-MM-DD HH:MM'.")
@click.option(
    "--allow-clash",
    is_flag=True,
    help="Move it even when someone invited is in another meeting at that time.",
)
@click.pass_context
def move(ctx: click.Context, meeting_id: int, start: str, allow_clash: bool) -> None:
    """Move a meeting not yet begun to another start, keeping its length.

    Everyone invited stays invited; calendars see the same event moved. Refused,
    as a booking is, when someone invited is in another meeting at the new time.
    """
    from shiftcell.db.meetings import MeetingClash
    from shiftcell.tui.words.meetings import when_label

    store = _writable_store(ctx)
    meeting = find_meeting(store, meeting_id)
    now = datetime.now(store.timezone)
    if meeting.cancelled:
        raise CommandRefused(t("meeting {id} was cancelled: book it again", id=meeting_id))
    if meeting.start <= now:
        raise CommandRefused(t("meeting {id} has begun: it stays where it was held", id=meeting_id))
    begins = _parse_start(start, store)
    if begins <= now:
        raise click.BadParameter(t("{value!r} has passed", value=start), param_hint="--start")
    try:
        moved = store.meetings.move(meeting_id, begins, allow_clash=allow_clash)
    except MeetingClash as clash:
        text = _clash_text(store, clash.clashes, begins.date(), moving=True)
        raise MeetingClashRefused(text) from None
    click.echo(t("Moved meeting {id} to {when}.", id=meeting_id, when=when_label(moved)))
    _tell_who_cannot_come(store, moved)


def _writable_store(ctx: click.Context) -> Store:
    return open_store(ctx, needs=Needs.GROUP)


def _known_groups(store: Store, groups: tuple[str, ...]) -> list[str]:
    """The groups asked for, each checked to exist in this view."""
    known = {g.name for g in store.groups()}
    for name in groups:
        if name not in known:
            raise click.BadParameter(t("no group named {name}", name=name), param_hint="--group")
    return list(dict.fromkeys(groups))


def _parse_start(text: str, store: Store) -> datetime:
    from shiftcell.tui.words.meetings import not_a_start, parse_start

    start = parse_start(text, store.timezone)
    if start is None:
        raise click.BadParameter(not_a_start(text), param_hint="--start")
    return start


def _as_json(meeting: Meeting) -> dict[str, object]:
    return {
        "id": meeting.id,
        "type": meeting.type.value,
        "topic": meeting.topic,
        "start": meeting.start.isoformat(),
        "end": meeting.end.isoformat(),
        "groups": list(meeting.groups),
        "place": meeting.place,
        "notes": meeting.notes,
        "status": meeting.status.value,
        "series": meeting.series,
        "purpose": meeting.purpose.value,
        "invited": [
            {
                "employee_no": a.employee_no,
                "attendance": a.state.value if a.state else None,
                "reason": a.reason,
            }
            for a in meeting.invited
        ],
        "guests": list(meeting.guests),
        "attendance_rate": meeting.attendance_rate,
        "needs_make_up": list(meeting.needs_make_up),
        "makes_up": list(meeting.makes_up),
        "written_opinions": [
            {
                "employee_no": o.employee_no,
                "note": o.note,
                "received": o.received.isoformat() if o.received else None,
            }
            for o in meeting.written_opinions
        ],
    }


meetings_group.add_command(record)

COMMANDS: list[click.Command] = [meetings_group]
