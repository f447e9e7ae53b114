"""A member's stage in the pipeline, the date of each stage, and which dates make sense.

applicant (入党申请人) → activist (入党积极分子) → development target (发展对象)
→ probationary member (预备党员) → full member (正式党员). Each stage has a
date on the member (``applied_on`` … ``full_since``); any may be unknown.
Known dates follow the stages' order, and none belongs to a stage the member
has not reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from shiftcell.scheduling.model import Member, Status

# Each stage in order, with the member's field holding the date it was reached.
STAGES: tuple[tuple[Status, str], ...] = (
    (Status.APPLICANT, "applied_on"),
    (Status.ACTIVIST, "activist_since"),
    (Status.TARGET, "candidate_since"),
    (Status.PROBATIONARY, "admitted_on"),
    (Status.FULL, "full_since"),
)
DATE_FIELDS = tuple(name for _, name in STAGES)
RANK = {status: index for index, (status, _) in enumerate(STAGES)}

# Nobody joined before the party was founded; the far end is the importers' last year.
# Outside these, a date is a typo, and counting a year on from it could leave the calendar.
EARLIEST = date(1921, 7, 1)
LATEST = date(2100, 12, 31)

BEFORE_EARLIER_STAGE = "{value} is before the date of an earlier stage ({earlier})"
LATER_THAN_STATUS = "{value} is the date of a stage the member's status has not reached"
OUT_OF_RANGE = "{value} is not between {first} and {last}"
TEMPLATES = (BEFORE_EARLIER_STAGE, LATER_THAN_STATUS, OUT_OF_RANGE)


@dataclass(frozen=True)
class DateProblem:
    """A date that cannot stand: the member's field holding it, and an English template."""

    name: str
    value: date
    template: str
    fields: dict[str, object] = field(default_factory=dict)


def stage_date(member: Member, status: Status) -> date | None:
    """When the member reached ``status`` (None: unknown, or not a pipeline stage)."""
    for stage, name in STAGES:
        if stage is status:
            value: date | None = getattr(member, name)
            return value
    return None


def out_of_range(value: date) -> DateProblem | None:
    """A date before ``EARLIEST`` or after ``LATEST`` (``name`` left for the caller)."""
    if EARLIEST <= value <= LATEST:
        return None
    bounds: dict[str, object] = {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()}
    return DateProblem("", value, OUT_OF_RANGE, bounds)


def date_problems(member: Member) -> list[DateProblem]:
    """What is wrong with the member's pipeline dates and contract end; empty when they
    make sense."""
    problems: list[DateProblem] = []
    for name in (*DATE_FIELDS, "contract_ends"):
        value: date | None = getattr(member, name)
        wrong = None if value is None else out_of_range(value)
        if wrong is not None:
            problems.append(replace(wrong, name=name))
    if problems:
        return problems  # the order of stages means nothing with a date off the calendar
    reached = RANK.get(member.status, -1)
    latest: date | None = None
    for index, (_, name) in enumerate(STAGES):
        value = getattr(member, name)
        if value is None:
            continue
        if index > reached:
            problems.append(DateProblem(name, value, LATER_THAN_STATUS))
        elif latest is not None and value < latest:
            problems.append(
                DateProblem(name, value, BEFORE_EARLIER_STAGE, {"earlier": latest.isoformat()})
            )
        latest = value if latest is None else max(latest, value)
    return problems
