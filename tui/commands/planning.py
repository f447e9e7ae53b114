"""Commands: ``propose`` meeting times to a group, a department, some members or all.

A thin shell: it reads the scope's members, shifts and leave from the store,
asks ``scheduling`` who is free when, and prints the ranked proposals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

import click

from shiftcell.db.planning import DEFAULT_RULES, LEAD_TIME, LONGEST_RANGE
from shiftcell.tui.commands.common import (
    DATE,
    CommandError,
    Needs,
    open_store,
    without_cycle_collection,
)
from shiftcell.tui.commands.localised import Command
from shiftcell.tui.i18n import t, tn

if TYPE_CHECKING:
    from shiftcell.db.planning import Planner
    from shiftcell.db.store import Store
    from shiftcell.scheduling import Member, Purpose, Rules


class ClockParam(click.ParamType[time]):
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
    default=DEFAULT_RULES.duration,
    show_default=True,
    help="Minutes the meeting lasts.",
)
@click.option(
    "--step",
    type=click.IntRange(1, 720),
    default=DEFAULT_RULES.step,
    show_default=True,
    help="Minutes between possible starts, counted from midnight.",
)
@click.option(
    "--buffer",
    type=click.IntRange(0, 240),
    help=f"Minutes of margin around shifts (default {DEFAULT_RULES.buffer}; far posts ask more).",
)
@click.option(
    "--rest",
    type=click.FloatRange(0, 24),
    default=DEFAULT_RULES.rest,
    show_default=True,
    help="Hours of rest after a night shift (0: none).",
)
@click.option(
    "--earliest",
    type=CLOCK,
    default=f"{DEFAULT_RULES.earliest:%H:%M}",
    show_default=True,
    help="First possible start.",
)
@click.option(
    "--latest",
    type=CLOCK,
    default=f"{DEFAULT_RULES.latest:%H:%M}".replace("00:00", "24:00"),
    show_default=True,
    help="Last possible end (24:00 for midnight).",
)
@click.option(
    "--lead-time",
    type=click.IntRange(0, 7 * 24 * 60),
    default=LEAD_TIME // timedelta(minutes=1),
    show_default=True,
    metavar="MINUTES",
    help="No start sooner than this many minutes from now (never one already past).",
)
@click.option(
    "--sessions",
    type=click.IntRange(1, 10),
    default=1,
    show_default=True,
    help="Repeat sessions, so that everyone can attend one.",
)
@click.option(
    "--purpose",
    type=click.Choice(["study", "vote", "election"], case_sensitive=False),
    default="study",
    show_default=True,
    help="study (repeat sessions allowed); vote (one sitting, more than half of the entitled "
    "voters present) or election (one sitting, more than four fifths).",
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
    lead_time: int,
    sessions: int,
    purpose: str,
    top: int,
    require: tuple[str, ...],
    as_json: bool,
) -> None:
    """Propose meeting times most members can attend, and say why the others cannot.

    A vote or an election is one sitting: times that reach its quorum come first,
    and when none does the command says so and exits with status 1.
    """
    from shiftcell.db.planning import Planner
    from shiftcell.scheduling import Purpose
    from shiftcell.tui.commands.progress import Progress
    from shiftcell.tui.commands.proposal_output import render_json, render_text

    meeting_purpose = Purpose(purpose.casefold())
    _check_one_sitting(meeting_purpose, sessions)
    store = open_store(ctx, needs=Needs.READ)
    planner = Planner(store)
    scope = _scope(store, groups, department, everyone, numbers)
    zone = store.timezone
    now = datetime.now(zone)
    first = first or now.date()
    last = last or first + timedelta(days=6)
    _check_dates(first, last)
    rules = _rules(planner, duration, step, buffer, rest, earliest, latest)
    rules = replace(rules, not_before=now + timedelta(minutes=lead_time))
    _check_required(scope, require)
    with without_cycle_collection():
        with Progress(t("Finding meeting times …"), enabled=not as_json):
            proposals = planner.propose(
                scope.members,
                first,
                last,
                rules,
                top=top,
                sessions=sessions,
                require=require,
                purpose=meeting_purpose,
            )
        if as_json:
            click.echo(render_json(proposals, scope.members))
        else:
            click.echo(
                render_text(proposals, scope.members, scope.title, first, last, rules, sessions)
            )
    if proposals.blocked_by or (meeting_purpose.one_sitting and not proposals.quorum_reached):
        ctx.exit(1)


def _check_one_sitting(purpose: Purpose, sessions: int) -> None:
    """Repeat sessions are for study meetings: a vote counts those present at one sitting."""
    from shiftcell.scheduling.votes import ONE_SITTING

    if purpose.one_sitting and sessions > 1:
        raise click.BadParameter(t(ONE_SITTING), param_hint="--sessions")


def _check_required(scope: Scope, require: tuple[str, ...]) -> None:
    from shiftcell.scheduling.votes import is_away

    in_scope = {m.employee_no: m for m in scope.members}
    for number in require:
        member = in_scope.get(number)
        if member is None:
            raise click.BadParameter(
                t("{value} is not among the members asked about", value=number),
                param_hint="--require",
            )
        if is_away(member):
            raise click.BadParameter(
                t("{value} is a mobile member away: nobody expects them here", value=number),
                param_hint="--require",
            )


def _scope(
    store: Store,
    groups: tuple[str, ...],
    department: str | None,
    everyone: bool,
    numbers: tuple[str, ...],
) -> Scope:
    """The members asked about: the union of every scope option given.

    The store shows only what this view may see: under ``--group`` the other
    groups, and their members, simply do not exist here.
    """
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
    planner: Planner,
    duration: int,
    step: int,
    buffer: int | None,
    rest: float,
    earliest: time,
    latest: time,
) -> Rules:
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
    return planner.rules(
        duration=duration, step=step, buffer=buffer, rest=rest, earliest=earliest, latest=latest
    )


COMMANDS: list[click.Command] = [propose]
