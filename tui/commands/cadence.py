"""Commands: ``cadence`` (where each group stands), ``cadence rules``, ``cadence committee``
and ``cadence plan`` (a range of organisational life planned, and booked, in one go)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING

import click
from click_default_group import DefaultGroup

from shiftcell.tui.commands.common import DATE, CommandRefused, Needs, open_store
from shiftcell.tui.commands.localised import Command, Group
from shiftcell.tui.i18n import join_list, t, tn

if TYPE_CHECKING:
    from shiftcell.db.cadence import BoardLine
    from shiftcell.db.cadence_plan import RangePlan
    from shiftcell.db.store import Store
    from shiftcell.scheduling.cadence import Cadence
    from shiftcell.scheduling.meetings import MeetingType


class CadenceGroup(Group, DefaultGroup):
    """``cadence`` alone (or with only options) shows where each group stands."""


@click.group("cadence", cls=CadenceGroup, default="status", default_if_no_args=True)
def cadence_group() -> None:
    """Organisational life on track: where each group stands, the rules, a plan."""


@click.command("status", cls=Command)
@click.option("--group", "group", metavar="NAME", help="Only this group.")
@click.option("--as-of", "as_of", type=DATE, help="The day to look from (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def status(ctx: click.Context, group: str | None, as_of: date | None, as_json: bool) -> None:
    """Where each group and the branch stand: each requirement last held, due by, standing."""
    from shiftcell.scheduling.cadence import Reach

    store = open_store(ctx, needs=Needs.READ)
    _check_group(store, group)
    day = as_of or datetime.now(store.timezone).date()
    lines = store.cadence.board(day)
    if group is not None:
        lines = [line for line in lines if line.group == group]
    elif store.access.whole:  # the branch stands for its groups in branch-wide requirements
        lines = [
            line for line in lines if line.group is None or line.requirement.reach is Reach.GROUP
        ]
    if as_json:
        click.echo(json.dumps([_line_json(line) for line in lines], ensure_ascii=False, indent=2))
        return
    click.echo(_board_text(lines, day))


def _line_json(line: BoardLine) -> dict[str, object]:
    return {
        "group": line.group,
        "requirement": line.requirement.kind.value,
        "last_held": line.last_held.isoformat() if line.last_held else None,
        "due_by": line.due_by.isoformat(),
        "status": line.status.value,
    }


def _board_text(lines: list[BoardLine], day: date) -> str:
    from shiftcell.tui.words.cadence import requirement_label, standing_label, whom_label
    from shiftcell.tui.words.textwidth import render_table

    rows = [
        [
            whom_label(line.group, line.requirement.reach),
            requirement_label(line.requirement.kind),
            f"{line.last_held:%Y-%m-%d}" if line.last_held else "—",
            f"{line.due_by:%Y-%m-%d}",
            standing_label(line.status),
        ]
        for line in lines
    ]
    headers = [t("For"), t("Requirement"), t("Last held"), t("Due by"), t("Standing")]
    title = t("Organisational life as of {day}", day=f"{day:%Y-%m-%d}")
    if not rows:
        return "\n".join([title, t("No requirement is kept: every one is off.")])
    return "\n".join([title, "", render_table(headers, rows)])


@click.command("rules", cls=Command)
@click.option(
    "--set",
    "changes",
    multiple=True,
    metavar="KEY=CADENCE",
    help="Change a requirement's cadence: monthly, quarterly, yearly or off (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def rules(ctx: click.Context, changes: tuple[str, ...], as_json: bool) -> None:
    """How often each requirement must be held; --set changes it for this organisation."""
    store = open_store(ctx, needs=Needs.ORGANISATION if changes else Needs.READ)
    wanted = _parse_changes(changes)
    if wanted:
        store.cadence.set_cadences(wanted)
    from shiftcell.tui.words.cadence import cadence_label, reach_label, requirement_label
    from shiftcell.tui.words.textwidth import render_table

    kept = store.cadence.requirements()
    if as_json:
        payload = [
            {"requirement": r.kind.value, "cadence": r.cadence.value, "reach": r.reach.value}
            for r in kept
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    headers = [t("Code"), t("Requirement"), t("Cadence"), t("Who")]
    rows = [
        [r.kind.value, requirement_label(r.kind), cadence_label(r.cadence), reach_label(r.reach)]
        for r in kept
    ]
    click.echo(render_table(headers, rows))
    if wanted:
        click.echo(tn("Changed {count} rule.", "Changed {count} rules.", len(wanted)))


def _parse_changes(changes: tuple[str, ...]) -> dict[MeetingType, Cadence]:
    """Every ``KEY=CADENCE`` checked before anything is written; the first wrong one named."""
    from shiftcell.tui.words.cadence import (
        cadence_choices,
        parse_cadence_word,
        parse_requirement,
        requirement_choices,
    )

    wanted: dict[MeetingType, Cadence] = {}
    for change in changes:
        key, sign, value = change.replace("＝", "=").partition("=")
        if not sign:
            raise click.BadParameter(
                t("{value!r} is not like group_meeting=monthly", value=change), param_hint="--set"
            )
        kind = parse_requirement(key)
        if kind is None:
            raise click.BadParameter(
                t("{value!r} is not one of {choices}", value=key, choices=requirement_choices()),
                param_hint="--set",
            )
        cadence = parse_cadence_word(value)
        if cadence is None:
            raise click.BadParameter(
                t("{value!r} is not one of {choices}", value=value, choices=cadence_choices()),
                param_hint="--set",
            )
        wanted[kind] = cadence
    return wanted


@click.command("committee", cls=Command)
@click.option(
    "--set",
    "numbers",
    metavar="EMP_NO,…",
    help="The committee is these members from now on (comma separated; '' for none).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def committee(ctx: click.Context, numbers: str | None, as_json: bool) -> None:
    """The branch committee, whom a committee meeting invites; --set records it."""
    from shiftcell.db.planning import parse_words
    from shiftcell.tui.words.labels import role_label
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ if numbers is None else Needs.ORGANISATION)
    if numbers is not None:
        wanted = list(dict.fromkeys(parse_words(numbers)))
        known = {m.employee_no for m in store.members(employee_nos=wanted)} if wanted else set()
        for number in wanted:
            if number not in known:
                raise click.BadParameter(
                    t("no member with employee number {value}", value=number), param_hint="--set"
                )
        store.cadence.set_committee(wanted)
    members = store.cadence.committee()
    if as_json:
        payload = [
            {"employee_no": m.employee_no, "name": m.name, "group": m.group} for m in members
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not members:
        click.echo(t("No committee members recorded: `shiftcell cadence committee --set …`."))
        return
    rows = [[m.employee_no, m.name, m.group or "—", role_label(m.role)] for m in members]
    click.echo(render_table([t("No."), t("Name"), t("Group"), t("Role")], rows))


def _check_group(store: Store, group: str | None) -> None:
    if group is not None and group not in {g.name for g in store.groups()}:
        raise click.BadParameter(t("no group named {name}", name=group), param_hint="--group")


@click.command("plan", cls=Command)
@click.option("--from", "first", type=DATE, required=True, help="First date.")
@click.option("--to", "last", type=DATE, required=True, help="Last date, inclusive.")
@click.option("--group", "group", metavar="NAME", help="Only this group's own meetings.")
@click.option(
    "--duration",
    type=click.IntRange(5, 720),
    help="Minutes every meeting lasts (default: each requirement's own, 45 to 90).",
)
@click.option("--book", is_flag=True, help="Book every planned meeting, all in one go.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def plan(
    ctx: click.Context,
    first: date,
    last: date,
    group: str | None,
    duration: int | None,
    book: bool,
    as_json: bool,
) -> None:
    """Plan every meeting due in these dates around the shifts; --book books them all."""
    from shiftcell.db.cadence_plan import plan_range
    from shiftcell.db.planning import RangeTooLong, check_range
    from shiftcell.tui.commands.cadence_output import plan_json, plan_text
    from shiftcell.tui.commands.common import without_cycle_collection
    from shiftcell.tui.commands.progress import Progress

    store = open_store(ctx, needs=Needs.GROUP if book else Needs.READ)
    _check_group(store, group)
    try:
        check_range(first, last)
    except RangeTooLong as error:
        raise click.BadParameter(_range_message(error), param_hint="--to") from None
    now = datetime.now(store.timezone)
    with without_cycle_collection(), Progress(t("Planning meetings …"), enabled=not as_json) as bar:
        planned = plan_range(
            store, first, last, now, group=group, minutes=duration, tell=bar.update
        )
    booked = _book(store, planned) if book else None
    if as_json:
        click.echo(plan_json(planned))
        return
    click.echo(plan_text(planned, booked))


def _book(store: Store, planned: RangePlan) -> list[int]:
    """Book the plan; one booked meanwhile at a planned time refuses it whole."""
    from shiftcell.db.cadence_plan import book_plan
    from shiftcell.db.meetings import MeetingClash
    from shiftcell.tui.words.cadence import meeting_topic

    try:
        return book_plan(store, planned, meeting_topic)
    except MeetingClash as clash:
        who = join_list(f"{c.employee_no} «{c.topic}»" for c in clash.clashes[:3])
        raise CommandRefused(
            t(
                "a meeting was booked meanwhile at a planned time ({who}); nothing was booked: "
                "plan again",
                who=who,
            )
        ) from None


def _range_message(error: Exception) -> str:
    from shiftcell.db.planning import LONGEST_RANGE

    if "before" in str(error):
        return t("--to is before --from")
    return tn(
        "plan at most {count} day at a time", "plan at most {count} days at a time", LONGEST_RANGE
    )


for command in (status, rules, committee, plan):
    cadence_group.add_command(command)

COMMANDS: list[click.Command] = [cadence_group]
