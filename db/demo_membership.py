"""The demo's membership facts: the pipeline's dates, probationary members, mobile members.

Added to the demo's people after they are made, from a random generator of
their own, so that the same seed still gives the same people, groups and
rotations. Relative to the demo's "today": some probationary members are due
for conversion next quarter, one is due this quarter, an external hire among the
development targets has a contract ending within three months, and a few
members are mobile, both ours away and from elsewhere.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from shiftcell.scheduling import Employment, Member, Mobility, Role, Status
from shiftcell.scheduling.cadence import Cadence, add_months, period_of

PROBATIONARY_PER_GROUP = 1  # full members made probationary, in each group big enough
FROM_ELSEWHERE = 2  # full members made card holders from elsewhere (流入)


def with_membership(members: Sequence[Member], seed: int, today: date) -> list[Member]:
    rng = random.Random(f"membership-{seed}")
    people = {m.employee_no: m for m in members}
    _statuses(people, rng)
    probationary = _probationary(people)
    for number, due in zip(
        probationary, _conversion_dates(today, len(probationary), rng), strict=True
    ):
        people[number] = _probationary_dates(people[number], due, rng)
    flagged = False
    for number in sorted(people):
        member = people[number]
        member = _dates(member, today, rng)
        if member.employment is Employment.EXTERNAL and member.status not in (
            Status.FULL,
            Status.NONE,
        ):
            soon = member.status is Status.TARGET and not flagged
            flagged = flagged or soon
            days = rng.randrange(30, 80) if soon else rng.randrange(150, 900)
            member = replace(member, contract_ends=today + timedelta(days=days))
        people[number] = member
    return [people[m.employee_no] for m in members]


def _voters_by_group(people: dict[str, Member]) -> dict[str, list[str]]:
    """Each group's full members who are plain members, here: the ones changed."""
    found: dict[str, list[str]] = {}
    for number in sorted(people):
        m = people[number]
        if m.group and m.role is Role.MEMBER and m.status is Status.FULL and m.mobile is None:
            found.setdefault(m.group, []).append(number)
    return found


def _statuses(people: dict[str, Member], rng: random.Random) -> None:
    """A probationary member in each group, two members from elsewhere, one of ours away."""
    candidates = _voters_by_group(people)
    for group in sorted(candidates):
        numbers = candidates[group]
        if len(numbers) > 2:
            for number in rng.sample(numbers, PROBATIONARY_PER_GROUP):
                people[number] = replace(people[number], status=Status.PROBATIONARY)
    candidates = _voters_by_group(people)
    groups = rng.sample(sorted(candidates), min(FROM_ELSEWHERE, len(candidates)))
    for group in groups:
        number = rng.choice(candidates[group])
        people[number] = replace(people[number], mobile=Mobility.IN)
    if not any(m.mobile is Mobility.OUT for m in people.values()):
        remaining = [no for numbers in _voters_by_group(people).values() for no in numbers]
        if remaining:
            number = rng.choice(remaining)
            people[number] = replace(people[number], mobile=Mobility.OUT)


def _probationary(people: dict[str, Member]) -> list[str]:
    return sorted(no for no, m in people.items() if m.status is Status.PROBATIONARY)


def _conversion_dates(today: date, count: int, rng: random.Random) -> list[date]:
    """Next quarter, this quarter, next quarter, later, and so on."""
    quarter = period_of(today, Cadence.QUARTERLY).next()
    first, last = quarter.first, quarter.last
    spans = [
        (first, last),
        (today + timedelta(days=7), first - timedelta(days=1)),
        (first, last),
        (last + timedelta(days=1), last + timedelta(days=90)),
    ]
    found = []
    for index in range(count):
        start, end = spans[index % len(spans)]
        end = max(start, end)
        found.append(start + timedelta(days=rng.randrange((end - start).days + 1)))
    return found


def _probationary_dates(member: Member, due: date, rng: random.Random) -> Member:
    admitted = add_months(due, -12)
    candidate = admitted - timedelta(days=rng.randrange(100, 250))
    activist = candidate - timedelta(days=rng.randrange(370, 500))
    applied = activist - timedelta(days=rng.randrange(30, 300))
    return replace(
        member,
        applied_on=applied,
        activist_since=activist,
        candidate_since=candidate,
        admitted_on=admitted,
    )


def _dates(member: Member, today: date, rng: random.Random) -> Member:
    """The dates of each stage reached, for everyone but probationary members (done)."""
    status = member.status
    if status is Status.FULL:
        admitted = today - timedelta(days=rng.randrange(2 * 365, 25 * 365))
        return replace(
            member,
            admitted_on=admitted,
            full_since=add_months(admitted, 12) + timedelta(days=rng.randrange(0, 30)),
        )
    if status is Status.TARGET:
        candidate = today - timedelta(days=rng.randrange(30, 300))
        activist = candidate - timedelta(days=rng.randrange(370, 500))
        applied = activist - timedelta(days=rng.randrange(30, 300))
        return replace(
            member, applied_on=applied, activist_since=activist, candidate_since=candidate
        )
    if status is Status.ACTIVIST:
        activist = today - timedelta(days=rng.randrange(60, 600))
        applied = activist - timedelta(days=rng.randrange(30, 300))
        return replace(member, applied_on=applied, activist_since=activist)
    if status is Status.APPLICANT:
        return replace(member, applied_on=today - timedelta(days=rng.randrange(5, 400)))
    return member
