"""Commands: the ``roster``, a member's ``shifts``, and ``import`` from spreadsheets."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from shiftcell.tui.commands.common import DATE, Needs, open_store
from shiftcell.tui.commands.localised import Command, Group
from shiftcell.tui.i18n import t, tn

if TYPE_CHECKING:
    from shiftcell.db.store import Store


@click.command(cls=Command)
@click.option("--group", "groups", multiple=True, help="Only this group (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def roster(ctx: click.Context, groups: tuple[str, ...], as_json: bool) -> None:
    """List the staff: group, role, status, mobile members and external hires."""
    from shiftcell.scheduling import Role
    from shiftcell.scheduling.membership import DATE_FIELDS
    from shiftcell.tui.words.labels import badges, role_label, status_label
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ)
    _check_groups(store, groups)
    members = store.members(groups=groups)
    if as_json:
        rows = [
            {
                "employee_no": m.employee_no,
                "name": m.name,
                "department": m.department,
                "post": m.post,
                "group": m.group,
                "role": m.role.value,
                "status": m.status.value,
                "mobile": m.mobile.value if m.mobile else None,
                "employment": m.employment.value,
                **{name: _iso(getattr(m, name)) for name in DATE_FIELDS},
                "contract_ends": _iso(m.contract_ends),
            }
            for m in members
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    order = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}
    members.sort(key=lambda m: (m.group is None, m.group or "", order[m.role], m.employee_no))
    headers = [
        t("No."),
        t("Name"),
        t("Group"),
        t("Role"),
        t("Status"),
        t("Department"),
        t("Post"),
        t("Mobile / external"),
    ]
    table = [
        [
            m.employee_no,
            m.name,
            m.group or "—",
            role_label(m.role) if m.group else "",
            status_label(m.status),
            m.department,
            m.post or "",
            " · ".join(badges(m)),
        ]
        for m in members
    ]
    click.echo(render_table(headers, table))
    click.echo(t("{count} staff", count=len(members)))


@click.command(cls=Command)
@click.option("--member", "employee_no", required=True, help="Employee number.")
@click.option("--from", "first", type=DATE, help="First date (default: this Monday).")
@click.option("--to", "last", type=DATE, help="Last date, inclusive (default: a week on).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def shifts(
    ctx: click.Context, employee_no: str, first: date | None, last: date | None, as_json: bool
) -> None:
    """A member's shifts that overlap the dates given."""
    from shiftcell.scheduling.localtime import day_start
    from shiftcell.tui.words.labels import weekday_label
    from shiftcell.tui.words.textwidth import render_table

    store = open_store(ctx, needs=Needs.READ)
    member = store.member(employee_no)
    if member is None:
        raise click.BadParameter(
            t("no member with employee number {value}", value=employee_no), param_hint="--member"
        )
    today = date.today()
    first = first or today - timedelta(days=today.weekday())
    last = last or first + timedelta(days=6)
    if last < first:
        raise click.BadParameter(t("--to is before --from"), param_hint="--to")
    zone = store.timezone
    found = store.shifts(
        day_start(first, zone), day_start(last + timedelta(days=1), zone), [employee_no]
    )
    if as_json:
        payload = [
            {"start": s.start.isoformat(), "end": s.end.isoformat(), "post": s.post} for s in found
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(f"{member.employee_no} {member.name} · {member.department}")
    rows = [
        [
            f"{s.start:%Y-%m-%d}",
            weekday_label(s.start.weekday()),
            f"{s.start:%H:%M}–{s.end:%H:%M}" + (" +1" if s.end.date() > s.start.date() else ""),
            s.label or "",
            s.post or "",
        ]
        for s in found
    ]
    click.echo(render_table([t("Date"), t("Day"), t("Hours"), t("Shift"), t("Post")], rows))
    hours = sum(s.hours for s in found)
    shift_count = tn("{count} shift", "{count} shifts", len(found))
    click.echo(t("{shifts}, {hours:.1f} hours", shifts=shift_count, hours=hours))


@click.group("import", cls=Group)
def import_group() -> None:
    """Bring in members or shifts from a .csv or .xlsx file (all or nothing)."""


def _import_command(kind: str) -> click.Command:
    @click.command(kind, cls=Command)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--dry-run", is_flag=True, help="Check the file; write nothing.")
    @click.pass_context
    def command(ctx: click.Context, file: Path, dry_run: bool) -> None:
        from shiftcell.db.importing import ImportFailed, import_members, import_shifts
        from shiftcell.tui.commands.progress import Progress
        from shiftcell.tui.words.imports import (
            outcome_line,
            problem_line,
            refusal_line,
            warning_line,
        )

        store = open_store(ctx, needs=Needs.ORGANISATION)
        run = import_members if kind == "members" else import_shifts
        label = (
            t("Checking {file} …", file=file.name)
            if dry_run
            else t("Importing {file} …", file=file.name)
        )
        try:
            with Progress(label):
                result = run(store, file, dry_run=dry_run)
        except ImportFailed as failed:
            for problem in failed.problems:
                click.echo(problem_line(problem), err=True)
            click.echo(refusal_line(len(failed.problems)), err=True)
            ctx.exit(2)
        for warning in result.warnings:
            click.echo(warning_line(warning), err=True)
        click.echo(outcome_line(file.name, kind, result.changes, dry_run=dry_run))

    # set on the command, not __doc__: click read the docstring already
    command.help = {
        "members": "Members: employee_no, name, department, group "
        "(+ post, role, status, mobile, employment).",
        "shifts": "Shifts: employee_no, date, start, end (+ post); end <= start ends next day.",
    }[kind]
    return command


import_group.add_command(_import_command("members"))
import_group.add_command(_import_command("shifts"))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _check_groups(store: Store, groups: tuple[str, ...]) -> None:
    known = {g.name for g in store.groups()}
    for name in groups:
        if name not in known:
            raise click.BadParameter(t("no group named {name}", name=name), param_hint="--group")


COMMANDS: list[click.Command] = [roster, shifts, import_group]
