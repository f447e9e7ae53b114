"""Commands: ``members set`` a member's membership facts, and the ``pipeline`` with its dates."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from shiftcell.tui.commands.common import DATE, Needs, open_store
from shiftcell.tui.commands.localised import Command, Group
from shiftcell.tui.i18n import t, tn

if TYPE_CHECKING:
    from shiftcell.scheduling import Member, Mobility, Status
    from shiftcell.scheduling.pipeline import Entry

CLEAR = "none"  # what a date option takes to forget a date
# Each date option, and the member's field it sets.
DATE_OPTIONS = {
    "applied_on": "--applied-on",
    "activist_since": "--activist-since",
    "candidate_since": "--candidate-since",
    "admitted_on": "--admitted-on",
    "full_since": "--full-since",
    "contract_ends": "--contract-ends",
}


class DayOrNone(click.ParamType[date | None]):
    """A YYYY-MM-DD date, or ``none`` to forget the date stored."""

    name = "DATE|none"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date | None:
        if value is None or isinstance(value, date):
            return value
        if str(value).strip().casefold() in (CLEAR, "-", "无"):
            return None
        return DATE.convert(value, param, ctx)


DAY_OR_NONE = DayOrNone()


@click.group("members", cls=Group)
def members_group() -> None:
    """A member's membership facts: status, its dates, mobility, contract."""


def _date_option(field: str, help_text: str) -> click.Option:
    return click.Option([DATE_OPTIONS[field], field], type=DAY_OR_NONE, help=help_text)


@members_group.command("set")
@click.argument("employee_no", metavar="EMP_NO")
@click.option("--status", help="full, probationary, target, activist, applicant or none (or 中文).")
@click.option(
    "--mobile", help="out (ours, away), in (from elsewhere, with a card) or none (or 流出/流入)."
)
@click.pass_context
def set_member(
    ctx: click.Context, /, employee_no: str, status: str | None, mobile: str | None, **days: object
) -> None:
    """Change a member's status, the dates of the pipeline, mobility or contract end.

    A date given as none forgets it. Nothing is written unless every value is
    valid and the dates follow the stages in order.
    """
    from shiftcell.scheduling.membership import date_problems

    store = open_store(ctx, needs=Needs.ORGANISATION)
    member = store.member(employee_no)
    if member is None:
        raise click.BadParameter(
            t("no member with employee number {value}", value=employee_no), param_hint="EMP_NO"
        )
    # Given as none, a date is forgotten; not given at all, it stays.
    changes: dict[str, object] = {
        name: value
        for name, value in days.items()
        if ctx.get_parameter_source(name) is not ParameterSource.DEFAULT
    }
    if status is not None:
        changes["status"] = _status(status)
    if mobile is not None:
        changes["mobile"] = _mobility(mobile)
    if not changes:
        raise click.UsageError(t("nothing to change: give --status, --mobile or a date option"))
    updated = replace(member, **changes)  # type: ignore[arg-type]
    for problem in date_problems(updated):
        raise click.BadParameter(
            t(problem.template, value=problem.value.isoformat(), **problem.fields),
            param_hint=DATE_OPTIONS[problem.name],
        )
    store.save(members=[updated])
    click.echo(facts_line(updated))


for _field, _help in (
    ("applied_on", "Date of the application to join (申请入党日期)."),
    ("activist_since", "Date named an activist (确定积极分子日期)."),
    ("candidate_since", "Date named a development target (确定发展对象日期)."),
    ("admitted_on", "Date admitted as a probationary member (接收预备党员日期)."),
    ("full_since", "Date of conversion to full membership (转正日期)."),
    ("contract_ends", "An external hire's contract end (合同到期日期)."),
):
    set_member.params.append(_date_option(_field, _help))


def _status(text: str) -> Status:
    from shiftcell.db.importing.values import STATUSES, choices_text, lookup

    found = lookup(STATUSES, text)
    if found is None:
        raise click.BadParameter(
            t("{value!r} is not one of {choices}", value=text, choices=choices_text(STATUSES)),
            param_hint="--status",
        )
    return found


def _mobility(text: str) -> Mobility | None:
    from shiftcell.db.importing.values import MOBILITY, NOT_MOBILE, choices_text, lookup

    if text.strip().casefold() in NOT_MOBILE:
        return None
    found = lookup(MOBILITY, text)
    if found is None:
        choices = f"{choices_text(MOBILITY)}, none/无"
        raise click.BadParameter(
            t("{value!r} is not one of {choices}", value=text, choices=choices),
            param_hint="--mobile",
        )
    return found


def facts_line(member: Member) -> str:
    """``HQ0005 王芳: probationary, admitted 2025-12-10, mobile, away``."""
    from shiftcell.tui.words.labels import status_label
    from shiftcell.tui.words.votes import mobility_label

    parts = [status_label(member.status)]
    for field, label in _date_labels().items():
        value: date | None = getattr(member, field)
        if value is not None:
            parts.append(f"{label} {value:%Y-%m-%d}")
    if member.mobile:
        parts.append(mobility_label(member.mobile))
    return f"{member.employee_no} {member.name}: {', '.join(parts)}"


def _date_labels() -> dict[str, str]:
    return {
        "applied_on": t("applied"),
        "activist_since": t("activist since"),
        "candidate_since": t("target since"),
        "admitted_on": t("admitted"),
        "full_since": t("full member since"),
        "contract_ends": t("contract ends"),
    }


@click.command(cls=Command)
@click.option("--as-of", "as_of", type=DATE, help="The day to count from (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def pipeline(ctx: click.Context, as_of: date | None, as_json: bool) -> None:
    """Applicants, activists, development targets and probationary members: what falls
    due next and when, and the conversions due next quarter."""
    from shiftcell.scheduling.cadence import Cadence, period_of
    from shiftcell.scheduling.membership import out_of_range
    from shiftcell.scheduling.pipeline import conversions_due
    from shiftcell.scheduling.pipeline import pipeline as build

    wrong = None if as_of is None else out_of_range(as_of)
    if wrong is not None:
        raise click.BadParameter(
            t(wrong.template, value=wrong.value.isoformat(), **wrong.fields), param_hint="--as-of"
        )
    store = open_store(ctx, needs=Needs.READ)
    day = as_of or datetime.now(store.timezone).date()
    members = store.members()
    entries = build(members, day)
    quarter = period_of(day, Cadence.QUARTERLY).next()
    first, last = quarter.first, quarter.last
    due = conversions_due(members, first, last)
    if as_json:
        payload = {
            "as_of": day.isoformat(),
            "entries": [_entry_json(e, day) for e in entries],
            "next_quarter": {
                "first": first.isoformat(),
                "last": last.isoformat(),
                "conversions": [
                    {
                        "employee_no": c.member.employee_no,
                        "name": c.member.name,
                        "group": c.member.group,
                        "admitted_on": c.admitted_on.isoformat(),
                        "due": c.due.isoformat(),
                    }
                    for c in due
                ],
            },
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(_pipeline_text(entries, day, first, last, [c.member for c in due]))


def _entry_json(entry: Entry, as_of: date) -> dict[str, object]:
    member = entry.member

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "employee_no": member.employee_no,
        "name": member.name,
        "group": member.group,
        "stage": member.status.value,
        "since": iso(entry.since),
        "next": {"step": entry.next.step.value, "on": iso(entry.next.on)},
        "due": [{"step": d.step.value, "on": iso(d.on)} for d in entry.due],
        "overdue": entry.overdue(as_of),
        "mobile": member.mobile.value if member.mobile else None,
        "contract_ends": iso(member.contract_ends),
        "contract_ends_soon": entry.contract_ends_soon,
    }


def _pipeline_text(
    entries: list[Entry], as_of: date, first: date, last: date, due: list[Member]
) -> str:
    from shiftcell.tui.words.textwidth import render_table
    from shiftcell.tui.words.votes import due_label, flag_label, stage_label, step_label

    headers = [
        t("No."),
        t("Name"),
        t("Group"),
        t("Stage"),
        t("Since"),
        t("Next"),
        t("Due"),
        t("Note"),
    ]
    rows = [
        [
            e.member.employee_no,
            e.member.name,
            e.member.group or "—",
            stage_label(e.stage),
            f"{e.since:%Y-%m-%d}" if e.since else "—",
            step_label(e.next.step),
            due_label(e, as_of),
            flag_label(e),
        ]
        for e in entries
    ]
    lines = [
        tn(
            "Pipeline as of {day}: {count} person",
            "Pipeline as of {day}: {count} people",
            len(entries),
            day=f"{as_of:%Y-%m-%d}",
        ),
        render_table(headers, rows),
        t(
            "Conversions due next quarter ({first} – {last}): {who}",
            first=f"{first:%Y-%m-%d}",
            last=f"{last:%Y-%m-%d}",
            who=", ".join(f"{m.name} {m.employee_no}" for m in due) or t("none"),
        ),
    ]
    return "\n".join(lines)


COMMANDS: list[click.Command] = [members_group, pipeline]
