"""The pipeline's dates: what falls due next for applicants, activists, targets and
probationary members, and when.

- An applicant is talked with within one month of applying (发展党员工作细则
  art. 9); no rule fixes when they may be named an activist.
- An activist gets a branch review every six months, and may become a
  development target after at least one year of training (细则 art. 11).
- A development target is admitted by a vote of the general meeting; no rule
  fixes when. One who will leave the workplace within three months is not
  normally admitted (细则 art. 19): an external hire whose contract ends within
  three months of becoming a target (or of today, whichever is later) is flagged.
- Probation lasts one year from admission (党章 art. 7): the conversion vote
  falls due at ``admitted_on`` plus one year.

Months and years are counted as the law counts them (民法典 art. 201), with
``scheduling.cadence.add_months``: the same day of the month, or the month's
last day when it has no such day, so a year after 29 February is 28 February.

Members from elsewhere (流入) are left out: their home branch holds their
membership, and decides their admission and conversion.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from shiftcell.scheduling.cadence import add_months
from shiftcell.scheduling.membership import RANK, stage_date
from shiftcell.scheduling.model import Member, Mobility, Status

TALK_WITHIN = 1  # months after applying (细则 art. 9)
REVIEW_EVERY = 6  # months between reviews of an activist
TRAINING = 12  # months an activist trains before becoming a target (细则 art. 11)
LEAVING_WITHIN = 3  # months: a target leaving this soon is not normally admitted (art. 19)
PROBATION = 12  # months from admission to the conversion vote (党章 art. 7)
IN_PIPELINE = (Status.APPLICANT, Status.ACTIVIST, Status.TARGET, Status.PROBATIONARY)


class Step(enum.StrEnum):
    """What falls due for a member in the pipeline."""

    TALK = "talk"  # a talk with the applicant, within a month of applying
    NAME_ACTIVIST = "name_activist"  # the applicant may be named an activist
    REVIEW = "review"  # the activist's six-monthly review
    BECOME_TARGET = "become_target"  # the activist may become a development target
    ADMISSION = "admission"  # the target's admission vote
    CONVERSION = "conversion"  # the probationary member's conversion vote


@dataclass(frozen=True)
class Due:
    step: Step
    on: date | None  # None: no rule fixes a date, or the stage's date is unknown


@dataclass(frozen=True)
class Entry:
    """One member in the pipeline: their stage, since when, and what comes next."""

    member: Member
    since: date | None
    due: tuple[Due, ...]  # soonest first; dates already past come first
    contract_ends_soon: bool  # 细则 art. 19: flag an admission

    @property
    def stage(self) -> Status:
        return self.member.status

    @property
    def next(self) -> Due:
        return self.due[0]

    def overdue(self, as_of: date) -> bool:
        """A conversion vote whose date has passed (other dates are not deadlines)."""
        due = self.next
        return due.step is Step.CONVERSION and due.on is not None and due.on < as_of


def pipeline(members: Iterable[Member], as_of: date) -> list[Entry]:
    """Everyone in the pipeline, what falls due soonest first, undated last."""
    entries = [
        Entry(m, stage_date(m, m.status), _due(m, as_of), _contract_ends_soon(m, as_of))
        for m in members
        if m.status in IN_PIPELINE and m.mobile is not Mobility.IN
    ]
    entries.sort(
        key=lambda e: (
            e.next.on is None,
            e.next.on or as_of,
            -RANK[e.stage],
            e.member.employee_no,
        )
    )
    return entries


def _due(member: Member, as_of: date) -> tuple[Due, ...]:
    since = stage_date(member, member.status)
    status = member.status
    if status is Status.APPLICANT:
        if since is not None and add_months(since, TALK_WITHIN) >= as_of:
            return (Due(Step.TALK, add_months(since, TALK_WITHIN)), Due(Step.NAME_ACTIVIST, None))
        return (Due(Step.NAME_ACTIVIST, None),)
    if status is Status.ACTIVIST:
        if since is None:
            return (Due(Step.BECOME_TARGET, None),)
        found = [
            Due(Step.REVIEW, next_review(since, as_of)),
            Due(Step.BECOME_TARGET, target_from(since)),
        ]
        return tuple(sorted(found, key=lambda d: d.on or as_of))
    if status is Status.TARGET:
        return (Due(Step.ADMISSION, None),)
    return (Due(Step.CONVERSION, conversion_due(since) if since else None),)


def next_review(activist_since: date, as_of: date) -> date:
    """The first six-monthly review of an activist on or after ``as_of``.

    Counted from ``activist_since`` each time, so that a review after 31
    August is on the last day of February and the next on 31 August again.
    """
    behind = (as_of.year - activist_since.year) * 12 + as_of.month - activist_since.month
    count = max(1, behind // REVIEW_EVERY)
    while add_months(activist_since, count * REVIEW_EVERY) < as_of:
        count += 1
    return add_months(activist_since, count * REVIEW_EVERY)


def target_from(activist_since: date) -> date:
    """The first day an activist may become a development target."""
    return add_months(activist_since, TRAINING)


def conversion_due(admitted_on: date) -> date:
    """The day probation ends and the conversion vote falls due."""
    return add_months(admitted_on, PROBATION)


def _contract_ends_soon(member: Member, as_of: date) -> bool:
    """A contract ending within three months of becoming a target, or of ``as_of``."""
    ends = member.contract_ends
    if ends is None or member.status not in (Status.ACTIVIST, Status.TARGET):
        return False
    becoming = member.candidate_since
    if member.status is Status.ACTIVIST:
        becoming = target_from(member.activist_since) if member.activist_since else None
    reference = max(becoming, as_of) if becoming else as_of
    return ends <= add_months(reference, LEAVING_WITHIN)


@dataclass(frozen=True)
class Conversion:
    """A probationary member whose conversion vote falls due."""

    member: Member
    admitted_on: date
    due: date


def conversions_due(members: Iterable[Member], first: date, last: date) -> list[Conversion]:
    """Conversion votes falling due from ``first`` to ``last`` inclusive, soonest first.

    For a planner of vote meetings; pass an early ``first`` to include those
    already overdue.
    """
    found = [
        Conversion(m, m.admitted_on, conversion_due(m.admitted_on))
        for m in members
        if m.status is Status.PROBATIONARY
        and m.mobile is not Mobility.IN
        and m.admitted_on is not None
    ]
    return sorted(
        (c for c in found if first <= c.due <= last), key=lambda c: (c.due, c.member.employee_no)
    )
