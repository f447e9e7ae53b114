"""The pipeline's dates, across year ends and leap days, against a plain reading of the rules."""

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from shiftcell.scheduling import Employment, Member, Mobility, Status
from shiftcell.scheduling.cadence import add_months
from shiftcell.scheduling.membership import EARLIEST, LATEST, OUT_OF_RANGE, date_problems
from shiftcell.scheduling.pipeline import (
    Step,
    conversion_due,
    conversions_due,
    next_review,
    pipeline,
    target_from,
)

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def oracle_months_after(day: date, months: int) -> date:
    """Count months on the calendar; a day the month lacks becomes its last day (民法典 201)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def person(no: str, status: Status, **facts: object) -> Member:
    return Member(no, f"Name {no}", "Canteen", group="G", status=status, **facts)  # type: ignore[arg-type]


@given(DAYS, st.integers(-40, 40))
def test_months_are_counted_as_the_calendar_counts_them(day: date, months: int) -> None:
    assert add_months(day, months) == oracle_months_after(day, months)


def test_a_year_after_a_leap_day_is_the_last_day_of_february() -> None:
    """Admitted on 29 February 2024: probation ends on 28 February 2025, and in a leap
    year on the 29th again."""
    assert conversion_due(date(2024, 2, 29)) == date(2025, 2, 28)
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)
    assert conversion_due(date(2025, 12, 31)) == date(2026, 12, 31)
    assert target_from(date(2023, 2, 28)) == date(2024, 2, 28)


@given(DAYS, DAYS)
def test_the_next_review_is_the_first_six_monthly_date_on_or_after_the_day(
    since: date, as_of: date
) -> None:
    """Reviews fall every six months counted from the day named an activist, never drifting."""
    found = next_review(since, as_of)
    stops = [oracle_months_after(since, 6 * k) for k in range(1, 200)]
    expected = next(d for d in stops if d >= as_of)
    assert found == expected


def test_reviews_after_31_august_come_back_to_the_31st() -> None:
    since = date(2025, 8, 31)
    assert next_review(since, date(2025, 9, 1)) == date(2026, 2, 28)
    assert next_review(since, date(2026, 3, 1)) == date(2026, 8, 31)


@given(
    st.lists(
        st.tuples(st.sampled_from(list(Status)), st.none() | DAYS, st.booleans()), max_size=12
    ),
    DAYS,
    DAYS,
)
def test_conversions_due_in_a_range_are_exactly_the_oracles(
    people: list[tuple[Status, date | None, bool]], a: date, b: date
) -> None:
    """For the planner of vote meetings: every probationary member of ours whose year
    ends in the range, and no one else."""
    first, last = min(a, b), max(a, b)
    members = [
        person(
            f"M{index:02d}",
            status,
            admitted_on=admitted if status in (Status.PROBATIONARY, Status.FULL) else None,
            mobile=Mobility.IN if elsewhere else None,
        )
        for index, (status, admitted, elsewhere) in enumerate(people)
    ]
    expected = sorted(
        (oracle_months_after(m.admitted_on, 12), m.employee_no)
        for m in members
        if m.status is Status.PROBATIONARY
        and m.admitted_on is not None
        and m.mobile is not Mobility.IN
        and first <= oracle_months_after(m.admitted_on, 12) <= last
    )
    found = conversions_due(members, first, last)
    assert [(c.due, c.member.employee_no) for c in found] == expected


def test_each_stage_says_what_falls_due_next() -> None:
    as_of = date(2026, 12, 9)
    members = [
        person("A1", Status.APPLICANT, applied_on=date(2026, 11, 20)),
        person("A2", Status.APPLICANT, applied_on=date(2026, 6, 1)),
        person("V1", Status.ACTIVIST, activist_since=date(2026, 3, 1)),
        person("V2", Status.ACTIVIST, activist_since=date(2025, 11, 1)),
        person("T1", Status.TARGET, candidate_since=date(2026, 10, 1)),
        person("P1", Status.PROBATIONARY, admitted_on=date(2026, 1, 15)),
        person("P2", Status.PROBATIONARY, admitted_on=date(2025, 11, 30)),
        person("P3", Status.PROBATIONARY),
        person("F1", Status.FULL, full_since=date(2020, 1, 1)),
        person("X1", Status.PROBATIONARY, admitted_on=date(2026, 1, 1), mobile=Mobility.IN),
    ]
    entries = {e.member.employee_no: e for e in pipeline(members, as_of)}
    assert set(entries) == {"A1", "A2", "V1", "V2", "T1", "P1", "P2", "P3"}
    assert entries["A1"].next.step is Step.TALK and entries["A1"].next.on == date(2026, 12, 20)
    assert entries["A2"].next.step is Step.NAME_ACTIVIST and entries["A2"].next.on is None
    assert entries["V1"].next.step is Step.REVIEW and entries["V1"].next.on == date(2027, 3, 1)
    assert [d.step for d in entries["V1"].due] == [Step.REVIEW, Step.BECOME_TARGET]
    # A year of training done: may become a target since 1 November.
    assert entries["V2"].next.step is Step.BECOME_TARGET
    assert entries["V2"].next.on == date(2026, 11, 1) and not entries["V2"].overdue(as_of)
    assert entries["P1"].next.step is Step.CONVERSION and entries["P1"].next.on == date(2027, 1, 15)
    assert entries["P2"].overdue(as_of)
    assert entries["P3"].next.on is None
    order = [e.member.employee_no for e in pipeline(members, as_of)]
    assert order.index("P2") < order.index("P1") < order.index("A2")  # overdue first, undated last


def test_a_contract_ending_within_three_months_of_becoming_a_target_is_flagged() -> None:
    """细则 art. 19: one who will leave within three months is not normally admitted."""
    as_of = date(2026, 12, 9)

    def flagged(status: Status, ends: date, **facts: object) -> bool:
        member = person("E", status, employment=Employment.EXTERNAL, contract_ends=ends, **facts)
        (entry,) = pipeline([member], as_of)
        return entry.contract_ends_soon

    target = {"candidate_since": date(2026, 10, 1)}
    assert flagged(Status.TARGET, date(2027, 3, 9), **target)
    assert not flagged(Status.TARGET, date(2027, 3, 10), **target)
    # An activist who may become a target next autumn, contract ending soon after it.
    activist = {"activist_since": date(2026, 9, 1)}
    assert flagged(Status.ACTIVIST, date(2027, 11, 30), **activist)
    assert not flagged(Status.ACTIVIST, date(2027, 12, 2), **activist)
    assert not flagged(Status.PROBATIONARY, date(2026, 12, 31), admitted_on=date(2026, 6, 1))


def test_dates_out_of_order_or_beyond_the_status_are_named() -> None:
    """A typo in a roster must not become a conversion vote due in the wrong year."""
    fine = person(
        "OK",
        Status.PROBATIONARY,
        applied_on=date(2024, 1, 5),
        activist_since=date(2024, 3, 1),
        candidate_since=date(2025, 4, 1),
        admitted_on=date(2025, 10, 1),
    )
    assert date_problems(fine) == []
    backwards = person(
        "B", Status.PROBATIONARY, candidate_since=date(2025, 4, 1), admitted_on=date(2024, 10, 1)
    )
    (problem,) = date_problems(backwards)
    assert problem.name == "admitted_on" and "2025-04-01" in str(problem.fields)
    ahead = person("C", Status.ACTIVIST, admitted_on=date(2025, 10, 1))
    (problem,) = date_problems(ahead)
    assert problem.name == "admitted_on"
    assert [
        p.name for p in date_problems(person("N", Status.NONE, applied_on=date(2025, 1, 1)))
    ] == ["applied_on"]


def test_a_date_off_the_calendar_of_membership_is_named_before_anything_is_counted() -> None:
    """9999-12-31 would make the conversion vote fall due in the year 10000, which Python
    cannot hold; 1900 is before anyone could join. Both are typos, named as such."""
    far = person(
        "F",
        Status.PROBATIONARY,
        admitted_on=date(9999, 12, 31),
        contract_ends=date(1900, 1, 1),
    )
    found = {(p.name, p.template) for p in date_problems(far)}
    assert found == {("admitted_on", OUT_OF_RANGE), ("contract_ends", OUT_OF_RANGE)}
    edge = person("E", Status.FULL, admitted_on=LATEST - timedelta(days=400), full_since=LATEST)
    assert date_problems(edge) == []
    assert date_problems(person("O", Status.APPLICANT, applied_on=EARLIEST)) == []


MEMBERSHIP_DAYS = st.dates(min_value=EARLIEST, max_value=LATEST)


@given(
    st.sampled_from([Status.APPLICANT, Status.ACTIVIST, Status.TARGET, Status.PROBATIONARY]),
    st.lists(st.one_of(st.none(), MEMBERSHIP_DAYS), min_size=5, max_size=5),
    MEMBERSHIP_DAYS,
)
def test_every_member_the_dates_check_lets_through_has_a_pipeline_entry(
    status: Status, days: list[date | None], as_of: date
) -> None:
    """What passes ``date_problems`` (so what an import or ``members set`` can store) never
    makes the pipeline fail, whatever the day it is counted from, up to the last one."""
    names = ("applied_on", "activist_since", "candidate_since", "admitted_on", "contract_ends")
    member = person("P", status, **dict(zip(names, sorted(days, key=_none_first), strict=True)))
    if date_problems(member):
        return
    (entry,) = pipeline([member], as_of)
    assert entry.member is member
    quarter_end = date(as_of.year, 12, 31)
    conversions_due([member], as_of, quarter_end)


def _none_first(day: date | None) -> date:
    return date.min if day is None else day
