"""Commands: ``lapses`` (who is drifting toward six months) and ``make-ups`` (what is owed)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import DATE, Needs, open_store
from shiftcell.tui.commands.localised import Command
from shiftcell.tui.i18n import t, tn

if TYPE_CHECKING:
    from shiftcell.db.make_ups import MakeUpState
    from shiftcell.db.store import Store


@click.command("lapses", cls=Command)
@click.option("--as-of", "as_of", type=DATE, help="Count up to this day (default: today).")
@click.option(
    "--min",
    "minimum",
    type=click.IntRange(0, 1200),
    default=3,
    show_default=True,
    help="List members at least this many whole months without organisational life.",
)
@click.option("--group", help="Only this group's members.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def lapses(
    ctx: click.Context, as_of: date | None, minimum: int, group: str | None, as_json: bool
) -> None:
    """Party members who have gone months without organisational life, longest first."""
    from shiftcell.tui.words.attendance import lapse_level_label, last_attended_label
    from shiftcell.tui.words.textwidth import render_table

    store = narrowed(open_store(ctx, needs=Needs.READ), group)
    day = as_of or today(store)
    found = store.lapses.find(day, minimum)
    if as_json:
        rows = [
            {
                "employee_no": f.member.employee_no,
                "name": f.member.name,
                "group": f.member.group,
                "last_attended": f.lapse.last_attended.isoformat()
                if f.lapse.last_attended
                else None,
                "since": f.lapse.since.isoformat(),
                "months": f.lapse.months,
                "level": f.lapse.level.value if f.lapse.level else None,
            }
            for f in found
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(
            tn(
                "Nobody has gone {count} month without organisational life (as of {day}).",
                "Nobody has gone {count} months without organisational life (as of {day}).",
                minimum,
                day=f"{day:%Y-%m-%d}",
            )
        )
        return
    headers = [t("No."), t("Name"), t("Group"), t("Last attended"), t("Months"), t("Level")]
    table = [
        [
            f.member.employee_no,
            f.member.name,
            f.member.group or "—",
            last_attended_label(f.lapse.last_attended, f.lapse.since),
            str(f.lapse.months),
            lapse_level_label(f.lapse.level),
        ]
        for f in found
    ]
    click.echo(render_table(headers, table))
    click.echo(
        tn(
            "{count} party member {minimum} months or more without organisational life "
            "(as of {day}); six months lapse membership (Party Constitution art. 9).",
            "{count} party members {minimum} months or more without organisational life "
            "(as of {day}); six months lapse membership (Party Constitution art. 9).",
            len(found),
            minimum=minimum,
            day=f"{day:%Y-%m-%d}",
        )
    )


@click.command("make-ups", cls=Command)
@click.option("--as-of", "as_of", type=DATE, help="Count up to this day (default: today).")
@click.option("--group", help="Only this group's members.")
@click.option("--member", "employee_no", help="Only this member (employee number).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def make_ups(
    ctx: click.Context,
    as_of: date | None,
    group: str | None,
    employee_no: str | None,
    as_json: bool,
) -> None:
    """Who still owes a make-up session, for which meeting and for how long."""
    store = narrowed(open_store(ctx, needs=Needs.READ), group)
    day = as_of or today(store)
    state = store.make_ups.state(day)
    if employee_no is not None:
        if store.member(employee_no) is None:
            raise click.BadParameter(
                t("no member with employee number {value}", value=employee_no),
                param_hint="--member",
            )
        from dataclasses import replace

        state = replace(
            state, owed=tuple(o for o in state.owed if o.member.employee_no == employee_no)
        )
    if as_json:
        click.echo(json.dumps(_state_json(state), ensure_ascii=False, indent=2))
        return
    _print_state(state)


def _state_json(state: MakeUpState) -> dict[str, object]:
    members: dict[str, dict[str, object]] = {}
    for owed in state.owed:
        member = owed.member
        entry = members.setdefault(
            member.employee_no,
            {"employee_no": member.employee_no, "name": member.name, "group": member.group},
        )
        entry.setdefault("owes", [])
        owes = entry["owes"]
        assert isinstance(owes, list)
        owes.append(
            {
                "meeting": owed.debt.meeting,
                "type": owed.debt.session.type.value,
                "topic": owed.debt.session.topic,
                "date": owed.debt.since.isoformat(),
                "attendance": owed.debt.state.value,
                "reason": owed.debt.reason,
                "days": owed.days,
            }
        )
    meetings = []
    for head, owing in state.by_meeting().items():
        session = state.meetings.get(head, owing[0].debt.session)
        made_up = state.record.made_up_by(head)
        meetings.append(
            {
                "id": head,
                "type": session.type.value,
                "topic": session.topic,
                "date": owing[0].debt.since.isoformat(),
                "groups": list(session.groups),
                "owing": [o.member.employee_no for o in owing],
                "made_up": [
                    {"employee_no": no, "make_up": m.id, "date": f"{m.start:%Y-%m-%d}"}
                    for no, m in made_up.items()
                ],
            }
        )
    return {
        "as_of": state.as_of.isoformat(),
        "members": list(members.values()),
        "meetings": meetings,
    }


def _print_state(state: MakeUpState) -> None:
    from shiftcell.tui.words.attendance import owed_for
    from shiftcell.tui.words.meetings import attendance_label, meeting_type_label
    from shiftcell.tui.words.textwidth import render_table

    day = f"{state.as_of:%Y-%m-%d}"
    if not state.owed:
        click.echo(t("Nobody owes a make-up session (as of {day}).", day=day))
        return
    headers = [
        t("No."),
        t("Name"),
        t("Group"),
        t("Meeting"),
        t("Date"),
        t("Type"),
        t("Topic"),
        t("Recorded"),
        t("Owed for"),
    ]
    table = [
        [
            o.member.employee_no,
            o.member.name,
            o.member.group or "—",
            str(o.debt.meeting),
            f"{o.debt.since:%Y-%m-%d}",
            meeting_type_label(o.debt.session.type),
            o.debt.session.topic,
            attendance_label(o.debt.state) + (f" ({o.debt.reason})" if o.debt.reason else ""),
            owed_for(o.days),
        ]
        for o in state.owed
    ]
    click.echo(render_table(headers, table))
    click.echo("")
    by_meeting = state.by_meeting()
    rows = []
    for head, owing in by_meeting.items():
        session = state.meetings.get(head, owing[0].debt.session)
        rows.append(
            [
                str(head),
                f"{owing[0].debt.since:%Y-%m-%d}",
                meeting_type_label(session.type),
                session.topic,
                str(len(owing)),
                str(len(state.record.made_up_by(head))),
            ]
        )
    headers = [t("Meeting"), t("Date"), t("Type"), t("Topic"), t("Still owe"), t("Made up")]
    click.echo(render_table(headers, rows))
    members = len({o.member.employee_no for o in state.owed})
    click.echo(
        tn(
            "{count} member owes a make-up session for {meetings} (as of {day}).",
            "{count} members owe a make-up session for {meetings} (as of {day}).",
            members,
            meetings=tn("{count} meeting", "{count} meetings", len(by_meeting)),
            day=day,
        )
    )


def narrowed(store: Store, group: str | None) -> Store:
    """The store, narrowed to a command's ``--group`` when one is given (it must exist)."""
    if group is not None:
        if group not in {g.name for g in store.groups()}:
            raise click.BadParameter(t("no group named {name}", name=group), param_hint="--group")
        store.narrow(group)
    return store


def today(store: Store) -> date:
    return datetime.now(store.timezone).date()


COMMANDS: list[click.Command] = [lapses, make_ups]
