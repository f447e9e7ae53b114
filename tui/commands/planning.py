"""Commands: ``propose`` meeting times to a group, a department, some members or all.

A thin shell: it reads the scope's members, shifts and leave from the store,
asks ``scheduling`` who is free when, and prints the ranked proposals.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import DATE, CommandError, open_store
from shiftcell.tui.commands.localised import Command
from shiftcell.tui.i18n import t, tn

if TYPE_CHECKING:
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member, Rules

LONGEST_RANGE = 92  # days: a quarter, the longest a secretary plans ahead


class ClockParam(click.ParamType):
    """An HH:MM time of day; 24:00 is the end of the day (stored as 00:00)."""

    name = "HH:MM"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> time:
        if isinstance(value, time):
            return value
        text = str(value).strip()
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
        hour, minute = (int(match[1]), int(match[2])) if match else (-1, -1)
        if (hour, minute) == (24, 0):
            return time(0)
        if not (0 <= hour < 24 and 0 <= minute < 60):
            self.fail(t("{value!r} is not a time like 08:30", value=value), param, ctx)
        return time(hour, minute)


CLOCK = ClockParam()


@dataclass(frozen=True)
class Scope:
    """Whom to meet, and how the header names them."""

    members: list[Member]
    title: str


@click.command(cls=Command)
@click.option(
    "--group", "groups", multiple=True, metavar="NAME", help="Members of this group (repeatable)."
)
@click.option("--department", metavar="NAME", help="Everyone in this department.")
@click.option("--all", "everyone", is_flag=True, help="Everyone in the organisation.")
@click.option(
    "--member", "numbers", multiple=True, metavar="EMP_NO", help="This member (repeatable)."
)
@click.option("--from", "first", type=DATE, help="First date (default: today).")
@click.option("--to", "last", type=DATE, help="Last date, inclusive (default: six days on).")
@click.option(
    "--duration",
    type=click.IntRange(5, 720),
    default=45,
    show_default=True,
    help="Minutes the meeting lasts.",
)
@click.option(
    "--step",
    type=click.IntRange(1, 720),
    default=15,
    show_default=True,
    help="Minutes between possible starts, counted from midnight.",
)
@click.option(
    "--buffer",
    type=click.IntRange(0, 240),
    help="Minutes of margin around shifts (default 15; far posts ask more).",
)
@click.option(
    "--rest",
    type=click.FloatRange(0, 24),
    default=6.0,
    show_default=True,
    help="Hours of rest after a night shift (0: none).",
)
@click.option(
    "--earliest", type=CLOCK, default="07:00", show_default=True, help="First possible start."
)
@click.option(
    "--latest",
    type=CLOCK,
    default="22:00",
    show_default=True,
    help="Last possible end (24:00 for midnight).",
)
@click.option(
    "--sessions",
    type=click.IntRange(1, 10),
    default=1,
    show_default=True,
    help="Repeat sessions, so that everyone can attend one.",
)
@click.option(
    "--top", type=click.IntRange(1, 50), default=5, show_default=True, help="How many proposals."
)
@click.option(
    "--require",
    multiple=True,
    metavar="EMP_NO",
    help="Only times this member can attend (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def propose(
    ctx: click.Context,
    groups: tuple[str, ...],
    department: str | None,
    everyone: bool,
    numbers: tuple[str, ...],
    first: date | None,
    last: date | None,
    duration: int,
    step: int,
    buffer: int | None,
    rest: float,
    earliest: time,
    latest: time,
    sessions: int,
    top: int,
    require: tuple[str, ...],
    as_json: bool,
) -> None:
    """Propose meeting times most members can attend, and say why the others cannot."""
    from shiftcell.scheduling import find_availability
    from shiftcell.scheduling import propose as rank
    from shiftcell.scheduling.localtime import day_start
    from shiftcell.tui.commands.proposal_output import render_json, render_text

    store = open_store(ctx, read_only=True)
    scope = _scope(store, ctx.obj.scope_group, groups, department, everyone, numbers)
    zone = store.timezone
    first = first or datetime.now(zone).date()
    last = last or first + timedelta(days=6)
    _check_dates(first, last)
    rules = _rules(store, duration, step, buffer, rest, earliest, latest)
    in_scope = {m.employee_no for m in scope.members}
    for number in require:
        if number not in in_scope:
            raise click.BadParameter(
                t("{value} is not among the members asked about", value=number),
                param_hint="--require",
            )
    margin = rules.reach
    start, end = day_start(first, zone) - margin, day_start(last + timedelta(days=1), zone) + margin
    with _without_cycle_collection():
        shifts, leave = store.shifts_and_leave(start, end, None if everyone else sorted(in_scope))
        availability = find_availability(scope.members, shifts, leave, first, last, zone, rules)
        proposals = rank(availability, top=top, sessions=sessions, require=require)
        if as_json:
            click.echo(render_json(proposals))
        else:
            click.echo(
                render_text(proposals, scope.members, scope.title, first, last, rules, sessions)
            )
    if proposals.blocked_by:
        ctx.exit(1)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while shifts are made by the hundred thousand.

    None of them is part of a reference cycle, yet every full collection walks
    them all, again and again while they are alive: with everyone's shifts over
    a month that took half the command's time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _scope(
    store: Store,
    scope_group: str | None,
    groups: tuple[str, ...],
    department: str | None,
    everyone: bool,
    numbers: tuple[str, ...],
) -> Scope:
    """The members asked about: the union of every scope option given."""
    if scope_group is not None:
        outside = [g for g in groups if g != scope_group]
        if outside or department is not None or everyone:
            raise CommandError(t("only group {group} can be planned for here", group=scope_group))
        groups = (scope_group,)
    if not (groups or department or everyone or numbers):
        raise CommandError(
            t("choose whom to meet: --group NAME, --department NAME, --member EMP_NO or --all")
        )
    known_groups = {g.name for g in store.groups()}
    for name in groups:
        if name not in known_groups:
            raise click.BadParameter(t("no group named {name}", name=name), param_hint="--group")
    if department is not None and department not in {d.name for d in store.departments()}:
        raise click.BadParameter(
            t("no department named {name}", name=department), param_hint="--department"
        )
    chosen = {m.employee_no: m for m in store.members(employee_nos=numbers)} if numbers else {}
    for number in numbers:
        if number not in chosen:
            raise click.BadParameter(
                t("no member with employee number {value}", value=number), param_hint="--member"
            )
        if scope_group is not None and chosen[number].group != scope_group:
            raise CommandError(t("only group {group} can be planned for here", group=scope_group))
    if everyone:
        chosen.update((m.employee_no, m) for m in store.members())
    if groups:
        chosen.update((m.employee_no, m) for m in store.members(groups=groups))
    if department is not None:
        chosen.update((m.employee_no, m) for m in store.members(department=department))
    names = [*groups, *([department] if department else []), *numbers]
    title = t("everyone") if everyone else ", ".join(names)
    return Scope([chosen[no] for no in sorted(chosen)], title)


def _check_dates(first: date, last: date) -> None:
    if last < first:
        raise click.BadParameter(t("--to is before --from"), param_hint="--to")
    if (last - first).days >= LONGEST_RANGE:
        raise click.BadParameter(
            tn(
                "plan at most {count} day at a time",
                "plan at most {count} days at a time",
                LONGEST_RANGE,
            ),
            param_hint="--to",
        )


def _rules(
    store: Store,
    duration: int,
    step: int,
    buffer: int | None,
    rest: float,
    earliest: time,
    latest: time,
) -> Rules:
    from shiftcell.scheduling import Rules

    end_minute = latest.hour * 60 + latest.minute or 24 * 60
    if end_minute - (earliest.hour * 60 + earliest.minute) < duration:
        raise click.BadParameter(
            t(
                "no {duration}-minute meeting fits between {earliest} and {latest}",
                duration=duration,
                earliest=f"{earliest:%H:%M}",
                latest="24:00" if end_minute == 24 * 60 else f"{latest:%H:%M}",
            ),
            param_hint="--earliest/--latest",
        )
    posts = {p.name: p.travel_buffer for p in store.posts() if p.travel_buffer is not None}
    return Rules(
        duration=duration,
        step=step,
        buffer=15 if buffer is None else buffer,
        rest=rest,
        earliest=earliest,
        latest=latest,
        post_buffers=posts,
        fixed_buffer=buffer is not None,
    )


COMMANDS: list[click.Command] = [propose]
